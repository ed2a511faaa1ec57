//! The review screen's export picker: every format in full words and each
//! option as a toggle, so nobody has to remember that `qdc` is a codebook
//! or guess how to ask for pseudonyms. The choice is a small value the
//! review keeps (the picker opens where it was left); Enter turns it into
//! the bytes of the export and a name that says what they hold, for the
//! loop to write.

use super::review::{Review, ReviewFocus};
use super::{Action, Effect};
use crate::export::{self, ExportName, Format, Options};

/// An export being chosen: its format and how names are treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportPicker {
    /// The format chosen, one of [`Format::ALL`] (the picker's rows).
    pub format: Format,
    /// Pseudonymise and coarsen, each toggled by its own key.
    pub options: Options,
}

impl Default for ExportPicker {
    /// The Markdown report, names as consent allows: the usual first export.
    fn default() -> ExportPicker {
        ExportPicker {
            format: Format::Md,
            options: Options::default(),
        }
    }
}

impl ExportPicker {
    /// Where the chosen format sits in [`Format::ALL`], the picker's rows.
    pub fn row(&self) -> usize {
        Format::ALL
            .iter()
            .position(|f| *f == self.format)
            .unwrap_or(0)
    }

    /// The format above or below, stopping at the first and the last.
    fn step(&mut self, down: bool) {
        let row = if down {
            (self.row() + 1).min(Format::ALL.len() - 1)
        } else {
            self.row().saturating_sub(1)
        };
        self.format = Format::ALL[row];
    }
}

impl Review {
    /// A key in the picker: choose, toggle, export (Enter) or cancel (Esc).
    /// Either way out, the choice is remembered for the next export.
    pub(super) fn on_export_picker(&mut self, action: &Action) -> Vec<Effect> {
        let ReviewFocus::Export(picker) = &mut self.focus else {
            return Vec::new();
        };
        match action {
            Action::Up => picker.step(false),
            Action::Down => picker.step(true),
            Action::TogglePseudonymise => picker.options.pseudonymise ^= true,
            Action::ToggleCoarsen => picker.options.coarsen ^= true,
            Action::Cancel => {
                self.last_export = *picker;
                self.focus = ReviewFocus::List;
            }
            Action::Submit => {
                let picker = *picker;
                self.last_export = picker;
                self.focus = ReviewFocus::List;
                return vec![self.export(picker)];
            }
            _ => {}
        }
        Vec::new()
    }

    /// The name the export chosen in `picker` would be written under
    /// (before `-2`, `-3`, … should that name be taken).
    pub fn export_name(&self, picker: &ExportPicker) -> ExportName {
        let sessions = self.sessions().map(|(_, _, s)| s);
        let on = picker.options.pseudonymise || picker.options.coarsen;
        let format = if !picker.format.takes_options() && on {
            export::Format::JsonShared
        } else {
            picker.format
        };
        ExportName::of(sessions, format, picker.options)
    }

    /// Every open session, exported as `picker` says. The whole JSON
    /// with pseudonyms or coarsening on is the shared JSON: a toggle
    /// turned on is never silently ignored.
    fn export(&self, mut picker: ExportPicker) -> Effect {
        let sessions: Vec<_> = self.sessions().map(|(_, _, s)| s.clone()).collect();
        let on = picker.options.pseudonymise || picker.options.coarsen;
        if !picker.format.takes_options() && on {
            picker.format = export::Format::JsonShared;
        }
        let csv = export::CsvOptions {
            bom: true,
            ..Default::default()
        };
        let (bytes, _) = export::export(&sessions, picker.format, picker.options, csv);
        Effect::WriteExport(bytes, self.export_name(&picker))
    }
}
