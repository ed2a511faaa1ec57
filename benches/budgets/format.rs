//! The file format (issue #14, point 3): the generated 10,000-insight session
//! in format 3 against the same session in format 2 (every stamp written, as
//! stb wrote it before), side by side in one run: bytes an insight (at most
//! 500), and what parsing, loading and writing each text costs.

use super::{Budget, Figure, Row, common, pair, timed};
use std::path::Path;

pub fn old_and_new(rows: &mut Vec<Row>) {
    let session = common::session_10k();
    let insights = session.insights.len();
    let new = common::text(&session);
    let old = stb::storage::to_ron_format_2(&session);
    rows.push(Row {
        operation: "file: bytes an insight, format 3 (floor: format 2)".into(),
        value: Figure::Count(new.len() / insights),
        floor: Some(Figure::Count(old.len() / insights)),
        budget: Budget::AtMost(500.0),
    });

    let parse = |text: &str| ron::from_str::<stb::model::Session>(text).unwrap();
    let (new_parse, old_parse) = pair(15, 15.0, || parse(&new), || parse(&old));
    let name = "ron parse 10k: format 3 text (floor: format 2 text)";
    rows.push(timed(name, new_parse, Some(old_parse), Budget::Info));

    let path = Path::new("big.ron");
    let load = |text: &str| stb::storage::parse_session(text, path).unwrap();
    let (new_load, old_load) = pair(15, 15.0, || load(&new), || load(&old));
    let name = "parse+check 10k: format 3 (floor: format 2)";
    rows.push(timed(name, new_load, Some(old_load), Budget::Info));

    let (new_save, old_save) = pair(
        15,
        15.0,
        || common::text(&session),
        || stb::storage::to_ron_format_2(&session),
    );
    let name = "write text 10k: format 3 (floor: format 2, with a clone)";
    rows.push(timed(name, new_save, Some(old_save), Budget::Info));
}
