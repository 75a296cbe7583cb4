//! Who made a row's choices (by email, else by name), and whom each name
//! or booklet number they wrote means. Names are found as requested mentors
//! are (`matching::names`): accents, "Last, First", case, and a surname
//! alone when only one person of that role has it.

use std::collections::{HashMap, HashSet};

use super::read::{number_and_name, WrittenRow};
use crate::error::Result;
use crate::identity::{is_placeholder_email, names_nobody};
use crate::import::Attention;
use crate::matching::names::NameIndex;
use crate::people::{list_people, Person, Role};
use crate::store::Store;
use crate::text::ordinal;

/// A row whose chooser is known: whom they chose, and the names that matched nobody.
pub(super) struct Resolved {
    pub row: i64,
    pub chooser_id: i64,
    pub chooser_name: String,
    pub chooser_role: Role,
    /// (chosen person, rank), each person once at their best rank.
    pub chosen: Vec<(i64, u8)>,
    pub unknown: Vec<Attention>,
}

/// The people of one program, ready to be found by what someone wrote.
pub(super) struct Resolver {
    participants: Vec<Person>,
    mentors: Vec<Person>,
    participant_names: NameIndex,
    mentor_names: NameIndex,
    /// The booklet's numbers: number → mentor index.
    booklet: HashMap<usize, usize>,
    chose_before: HashSet<i64>,
}

fn name_index(people: &[Person]) -> NameIndex {
    NameIndex::new(people.iter().map(|p| {
        (
            p.application.name.as_str(),
            p.application.preferred_name.as_str(),
            p.application.email.as_deref(),
        )
    }))
}

impl Resolver {
    pub fn new(store: &Store, program_id: i64) -> Result<Resolver> {
        let participants = list_people(store, program_id, Some(Role::Participant))?;
        let mentors = list_people(store, program_id, Some(Role::Mentor))?;
        let booklet = crate::booklet::numbered_mentors(store, program_id)?
            .into_iter()
            .filter_map(|listed| {
                let at = mentors.iter().position(|m| m.id == listed.person_id)?;
                Some((listed.number, at))
            })
            .collect();
        let mut stmt = store
            .conn()
            .prepare("SELECT DISTINCT chooser_id FROM choices WHERE program_id = ?1")?;
        let chose_before = stmt
            .query_map([program_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Resolver {
            participant_names: name_index(&participants),
            mentor_names: name_index(&mentors),
            participants,
            mentors,
            booklet,
            chose_before,
        })
    }

    /// Whether this person had choices from an earlier import.
    pub fn chose_before(&self, person_id: i64) -> bool {
        self.chose_before.contains(&person_id)
    }

    /// The row's chooser and choices, or why the row names nobody of the program.
    pub fn resolve(&self, written: &WrittenRow) -> std::result::Result<Resolved, String> {
        let (chooser, role) = self.chooser(written)?;
        let mut resolved = Resolved {
            row: written.row,
            chooser_id: chooser.id,
            chooser_name: chooser.application.name.clone(),
            chooser_role: role,
            chosen: Vec::new(),
            unknown: Vec::new(),
        };
        for (rank, text) in &written.ranked {
            if names_nobody(text) {
                continue;
            }
            match self.chosen(role, text) {
                Ok(id) if id == chooser.id => {}
                Ok(id) => {
                    if !resolved.chosen.iter().any(|&(c, _)| c == id) {
                        resolved.chosen.push((id, *rank));
                    }
                }
                Err(why) => resolved.unknown.push(Attention {
                    row: written.row,
                    reason: format!(
                        "“{}” ({} choice of {}) {why}",
                        text.trim(),
                        ordinal(*rank),
                        chooser.application.name
                    ),
                }),
            }
        }
        Ok(resolved)
    }

    /// The person a row is from: their email, else their name, among
    /// participants first, then mentors.
    fn chooser(&self, written: &WrittenRow) -> std::result::Result<(&Person, Role), String> {
        let email = written.email.trim();
        if !email.is_empty() && !is_placeholder_email(email) {
            let with_email = |people: &[Person]| -> Vec<usize> {
                people
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| {
                        p.application
                            .email
                            .as_deref()
                            .is_some_and(|e| e.trim().eq_ignore_ascii_case(email))
                    })
                    .map(|(i, _)| i)
                    .collect()
            };
            if let [i] = with_email(&self.participants).as_slice() {
                return Ok((&self.participants[*i], Role::Participant));
            }
            if let [i] = with_email(&self.mentors).as_slice() {
                return Ok((&self.mentors[*i], Role::Mentor));
            }
        }
        let name = written.name.trim();
        if !name.is_empty() {
            if let [i] = self.participant_names.find(name).as_slice() {
                return Ok((&self.participants[*i], Role::Participant));
            }
            if let [i] = self.mentor_names.find(name).as_slice() {
                return Ok((&self.mentors[*i], Role::Mentor));
            }
        }
        let who = match (name.is_empty(), email.is_empty()) {
            (true, true) => {
                return Err(
                    "The row says nobody's name or email; its choices were not kept.".into(),
                )
            }
            (false, true) => format!("“{name}”"),
            (true, false) => email.to_string(),
            (false, false) => format!("“{name}” ({email})"),
        };
        Err(format!(
            "{who} is not anyone in this program: import their application first, or correct the email; the row's choices were not kept."
        ))
    }

    /// Whom a choice means: a mentor (for a participant), by name or the
    /// booklet's number; a participant (for a mentor), by name.
    fn chosen(&self, chooser: Role, text: &str) -> std::result::Result<i64, String> {
        let (number, name) = number_and_name(text);
        let (people, names, role) = match chooser {
            Role::Participant => (&self.mentors, &self.mentor_names, "mentor"),
            Role::Mentor => (&self.participants, &self.participant_names, "participant"),
        };
        let by_name = if name.is_empty() {
            Vec::new()
        } else {
            names.find(name)
        };
        if let [i] = by_name.as_slice() {
            return Ok(people[*i].id);
        }
        if let Some(n) = number {
            if chooser == Role::Mentor {
                return Err("is a number; mentors rank participants by name.".into());
            }
            return match self.booklet.get(&n) {
                Some(&i) => Ok(self.mentors[i].id),
                None => Err(format!(
                    "is no number in the mentor booklet, which lists {} mentors.",
                    self.mentors.len()
                )),
            };
        }
        let holders = names.surname_holders(name);
        if by_name.len() > 1 || holders.len() > 1 {
            let mut who: Vec<&str> = by_name
                .iter()
                .map(|&i| people[i].application.name.as_str())
                .collect();
            if who.len() < 2 {
                who = holders;
            }
            let last = who.pop().unwrap_or_default();
            return Err(format!(
                "could be {} or {last}: write the full name{}.",
                who.join(", "),
                if chooser == Role::Participant {
                    " or the booklet's number"
                } else {
                    ""
                }
            ));
        }
        Err(format!(
            "is no {role} in this program: check the spelling{}.",
            if chooser == Role::Participant {
                ", or write the mentor's number in the booklet"
            } else {
                ""
            }
        ))
    }
}
