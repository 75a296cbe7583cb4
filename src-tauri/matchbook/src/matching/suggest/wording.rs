//! What a question's wording and answers say about whether to compare it:
//! identifiers, timestamps, contact details and questions about running the
//! program are never compared; seniority is compared "mentor has more";
//! sensitive questions only for those who ask for the same; and which
//! questions ask what a participant wants and a mentor offers.

use crate::questions::{Question, QuestionKind};
use crate::text::{contains_words, normalize_header};

/// Why a question is not compared with anything.
pub fn left_out_reason(q: &Question) -> Option<String> {
    let words = normalize_header(&q.text);
    let any = |phrases: &[&str]| phrases.iter().any(|p| contains_words(&words, p));
    if is_identifier(q, &words) {
        return Some("an identifier (a response or record number), not an answer".into());
    }
    if q.field.as_deref() == Some("submitted_at")
        || any(&[
            "timestamp",
            "start time",
            "completion time",
            "submit date",
            "submitted at",
            "date submitted",
            "submission date",
            "last modified time",
            "modified time",
            "end date",
            "start date",
            "recorded date",
        ])
    {
        return Some("a timestamp of the form, not an answer".into());
    }
    if any(&["ip address", "ip"]) {
        return Some("an IP address, not an answer".into());
    }
    if any(&[
        "latitude",
        "longitude",
        "coordinates",
        "location latitude",
        "geolocation",
    ]) {
        return Some("map coordinates, not an answer".into());
    }
    if q.kind == QuestionKind::Contact
        || matches!(
            q.field.as_deref(),
            Some("name" | "first_name" | "last_name" | "preferred_name" | "email" | "phone")
        )
    {
        return Some("contact details: who someone is, not what they answered".into());
    }
    if is_logistics(&words) {
        return Some("about running the program, not about the person".into());
    }
    if let Some(topic) = sensitive_topic(&words) {
        return Some(format!(
            "sensitive ({topic}): compared only for participants who ask for someone of the same {topic}"
        ));
    }
    if q.kind == QuestionKind::Date {
        return Some("a date: nothing to compare between a participant and a mentor".into());
    }
    None
}

/// "Id", "Response ID", "Student ID", "Employee number", "Slack User ID";
/// or numbers that are all different and count up, as response numbers do.
fn is_identifier(q: &Question, words: &str) -> bool {
    let last = words.rsplit(' ').next().unwrap_or("");
    let named = matches!(last, "id" | "ids" | "identifier" | "uuid" | "guid")
        || [
            "student number",
            "employee number",
            "response number",
            "respondent",
            "record number",
            "row number",
            "badge number",
            "member number",
            "collector",
        ]
        .iter()
        .any(|p| contains_words(words, p))
        || words == "no"
        || words == "number";
    if named {
        return true;
    }
    // A column of distinct whole numbers as many as the answers, with no
    // wording of amount ("years", "how many"): a running number.
    let amount = [
        "how many",
        "years",
        "year",
        "hours",
        "age",
        "number of",
        "count",
    ]
    .iter()
    .any(|p| contains_words(words, p));
    q.kind == QuestionKind::Number
        && !amount
        && q.answered >= 5
        && q.options.len() == q.answered
        && q.options
            .iter()
            .all(|o| o.label.trim().parse::<u64>().is_ok())
}

/// Stems of words marking a question about running the program ("Will you
/// attend the kickoff?", "May we use your photo?", "I understand that…").
const LOGISTICS: &[&str] = &[
    "attend",
    "kickoff",
    "kick off",
    "orientation",
    "consent",
    "permission",
    "photo",
    "dietary",
    "allergies",
    "shirt",
    "parking",
    "lodging",
    "hotel",
    "reimbursement",
    "waiver",
    "i understand",
    "i agree",
    "i acknowledge",
    "i certify",
    "i confirm",
    "i commit",
    "commit to",
    "terms and conditions",
    "privacy policy",
    "how did you hear",
];

pub fn is_logistics(words: &str) -> bool {
    LOGISTICS.iter().any(|p| contains_words(words, p))
}

/// The sensitive subjects a committee compares only on request, each with
/// the words that name it.
const SENSITIVE: &[(&str, &[&str])] = &[
    ("gender", &["gender", "sex", "gender identity"]),
    ("race", &["race", "racial"]),
    ("ethnicity", &["ethnicity", "ethnic", "ethnic background"]),
    ("disability", &["disability", "disabilities", "disabled"]),
    ("age", &["age", "age range", "age group", "how old"]),
    ("religion", &["religion", "religious", "faith"]),
    (
        "sexual orientation",
        &["sexual orientation", "lgbtq", "lgbtqia"],
    ),
];

/// The sensitive subject a question asks about, if any.
pub fn sensitive_topic(words: &str) -> Option<&'static str> {
    SENSITIVE
        .iter()
        .find(|(_, names)| names.iter().any(|n| contains_words(words, n)))
        .map(|(topic, _)| *topic)
}

/// A question asking whether someone prefers a partner of the same …:
/// the subject it names ("gender").
pub fn sameness_preference(q: &Question) -> Option<&'static str> {
    let words = normalize_header(&q.text);
    let asks = contains_words(&words, "same")
        && [
            "prefer",
            "preference",
            "like",
            "want",
            "matched",
            "paired",
            "important",
        ]
        .iter()
        .any(|w| contains_words(&words, w));
    if !asks || !matches!(q.kind, QuestionKind::YesNo | QuestionKind::Single) {
        return None;
    }
    let after_same = words.split("same").nth(1).unwrap_or("");
    sensitive_topic(after_same).or_else(|| {
        [
            "language",
            "region",
            "library type",
            "background",
            "career stage",
        ]
        .into_iter()
        .find(|t| contains_words(after_same, t))
    })
}

/// Seniority, grades and years: a mentor should have more, not the same.
pub fn is_seniority(q: &Question) -> bool {
    let words = normalize_header(&q.text);
    [
        "grade",
        "compensation grade",
        "pay grade",
        "salary grade",
        "band",
        "level",
        "org level",
        "seniority",
        "rank",
        "years",
        "years of experience",
        "how long",
    ]
    .iter()
    .any(|p| contains_words(&words, p))
}

/// Answers that each carry one number ("Grade 9", "12", "Level 3"), so
/// they can be compared by size.
pub fn numbered_answers(q: &Question) -> bool {
    q.kind == QuestionKind::Number
        || q.kind == QuestionKind::Scale
        || (q.kind == QuestionKind::Single
            && !q.options.is_empty()
            && q.options.iter().all(|o| {
                o.label
                    .split(|c: char| !c.is_ascii_digit())
                    .filter(|d| !d.is_empty())
                    .count()
                    == 1
            }))
}

/// Phrases of a participant's form that ask what they want from the program.
const WANTS: &[&str] = &[
    "want to develop",
    "want to learn",
    "want help",
    "help with",
    "like to learn",
    "like to develop",
    "like help",
    "like to gain",
    "hope to gain",
    "hope to learn",
    "hope to develop",
    "hope to get",
    "goals",
    "goal",
    "learn",
    "develop",
    "improve",
    "grow",
    "growth",
    "gain",
    "interested in",
    "challenges",
    "areas of interest",
    "looking for",
    "seeking",
    "need",
];

/// Phrases of a mentor's form that ask what they can offer.
const OFFERS: &[&str] = &[
    "confident mentoring",
    "mentor others on",
    "mentoring on",
    "mentor on",
    "could you help",
    "can you help",
    "help a mentee",
    "help mentees",
    "help a participant",
    "could help",
    "can help",
    "could mentor",
    "can mentor",
    "can offer",
    "could offer",
    "expertise",
    "experience",
    "strengths",
    "skills",
    "areas where you",
    "share",
    "offer",
    "advise",
    "teach",
];

/// How a question is worded: what a participant wants, or what a mentor offers.
pub fn asks_wants(q: &Question) -> bool {
    let words = normalize_header(&q.text);
    WANTS.iter().any(|p| contains_words(&words, p))
}

pub fn asks_offers(q: &Question) -> bool {
    let words = normalize_header(&q.text);
    OFFERS.iter().any(|p| contains_words(&words, p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::Role;
    use crate::questions::OptionCount;

    fn question(text: &str, kind: QuestionKind, options: &[&str]) -> Question {
        Question {
            id: 1,
            role: Role::Participant,
            text: text.into(),
            kind,
            kind_label: kind.label(),
            field: None,
            columns: vec![text.into()],
            options: options
                .iter()
                .map(|o| OptionCount {
                    label: (*o).into(),
                    count: 1,
                })
                .collect(),
            answered: options.len().max(6),
        }
    }

    #[test]
    fn identifiers_timestamps_contacts_and_coordinates_are_left_out_with_their_reason() {
        let cases = [
            ("Id", QuestionKind::Number, "identifier"),
            ("Response ID", QuestionKind::Text, "identifier"),
            ("Student ID", QuestionKind::Number, "identifier"),
            ("Employee ID", QuestionKind::Number, "identifier"),
            ("Slack User ID", QuestionKind::Text, "identifier"),
            ("Start time", QuestionKind::Date, "timestamp"),
            ("Completion time", QuestionKind::Date, "timestamp"),
            ("Submit Date", QuestionKind::Date, "timestamp"),
            ("IP Address", QuestionKind::Text, "IP address"),
            ("Latitude", QuestionKind::Number, "coordinates"),
            (
                "Will you attend the kickoff on May 1?",
                QuestionKind::YesNo,
                "running the program",
            ),
            (
                "I understand that mentors meet quarterly.",
                QuestionKind::Single,
                "running the program",
            ),
            ("Gender", QuestionKind::Single, "sensitive (gender)"),
            ("Race / ethnicity", QuestionKind::Multi, "sensitive (race)"),
        ];
        for (text, kind, reason) in cases {
            let why = left_out_reason(&question(text, kind, &[])).unwrap_or_default();
            assert!(why.contains(reason), "{text}: {why}");
        }
        for text in [
            "Which day suits you?",
            "What capabilities do you want to develop?",
            "Idaho region",
        ] {
            assert_eq!(
                left_out_reason(&question(text, QuestionKind::Single, &[])),
                None,
                "{text}"
            );
        }
    }

    #[test]
    fn a_running_number_is_an_identifier_and_years_are_not() {
        let numbers = ["20", "12", "7", "33", "1", "4"];
        assert!(left_out_reason(&question("Ref", QuestionKind::Number, &numbers)).is_some());
        assert!(left_out_reason(&question(
            "Years in libraries",
            QuestionKind::Number,
            &numbers
        ))
        .is_none());
    }

    #[test]
    fn grades_are_seniority_and_sameness_preferences_name_their_subject() {
        let grade = question(
            "Compensation Grade",
            QuestionKind::Single,
            &["Grade 9", "Grade 10"],
        );
        assert!(is_seniority(&grade) && numbered_answers(&grade));
        let pref = question(
            "Would you prefer to be matched with someone of the same gender?",
            QuestionKind::Single,
            &["Yes", "No", "No preference"],
        );
        assert_eq!(sameness_preference(&pref), Some("gender"));
        assert_eq!(
            sameness_preference(&question("Gender", QuestionKind::Single, &[])),
            None
        );
    }

    #[test]
    fn wants_and_offers_are_recognised_across_wordings() {
        for text in [
            "What capabilities do you want to develop? Write them in your own words",
            "What would you like help with?",
            "What would you most like to learn?",
            "What skills and experience do you hope to gain in the next five years?",
        ] {
            assert!(
                asks_wants(&question(text, QuestionKind::Text, &[])),
                "{text}"
            );
        }
        for text in [
            "What capabilities do you feel confident mentoring others on?",
            "What could you help a mentee with?",
            "Areas of expertise",
            "What can you offer a participant?",
        ] {
            assert!(
                asks_offers(&question(text, QuestionKind::Text, &[])),
                "{text}"
            );
        }
    }
}
