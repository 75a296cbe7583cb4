//! The wording that names each field in real application forms, most
//! telling first: what recognising a column's header compares against.

use super::fields::Field;

/// Header phrases per field, most telling first. Matched as whole words on
/// the normalized header (lowercase, punctuation removed). `Keep` has none.
const PHRASES: &[(Field, &[&str])] = &[
    (
        Field::Name,
        &[
            "full name",
            "name",
            "your name",
            "applicant name",
            "mentor name",
            "participant name",
            "mentee name",
        ],
    ),
    (Field::FirstName, &["first name", "given name"]),
    (Field::LastName, &["last name", "surname", "family name"]),
    (
        Field::PreferredName,
        &[
            "what name would you like us to use",
            "name would you like us to use",
            "what should we call you",
            "preferred name",
            "nickname",
            "name you go by",
            "pronounced",
        ],
    ),
    (
        Field::Email,
        &[
            "email address",
            "email",
            "e mail",
            "work email",
            "your email",
        ],
    ),
    (
        Field::Phone,
        &["phone number", "phone", "telephone", "cell", "mobile"],
    ),
    (
        Field::Library,
        &[
            "library organization",
            "library or organization",
            "library",
            "organization",
            "organisation",
            "employer",
            "institution",
            "workplace",
            "where do you work",
        ],
    ),
    (
        Field::Position,
        &[
            "position title",
            "position",
            "job title",
            "title",
            "role",
            "current position",
        ],
    ),
    (
        Field::LibraryTypes,
        &[
            "type of library",
            "library type",
            "types of library",
            "library types",
            "kind of library",
            "library setting",
        ],
    ),
    (Field::City, &["city", "town", "city town", "location city"]),
    (
        Field::Region,
        &[
            "region",
            "regional system",
            "area of the state",
            "county",
            "state region",
        ],
    ),
    (
        Field::YearsExperience,
        &[
            "years working in libraries",
            "years of experience",
            "years experience",
            "years in libraries",
            "how many years",
            "how long have you worked",
            "years in the profession",
            "years of library experience",
            "experience years",
            "years",
        ],
    ),
    (
        Field::Areas,
        &[
            "areas where you could offer guidance",
            "areas where you would like guidance",
            "offer guidance",
            "like guidance",
            "areas of expertise",
            "strengths",
            "areas of interest",
            "topics",
            "areas",
            "expertise",
            "skills",
            "want to develop",
            "would like to learn",
            "guidance",
        ],
    ),
    (
        Field::Goals,
        &[
            "what do you hope to gain",
            "goals",
            "hope to gain",
            "what do you hope",
            "hope to get",
            "objectives",
            "why do you want",
            "what would you like to achieve",
        ],
    ),
    (
        Field::MeetingModes,
        &[
            "how would you prefer to meet",
            "meeting modes",
            "preferred meeting modes",
            "preferred meeting",
            "prefer to meet",
            "meeting preference",
            "meeting mode",
            "how to meet",
            "meet in person",
            "meeting format",
            "preferred way to meet",
            "way to meet",
            "how would you like to meet",
            "like to meet",
            "preferred method of meeting",
            "preferred format",
        ],
    ),
    (
        Field::Capacity,
        &[
            "how many mentees could you take on",
            "how many mentees",
            "number of mentees",
            "mentees",
            "capacity",
            "how many participants",
        ],
    ),
    (
        Field::RequestedMentor,
        &[
            "is there a mentor you would like",
            "requested mentor",
            "preferred mentor",
            "mentor you would like",
            "mentor request",
            "specific mentor",
            "who would you like as your mentor",
            "like as a mentor",
            "like as your mentor",
            "mentor preference",
            "like to be paired with",
            "prefer to have as a mentor",
            "prefer to have as your mentor",
            "prefer as a mentor",
        ],
    ),
    (
        Field::RequestedMentees,
        &[
            "is there anyone you would prefer to have as a mentee",
            "prefer to have as a mentee",
            "like to have as a mentee",
            "requested mentee",
            "specific mentee",
            "mentee you would like",
            "anyone you would like to mentor",
        ],
    ),
    (
        Field::Role,
        &[
            "i want to participate as",
            "participate as",
            "are you applying as a mentor or a mentee",
            "applying as",
            "apply as",
            "sign up as",
            "join as",
            "mentor or mentee",
            "mentor or participant",
            "role in the program",
        ],
    ),
    (
        Field::AvoidTopics,
        &[
            "topics you would prefer not to mentor on",
            "prefer not to mentor on",
            "topics to avoid",
            "rather not mentor on",
            "rather not discuss",
        ],
    ),
    (
        Field::Avoid,
        &[
            "should not be paired with",
            "not be paired",
            "anyone you should not",
            "avoid",
            "conflict of interest",
            "conflicts",
            "do not pair",
            "not be matched with",
            "prefer not to have as a mentee",
            "prefer not to have as a mentor",
        ],
    ),
    (
        Field::KickoffAttendance,
        &[
            "attend the kickoff",
            "kickoff",
            "kick off",
            "will you attend",
            "attend the conference",
            "attendance",
        ],
    ),
    (
        Field::Comments,
        &[
            "anything else",
            "comments",
            "additional comments",
            "other comments",
            "notes",
            "questions",
        ],
    ),
    (
        Field::SubmittedAt,
        &[
            "timestamp",
            "completion time",
            "submitted at",
            "submission date",
            "date submitted",
            "submitted",
            "start time",
        ],
    ),
];

pub(super) fn phrases(field: Field) -> &'static [&'static str] {
    PHRASES
        .iter()
        .find(|(f, _)| *f == field)
        .map_or(&[], |(_, phrases)| phrases)
}
