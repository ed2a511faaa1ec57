//! The review screen's edits: a prompt applied (an insight's line, a
//! comment, a theme name), and themes renamed, merged and dissolved. Each
//! marks the file it touched for saving.

use super::review::{Prompt, Review, ReviewFocus, Row, ThemeRef};
use crate::capture::{self, Attribution, RosterName};
use crate::model::{Comment, Stamp, Theme, new_id};
use crate::review::fold;

impl Review {
    /// Tab in a prompt: completes a `@name` or `#tag` from the insight's session.
    pub fn complete_prompt(&mut self) {
        let ReviewFocus::Prompt(prompt, _) = &self.focus else {
            return;
        };
        let (Prompt::Edit(row) | Prompt::Comment(row) | Prompt::Theme(row)) = *prompt else {
            return;
        };
        let (names, tags) = capture::vocabulary(self.session(row));
        if let ReviewFocus::Prompt(_, line) = &mut self.focus {
            super::form::complete_in(line, &names, &tags);
        }
    }

    /// Enter in a prompt: applies it. Returns a message for the status line.
    pub fn submit_prompt(&mut self, stamp: &Stamp) -> Option<String> {
        let ReviewFocus::Prompt(prompt, line) = &self.focus else {
            return None;
        };
        let (prompt, text) = (*prompt, line.lines().join(" ").trim().to_owned());
        self.focus = ReviewFocus::List;
        if text.is_empty() {
            return Some("Nothing entered: nothing changed".into());
        }
        match prompt {
            Prompt::Edit(row) => self.apply_edit(row, &text, stamp),
            Prompt::Comment(row) => {
                let comment = Comment {
                    id: new_id(),
                    author: stamp.device().to_owned(),
                    at: stamp.time(),
                    text,
                };
                let session = self.session_mut(row.file, row.session);
                session.insights[row.insight].comments.push(comment);
                self.touched(row);
                Some("Comment added".into())
            }
            Prompt::Theme(row) => {
                let id = self.insight(row).id;
                let session = self.session_mut(row.file, row.session);
                let at = match session
                    .themes
                    .iter()
                    .position(|t| !t.deleted && fold(&t.name) == fold(&text))
                {
                    Some(at) => at,
                    None => {
                        session.themes.push(Theme::create(&text, stamp));
                        session.themes.len() - 1
                    }
                };
                session.themes[at].set_member(id, true, stamp);
                let name = session.themes[at].name.clone();
                self.touched(row);
                Some(format!("In theme “{name}”"))
            }
            Prompt::Rename(at) => {
                let renamed =
                    self.session_mut(at.file, at.session).themes[at.theme].rename(&text, stamp);
                self.theme_changed(at.file, renamed);
                None
            }
            Prompt::MergeInto(at) => self.merge_theme(at, &text, stamp),
            Prompt::Export => None,
        }
    }

    fn apply_edit(&mut self, row: Row, line: &str, stamp: &Stamp) -> Option<String> {
        let session = self.session(row);
        let roster: Vec<RosterName<'_>> = session
            .live_participants()
            .map(|p| RosterName {
                id: p.id,
                name: &p.name,
            })
            .collect();
        let Ok(parsed) = capture::parse(line, &roster) else {
            return Some("An insight needs some text: nothing changed".into());
        };
        let participant = match parsed.attribution {
            Attribution::Participant(id) => Some(id),
            Attribution::Nobody => None,
            Attribution::Unknown(_) | Attribution::Ambiguous(..) => self.insight(row).participant,
        };
        self.edit_insight(row, stamp, |f| {
            f.text = parsed.text;
            f.participant = participant;
            f.practice = parsed.practice;
            f.kind = parsed.kind.unwrap_or_default();
            f.tags = parsed.tags;
        });
        None
    }

    pub(super) fn theme_changed(&mut self, file: usize, changed: bool) {
        if changed {
            self.files[file].dirty = true;
            self.refresh();
        }
    }

    /// Dissolves the selected theme; its insights stay, ungrouped.
    pub fn dissolve_theme(&mut self, stamp: &Stamp) -> Option<String> {
        let at = *self.themes().get(self.theme_selected)?;
        let name = self.theme(at).name.clone();
        let changed =
            self.session_mut(at.file, at.session).themes[at.theme].set_deleted(true, stamp);
        self.theme_changed(at.file, changed);
        self.theme_selected = self
            .theme_selected
            .min(self.themes().len().saturating_sub(1));
        Some(format!("Dissolved “{name}”; its insights are unchanged"))
    }

    fn merge_theme(&mut self, from: ThemeRef, into_name: &str, stamp: &Stamp) -> Option<String> {
        let session = self.session_mut(from.file, from.session);
        let target = session
            .themes
            .iter()
            .position(|t| !t.deleted && fold(&t.name) == fold(into_name));
        let Some(target) = target.filter(|&t| t != from.theme) else {
            return Some(format!("No other theme “{into_name}” in this session"));
        };
        let members: Vec<_> = session.themes[from.theme].insight_ids().collect();
        for id in &members {
            session.themes[target].set_member(*id, true, stamp);
        }
        session.themes[from.theme].set_deleted(true, stamp);
        let name = session.themes[target].name.clone();
        self.theme_changed(from.file, true);
        Some(format!("Merged {} insights into “{name}”", members.len()))
    }
}
