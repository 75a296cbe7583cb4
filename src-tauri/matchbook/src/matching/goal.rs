//! What a computation optimises: the highest total, the weakest pair
//! first, or a matching no one would trade out of.

use serde::{Deserialize, Serialize};

/// What a computation optimises. Each respects every rule, lock and capacity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Goal {
    /// The highest total score (on equal totals, the most participants matched).
    #[default]
    Total,
    /// Raise the weakest pair first: among pairings that match at least as
    /// many participants as the highest total does, the highest lowest pair
    /// score, then the highest total.
    Fairest,
    /// No one would trade: a stable matching (participant-proposing
    /// deferred acceptance), the best such for every participant.
    Stable,
}

impl Goal {
    pub const ALL: [Goal; 3] = [Goal::Total, Goal::Fairest, Goal::Stable];

    pub fn key(self) -> &'static str {
        match self {
            Goal::Total => "total",
            Goal::Fairest => "fairest",
            Goal::Stable => "stable",
        }
    }

    /// What the old `goal` column of a version (whose CHECK knows only the
    /// first two) holds; the goal itself is in `goal_name`.
    pub(crate) fn legacy_key(self) -> &'static str {
        match self {
            Goal::Fairest => "fairest",
            Goal::Total | Goal::Stable => "total",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Goal::Total => "Highest total",
            Goal::Fairest => "Raise the weakest pair first",
            Goal::Stable => "No one would trade",
        }
    }

    /// What the goal does, in the committee's words.
    pub fn description(self) -> &'static str {
        match self {
            Goal::Total => "The pairing with the highest total score that breaks no rule. A few pairs may be weak so that many others are a little better.",
            Goal::Fairest => "Matches as many participants, makes the weakest pair score as high as it can, then takes the highest total among those pairings.",
            Goal::Stable => "Each participant is offered the mentors they prefer in turn (their stated choices first, then the best scores); each mentor keeps the participants they prefer. No participant and mentor would both rather be together than with the matches they got, though the total may be lower.",
        }
    }

    pub fn parse(key: &str) -> Option<Goal> {
        Goal::ALL.into_iter().find(|g| g.key() == key.trim())
    }
}
