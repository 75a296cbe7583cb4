//! Reading one survey answer as the number or choice it stands for, in the
//! words forms use: "4 - Satisfied", "Very satisfied", "Yes, we met",
//! "Twice", "Strongly agree", "9", "Partly".

use crate::import::{contains_words, normalize_header};

/// A 1–5 answer: the number it starts with ("4 - Satisfied"), else the
/// first of `words` (longer phrases listed first) it contains.
fn five_point(text: &str, words: &[(&str, u8)]) -> Option<u8> {
    let text = normalize_header(text);
    if text.is_empty() {
        return None;
    }
    if let Some(n) = leading_number(&text) {
        return (1..=5).contains(&n).then_some(n as u8);
    }
    words
        .iter()
        .find(|(w, _)| contains_words(&text, w))
        .map(|&(_, n)| n)
}

/// Satisfaction on 1–5: a number (the first one in the answer, as in
/// "4 - Satisfied") or the usual words.
pub fn satisfaction(text: &str) -> Option<u8> {
    const WORDS: &[(&str, u8)] = &[
        ("very dissatisfied", 1),
        ("very unsatisfied", 1),
        ("very poor", 1),
        ("not at all satisfied", 1),
        ("somewhat dissatisfied", 2),
        ("dissatisfied", 2),
        ("unsatisfied", 2),
        ("poor", 2),
        ("not very satisfied", 2),
        ("neither", 3),
        ("neutral", 3),
        ("okay", 3),
        ("ok", 3),
        ("fair", 3),
        ("somewhat satisfied", 4),
        ("very satisfied", 5),
        ("extremely satisfied", 5),
        ("excellent", 5),
        ("satisfied", 4),
        ("good", 4),
        ("great", 5),
    ];
    // Longer phrases first: "very dissatisfied" before "satisfied".
    five_point(text, WORDS)
}

/// Agreement on 1 (strongly disagree) to 5 (strongly agree).
pub fn agreement(text: &str) -> Option<u8> {
    // "Neither agree nor disagree" first: it contains both words.
    const WORDS: &[(&str, u8)] = &[
        ("neither", 3),
        ("neutral", 3),
        ("strongly disagree", 1),
        ("completely disagree", 1),
        ("somewhat disagree", 2),
        ("disagree", 2),
        ("not sure", 3),
        ("strongly agree", 5),
        ("completely agree", 5),
        ("somewhat agree", 4),
        ("agree", 4),
    ];
    five_point(text, WORDS)
}

/// Yes or no ("Yes, we met twice" is yes; "Not yet" is no).
pub fn yes_no(text: &str) -> Option<bool> {
    let words = normalize_header(text);
    let first = words.split(' ').next().unwrap_or("");
    match first {
        "yes" | "y" | "true" | "oui" | "si" | "sí" | "yep" | "yeah" => Some(true),
        "no" | "n" | "false" | "not" | "non" | "nope" | "never" => Some(false),
        _ if words.starts_with("we met") || words.starts_with("met") => Some(true),
        _ if words.starts_with("we have not") || words.starts_with("have not") => Some(false),
        _ => None,
    }
}

/// How many times ("3", "3 times", "twice", "none").
pub fn count(text: &str) -> Option<u32> {
    let words = normalize_header(text);
    if words.is_empty() {
        return None;
    }
    if let Some(n) = leading_number(&words) {
        return (n <= 366).then_some(n);
    }
    const WORDS: &[(&str, u32)] = &[
        ("none", 0),
        ("zero", 0),
        ("not at all", 0),
        ("never", 0),
        ("once", 1),
        ("one", 1),
        ("twice", 2),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
    ];
    let first = words.split(' ').next().unwrap_or("");
    WORDS
        .iter()
        .find(|(w, _)| first == *w || words == *w)
        .map(|&(_, n)| n)
}

/// Likelihood to recommend, 0–10.
pub fn recommend(text: &str) -> Option<u8> {
    let words = normalize_header(text);
    let n = leading_number(&words)?;
    (n <= 10).then_some(n as u8)
}

/// Goals reached: yes, partly or no.
pub fn goals_reached(text: &str) -> Option<&'static str> {
    let words = normalize_header(text);
    let first = words.split(' ').next().unwrap_or("");
    if ["partly", "partially", "somewhat", "some", "mostly", "in"].contains(&first)
        || contains_words(&words, "in part")
    {
        return Some("partly");
    }
    match yes_no(text) {
        Some(true) => Some("yes"),
        Some(false) => Some("no"),
        None => None,
    }
}

/// The whole number an answer starts with ("4 - Satisfied" → 4).
fn leading_number(words: &str) -> Option<u32> {
    let first = words.split(' ').next()?;
    first.parse::<u32>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_read_in_the_words_forms_use() {
        assert_eq!(satisfaction("4 - Satisfied"), Some(4));
        assert_eq!(satisfaction("Very dissatisfied"), Some(1));
        assert_eq!(satisfaction("Satisfied"), Some(4));
        assert_eq!(satisfaction("Very satisfied"), Some(5));
        assert_eq!(satisfaction("7"), None);
        assert_eq!(satisfaction(""), None);
        assert_eq!(agreement("Strongly agree"), Some(5));
        assert_eq!(agreement("Disagree"), Some(2));
        assert_eq!(agreement("Neither agree nor disagree"), Some(3));
        assert_eq!(yes_no("Yes, we met twice"), Some(true));
        assert_eq!(yes_no("Not yet"), Some(false));
        assert_eq!(yes_no("Maybe"), None);
        assert_eq!(count("3 times"), Some(3));
        assert_eq!(count("Twice"), Some(2));
        assert_eq!(count("none"), Some(0));
        assert_eq!(recommend("9"), Some(9));
        assert_eq!(recommend("10 - Extremely likely"), Some(10));
        assert_eq!(recommend("11"), None);
        assert_eq!(goals_reached("Partly"), Some("partly"));
        assert_eq!(goals_reached("Yes"), Some("yes"));
        assert_eq!(goals_reached("No, not yet"), Some("no"));
    }
}
