//! Choosing a value for an open conflict on the review screen: an
//! insight's in the insight list, a theme's in the themes view.
//!
//! A merge that met two values under one stamp keeps both as an open
//! conflict (`model::conflict`) and shows the greater. One key takes the
//! next value of the selected insight's first open conflict and writes it as
//! an ordinary edit: stamped, so the conflict closes and stays closed
//! through later merges, and recorded, so it is undone like any other step
//! (undo puts the old value back, with a new stamp: it is a choice too, so
//! the conflict stays closed; `e` edits the value freely).

use super::history::{Change, quote};
use super::review::Review;
use crate::model::{OpenConflict, Stamp};

/// The value after `now` among the conflict's values (the first if `now`
/// is none of them). The field holds one of the values, the one the merge
/// kept, so the next one differs from it and choosing it is a change.
fn next_value(conflict: &OpenConflict, now: Option<String>) -> String {
    let at = conflict
        .values
        .iter()
        .position(|v| Some(v) == now.as_ref())
        .map_or(0, |at| (at + 1) % conflict.values.len());
    conflict.values[at].clone()
}

impl Review {
    /// Chooses the next value of the selected insight's first open
    /// conflict. Returns a message when there is nothing to choose.
    pub fn choose_conflict_value(&mut self, stamp: &Stamp) -> Option<String> {
        let row = self.selected_row()?;
        let session = self.session(row);
        let insight = self.insight(row);
        let Some(conflict) = session.conflicts_of(insight.id).next() else {
            return Some("No open conflict on this insight: nothing to choose".into());
        };
        let field = conflict.field.clone();
        let value = next_value(conflict, insight.fields().ron_of(&field));
        let mut chosen = false;
        self.edit_insight(
            row,
            stamp,
            |f| chosen = f.set_ron(&field, &value),
            |f| format!("Chose {value} as the {field} of {}", quote(&f.text)),
        );
        (!chosen).then(|| format!("Cannot read the value {value} of {field}: nothing changed"))
    }

    /// As [`Review::choose_conflict_value`], for the selected theme.
    pub fn choose_theme_conflict_value(&mut self, stamp: &Stamp) -> Option<String> {
        let at = self.themes().get(self.theme_selected).copied()?;
        let session = &self.files[at.file].file.sessions()[at.session];
        let theme = self.theme(at);
        let Some(conflict) = session.conflicts_of(theme.id).next() else {
            return Some("No open conflict on this theme: nothing to choose".into());
        };
        let field = conflict.field.clone();
        let mut fields = theme.fields();
        let value = next_value(conflict, fields.ron_of(&field));
        if !fields.set_ron(&field, &value) {
            return Some(format!(
                "Cannot read the value {value} of {field}: nothing changed"
            ));
        }
        let theme = &mut self.session_mut(at.file, at.session).themes[at.theme];
        let before = (theme.name.clone(), theme.deleted);
        let changed = theme.apply(fields, stamp);
        let change = Change::Theme {
            id: theme.id,
            before: Some(before.clone()),
            after: (theme.name.clone(), theme.deleted),
        };
        if changed {
            let label = format!("Chose {value} as the {field} of theme “{}”", before.0);
            self.record((at.file, at.session), label, vec![change]);
        }
        self.theme_changed(at.file, at.session, changed);
        None
    }
}

#[cfg(test)]
mod tests {
    use crate::app::{Action, App, Context, Effect, Screen};
    use crate::model::{InsightFields, Session, SessionDetails, StampClock};
    use jiff::Timestamp;

    fn at(second: i64) -> Timestamp {
        Timestamp::from_second(1_795_000_000 + second).unwrap()
    }

    /// One insight, "agreed" on one copy and "AGREED" (fixed by hand, its
    /// stamp untouched) on the other.
    fn tied() -> (Session, Session) {
        let mut clock = StampClock::new("laptop");
        let mut a = Session::new(SessionDetails::default(), clock.stamp_at(at(0)));
        let fields = InsightFields {
            question: 1,
            text: "agreed".into(),
            ..Default::default()
        };
        a.add_insight(fields, &clock.stamp_at(at(1)));
        let mut b = a.clone();
        b.insights[0].text = "AGREED".into();
        (a, b)
    }

    fn reviewing(files: Vec<Session>) -> App {
        crate::app::review_tests::reviewing_files(files)
    }

    fn shown(app: &App) -> Session {
        let Screen::Review(r) = &app.screen else {
            panic!("not reviewing")
        };
        r.session(r.rows[0]).clone()
    }

    #[test]
    fn one_key_chooses_the_other_value_and_the_choice_outlives_a_merge() {
        let (a, b) = tied();
        let id = a.insights[0].id;
        let mut app = reviewing(vec![a.clone(), b.clone()]);
        let before = shown(&app);
        assert_eq!(
            before.conflicts_of(id).count(),
            1,
            "shown with its conflict"
        );
        assert_eq!(
            before.insight(id).unwrap().text,
            "agreed",
            "the greater, for now"
        );
        let effects = app.update(Action::ChooseValue, at(6));
        assert_eq!(effects, vec![Effect::Save]);
        let after = shown(&app);
        assert_eq!(after.insight(id).unwrap().text, "AGREED");
        assert_eq!(after.conflicts_of(id).count(), 0, "closed by the choice");
        let Screen::Review(r) = &app.screen else {
            panic!()
        };
        for file in &r.files {
            let s = &file.file.sessions()[0];
            let again = crate::merge::merge(&[vec![s.clone()], vec![a.clone()], vec![b.clone()]]);
            assert_eq!(again[0].insight(id).unwrap().text, "AGREED");
            assert!(
                again[0].conflicts.is_empty(),
                "older copies do not reopen it"
            );
        }
        app.update(Action::Undo, at(7));
        assert_eq!(shown(&app).insight(id).unwrap().text, "agreed", "undone");
        assert_eq!(app.context(), Context::Review);
    }

    /// The screen as text, row by row.
    fn screen(app: &App) -> String {
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 30)).unwrap();
        t.draw(|f| crate::ui::render(app, f)).unwrap();
        let buffer = t.backend().buffer();
        (0..30)
            .map(|y| {
                (0..120)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect::<String>()
                    + "\n"
            })
            .collect()
    }

    #[test]
    fn the_insight_is_marked_and_its_values_shown_with_the_key_that_chooses() {
        let (a, b) = tied();
        let app = reviewing(vec![a, b]);
        let text = screen(&app);
        assert!(text.contains("⚠ conflict: text"), "{text}");
        // Marked before the text too, which a long line cuts off at the edge.
        let row = text.lines().find(|l| l.contains("agreed")).unwrap();
        assert!(
            row.find('⚠').unwrap() < row.find("agreed").unwrap(),
            "{row}"
        );
        let key = crate::app::keymap::key_label(Context::Review, &Action::ChooseValue);
        let values = format!(r#"text is one of "AGREED" / "agreed" ({key} chooses"#);
        assert!(text.contains(&values), "{text}");
    }

    #[test]
    fn in_the_themes_view_the_key_chooses_a_theme_name() {
        let (mut a, _) = tied();
        let mut clock = StampClock::new("laptop");
        let id = a.insights[0].id;
        let mut theme = crate::model::Theme::create("Food", &clock.stamp_at(at(2)));
        theme.set_member(id, true, &clock.stamp_at(at(2)));
        a.themes.push(theme);
        let mut b = a.clone();
        b.themes[0].name = "Food hubs".into();
        let theme = a.themes[0].id;
        let mut app = reviewing(vec![a, b]);
        app.update(Action::NextView, at(6));
        assert_eq!(app.context(), Context::ReviewThemes);
        assert!(screen(&app).contains("⚠ Food hubs"), "{}", screen(&app));
        assert_eq!(app.update(Action::ChooseValue, at(6)), vec![Effect::Save]);
        let after = shown(&app);
        let chosen = after.themes.iter().find(|t| t.id == theme).unwrap();
        assert_eq!(chosen.name, "Food");
        assert_eq!(after.conflicts_of(theme).count(), 0);
        app.update(Action::Undo, at(7));
        let undone = shown(&app);
        assert_eq!(
            undone.themes.iter().find(|t| t.id == theme).unwrap().name,
            "Food hubs"
        );
    }

    #[test]
    fn without_a_conflict_the_key_says_so_and_changes_nothing() {
        let (a, _) = tied();
        let mut app = reviewing(vec![a]);
        assert!(app.update(Action::ChooseValue, at(6)).is_empty());
        assert!(
            app.message
                .as_deref()
                .is_some_and(|m| m.contains("No open conflict"))
        );
    }
}
