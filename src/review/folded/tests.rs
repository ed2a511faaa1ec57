use super::*;
use crate::model::{Comment, InsightFields, Stamp, StampClock};

fn stamp() -> Stamp {
    StampClock::new("t").stamp_at(jiff::Timestamp::UNIX_EPOCH)
}

fn insight(text: &str, comments: &[(&str, bool)]) -> Insight {
    let fields = InsightFields {
        question: 1,
        text: text.into(),
        ..InsightFields::default()
    };
    let mut insight = Insight::create(fields, &stamp());
    for &(text, deleted) in comments {
        let mut comment = Comment::new(text.into(), &stamp());
        comment.deleted = deleted;
        insight.comments.push(comment);
    }
    insight
}

/// `texts` kept by index, as for insights that are not all ASCII.
fn holding(texts: &[&str]) -> FoldedTexts {
    FoldedTexts::from_kept(texts.iter().map(Some))
}

/// Every text of `folded`, read back by index.
fn all(folded: &FoldedTexts, count: usize) -> Vec<&str> {
    (0..count).map(|i| folded.get(i)).collect()
}

#[test]
fn every_text_reads_back_after_replacements_longer_shorter_and_empty() {
    let mut folded = holding(&["ysgol", "", "cymru a'r byd", "z"]);
    assert_eq!(all(&folded, 4), ["ysgol", "", "cymru a'r byd", "z"]);

    folded.replace(0, "ysgol gymunedol y pentref");
    assert_eq!(
        all(&folded, 4),
        ["ysgol gymunedol y pentref", "", "cymru a'r byd", "z"],
        "longer, at the start: the texts after it move on"
    );
    folded.replace(2, "byd");
    assert_eq!(
        all(&folded, 4),
        ["ysgol gymunedol y pentref", "", "byd", "z"],
        "shorter, in the middle: the texts after it move back"
    );
    folded.replace(1, "newydd");
    folded.replace(3, "");
    assert_eq!(
        all(&folded, 4),
        ["ysgol gymunedol y pentref", "newydd", "byd", ""],
        "an empty text filled, and the last emptied"
    );
}

#[test]
fn non_ascii_texts_read_back_whole_after_replacements() {
    let mut folded = holding(&["siân", "ŵyr 🍞", "môn"]);
    folded.replace(1, "ŷ");
    folded.replace(0, "siân a'r ŵyr, ysgôl 🍞🍞");
    folded.replace(2, "é");
    assert_eq!(all(&folded, 3), ["siân a'r ŵyr, ysgôl 🍞🍞", "ŷ", "é"]);
}

#[test]
fn the_texts_hold_no_spare_capacity_made_or_lengthened() {
    let mut folded = holding(&["ysgôl", "môn", "cymru"]);
    assert_eq!(folded.text.capacity(), folded.text.len());
    assert_eq!(folded.ends.capacity(), folded.ends.len());
    folded.replace(1, "ynys môn a'r cyffiniau");
    assert_eq!(
        folded.text.capacity(),
        folded.text.len(),
        "an edit grows the buffer by what it adds, not by doubling"
    );
}

#[test]
fn an_all_ascii_insight_keeps_nothing_yet_is_searched_as_folded() {
    let insights = [
        insight("Food Hub in the VILLAGE", &[("Ask PAVS", false)]),
        insight("Yr Ysgôl became a hub", &[]),
        insight("Plain text", &[("Siân agreed", false)]),
        insight("Plain TEXT", &[("Siân withdrew this", true)]),
        insight("\u{301}", &[]),
    ];
    let folded = FoldedTexts::of(&insights);
    assert_eq!(folded.get(0), "", "all ASCII: nothing kept");
    assert_eq!(folded.get(1), "yr ysgol became a hub");
    assert_eq!(
        folded.get(2),
        "plain text\nsian agreed",
        "kept for its comment"
    );
    assert_eq!(folded.get(3), "", "a withdrawn comment is not searched");
    assert!(
        !folded.all_ascii[4],
        "a lone accent folds to nothing, but not as ASCII does"
    );
    let mut lowered = String::new();
    for (i, insight) in insights.iter().enumerate() {
        assert_eq!(
            folded.searchable(i, insight, &mut lowered),
            searchable(insight),
            "insight {i}"
        );
    }
}

#[test]
fn refolding_an_edited_insight_searches_its_new_text() {
    let mut insights = vec![
        insight("Cafe", &[]),
        insight("Caffi", &[]),
        insight("Ysgôl", &[]),
    ];
    let mut folded = FoldedTexts::of(&insights);
    insights[0].text = "Café in the Neuadd".into();
    folded.refold(0, &insights[0]);
    insights[2].text = "School".into();
    folded.refold(2, &insights[2]);
    insights[1]
        .comments
        .push(Comment::new("Pôb lwc".into(), &stamp()));
    folded.refold(1, &insights[1]);
    let mut lowered = String::new();
    let searched: Vec<String> = (insights.iter().enumerate())
        .map(|(i, insight)| folded.searchable(i, insight, &mut lowered).to_owned())
        .collect();
    assert_eq!(searched, ["cafe in the neuadd", "caffi\npob lwc", "school"]);
}
