//! The report as the person who ran the merge reads it: what each input
//! brought, then every conflict with the value kept and those it won over.

use super::{Report, show};
use crate::model::Stamp;
use std::fmt;

fn stamp_text(stamp: &Stamp) -> String {
    format!("{} by {}", stamp.0.strftime("%Y-%m-%d %H:%M:%S"), stamp.2)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize, noun: &str| crate::words::count(n, noun);
        writeln!(
            f,
            "merged {} into {}, {}, {}, {}",
            plural(self.inputs.len(), "file"),
            plural(self.sessions, "session"),
            plural(self.insights, "insight"),
            plural(self.participants, "participant"),
            plural(self.themes, "theme"),
        )?;
        for input in &self.inputs {
            writeln!(
                f,
                "  {}: {}, {} ({} new: in no other file), {}, {}",
                input.name,
                plural(input.sessions, "session"),
                plural(input.insights, "insight"),
                input.new_insights,
                plural(input.participants, "participant"),
                plural(input.themes, "theme"),
            )?;
        }
        if self.conflicts.is_empty() {
            return writeln!(
                f,
                "no conflicts: no field was edited differently in two copies"
            );
        }
        writeln!(
            f,
            "{} resolved (the latest edit wins; equal times: the greater value):",
            plural(self.conflicts.len(), "conflict")
        )?;
        for c in &self.conflicts {
            writeln!(f, "  {} · {} · {}", c.session, c.record, c.field)?;
            // One window over every value, from just before where they
            // first differ: cut at one width from the start, two values
            // differing near the end printed alike.
            let values = std::iter::once(&c.kept.0).chain(c.lost.iter().map(|(v, _)| v));
            let from = window(&c.kept.0, values);
            let kept = show(&from_char(&c.kept.0, from));
            writeln!(f, "    kept {kept} ({})", stamp_text(&c.kept.1))?;
            for (value, stamp) in &c.lost {
                let value = show(&from_char(value, from));
                writeln!(f, "    over {value} ({})", stamp_text(stamp))?;
            }
        }
        if self.open > 0 {
            writeln!(
                f,
                "{} kept open in the merged file (equal stamps, every value kept): \
                 stb check lists them, stb review chooses",
                plural(self.open, "conflict")
            )?;
        }
        Ok(())
    }
}

/// How much a value may show before where the values first differ.
const LEAD: usize = 20;

/// The character to start showing `values` from: the start, unless they
/// first differ past what a line shows, then a little before that.
fn window<'a>(kept: &str, values: impl Iterator<Item = &'a String>) -> usize {
    let differs = values.filter_map(|v| first_difference(kept, v)).min();
    let differs = differs.unwrap_or(0);
    if differs < super::SHOWN - LEAD {
        0
    } else {
        differs - LEAD
    }
}

/// The first character at which `a` and `b` differ, one ending first
/// included; None if they are equal.
fn first_difference(a: &str, b: &str) -> Option<usize> {
    let (mut a, mut b) = (a.chars(), b.chars());
    let mut at = 0;
    loop {
        match (a.next(), b.next()) {
            (None, None) => return None,
            (x, y) if x == y => at += 1,
            _ => return Some(at),
        }
    }
}

/// `text` from its `from`th character, "…" standing for what is left out.
fn from_char(text: &str, from: usize) -> String {
    match text.char_indices().nth(from) {
        Some((at, _)) if from > 0 => format!("…{}", &text[at..]),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Conflict, Report};
    use crate::model::StampClock;

    fn report(kept: &str, lost: &str) -> String {
        let stamp = StampClock::new("ann").stamp_at(jiff::Timestamp::UNIX_EPOCH);
        let conflict = Conflict {
            session: "Glasgow (Govan)".into(),
            record: "insight 01K".into(),
            field: "text",
            kept: (format!("{kept:?}"), stamp.clone()),
            lost: vec![(format!("{lost:?}"), stamp)],
        };
        let report = Report {
            inputs: Vec::new(),
            conflicts: vec![conflict],
            sessions: 1,
            insights: 1,
            participants: 0,
            themes: 0,
            open: 0,
        };
        report.to_string()
    }

    fn line<'a>(text: &'a str, start: &str) -> &'a str {
        let found = text.lines().find(|l| l.trim_start().starts_with(start));
        found.unwrap_or_else(|| panic!("no {start} line in {text}"))
    }

    #[test]
    fn values_differing_past_the_cut_are_shown_from_where_they_differ() {
        let head = "The food bank and the council met every Friday and ".repeat(2);
        let text = report(
            &format!("{head}nobody was turned away"),
            &format!("{head}NOBODY was turned away"),
        );
        let (kept, over) = (line(&text, "kept"), line(&text, "over"));
        assert!(kept.contains("kept …") && kept.contains("nobody"), "{text}");
        assert!(over.contains("over …") && over.contains("NOBODY"), "{text}");
        // Values that differ early are shown from their start, cut at the end.
        let text = report(&format!("Early {head}"), &format!("Later {head}"));
        assert!(line(&text, "kept").contains("kept \"Early"), "{text}");
        assert!(line(&text, "over").contains("over \"Later"), "{text}");
        assert!(line(&text, "over").contains("…"), "{text}");
        // One value the other's beginning (a list, say, one item longer):
        // where the shorter ends is shown.
        let long = format!("{head}and more");
        assert_eq!(
            super::window(&long, [&head].into_iter()),
            head.len() - super::LEAD
        );
    }
}
