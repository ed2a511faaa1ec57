//! The review screen's state: several session files open at once, the query
//! that filters them, and the edits note-takers make (text, tags,
//! attribution, star, comments, themes), each going back into the file the
//! insight came from.

use super::export_picker::ExportPicker;
use super::form::text_area;
use super::history::{Change, Direction, History, Step};
use super::keymap::Context;
use crate::capture;
use crate::model::{Insight, InsightFields, Session, Stamp, Theme};
use crate::review::{FoldedTexts, Query, ReviewQuestions, Tally, fold, reading_order};
use crate::storage::SessionFile;
use ratatui_textarea::TextArea;
use std::path::PathBuf;
use std::sync::Arc;

pub use super::review_file::ReviewFile;

/// Where an insight is: file, session in the file, insight in the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    pub file: usize,
    pub session: usize,
    pub insight: usize,
}

/// Where a theme is: file, session, theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThemeRef {
    pub file: usize,
    pub session: usize,
    pub theme: usize,
}

/// Which view of the open sessions is showing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewView {
    Insights,
    Themes,
    Compare,
}

/// What a one-line prompt is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prompt {
    /// Edit an insight as a capture line.
    Edit(Row),
    /// Add a note-taker's comment.
    Comment(Row),
    /// Put the insight in the theme named (made if new).
    Theme(Row),
    Rename(ThemeRef),
    /// Move every insight of this theme into the theme named, then dissolve it.
    MergeInto(ThemeRef),
}

/// Where the keyboard is on the review screen.
#[derive(Debug)]
pub enum ReviewFocus {
    List,
    Query,
    Prompt(Prompt, Box<TextArea<'static>>),
    /// The report of a merge made from this screen, scrolled by the number.
    Report(String, u16),
    /// Choosing how to export what is open.
    Export(ExportPicker),
}

/// Several files under review.
#[derive(Debug)]
pub struct Review {
    pub files: Vec<ReviewFile>,
    pub query: TextArea<'static>,
    /// Browsing one question (a row of `questions`, from 1), or all.
    pub question: Option<usize>,
    /// The questions of the open sessions, told apart by title across sets.
    pub questions: ReviewQuestions,
    pub view: ReviewView,
    pub focus: ReviewFocus,
    /// The insights shown, in file, session and id order.
    pub rows: Vec<Row>,
    pub selected: usize,
    pub theme_selected: usize,
    /// Counts of `rows`, for the compare view and the header.
    pub tally: Tally,
    /// Every change made on this screen, to undo and redo.
    pub history: History,
    /// The export chosen last, where the picker opens next time.
    pub last_export: ExportPicker,
    /// Every insight's searchable text, folded once: `[file][session]`.
    folded: Vec<Vec<FoldedTexts>>,
    /// Each session's insights by question, then as said: `[file][session]`.
    /// `u32`, half a `usize`: the review holds one for every insight.
    order: Vec<Vec<Vec<u32>>>,
    /// Copies of one session among the files, shown once.
    pub(super) copies: super::review_copies::Copies,
}

impl Review {
    pub fn new(files: Vec<(PathBuf, SessionFile)>) -> Review {
        let mut files: Vec<ReviewFile> = files
            .into_iter()
            .map(|(path, file)| ReviewFile::new(path, file))
            .collect();
        let copies = super::review_copies::Copies::find(&mut files);
        let (folded, order) = caches(&files);
        let mut query = TextArea::default();
        query.set_placeholder_text(
            "#innovation #barrier #tag @name sector:vcse nation:wales place:… theme:… * words",
        );
        let mut review = Review {
            files,
            query,
            question: None,
            questions: ReviewQuestions::default(),
            view: ReviewView::Insights,
            focus: ReviewFocus::List,
            rows: Vec::new(),
            selected: 0,
            theme_selected: 0,
            tally: Tally::default(),
            history: History::default(),
            last_export: ExportPicker::default(),
            folded,
            order,
            copies,
        };
        review.refresh();
        review
    }

    pub fn context(&self) -> Context {
        match (&self.focus, self.view) {
            (ReviewFocus::Query, _) => Context::ReviewQuery,
            (ReviewFocus::Prompt(..), _) => Context::ReviewPrompt,
            (ReviewFocus::Report(..), _) => Context::ReviewReport,
            (ReviewFocus::Export(_), _) => Context::ExportPicker,
            (ReviewFocus::List, ReviewView::Insights) => Context::Review,
            (ReviewFocus::List, ReviewView::Themes) => Context::ReviewThemes,
            (ReviewFocus::List, ReviewView::Compare) => Context::ReviewCompare,
        }
    }

    /// Every open session, with its place in the files; copies of one
    /// session are one (see `review_copies`).
    pub fn sessions(&self) -> impl Iterator<Item = (usize, usize, &Session)> {
        self.files.iter().enumerate().flat_map(move |(f, file)| {
            file.file
                .sessions()
                .iter()
                .enumerate()
                .filter(move |(s, _)| !self.copies.is_mirror(f, *s))
                .map(move |(s, session)| (f, s, session))
        })
    }

    pub fn session(&self, row: Row) -> &Session {
        &self.files[row.file].file.sessions()[row.session]
    }

    pub fn insight(&self, row: Row) -> &Insight {
        &self.session(row).insights[row.insight]
    }

    pub(super) fn session_mut(&mut self, file: usize, session: usize) -> &mut Session {
        &mut self.files[file].sessions_mut()[session]
    }

    pub fn selected_row(&self) -> Option<Row> {
        self.rows.get(self.selected).copied()
    }

    /// Whether any file has changes not yet on disk.
    pub fn dirty(&self) -> bool {
        self.files.iter().any(ReviewFile::dirty)
    }

    /// Recomputes the rows shown and their tally from the query line and
    /// the question browsed; runs on every keystroke in the query.
    pub fn refresh(&mut self) {
        let query = Query::parse(&self.query.lines().join(" "));
        let mut rows = Vec::new();
        let mut tally = Tally::default();
        let mut lowered = String::new();
        let questions = ReviewQuestions::of(self.sessions().map(|(_, _, s)| s));
        for (f, s, session) in self.sessions() {
            let rows_of = questions.rows_of(session);
            for &i in &self.order[f][s] {
                let i = i as usize;
                let insight = &session.insights[i];
                let row = insight
                    .question
                    .checked_sub(1)
                    .and_then(|q| rows_of.get(q).copied())
                    .unwrap_or(insight.question);
                if self.question.is_some_and(|q| row != q) {
                    continue;
                }
                // The words last: an all-ASCII insight's text is lowered to
                // search only when they are asked for and nothing else failed.
                let texts = &self.folded[f][s];
                if query.matches_all_but_words(session, insight)
                    && (query.words.is_empty()
                        || query.matches_words(texts.searchable(i, insight, &mut lowered)))
                {
                    rows.push(Row {
                        file: f,
                        session: s,
                        insight: i,
                    });
                    tally.add_at(row, session, insight);
                }
            }
        }
        // Held until the next keystroke, a row for every insight shown:
        // without the spare room that growing it left (up to as much again).
        rows.shrink_to_fit();
        self.rows = rows;
        self.tally = tally;
        self.questions = questions;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    /// The questions browsed in turn: all, then each question (by title
    /// across sessions on different sets).
    pub fn step_question(&mut self, forward: bool) {
        let most = self.questions.titles.len();
        let at = self.question.unwrap_or(0);
        let next = if forward {
            (at + 1) % (most + 1)
        } else {
            (at + most) % (most + 1)
        };
        self.question = (next > 0).then_some(next);
        self.refresh();
    }

    /// Every live theme of the open sessions, by session then name.
    pub fn themes(&self) -> Vec<ThemeRef> {
        let mut out = Vec::new();
        for (f, s, session) in self.sessions() {
            let mut here: Vec<ThemeRef> = (0..session.themes.len())
                .filter(|&t| !session.themes[t].deleted)
                .map(|t| ThemeRef {
                    file: f,
                    session: s,
                    theme: t,
                })
                .collect();
            here.sort_by_key(|r| fold(&session.themes[r.theme].name));
            out.extend(here);
        }
        out
    }

    pub fn theme(&self, at: ThemeRef) -> &Theme {
        &self.files[at.file].file.sessions()[at.session].themes[at.theme]
    }

    /// Changes one insight through `edit`; marks its file for saving and
    /// records the change for undo under `label`, given the values after.
    pub(super) fn edit_insight(
        &mut self,
        row: Row,
        stamp: &Stamp,
        edit: impl FnOnce(&mut InsightFields),
        label: impl FnOnce(&InsightFields) -> String,
    ) -> bool {
        let session = self.session_mut(row.file, row.session);
        let insight = &session.insights[row.insight];
        let id = insight.id;
        let before = insight.fields();
        let mut after = before.clone();
        edit(&mut after);
        let changed = session.edit_insight(id, after.clone(), stamp);
        if changed {
            self.record(
                (row.file, row.session),
                label(&after),
                vec![Change::Insight {
                    id,
                    before: Some(before),
                    after,
                }],
            );
            self.touched(row);
        }
        changed
    }

    /// Records a step made in one session of one file.
    pub(super) fn record(&mut self, place: (usize, usize), label: String, changes: Vec<Change>) {
        self.history.record(Step {
            label,
            place,
            changes,
        });
    }

    /// Undoes (`Back`) or redoes (`Forward`) the last step made on this
    /// screen, in the file it was made in; returns what it was.
    pub fn step_history(&mut self, direction: Direction, stamp: &Stamp) -> Option<String> {
        let step = match direction {
            Direction::Back => self.history.undo(),
            Direction::Forward => self.history.redo(),
        }?;
        let (file, session) = step.place;
        step.apply(self.session_mut(file, session), direction, stamp);
        self.changed(file, session);
        self.folded[file][session] =
            FoldedTexts::of(&self.files[file].file.sessions()[session].insights);
        self.refresh();
        self.theme_selected = self
            .theme_selected
            .min(self.themes().len().saturating_sub(1));
        Some(step.label)
    }

    /// Puts `file` in place of the open file `at` (a save merged outside
    /// changes into it), refolding its text for the query.
    pub fn replace_file(&mut self, at: usize, file: SessionFile) {
        self.files[at].file = Arc::new(file);
        // The file may now hold more of a session another file copies:
        // find the copies again, and with them what is searched and shown.
        self.copies = super::review_copies::Copies::find(&mut self.files);
        (self.folded, self.order) = caches(&self.files);
        self.refresh();
        self.theme_selected = self
            .theme_selected
            .min(self.themes().len().saturating_sub(1));
    }

    /// After a change to an insight: its file needs saving, its searchable
    /// text may differ, and what shows may change.
    pub(super) fn touched(&mut self, row: Row) {
        self.changed(row.file, row.session);
        let insight = &self.files[row.file].file.sessions()[row.session].insights[row.insight];
        self.folded[row.file][row.session].refold(row.insight, insight);
        self.refresh();
    }

    pub fn toggle_star(&mut self, stamp: &Stamp) {
        if let Some(row) = self.selected_row() {
            self.edit_insight(
                row,
                stamp,
                |f| f.starred = !f.starred,
                |f| {
                    let verb = if f.starred { "Starred" } else { "Unstarred" };
                    format!("{verb} {}", super::history::quote(&f.text))
                },
            );
        }
    }

    /// Opens a one-line prompt, filled with `text`.
    pub fn prompt(&mut self, prompt: Prompt, text: &str) {
        let mut line = text_area(text);
        line.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        self.focus = ReviewFocus::Prompt(prompt, Box::new(line));
    }

    /// The selected insight as a capture line, for editing.
    pub fn begin_edit(&mut self) {
        let Some(row) = self.selected_row() else {
            return;
        };
        let session = self.session(row);
        let insight = self.insight(row);
        let line = capture::as_line(session, insight);
        self.prompt(Prompt::Edit(row), &line);
    }
}

/// Every insight's folded searchable text, and each session's reading
/// order: `[file][session]`, what the query and the list read.
#[allow(clippy::type_complexity)]
fn caches(files: &[ReviewFile]) -> (Vec<Vec<FoldedTexts>>, Vec<Vec<Vec<u32>>>) {
    let folded = files
        .iter()
        .map(|f| {
            (f.file.sessions().iter())
                .map(|s| FoldedTexts::of(&s.insights))
                .collect()
        })
        .collect();
    let order = files
        .iter()
        .map(|f| f.file.sessions().iter().map(reading_order).collect())
        .collect();
    (folded, order)
}
