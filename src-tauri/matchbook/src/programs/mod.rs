//! Programs: one cohort each (e.g. "MILE 2019"), many per program file.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::identity::looks_like_email;
use crate::store::Store;
use crate::term::Term;
use crate::time::now_timestamp;

mod shape;
pub use shape::{
    check_group_size, group_size_text, parse_group_size, parse_same_library, same_library_text,
    Shape, ShapeChoice, ShapeWords,
};
mod next;
pub use next::{create_program_from, ProgramFrom};

/// A program as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Program {
    pub id: i64,
    pub name: String,
    pub organization: String,
    pub kickoff_date: Option<NaiveDate>,
    pub kickoff_event: String,
    pub kickoff_place: String,
    pub relationship_months: u32,
    pub cadence_months: u32,
    pub contact_name: String,
    pub contact_email: String,
    /// The check-in form's pre-filled link; `{email}` marks where each
    /// person's email goes (empty: none).
    pub survey_link: String,
    /// How people meet: pairs, a mentor's group, or peer circles.
    pub shape: Shape,
    /// The smallest and largest group (groups and circles).
    pub group_min: u32,
    pub group_max: u32,
    /// Peer circles keep people of one library apart (the committee may
    /// let them share a circle).
    pub keep_libraries_apart: bool,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
}

impl Program {
    /// The term a pair runs on: the program's, from its kickoff date, or,
    /// when the program has no kickoff date, the pair's own from its
    /// confirmation (or from `as_of` when it has none).
    pub fn term(&self, confirmed_on: Option<NaiveDate>, as_of: NaiveDate) -> Term {
        let starts = self.kickoff_date.or(confirmed_on).unwrap_or(as_of);
        Term::new(starts, self.relationship_months, self.cadence_months)
    }
}

/// What the committee fills in to create or edit a program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProgramInput {
    pub name: String,
    pub organization: String,
    /// `YYYY-MM-DD`, or empty when not known yet.
    pub kickoff_date: String,
    pub kickoff_event: String,
    pub kickoff_place: String,
    pub relationship_months: u32,
    pub cadence_months: u32,
    pub contact_name: String,
    pub contact_email: String,
    /// The check-in form's pre-filled link, with `{email}` where the email goes.
    pub survey_link: String,
    pub shape: Shape,
    pub group_min: u32,
    pub group_max: u32,
    /// Peer circles: people of one library are put in different circles.
    pub keep_libraries_apart: bool,
}

impl ProgramInput {
    /// A program with only a name; everything else as a new program starts.
    pub fn named(name: &str) -> Self {
        ProgramInput {
            name: name.into(),
            ..ProgramInput::default()
        }
    }
}

impl Default for ProgramInput {
    fn default() -> Self {
        ProgramInput {
            name: String::new(),
            organization: String::new(),
            kickoff_date: String::new(),
            kickoff_event: String::new(),
            kickoff_place: String::new(),
            relationship_months: 18,
            cadence_months: 3,
            contact_name: String::new(),
            contact_email: String::new(),
            survey_link: String::new(),
            shape: Shape::OneToOne,
            group_min: 4,
            group_max: 6,
            keep_libraries_apart: true,
        }
    }
}

/// A program with its counts, for lists and the status line.
#[derive(Debug, Clone, Serialize)]
pub struct ProgramSummary {
    #[serde(flatten)]
    pub program: Program,
    pub mentors: i64,
    pub participants: i64,
    pub matched: i64,
    /// Whether matching needs mentors (every shape but peer circles).
    pub needs_mentors: bool,
    /// "Peer circles of 4–6" (None for one-to-one), for the program's card.
    pub shape_chip: Option<String>,
    /// "pair"/"pairs", "group"/"groups" or "circle"/"circles", for the pages.
    pub words: ShapeWords,
    /// "12 mentors, 30 participants" or "30 participants in peer circles".
    pub people_text: String,
}

struct Checked {
    name: String,
    kickoff_date: Option<NaiveDate>,
}

fn check(input: &ProgramInput) -> Result<Checked> {
    let name = input.name.trim().to_string();
    if name.is_empty() {
        return Err(Error::Invalid(
            "The program needs a name, for example \"Leadership Institute 2026\".".into(),
        ));
    }
    if name.chars().count() > 200 {
        return Err(Error::Invalid(
            "The program name is longer than 200 characters; shorten it.".into(),
        ));
    }
    let kickoff_date = parse_optional_date(&input.kickoff_date, "kickoff date")?;
    if !(1..=120).contains(&input.relationship_months) {
        return Err(Error::Invalid(format!(
            "The relationship length must be between 1 and 120 months (got {}).",
            input.relationship_months
        )));
    }
    if !(1..=24).contains(&input.cadence_months) {
        return Err(Error::Invalid(format!(
            "Check-ins must be every 1 to 24 months (got {}).",
            input.cadence_months
        )));
    }
    if input.cadence_months > input.relationship_months {
        return Err(Error::Invalid(format!(
            "Check-ins every {} months never happen in a {}-month relationship; choose a shorter cadence.",
            input.cadence_months, input.relationship_months
        )));
    }
    let email = input.contact_email.trim();
    if !email.is_empty() && !looks_like_email(email) {
        return Err(Error::Invalid(format!(
            "\"{email}\" does not look like an email address (name@example.org)."
        )));
    }
    check_survey_link(&input.survey_link)?;
    check_group_size(input.group_min, input.group_max)?;
    Ok(Checked { name, kickoff_date })
}

/// The marker in a survey link where each person's email goes.
pub const EMAIL_MARKER: &str = "{email}";

fn check_survey_link(link: &str) -> Result<()> {
    let link = link.trim();
    if link.is_empty() {
        return Ok(());
    }
    if !(link.starts_with("https://") || link.starts_with("http://"))
        || link.contains(char::is_whitespace)
    {
        return Err(Error::Invalid(format!(
            "The check-in form link \"{link}\" is not a web address; paste the form's link, starting with https://."
        )));
    }
    if !link.contains(EMAIL_MARKER) {
        return Err(Error::Invalid(format!(
            "The check-in form link has no {EMAIL_MARKER} marker. In Google Forms choose \"Get pre-filled link\", type {EMAIL_MARKER} as the email answer, and paste the link it gives; Matchbook puts each person's email there."
        )));
    }
    Ok(())
}

/// A person's own survey link: the program's, with their email filled in
/// (None when the program has no link or the person no email).
pub fn survey_link_for(program: &Program, email: Option<&str>) -> Option<String> {
    let email = email.map(str::trim).filter(|e| !e.is_empty())?;
    if program.survey_link.is_empty() {
        return None;
    }
    Some(with_email(&program.survey_link, email))
}

/// A pre-filled form link with `email` (percent-encoded) where the
/// [`EMAIL_MARKER`] stands; a link without the marker is returned as it is.
pub fn with_email(link: &str, email: &str) -> String {
    link.replace(EMAIL_MARKER, &crate::text::percent_encode(email.trim()))
}

/// Reads a typed date ([`crate::dates::read_date`]); an empty text means "not set".
pub fn parse_optional_date(text: &str, what: &str) -> Result<Option<NaiveDate>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    crate::dates::read_date(text)
        .map(Some)
        .map_err(|why| Error::Invalid(format!("The {what}: {why}")))
}

const COLUMNS: &str = "id, name, organization, kickoff_date, kickoff_event, kickoff_place, \
     relationship_months, cadence_months, contact_name, contact_email, archived_at, created_at, updated_at, survey_link, \
     shape, group_min, group_max, keep_libraries_apart";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Program> {
    let kickoff: Option<String> = row.get(3)?;
    let archived_at: Option<String> = row.get(10)?;
    Ok(Program {
        id: row.get(0)?,
        name: row.get(1)?,
        organization: row.get(2)?,
        kickoff_date: kickoff.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        kickoff_event: row.get(4)?,
        kickoff_place: row.get(5)?,
        relationship_months: row.get(6)?,
        cadence_months: row.get(7)?,
        contact_name: row.get(8)?,
        contact_email: row.get(9)?,
        archived: archived_at.is_some(),
        created_at: row.get(11)?,
        updated_at: row.get(12)?,
        survey_link: row.get(13)?,
        shape: Shape::parse(&row.get::<_, String>(14)?).unwrap_or_default(),
        group_min: row.get(15)?,
        group_max: row.get(16)?,
        keep_libraries_apart: row.get(17)?,
    })
}

fn duplicate_name(name: &str) -> Error {
    Error::Invalid(format!(
        "There is already a program called \"{name}\" in this file; choose another name."
    ))
}

fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}

/// Creates a program.
pub fn create_program(store: &mut Store, input: &ProgramInput) -> Result<Program> {
    let id = store.write(|tx| insert_program(tx, input))?;
    get_program(store, id)
}

/// Inserts a program inside an open transaction and returns its id.
pub(crate) fn insert_program(tx: &rusqlite::Transaction<'_>, input: &ProgramInput) -> Result<i64> {
    write_details(
        tx,
        "INSERT INTO programs (name, organization, kickoff_date, kickoff_event, kickoff_place,
             relationship_months, cadence_months, contact_name, contact_email, survey_link, created_at, updated_at,
             shape, group_min, group_max, keep_libraries_apart)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?12, ?10, ?10, ?13, ?14, ?15, ?16)",
        input,
        None,
    )?;
    Ok(tx.last_insert_rowid())
}

/// Replaces a program's details.
pub fn update_program(store: &mut Store, id: i64, input: &ProgramInput) -> Result<Program> {
    change_program(store, id, |tx| {
        write_details(
            tx,
            "UPDATE programs SET name = ?1, organization = ?2, kickoff_date = ?3, kickoff_event = ?4,
                 kickoff_place = ?5, relationship_months = ?6, cadence_months = ?7,
                 contact_name = ?8, contact_email = ?9, updated_at = ?10, survey_link = ?12,
                 shape = ?13, group_min = ?14, group_max = ?15, keep_libraries_apart = ?16
             WHERE id = ?11",
            input,
            Some(id),
        )
    })
}

/// Runs one change of a program (`change` returns the rows it changed) and
/// returns the program as it is now; no row changed means no such program.
fn change_program(
    store: &mut Store,
    id: i64,
    change: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<usize>,
) -> Result<Program> {
    store.write(|tx| match change(tx)? {
        0 => Err(program_not_found(id)),
        _ => Ok(()),
    })?;
    get_program(store, id)
}

/// Runs `sql` with a program's checked details as ?1..?9, the time as ?10,
/// the program's id (or nothing) as ?11, the survey link as ?12 and the
/// shape with its group size as ?13..?15, whether circles keep libraries
/// apart as ?16. A name another program has is
/// refused in words.
fn write_details(
    tx: &rusqlite::Transaction<'_>,
    sql: &str,
    input: &ProgramInput,
    id: Option<i64>,
) -> Result<usize> {
    let checked = check(input)?;
    let kickoff_date = checked.kickoff_date.map(|d| d.to_string());
    let now = now_timestamp();
    let texts = [
        input.organization.trim(),
        input.kickoff_event.trim(),
        input.kickoff_place.trim(),
        input.contact_name.trim(),
        input.contact_email.trim(),
    ];
    let mut values: Vec<&dyn rusqlite::ToSql> = vec![
        &checked.name,
        &texts[0],
        &kickoff_date,
        &texts[1],
        &texts[2],
        &input.relationship_months,
        &input.cadence_months,
        &texts[3],
        &texts[4],
        &now,
    ];
    let link = input.survey_link.trim();
    let shape = input.shape.key();
    values.push(&id);
    values.push(&link);
    values.push(&shape);
    values.push(&input.group_min);
    values.push(&input.group_max);
    values.push(&input.keep_libraries_apart);
    tx.execute(sql, values.as_slice()).map_err(|e| {
        if is_unique_violation(&e) {
            duplicate_name(&checked.name)
        } else {
            e.into()
        }
    })
}

/// Archives (hides from the default list) or restores a program; nothing is deleted.
pub fn set_archived(store: &mut Store, id: i64, archived: bool) -> Result<Program> {
    let now = now_timestamp();
    change_program(store, id, |tx| {
        Ok(tx.execute(
            "UPDATE programs SET archived_at = CASE WHEN ?2 THEN coalesce(archived_at, ?3) END,
                 updated_at = ?3 WHERE id = ?1",
            params![id, archived, now],
        )?)
    })
}

fn program_not_found(id: i64) -> Error {
    Error::NotFound(format!(
        "Program {id} is not in this file (it may have been removed)."
    ))
}

/// One program by id.
pub fn get_program(store: &Store, id: i64) -> Result<Program> {
    store
        .conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM programs WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| program_not_found(id))
}

/// All programs, newest kickoff first; archived ones only when asked.
pub fn list_programs(store: &Store, include_archived: bool) -> Result<Vec<ProgramSummary>> {
    let mut stmt = store.conn().prepare(&format!(
        "SELECT {COLUMNS},
            (SELECT count(*) FROM people p WHERE p.program_id = programs.id AND p.role = 'mentor'),
            (SELECT count(*) FROM people p WHERE p.program_id = programs.id AND p.role = 'participant'),
            (SELECT count(*) FROM matches m WHERE m.program_id = programs.id AND m.status = 'confirmed')
              + (SELECT count(*) FROM match_group_members gm JOIN match_groups g ON g.id = gm.group_id
                 JOIN match_versions v ON v.id = g.version_id
                 WHERE g.program_id = programs.id AND g.mentor_id IS NULL AND v.status = 'confirmed')
         FROM programs
         WHERE ?1 OR archived_at IS NULL
         ORDER BY archived_at IS NOT NULL, coalesce(kickoff_date, created_at) DESC, name"
    ))?;
    let rows = stmt.query_map([include_archived], |row| {
        let program = from_row(row)?;
        let (mentors, participants): (i64, i64) = (row.get(18)?, row.get(19)?);
        Ok(ProgramSummary {
            needs_mentors: program.shape != Shape::Circles,
            words: program.shape.words(),
            people_text: program.shape.people_text(mentors, participants),
            shape_chip: (program.shape != Shape::OneToOne).then(|| {
                format!(
                    "{} of {}",
                    program.shape.label(),
                    group_size_text(program.group_min, program.group_max)
                )
            }),
            program,
            mentors,
            participants,
            matched: row.get(20)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The program a command means: the one named, or the only one in the file.
pub fn resolve_program(store: &Store, name: Option<&str>) -> Result<Program> {
    if let Some(name) = name {
        let found = store
            .conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM programs WHERE name = ?1 COLLATE NOCASE"),
                [name.trim()],
                from_row,
            )
            .optional()?;
        return found.ok_or_else(|| {
            let known = program_names(store).unwrap_or_default();
            Error::NotFound(if known.is_empty() {
                format!("There is no program called \"{name}\"; this file has no programs yet. Create one with `matchbook program create --name NAME`.")
            } else {
                format!(
                    "There is no program called \"{name}\". Programs in this file: {}.",
                    known.join(", ")
                )
            })
        });
    }
    let active = list_programs(store, false)?;
    match active.len() {
        1 => Ok(active.into_iter().next().map(|s| s.program).ok_or_else(|| program_not_found(0))?),
        0 => Err(Error::NotFound(
            "This file has no programs yet. Create one with `matchbook program create --name NAME`.".into(),
        )),
        _ => Err(Error::Invalid(format!(
            "This file holds several programs ({}); say which one with --program NAME.",
            active.iter().map(|s| s.program.name.as_str()).collect::<Vec<_>>().join(", ")
        ))),
    }
}

fn program_names(store: &Store) -> Result<Vec<String>> {
    let mut stmt = store
        .conn()
        .prepare("SELECT name FROM programs ORDER BY name")?;
    let names = stmt.query_map([], |r| r.get(0))?;
    Ok(names.collect::<rusqlite::Result<Vec<String>>>()?)
}

#[cfg(test)]
mod tests;

/// A program's saved setting (`program_settings`), as JSON text, if any.
pub(crate) fn setting(store: &Store, program_id: i64, key: &str) -> Result<Option<String>> {
    Ok(store
        .conn()
        .query_row(
            "SELECT value_json FROM program_settings WHERE program_id = ?1 AND key = ?2",
            params![program_id, key],
            |r| r.get(0),
        )
        .optional()?)
}

/// Saves a program's setting as JSON, in one transaction.
pub(crate) fn set_setting(
    store: &mut Store,
    program_id: i64,
    key: &str,
    value: &impl serde::Serialize,
) -> Result<()> {
    let json = serde_json::to_string(value)
        .map_err(|e| Error::Invalid(format!("The setting could not be saved: {e}")))?;
    store.write(|tx| {
        tx.execute(
            "INSERT INTO program_settings (program_id, key, value_json, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(program_id, key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at",
            params![program_id, key, json, crate::time::now_timestamp()],
        )?;
        Ok(())
    })
}

/// What the committee should know about a program's dates as it saves
/// them: a kickoff already past (pairs are counted from it, so pairs
/// confirmed now start months in), and check-ins that do not divide the
/// term (the last period is shorter). Each says what will happen.
pub fn date_warnings(program: &Program, today: NaiveDate) -> Vec<String> {
    let mut warnings = Vec::new();
    let term = program.relationship_months;
    if let Some(kickoff) = program.kickoff_date.filter(|k| *k < today) {
        let months = months_between(kickoff, today);
        let months_in = if months == 0 {
            "in their first month".to_string()
        } else if i64::from(months) >= i64::from(term) {
            format!("at the end of their {term} months")
        } else {
            format!("{months} of {term} months in")
        };
        warnings.push(format!(
            "The kickoff date, {}, is already past. Pairs are counted from it, so pairs confirmed today start {months_in}: they are expected at the check-ins still ahead (the current one when at least half of it is left), never at those already past. If the relationships start later, change the kickoff date.",
            crate::time::long_date(kickoff)
        ));
    }
    let cadence = program.cadence_months;
    if cadence > 0 && term > 0 && !term.is_multiple_of(cadence) {
        let last = term % cadence;
        warnings.push(format!(
            "Check-ins every {cadence} months do not divide the {term}-month term: the last period is {last} month{} long. Choose a number of months that divides {term} for even periods.",
            if last == 1 { "" } else { "s" }
        ));
    }
    warnings
}

/// Whole months from `from` to `to` (a month counts once its day is reached).
fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    use chrono::Datelike;
    let months = (to.year() - from.year()) * 12 + to.month() as i32
        - from.month() as i32
        - i32::from(to.day() < from.day());
    months.max(0) as u32
}
