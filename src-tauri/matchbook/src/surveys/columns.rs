//! What each column of a check-in or evaluation form means, recognised
//! from its wording and, for scales, from the answers under it. Every
//! committee words its forms its own way, so the rules look for the words
//! such questions share ("satisf", "how many", "recommend") rather than
//! for fixed questions.

use serde::{Deserialize, Serialize};

use super::answers;
use super::SurveyKind;
use crate::import::normalize_header;

/// What a survey column means to Matchbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyField {
    SubmittedAt,
    Email,
    /// The respondent's name (shown when their email is unknown).
    Name,
    /// Which mentee a mentor answers about (a mentor with several).
    Mentee,
    Met,
    Meetings,
    Modes,
    Topics,
    Satisfaction,
    GoalProgress,
    Note,
    Recommend,
    GoalsReached,
    /// An agreement statement ("The program widened my network").
    Statement,
    Comments,
    /// Read but not used.
    Ignore,
}

impl SurveyField {
    pub const CHECK_INS: [SurveyField; 12] = [
        SurveyField::SubmittedAt,
        SurveyField::Email,
        SurveyField::Name,
        SurveyField::Mentee,
        SurveyField::Met,
        SurveyField::Meetings,
        SurveyField::Modes,
        SurveyField::Topics,
        SurveyField::Satisfaction,
        SurveyField::GoalProgress,
        SurveyField::Note,
        SurveyField::Ignore,
    ];
    pub const EVALUATIONS: [SurveyField; 9] = [
        SurveyField::SubmittedAt,
        SurveyField::Email,
        SurveyField::Name,
        SurveyField::Satisfaction,
        SurveyField::Recommend,
        SurveyField::Statement,
        SurveyField::GoalsReached,
        SurveyField::Comments,
        SurveyField::Ignore,
    ];

    pub fn of(kind: SurveyKind) -> &'static [SurveyField] {
        match kind {
            SurveyKind::CheckIns => &Self::CHECK_INS,
            SurveyKind::Evaluations => &Self::EVALUATIONS,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            SurveyField::SubmittedAt => "submitted_at",
            SurveyField::Email => "email",
            SurveyField::Name => "name",
            SurveyField::Mentee => "mentee",
            SurveyField::Met => "met",
            SurveyField::Meetings => "meetings",
            SurveyField::Modes => "modes",
            SurveyField::Topics => "topics",
            SurveyField::Satisfaction => "satisfaction",
            SurveyField::GoalProgress => "goal_progress",
            SurveyField::Note => "note",
            SurveyField::Recommend => "recommend",
            SurveyField::GoalsReached => "goals_reached",
            SurveyField::Statement => "statement",
            SurveyField::Comments => "comments",
            SurveyField::Ignore => "ignore",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SurveyField::SubmittedAt => "Date of the response",
            SurveyField::Email => "Respondent's email",
            SurveyField::Name => "Respondent's name",
            SurveyField::Mentee => "Which mentee (for mentors)",
            SurveyField::Met => "Met since the last check-in (yes/no)",
            SurveyField::Meetings => "How many times they met",
            SurveyField::Modes => "How they met",
            SurveyField::Topics => "Topics discussed",
            SurveyField::Satisfaction => "Satisfaction (1–5)",
            SurveyField::GoalProgress => "Progress on goals",
            SurveyField::Note => "Note for the committee",
            SurveyField::Recommend => "Likely to recommend (0–10)",
            SurveyField::GoalsReached => "Goals reached (yes/partly/no)",
            SurveyField::Statement => "Agreement statement",
            SurveyField::Comments => "Comments",
            SurveyField::Ignore => "Not used",
        }
    }

    pub fn parse(key: &str) -> Option<SurveyField> {
        SurveyField::CHECK_INS
            .iter()
            .chain(SurveyField::EVALUATIONS.iter())
            .copied()
            .find(|f| f.key() == key.trim())
    }
}

/// The meaning of one column: from the wording, else from the answers.
pub fn recognise(kind: SurveyKind, header: &str, samples: &[&str]) -> (SurveyField, f64) {
    let words = normalize_header(header);
    let has = |w: &str| words.contains(w);
    let share = |read: &dyn Fn(&str) -> bool| {
        let answered: Vec<&&str> = samples.iter().filter(|s| !s.trim().is_empty()).collect();
        if answered.is_empty() {
            0.0
        } else {
            answered.iter().filter(|s| read(s)).count() as f64 / answered.len() as f64
        }
    };
    let agreeing = share(&|s| {
        answers::agreement(s).is_some() && !s.trim().chars().all(|c| c.is_ascii_digit())
    });
    use SurveyField as F;
    // A form tool's own row number ("ID", "Respondent ID") is never an answer.
    if words == "id" || words.ends_with(" id") {
        return (F::Ignore, 0.0);
    }
    let by_words = if has("timestamp")
        || has("submitted")
        || has("completion time")
        || words == "date"
        || has("start time")
    {
        Some((F::SubmittedAt, 0.95))
    } else if has("email") || has("e mail") {
        Some((F::Email, 0.95))
    } else if kind == SurveyKind::CheckIns
        && (has("mentee") && (has("which") || has("name") || has("about") || has("who"))
            || has("which participant"))
    {
        Some((F::Mentee, 0.85))
    } else if has("recommend") || has("how likely") {
        Some((F::Recommend, 0.9))
    } else if has("satisf")
        || has("how is it going")
        || has("how are things")
        || has("rate your")
        || has("overall experience")
    {
        Some((F::Satisfaction, 0.9))
    } else if kind == SurveyKind::CheckIns
        && (has("how many") || has("number of meetings") || has("times"))
    {
        Some((F::Meetings, 0.9))
    } else if kind == SurveyKind::CheckIns
        && (has("how did you meet")
            || has("how have you met")
            || has("format")
            || has("in person")
            || has("video"))
    {
        Some((F::Modes, 0.85))
    } else if kind == SurveyKind::CheckIns
        && (has("have you met")
            || has("did you meet")
            || has("met since")
            || has("have you been able to meet"))
    {
        Some((F::Met, 0.9))
    } else if kind == SurveyKind::CheckIns
        && (has("topic") || has("discuss") || has("talk about") || has("talked about"))
    {
        Some((F::Topics, 0.85))
    } else if kind == SurveyKind::Evaluations
        && has("goal")
        && (has("reach") || has("achiev") || has("meet your") || has("accomplish"))
    {
        Some((F::GoalsReached, 0.85))
    } else if kind == SurveyKind::CheckIns && (has("progress") || has("goal")) {
        Some((F::GoalProgress, 0.85))
    } else if agreeing >= 0.6 {
        None // decided below, from the answers
    } else if kind == SurveyKind::CheckIns
        && (has("committee")
            || has("anything else")
            || has("concern")
            || has("note")
            || has("comment")
            || has("help"))
    {
        Some((F::Note, 0.8))
    } else if kind == SurveyKind::Evaluations
        && (has("comment")
            || has("anything else")
            || has("suggest")
            || has("improve")
            || has("change")
            || has("feedback"))
    {
        Some((F::Comments, 0.8))
    } else if words == "name" || has("your name") || has("full name") || has("first name") {
        Some((F::Name, 0.85))
    } else {
        None
    };
    if let Some(found) = by_words {
        return found;
    }
    if kind == SurveyKind::Evaluations && agreeing >= 0.6 {
        return (F::Statement, 0.8);
    }
    if share(&|s| s.contains('@')) >= 0.8 {
        return (F::Email, 0.7);
    }
    // A question Matchbook does not know, answered in sentences: kept as
    // what people wrote for the committee rather than dropped.
    if share(&|s| looks_written(s)) >= 0.5 {
        return match kind {
            SurveyKind::CheckIns => (F::Note, KEPT_AS_WRITTEN),
            SurveyKind::Evaluations => (F::Comments, KEPT_AS_WRITTEN),
        };
    }
    (F::Ignore, 0.0)
}

/// The confidence of a column no meaning fits, kept as what people wrote.
pub(crate) const KEPT_AS_WRITTEN: f64 = 0.5;

/// What the preview says of a column no meaning fits, instead of asking
/// the committee to choose one: kept as comments, or not used. Never for
/// the committee's own choice (confidence 1).
pub(crate) fn when_nothing_fits(
    field: SurveyField,
    confidence: f64,
    samples: &[&str],
) -> Option<String> {
    match field {
        _ if confidence >= 1.0 => None,
        SurveyField::Ignore if samples.is_empty() => Some("Not used (no answers)".into()),
        SurveyField::Ignore => Some("Not used: none of Matchbook's meanings fits".into()),
        SurveyField::Note | SurveyField::Comments if confidence == KEPT_AS_WRITTEN => {
            Some(format!(
                "Kept as {}: no other meaning fits",
                field.label().to_lowercase()
            ))
        }
        _ => None,
    }
}

/// What the preview says of a column whose meaning a surer column took.
pub(crate) fn another_column_is(field: SurveyField) -> String {
    format!(
        "Not used: another column is the {}",
        field.label().to_lowercase()
    )
}

/// An answer someone wrote in words: a few words, not a number, a date, a
/// time of day or a choice of one word.
fn looks_written(answer: &str) -> bool {
    let answer = answer.trim();
    let words = answer.split_whitespace().count();
    let numeric = answer
        .chars()
        .all(|c| c.is_ascii_digit() || " .,:/-+%".contains(c));
    !numeric
        && !answer.contains('@')
        && (words >= 3 || answer.chars().count() >= 20)
        && crate::import::parse_timestamp(answer).is_none()
}

pub use crate::import::guess_kind;

/// The statement of an agreement column: a Google Forms grid writes
/// "Question [Statement]"; otherwise the column title is the statement.
pub fn statement_text(header: &str) -> String {
    let header = header.trim();
    match (header.rfind('['), header.ends_with(']')) {
        (Some(open), true) if open + 1 < header.len() - 1 => {
            header[open + 1..header.len() - 1].trim().to_string()
        }
        _ => header.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_nothing_recognises_answered_in_words_is_kept() {
        let f = |kind, header: &str, samples: &[&str]| recognise(kind, header, samples).0;
        let words = [
            "More chances to meet the other pairs",
            "Shorter forms, please",
        ];
        assert_eq!(
            f(SurveyKind::Evaluations, "Anything we should know?", &words),
            SurveyField::Comments
        );
        assert_eq!(
            f(SurveyKind::CheckIns, "Your thoughts so far", &words),
            SurveyField::Note
        );
        // Times, numbers and one-word choices are not notes.
        let times = ["4/2/2026 10:00:00 AM", "4/3/2026 9:05:00 PM"];
        assert_eq!(
            f(SurveyKind::CheckIns, "Last modified time", &times),
            SurveyField::Ignore
        );
        assert_eq!(
            f(SurveyKind::CheckIns, "Cohort", &["Mentor", "Mentee"]),
            SurveyField::Ignore
        );
    }

    #[test]
    fn questions_worded_many_ways_are_recognised() {
        let c = SurveyKind::CheckIns;
        let e = SurveyKind::Evaluations;
        let f = |kind, header: &str, samples: &[&str]| recognise(kind, header, samples).0;
        assert_eq!(f(c, "Timestamp", &[]), SurveyField::SubmittedAt);
        assert_eq!(f(c, "ID", &["1", "2", "3"]), SurveyField::Ignore);
        assert_eq!(f(c, "Email Address", &[]), SurveyField::Email);
        assert_eq!(
            f(
                c,
                "Have you met with your mentor/mentee since the last check-in?",
                &["Yes"]
            ),
            SurveyField::Met
        );
        assert_eq!(
            f(c, "How many times did you meet?", &["2"]),
            SurveyField::Meetings
        );
        assert_eq!(
            f(
                c,
                "How satisfied are you with the mentoring relationship?",
                &["4"]
            ),
            SurveyField::Satisfaction
        );
        assert_eq!(
            f(c, "What topics did you discuss?", &[]),
            SurveyField::Topics
        );
        assert_eq!(
            f(c, "How did you meet?", &["Video call"]),
            SurveyField::Modes
        );
        assert_eq!(
            f(c, "Did you meet this quarter?", &["Yes"]),
            SurveyField::Met
        );
        assert_eq!(
            f(c, "Progress toward your goals", &[]),
            SurveyField::GoalProgress
        );
        assert_eq!(
            f(c, "Anything the committee should know?", &[]),
            SurveyField::Note
        );
        assert_eq!(
            f(c, "Mentors: which mentee is this about?", &[]),
            SurveyField::Mentee
        );
        assert_eq!(
            f(
                e,
                "How likely are you to recommend the program to a colleague?",
                &["9"]
            ),
            SurveyField::Recommend
        );
        assert_eq!(
            f(e, "Did you reach your goals?", &["Partly"]),
            SurveyField::GoalsReached
        );
        assert_eq!(
            f(
                e,
                "To what extent do you agree? [The program widened my network]",
                &["Agree", "Strongly agree"]
            ),
            SurveyField::Statement
        );
        assert_eq!(f(e, "Any other comments?", &[]), SurveyField::Comments);
        assert_eq!(
            statement_text("Agree? [I feel less isolated]"),
            "I feel less isolated"
        );
        assert_eq!(
            statement_text("I feel less isolated"),
            "I feel less isolated"
        );
    }
}
