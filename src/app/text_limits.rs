//! The longest text a field takes, held where text enters: a key or a
//! paste that would pass it is refused with a message, and what was typed
//! before stays as it was.
//!
//! The limits are the loader's (`model::limits`), so stb never saves what it
//! would refuse to load; and they keep every key quick: a 2 MB paste once
//! made each later key take 0.85 s, while at 16 KiB a key and its frame
//! take about 2 ms (README, "Sessions from elsewhere").

use super::{Action, App, Context, FieldValue, Focus, ReviewFocus, Screen};
use crate::model::limits::{MAX_NAME_BYTES, MAX_TEXT_BYTES};
use ratatui::crossterm::event::KeyCode;
use ratatui_textarea::TextArea;

impl App {
    /// Why `action` may not add its text to the focused field, if it would
    /// pass the field's limit. Only text that is added is weighed: keys
    /// that delete or move always go through.
    pub(super) fn over_limit(&self, action: &Action) -> Option<String> {
        let added = match action {
            Action::Input(key) => match key.code {
                KeyCode::Char(c) => c.len_utf8(),
                _ => return None,
            },
            Action::Paste(text) => crate::inert::one_line(text).len(),
            _ => return None,
        };
        let (field, max) = self.focused_field()?;
        let now: usize = field.lines().iter().map(String::len).sum();
        if now + added <= max {
            return None;
        }
        let limit = kib(max);
        Some(match action {
            // Short enough for an 80-column status line beside "saved HH:MM:SS".
            Action::Paste(_) => format!(
                "Not pasted: {} is over a line's {limit}; your line is kept",
                kib(added)
            ),
            _ => format!("Line full at {limit}: save it and go on in a new one"),
        })
    }

    /// The text field keys type into now, and the longest text it takes.
    fn focused_field(&self) -> Option<(&TextArea<'static>, usize)> {
        match (&self.screen, self.context()) {
            (Screen::NewSession(form), Context::Form) => in_form(form),
            (Screen::Workshop(w), Context::Form) => match &w.focus {
                Focus::Form { form, .. } => in_form(form),
                _ => None,
            },
            (Screen::Workshop(w), Context::Edit) => match &w.focus {
                Focus::Edit { line, .. } => Some((&**line, MAX_TEXT_BYTES)),
                _ => None,
            },
            // Select mode hands a letter or a paste back to the capture line.
            (Screen::Workshop(w), Context::Capture | Context::List) => {
                Some((&w.capture, MAX_TEXT_BYTES))
            }
            (Screen::Review(r), Context::ReviewQuery) => Some((&r.query, MAX_TEXT_BYTES)),
            (Screen::Review(r), Context::ReviewPrompt) => match &r.focus {
                ReviewFocus::Prompt(prompt, line) => {
                    let max = match prompt {
                        super::Prompt::Edit(_) | super::Prompt::Comment(_) => MAX_TEXT_BYTES,
                        _ => MAX_NAME_BYTES,
                    };
                    Some((&**line, max))
                }
                _ => None,
            },
            _ => None,
        }
    }
}

/// A form's focused field, if it is text: every form field is a name.
fn in_form(form: &super::Form) -> Option<(&TextArea<'static>, usize)> {
    match &form.fields[form.focus].value {
        FieldValue::Text(area) => Some((&**area, MAX_NAME_BYTES)),
        FieldValue::Choice { .. } => None,
    }
}

/// Bytes as a person reads a size: "16 KB", "2.0 MB".
fn kib(bytes: usize) -> String {
    match bytes {
        b if b < 1024 => format!("{b} bytes"),
        b if b < 1024 * 1024 => format!("{} KB", b.div_ceil(1024)),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::tests::app_with_session;
    use ratatui::crossterm::event::KeyEvent;

    fn line(app: &App) -> String {
        app.workshop().unwrap().capture.lines().join("")
    }

    #[test]
    fn a_paste_over_the_limit_is_refused_and_the_line_kept() {
        let mut app = app_with_session();
        let now = jiff::Timestamp::from_second(1_795_000_000).unwrap();
        app.update(Action::Paste("Typed first ".into()), now);
        let huge = "x".repeat(2 * 1024 * 1024);
        app.update(Action::Paste(huge), now);
        assert_eq!(line(&app), "Typed first ");
        let message = app.message.clone().unwrap();
        assert!(message.starts_with("Not pasted: 2.0 MB"), "{message}");
        assert!(message.contains("16 KB"), "{message}");
        assert!(
            message.chars().count() + "saved 09:36:35  ".len() < 80,
            "{message}"
        );

        let fits = "y".repeat(MAX_TEXT_BYTES - "Typed first ".len());
        app.update(Action::Paste(fits.clone()), now);
        assert_eq!(
            line(&app).len(),
            MAX_TEXT_BYTES,
            "a paste up to the limit goes in"
        );
        app.update(Action::Input(KeyEvent::from(KeyCode::Char('z'))), now);
        assert_eq!(line(&app).len(), MAX_TEXT_BYTES, "no key passes it");
        assert!(
            app.message
                .as_deref()
                .unwrap()
                .starts_with("Line full at 16 KB")
        );
        app.update(Action::Input(KeyEvent::from(KeyCode::Backspace)), now);
        assert_eq!(
            line(&app).len(),
            MAX_TEXT_BYTES - 1,
            "deleting always works"
        );
        app.update(Action::Submit, now);
        let saved = &app.workshop().unwrap().session.insights;
        assert_eq!(saved.len(), 1, "a line at the limit is saved");
        assert!(saved[0].text.len() < MAX_TEXT_BYTES);
    }

    #[test]
    fn a_name_field_takes_a_name_not_an_essay() {
        let mut app = App::new(
            crate::runner::tests::config(std::path::Path::new("/nonexistent")),
            jiff::Timestamp::from_second(1_795_000_000).unwrap(),
        );
        let now = app.now;
        app.update(Action::NewSession, now);
        assert_eq!(app.context(), Context::Form);
        app.update(Action::Paste("n".repeat(MAX_NAME_BYTES + 1)), now);
        let Screen::NewSession(form) = &app.screen else {
            panic!()
        };
        assert_eq!(form.value(form.focus), "", "refused whole");
        assert!(app.message.as_deref().unwrap().starts_with("Not pasted"));
    }
}
