//! The heap a loaded session holds, beside the file's size.

use super::{Budget, Figure, Row, common, heap_held};

pub fn memory(rows: &mut Vec<Row>) {
    let text = common::text(&common::session_10k_on_question());
    let (_dir, path) = common::file_with(&text);
    let file = Figure::Bytes(text.len());
    let (session, kept) = heap_held(|| stb::storage::load(&path).unwrap());
    drop(kept);
    let (app, kept) = heap_held(|| common::opened(&path, stb::storage::load(&path).unwrap()));
    drop(kept);
    let (review, kept) = heap_held(|| common::reviewing(stb::storage::load(&path).unwrap()));
    drop(kept);
    for (name, bytes) in [
        ("heap: loaded 10k session / file size", session),
        ("heap: app open on it / file size", app),
        ("heap: review of it / file size", review),
    ] {
        rows.push(Row {
            operation: name.into(),
            value: Figure::Bytes(bytes),
            floor: Some(Figure::Bytes(text.len())),
            budget: Budget::Ratio(3.0),
        });
    }
    rows.push(Row {
        operation: "  file size".into(),
        value: file,
        floor: None,
        budget: Budget::Info,
    });
}
