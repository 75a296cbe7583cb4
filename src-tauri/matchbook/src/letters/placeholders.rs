//! The placeholders the committee picks from the palette beside a letter's
//! text, each with the letters it works in, and how many of the program's
//! letters have an answer for each applicant placeholder.

use serde::Serialize;

use super::recipients::Recipient;
use super::template::{person_value, PERSON_FIELDS};
use crate::people::Role;

/// A placeholder the committee can pick from the palette.
#[derive(Debug, Clone, Serialize)]
pub struct Placeholder {
    pub text: String,
    pub meaning: String,
    /// The letters it works in: "participant", "mentor", "group".
    pub letters: &'static [&'static str],
    /// For an applicant's answer: how many participant letters would print it.
    pub participant_letters: Option<Answered>,
    /// The same for mentor letters.
    pub mentor_letters: Option<Answered>,
}

/// How many of a letter's recipients have an answer a placeholder prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Answered {
    pub answered: usize,
    pub letters: usize,
}

/// Every placeholder, with how many of this program's letters have an
/// answer for each applicant placeholder (from the confirmed matches): one
/// that no application answers ("mentor.goals" when mentor forms never ask
/// it) would block every letter, so the palette greys it out.
pub fn placeholders_for(
    store: &crate::store::Store,
    program_id: i64,
) -> crate::Result<Vec<Placeholder>> {
    let everyone = super::recipients(store, program_id, super::Which::All)?;
    let mut list = placeholders();
    for placeholder in &mut list {
        let Some((who, field)) = person_placeholder(&placeholder.text) else {
            continue;
        };
        let count = |kind: Role| {
            let letters: Vec<&Recipient> = everyone.iter().filter(|r| r.kind == kind).collect();
            let answered = letters
                .iter()
                .filter(|r| {
                    let person = match (kind, who) {
                        (Role::Mentor, "mentor") | (Role::Participant, "participant") => {
                            Some(&r.person)
                        }
                        (Role::Participant, "mentor") => r.counterparts.first(),
                        _ => None,
                    };
                    person.is_some_and(|p| {
                        person_value(p)[field]
                            .as_str()
                            .is_some_and(|v| !v.trim().is_empty())
                    })
                })
                .count();
            (!letters.is_empty()).then_some(Answered {
                answered,
                letters: letters.len(),
            })
        };
        placeholder.participant_letters = count(Role::Participant);
        placeholder.mentor_letters = (who == "mentor").then(|| count(Role::Mentor)).flatten();
    }
    Ok(list)
}

/// "{{ mentor.goals }}" → ("mentor", "goals").
fn person_placeholder(text: &str) -> Option<(&'static str, &str)> {
    let inner = text.strip_prefix("{{ ")?.strip_suffix(" }}")?;
    let (who, field) = inner.split_once('.')?;
    let who = ["participant", "mentor"].into_iter().find(|w| *w == who)?;
    PERSON_FIELDS
        .iter()
        .any(|(f, _)| *f == field)
        .then_some((who, field))
}

/// Every placeholder, for the palette.
pub fn placeholders() -> Vec<Placeholder> {
    let mut list = Vec::new();
    const EVERY: &[&str] = &["participant", "mentor", "group"];
    let mut add = |text: &str, meaning: &str, letters: &'static str| {
        list.push(Placeholder {
            text: text.into(),
            meaning: meaning.into(),
            letters: match letters {
                "both" => &["participant", "mentor"],
                "every" => EVERY,
                "participant" => &["participant"],
                "mentor" => &["mentor"],
                _ => &["group"],
            },
            participant_letters: None,
            mentor_letters: None,
        })
    };
    for (who, letters) in [("participant", "participant"), ("mentor", "both")] {
        for (field, meaning) in PERSON_FIELDS {
            add(
                &format!("{{{{ {who}.{field} }}}}"),
                &format!("The {who}'s {meaning}"),
                letters,
            );
        }
    }
    add(
        "{% for mentee in mentees %}- {{ mentee.introduction }}: {{ mentee.contact }}\n{% endfor %}",
        "Each mentee of the mentor, one line each (any participant field works after mentee.)",
        "mentor",
    );
    add(
        "{{ mentees|length }}",
        "How many mentees the mentor has",
        "mentor",
    );
    for (field, meaning) in [
        ("name", "program's name"),
        ("organization", "organization running the program"),
        (
            "kickoff",
            "kickoff, with its event, place and date as given (the kickoff, Winter Conference, in Duluth, on 20 January 2027)",
        ),
        ("kickoff_date", "kickoff date"),
        ("kickoff_event", "kickoff event"),
        ("kickoff_place", "kickoff place"),
        ("months", "relationship length in months"),
        ("cadence_months", "months between check-ins"),
        ("contact_name", "committee contact's name"),
        ("contact_email", "committee contact's email"),
    ] {
        add(
            &format!("{{{{ program.{field} }}}}"),
            &format!("The {meaning}"),
            "every",
        );
    }
    add(
        "{% if program.kickoff_ahead %}…{% else %}…{% endif %}",
        "Text for letters sent before the kickoff, and for those sent after it",
        "every",
    );
    add("{{ today }}", "The letter's date", "every");
    add(
        "{{ check_in_link }}",
        "The recipient's own check-in form link, their email filled in (the program's pre-filled link)",
        "every",
    );
    add_group_placeholders(&mut add);
    add(
        "{% if mentor.phone %} or {{ mentor.phone }}{% endif %}",
        "Print something only when an answer is there",
        "both",
    );
    list
}

/// The group letter's own placeholders: the group and a loop over its members.
fn add_group_placeholders(add: &mut impl FnMut(&str, &str, &'static str)) {
    add(
        "{{ recipient.preferred_name }}",
        "The reader's greeting name (preferred name, else full name; checked under Greetings)",
        "group",
    );
    add(
        "{{ group.name }}",
        "The group's name (Circle 3, or Ann Lee\u{2019}s group)",
        "group",
    );
    add(
        "{{ group.size }}",
        "How many members the group has",
        "group",
    );
    add(
        "{{ group.kind }}",
        "\u{201c}circle\u{201d} for a peer circle, \u{201c}group\u{201d} for a mentor's group",
        "group",
    );
    add(
        "{% for member in group.members %}- {{ member.introduction }}: {{ member.contact }}\n{% endfor %}",
        "Each member of the group, one line each (any participant field works after member.)",
        "group",
    );
    add(
        "{% if group.mentor %}{{ group.mentor.introduction }}{% endif %}",
        "The group's mentor, in a program of mentors' groups (any mentor field works after group.mentor.)",
        "group",
    );
}
