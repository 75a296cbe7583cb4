//! What kind of answer each question takes, seen from its answers: a
//! choice, several choices, a number, a scale (agree…disagree, 1–5), yes/no,
//! a date, names, free text; and each answer read as that kind.

use super::cells::{parse_excel_serial, parse_timestamp};
use super::fields::{normalize_header, Field};
use super::options::{split_names, OptionSet};
use crate::people::Answer;
use crate::questions::QuestionKind;
use crate::text::capitalize;

/// Ordered answer scales, low to high; each entry lists its spellings.
const SCALES: &[&[&[&str]]] = &[
    &[
        &["strongly disagree"],
        &["disagree"],
        &["somewhat disagree", "slightly disagree"],
        &[
            "neither agree nor disagree",
            "neutral",
            "neither agree or disagree",
        ],
        &["somewhat agree", "slightly agree"],
        &["agree"],
        &["strongly agree"],
    ],
    &[
        &["very dissatisfied"],
        &["dissatisfied"],
        &["neither satisfied nor dissatisfied", "neutral"],
        &["satisfied"],
        &["very satisfied"],
    ],
    &[
        &["never"],
        &["rarely"],
        &["sometimes"],
        &["often"],
        &["always"],
    ],
    &[
        &["not at all important", "not important"],
        &["slightly important"],
        &["moderately important", "somewhat important"],
        &["very important"],
        &["extremely important"],
    ],
    &[
        &["very unlikely"],
        &["unlikely"],
        &["neutral", "neither likely nor unlikely"],
        &["likely"],
        &["very likely"],
    ],
    &[
        &["not at all confident", "not confident"],
        &["slightly confident"],
        &["somewhat confident"],
        &["very confident"],
        &["extremely confident"],
    ],
    &[&["beginner"], &["intermediate"], &["advanced"], &["expert"]],
    &[&["low"], &["medium"], &["high"]],
];

/// The scale whose spellings include every answer, as display labels in
/// order (the spelling the answers used where they used one).
fn scale_of(distinct: &[&str]) -> Option<Vec<String>> {
    SCALES.iter().find_map(|scale| {
        let position = |answer: &str| {
            let a = answer.trim().to_lowercase();
            scale
                .iter()
                .position(|spellings| spellings.contains(&a.as_str()))
        };
        if !distinct.iter().all(|a| position(a).is_some()) {
            return None;
        }
        Some(
            scale
                .iter()
                .map(|spellings| {
                    distinct
                        .iter()
                        .find(|a| spellings.contains(&a.trim().to_lowercase().as_str()))
                        .map(|a| a.trim().to_string())
                        .unwrap_or_else(|| capitalize(spellings[0]))
                })
                .collect(),
        )
    })
}

/// A number as people write one ("NaN", "inf" and "1e999" are not).
fn finite(answer: &str) -> Option<f64> {
    answer.trim().parse::<f64>().ok().filter(|n| n.is_finite())
}

fn is_yes_no(answer: &str) -> bool {
    let answer = answer.trim();
    ["yes", "no", "y", "n", "true", "false"]
        .iter()
        .any(|w| answer.eq_ignore_ascii_case(w))
}

fn is_date(answer: &str) -> bool {
    parse_timestamp(answer).is_some() || parse_excel_serial(answer).is_some()
}

/// Wording that says the numbers are a rating, not a quantity.
fn asks_for_rating(question: &str) -> bool {
    let norm = normalize_header(question);
    [
        "rate",
        "rating",
        "scale",
        "1 5",
        "1 to 5",
        "1 10",
        "0 10",
        "1 to 10",
        "agree",
        "satisfied",
        "likely",
        "important",
        "confident",
        "comfortable",
    ]
    .iter()
    .any(|cue| norm.contains(cue))
}

/// A question's kind and its options (in order for a scale), from the built-in
/// field it feeds, else from its answers.
pub fn detect_kind(
    question: &str,
    field: Field,
    option_columns: &[String],
    answers: &[&str],
) -> (QuestionKind, Vec<String>) {
    if !option_columns.is_empty() {
        return (QuestionKind::Multi, option_columns.to_vec());
    }
    let fixed = match field {
        Field::Name | Field::FirstName | Field::LastName | Field::PreferredName => {
            Some(QuestionKind::Contact)
        }
        Field::Email | Field::Phone => Some(QuestionKind::Contact),
        Field::Avoid | Field::RequestedMentor | Field::RequestedMentees => {
            Some(QuestionKind::Names)
        }
        Field::Areas | Field::LibraryTypes | Field::MeetingModes | Field::AvoidTopics => {
            Some(QuestionKind::Multi)
        }
        Field::YearsExperience | Field::Capacity => Some(QuestionKind::Number),
        Field::SubmittedAt => Some(QuestionKind::Date),
        Field::Goals | Field::Comments => Some(QuestionKind::Text),
        Field::Role => Some(QuestionKind::Single),
        _ => None,
    };
    let kind = fixed.unwrap_or_else(|| {
        if asks_consent(question) {
            QuestionKind::Consent
        } else {
            kind_from_answers(question, answers)
        }
    });
    (kind, options_for(kind, answers))
}

/// "I agree that…", "I consent to…", "Do you give permission…": a question
/// that records the person's consent.
pub fn asks_consent(question: &str) -> bool {
    let norm = normalize_header(question);
    // Permission for a photograph or a newsletter is not consent to take part.
    let other_use = [
        "photo",
        "picture",
        "newsletter",
        "social media",
        "video record",
    ]
    .iter()
    .any(|cue| norm.contains(cue));
    let statement = [
        "i agree",
        "i consent",
        "i give my consent",
        "i give permission",
        "i understand and agree",
    ]
    .iter()
    .any(|cue| norm.starts_with(cue));
    let asks = (norm.contains("consent") || norm.contains("permission"))
        && [
            "match",
            "mentor",
            "share",
            "data",
            "information",
            "details",
            "program",
        ]
        .iter()
        .any(|cue| norm.contains(cue));
    !other_use && (statement || asks)
}

/// A consent answer: "Yes" for agreement ("I agree", "Yes, I consent"),
/// "No" for refusal, else the text as written (which counts as no consent).
fn consent_answer(text: &str) -> &str {
    let norm = normalize_header(text);
    let refuses = [
        "no",
        "n",
        "false",
        "i do not agree",
        "i don t agree",
        "disagree",
        "i do not consent",
        "decline",
    ]
    .iter()
    .any(|cue| norm == *cue || norm.starts_with(&format!("{cue} ")));
    let agrees = [
        "yes",
        "y",
        "true",
        "i agree",
        "agree",
        "i consent",
        "accept",
        "i accept",
        "ok",
        "x",
    ]
    .iter()
    .any(|cue| norm == *cue || norm.starts_with(&format!("{cue} ")));
    if refuses {
        "No"
    } else if agrees {
        "Yes"
    } else {
        text
    }
}

fn kind_from_answers(question: &str, answers: &[&str]) -> QuestionKind {
    let filled: Vec<&str> = answers
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .collect();
    if filled.is_empty() {
        return QuestionKind::Text;
    }
    let distinct = distinct(&filled);
    if filled.iter().all(|a| is_yes_no(a)) {
        return QuestionKind::YesNo;
    }
    if scale_of(&distinct).is_some() {
        return QuestionKind::Scale;
    }
    // "02134" is a code (a ZIP, a phone number), not a quantity.
    let is_code = |a: &&str| a.len() > 1 && a.starts_with('0') && !a.starts_with("0.");
    if filled.iter().all(|a| finite(a).is_some()) && !filled.iter().any(is_code) {
        let small_whole = filled
            .iter()
            .filter_map(|a| finite(a))
            .all(|n| n.fract() == 0.0 && (0.0..=10.0).contains(&n));
        return if small_whole && asks_for_rating(question) {
            QuestionKind::Scale
        } else {
            QuestionKind::Number
        };
    }
    if filled.iter().all(|a| is_date(a)) {
        return QuestionKind::Date;
    }
    // Only answers with separators can be several choices.
    if filled.iter().any(|a| a.contains([',', ';'])) && looks_multi(&filled) {
        return QuestionKind::Multi;
    }
    let average_length = filled.iter().map(|a| a.chars().count()).sum::<usize>() / filled.len();
    let repeats = filled.len() as f64 / distinct.len() as f64;
    if distinct.len() <= 20 && average_length <= 60 && (repeats >= 1.5 || distinct.len() <= 2) {
        QuestionKind::Single
    } else {
        QuestionKind::Text
    }
}

/// Checkbox answers: some cells name several options, and the options
/// come back again and again.
fn looks_multi(filled: &[&str]) -> bool {
    let set = OptionSet::learn(filled.iter().copied());
    let split: Vec<Vec<String>> = filled.iter().map(|a| set.split(a)).collect();
    let several = split.iter().filter(|o| o.len() > 1).count();
    let mentions: usize = split.iter().map(Vec::len).sum();
    let options = set.options();
    let average_length =
        options.iter().map(|o| o.chars().count()).sum::<usize>() / options.len().max(1);
    several * 10 >= filled.len()
        && options.len() <= 40
        && mentions >= options.len() * 2
        && average_length <= 40
}

/// The options a question offers, seen in its answers.
fn options_for(kind: QuestionKind, answers: &[&str]) -> Vec<String> {
    let filled: Vec<&str> = answers
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .collect();
    let distinct = distinct(&filled);
    match kind {
        QuestionKind::Multi => OptionSet::learn(filled.iter().copied()).options(),
        QuestionKind::Scale => scale_of(&distinct).unwrap_or_else(|| numbers_in_order(&distinct)),
        QuestionKind::YesNo | QuestionKind::Consent => vec!["Yes".into(), "No".into()],
        QuestionKind::Single => {
            let mut options: Vec<String> = distinct.iter().map(|d| d.to_string()).collect();
            options.sort_by_key(|o| o.to_lowercase());
            options
        }
        _ => Vec::new(),
    }
}

/// Each answer once (the first spelling), in order of first appearance.
fn distinct<'a>(filled: &[&'a str]) -> Vec<&'a str> {
    let mut seen = std::collections::HashSet::new();
    filled
        .iter()
        .copied()
        .filter(|a| seen.insert(a.to_lowercase()))
        .collect()
}

fn numbers_in_order(distinct: &[&str]) -> Vec<String> {
    let mut numbers: Vec<f64> = distinct.iter().filter_map(|d| finite(d)).collect();
    numbers.sort_by(f64::total_cmp);
    numbers.iter().map(|n| n.to_string()).collect()
}

/// One cell read as its question's kind. `options` is the learned option
/// set of a multi-choice question.
pub fn typed_answer(kind: QuestionKind, text: &str, options: Option<&OptionSet>) -> Answer {
    let text = text.trim();
    match kind {
        QuestionKind::Number => match finite(text) {
            Some(n) => Answer::Number(n),
            None => Answer::Text(text.to_string()),
        },
        QuestionKind::Multi => Answer::Options(match options {
            Some(set) => set.split(text),
            None => OptionSet::learn(std::iter::once(text)).split(text),
        }),
        QuestionKind::Names => Answer::Options(split_names(text)),
        QuestionKind::Consent => Answer::Text(consent_answer(text).to_string()),
        QuestionKind::YesNo => Answer::Text(
            match text.to_lowercase().as_str() {
                "yes" | "y" | "true" => "Yes",
                "no" | "n" | "false" => "No",
                _ => text,
            }
            .to_string(),
        ),
        _ => Answer::Text(text.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(question: &str, answers: &[&str]) -> QuestionKind {
        detect_kind(question, Field::Keep, &[], answers).0
    }

    #[test]
    fn consent_questions_are_recognised_by_their_wording_and_read_as_yes_or_no() {
        let consent = "I agree that my application may be shared with the committee";
        assert_eq!(kind(consent, &["I agree", ""]), QuestionKind::Consent);
        assert_eq!(
            kind(
                "Do you consent to us sharing your details with your mentor?",
                &["Yes"]
            ),
            QuestionKind::Consent
        );
        assert_eq!(
            kind("Do you consent to being photographed?", &["Yes", "No"]),
            QuestionKind::YesNo
        );
        assert_eq!(
            kind("Mentor in person?", &["Yes", "No"]),
            QuestionKind::YesNo
        );
        let read = |text: &str| typed_answer(QuestionKind::Consent, text, None);
        assert_eq!(read("I agree"), Answer::Text("Yes".into()));
        assert_eq!(read("Yes, I consent"), Answer::Text("Yes".into()));
        assert_eq!(read("No, I do not agree"), Answer::Text("No".into()));
        assert_eq!(read("I don't agree"), Answer::Text("No".into()));
        assert_eq!(read("Maybe later"), Answer::Text("Maybe later".into()));
    }

    #[test]
    fn kinds_are_seen_in_the_answers() {
        assert_eq!(
            kind(
                "Day?",
                &["Monday", "Tuesday", "Monday", "Friday", "Tuesday"]
            ),
            QuestionKind::Single
        );
        assert_eq!(
            kind("Mentor in person?", &["Yes", "no", "YES"]),
            QuestionKind::YesNo
        );
        assert_eq!(
            kind("Budget managed ($k)", &["120", "45.5", "300"]),
            QuestionKind::Number
        );
        assert_eq!(
            kind("Rate your confidence 1-5", &["1", "4", "5"]),
            QuestionKind::Scale
        );
        assert_eq!(
            kind(
                "I like structure",
                &["Agree", "Strongly agree", "Neutral", "disagree"]
            ),
            QuestionKind::Scale
        );
        assert_eq!(
            kind("Start date", &["2026-01-05", "2026-02-11"]),
            QuestionKind::Date
        );
        assert_eq!(
            kind(
                "Hobbies",
                &["Hiking, Reading", "Reading", "Chess, Hiking", "Chess"]
            ),
            QuestionKind::Multi
        );
        assert_eq!(
            kind(
                "Tell us about yourself",
                &[
                    "I run a small branch.",
                    "Ten years in archives, love it.",
                    "New to management."
                ]
            ),
            QuestionKind::Text
        );
    }

    #[test]
    fn a_scale_lists_its_points_low_to_high_in_the_answers_spelling() {
        let (k, options) = detect_kind("Q", Field::Keep, &[], &["agree", "Strongly disagree"]);
        assert_eq!(k, QuestionKind::Scale);
        assert_eq!(
            options.first().map(String::as_str),
            Some("Strongly disagree")
        );
        assert_eq!(options.last().map(String::as_str), Some("Strongly agree"));
        assert!(options.contains(&"agree".to_string()));
    }

    #[test]
    fn answers_are_read_as_their_kind() {
        assert_eq!(
            typed_answer(QuestionKind::Number, " 7 ", None),
            Answer::Number(7.0)
        );
        assert_eq!(
            typed_answer(QuestionKind::YesNo, "y", None),
            Answer::Text("Yes".into())
        );
        assert_eq!(
            typed_answer(QuestionKind::Names, "Lee, Ann; Bo Chen", None),
            Answer::Options(vec!["Ann Lee".into(), "Bo Chen".into()])
        );
    }
}
