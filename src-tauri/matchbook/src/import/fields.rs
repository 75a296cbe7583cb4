//! The Matchbook fields a column can feed (recognising them from a header's
//! wording and the values underneath it is `recognise`).

use serde::{Deserialize, Serialize};

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
