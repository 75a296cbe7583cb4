//! Who gets a letter: everyone in a confirmed match, mentors A–Z then
//! participants A–Z, with the people each letter names.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::people::{list_people, Person, Role};
use crate::store::Store;

/// Which letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Which {
    Mentors,
    Participants,
    All,
    /// Both letters of one pair (its match id): a re-match mid-term.
    Pair(i64),
    /// Both letters of every pair confirmed on or after the day.
    Since(NaiveDate),
}

impl Which {
    pub fn parse(text: &str) -> Result<Which> {
        match text.trim().to_lowercase().as_str() {
            "mentor" | "mentors" => Ok(Which::Mentors),
            "participant" | "participants" => Ok(Which::Participants),
            "all" | "" => Ok(Which::All),
            other => Err(Error::Invalid(format!(
                "\"{other}\" is not a choice of letters; use mentors, participants or all (or name a pair, or a day pairs were confirmed since)."
            ))),
        }
    }
}

/// Someone who gets a letter, and the people it names.
#[derive(Debug, Clone)]
pub struct Recipient {
    pub person: Person,
    pub kind: Role,
    /// The mentor (participant letter) or the mentees (mentor letter).
    pub counterparts: Vec<Person>,
    /// Identifies the matches the letter is about, to spot outdated letters.
    pub fingerprint: String,
    /// For a member of a peer circle: the circle, whose letter introduces everyone.
    pub group: Option<LetterGroup>,
}

/// A peer circle as its letter names it.
#[derive(Debug, Clone)]
pub struct LetterGroup {
    pub name: String,
    pub mentor: Option<Person>,
    pub members: Vec<Person>,
}

/// Everyone who gets a letter from the confirmed matches: mentors A–Z, then participants A–Z.
pub fn recipients(store: &Store, program_id: i64, which: Which) -> Result<Vec<Recipient>> {
    recipients_of(store, program_id, which, false)
}

/// [`recipients`], counting completed pairs as well as running ones when
/// `completed` (the closing email goes to everyone who took part).
pub fn recipients_of(
    store: &Store,
    program_id: i64,
    which: Which,
    completed: bool,
) -> Result<Vec<Recipient>> {
    crate::matching::refuse_if_confirmed_twice(store, program_id)?;
    let people: HashMap<i64, Person> = list_people(store, program_id, None)?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let (pair, since) = match which {
        Which::Pair(id) => (Some(id), None),
        Which::Since(day) => (None, Some(day.to_string())),
        _ => (None, None),
    };
    let mut stmt = store.conn().prepare(
        "SELECT participant_id, mentor_id FROM matches WHERE program_id = ?1
           AND (status = 'confirmed' OR (?2 AND status = 'completed'))
           AND (?3 IS NULL OR id = ?3)
           AND (?4 IS NULL OR substr(confirmed_at, 1, 10) >= ?4) ORDER BY id",
    )?;
    let pairs: Vec<(i64, i64)> = stmt
        .query_map(rusqlite::params![program_id, completed, pair, since], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    if pairs.is_empty() {
        match which {
            Which::Pair(_) => {
                return Err(Error::Invalid(
                    "That pair is not a running pair of this program, so it gets no letters."
                        .into(),
                ))
            }
            Which::Since(day) => {
                return Err(Error::Invalid(format!(
                    "No pair was confirmed on or after {}, so there are no letters to make.",
                    crate::time::long_date(day)
                )))
            }
            _ => {}
        }
    }
    // Letters greet people by the name the committee checked (see `greetings`).
    let corrections = super::greeting_names::corrections(store, program_id)?;
    let people: HashMap<i64, Person> = people
        .into_iter()
        .map(|(id, mut p)| {
            p.application.preferred_name = super::greeting_names::greeting_of(&p, &corrections);
            (id, p)
        })
        .collect();
    let mut mentees: BTreeMap<i64, Vec<Person>> = BTreeMap::new();
    let mut out = Vec::new();
    for &(p, m) in &pairs {
        let (Some(participant), Some(mentor)) = (people.get(&p), people.get(&m)) else {
            continue;
        };
        mentees.entry(m).or_default().push(participant.clone());
        if which != Which::Mentors {
            out.push(Recipient {
                person: participant.clone(),
                kind: Role::Participant,
                counterparts: vec![mentor.clone()],
                fingerprint: format!("mentor:{m}"),
                group: None,
            });
        }
    }
    if which != Which::Participants {
        for (m, mut list) in mentees {
            let Some(mentor) = people.get(&m) else {
                continue;
            };
            list.sort_by_key(sort_key);
            let mut ids: Vec<i64> = list.iter().map(|p| p.id).collect();
            ids.sort_unstable();
            out.push(Recipient {
                person: mentor.clone(),
                kind: Role::Mentor,
                counterparts: list,
                fingerprint: format!(
                    "mentees:{}",
                    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
                ),
                group: None,
            });
        }
    }
    add_groups(&mut out, letter_groups(store, program_id, &people)?, which);
    out.sort_by(|a, b| {
        (a.kind == Role::Participant, sort_key(&a.person))
            .cmp(&(b.kind == Role::Participant, sort_key(&b.person)))
    });
    Ok(out)
}

/// Every confirmed group of the program: a mentor's group or a peer circle.
fn letter_groups(
    store: &Store,
    program_id: i64,
    people: &HashMap<i64, Person>,
) -> Result<Vec<LetterGroup>> {
    let person = |id: i64| crate::matching::PersonRef {
        id,
        name: String::new(),
        email: None,
        library: String::new(),
    };
    let groups = crate::matching::groups::read_groups(store, program_id, None, &person)?;
    Ok(groups
        .into_iter()
        .map(|g| {
            let mut members: Vec<Person> = g
                .members
                .iter()
                .filter_map(|m| people.get(&m.id).cloned())
                .collect();
            members.sort_by_key(sort_key);
            LetterGroup {
                name: g.name,
                mentor: g.mentor.and_then(|m| people.get(&m.id).cloned()),
                members,
            }
        })
        .collect())
}

/// Gives each participant of a mentor's group the group letter, and every
/// member of a peer circle a letter of their own (they have no pair).
fn add_groups(out: &mut Vec<Recipient>, groups: Vec<LetterGroup>, which: Which) {
    for group in groups {
        if group.mentor.is_some() {
            for r in out.iter_mut().filter(|r| r.kind == Role::Participant) {
                if group.members.iter().any(|m| m.id == r.person.id) {
                    r.group = Some(group.clone());
                }
            }
            continue;
        }
        if !matches!(which, Which::All | Which::Participants) {
            continue;
        }
        let ids: Vec<String> = group.members.iter().map(|m| m.id.to_string()).collect();
        for member in &group.members {
            out.push(Recipient {
                person: member.clone(),
                kind: Role::Participant,
                counterparts: Vec::new(),
                fingerprint: format!("circle:{}", ids.join(",")),
                group: Some(group.clone()),
            });
        }
    }
}

fn sort_key(p: &Person) -> (String, i64) {
    (p.application.name.to_lowercase(), p.id)
}
