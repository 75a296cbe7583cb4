//! Where each pair stands as of a date: its check-ins met, missed or due,
//! and whether it is on track, due soon, overdue or past its term.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{
    checkin_state_label, outcome_label, pair_actions, CheckIn, PairState, PairStatus, DUE_SOON_DAYS,
};
use crate::error::Result;
use crate::people::{list_people, Person};
use crate::programs::Program;
use crate::store::Store;
use crate::surveys::{self, pulse::assess, pulse::reported_meetings, pulse::Response};
use crate::term::{Period, Term};
use crate::time::local_date;

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

pub(super) fn parse_date(text: Option<String>) -> Option<NaiveDate> {
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

/// Everything the status of one pair depends on.
struct PairFacts<'a> {
    row: &'a PairRow,
    meeting_dates: &'a [NaiveDate],
    goals: (u32, u32),
    /// Its check-in responses (the newest per person and period).
    responses: &'a [Response],
    /// The program collects check-ins.
    collects: bool,
    /// The committee's latest handling of its risk.
    handled: Option<&'a super::RiskHandled>,
}

/// A pair's term seen from the "as of" day: which periods it was expected
/// to meet in, and in which it did.
struct PairTerm<'a> {
    term: Term,
    /// The first day the pair was expected to meet.
    begins: NaiveDate,
    /// The day it ended, when that is on or before the "as of" day.
    ended: Option<NaiveDate>,
    /// Ended by completion at the term's end, not early.
    completed: bool,
    meeting_dates: &'a [NaiveDate],
    /// Meetings the pair reported per period (check-in responses).
    reported: HashMap<u32, u32>,
}

/// Where a pair stands, and the dates that say why.
struct Standing {
    status: PairState,
    next_due: Option<NaiveDate>,
    overdue_since: Option<NaiveDate>,
    term_over: bool,
}

impl PairTerm<'_> {
    fn expected(&self, p: &Period) -> bool {
        self.joined_in_time(p) && self.ended.is_none_or(|end| p.due <= end)
    }

    /// A period counts for a pair that existed for at least half of it: a
    /// pair confirmed two weeks after the kickoff still meets by the first
    /// check-in (as its letters say), one confirmed a week before a check-in
    /// is not overdue for it.
    fn joined_in_time(&self, p: &Period) -> bool {
        self.begins <= p.middle()
    }

    /// The check-in an answer given on `as_of` reports on
    /// ([`Term::period_answered`]), when the pair is expected at it: the
    /// one check-in requests ask about and "not answered" counts.
    /// A pair matched after that period (a re-match) is not asked about it,
    /// nor counted as not answering it.
    fn survey_period(&self, as_of: NaiveDate) -> Option<u32> {
        let term_starts = self.term.periods.first()?.starts;
        self.term
            .period_answered(as_of, term_starts)
            .filter(|p| self.expected(p))
            .map(|p| p.number)
    }

    /// The meetings of a period: those logged or those the pair reported,
    /// whichever is more (the same meetings are never counted twice).
    fn meetings_in(&self, p: &Period) -> u32 {
        let logged = self
            .meeting_dates
            .iter()
            .filter(|d| p.contains(**d))
            .count() as u32;
        logged.max(self.reported.get(&p.number).copied().unwrap_or(0))
    }

    /// Every meeting: each period's, and those logged outside the periods.
    fn meetings(&self) -> u32 {
        let outside = self
            .meeting_dates
            .iter()
            .filter(|d| self.term.period_of(**d).is_none())
            .count() as u32;
        outside
            + self
                .term
                .periods
                .iter()
                .map(|p| self.meetings_in(p))
                .sum::<u32>()
    }

    fn is_met(&self, p: &Period) -> bool {
        self.meetings_in(p) > 0
    }

    fn next_expected_after(&self, date: NaiveDate) -> Option<NaiveDate> {
        self.term
            .periods
            .iter()
            .find(|p| p.due > date && self.expected(p))
            .map(|p| p.due)
    }

    fn last_expected_before(&self, date: NaiveDate) -> Option<&Period> {
        self.term
            .periods
            .iter()
            .rev()
            .find(|p| p.due < date && self.expected(p))
    }

    /// Every check-in period with its meetings and state.
    fn checkins(&self, cadence_months: u32, as_of: NaiveDate) -> Vec<CheckIn> {
        self.term
            .periods
            .iter()
            .map(|p| {
                let meetings = self.meetings_in(p);
                let state = if meetings > 0 {
                    "met"
                } else if !self.expected(p) {
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
                    label: p.label(cadence_months),
                    starts: p.starts,
                    due: p.due,
                    meetings,
                    expected: self.expected(p),
                    state,
                    state_label: checkin_state_label(state),
                }
            })
            .collect()
    }

    /// On track, due soon, overdue or ended, as of `as_of`.
    fn standing(&self, as_of: NaiveDate) -> Standing {
        let term_over = self.ended.is_none() && as_of > self.term.ends;
        let mut standing = Standing {
            status: PairState::OnTrack,
            next_due: None,
            overdue_since: None,
            term_over,
        };
        if self.ended.is_some() {
            standing.status = if self.completed {
                PairState::Completed
            } else {
                PairState::Ended
            };
        } else if term_over {
            // Nothing is due or overdue after the term: the pair is completed.
            standing.status = PairState::TermOver;
        } else {
            match self.term.period_of(as_of) {
                None => standing.next_due = self.next_expected_after(as_of),
                Some(current) if self.is_met(current) => {
                    standing.next_due = self.next_expected_after(current.due);
                }
                Some(current) => self.in_open_period(current, as_of, &mut standing),
            }
        }
        standing
    }

    /// The standing inside a period with no meeting yet: overdue when the
    /// last expected check-in was missed, due soon close to this one's date.
    fn in_open_period(&self, current: &Period, as_of: NaiveDate, standing: &mut Standing) {
        let missed = self
            .last_expected_before(current.starts)
            .filter(|p| !self.is_met(p));
        standing.next_due = if self.expected(current) {
            Some(current.due)
        } else {
            self.next_expected_after(current.due)
        };
        if let Some(missed) = missed {
            standing.overdue_since = Some(missed.due);
            standing.status = PairState::Overdue;
        } else if self.expected(current) && (current.due - as_of).num_days() <= DUE_SOON_DAYS {
            standing.status = PairState::DueSoon;
        }
    }
}

fn pair_status(
    program: &Program,
    people: &HashMap<i64, Person>,
    facts: PairFacts<'_>,
    as_of: NaiveDate,
) -> PairStatus {
    let row = facts.row;
    let term = program.term(row.confirmed_on, as_of);
    let begins = term.pair_begins(row.confirmed_on);
    // A pair that ended after the "as of" day was still running on it.
    let ended = match row.status.as_str() {
        "ended" | "completed" => Some(row.ended_on.unwrap_or(as_of)).filter(|end| *end <= as_of),
        _ => None,
    };
    let pair_term = PairTerm {
        term,
        begins,
        ended,
        completed: row.status == "completed",
        meeting_dates: facts.meeting_dates,
        reported: reported_meetings(facts.responses),
    };
    let checkins = pair_term.checkins(program.cadence_months, as_of);
    let standing = pair_term.standing(as_of);
    let meetings = pair_term.meetings();
    let survey_period = pair_term.survey_period(as_of);
    let term = pair_term.term;

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
        ("completed", Some(_)) if meetings == 0 => "completed_unmet",
        ("completed", Some(_)) => "completed",
        _ => "active",
    };
    let started = meetings > 0
        || checkins
            .iter()
            .any(|c| !matches!(c.state, "upcoming" | "not_expected"));
    let status = standing.status;
    let logged = facts.meeting_dates.len() as u32;
    let pulse = assess(
        facts.responses,
        &checkins,
        as_of,
        survey_period,
        facts.handled,
        // After the term nothing puts a pair at risk: it is completed.
        outcome == "active" && !standing.term_over,
        facts.collects,
    );
    let mut actions = pair_actions(outcome, standing.term_over);
    // An at-risk pair needs a different conversation than a reminder to meet,
    // and so does one whose risk the committee handled in this period.
    let handled_now = pulse
        .risk_handled
        .as_ref()
        .is_some_and(|h| term.period_of(as_of).is_some_and(|p| h.date >= p.starts));
    if pulse.at_risk || handled_now {
        actions.retain(|a| *a != "remind");
    }
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
        meetings,
        meetings_logged: logged,
        last_meeting: facts.meeting_dates.iter().max().copied(),
        next_due: standing.next_due,
        overdue_since: standing.overdue_since,
        status,
        status_label: status.label(),
        status_kind: status.kind(),
        needs_check_in: status.needs_check_in(),
        outcome,
        outcome_label: outcome_label(outcome),
        running: outcome == "active",
        actions,
        started,
        ended_on: ended.and(row.ended_on),
        end_reason: if ended.is_some() {
            row.end_reason.clone()
        } else {
            String::new()
        },
        term_over: standing.term_over,
        goals_total: facts.goals.0,
        goals_achieved: facts.goals.1,
        survey_period,
        checkins,
        pulse,
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
pub(crate) fn goal_status_as_of(parameter: &str) -> String {
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

pub(super) fn statuses(
    store: &Store,
    program: &Program,
    match_id: Option<i64>,
    as_of: NaiveDate,
) -> Result<Vec<PairStatus>> {
    let rows = pair_rows(store, program.id, match_id)?;
    let people = people_by_id(store, program.id)?;
    let meetings = meeting_dates(store, program.id, match_id, as_of)?;
    let goals = goal_counts(store, program.id, match_id, as_of)?;
    let responses = surveys::pulse::responses(store, program.id, match_id, as_of)?;
    let collects = surveys::pulse::collects_check_ins(store, program.id)?;
    let handled = super::risk::risks_handled(store, program.id)?;
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
                responses: responses.get(&row.match_id).map_or(&[], Vec::as_slice),
                collects,
                handled: handled.get(&row.match_id),
            };
            pair_status(program, &people, facts, as_of)
        })
        .collect())
}
