//! A program's shape: mentors and participants in pairs, a mentor with a
//! group of participants, or peer circles of participants without a mentor;
//! and the sizes its groups may have.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// How the people of a program meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// One mentor, one participant.
    #[default]
    OneToOne,
    /// A mentor meets a group of participants together.
    Groups,
    /// Participants meet in circles, without a mentor.
    Circles,
}

/// A shape as the program form offers it.
#[derive(Debug, Clone, Serialize)]
pub struct ShapeChoice {
    pub shape: Shape,
    pub label: &'static str,
    pub explanation: &'static str,
    /// Whether the group size applies to it.
    pub has_group_size: bool,
    /// The sizes a group may be given ([`GROUP_SIZE_LIMITS`]).
    pub smallest_group: u32,
    pub largest_group: u32,
    /// The switch of the same-library rule, when the shape has one (peer
    /// circles: `keep_libraries_apart`), with its explanation.
    pub library_rule: Option<&'static str>,
    pub library_rule_hint: Option<&'static str>,
}

impl Shape {
    pub const ALL: [Shape; 3] = [Shape::OneToOne, Shape::Groups, Shape::Circles];

    pub fn key(self) -> &'static str {
        match self {
            Shape::OneToOne => "one_to_one",
            Shape::Groups => "groups",
            Shape::Circles => "circles",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Shape::OneToOne => "One-to-one",
            Shape::Groups => "Groups with a mentor",
            Shape::Circles => "Peer circles",
        }
    }

    /// What it means, in a sentence for the committee.
    pub fn explanation(self) -> &'static str {
        match self {
            Shape::OneToOne => "Each participant is matched with one mentor; a mentor may take several participants, each as a separate pair.",
            Shape::Groups => "A mentor meets a group of participants together. Each group stays within the group size and within the mentor's own number of mentees.",
            Shape::Circles => "Participants meet in peer circles, without a mentor. Matchbook puts together people whose answers agree (or deliberately differ), in circles of the group size.",
        }
    }

    /// `one-to-one`, `one_to_one`, `groups`, `circles`, or the label.
    pub fn parse(text: &str) -> Result<Shape> {
        let wanted = text.trim().to_lowercase().replace('-', "_");
        Shape::ALL
            .into_iter()
            .find(|s| s.key() == wanted || s.label().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "\"{text}\" is not a program shape; use one-to-one, groups or circles."
                ))
            })
    }

    /// Every shape with its words, for the program form.
    pub fn choices() -> Vec<ShapeChoice> {
        Shape::ALL
            .into_iter()
            .map(|shape| ShapeChoice {
                shape,
                label: shape.label(),
                explanation: shape.explanation(),
                has_group_size: shape != Shape::OneToOne,
                smallest_group: GROUP_SIZE_LIMITS.0,
                largest_group: GROUP_SIZE_LIMITS.1,
                library_rule: (shape == Shape::Circles)
                    .then_some("Put people of one library in different circles"),
                library_rule_hint: (shape == Shape::Circles).then_some(
                    "Clear it to let colleagues from one library share a circle. A lock on two people keeps them together either way.",
                ),
            })
            .collect()
    }
}

/// The smallest and largest group a program allows.
pub const GROUP_SIZE_LIMITS: (u32, u32) = (2, 50);

/// Reads "4-6", "4–6", "4 to 6" or "5" (exactly five) as (min, max).
pub fn parse_group_size(text: &str) -> Result<(u32, u32)> {
    let cleaned = text.trim().replace(['–', '—'], "-").replace(" to ", "-");
    let parts: Vec<&str> = cleaned.split('-').map(str::trim).collect();
    let number = |s: &str| s.parse::<u32>().ok();
    let (min, max) = match parts.as_slice() {
        [one] => (number(one), number(one)),
        [a, b] => (number(a), number(b)),
        _ => (None, None),
    };
    match (min, max) {
        (Some(min), Some(max)) => {
            check_group_size(min, max)?;
            Ok((min, max))
        }
        _ => Err(Error::Invalid(format!(
            "\"{text}\" is not a group size; write the smallest and largest size, for example 4-6."
        ))),
    }
}

/// Refuses sizes outside 2–50 or a minimum above the maximum.
pub fn check_group_size(min: u32, max: u32) -> Result<()> {
    let (low, high) = GROUP_SIZE_LIMITS;
    if min < low || max > high {
        return Err(Error::Invalid(format!(
            "A group has {low} to {high} people; the size {min}-{max} is outside that."
        )));
    }
    if min > max {
        return Err(Error::Invalid(format!(
            "The smallest group ({min}) is larger than the largest ({max}); write the smaller number first, for example {max}-{min}."
        )));
    }
    Ok(())
}

/// A group size as people write it: "4–6", or "5" when it is exact.
pub fn group_size_text(min: u32, max: u32) -> String {
    if min == max {
        min.to_string()
    } else {
        format!("{min}\u{2013}{max}")
    }
}

/// The words a program's pages use for the units its people meet in:
/// pairs, groups with a mentor, or peer circles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ShapeWords {
    /// "pair", "group" or "circle".
    pub unit: &'static str,
    /// "pairs", "groups" or "circles".
    pub units: &'static str,
}

impl Shape {
    /// [`ShapeWords`] of the shape.
    pub fn words(self) -> ShapeWords {
        let (unit, units) = match self {
            Shape::OneToOne => ("pair", "pairs"),
            Shape::Groups => ("group", "groups"),
            Shape::Circles => ("circle", "circles"),
        };
        ShapeWords { unit, units }
    }

    /// Who is in a program, for its status line: "12 mentors, 30
    /// participants", or "30 participants in peer circles" (no mentors).
    pub fn people_text(self, mentors: i64, participants: i64) -> String {
        let count = |n: i64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        match self {
            Shape::Circles => format!("{} in peer circles", count(participants, "participant")),
            _ => format!(
                "{}, {}",
                count(mentors, "mentor"),
                count(participants, "participant")
            ),
        }
    }
}

/// Reads whether peer circles keep one library's people apart: "apart"
/// (true, the default) or "together" (they may share a circle).
pub fn parse_same_library(text: &str) -> Result<bool> {
    match text.trim().to_lowercase().as_str() {
        "apart" | "kept apart" | "keep apart" => Ok(true),
        "together" | "allowed" | "allow" => Ok(false),
        other => Err(Error::Invalid(format!(
            "\"{other}\" is not a choice for people of one library: write apart (different circles) or together (they may share a circle)."
        ))),
    }
}

/// What the rule says, in the committee's words.
pub fn same_library_text(keep_apart: bool) -> &'static str {
    if keep_apart {
        "People of one library are put in different circles."
    } else {
        "People of one library may share a circle."
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_shapes_and_sizes_in_the_committees_words() {
        assert_eq!(Shape::parse("one-to-one").unwrap(), Shape::OneToOne);
        assert_eq!(Shape::parse("Peer circles").unwrap(), Shape::Circles);
        assert!(Shape::parse("pairs of three").is_err());
        assert_eq!(parse_group_size("4-6").unwrap(), (4, 6));
        assert_eq!(parse_group_size("4–6").unwrap(), (4, 6));
        assert_eq!(parse_group_size("5").unwrap(), (5, 5));
        assert!(parse_group_size("6-4")
            .unwrap_err()
            .to_string()
            .contains("larger"));
        assert!(parse_group_size("1-3").is_err());
        assert!(parse_group_size("four").is_err());
    }
}
