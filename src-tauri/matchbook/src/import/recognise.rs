//! Recognising the field a column feeds from its header's wording (the
//! phrases of `phrases`) and the values underneath it.

use super::fields::Field;
use super::phrases::phrases;
use crate::text::{contains_words, normalize_header};

/// A header read once to be scored against every field (a file's headers
/// are scored against each field in turn, and the first rows of a sheet are
/// scored to find the header row).
pub struct Wording {
    norm: String,
    negated: bool,
    about_people: bool,
}

impl Wording {
    pub fn new(header: &str) -> Self {
        Self::of_normalized(normalize_header(header))
    }

    pub fn of_normalized(norm: String) -> Self {
        let negated = is_negated(&norm);
        let about_people = negated
            && [
                "anyone", "anybody", "who", "person", "people", "names", "name",
            ]
            .iter()
            .any(|w| contains_words(&norm, w));
        Wording {
            norm,
            negated,
            about_people,
        }
    }

    /// How well the header names `field`, 0..1. A question asked in the
    /// negative ("…prefer NOT to mentor on?") never feeds what someone wants
    /// or offers: it feeds the matching avoid list.
    pub fn score(&self, field: Field) -> f64 {
        let norm = self.norm.as_str();
        let said = phrase_score(norm, field);
        if !self.negated {
            return said;
        }
        match field {
            Field::Avoid if self.about_people => said.max(0.85),
            Field::AvoidTopics if !self.about_people => said.max(phrase_score(norm, Field::Areas)),
            Field::Avoid | Field::AvoidTopics => said,
            Field::Areas
            | Field::Goals
            | Field::MeetingModes
            | Field::LibraryTypes
            | Field::RequestedMentor
            | Field::RequestedMentees
            | Field::Capacity => 0.0,
            _ => said,
        }
    }

    /// The best score over every field.
    pub fn best(&self) -> f64 {
        Field::ALL
            .iter()
            .map(|f| self.score(*f))
            .fold(0.0, f64::max)
    }
}

/// Whether a question asks what someone does NOT want.
pub fn is_negated(norm: &str) -> bool {
    [
        "prefer not",
        "rather not",
        "avoid",
        "not be matched",
        "not be paired",
        "should not",
        "not to have",
        "not want",
        "do not",
        "don t",
        "dont",
        "not to work with",
    ]
    .iter()
    .any(|phrase| contains_words(norm, phrase))
}

fn phrase_score(norm: &str, field: Field) -> f64 {
    if norm.is_empty() {
        return 0.0;
    }
    let mut best: f64 = 0.0;
    for (rank, phrase) in phrases(field).iter().enumerate() {
        let rank_penalty = (rank as f64 * 0.01).min(0.1);
        let score = if norm == *phrase {
            1.0 - rank_penalty * 0.5
        } else if contains_words(norm, phrase) {
            // Longer phrases inside long questions are strong; one word is weaker.
            let words = phrase.split(' ').count() as f64;
            (0.62 + 0.08 * words).min(0.92) - rank_penalty
        } else {
            0.0
        };
        best = best.max(score);
    }
    best
}

/// What the values under a column look like.
#[derive(Debug, Default, Clone, Copy)]
pub struct ValueShape {
    pub filled: usize,
    pub emails: usize,
    pub dates: usize,
    pub numbers: usize,
    pub multi: usize,
    /// "anonymous": what Microsoft Forms writes in Name and Email when it did not record them.
    pub anonymous: usize,
    /// Answers that name a role ("Mentor", "Mentee (participant)").
    pub roles: usize,
    /// Answers written as sentences (a dozen words or more), not picked from a list.
    pub prose: usize,
}

pub fn value_shape<'a>(values: impl Iterator<Item = &'a str>) -> ValueShape {
    let mut shape = ValueShape::default();
    for v in values.filter(|v| !v.is_empty()) {
        shape.filled += 1;
        if crate::identity::looks_like_email(v) {
            shape.emails += 1;
        }
        if super::cells::parse_timestamp(v).is_some()
            || super::cells::parse_excel_serial(v).is_some()
        {
            shape.dates += 1;
        }
        if v.trim().parse::<f64>().is_ok() {
            shape.numbers += 1;
        }
        if v.eq_ignore_ascii_case("anonymous") {
            shape.anonymous += 1;
        }
        if v.contains(", ") || v.contains(';') {
            shape.multi += 1;
        }
        // "Mentor", "Mentee (participant)": short answers, not sentences.
        if v.chars().count() <= 40 && super::roles::role_of_answer(v).is_some() {
            shape.roles += 1;
        }
        if v.split_whitespace().count() >= 12 {
            shape.prose += 1;
        }
    }
    shape
}

/// Score for `field` from the header and the values together.
pub fn column_score(header: &Wording, shape: &ValueShape, field: Field) -> f64 {
    let mut score = header.score(field);
    let share = |n: usize| {
        if shape.filled == 0 {
            0.0
        } else {
            n as f64 / shape.filled as f64
        }
    };
    if share(shape.anonymous) > 0.5 {
        return score * 0.2;
    }
    match field {
        Field::Email => {
            if share(shape.emails) > 0.8 {
                score = score.max(0.9);
            } else if shape.filled > 0 && share(shape.emails) < 0.3 {
                score *= 0.3;
            }
        }
        Field::SubmittedAt if shape.filled > 0 && share(shape.dates) < 0.5 => score *= 0.3,
        // A column of "Mentor"/"Mentee" answers says who is who, whatever its title.
        Field::Role if share(shape.roles) > 0.8 => score = score.max(0.9),
        Field::Role => score *= 0.3,
        Field::Position if share(shape.roles) > 0.8 => score *= 0.3,
        // "Which area of the library do you work in?" asks for a department.
        Field::Library
            if ["area", "department", "section", "unit", "team", "role"]
                .iter()
                .any(|w| contains_words(&header.norm, w)) =>
        {
            score *= 0.3
        }
        // Areas, library types and meeting modes are picked from a list, and
        // years and places are numbers: what people wrote in sentences stays
        // their own question, compared as writing ("…hope to gain in the next
        // five years?" is not years of experience), and a checkbox question
        // of the same wording feeds the field.
        Field::Areas
        | Field::LibraryTypes
        | Field::MeetingModes
        | Field::AvoidTopics
        | Field::YearsExperience
        | Field::Capacity
            if shape.filled > 0 && share(shape.prose) > 0.5 =>
        {
            score *= 0.3
        }
        Field::YearsExperience | Field::Capacity
            if shape.filled > 0 && share(shape.numbers) > 0.7 =>
        {
            score = (score + 0.05).min(1.0)
        }
        _ => {}
    }
    score
}
