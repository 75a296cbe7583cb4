//! People: the mentors and participants of a program, with their normalized
//! application answers.

use std::collections::BTreeMap;

use rusqlite::{params, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::store::Store;

mod stored;
use crate::time::now_timestamp;
pub use stored::SourceRow;
pub(crate) use stored::{update_person, AnswersJson, PeopleWriter};

/// Mentor or participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Mentor,
    Participant,
}

impl Role {
    /// The word stored in the program file.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Mentor => "mentor",
            Role::Participant => "participant",
        }
    }

    /// Accepts "mentor(s)" and "participant(s)" (also "mentee(s)").
    pub fn parse(text: &str) -> Result<Role> {
        match text.trim().to_lowercase().as_str() {
            "mentor" | "mentors" => Ok(Role::Mentor),
            "participant" | "participants" | "mentee" | "mentees" => Ok(Role::Participant),
            other => Err(Error::Invalid(format!(
                "\"{other}\" is not a role; use mentor or participant."
            ))),
        }
    }
}

/// The multi-valued answers of an application.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Lists {
    pub library_types: Vec<String>,
    pub areas: Vec<String>,
    pub meeting_modes: Vec<String>,
    pub avoid: Vec<String>,
    /// Topics they would rather not mentor on (mentors) or discuss (participants).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub avoid_topics: Vec<String>,
    /// On a mentor's form: participants they asked to mentor, by name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub requested_mentees: Vec<String>,
}

/// One answer to one question of the form: a number, a text (one choice,
/// a date, a scale point, free text) or a list (several choices, names).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    Number(f64),
    Text(String),
    Options(Vec<String>),
}

impl Answer {
    pub fn is_empty(&self) -> bool {
        match self {
            Answer::Number(_) => false,
            Answer::Text(t) => t.trim().is_empty(),
            Answer::Options(o) => o.is_empty(),
        }
    }

    /// The options it names: a list's items, or the one text.
    pub fn options(&self) -> Vec<String> {
        match self {
            Answer::Number(n) => vec![n.to_string()],
            Answer::Text(t) => vec![t.clone()],
            Answer::Options(o) => o.clone(),
        }
    }

    /// As one line of text, for screens and letters.
    pub fn to_text(&self) -> String {
        match self {
            Answer::Number(n) => n.to_string(),
            Answer::Text(t) => t.clone(),
            Answer::Options(o) => o.join(", "),
        }
    }
}

/// A person's normalized application, as the import (or the sample) writes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Application {
    pub name: String,
    pub preferred_name: String,
    pub email: Option<String>,
    pub phone: String,
    pub library: String,
    pub position: String,
    pub city: String,
    pub region: String,
    pub years_experience: Option<f64>,
    pub capacity: Option<u32>,
    pub requested_mentor: String,
    pub kickoff_attendance: String,
    pub goals: String,
    pub comments: String,
    pub submitted_at: Option<String>,
    /// Flattened, so JSON has `areas`, `library_types`, … at the top level.
    #[serde(flatten)]
    pub lists: Lists,
    pub extra: BTreeMap<String, String>,
    /// Every answer of the form, keyed by the question's wording (see the
    /// questions module); the fields above are the answers Matchbook
    /// also knows the meaning of.
    pub answers: BTreeMap<String, Answer>,
}

impl Application {
    /// The answer to a question: kept under its wording, or, for a question
    /// that feeds a built-in field (`field`, e.g. "areas"), read from that
    /// field (those answers are stored once, in their field).
    pub fn answer(&self, question: &str, field: Option<&str>) -> Option<Answer> {
        if let Some(a) = self.answers.get(question) {
            return Some(a.clone());
        }
        let text = |t: &str| (!t.trim().is_empty()).then(|| Answer::Text(t.to_string()));
        let list = |l: &[String]| (!l.is_empty()).then(|| Answer::Options(l.to_vec()));
        match field? {
            "library" => text(&self.library),
            "position" => text(&self.position),
            "city" => text(&self.city),
            "region" => text(&self.region),
            "goals" => text(&self.goals),
            "comments" => text(&self.comments),
            "kickoff_attendance" => text(&self.kickoff_attendance),
            "requested_mentor" => text(&self.requested_mentor),
            "submitted_at" => self.submitted_at.as_deref().and_then(text),
            "library_types" => list(&self.lists.library_types),
            "areas" => list(&self.lists.areas),
            "meeting_modes" => list(&self.lists.meeting_modes),
            "avoid" => list(&self.lists.avoid),
            "avoid_topics" => list(&self.lists.avoid_topics),
            "requested_mentees" => list(&self.lists.requested_mentees),
            "years_experience" => self.years_experience.map(Answer::Number),
            "capacity" => self.capacity.map(|c| Answer::Number(f64::from(c))),
            _ => None,
        }
    }
}

/// A person as stored. Serialized with the mentee numbers the interface
/// shows (`places`, `application_places`, `max_mentees`), so it never
/// recomputes them.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub id: i64,
    pub program_id: i64,
    pub role: Role,
    /// Flattened in JSON, so it has `name`, `email`, … at the top level.
    pub application: Application,
    pub flags: Vec<String>,
    /// Mentees a mentor agreed with the committee to take, when that differs
    /// from the application's answer (`application.capacity`).
    pub capacity_agreed: Option<u32>,
}

impl Person {
    /// The mentees a mentor takes: what they agreed with the committee, else
    /// what their application says, else one.
    pub fn places(&self) -> u32 {
        self.capacity_agreed.unwrap_or(self.application_places())
    }

    /// What the application's answer counts as: its number, else one.
    pub fn application_places(&self) -> u32 {
        self.application.capacity.unwrap_or(DEFAULT_PLACES)
    }
}

/// The places of a mentor whose application did not say.
pub const DEFAULT_PLACES: u32 = 1;

/// A person as the interface and `--json` see them: the stored fields plus
/// the numbers derived from them by the core's rules.
#[derive(Serialize)]
struct PersonJson<'a> {
    id: i64,
    program_id: i64,
    role: Role,
    #[serde(flatten)]
    application: &'a Application,
    flags: &'a [String],
    capacity_agreed: Option<u32>,
    /// [`Person::places`].
    places: u32,
    /// [`Person::application_places`].
    application_places: u32,
    /// [`MAX_CAPACITY`], the most a mentor's number may be changed to.
    max_mentees: u32,
}

impl Serialize for Person {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        PersonJson {
            id: self.id,
            program_id: self.program_id,
            role: self.role,
            application: &self.application,
            flags: &self.flags,
            capacity_agreed: self.capacity_agreed,
            places: self.places(),
            application_places: self.application_places(),
            max_mentees: MAX_CAPACITY,
        }
        .serialize(serializer)
    }
}

const COLUMNS: &str =
    "id, program_id, role, name, preferred_name, email, phone, library, position, city, \
     region, years_experience, capacity, requested_mentor, kickoff_attendance, goals, comments, \
     submitted_at, lists_json, extra_json, flags_json, capacity_agreed, answers_json";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Person> {
    let role: String = row.get(2)?;
    let lists: String = row.get(18)?;
    let extra: String = row.get(19)?;
    let flags: String = row.get(20)?;
    let answers: String = row.get(22)?;
    Ok(Person {
        id: row.get(0)?,
        program_id: row.get(1)?,
        role: if role == "mentor" {
            Role::Mentor
        } else {
            Role::Participant
        },
        application: Application {
            name: row.get(3)?,
            preferred_name: row.get(4)?,
            email: row.get(5)?,
            phone: row.get(6)?,
            library: row.get(7)?,
            position: row.get(8)?,
            city: row.get(9)?,
            region: row.get(10)?,
            years_experience: row.get(11)?,
            capacity: row.get(12)?,
            requested_mentor: row.get(13)?,
            kickoff_attendance: row.get(14)?,
            goals: row.get(15)?,
            comments: row.get(16)?,
            submitted_at: row.get(17)?,
            lists: serde_json::from_str(&lists).unwrap_or_default(),
            extra: serde_json::from_str(&extra).unwrap_or_default(),
            answers: serde_json::from_str(&answers).unwrap_or_default(),
        },
        flags: serde_json::from_str(&flags).unwrap_or_default(),
        capacity_agreed: row.get(21)?,
    })
}

/// The people of a program, by role when given, sorted by name.
pub fn list_people(store: &Store, program_id: i64, role: Option<Role>) -> Result<Vec<Person>> {
    let mut stmt = store.conn().prepare(&format!(
        "SELECT {COLUMNS} FROM people WHERE program_id = ?1 AND (?2 IS NULL OR role = ?2)
         ORDER BY role, name COLLATE NOCASE, id"
    ))?;
    let rows = stmt.query_map(params![program_id, role.map(Role::as_str)], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Adds people typed in or generated (not from a spreadsheet) in one transaction.
pub fn add_people(
    store: &mut Store,
    program_id: i64,
    role: Role,
    applications: &[Application],
) -> Result<Vec<i64>> {
    crate::programs::get_program(store, program_id)?;
    let now = now_timestamp();
    store.write(|tx| {
        let mut writer = PeopleWriter::new(tx)?;
        applications
            .iter()
            .enumerate()
            .map(|(i, app)| {
                let source = SourceRow {
                    import_id: None,
                    file: "(entered directly)",
                    sheet: "",
                    row_number: i as i64 + 1,
                    raw_json: "{}",
                    raw_id: None,
                    received_at: &now,
                };
                writer.person(program_id, role, app, &AnswersJson::of(app), &source)
            })
            .collect()
    })
}

/// One person by id.
pub fn get_person(store: &Store, id: i64) -> Result<Person> {
    store
        .conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM people WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| Error::NotFound("That person is no longer in this program file.".into()))
}

/// The most mentees Matchbook lets one mentor take: a guard against a typo
/// (10 for 1) quietly giving one person a whole cohort.
pub const MAX_CAPACITY: u32 = 12;

/// Sets how many mentees a mentor can take (the committee agreed a change with
/// them). Never below the relationships they already have running. Kept apart
/// from the application's answer, so a later import does not undo it. Returns
/// the mentor as now stored.
pub fn set_capacity(store: &mut Store, mentor_id: i64, capacity: u32) -> Result<Person> {
    let mentor = get_person(store, mentor_id)?;
    if mentor.role != Role::Mentor {
        return Err(Error::Invalid(format!(
            "{} is a participant; only mentors take mentees.",
            mentor.application.name
        )));
    }
    if capacity > MAX_CAPACITY {
        return Err(Error::Invalid(format!(
            "{capacity} mentees is more than Matchbook allows one mentor ({MAX_CAPACITY}). Check the number."
        )));
    }
    store.write(|tx| {
        let running = running_matches(tx, mentor_id)?;
        if capacity < running {
            return Err(Error::Invalid(format!(
                "{} has {running} running match{}, so they need at least {running} place{}. End a match in Tracking first.",
                mentor.application.name,
                if running == 1 { "" } else { "es" },
                if running == 1 { "" } else { "s" },
            )));
        }
        record_agreed_capacity(tx, mentor_id, capacity)
    })?;
    get_person(store, mentor_id)
}

/// A mentor's relationships that are running (confirmed, not ended or completed).
pub(crate) fn running_matches(conn: &rusqlite::Connection, mentor_id: i64) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM matches WHERE mentor_id = ?1 AND status = 'confirmed'",
        [mentor_id],
        |r| r.get(0),
    )?)
}

/// Stores the mentees a mentor agreed with the committee, beside the application's answer.
pub(crate) fn record_agreed_capacity(
    tx: &Transaction<'_>,
    mentor_id: i64,
    capacity: u32,
) -> Result<()> {
    tx.execute(
        "UPDATE people SET capacity_agreed = ?2, updated_at = ?3 WHERE id = ?1",
        rusqlite::params![mentor_id, capacity, now_timestamp()],
    )?;
    Ok(())
}

/// What erasing a person removes, for the confirmation that names it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ErasePreview {
    pub person_id: i64,
    pub name: String,
    pub role: String,
    pub applications: i64,
    pub matches: i64,
    pub goals: i64,
    pub meetings: i64,
    pub letters: i64,
    pub committee_rules: i64,
}

fn erase_preview_in(conn: &rusqlite::Connection, id: i64) -> Result<ErasePreview> {
    let (name, role): (String, String) = conn
        .query_row("SELECT name, role FROM people WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .ok_or_else(|| Error::NotFound("That person is no longer in this program file.".into()))?;
    let count = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [id], |r| r.get(0))?) };
    Ok(ErasePreview {
        person_id: id,
        name,
        role,
        applications: count("SELECT count(*) FROM applications WHERE person_id = ?1")?,
        matches: count(
            "SELECT count(*) FROM matches WHERE (participant_id = ?1 OR mentor_id = ?1)
             AND status IN ('confirmed', 'ended', 'completed')",
        )?,
        goals: count(
            "SELECT count(*) FROM goals g JOIN matches x ON x.id = g.match_id
             WHERE x.participant_id = ?1 OR x.mentor_id = ?1",
        )?,
        meetings: count(
            "SELECT count(*) FROM meetings g JOIN matches x ON x.id = g.match_id
             WHERE x.participant_id = ?1 OR x.mentor_id = ?1",
        )?,
        letters: count("SELECT count(*) FROM letters WHERE person_id = ?1")?,
        committee_rules: count(
            "SELECT count(*) FROM pair_rules WHERE participant_id = ?1 OR mentor_id = ?1",
        )?,
    })
}

/// What [`erase_person`] would remove.
pub fn erase_preview(store: &Store, id: i64) -> Result<ErasePreview> {
    erase_preview_in(store.conn(), id)
}

/// Removes a person and everything about them from the program file: their
/// applications (raw rows included), the import history's copy of their
/// answers, their matches in every state with those pairs' goals, meetings
/// and history, committee rules naming them, and the letters log. The file
/// runs with `secure_delete`, and the write-ahead log is emptied afterwards,
/// so their data is overwritten, not just unlinked. Their partners stay, and
/// can be matched again.
pub fn erase_person(store: &mut Store, id: i64) -> Result<ErasePreview> {
    let removed = store.write(|tx| {
        let preview = erase_preview_in(tx, id)?;
        tx.execute("DELETE FROM import_changes WHERE person_id = ?1", [id])?;
        // Cascades: applications, matches (→ goals, goal_updates, meetings,
        // match_events), pair_rules, letters.
        tx.execute("DELETE FROM people WHERE id = ?1", [id])?;
        Ok(preview)
    })?;
    store.checkpoint()?;
    Ok(removed)
}
