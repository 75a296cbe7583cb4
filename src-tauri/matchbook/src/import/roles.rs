//! One form for both roles: reading "I want to participate as: Mentor /
//! Mentee" answers. An answer Matchbook cannot place is listed for the
//! committee, never guessed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::people::Role;

/// What an import holds: one role's applications, or both with a column
/// saying who is who.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImportAs {
    Mentor,
    Participant,
    Both,
}

impl From<Role> for ImportAs {
    fn from(role: Role) -> Self {
        match role {
            Role::Mentor => ImportAs::Mentor,
            Role::Participant => ImportAs::Participant,
        }
    }
}

impl ImportAs {
    /// The one role every row has, or none when a column decides.
    pub fn single(self) -> Option<Role> {
        match self {
            ImportAs::Mentor => Some(Role::Mentor),
            ImportAs::Participant => Some(Role::Participant),
            ImportAs::Both => None,
        }
    }

    /// The word stored in the import history.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportAs::Mentor => "mentor",
            ImportAs::Participant => "participant",
            ImportAs::Both => "both",
        }
    }

    /// Whose applications, in the committee's words: "mentors", "participants"…
    pub fn people_words(self) -> &'static str {
        match self {
            ImportAs::Mentor => "mentors",
            ImportAs::Participant => "participants",
            ImportAs::Both => "mentors and participants",
        }
    }

    /// Accepts what [`Role::parse`] accepts, and "both".
    pub fn parse(text: &str) -> crate::Result<ImportAs> {
        match text.trim().to_lowercase().as_str() {
            "both" => Ok(ImportAs::Both),
            other => Role::parse(other).map(ImportAs::from),
        }
    }
}

/// The role an answer names: "Mentor", "Mentee (participant)", "Protégé",
/// "I'd like a mentor" … or none.
pub fn role_of_answer(answer: &str) -> Option<Role> {
    let text = answer.trim().to_lowercase();
    // Most answers of most columns name no role at all: say so quickly.
    if !["ment", "partic", "prot", "fellow", "learner"]
        .iter()
        .any(|w| text.contains(w))
    {
        return None;
    }
    let participant_words = [
        "mentee",
        "participant",
        "protégé",
        "protege",
        "fellow",
        "learner",
        "want a mentor",
        "like a mentor",
        "need a mentor",
        "find a mentor",
        "looking for a mentor",
        "be mentored",
    ];
    let says_participant = participant_words.iter().any(|w| text.contains(w));
    // "I'd like a mentor" names a mentor but asks for one.
    let without_wishes = participant_words
        .iter()
        .fold(text.clone(), |t, w| t.replace(w, " "));
    let says_mentor = without_wishes.contains("mentor");
    let says_both = text.contains("both") || (says_participant && says_mentor);
    match (says_mentor, says_participant) {
        _ if says_both => None,
        (true, false) => Some(Role::Mentor),
        (false, true) => Some(Role::Participant),
        _ => None,
    }
}

/// One answer of the role column, with how many rows gave it and the role
/// it stands for (none: listed, not imported).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleAnswer {
    pub answer: String,
    pub rows: usize,
    pub role: Option<Role>,
}

/// Every answer of the role column, in order of frequency: recognised, or
/// as the committee set it (`chosen`, by answer, any case).
pub fn role_answers<'a>(
    cells: impl Iterator<Item = &'a str>,
    chosen: &BTreeMap<String, Option<Role>>,
) -> Vec<RoleAnswer> {
    let mut counts: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for cell in cells.map(str::trim).filter(|c| !c.is_empty()) {
        counts
            .entry(cell.to_lowercase())
            .or_insert_with(|| (cell.to_string(), 0))
            .1 += 1;
    }
    let chosen: BTreeMap<String, Option<Role>> = chosen
        .iter()
        .map(|(answer, role)| (answer.trim().to_lowercase(), *role))
        .collect();
    let mut answers: Vec<RoleAnswer> = counts
        .into_iter()
        .map(|(key, (answer, rows))| RoleAnswer {
            role: match chosen.get(&key) {
                Some(role) => *role,
                None => role_of_answer(&answer),
            },
            answer,
            rows,
        })
        .collect();
    answers.sort_by(|a, b| b.rows.cmp(&a.rows).then_with(|| a.answer.cmp(&b.answer)));
    answers
}

/// Looks up a row's role among the answers (any case, trimmed).
pub fn role_for(answers: &[RoleAnswer], cell: &str) -> Option<Role> {
    let cell = cell.trim().to_lowercase();
    answers
        .iter()
        .find(|a| a.answer.to_lowercase() == cell)
        .and_then(|a| a.role)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_answers_are_read_from_the_words_people_use() {
        for mentor in [
            "Mentor",
            "mentor ",
            "I want to be a mentor",
            "Mentor (experienced librarian)",
        ] {
            assert_eq!(role_of_answer(mentor), Some(Role::Mentor), "{mentor}");
        }
        for participant in [
            "Mentee",
            "Mentee (participant)",
            "Participant",
            "Protégé",
            "I'd like a mentor",
        ] {
            assert_eq!(
                role_of_answer(participant),
                Some(Role::Participant),
                "{participant}"
            );
        }
        for unknown in ["Not sure yet", "Both", "Mentor and mentee", ""] {
            assert_eq!(role_of_answer(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn the_committee_decides_an_answer_matchbook_cannot_place() {
        let cells = ["Mentor", "Mentee", "mentee", "Not sure yet"];
        let mut chosen = BTreeMap::new();
        let answers = role_answers(cells.iter().copied(), &chosen);
        assert_eq!(answers[0].answer, "Mentee");
        assert_eq!(answers[0].rows, 2);
        assert_eq!(role_for(&answers, "not sure yet"), None);
        chosen.insert("NOT SURE YET".into(), Some(Role::Participant));
        chosen.insert("mentee".into(), None);
        let answers = role_answers(cells.iter().copied(), &chosen);
        assert_eq!(role_for(&answers, "Not sure yet"), Some(Role::Participant));
        // …or says a recognised answer is not to be imported.
        assert_eq!(role_for(&answers, "Mentee"), None);
    }
}
