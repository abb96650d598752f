//! Which observed calls an operation uses: a time window at day resolution (activity is
//! aggregated per UTC day) and the outcomes to include. Synthesis, simulation and diff share it so
//! that "the last 30 days" means the same calls everywhere.

use crate::activity::{ObservedCall, Outcome, PrincipalActivity};
use crate::timestamp::Day;
use serde::{Deserialize, Serialize};

/// Inclusive bounds on `ObservedCall::day`; `None` is unbounded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayWindow {
    pub since: Option<Day>,
    pub until: Option<Day>,
}

impl DayWindow {
    pub fn all() -> DayWindow {
        DayWindow::default()
    }

    pub fn contains(&self, day: Day) -> bool {
        self.since.is_none_or(|since| day >= since) && self.until.is_none_or(|until| day <= until)
    }

    /// The calls of a principal inside the window.
    pub fn calls<'a>(&self, principal: &'a PrincipalActivity) -> impl Iterator<Item = &'a ObservedCall> + use<'a> {
        let window = *self;
        principal.calls.iter().filter(move |call| window.contains(call.day))
    }
}

/// The calls a policy must allow: the successful ones, and the denied ones when asked (they may be
/// needed; they were refused, so nothing proves they are).
pub fn is_wanted(call: &ObservedCall, include_denied: bool) -> bool {
    match call.outcome {
        Outcome::Success => true,
        Outcome::Denied => include_denied,
        Outcome::Error => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_inclusive_days() {
        let window = DayWindow { since: Some(Day(10)), until: Some(Day(12)) };
        assert!(!window.contains(Day(9)));
        assert!(window.contains(Day(10)));
        assert!(window.contains(Day(12)));
        assert!(!window.contains(Day(13)));
        assert!(DayWindow::all().contains(Day(-5)));
    }
}
