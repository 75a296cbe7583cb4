//! The letters a committee edits: to a participant and to a mentor (a
//! pair's two letters), and to each member of a mentor's group or peer
//! circle (one letter introducing everyone, with a loop over
//! `group.members`). Which of them a program prints follows its shape;
//! each is checked against a made-up recipient before it is saved.

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::settings::{
    decode_logo, letter_settings, LetterSettings, DEFAULT_GROUP_TEMPLATE, DEFAULT_MENTOR_TEMPLATE,
    DEFAULT_PARTICIPANT_TEMPLATE, SETTINGS_KEY,
};
use super::template::{check_template, check_text, sample_person, TemplateProblem};
use crate::error::{Error, Result};
use crate::people::Role;
use crate::programs::{get_program, Program, Shape};
use crate::store::Store;

/// One of the letters a committee edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LetterKind {
    Participant,
    Mentor,
    /// Each member of a mentor's group or peer circle.
    Group,
}

impl LetterKind {
    pub fn parse(text: &str) -> Result<LetterKind> {
        match text.trim().to_lowercase().as_str() {
            "participant" => Ok(LetterKind::Participant),
            "mentor" => Ok(LetterKind::Mentor),
            "group" | "circle" => Ok(LetterKind::Group),
            other => Err(Error::Invalid(format!(
                "\"{other}\" is not a letter: write participant, mentor or group."
            ))),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            LetterKind::Participant => "participant",
            LetterKind::Mentor => "mentor",
            LetterKind::Group => "group",
        }
    }

    /// "Participant letter", as the tabs and messages name it.
    pub fn label(self) -> &'static str {
        match self {
            LetterKind::Participant => "Participant letter",
            LetterKind::Mentor => "Mentor letter",
            LetterKind::Group => "Group letter",
        }
    }

    /// Who reads it: a group letter goes to participants.
    pub fn role(self) -> Role {
        match self {
            LetterKind::Mentor => Role::Mentor,
            LetterKind::Participant | LetterKind::Group => Role::Participant,
        }
    }

    /// Its text in the settings.
    pub fn text(self, settings: &LetterSettings) -> &str {
        match self {
            LetterKind::Participant => &settings.participant_template,
            LetterKind::Mentor => &settings.mentor_template,
            LetterKind::Group => &settings.group_template,
        }
    }

    fn text_mut(self, settings: &mut LetterSettings) -> &mut String {
        match self {
            LetterKind::Participant => &mut settings.participant_template,
            LetterKind::Mentor => &mut settings.mentor_template,
            LetterKind::Group => &mut settings.group_template,
        }
    }

    pub fn default_text(self) -> &'static str {
        match self {
            LetterKind::Participant => DEFAULT_PARTICIPANT_TEMPLATE,
            LetterKind::Mentor => DEFAULT_MENTOR_TEMPLATE,
            LetterKind::Group => DEFAULT_GROUP_TEMPLATE,
        }
    }
}

/// A letter as the Letters screen offers it: its tab, the settings field
/// it edits, and the text "Restore the default text" puts back.
#[derive(Debug, Clone, Serialize)]
pub struct LetterChoice {
    pub kind: LetterKind,
    pub label: &'static str,
    pub field: &'static str,
    pub default_text: &'static str,
}

/// The letters a program of this shape prints: a pair's two, a mentor's
/// group adds the group letter (its members get it instead of the
/// participant letter), a program of peer circles has only the group letter.
pub fn letters_for(program: &Program) -> Vec<LetterChoice> {
    let kinds: &[LetterKind] = match program.shape {
        Shape::OneToOne => &[LetterKind::Participant, LetterKind::Mentor],
        Shape::Groups => &[
            LetterKind::Group,
            LetterKind::Mentor,
            LetterKind::Participant,
        ],
        Shape::Circles => &[LetterKind::Group],
    };
    kinds
        .iter()
        .map(|&kind| LetterChoice {
            kind,
            label: kind.label(),
            field: match kind {
                LetterKind::Participant => "participant_template",
                LetterKind::Mentor => "mentor_template",
                LetterKind::Group => "group_template",
            },
            default_text: kind.default_text(),
        })
        .collect()
}

/// Checks a letter's text against a made-up recipient: for the group
/// letter, a made-up group of three (with a mentor in a program of
/// mentors' groups), so a placeholder that does not exist, inside the loop
/// over the members or outside it, is found before any letter is made.
pub fn check_letter(
    program: &Program,
    settings: &LetterSettings,
    kind: LetterKind,
) -> Vec<TemplateProblem> {
    match kind {
        LetterKind::Participant | LetterKind::Mentor => {
            check_template(program, settings, kind.role())
        }
        LetterKind::Group => {
            let members: Vec<_> = ["Sam Participant", "Ana Member", "Ben Member"]
                .iter()
                .map(|name| sample_person(name))
                .collect();
            let mentor = (program.shape == Shape::Groups).then(|| sample_person("Sam Mentor"));
            let name = if mentor.is_some() {
                "Sam Mentor\u{2019}s group"
            } else {
                "Circle 1"
            };
            let group = json!({ "group": {
                "name": name,
                "size": members.len(),
                "kind": if mentor.is_some() { "group" } else { "circle" },
                "mentor": mentor,
                "members": members,
            }});
            check_text(
                program,
                settings,
                Role::Participant,
                &settings.group_template,
                &group,
            )
        }
    }
}

/// Checks every letter and saves the settings; a letter with a problem is
/// refused ("The group letter: Line 3 …") and nothing is saved.
pub fn save_letter_settings(
    store: &mut Store,
    program_id: i64,
    settings: &LetterSettings,
) -> Result<LetterSettings> {
    let program = get_program(store, program_id)?;
    for kind in [
        LetterKind::Participant,
        LetterKind::Mentor,
        LetterKind::Group,
    ] {
        if let Some(problem) = check_letter(&program, settings, kind).into_iter().next() {
            return Err(Error::Invalid(format!(
                "The {}: {}",
                kind.label().to_lowercase(),
                problem.message
            )));
        }
    }
    if let Some(logo) = &settings.logo {
        decode_logo(logo)?;
    }
    crate::programs::set_setting(store, program_id, SETTINGS_KEY, settings)?;
    letter_settings(store, program_id)
}

/// Replaces one letter's text (None: its default text) after checking it;
/// a text with a problem is refused and nothing is saved.
pub fn set_letter_text(
    store: &mut Store,
    program_id: i64,
    kind: LetterKind,
    text: Option<&str>,
) -> Result<LetterSettings> {
    let mut settings = letter_settings(store, program_id)?;
    *kind.text_mut(&mut settings) = text.unwrap_or(kind.default_text()).to_string();
    save_letter_settings(store, program_id, &settings)
}

/// The problems of a letter's text as it would be saved, without saving it.
pub fn check_letter_text(
    store: &Store,
    program_id: i64,
    kind: LetterKind,
    text: &str,
) -> Result<Vec<TemplateProblem>> {
    let program = get_program(store, program_id)?;
    let mut settings = letter_settings(store, program_id)?;
    *kind.text_mut(&mut settings) = text.to_string();
    Ok(check_letter(&program, &settings, kind))
}
