//! Whether a question's prompts show: a choice the facilitator makes with a
//! key, kept apart from the layout rule that applies when they have not
//! (the question screen folds them when space is short), because only the
//! screen knows how much room there is.

/// Whether the question's prompts show above its insights.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PromptsShown {
    /// Shown while they leave room for the insights, folded when not.
    #[default]
    Auto,
    Shown,
    Hidden,
}

impl PromptsShown {
    /// After the key: shown, or hidden once shown. From `Auto` the key shows
    /// them, since it is pressed when they are folded away.
    pub fn toggled(self) -> PromptsShown {
        match self {
            PromptsShown::Auto | PromptsShown::Hidden => PromptsShown::Shown,
            PromptsShown::Shown => PromptsShown::Hidden,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PromptsShown::*;

    #[test]
    fn the_key_shows_folded_prompts_then_hides_them() {
        assert_eq!(Auto.toggled(), Shown);
        assert_eq!(Shown.toggled(), Hidden);
        assert_eq!(Hidden.toggled(), Shown);
    }
}
