//! How long one text may be, how large a session file, and which numbers a
//! file may hold: the limits that keep stb responsive on any file, in one
//! place so the loader, the app's typing and pasting, and the tests agree.
//!
//! Files come from anywhere (git, shared drives, USB sticks), and a crafted
//! one with a 100 MB insight once took 14 s to its first frame and 3.45 GB of
//! memory. The loader refuses a text over its limit with the file's line and
//! column: the `deserialize_with` helpers below raise the error while ron
//! still knows where the string is. The figures are in README.md
//! (RELIABILITY, "Sessions from elsewhere").

use serde::{Deserialize, Deserializer, de::Error};

/// The largest session file stb opens. A 10,000-insight session is 11.4 MB;
/// at 64 MB opening takes about half a second and under 1.5 times the file
/// in memory (see the README), and no real workshop comes near it.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The longest insight or comment, in bytes of UTF-8: 16 KiB, some 2,500
/// words, far past anything said in a room, yet short enough that editing
/// it stays under a frame.
pub const MAX_TEXT_BYTES: usize = 16 * 1024;

/// The longest name, in bytes of UTF-8: a participant's name or
/// organisation, a theme, a tag, a session's title, place, facilitator or
/// note-taker, a question's title, text or prompt, an author.
pub const MAX_NAME_BYTES: usize = 1024;

/// The most seconds a question's timer may have run: ten years, far past
/// any timer left running, far below where arithmetic on it could wrap.
pub const MAX_ELAPSED_SECONDS: u64 = 10 * 366 * 24 * 60 * 60;

/// The longest timebox, in minutes: a day, as adding time is capped.
pub const MAX_TIMEBOX_MINUTES: u32 = 24 * 60;

/// The oldest and newest file formats stb reads.
const FORMATS: std::ops::RangeInclusive<u32> = 1..=super::FORMAT_VERSION;

fn bounded<E: Error>(text: String, max: usize, what: &str) -> Result<String, E> {
    if text.len() > max {
        return Err(E::custom(format!(
            "{what} of {} bytes, longer than stb takes ({max} at most)",
            text.len()
        )));
    }
    Ok(text)
}

/// An insight's or comment's text, refused over [`MAX_TEXT_BYTES`].
pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    bounded(String::deserialize(d)?, MAX_TEXT_BYTES, "a text")
}

/// A name, refused over [`MAX_NAME_BYTES`].
pub(crate) fn name<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    bounded(String::deserialize(d)?, MAX_NAME_BYTES, "a name")
}

/// A list of names (tags, prompts, note-takers), each within
/// [`MAX_NAME_BYTES`]. Checked as each arrives, so the error points at it.
pub(crate) fn names<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(transparent)]
    struct Name(#[serde(deserialize_with = "name")] String);
    Ok(Vec::<Name>::deserialize(d)?
        .into_iter()
        .map(|n| n.0)
        .collect())
}

/// A timer's seconds, refused over [`MAX_ELAPSED_SECONDS`].
pub(crate) fn elapsed_seconds<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let seconds = u64::deserialize(d)?;
    if seconds > MAX_ELAPSED_SECONDS {
        return Err(D::Error::custom(format!(
            "{seconds} seconds on a timer, more than stb takes ({MAX_ELAPSED_SECONDS}, ten years)"
        )));
    }
    Ok(seconds)
}

/// A timebox, refused over [`MAX_TIMEBOX_MINUTES`].
pub(crate) fn minutes<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let minutes = u32::deserialize(d)?;
    if minutes > MAX_TIMEBOX_MINUTES {
        return Err(D::Error::custom(format!(
            "a timebox of {minutes} minutes, more than stb takes ({MAX_TIMEBOX_MINUTES}, a day)"
        )));
    }
    Ok(minutes)
}

/// The file format: 0 was never written by any stb. A newer one than this
/// build reads passes here, for the loader to say "update stb".
pub(crate) fn format<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let format = u32::deserialize(d)?;
    if format < *FORMATS.start() {
        return Err(D::Error::custom(format!(
            "format {format} is not a session format (stb writes {} to {})",
            FORMATS.start(),
            FORMATS.end()
        )));
    }
    Ok(format)
}

/// Whether `value`, chosen for the field named `field` (a conflict's value
/// being picked), keeps within the limits the loader holds files to: a
/// `text` within [`MAX_TEXT_BYTES`], any other string or list of strings
/// within [`MAX_NAME_BYTES`]. Other values have no length.
pub(crate) fn fits(field: &str, value: &dyn std::any::Any) -> bool {
    let max = if field == "text" {
        MAX_TEXT_BYTES
    } else {
        MAX_NAME_BYTES
    };
    if let Some(text) = value.downcast_ref::<String>() {
        return text.len() <= max;
    }
    if let Some(texts) = value.downcast_ref::<Vec<String>>() {
        return texts.iter().all(|t| t.len() <= max);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{InsightFields, ThemeFields};

    #[test]
    fn a_conflict_value_over_its_limit_cannot_be_chosen() {
        let quoted = |n: usize| format!("{:?}", "y".repeat(n));
        let mut insight = InsightFields::default();
        assert!(insight.set_ron("text", &quoted(MAX_TEXT_BYTES)));
        assert!(!insight.set_ron("text", &quoted(MAX_TEXT_BYTES + 1)));
        assert_eq!(insight.text.len(), MAX_TEXT_BYTES, "left as it was");
        let tags = format!("[{}]", quoted(MAX_NAME_BYTES + 1));
        assert!(!insight.set_ron("tags", &tags));
        let mut theme = ThemeFields::default();
        assert!(!theme.set_ron("name", &quoted(MAX_NAME_BYTES + 1)));
        assert!(theme.set_ron("name", &quoted(MAX_NAME_BYTES)));
    }
}
