//! The review screen's edits: a prompt applied (an insight's line, a
//! comment, a theme name), and themes renamed, merged and dissolved. Each
//! marks the file it touched for saving.

use super::history::{Change, quote};
use super::review::{Prompt, Review, ReviewFocus, Row, ThemeRef};
use crate::capture::{self, Attribution};
use crate::model::{Comment, Stamp, Theme};
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
                let comment = Comment::new(text, stamp);
                let change = Change::Comment {
                    insight: self.insight(row).id,
                    comment: comment.id,
                    deleted: false,
                };
                let label = format!("Commented on {}", quote(&self.insight(row).text));
                let session = self.session_mut(row.file, row.session);
                session.insights[row.insight].comments.push(comment);
                self.record((row.file, row.session), label, vec![change]);
                self.touched(row);
                None
            }
            Prompt::Theme(row) => {
                let id = self.insight(row).id;
                let said = quote(&self.insight(row).text);
                let session = self.session_mut(row.file, row.session);
                let mut changes = Vec::new();
                let at = match session
                    .themes
                    .iter()
                    .position(|t| !t.deleted && fold(&t.name) == fold(&text))
                {
                    Some(at) => at,
                    None => {
                        let theme = Theme::create(&text, stamp);
                        changes.push(Change::Theme {
                            id: theme.id,
                            before: None,
                            after: (theme.name.clone(), false),
                        });
                        session.themes.push(theme);
                        session.themes.len() - 1
                    }
                };
                let theme = &mut session.themes[at];
                if theme.set_member(id, true, stamp) {
                    changes.push(Change::Member {
                        theme: theme.id,
                        insight: id,
                        included: true,
                    });
                }
                let name = theme.name.clone();
                if changes.is_empty() {
                    return Some(format!("{said} is in theme “{name}” already"));
                }
                self.record(
                    (row.file, row.session),
                    format!("Put {said} in theme “{name}”"),
                    changes,
                );
                self.touched(row);
                None
            }
            Prompt::Rename(at) => {
                let theme = &mut self.session_mut(at.file, at.session).themes[at.theme];
                let before = (theme.name.clone(), theme.deleted);
                let renamed = theme.rename(&text, stamp);
                let change = Change::Theme {
                    id: theme.id,
                    after: (theme.name.clone(), theme.deleted),
                    before: Some(before.clone()),
                };
                if renamed {
                    let label = format!("Renamed theme “{}” to “{text}”", before.0);
                    self.record((at.file, at.session), label, vec![change]);
                }
                self.theme_changed(at.file, at.session, renamed);
                None
            }
            Prompt::MergeInto(at) => self.merge_theme(at, &text, stamp),
        }
    }

    fn apply_edit(&mut self, row: Row, line: &str, stamp: &Stamp) -> Option<String> {
        let session = self.session(row);
        let Ok(parsed) = capture::parse_in(line, &capture::Context::of(session)) else {
            return Some("An insight needs some text: nothing changed".into());
        };
        let participant = match parsed.attribution {
            Attribution::Participant(id) => Some(id),
            Attribution::Nobody => None,
            Attribution::Unknown(_) | Attribution::Ambiguous(..) => self.insight(row).participant,
        };
        self.edit_insight(
            row,
            stamp,
            |f| {
                f.text = parsed.text;
                f.participant = participant;
                f.practice = parsed.practice;
                f.kind = parsed.kind.unwrap_or_default();
                f.tags = parsed.tags;
                f.owner = parsed.owner;
                f.due = parsed.due;
            },
            |f| format!("Edited {}", quote(&f.text)),
        );
        None
    }

    pub(super) fn theme_changed(&mut self, file: usize, session: usize, changed: bool) {
        if changed {
            self.changed(file, session);
            self.refresh();
        }
    }

    /// Dissolves the selected theme; its insights stay, ungrouped.
    pub fn dissolve_theme(&mut self, stamp: &Stamp) {
        let Some(at) = self.themes().get(self.theme_selected).copied() else {
            return;
        };
        let theme = &mut self.session_mut(at.file, at.session).themes[at.theme];
        let (id, name) = (theme.id, theme.name.clone());
        let changed = theme.set_deleted(true, stamp);
        if changed {
            self.record(
                (at.file, at.session),
                format!("Dissolved theme “{name}” (its insights are unchanged)"),
                vec![Change::Theme {
                    id,
                    before: Some((name.clone(), false)),
                    after: (name, true),
                }],
            );
        }
        self.theme_changed(at.file, at.session, changed);
        self.theme_selected = self
            .theme_selected
            .min(self.themes().len().saturating_sub(1));
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
        let mut changes = Vec::new();
        let into = &mut session.themes[target];
        for id in &members {
            if into.set_member(*id, true, stamp) {
                changes.push(Change::Member {
                    theme: into.id,
                    insight: *id,
                    included: true,
                });
            }
        }
        let name = into.name.clone();
        let dissolved = &mut session.themes[from.theme];
        dissolved.set_deleted(true, stamp);
        let old = dissolved.name.clone();
        changes.push(Change::Theme {
            id: dissolved.id,
            before: Some((old.clone(), false)),
            after: (old.clone(), true),
        });
        self.record(
            (from.file, from.session),
            format!(
                "Merged theme “{old}” into “{name}” ({})",
                crate::words::count(members.len(), "insight")
            ),
            changes,
        );
        self.theme_changed(from.file, from.session, true);
        None
    }
}
