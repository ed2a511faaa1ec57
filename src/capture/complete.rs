//! Tab completion on the capture line: `@name` from the roster, `#word`
//! from the practice types, kinds and tags in use. Kept apart from the
//! parser because it works on a line being typed, not a line entered.

use super::handle;
use crate::model::{Kind, PracticeType, Session};
use crate::review::fold;

/// What Tab can complete to in a session: roster names for `@`, and for
/// `#` the practice types, kinds and every tag in use.
pub fn vocabulary(session: &Session) -> (Vec<String>, Vec<String>) {
    let names = session
        .live_participants()
        .map(|p| p.name.clone())
        .collect();
    let mut tags: Vec<String> = PracticeType::ALL
        .iter()
        .map(|p| p.tag().to_owned())
        .collect();
    tags.extend(Kind::ALL.iter().map(|k| k.tag().to_owned()));
    for insight in session.live_insights() {
        tags.extend(insight.tags.iter().cloned());
    }
    tags.sort();
    tags.dedup();
    (names, tags)
}

/// A completion of the token that ends at the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    /// Byte range of the token (without its sigil) in the line.
    pub start: usize,
    pub end: usize,
    /// What to put there: the full word when one candidate fits, else the
    /// longest prefix the candidates share.
    pub replacement: String,
    /// Whether exactly one candidate fitted (so a space may follow).
    pub unique: bool,
}

/// Completes the `@name` or `#tag` ending at byte `cursor` of `line`.
/// `names` are roster names, `tags` every word a `#` can take. Matching
/// ignores case and accents, as `@` does: `@siob` completes to
/// `Siobhán_Kelly`.
pub fn complete(line: &str, cursor: usize, names: &[&str], tags: &[String]) -> Option<Completion> {
    let before = line.get(..cursor)?;
    let start_of_word = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[start_of_word..];
    let sigil = word.chars().next()?;
    let typed = &word[sigil.len_utf8()..];
    let candidates: Vec<String> = match sigil {
        '@' => names.iter().map(|n| handle(n)).collect(),
        '#' => tags.to_vec(),
        _ => return None,
    };
    let want = fold(typed);
    let mut fits: Vec<&String> = candidates
        .iter()
        .filter(|c| fold(c).starts_with(&want))
        .collect();
    fits.sort();
    fits.dedup();
    let replacement = match fits.as_slice() {
        [] => return None,
        [one] => (*one).clone(),
        many => common_prefix(many),
    };
    if replacement.chars().count() < typed.chars().count() {
        return None;
    }
    Some(Completion {
        start: start_of_word + 1,
        end: cursor,
        unique: fits.len() == 1,
        replacement,
    })
}

fn common_prefix(words: &[&String]) -> String {
    let first: Vec<char> = words[0].chars().collect();
    let mut len = first.len();
    for w in &words[1..] {
        len = len.min(
            first
                .iter()
                .zip(w.chars())
                .take_while(|(a, b)| fold_char(**a) == fold_char(*b))
                .count(),
        );
    }
    first[..len].iter().collect()
}

/// One character folded as [`fold`] folds text (`Á` → `a`).
fn fold_char(c: char) -> String {
    let mut buf = [0; 4];
    fold(c.encode_utf8(&mut buf))
}
