//! How a criterion compares a participant's answer with a mentor's: the
//! seven ways, their words for the committee, and which questions each fits.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::questions::QuestionKind;

/// The similarity (percent of full marks) a must-match similar-writing
/// criterion asks for until the committee sets another.
pub const DEFAULT_MIN_SIMILARITY: u8 = 50;

/// How a criterion compares the two answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Compare {
    /// The share of what the participant picked that the mentor also picked.
    Shared,
    /// 1 when the answers are equal.
    Same,
    /// 1 − distance ÷ range, for numbers, scales and ordered choices.
    Closeness,
    /// Full marks when the mentor's number is higher by the set gap.
    MentorMore,
    /// Someone asked for the other by name (either side).
    Requested,
    /// A hard rule: someone named the other, or the participant wants a
    /// topic the mentor would rather not mentor on.
    Avoid,
    /// What both wrote: the distinctive words their answers share.
    Text,
    /// Between the members of a peer circle: full marks when their answers
    /// differ (a circle deliberately mixed, for example across regions).
    Mixed,
}

impl Compare {
    pub const ALL: [Compare; 8] = [
        Compare::Shared,
        Compare::Same,
        Compare::Closeness,
        Compare::MentorMore,
        Compare::Requested,
        Compare::Avoid,
        Compare::Text,
        Compare::Mixed,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Compare::Shared => "shared",
            Compare::Same => "same",
            Compare::Closeness => "closeness",
            Compare::MentorMore => "mentor_more",
            Compare::Requested => "requested",
            Compare::Avoid => "avoid",
            Compare::Text => "text",
            Compare::Mixed => "mixed",
        }
    }

    /// The committee's words for it.
    pub fn label(self) -> &'static str {
        match self {
            Compare::Shared => "Shared options",
            Compare::Same => "Same answer",
            Compare::Closeness => "Close answers",
            Compare::MentorMore => "Mentor has more",
            Compare::Requested => "Asked for by name",
            Compare::Avoid => "Avoid (a hard rule)",
            Compare::Text => "Similar writing",
            Compare::Mixed => "Deliberately mixed",
        }
    }

    /// `mentor-more`, `mentor_more`, or the label.
    pub fn parse(text: &str) -> Result<Compare> {
        let wanted = text.trim().to_lowercase().replace('-', "_");
        Compare::ALL
            .into_iter()
            .find(|c| c.key() == wanted || c.label().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "\"{text}\" is not a way to compare answers; use shared, same, closeness, mentor-more, requested, avoid or text (between circle members: same or mixed)."
                ))
            })
    }

    /// What a criterion of this kind counts.
    pub fn description(self) -> &'static str {
        match self {
            Compare::Shared => {
                "The share of what the participant picked that the mentor also picked."
            }
            Compare::Same => "Full marks when the two answers are the same.",
            Compare::Closeness => "The closer the two answers on the scale, the more it counts.",
            Compare::MentorMore => {
                "Full marks when the mentor's number is 5 or more above the participant's (for grades and scales, one step above)."
            }
            Compare::Requested => "One of them asked for the other by name.",
            Compare::Avoid => "Pairs it names are ruled out, whatever their score.",
            Compare::Text => {
                "The more of the same distinctive words both wrote, the more it counts; words nearly everyone writes count little."
            }
            Compare::Mixed => {
                "Between circle members: full marks when their answers differ, so a circle mixes them."
            }
        }
    }

    /// Whether the comparison fits questions of these kinds.
    pub fn fits(self, participant: QuestionKind, mentor: QuestionKind) -> bool {
        use QuestionKind::*;
        let choice = |k: QuestionKind| matches!(k, Single | Multi | YesNo | Scale);
        match self {
            Compare::Shared => choice(participant) && choice(mentor),
            Compare::Same | Compare::Mixed => {
                !matches!(participant, Text | Contact | Names)
                    && !matches!(mentor, Text | Contact | Names)
            }
            Compare::Closeness => {
                matches!(participant, Number | Scale) && matches!(mentor, Number | Scale)
            }
            // Numbers, scales, or one choice that carries a number ("Grade 9").
            Compare::MentorMore => {
                matches!(participant, Number | Scale | Single)
                    && matches!(mentor, Number | Scale | Single)
            }
            Compare::Requested => participant == Names || mentor == Names,
            Compare::Avoid => {
                participant == Names || mentor == Names || (choice(participant) && choice(mentor))
            }
            // Free text with free text, or with the options someone chose.
            Compare::Text => {
                let words = |k: QuestionKind| matches!(k, Text | Single | Multi);
                (participant == Text || mentor == Text) && words(participant) && words(mentor)
            }
        }
    }

    /// Whether it compares what people wrote (examples, a minimum similarity).
    pub fn is_writing(self) -> bool {
        self == Compare::Text
    }

    /// Whether "must match" means something for it.
    pub fn can_be_must(self) -> bool {
        !matches!(self, Compare::Requested | Compare::Avoid | Compare::Mixed)
    }

    /// What it counts between the members of a peer circle (no participant
    /// and mentor there: two members are compared alike).
    pub fn circle_description(self) -> &'static str {
        match self {
            Compare::Shared => "The share of the options either member picked that both picked.",
            other => other.description(),
        }
    }

    /// Whether it compares a participant with a mentor (every way but
    /// "mixed", which only makes sense among the members of a circle).
    pub fn for_pairs(self) -> bool {
        self != Compare::Mixed
    }

    /// Whether it compares the members of a peer circle.
    pub fn for_circles(self) -> bool {
        matches!(
            self,
            Compare::Same | Compare::Mixed | Compare::Shared | Compare::Closeness
        )
    }
}
