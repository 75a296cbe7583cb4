//! The columns of a file of ranked choices (the kit's "Mentor choices"
//! form, or any form like it): who chose (email, name) and whom they ranked,
//! either one column per rank ("First choice: …", "2nd choice", "Rank the
//! mentors [3rd]") or one answer holding them all ("1. Ana Ruiz; 2. …").
//! Wording only: `choices` reads the rows. It lives here, beside the other
//! readers of a form's wording, so the import preview can say "this is a
//! file of choices" without importing `choices`.

use crate::identity::looks_like_email;
use crate::text::{contains_words, normalize_header, ordinal};

/// What a column of a choices file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChoiceColumn {
    /// The chooser's email.
    Email,
    /// The chooser's name.
    Name,
    /// The person ranked at this place (1 = first choice).
    Rank(u8),
    /// Several people in order in one answer.
    Ranked,
    /// Not read.
    Ignore,
}

/// The most places a file may rank (more columns than this are not read as ranks).
pub const MOST_RANKS: u8 = 10;

impl ChoiceColumn {
    /// The word the command line and the window use for it.
    pub fn key(self) -> String {
        match self {
            ChoiceColumn::Email => "email".into(),
            ChoiceColumn::Name => "name".into(),
            ChoiceColumn::Rank(n) => format!("choice_{n}"),
            ChoiceColumn::Ranked => "ranked".into(),
            ChoiceColumn::Ignore => "ignore".into(),
        }
    }

    pub fn label(self) -> String {
        match self {
            ChoiceColumn::Email => "Chooser's email".into(),
            ChoiceColumn::Name => "Chooser's name".into(),
            ChoiceColumn::Rank(n) => format!("{} choice", ordinal(n)),
            ChoiceColumn::Ranked => "Several choices, in order".into(),
            ChoiceColumn::Ignore => "Not used".into(),
        }
    }

    /// Reads a key ("email", "choice_2", "2", "ranked", "ignore").
    pub fn parse(text: &str) -> Option<ChoiceColumn> {
        let t = text.trim().to_lowercase().replace(['-', ' '], "_");
        let rank = |n: &str| {
            n.parse::<u8>()
                .ok()
                .filter(|n| (1..=MOST_RANKS).contains(n))
                .map(ChoiceColumn::Rank)
        };
        match t.as_str() {
            "email" => Some(ChoiceColumn::Email),
            "name" => Some(ChoiceColumn::Name),
            "ranked" | "choices" => Some(ChoiceColumn::Ranked),
            "ignore" | "keep" | "none" => Some(ChoiceColumn::Ignore),
            other => other
                .strip_prefix("choice_")
                .map_or_else(|| rank(other), rank)
                .or_else(|| ordinal_word(other).map(ChoiceColumn::Rank)),
        }
    }

    /// Every meaning a column may be given, for a menu.
    pub fn all() -> Vec<ChoiceColumn> {
        let mut all = vec![ChoiceColumn::Email, ChoiceColumn::Name];
        all.extend((1..=5).map(ChoiceColumn::Rank));
        all.extend([ChoiceColumn::Ranked, ChoiceColumn::Ignore]);
        all
    }
}

fn ordinal_word(word: &str) -> Option<u8> {
    const WORDS: [[&str; 2]; 5] = [
        ["first", "1st"],
        ["second", "2nd"],
        ["third", "3rd"],
        ["fourth", "4th"],
        ["fifth", "5th"],
    ];
    WORDS
        .iter()
        .position(|w| w.contains(&word))
        .map(|i| i as u8 + 1)
}

/// Words that make a column about choices ("1st choice", "Preference 2").
const CHOICE_WORDS: [&str; 8] = [
    "choice",
    "choices",
    "preference",
    "preferences",
    "rank",
    "ranked",
    "ranking",
    "pick",
];

/// The place a header names: an ordinal word ("second", "2nd") or a number
/// standing alone ("Choice 2", "#2"), from 1 to [`MOST_RANKS`].
fn rank_in(words: &str) -> Option<u8> {
    let ranks: Vec<u8> = words
        .split(' ')
        .filter_map(|w| {
            ordinal_word(w).or_else(|| {
                w.parse::<u8>()
                    .ok()
                    .filter(|n| (1..=MOST_RANKS).contains(n))
            })
        })
        .collect();
    match ranks.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// What a column holds, from its title and a few answers.
pub fn recognise(header: &str, samples: &[&str]) -> ChoiceColumn {
    let words = normalize_header(header);
    let has = |w: &str| contains_words(&words, w);
    let emails = samples.iter().filter(|s| looks_like_email(s)).count();
    if has("email") || has("e mail") || (!samples.is_empty() && emails * 2 > samples.len()) {
        return ChoiceColumn::Email;
    }
    let about_choices = CHOICE_WORDS.iter().any(|w| has(w)) || has("top");
    if about_choices {
        // "Your top 3 mentors" is a list, not the 3rd place.
        let places: Vec<&str> = words.split(' ').collect();
        let without_top: Vec<&str> = places
            .iter()
            .enumerate()
            .filter(|&(i, w)| *w != "top" && (i == 0 || places[i - 1] != "top"))
            .map(|(_, w)| *w)
            .collect();
        if let Some(n) = rank_in(&without_top.join(" ")) {
            return ChoiceColumn::Rank(n);
        }
        return ChoiceColumn::Ranked;
    }
    // "1. Ana Ruiz; 2. Ben Ode": numbered answers, whatever the title says.
    let numbered = samples
        .iter()
        .filter(|s| s.contains("1.") && s.contains("2."))
        .count();
    if !samples.is_empty() && numbered * 2 > samples.len() {
        return ChoiceColumn::Ranked;
    }
    if has("name") {
        return ChoiceColumn::Name;
    }
    ChoiceColumn::Ignore
}

/// Whether column titles are those of a file of ranked choices: someone
/// identified, and two ranks or one column of several choices. An
/// application form's "Preferred meeting mode" alone is not.
pub fn looks_like_choices(headers: &[String]) -> bool {
    let meanings: Vec<ChoiceColumn> = headers.iter().map(|h| recognise(h, &[])).collect();
    let who = meanings
        .iter()
        .any(|m| matches!(m, ChoiceColumn::Email | ChoiceColumn::Name));
    let ranks = meanings
        .iter()
        .filter(|m| matches!(m, ChoiceColumn::Rank(_)))
        .count();
    let ranked = headers.iter().zip(&meanings).any(|(h, m)| {
        let words = normalize_header(h);
        *m == ChoiceColumn::Ranked
            && ["choices", "rank", "ranked", "ranking", "top"]
                .iter()
                .any(|w| contains_words(&words, w))
    });
    who && (ranks >= 2 || ranked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kit_form_and_other_wordings_are_recognised() {
        let kit = |rank: &str| {
            format!("{rank} choice: a mentor's name, or their number in the mentor booklet")
        };
        assert_eq!(recognise(&kit("First"), &[]), ChoiceColumn::Rank(1));
        assert_eq!(recognise(&kit("Third"), &[]), ChoiceColumn::Rank(3));
        assert_eq!(recognise("2nd choice", &[]), ChoiceColumn::Rank(2));
        assert_eq!(recognise("Preference 4", &[]), ChoiceColumn::Rank(4));
        assert_eq!(
            recognise("Rank the mentors [1st]", &[]),
            ChoiceColumn::Rank(1)
        );
        assert_eq!(recognise("Your top 3 mentors", &[]), ChoiceColumn::Ranked);
        assert_eq!(
            recognise("Your choices, in order", &[]),
            ChoiceColumn::Ranked
        );
        assert_eq!(
            recognise("Whom would you like?", &["1. Ana Ruiz; 2. Ben Ode"]),
            ChoiceColumn::Ranked
        );
        assert_eq!(recognise("Email Address", &[]), ChoiceColumn::Email);
        assert_eq!(recognise("Full name", &[]), ChoiceColumn::Name);
        assert_eq!(recognise("First name", &[]), ChoiceColumn::Name);
        assert_eq!(recognise("Timestamp", &[]), ChoiceColumn::Ignore);
    }

    #[test]
    fn a_choices_file_is_told_from_an_application_form() {
        let h = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(looks_like_choices(&h(&[
            "Timestamp",
            "Email address",
            "First choice",
            "Second choice"
        ])));
        assert!(looks_like_choices(&h(&["Name", "Ranked choices"])));
        assert!(!looks_like_choices(&h(&[
            "Name",
            "Email",
            "Preferred meeting mode",
            "Areas"
        ])));
        assert!(!looks_like_choices(&h(&["First choice", "Second choice"])));
    }

    #[test]
    fn keys_read_back() {
        for c in ChoiceColumn::all() {
            assert_eq!(ChoiceColumn::parse(&c.key()), Some(c));
        }
        assert_eq!(ChoiceColumn::parse("2"), Some(ChoiceColumn::Rank(2)));
        assert_eq!(ChoiceColumn::parse("third"), Some(ChoiceColumn::Rank(3)));
    }
}
