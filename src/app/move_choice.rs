//! Choosing the question an insight moves to, for a set of any size (one
//! to twelve questions).
//!
//! A digit moves at once when no longer number could follow it: with up to
//! nine questions every digit does, as before; with ten to twelve, `1`
//! waits for a second digit (`0`–`2` for 10–12) or `Enter` (question 1).
//! `↑` `↓` and `Enter` pick from the list for those who would rather look.

/// What choosing the move has got to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MoveChoice {
    /// The question highlighted in the list (from 1); 0 before any arrow.
    pub highlighted: usize,
    /// A first digit typed that a second may follow.
    pub pending: Option<usize>,
}

/// What a key does to the choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoveStep {
    /// Still choosing, now at this.
    Choosing(MoveChoice),
    /// Move to this question (which may not exist: the caller says so).
    To(usize),
}

impl MoveChoice {
    /// The choice opened on an insight of question `here`.
    pub fn at(here: usize) -> MoveChoice {
        MoveChoice {
            highlighted: here,
            pending: None,
        }
    }

    /// Digit `d` typed, in a set of `n` questions.
    pub fn digit(self, d: usize, n: usize) -> MoveStep {
        match self.pending {
            Some(first) => MoveStep::To(first * 10 + d),
            None if d > 0 && d * 10 <= n => MoveStep::Choosing(MoveChoice {
                highlighted: d,
                pending: Some(d),
            }),
            None => MoveStep::To(d),
        }
    }

    /// `Enter`: the digit typed, else the question highlighted.
    pub fn enter(self) -> MoveStep {
        MoveStep::To(self.pending.unwrap_or(self.highlighted))
    }

    /// `↑` (`down` false) or `↓` in a list of `n`: the highlight moves and
    /// any digit typed is forgotten.
    pub fn step(self, down: bool, n: usize) -> MoveChoice {
        let highlighted = if down {
            (self.highlighted + 1).min(n)
        } else {
            self.highlighted.saturating_sub(1).max(1)
        };
        MoveChoice {
            highlighted,
            pending: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(keys: &[usize], n: usize) -> MoveStep {
        let mut step = MoveStep::Choosing(MoveChoice::at(1));
        for &d in keys {
            let MoveStep::Choosing(choice) = step else {
                panic!("moved before {d}");
            };
            step = choice.digit(d, n);
        }
        step
    }

    #[test]
    fn with_nine_questions_or_fewer_a_digit_moves_at_once() {
        assert_eq!(typed(&[1], 4), MoveStep::To(1));
        assert_eq!(typed(&[9], 9), MoveStep::To(9));
        assert_eq!(typed(&[0], 9), MoveStep::To(0), "the caller refuses 0");
    }

    #[test]
    fn with_twelve_one_waits_for_a_second_digit_or_enter() {
        assert_eq!(typed(&[1, 2], 12), MoveStep::To(12));
        assert_eq!(typed(&[1, 0], 10), MoveStep::To(10));
        assert_eq!(typed(&[2], 12), MoveStep::To(2), "no 20s: at once");
        let MoveStep::Choosing(waiting) = typed(&[1], 12) else {
            panic!("1 waits")
        };
        assert_eq!(waiting.enter(), MoveStep::To(1));
        assert_eq!(
            typed(&[1, 5], 12),
            MoveStep::To(15),
            "the caller refuses 15"
        );
    }

    #[test]
    fn arrows_pick_from_the_list_and_forget_a_digit() {
        let choice = MoveChoice::at(1).step(true, 12).step(true, 12);
        assert_eq!(choice.enter(), MoveStep::To(3));
        assert_eq!(MoveChoice::at(12).step(true, 12).enter(), MoveStep::To(12));
        assert_eq!(MoveChoice::at(1).step(false, 12).enter(), MoveStep::To(1));
        let MoveStep::Choosing(waiting) = MoveChoice::at(1).digit(1, 12) else {
            panic!("1 waits")
        };
        assert_eq!(waiting.step(true, 12).enter(), MoveStep::To(2));
    }
}
