//! Tracking: the 18 months after matching. Which pairs are on track, which
//! have gone quiet; their goals, meetings, check-ins, reminders and reports.
//!
//! A pair is a match the committee confirmed (status confirmed, ended or
//! completed). Its check-in periods come from the program's kickoff date and
//! cadence ([`cadence::Term`]); a pair confirmed after the kickoff (a
//! re-match) is expected to meet from the first period that starts after it
//! was confirmed. Every read takes an "as of" date, so reports can look back
//! and tests can stand anywhere in the term.

pub mod cadence;
pub mod calendar;
mod records;
mod report;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::people::{list_people, Person, Role};
use crate::programs::{get_program, Program};
use crate::store::Store;
use crate::time::local_date;

pub use cadence::{Period, Term};
pub use records::{
    add_goal, add_meeting, complete_pairs, delete_goal, delete_meeting, edit_goal, edit_meeting,
    end_pair, restore_goal, restore_meeting, update_goal, GoalInput, GoalUpdateInput, MeetingInput,
};
pub use report::{reminder, report, report_csv, report_pdf, Reminder, Report};

/// A check-in is "due soon" this many days before its date.
pub const DUE_SOON_DAYS: i64 = 30;

/// Where a pair stands, as the dashboard shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PairState {
    OnTrack,
    DueSoon,
    Overdue,
    Ended,
}

impl PairState {
    pub fn as_str(self) -> &'static str {
        match self {
            PairState::OnTrack => "on_track",
            PairState::DueSoon => "due_soon",
            PairState::Overdue => "overdue",
            PairState::Ended => "ended",
        }
    }

    /// Every state, most urgent first: the dashboard's filter buttons.
    pub const ALL: [PairState; 4] = [
        PairState::Overdue,
        PairState::DueSoon,
        PairState::OnTrack,
        PairState::Ended,
    ];

    /// The committee's word for the state: the one copy the report, the
    /// CSV and the interface show.
    pub fn label(self) -> &'static str {
        match self {
            PairState::OnTrack => "On track",
            PairState::DueSoon => "Due soon",
            PairState::Overdue => "Overdue",
            PairState::Ended => "Ended",
        }
    }

    /// How the interface marks the state: `ok`, `warn`, `bad` or `neutral`.
    pub fn kind(self) -> &'static str {
        match self {
            PairState::OnTrack => "ok",
            PairState::DueSoon => "warn",
            PairState::Overdue => "bad",
            PairState::Ended => "neutral",
        }
    }

    /// Overdue or due soon: the committee should chase the pair now.
    pub fn needs_check_in(self) -> bool {
        matches!(self, PairState::Overdue | PairState::DueSoon)
    }

    /// Overdue first on the dashboard, ended last.
    fn urgency(self) -> u8 {
        match self {
            PairState::Overdue => 0,
            PairState::DueSoon => 1,
            PairState::OnTrack => 2,
            PairState::Ended => 3,
        }
    }
}

/// The words for a check-in's state (`met`, `missed`, `due`, …), as shown.
pub fn checkin_state_label(state: &str) -> &'static str {
    match state {
        "met" => "met",
        "missed" => "missed",
        "due" => "due now",
        "upcoming" => "upcoming",
        _ => "not expected",
    }
}

/// What can be done with a pair, besides a reminder and its calendar:
/// `log_meeting`, `edit_records` (goals and meetings), `end_early` and
/// `complete` (term over) while it runs; `rematch` once it ended early.
pub fn pair_actions(outcome: &str, term_over: bool) -> Vec<&'static str> {
    match outcome {
        "active" if term_over => vec!["log_meeting", "edit_records", "end_early", "complete"],
        "active" => vec!["log_meeting", "edit_records", "end_early"],
        "ended_early" => vec!["rematch"],
        _ => Vec::new(),
    }
}

/// The words for a pair's outcome (`active`, `ended_early`, `completed`).
pub fn outcome_label(outcome: &str) -> &'static str {
    match outcome {
        "ended_early" => "Ended early",
        "completed" => "Completed",
        _ => "Running",
    }
}

/// A value the interface offers in a list, with its label.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Choice {
    pub value: &'static str,
    pub label: &'static str,
}

/// Goal statuses, in the order a goal moves through them.
pub const GOAL_STATUSES: [Choice; 4] = [
    Choice {
        value: "not_started",
        label: "Not started",
    },
    Choice {
        value: "in_progress",
        label: "In progress",
    },
    Choice {
        value: "achieved",
        label: "Achieved",
    },
    Choice {
        value: "dropped",
        label: "Dropped",
    },
];

/// How a pair met (empty: not recorded).
pub const MEETING_MODES: [Choice; 4] = [
    Choice {
        value: "",
        label: "Not recorded",
    },
    Choice {
        value: "in_person",
        label: "In person",
    },
    Choice {
        value: "video",
        label: "Video call",
    },
    Choice {
        value: "phone",
        label: "Phone call",
    },
];

/// The status a progress note most likely records: a goal not started is
/// now in progress; any other keeps its status.
pub fn suggested_goal_status(status: &str) -> &'static str {
    match status {
        "not_started" | "in_progress" => "in_progress",
        other => GOAL_STATUSES
            .iter()
            .find(|c| c.value == other)
            .map_or("in_progress", |c| c.value),
    }
}

/// The label of `value` in `choices`, or the first choice's when unknown.
pub fn choice_label(choices: &[Choice], value: &str) -> &'static str {
    choices
        .iter()
        .find(|c| c.value == value)
        .or(choices.first())
        .map_or("", |c| c.label)
}

/// One expected check-in of a pair.
#[derive(Debug, Clone, Serialize)]
pub struct CheckIn {
    pub number: u32,
    pub label: String,
    pub starts: NaiveDate,
    pub due: NaiveDate,
    pub meetings: u32,
    /// The pair was expected to meet in this period (it had begun and not ended).
    pub expected: bool,
    /// `met`, `missed`, `due` (the current period, no meeting yet),
    /// `upcoming`, or `not_expected` (before the pair began or after it ended).
    pub state: &'static str,
    /// [`checkin_state_label`].
    pub state_label: &'static str,
}

/// A pair as the dashboard and `report --json` show it.
#[derive(Debug, Clone, Serialize)]
pub struct PairStatus {
    pub match_id: i64,
    pub participant_id: i64,
    pub participant: String,
    pub participant_email: Option<String>,
    pub participant_library: String,
    pub mentor_id: i64,
    pub mentor: String,
    pub mentor_email: Option<String>,
    pub mentor_library: String,
    pub confirmed_on: Option<NaiveDate>,
    pub starts: NaiveDate,
    pub ends: NaiveDate,
    pub months_elapsed: u32,
    pub months_total: u32,
    pub meetings: u32,
    pub last_meeting: Option<NaiveDate>,
    pub next_due: Option<NaiveDate>,
    /// The missed check-in's date when the pair is overdue.
    pub overdue_since: Option<NaiveDate>,
    pub status: PairState,
    /// [`PairState::label`] and [`PairState::kind`].
    pub status_label: &'static str,
    pub status_kind: &'static str,
    /// [`PairState::needs_check_in`].
    pub needs_check_in: bool,
    /// `active`, `ended_early` or `completed`.
    pub outcome: &'static str,
    /// [`outcome_label`].
    pub outcome_label: &'static str,
    /// The outcome is `active`: the pair meets and its records change.
    pub running: bool,
    /// [`pair_actions`].
    pub actions: Vec<&'static str>,
    /// Its first check-in period has begun, or it has met.
    pub started: bool,
    pub ended_on: Option<NaiveDate>,
    pub end_reason: String,
    /// The term is over but the pair has not been marked completed yet.
    pub term_over: bool,
    pub goals_total: u32,
    pub goals_achieved: u32,
    pub checkins: Vec<CheckIn>,
}

/// Program totals at the top of the dashboard.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub pairs: u32,
    pub active: u32,
    pub on_track: u32,
    pub due_soon: u32,
    pub overdue: u32,
    pub ended_early: u32,
    pub completed: u32,
    pub meetings: u32,
    pub goals_total: u32,
    pub goals_achieved: u32,
}

/// The dashboard of a program.
#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub program_id: i64,
    pub program: String,
    pub as_of: NaiveDate,
    pub kickoff_date: Option<NaiveDate>,
    pub relationship_months: u32,
    pub cadence_months: u32,
    /// [`DUE_SOON_DAYS`].
    pub due_soon_days: i64,
    pub totals: Totals,
    /// Each state with its label and number of pairs, most urgent first.
    pub statuses: Vec<StateCount>,
    /// [`MEETING_MODES`], for logging a meeting from the dashboard.
    pub meeting_modes: Vec<Choice>,
    pub pairs: Vec<PairStatus>,
}

/// A state and how many pairs are in it.
#[derive(Debug, Clone, Serialize)]
pub struct StateCount {
    pub status: PairState,
    pub label: &'static str,
    pub count: u32,
}

/// A match row, as tracking needs it.
struct PairRow {
    match_id: i64,
    participant_id: i64,
    mentor_id: i64,
    status: String,
    confirmed_on: Option<NaiveDate>,
    ended_on: Option<NaiveDate>,
    end_reason: String,
}

fn parse_date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
}

fn pair_rows(store: &Store, program_id: i64, match_id: Option<i64>) -> Result<Vec<PairRow>> {
    let mut stmt = store.conn().prepare(
        "SELECT id, participant_id, mentor_id, status, confirmed_at, ended_on, end_reason FROM matches
         WHERE program_id = ?1 AND status IN ('confirmed', 'ended', 'completed')
           AND (?2 IS NULL OR id = ?2)
         ORDER BY id",
    )?;
    let rows = stmt.query_map(rusqlite::params![program_id, match_id], |r| {
        Ok(PairRow {
            match_id: r.get(0)?,
            participant_id: r.get(1)?,
            mentor_id: r.get(2)?,
            status: r.get(3)?,
            confirmed_on: r
                .get::<_, Option<String>>(4)?
                .as_deref()
                .and_then(local_date),
            ended_on: parse_date(r.get(5)?),
            end_reason: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The term a pair runs on: the program's, from its kickoff date, or, when
/// the program has no kickoff date, the pair's own from its confirmation.
fn term_for(program: &Program, confirmed_on: Option<NaiveDate>, as_of: NaiveDate) -> Term {
    let starts = program.kickoff_date.or(confirmed_on).unwrap_or(as_of);
    Term::new(starts, program.relationship_months, program.cadence_months)
}

/// Everything the status of one pair depends on.
struct PairFacts<'a> {
    row: &'a PairRow,
    meeting_dates: &'a [NaiveDate],
    goals: (u32, u32),
}

fn pair_status(
    program: &Program,
    people: &HashMap<i64, Person>,
    facts: PairFacts<'_>,
    as_of: NaiveDate,
) -> PairStatus {
    let row = facts.row;
    let term = term_for(program, row.confirmed_on, as_of);
    let begins = row.confirmed_on.unwrap_or(term.starts).max(term.starts);
    // A pair that ended after the "as of" day was still running on it.
    let ended = match row.status.as_str() {
        "ended" | "completed" => Some(row.ended_on.unwrap_or(as_of)).filter(|end| *end <= as_of),
        _ => None,
    };
    let expected = |p: &Period| p.starts >= begins && ended.is_none_or(|end| p.due <= end);
    let meetings_in = |p: &Period| {
        facts
            .meeting_dates
            .iter()
            .filter(|d| p.contains(**d))
            .count() as u32
    };

    let checkins: Vec<CheckIn> = term
        .periods
        .iter()
        .map(|p| {
            let meetings = meetings_in(p);
            let state = if meetings > 0 {
                "met"
            } else if !expected(p) {
                "not_expected"
            } else if p.due < as_of {
                "missed"
            } else if p.contains(as_of) {
                "due"
            } else {
                "upcoming"
            };
            CheckIn {
                number: p.number,
                label: p.label(program.cadence_months),
                starts: p.starts,
                due: p.due,
                meetings,
                expected: expected(p),
                state,
                state_label: checkin_state_label(state),
            }
        })
        .collect();

    let is_met = |p: &Period| meetings_in(p) > 0;
    let next_expected_after = |date: NaiveDate| {
        term.periods
            .iter()
            .find(|p| p.due > date && expected(p))
            .map(|p| p.due)
    };
    let last_expected_before = |date: NaiveDate| {
        term.periods
            .iter()
            .rev()
            .find(|p| p.due < date && expected(p))
    };

    let mut overdue_since = None;
    let mut next_due = None;
    let term_over = ended.is_none() && as_of > term.ends;
    let status = if ended.is_some() {
        PairState::Ended
    } else if term_over {
        match last_expected_before(as_of) {
            Some(last) if !is_met(last) => {
                overdue_since = Some(last.due);
                PairState::Overdue
            }
            _ => PairState::OnTrack,
        }
    } else {
        match term.period_of(as_of) {
            None => {
                next_due = next_expected_after(as_of);
                PairState::OnTrack
            }
            Some(current) if is_met(current) => {
                next_due = next_expected_after(current.due);
                PairState::OnTrack
            }
            Some(current) => {
                let missed = last_expected_before(current.starts).filter(|p| !is_met(p));
                if expected(current) {
                    next_due = Some(current.due);
                } else {
                    next_due = next_expected_after(current.due);
                }
                if let Some(missed) = missed {
                    overdue_since = Some(missed.due);
                    PairState::Overdue
                } else if expected(current) && (current.due - as_of).num_days() <= DUE_SOON_DAYS {
                    PairState::DueSoon
                } else {
                    PairState::OnTrack
                }
            }
        }
    };

    let person = |id: i64| people.get(&id);
    let name = |id: i64| {
        person(id)
            .map(|p| p.application.name.clone())
            .unwrap_or_default()
    };
    let email = |id: i64| person(id).and_then(|p| p.application.email.clone());
    let library = |id: i64| {
        person(id)
            .map(|p| p.application.library.clone())
            .unwrap_or_default()
    };
    let months_until = ended.unwrap_or(as_of);
    let outcome = match (row.status.as_str(), ended) {
        ("ended", Some(_)) => "ended_early",
        ("completed", Some(_)) => "completed",
        _ => "active",
    };
    let started = !facts.meeting_dates.is_empty()
        || checkins
            .iter()
            .any(|c| !matches!(c.state, "upcoming" | "not_expected"));
    PairStatus {
        match_id: row.match_id,
        participant_id: row.participant_id,
        participant: name(row.participant_id),
        participant_email: email(row.participant_id),
        participant_library: library(row.participant_id),
        mentor_id: row.mentor_id,
        mentor: name(row.mentor_id),
        mentor_email: email(row.mentor_id),
        mentor_library: library(row.mentor_id),
        confirmed_on: row.confirmed_on,
        starts: term.starts,
        ends: term.ends,
        months_elapsed: term.months_elapsed(months_until, program.relationship_months),
        months_total: program.relationship_months,
        meetings: facts.meeting_dates.len() as u32,
        last_meeting: facts.meeting_dates.iter().max().copied(),
        next_due,
        overdue_since,
        status,
        status_label: status.label(),
        status_kind: status.kind(),
        needs_check_in: status.needs_check_in(),
        outcome,
        outcome_label: outcome_label(outcome),
        running: outcome == "active",
        actions: pair_actions(outcome, term_over),
        started,
        ended_on: ended.and(row.ended_on),
        end_reason: if ended.is_some() {
            row.end_reason.clone()
        } else {
            String::new()
        },
        term_over,
        goals_total: facts.goals.0,
        goals_achieved: facts.goals.1,
        checkins,
    }
}

/// Meeting dates per match up to `as_of` (deleted meetings left out), oldest first.
fn meeting_dates(
    store: &Store,
    program_id: i64,
    match_id: Option<i64>,
    as_of: NaiveDate,
) -> Result<HashMap<i64, Vec<NaiveDate>>> {
    let mut stmt = store.conn().prepare(
        "SELECT g.match_id, g.date FROM meetings g JOIN matches x ON x.id = g.match_id
         WHERE x.program_id = ?1 AND (?2 IS NULL OR x.id = ?2) AND g.deleted_at IS NULL
           AND g.date <= ?3
         ORDER BY g.date",
    )?;
    let mut out: HashMap<i64, Vec<NaiveDate>> = HashMap::new();
    let rows = stmt.query_map(
        rusqlite::params![program_id, match_id, as_of.to_string()],
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
    )?;
    for row in rows {
        let (id, date) = row?;
        if let Ok(date) = NaiveDate::parse_from_str(&date, "%Y-%m-%d") {
            out.entry(id).or_default().push(date);
        }
    }
    Ok(out)
}

/// SQL for the status of goal `g` on the day bound to `parameter`: its
/// newest progress note up to then.
fn goal_status_as_of(parameter: &str) -> String {
    format!(
        "coalesce((SELECT u.status FROM goal_updates u WHERE u.goal_id = g.id AND u.date <= {parameter}
           ORDER BY u.date DESC, u.id DESC LIMIT 1), 'not_started')"
    )
}

/// (goals, achieved by `as_of`) per match, deleted goals left out.
fn goal_counts(
    store: &Store,
    program_id: i64,
    match_id: Option<i64>,
    as_of: NaiveDate,
) -> Result<HashMap<i64, (u32, u32)>> {
    let mut stmt = store.conn().prepare(&format!(
        "SELECT g.match_id, count(*), sum({} = 'achieved') FROM goals g
         JOIN matches x ON x.id = g.match_id
         WHERE x.program_id = ?1 AND (?2 IS NULL OR x.id = ?2) AND g.deleted_at IS NULL
           AND substr(g.created_at, 1, 10) <= ?3
         GROUP BY g.match_id",
        goal_status_as_of("?3")
    ))?;
    let rows = stmt.query_map(
        rusqlite::params![program_id, match_id, as_of.to_string()],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                (r.get::<_, u32>(1)?, r.get::<_, u32>(2)?),
            ))
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn people_by_id(store: &Store, program_id: i64) -> Result<HashMap<i64, Person>> {
    Ok(list_people(store, program_id, None)?
        .into_iter()
        .map(|p| (p.id, p))
        .collect())
}

fn statuses(
    store: &Store,
    program: &Program,
    match_id: Option<i64>,
    as_of: NaiveDate,
) -> Result<Vec<PairStatus>> {
    let rows = pair_rows(store, program.id, match_id)?;
    let people = people_by_id(store, program.id)?;
    let meetings = meeting_dates(store, program.id, match_id, as_of)?;
    let goals = goal_counts(store, program.id, match_id, as_of)?;
    Ok(rows
        .iter()
        // A pair confirmed after the "as of" day did not exist yet (a pair's
        // own page still opens whatever the day).
        .filter(|row| match_id.is_some() || row.confirmed_on.is_none_or(|d| d <= as_of))
        .map(|row| {
            let facts = PairFacts {
                row,
                meeting_dates: meetings.get(&row.match_id).map_or(&[], Vec::as_slice),
                goals: goals.get(&row.match_id).copied().unwrap_or((0, 0)),
            };
            pair_status(program, &people, facts, as_of)
        })
        .collect())
}

/// The dashboard of a program as of a date: every confirmed pair (running,
/// ended or completed), overdue first, with the program's totals.
pub fn dashboard(store: &Store, program_id: i64, as_of: NaiveDate) -> Result<Dashboard> {
    let program = get_program(store, program_id)?;
    let mut pairs = statuses(store, &program, None, as_of)?;
    pairs.sort_by(|a, b| {
        (
            a.status.urgency(),
            a.overdue_since.or(a.next_due),
            a.participant.to_lowercase(),
        )
            .cmp(&(
                b.status.urgency(),
                b.overdue_since.or(b.next_due),
                b.participant.to_lowercase(),
            ))
    });
    let mut totals = Totals::default();
    for pair in &pairs {
        totals.pairs += 1;
        match pair.outcome {
            "ended_early" => totals.ended_early += 1,
            "completed" => totals.completed += 1,
            _ => totals.active += 1,
        }
        match pair.status {
            PairState::OnTrack => totals.on_track += 1,
            PairState::DueSoon => totals.due_soon += 1,
            PairState::Overdue => totals.overdue += 1,
            PairState::Ended => {}
        }
        totals.meetings += pair.meetings;
        totals.goals_total += pair.goals_total;
        totals.goals_achieved += pair.goals_achieved;
    }
    Ok(Dashboard {
        program_id,
        program: program.name,
        as_of,
        kickoff_date: program.kickoff_date,
        relationship_months: program.relationship_months,
        cadence_months: program.cadence_months,
        due_soon_days: DUE_SOON_DAYS,
        statuses: PairState::ALL
            .into_iter()
            .map(|status| StateCount {
                status,
                label: status.label(),
                count: pairs.iter().filter(|p| p.status == status).count() as u32,
            })
            .collect(),
        meeting_modes: MEETING_MODES.to_vec(),
        totals,
        pairs,
    })
}

/// A goal with its progress notes.
#[derive(Debug, Clone, Serialize)]
pub struct Goal {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub area: String,
    pub target_date: Option<NaiveDate>,
    pub status: String,
    /// The status's label from [`GOAL_STATUSES`].
    pub status_label: &'static str,
    /// [`suggested_goal_status`], what the progress form offers first.
    pub update_status: &'static str,
    pub created_at: String,
    pub updates: Vec<GoalUpdate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoalUpdate {
    pub id: i64,
    pub date: String,
    pub status: String,
    /// The status's label from [`GOAL_STATUSES`].
    pub status_label: &'static str,
    pub note: String,
}

/// A meeting the pair reported.
#[derive(Debug, Clone, Serialize)]
pub struct Meeting {
    pub id: i64,
    pub date: String,
    pub mode: String,
    /// The mode's label from [`MEETING_MODES`].
    pub mode_label: &'static str,
    pub minutes: Option<u32>,
    pub topics: String,
    pub notes: String,
}

/// One line of a pair's history, newest first.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    pub date: String,
    /// `meeting`, `goal`, `goal_update` or `match`.
    pub kind: &'static str,
    pub title: String,
    pub detail: String,
}

/// Everything on a pair's page.
#[derive(Debug, Clone, Serialize)]
pub struct PairDetail {
    pub as_of: NaiveDate,
    pub pair: PairStatus,
    pub participant: Person,
    pub mentor: Person,
    pub goals: Vec<Goal>,
    pub meetings: Vec<Meeting>,
    pub timeline: Vec<TimelineEntry>,
    /// The participant's areas, offered when a goal is added.
    pub areas: Vec<String>,
    /// [`GOAL_STATUSES`] and [`MEETING_MODES`], for the forms.
    pub goal_statuses: Vec<Choice>,
    pub meeting_modes: Vec<Choice>,
}

/// The program a match belongs to, or a clear refusal.
fn match_program(store: &Store, match_id: i64) -> Result<i64> {
    store
        .conn()
        .query_row(
            "SELECT program_id FROM matches WHERE id = ?1 AND status IN ('confirmed', 'ended', 'completed')",
            [match_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| {
            Error::NotFound("That pair is not in this program file any more.".into())
        })
}

/// One pair's page as of a date.
pub fn pair_detail(store: &Store, match_id: i64, as_of: NaiveDate) -> Result<PairDetail> {
    let program = get_program(store, match_program(store, match_id)?)?;
    let pair = statuses(store, &program, Some(match_id), as_of)?
        .pop()
        .ok_or_else(|| Error::NotFound("That pair is not in this program file any more.".into()))?;
    let participant = crate::people::get_person(store, pair.participant_id)?;
    let mentor = crate::people::get_person(store, pair.mentor_id)?;
    let conn = store.conn();

    let mut updates: HashMap<i64, Vec<GoalUpdate>> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT u.id, u.goal_id, u.date, u.status, u.note FROM goal_updates u
             JOIN goals g ON g.id = u.goal_id WHERE g.match_id = ?1 ORDER BY u.date, u.id",
        )?;
        let rows = stmt.query_map([match_id], |r| {
            let status: String = r.get(3)?;
            Ok((
                r.get::<_, i64>(1)?,
                GoalUpdate {
                    id: r.get(0)?,
                    date: r.get(2)?,
                    status_label: choice_label(&GOAL_STATUSES, &status),
                    status,
                    note: r.get(4)?,
                },
            ))
        })?;
        for row in rows {
            let (goal, update) = row?;
            updates.entry(goal).or_default().push(update);
        }
    }
    let goals: Vec<Goal> = {
        let mut stmt = conn.prepare(
            "SELECT id, title, description, area, target_date, status, created_at FROM goals
             WHERE match_id = ?1 AND deleted_at IS NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([match_id], |r| {
            let id: i64 = r.get(0)?;
            let status: String = r.get(5)?;
            Ok(Goal {
                id,
                title: r.get(1)?,
                description: r.get(2)?,
                area: r.get(3)?,
                target_date: parse_date(r.get(4)?),
                status_label: choice_label(&GOAL_STATUSES, &status),
                update_status: suggested_goal_status(&status),
                status,
                created_at: r.get(6)?,
                updates: Vec::new(),
            })
        })?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .map(|mut g| {
                g.updates = updates.remove(&g.id).unwrap_or_default();
                g
            })
            .collect()
    };
    let meetings: Vec<Meeting> = {
        let mut stmt = conn.prepare(
            "SELECT id, date, mode, minutes, topics, notes FROM meetings
             WHERE match_id = ?1 AND deleted_at IS NULL ORDER BY date DESC, id DESC",
        )?;
        let rows = stmt.query_map([match_id], |r| {
            let mode: String = r.get(2)?;
            Ok(Meeting {
                id: r.get(0)?,
                date: r.get(1)?,
                mode_label: choice_label(&MEETING_MODES, &mode),
                mode,
                minutes: r.get(3)?,
                topics: r.get(4)?,
                notes: r.get(5)?,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };

    let mut timeline = Vec::new();
    for m in &meetings {
        let mode = if m.mode.is_empty() {
            "Meeting"
        } else {
            m.mode_label
        };
        let minutes = m.minutes.map(|n| format!(", {n} min")).unwrap_or_default();
        timeline.push(TimelineEntry {
            date: m.date.clone(),
            kind: "meeting",
            title: format!("{mode}{minutes}"),
            detail: [m.topics.as_str(), m.notes.as_str()]
                .iter()
                .filter(|t| !t.trim().is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" — "),
        });
    }
    for g in &goals {
        timeline.push(TimelineEntry {
            date: local_date(&g.created_at)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            kind: "goal",
            title: format!("Goal set: {}", g.title),
            detail: g.description.clone(),
        });
        for u in &g.updates {
            timeline.push(TimelineEntry {
                date: u.date.clone(),
                kind: "goal_update",
                title: format!("{}: {}", g.title, status_words(&u.status)),
                detail: u.note.clone(),
            });
        }
    }
    {
        let mut stmt = conn.prepare(
            "SELECT at, action, detail FROM match_events WHERE match_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([match_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (at, action, detail) = row?;
            let title = match action.as_str() {
                "confirmed" => "Match confirmed".to_string(),
                "ended" => "Relationship ended early".to_string(),
                "completed" => "Program completed".to_string(),
                other => other.replace('_', " "),
            };
            timeline.push(TimelineEntry {
                date: local_date(&at).map(|d| d.to_string()).unwrap_or(at),
                kind: "match",
                title,
                detail,
            });
        }
    }
    timeline.sort_by(|a, b| b.date.cmp(&a.date));
    let areas = participant.application.lists.areas.clone();
    Ok(PairDetail {
        as_of,
        pair,
        participant,
        mentor,
        goals,
        meetings,
        timeline,
        areas,
        goal_statuses: GOAL_STATUSES.to_vec(),
        meeting_modes: MEETING_MODES.to_vec(),
    })
}

/// "in_progress" → "in progress", for sentences.
pub fn status_words(status: &str) -> &'static str {
    match status {
        "not_started" => "not started",
        "in_progress" => "in progress",
        "achieved" => "achieved",
        "dropped" => "dropped",
        _ => "updated",
    }
}

/// The pair of a participant, by email or name: the running match, else
/// the most recent ended or completed one.
pub fn pair_of_participant(store: &Store, program_id: i64, who: &str) -> Result<i64> {
    let person = crate::matching::find_person(store, program_id, Role::Participant, who)?;
    store
        .conn()
        .query_row(
            "SELECT id FROM matches WHERE participant_id = ?1 AND status IN ('confirmed', 'ended', 'completed')
             ORDER BY status = 'confirmed' DESC, id DESC LIMIT 1",
            [person.id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| {
            Error::Invalid(format!(
                "{} has no confirmed mentor yet. Confirm the matches first (Matching, or `matchbook match confirm`).",
                person.application.name
            ))
        })
}
