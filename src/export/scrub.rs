//! Finding names inside free text and replacing them, the way a careful
//! person would: whole words only, ignoring case and accents, and leaving a
//! name that is also an ordinary word alone where it is used as the word.
//!
//! The rule (README, "Scrubbing"):
//!
//! - A **full name** (all its words in a row) is always replaced, in any
//!   case: "will hope" is Will Hope.
//! - A **single part** of a name (a given name, a surname) that is not an
//!   ordinary English word ("Siân", "Gallacher") is replaced in any case
//!   and accent: nobody writes "sian" meaning anything else.
//! - A single part that **is an ordinary word** ([`ORDINARY`]: will, hope,
//!   grace, may, rose, mark, …) is replaced only where it reads as a name:
//!   after `@`; before a possessive (`Will's`, `Hope’s`) or a verb of
//!   speech (`Will said`, `grace suggested`), in any case; capitalised in
//!   the middle of a sentence ("we asked Grace"); at the start of a sentence
//!   only with a cue after it ("Grace from the council", "Will and Rhian").
//!   A month name after a date word or beside a number ("by May", "May
//!   2026") is the month. Everything else is the word: "we will need", "by
//!   grace of the council", "there is hope", "Hope is what we need" (a
//!   sentence may start with any word). A word in capitals among capitals
//!   is shouting, not a name.
//!
//! Every replacement can be listed with its context (`--show-redactions`),
//! so a researcher can check the rule against their own texts.

use crate::review::fold;

/// Names that are also ordinary English words: only replaced where used
/// as names (see the module's rule). Folded.
const ORDINARY: &[&str] = &[
    "amber", "april", "art", "ash", "august", "baker", "banks", "bell", "bill", "birch", "bird",
    "bishop", "black", "brook", "brown", "buck", "bush", "carol", "carter", "case", "cash",
    "chance", "charity", "chase", "church", "cliff", "cole", "cook", "crane", "daisy", "dale",
    "dawn", "day", "dean", "don", "drew", "faith", "fern", "field", "fields", "fish", "fisher",
    "fox", "frank", "gene", "ginger", "glen", "gold", "good", "grace", "grant", "gray", "green",
    "grey", "guy", "hall", "harmony", "hart", "hazel", "heath", "heather", "hill", "holly",
    "honey", "hope", "house", "hunt", "hunter", "iris", "ivy", "jack", "jade", "joy", "judge",
    "june", "king", "lake", "lamb", "land", "lane", "law", "lily", "little", "long", "love",
    "mark", "marsh", "mason", "may", "melody", "miles", "mill", "miller", "mills", "moss", "north",
    "oak", "olive", "page", "park", "parks", "pat", "patience", "pearl", "penny", "pool", "porter",
    "power", "price", "rain", "ray", "rich", "river", "rob", "robin", "rose", "rowan", "ruby",
    "sandy", "sharp", "shepherd", "short", "silver", "sky", "small", "smith", "south", "stone",
    "storm", "strong", "sue", "summer", "swan", "taylor", "turner", "violet", "walker", "ward",
    "waters", "wells", "west", "white", "will", "willow", "wolf", "wood", "woods", "wright",
    "young",
];

/// Words that join names ("Bryn ap Dafydd", "Rhian and Dafydd", "Ludwig
/// van Beethoven"): replaced inside the full name, never alone, where they
/// are the ordinary words they are.
const PARTICLES: &[&str] = &[
    "ab", "and", "ap", "da", "de", "del", "den", "der", "di", "du", "la", "le", "of", "the", "van",
    "von",
];

/// Ordinary words that are also months: the month beside a date cue.
const MONTHS: &[&str] = &["april", "august", "june", "may"];

/// Words before a month that make it the month.
const DATE_CUES: &[&str] = &[
    "after", "before", "by", "during", "early", "end", "every", "from", "in", "last", "late",
    "mid", "next", "of", "on", "since", "this", "till", "until",
];

/// Verbs of speech and thought after a name, in any case.
const SPEECH: &[&str] = &[
    "added",
    "adds",
    "agreed",
    "agrees",
    "argued",
    "argues",
    "asked",
    "asks",
    "believes",
    "described",
    "describes",
    "explained",
    "explains",
    "felt",
    "feels",
    "mentioned",
    "mentions",
    "noted",
    "notes",
    "pointed",
    "proposed",
    "proposes",
    "raised",
    "reckons",
    "recalled",
    "replied",
    "replies",
    "said",
    "says",
    "shared",
    "shares",
    "spoke",
    "suggested",
    "suggests",
    "thinks",
    "thought",
    "told",
    "tells",
    "wants",
    "wanted",
];

/// Words after a capitalised sentence-initial name that make it a name.
const NAME_CUES: &[&str] = &["and", "from"];

/// A replacement made, with where it was, for `--show-redactions`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The words as written.
    pub original: String,
    /// What they became.
    pub replacement: String,
    /// The text around them, on one line, the words marked `«…»`.
    pub context: String,
}

/// Names to replace, each as its folded words.
#[derive(Clone, Debug, Default)]
pub struct Scrubber {
    /// Longest first.
    patterns: Vec<Pattern>,
    /// The patterns each folded first word starts, longest first: a word
    /// is looked up once, not tried against every name of the export.
    by_first: std::collections::HashMap<String, Vec<usize>>,
}

#[derive(Clone, Debug)]
struct Pattern {
    /// Folded words, in order.
    words: Vec<String>,
    replacement: String,
    /// A single part that is also an ordinary word: only where used as a name.
    careful: bool,
}

/// Splits text into runs of word characters and runs of the rest.
fn tokens(text: &str) -> Vec<(bool, &str)> {
    let mut out: Vec<(bool, &str)> = Vec::new();
    let mut start = 0;
    let mut word: Option<bool> = None;
    for (i, c) in text.char_indices() {
        let is_word = c.is_alphanumeric()
            || (word == Some(true) && unicode_normalization::char::is_combining_mark(c));
        if word.is_some_and(|w| w != is_word) {
            out.push((word.unwrap_or(false), &text[start..i]));
            start = i;
        }
        word = Some(is_word);
    }
    if start < text.len() {
        out.push((word.unwrap_or(false), &text[start..]));
    }
    out
}

fn is_ordinary(folded: &str) -> bool {
    ORDINARY.contains(&folded)
}

impl Scrubber {
    /// Adds a name: the whole name, and each of its words of two letters or
    /// more but the [`PARTICLES`] (a first name or a surname alone), all
    /// replaced by `replacement`.
    pub fn add(&mut self, name: &str, replacement: &str) {
        let words: Vec<String> = tokens(name)
            .into_iter()
            .filter(|(w, _)| *w)
            .map(|(_, t)| fold(t))
            .collect();
        if words.is_empty() {
            return;
        }
        let alone = |w: &&String| w.chars().count() >= 2 && !PARTICLES.contains(&w.as_str());
        for word in words.iter().filter(alone) {
            self.push(vec![word.clone()], replacement);
        }
        if words.len() > 1 {
            self.push(words, replacement);
        }
    }

    /// Adds `text` as one sequence of words only (a device's whole name,
    /// `dafydd@laptop`, whose part `laptop` is no name).
    pub fn add_whole(&mut self, text: &str, replacement: &str) {
        let words: Vec<String> = tokens(text)
            .into_iter()
            .filter(|(w, _)| *w)
            .map(|(_, t)| fold(t))
            .collect();
        if !words.is_empty() {
            self.push(words, replacement);
        }
    }

    fn push(&mut self, words: Vec<String>, replacement: &str) {
        let careful = words.len() == 1 && is_ordinary(&words[0]);
        self.patterns.push(Pattern {
            words,
            replacement: replacement.to_owned(),
            careful,
        });
        self.patterns
            .sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        self.by_first.clear();
        for (k, p) in self.patterns.iter().enumerate() {
            self.by_first.entry(p.words[0].clone()).or_default().push(k);
        }
    }

    /// `text` with every added name replaced.
    pub fn scrub(&self, text: &str) -> String {
        self.scrub_noting(text, &mut Vec::new())
    }

    /// `text` with every added name replaced, each replacement added to
    /// `found`.
    pub fn scrub_noting(&self, text: &str, found: &mut Vec<Found>) -> String {
        if self.patterns.is_empty() {
            return text.to_owned();
        }
        let tokens = tokens(text);
        let words: Vec<(usize, String)> = tokens
            .iter()
            .enumerate()
            .filter(|(_, (w, _))| *w)
            .map(|(i, (_, t))| (i, fold(t)))
            .collect();
        let mut out = String::with_capacity(text.len());
        let mut skip_to = 0;
        let mut w = 0;
        let mut offset = 0;
        for (i, (_, token)) in tokens.iter().enumerate() {
            let start = offset;
            offset += token.len();
            if i < skip_to {
                continue;
            }
            while w < words.len() && words[w].0 < i {
                w += 1;
            }
            if w < words.len() && words[w].0 == i {
                let starting = self.by_first.get(&words[w].1).into_iter().flatten();
                let found_here =
                    starting.map(|&k| &self.patterns[k]).find(|p| {
                        p.words.iter().enumerate().all(|(k, part)| {
                            words.get(w + k).is_some_and(|(_, folded)| folded == part)
                        }) && (!p.careful || used_as_name(&tokens, &words, w))
                    });
                if let Some(p) = found_here {
                    out.push_str(&p.replacement);
                    let last = words[w + p.words.len() - 1].0;
                    skip_to = last + 1;
                    let end = start + tokens[i..=last].iter().map(|t| t.1.len()).sum::<usize>();
                    found.push(Found {
                        original: text[start..end].to_owned(),
                        replacement: p.replacement.clone(),
                        context: context(text, start, end),
                    });
                    continue;
                }
            }
            out.push_str(token);
        }
        out
    }
}

/// Whether the ordinary word at `words[w]` is used as a name (the module's
/// rule).
fn used_as_name(tokens: &[(bool, &str)], words: &[(usize, String)], w: usize) -> bool {
    let i = words[w].0;
    let written = tokens[i].1;
    let before = i.checked_sub(1).map(|b| tokens[b].1);
    let after = tokens.get(i + 1).map(|t| t.1);
    let prev = w.checked_sub(1).map(|p| words[p].1.as_str());
    let next = words.get(w + 1).map(|n| n.1.as_str());
    if before.is_some_and(|b| b.ends_with('@')) {
        return true;
    }
    let possessive = after.is_some_and(|a| a == "'" || a == "’") && next == Some("s");
    let spoken = next.is_some_and(|n| SPEECH.contains(&n));
    if possessive || spoken {
        return true;
    }
    if !capitalised(written) || shouting(tokens, words, w) {
        return false;
    }
    let folded = words[w].1.as_str();
    if MONTHS.contains(&folded) {
        let numeric = |k: Option<&str>| k.is_some_and(|t| t.chars().all(|c| c.is_ascii_digit()));
        if prev.is_some_and(|p| DATE_CUES.contains(&p)) || numeric(prev) || numeric(next) {
            return false;
        }
    }
    let sentence_start = match before {
        None => true,
        Some(sep) => w == 0 || sep.contains(['.', '!', '?', ':', ';', '\n', '"', '“', '(']),
    };
    !sentence_start || next.is_some_and(|n| NAME_CUES.contains(&n))
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether the word is in capitals, and so is a word beside it.
fn shouting(tokens: &[(bool, &str)], words: &[(usize, String)], w: usize) -> bool {
    let caps = |k: usize| {
        let t = tokens[words[k].0].1;
        t.chars().count() > 1 && t.chars().all(|c| !c.is_lowercase())
    };
    caps(w) && (w.checked_sub(1).is_some_and(caps) || (w + 1 < words.len() && caps(w + 1)))
}

/// Up to 30 characters either side of `text[start..end]`, on one line, the
/// match marked.
fn context(text: &str, start: usize, end: usize) -> String {
    let before: String = {
        let chars: Vec<char> = text[..start].chars().collect();
        chars[chars.len().saturating_sub(30)..].iter().collect()
    };
    let after: String = text[end..].chars().take(30).collect();
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let lead = if before.ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let trail = if after.starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    format!(
        "{}{lead}«{}»{trail}{}",
        flat(&before),
        &text[start..end],
        flat(&after)
    )
}

#[cfg(test)]
mod tests;
