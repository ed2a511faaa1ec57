//! Finding names inside free text, whole words only, ignoring case and
//! accents, and replacing them.

use crate::review::fold;

/// Names to replace, each as its folded words.
#[derive(Clone, Debug, Default)]
pub struct Scrubber {
    /// (folded words of a name or of one part of it, replacement), longest first.
    patterns: Vec<(Vec<String>, String)>,
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

impl Scrubber {
    /// Adds a name: the whole name, and each of its words of two letters or
    /// more (a first name or a surname alone), all replaced by `replacement`.
    pub fn add(&mut self, name: &str, replacement: &str) {
        let words: Vec<String> = tokens(name)
            .into_iter()
            .filter(|(w, _)| *w)
            .map(|(_, t)| fold(t))
            .collect();
        if words.is_empty() {
            return;
        }
        for word in words.iter().filter(|w| w.chars().count() >= 2) {
            self.patterns
                .push((vec![word.clone()], replacement.to_owned()));
        }
        if words.len() > 1 {
            self.patterns.push((words, replacement.to_owned()));
        }
        self.patterns
            .sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    }

    /// `text` with every added name replaced.
    pub fn scrub(&self, text: &str) -> String {
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
        for (i, (_, token)) in tokens.iter().enumerate() {
            if i < skip_to {
                continue;
            }
            while w < words.len() && words[w].0 < i {
                w += 1;
            }
            if w < words.len() && words[w].0 == i {
                let found = self.patterns.iter().find(|(pattern, _)| {
                    pattern
                        .iter()
                        .enumerate()
                        .all(|(k, part)| words.get(w + k).is_some_and(|(_, folded)| folded == part))
                });
                if let Some((pattern, replacement)) = found {
                    out.push_str(replacement);
                    skip_to = words[w + pattern.len() - 1].0 + 1;
                    continue;
                }
            }
            out.push_str(token);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_names_and_their_parts_go_in_any_case_and_accent() {
        let mut s = Scrubber::default();
        s.add("Siân Lloyd-Jones", "P01");
        assert_eq!(
            s.scrub("SIAN said Siân Lloyd Jones's idea, and lloyd agreed"),
            "P01 said P01's idea, and P01 agreed"
        );
        assert_eq!(
            s.scrub("Sianed and Lloydminster stay"),
            "Sianed and Lloydminster stay"
        );
        assert_eq!(s.scrub("@Sian_Lloyd thanks"), "@P01_P01 thanks");
    }
}
