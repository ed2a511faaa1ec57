//! `update` for the review screen.

use super::history::{Direction, stepped};
use super::review::{Prompt, ReviewFocus, ReviewView};
use super::update::moved;
use super::{Action, App, Context, Effect, Home, Screen};
use crate::merge;
use crate::storage::SessionFile;
use std::path::PathBuf;

impl App {
    pub(super) fn on_review(&mut self, action: Action) -> Vec<Effect> {
        let now = self.now;
        let context = self.context();
        let Screen::Review(r) = &mut self.screen else {
            return Vec::new();
        };
        let stamp = self.clock.stamp_at(now);
        let message = &mut self.message;
        if context == Context::ExportPicker {
            return r.on_export_picker(&action);
        }
        match (context, action) {
            // Leaving hands the files back (their locks go), but never with
            // an edit that did not reach the disk: it would be dropped. So
            // it waits for the saves, and their outcome decides.
            (_, Action::Back) if r.dirty() => {
                self.leaving = Some(super::Leaving::Review);
                return vec![Effect::Save, Effect::Flush];
            }
            (_, Action::Back) => {
                self.screen = Screen::Home(Home::default());
                return vec![Effect::Release, Effect::ListSessions];
            }
            (_, Action::Undo) => {
                let done = r.step_history(Direction::Back, &stamp);
                *message = Some(stepped(context, Direction::Back, done));
            }
            (_, Action::Redo) => {
                let done = r.step_history(Direction::Forward, &stamp);
                *message = Some(stepped(context, Direction::Forward, done));
            }
            (_, Action::FocusQuery) => r.focus = ReviewFocus::Query,
            (_, Action::NextView) => {
                r.view = match r.view {
                    ReviewView::Insights => ReviewView::Themes,
                    ReviewView::Themes => ReviewView::Compare,
                    ReviewView::Compare => ReviewView::Insights,
                }
            }
            (_, Action::NextQuestion) => r.step_question(true),
            (_, Action::PrevQuestion) => r.step_question(false),
            (_, Action::Export) => r.focus = ReviewFocus::Export(r.last_export),
            (_, Action::MergeFiles) => {
                let names: Vec<String> = r
                    .files
                    .iter()
                    .map(|f| f.path.display().to_string())
                    .collect();
                let inputs: Vec<_> = r.files.iter().map(|f| f.file.sessions().to_vec()).collect();
                let done = merge::merge_reported(&names, inputs, &[]);
                let (merged, text) = (done.sessions, done.report.to_string());
                return vec![Effect::SaveMerged(
                    Box::new(SessionFile::from_sessions(merged)),
                    text,
                )];
            }
            (
                Context::Review | Context::ReviewThemes,
                movement @ (Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::First
                | Action::Last),
            ) => {
                if context == Context::Review {
                    r.selected = moved(r.selected, r.rows.len(), &movement);
                } else {
                    r.theme_selected = moved(r.theme_selected, r.themes().len(), &movement);
                }
            }
            (
                Context::ReviewReport,
                movement @ (Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::First
                | Action::Last),
            ) => {
                if let ReviewFocus::Report(_, scroll) = &mut r.focus {
                    *scroll = moved(usize::from(*scroll), usize::from(u16::MAX), &movement) as u16;
                }
            }
            (Context::ReviewReport, Action::Cancel) => r.focus = ReviewFocus::List,
            (Context::Review, Action::Edit) => r.begin_edit(),
            (Context::Review, Action::Star) => r.toggle_star(&stamp),
            (Context::Review, Action::ChooseValue) => *message = r.choose_conflict_value(&stamp),
            (Context::ReviewThemes, Action::ChooseValue) => {
                *message = r.choose_theme_conflict_value(&stamp);
            }
            (Context::Review, Action::Comment) => {
                if let Some(row) = r.selected_row() {
                    r.prompt(Prompt::Comment(row), "");
                }
            }
            (Context::Review, Action::AddToTheme) => {
                if let Some(row) = r.selected_row() {
                    r.prompt(Prompt::Theme(row), "");
                }
            }
            (Context::ReviewThemes, Action::Edit) => {
                if let Some(at) = r.themes().get(r.theme_selected).copied() {
                    // The whole name, spaces as underscores: one query word.
                    let name = r
                        .theme(at)
                        .name
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join("_");
                    r.query = super::form::text_area(&format!("theme:{name}"));
                    r.view = ReviewView::Insights;
                    r.refresh();
                }
            }
            (Context::ReviewThemes, Action::RenameTheme) => {
                if let Some(at) = r.themes().get(r.theme_selected).copied() {
                    let name = r.theme(at).name.clone();
                    r.prompt(Prompt::Rename(at), &name);
                }
            }
            (Context::ReviewThemes, Action::MergeTheme) => {
                if let Some(at) = r.themes().get(r.theme_selected).copied() {
                    r.prompt(Prompt::MergeInto(at), "");
                }
            }
            (Context::ReviewThemes, Action::Delete) => r.dissolve_theme(&stamp),
            (Context::ReviewQuery, Action::FocusList) => r.focus = ReviewFocus::List,
            (Context::ReviewQuery, Action::Input(key)) => {
                super::line_edit::type_key(&mut r.query, key);
                r.selected = 0;
                r.refresh();
            }
            (Context::ReviewQuery, Action::Paste(text)) => {
                super::line_edit::paste(&mut r.query, &text);
                r.refresh();
            }
            (Context::ReviewPrompt, Action::Submit) => *message = r.submit_prompt(&stamp),
            (Context::ReviewPrompt, Action::Complete) => r.complete_prompt(),
            (Context::ReviewPrompt, Action::Cancel) => r.focus = ReviewFocus::List,
            (Context::ReviewPrompt, Action::Input(key)) => {
                if let ReviewFocus::Prompt(_, line) = &mut r.focus {
                    super::line_edit::type_key(line, key);
                }
            }
            (Context::ReviewPrompt, Action::Paste(text)) => {
                if let ReviewFocus::Prompt(_, line) = &mut r.focus {
                    super::line_edit::paste(line, &text);
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// The loop wrote (or failed to write) a merge made on the review screen.
    pub(super) fn merged(
        &mut self,
        result: Result<(PathBuf, SessionFile), String>,
        report: String,
    ) {
        match result {
            Ok((path, file)) => {
                let mut review = super::Review::new(vec![(path.clone(), file)]);
                review.focus =
                    ReviewFocus::Report(format!("{report}written to {}\n", path.display()), 0);
                self.screen = Screen::Review(Box::new(review));
            }
            Err(error) => self.message = Some(format!("Merge not written: {error}")),
        }
    }
}
