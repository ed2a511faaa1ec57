//! The searchable text of a session's insights, kept for the review's
//! query between keystrokes.
//!
//! Folding an accented letter decomposes it, too slow to redo for every
//! insight on every keystroke, so the review folds each insight once. It
//! keeps that text compactly, since a review holds it beside the whole
//! session and the heap it may take is budgeted against the file's size.

use super::searchable;
use crate::model::Insight;

/// The folded searchable text of each insight of one session, by its
/// index in the session.
///
/// One buffer and an end offset for each insight, rather than a `String`
/// each: at 10,000 insights the strings' headers and spare capacity took
/// over a quarter as much again as the text. An insight whose text and
/// comments are all ASCII (7 in 10 of the generated 10,000) keeps no text
/// here: folding it is only lowering, done on a keystroke that searches
/// words for about 0.15 ms more at 10,000 insights.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FoldedTexts {
    text: String,
    /// Where each insight's text ends in `text`; it starts where the one
    /// before it ends. `u32`: a session file is far smaller than 4 GiB.
    ends: Vec<u32>,
    /// Which insights keep no text, being all ASCII: remembered so a
    /// keystroke need not read every insight's text again to know.
    all_ascii: Vec<bool>,
}

impl FoldedTexts {
    /// What `insights` (a session's, in its order) need kept for searching.
    pub fn of(insights: &[Insight]) -> FoldedTexts {
        FoldedTexts::from_kept(insights.iter().map(kept))
    }

    /// Holds what is kept of each insight by index (see [`kept`]), with no
    /// spare capacity.
    fn from_kept<T: AsRef<str>>(kept: impl IntoIterator<Item = Option<T>>) -> FoldedTexts {
        let mut folded = FoldedTexts::default();
        for text in kept {
            folded.all_ascii.push(text.is_none());
            folded
                .text
                .push_str(text.as_ref().map_or("", AsRef::as_ref));
            folded.ends.push(offset(folded.text.len()));
        }
        folded.text.shrink_to_fit();
        folded.ends.shrink_to_fit();
        folded.all_ascii.shrink_to_fit();
        folded
    }

    /// The text kept for insight `i`: empty for an all-ASCII one.
    fn get(&self, i: usize) -> &str {
        &self.text[self.start(i)..self.ends[i] as usize]
    }

    /// What the query searches for insight `i` (see [`searchable`]): the
    /// text kept, or for an all-ASCII insight its text and comments lowered
    /// into `lowered`, a buffer the caller reuses from one insight to the
    /// next so no keystroke allocates for each.
    pub fn searchable<'a>(
        &'a self,
        i: usize,
        insight: &Insight,
        lowered: &'a mut String,
    ) -> &'a str {
        if !self.all_ascii[i] {
            return self.get(i);
        }
        lowered.clear();
        lowered.push_str(&insight.text);
        for comment in insight.comments.iter().filter(|c| !c.deleted) {
            lowered.push('\n');
            lowered.push_str(&comment.text);
        }
        lowered.make_ascii_lowercase();
        lowered
    }

    /// Folds insight `i` again after an edit changed it (`insight`).
    pub fn refold(&mut self, i: usize, insight: &Insight) {
        let kept = kept(insight);
        self.replace(i, kept.as_deref().unwrap_or(""));
        self.all_ascii[i] = kept.is_none();
    }

    /// Puts `text` in place of insight `i`'s, moving the texts after it.
    /// The buffer grows only by what the new text adds, so an edit does not
    /// double what a session's texts hold.
    fn replace(&mut self, i: usize, text: &str) {
        let (start, end) = (self.start(i), self.ends[i] as usize);
        self.text
            .reserve_exact(text.len().saturating_sub(end - start));
        self.text.replace_range(start..end, text);
        let was = end - start;
        for later in &mut self.ends[i..] {
            *later = offset(*later as usize - was + text.len());
        }
    }

    fn start(&self, i: usize) -> usize {
        i.checked_sub(1)
            .map_or(0, |before| self.ends[before] as usize)
    }
}

/// What is kept of `insight`: its folded searchable text, or None when
/// everything [`searchable`] reads of it is ASCII, so folding is lowering.
fn kept(insight: &Insight) -> Option<String> {
    let ascii = insight.text.is_ascii()
        && (insight.comments.iter())
            .filter(|c| !c.deleted)
            .all(|c| c.text.is_ascii());
    (!ascii).then(|| searchable(insight))
}

fn offset(at: usize) -> u32 {
    u32::try_from(at).expect("a session's text fits in u32")
}

#[cfg(test)]
mod tests;
