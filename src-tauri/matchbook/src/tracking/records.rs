//! Writing a pair's record: meetings, goals and their progress. Each write
//! checks its dates against the pair and lands in one transaction. Deleting
//! marks the row deleted, so "Undo" brings it back exactly as it was. The
//! checks here serve `ending` and `risk` too.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::store::Store;
use crate::time::{current_user, local_date, long_date, now_timestamp};

/// A meeting as the committee logs it from what a pair reported.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MeetingInput {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `in_person`, `video`, `phone` or empty; "in-person" and "in person" work too.
    pub mode: String,
    pub minutes: Option<u32>,
    pub topics: String,
    pub notes: String,
}

/// A goal's text.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct GoalInput {
    pub title: String,
    pub description: String,
    pub area: String,
    /// `YYYY-MM-DD` or empty.
    pub target_date: String,
}

/// Progress on a goal: its new status and a dated note.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct GoalUpdateInput {
    /// `not_started`, `in_progress`, `achieved` or `dropped` (dashes and spaces work too).
    pub status: String,
    pub note: String,
    /// `YYYY-MM-DD`; today when empty.
    pub date: String,
}

pub(super) struct PairFacts {
    pub status: String,
    pub confirmed_on: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    pub participant: String,
}

pub(super) fn pair_facts(tx: &Transaction<'_>, match_id: i64) -> Result<PairFacts> {
    tx.query_row(
        "SELECT x.status, x.confirmed_at, x.ended_on, p.name FROM matches x
         JOIN people p ON p.id = x.participant_id
         WHERE x.id = ?1 AND x.status IN ('confirmed', 'ended', 'completed')",
        [match_id],
        |r| {
            Ok(PairFacts {
                status: r.get(0)?,
                confirmed_on: r
                    .get::<_, Option<String>>(1)?
                    .as_deref()
                    .and_then(local_date),
                ended_on: r
                    .get::<_, Option<String>>(2)?
                    .and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok()),
                participant: r.get(3)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound("That pair is not in this program file any more.".into()))
}

pub(super) fn parse_day(text: &str, what: &str) -> Result<NaiveDate> {
    crate::dates::read_date(text).map_err(|why| Error::Invalid(format!("The {what} date: {why}")))
}

/// Refuses a date in the future or before the pair was matched.
pub(super) fn check_date_in_pair(
    facts: &PairFacts,
    date: NaiveDate,
    today: NaiveDate,
    what: &str,
) -> Result<()> {
    if date > today {
        return Err(Error::Invalid(format!(
            "The {what} date {} is in the future. Log it once it has happened.",
            long_date(date)
        )));
    }
    if let Some(confirmed) = facts.confirmed_on {
        if date < confirmed {
            return Err(Error::Invalid(format!(
                "The {what} date {} is before {}'s match was confirmed ({}). Check the date.",
                long_date(date),
                facts.participant,
                long_date(confirmed)
            )));
        }
    }
    Ok(())
}

/// `In-Person `, `in_person` → `in person`: how a typed choice is compared.
fn plain_words(text: &str) -> String {
    let words = text.trim().to_lowercase().replace(['-', '_'], " ");
    words.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn parse_mode(text: &str) -> Result<&'static str> {
    match plain_words(text).as_str() {
        "" => Ok(""),
        "in person" | "inperson" | "face to face" => Ok("in_person"),
        "video" | "video call" | "zoom" | "online" => Ok("video"),
        "phone" | "phone call" | "telephone" => Ok("phone"),
        other => Err(Error::Invalid(format!(
            "\"{other}\" is not a meeting mode; use in-person, video or phone."
        ))),
    }
}

/// `in-progress`, `In progress`, `in_progress` → `in_progress`.
fn parse_goal_status(text: &str) -> Result<&'static str> {
    match plain_words(text).as_str() {
        "not started" => Ok("not_started"),
        "in progress" | "started" => Ok("in_progress"),
        "achieved" | "done" | "met" => Ok("achieved"),
        "dropped" => Ok("dropped"),
        other => Err(Error::Invalid(format!(
            "\"{other}\" is not a goal status; use not-started, in-progress, achieved or dropped."
        ))),
    }
}

struct CheckedMeeting {
    date: NaiveDate,
    mode: &'static str,
    minutes: Option<u32>,
    topics: String,
    notes: String,
}

fn check_meeting(
    facts: &PairFacts,
    input: &MeetingInput,
    today: NaiveDate,
) -> Result<CheckedMeeting> {
    let date = parse_day(&input.date, "meeting")?;
    check_date_in_pair(facts, date, today, "meeting")?;
    if let (Some(end), true) = (facts.ended_on, facts.status != "confirmed") {
        if date > end {
            return Err(Error::Invalid(format!(
                "This relationship ended on {}; a meeting on {} cannot belong to it.",
                long_date(end),
                long_date(date)
            )));
        }
    }
    if input.minutes.is_some_and(|m| m > 24 * 60) {
        return Err(Error::Invalid(
            "A meeting cannot last more than a day; give its length in minutes.".into(),
        ));
    }
    Ok(CheckedMeeting {
        date,
        mode: parse_mode(&input.mode)?,
        minutes: input.minutes,
        topics: input.topics.trim().to_string(),
        notes: input.notes.trim().to_string(),
    })
}

/// Logs a meeting of a pair; returns its id.
pub fn add_meeting(
    store: &mut Store,
    match_id: i64,
    input: &MeetingInput,
    today: NaiveDate,
) -> Result<i64> {
    store.write(|tx| {
        let facts = pair_facts(tx, match_id)?;
        let m = check_meeting(&facts, input, today)?;
        tx.execute(
            "INSERT INTO meetings (match_id, date, mode, minutes, topics, notes, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                match_id,
                m.date.to_string(),
                m.mode,
                m.minutes,
                m.topics,
                m.notes,
                now_timestamp()
            ],
        )?;
        Ok(tx.last_insert_rowid())
    })
}

/// The pair a meeting belongs to; with `pair` given, the meeting must be
/// that pair's (a stale screen must not change another pair's record).
fn meeting_match(tx: &Transaction<'_>, meeting_id: i64, pair: Option<i64>) -> Result<i64> {
    tx.query_row(
        "SELECT match_id FROM meetings WHERE id = ?1 AND (?2 IS NULL OR match_id = ?2)",
        params![meeting_id, pair],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound("That meeting is not in this program file any more.".into()))
}

/// Corrects a logged meeting (of pair `pair`, when given).
pub fn edit_meeting(
    store: &mut Store,
    meeting_id: i64,
    pair: Option<i64>,
    input: &MeetingInput,
    today: NaiveDate,
) -> Result<()> {
    store.write(|tx| {
        let facts = pair_facts(tx, meeting_match(tx, meeting_id, pair)?)?;
        refuse_if_ended(&facts, "changing its meetings")?;
        let m = check_meeting(&facts, input, today)?;
        tx.execute(
            "UPDATE meetings SET date = ?2, mode = ?3, minutes = ?4, topics = ?5, notes = ?6
             WHERE id = ?1 AND deleted_at IS NULL",
            params![
                meeting_id,
                m.date.to_string(),
                m.mode,
                m.minutes,
                m.topics,
                m.notes
            ],
        )?;
        Ok(())
    })
}

/// The parts of a pair's record that can be deleted and brought back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordKind {
    Meeting,
    Goal,
}

impl RecordKind {
    /// The word for one of them, as a sentence names it ("meeting").
    pub fn noun(self) -> &'static str {
        match self {
            RecordKind::Meeting => "meeting",
            RecordKind::Goal => "goal",
        }
    }
}

/// Deletes a meeting or a goal (a goal with its progress notes), or brings a
/// deleted one back (`deleted` false): deleting only marks it, so Undo works.
/// With `pair` given, the record must belong to that pair. A pair that has
/// ended keeps its record as it was.
pub fn set_record_deleted(
    store: &mut Store,
    kind: RecordKind,
    id: i64,
    pair: Option<i64>,
    deleted: bool,
) -> Result<()> {
    store.write(|tx| {
        let (match_id, table) = match kind {
            RecordKind::Meeting => (meeting_match(tx, id, pair)?, "meetings"),
            RecordKind::Goal => (goal_match(tx, id, pair, true)?, "goals"),
        };
        refuse_if_ended(&pair_facts(tx, match_id)?, &format!("changing its {table}"))?;
        tx.execute(
            &format!(
                "UPDATE {table} SET deleted_at = CASE WHEN ?2 THEN ?3 ELSE NULL END WHERE id = ?1"
            ),
            params![id, deleted, now_timestamp()],
        )?;
        Ok(())
    })
}

pub(super) fn refuse_if_ended(facts: &PairFacts, doing: &str) -> Result<()> {
    match facts.status.as_str() {
        "confirmed" => Ok(()),
        "completed" => Err(Error::Invalid(format!(
            "{}'s relationship is completed, so {doing} is closed. Its record stays as it was.",
            facts.participant
        ))),
        _ => Err(Error::Invalid(format!(
            "{}'s relationship has ended, so {doing} is closed. Its record stays as it was.",
            facts.participant
        ))),
    }
}

struct CheckedGoal {
    title: String,
    description: String,
    area: String,
    target: Option<String>,
}

fn check_goal(input: &GoalInput) -> Result<CheckedGoal> {
    let title = input.title.trim();
    if title.is_empty() {
        return Err(Error::Invalid(
            "A goal needs a title, for example \"Lead a branch project\".".into(),
        ));
    }
    let target = match input.target_date.trim() {
        "" => None,
        text => Some(parse_day(text, "goal's target")?.to_string()),
    };
    Ok(CheckedGoal {
        title: title.to_string(),
        description: input.description.trim().to_string(),
        area: input.area.trim().to_string(),
        target,
    })
}

/// Adds a goal to a running pair; returns its id.
pub fn add_goal(store: &mut Store, match_id: i64, input: &GoalInput) -> Result<i64> {
    let goal = check_goal(input)?;
    store.write(|tx| {
        let facts = pair_facts(tx, match_id)?;
        refuse_if_ended(&facts, "adding goals")?;
        let now = now_timestamp();
        tx.execute(
            "INSERT INTO goals (match_id, title, description, area, target_date, status, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 'not_started', ?6, ?6)",
            params![match_id, goal.title, goal.description, goal.area, goal.target, now],
        )?;
        Ok(tx.last_insert_rowid())
    })
}

/// The pair a goal belongs to (see [`meeting_match`]); deleted goals only
/// when `deleted_too` (to restore them).
fn goal_match(
    tx: &Transaction<'_>,
    goal_id: i64,
    pair: Option<i64>,
    deleted_too: bool,
) -> Result<i64> {
    tx.query_row(
        "SELECT match_id FROM goals
         WHERE id = ?1 AND (?2 IS NULL OR match_id = ?2) AND (?3 OR deleted_at IS NULL)",
        params![goal_id, pair, deleted_too],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| {
        Error::NotFound(format!(
            "There is no goal {goal_id} in this program file. `matchbook report --json` and the pair's page list the goals."
        ))
    })
}

/// Corrects a goal's title, description, area or target date.
pub fn edit_goal(
    store: &mut Store,
    goal_id: i64,
    pair: Option<i64>,
    input: &GoalInput,
) -> Result<()> {
    let goal = check_goal(input)?;
    store.write(|tx| {
        let facts = pair_facts(tx, goal_match(tx, goal_id, pair, false)?)?;
        refuse_if_ended(&facts, "changing goals")?;
        tx.execute(
            "UPDATE goals SET title = ?2, description = ?3, area = ?4, target_date = ?5, updated_at = ?6 WHERE id = ?1",
            params![goal_id, goal.title, goal.description, goal.area, goal.target, now_timestamp()],
        )?;
        Ok(())
    })
}

/// Records progress on a goal: a dated note and its new status.
pub fn update_goal(
    store: &mut Store,
    goal_id: i64,
    pair: Option<i64>,
    input: &GoalUpdateInput,
    today: NaiveDate,
) -> Result<i64> {
    let status = parse_goal_status(&input.status)?;
    let date = match input.date.trim() {
        "" => today,
        text => parse_day(text, "goal update")?,
    };
    store.write(|tx| {
        let facts = pair_facts(tx, goal_match(tx, goal_id, pair, false)?)?;
        refuse_if_ended(&facts, "updating goals")?;
        check_date_in_pair(&facts, date, today, "goal update")?;
        let now = now_timestamp();
        tx.execute(
            "INSERT INTO goal_updates (goal_id, date, status, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![goal_id, date.to_string(), status, input.note.trim(), now],
        )?;
        let update_id = tx.last_insert_rowid();
        // The goal's status is its newest update's (a late-entered older note does not win).
        tx.execute(
            "UPDATE goals SET updated_at = ?2, status = (SELECT status FROM goal_updates
               WHERE goal_id = ?1 ORDER BY date DESC, id DESC LIMIT 1) WHERE id = ?1",
            params![goal_id, now],
        )?;
        Ok(update_id)
    })
}

pub(super) fn record_event(
    tx: &Transaction<'_>,
    match_id: i64,
    action: &str,
    detail: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO match_events (match_id, at, actor, action, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![match_id, now_timestamp(), current_user(), action, detail],
    )?;
    Ok(())
}
