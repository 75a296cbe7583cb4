//! The Matchbook fields a column can feed, and recognising them from a
//! header's wording and the values underneath it.

use serde::{Deserialize, Serialize};

use super::phrases::phrases;
use crate::people::Role;

/// What a column means to Matchbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Name,
    FirstName,
    LastName,
    PreferredName,
    Email,
    Phone,
    Library,
    Position,
    LibraryTypes,
    City,
    Region,
    YearsExperience,
    Areas,
    Goals,
    MeetingModes,
    Capacity,
    RequestedMentor,
    /// On a mentor's form: the participants they would like to mentor.
    RequestedMentees,
    Avoid,
    /// Topics someone would rather not mentor on, or be mentored in.
    AvoidTopics,
    /// Which form someone filled in, when one form asks both mentors and participants.
    Role,
    KickoffAttendance,
    Comments,
    SubmittedAt,
    /// Kept with the application and shown on the person's page, not used for matching.
    Keep,
}

impl Field {
    /// Every field, in the order the mapping dropdown lists them.
    pub const ALL: [Field; 25] = [
        Field::Name,
        Field::FirstName,
        Field::LastName,
        Field::PreferredName,
        Field::Email,
        Field::Phone,
        Field::Library,
        Field::Position,
        Field::LibraryTypes,
        Field::City,
        Field::Region,
        Field::YearsExperience,
        Field::Areas,
        Field::Goals,
        Field::MeetingModes,
        Field::Capacity,
        Field::RequestedMentor,
        Field::RequestedMentees,
        Field::Avoid,
        Field::AvoidTopics,
        Field::Role,
        Field::KickoffAttendance,
        Field::Comments,
        Field::SubmittedAt,
        Field::Keep,
    ];

    /// The label shown to the committee.
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "Name",
            Field::FirstName => "First name",
            Field::LastName => "Last name",
            Field::PreferredName => "Preferred name",
            Field::Email => "Email",
            Field::Phone => "Phone",
            Field::Library => "Library / organization",
            Field::Position => "Position",
            Field::LibraryTypes => "Library type(s)",
            Field::City => "City",
            Field::Region => "Region",
            Field::YearsExperience => "Years of experience",
            Field::Areas => "Areas (offered or wanted)",
            Field::Goals => "Goals",
            Field::MeetingModes => "Meeting mode(s)",
            Field::Capacity => "Mentees a mentor can take",
            Field::RequestedMentor => "Requested mentor",
            Field::RequestedMentees => "Requested mentees",
            Field::Avoid => "People to avoid",
            Field::AvoidTopics => "Topics to avoid",
            Field::Role => "Mentor or participant",
            Field::KickoffAttendance => "Attending the kickoff",
            Field::Comments => "Comments",
            Field::SubmittedAt => "Submitted at",
            // Kept as a question of the program: criteria can compare it
            // (free text as similar writing), it just feeds no built-in field.
            Field::Keep => "Keep as its own question",
        }
    }

    /// The name used in JSON and mappings (`library_types`).
    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::PreferredName => "preferred_name",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::Library => "library",
            Field::Position => "position",
            Field::LibraryTypes => "library_types",
            Field::City => "city",
            Field::Region => "region",
            Field::YearsExperience => "years_experience",
            Field::Areas => "areas",
            Field::Goals => "goals",
            Field::MeetingModes => "meeting_modes",
            Field::Capacity => "capacity",
            Field::RequestedMentor => "requested_mentor",
            Field::RequestedMentees => "requested_mentees",
            Field::Avoid => "avoid",
            Field::AvoidTopics => "avoid_topics",
            Field::Role => "role",
            Field::KickoffAttendance => "kickoff_attendance",
            Field::Comments => "comments",
            Field::SubmittedAt => "submitted_at",
            Field::Keep => "keep",
        }
    }

    /// Parses a field key (as `key()` writes it, or its label).
    pub fn parse(text: &str) -> Option<Field> {
        let wanted = text.trim().to_lowercase().replace([' ', '-'], "_");
        Field::ALL
            .into_iter()
            .find(|f| f.key() == wanted || f.label().to_lowercase() == text.trim().to_lowercase())
    }

    /// Fields whose answers are several options (checkboxes).
    pub fn is_multi_select(self) -> bool {
        matches!(
            self,
            Field::LibraryTypes
                | Field::Areas
                | Field::MeetingModes
                | Field::Avoid
                | Field::AvoidTopics
                | Field::RequestedMentees
        )
    }

    /// Whether a question of this field keeps its answers under its wording:
    /// the ones with no field of their own in an application (kept columns,
    /// the role column). The others are stored once, in their field.
    pub fn stores_answers(self) -> bool {
        matches!(self, Field::Keep | Field::Role)
    }

    /// Fields that make sense for only one of the roles.
    pub fn fits(self, role: Role) -> bool {
        match self {
            Field::Capacity => role == Role::Mentor,
            Field::RequestedMentor => role == Role::Participant,
            Field::RequestedMentees => role == Role::Mentor,
            _ => true,
        }
    }
}

pub use crate::text::{contains_words, normalize_header};

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
