//! Counted nouns as people write them: "1 insight", "2 insights",
//! "0 participants". Every count a screen, message or report shows goes
//! through here, so none says "1 minutes".

/// `n` and the noun, plural unless `n` is 1 (regular plurals: add `s`).
pub fn count(n: usize, noun: &str) -> String {
    count_as(n, noun, &format!("{noun}s"))
}

/// `n` and the noun, with the plural given (for "person"/"people", "copy"/"copies").
pub fn count_as(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", noun(n, singular, plural))
}

/// The noun alone, in the form `n` takes: for a table that aligns the
/// numbers in a column of their own (`stb list`).
pub fn noun<'a>(n: usize, singular: &'a str, plural: &'a str) -> &'a str {
    if n == 1 { singular } else { plural }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_number_plural() {
        assert_eq!(count(1, "minute"), "1 minute");
        assert_eq!(count(0, "insight"), "0 insights");
        assert_eq!(count(2, "participant"), "2 participants");
        assert_eq!(count_as(1, "copy", "copies"), "1 copy");
        assert_eq!(count_as(3, "copy", "copies"), "3 copies");
        assert_eq!(noun(1, "insight", "insights"), "insight");
        assert_eq!(noun(0, "person", "people"), "people");
    }
}
