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
            writeln!(
                f,
                "    kept {} ({})",
                show(&c.kept.0),
                stamp_text(&c.kept.1)
            )?;
            for (value, stamp) in &c.lost {
                writeln!(f, "    over {} ({})", show(value), stamp_text(stamp))?;
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
