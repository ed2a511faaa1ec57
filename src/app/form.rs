//! Small forms of labelled fields: the new-session form and the participant
//! form. Text fields are single-line text areas; choice fields cycle through
//! a fixed list with ← → or Space, so a vocabulary can never be mistyped.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::{CursorMove, TextArea};

/// What a form's field holds.
#[derive(Clone, Debug)]
pub enum FieldValue {
    Text(Box<TextArea<'static>>),
    Choice {
        /// Labels; a question set's name comes from a file, so these own their text.
        options: Vec<String>,
        index: usize,
    },
}

/// One labelled field.
#[derive(Clone, Debug)]
pub struct Field {
    pub label: &'static str,
    pub value: FieldValue,
    /// Shown beside the field when it has the focus.
    pub hint: &'static str,
}

/// A form: fields, which one has the focus, and the last validation error.
#[derive(Clone, Debug)]
pub struct Form {
    pub title: &'static str,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<String>,
}

/// A one-line text area holding `text`, cursor at its end. Text from a
/// file enters a field here, so it arrives as one visible line.
pub fn text_area(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(vec![crate::inert::one_line(text)]);
    area.move_cursor(CursorMove::End);
    area
}

impl Field {
    pub fn text(label: &'static str, value: &str, hint: &'static str) -> Field {
        Field {
            label,
            value: FieldValue::Text(Box::new(text_area(value))),
            hint,
        }
    }

    pub fn choice<S: Into<String>>(
        label: &'static str,
        options: impl IntoIterator<Item = S>,
        index: usize,
        hint: &'static str,
    ) -> Field {
        Field {
            label,
            value: FieldValue::Choice {
                options: options.into_iter().map(Into::into).collect(),
                index,
            },
            hint,
        }
    }
}

impl Form {
    /// The text of field `i` (the chosen option for a choice), trimmed.
    pub fn value(&self, i: usize) -> String {
        match &self.fields[i].value {
            FieldValue::Text(area) => area.lines().join(" ").trim().to_owned(),
            FieldValue::Choice { options, index } => options[*index].clone(),
        }
    }

    /// The chosen index of a choice field (0 for a text field).
    pub fn choice(&self, i: usize) -> usize {
        match &self.fields[i].value {
            FieldValue::Choice { index, .. } => *index,
            FieldValue::Text(_) => 0,
        }
    }

    pub fn next_field(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len();
    }

    pub fn prev_field(&mut self) {
        self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
    }

    pub fn on_last_field(&self) -> bool {
        self.focus + 1 == self.fields.len()
    }

    /// Types a key into the focused field. Enter never reaches a text area:
    /// fields are one line.
    pub fn input(&mut self, key: KeyEvent) {
        match &mut self.fields[self.focus].value {
            FieldValue::Text(area) => {
                if key.code != KeyCode::Enter {
                    super::line_edit::type_key(area, key);
                }
            }
            FieldValue::Choice { options, index } => {
                let [back, on] = super::keymap::CHOICE_KEYS;
                if key.code == back.code {
                    *index = (*index + options.len() - 1) % options.len();
                } else if key.code == on.code || key.code == KeyCode::Char(' ') {
                    *index = (*index + 1) % options.len();
                }
            }
        }
    }

    /// Pastes text into the focused text field, as one line.
    pub fn paste(&mut self, text: &str) {
        if let FieldValue::Text(area) = &mut self.fields[self.focus].value {
            super::line_edit::paste(area, text);
        }
    }
}

/// Tab in a line of capture syntax: completes the `@name` or `#tag` before
/// the cursor (a space follows a unique match); false if nothing fits.
pub fn complete_in(area: &mut TextArea<'static>, names: &[String], tags: &[String]) -> bool {
    let cursor = area.cursor();
    let line = area.lines()[cursor.0].clone();
    let byte = line
        .char_indices()
        .nth(cursor.1)
        .map_or(line.len(), |(i, _)| i);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let Some(done) = crate::capture::complete(&line, byte, &names, tags) else {
        return false;
    };
    for _ in 0..line[done.start..done.end].chars().count() {
        area.delete_char();
    }
    area.insert_str(&done.replacement);
    if done.unique {
        area.insert_char(' ');
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn choices_cycle_both_ways_and_text_fields_stay_one_line() {
        let mut form = Form {
            title: "t",
            fields: vec![
                Field::text("Name", "Ann", ""),
                Field::choice("Nation", vec!["England", "Scotland", "Wales"], 0, ""),
            ],
            focus: 0,
            error: None,
        };
        form.input(key(KeyCode::Enter));
        form.input(key(KeyCode::Char('ŵ')));
        form.paste("a\nb");
        assert_eq!(form.value(0), "Annŵa b");
        form.next_field();
        form.input(key(KeyCode::Left));
        assert_eq!(form.value(1), "Wales");
        form.input(key(KeyCode::Right));
        assert_eq!(form.choice(1), 0);
        assert!(form.on_last_field());
    }
}
