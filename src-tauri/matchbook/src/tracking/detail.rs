//! One pair's page: its status, goals with their progress notes, meetings,
//! and the timeline of everything that happened, newest first.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use super::status::{parse_date, statuses};
use super::{
    choice_label, suggested_goal_status, Goal, GoalUpdate, Meeting, PairDetail, ReportedMeetings,
    TimelineEntry, GOAL_STATUSES, MEETING_MODES,
};
use crate::error::{Error, Result};
use crate::people::Role;
use crate::programs::get_program;
use crate::store::Store;
use crate::time::{local_date, long_date};

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
    let goals = goals(conn, match_id)?;
    let mut meetings = meetings(conn, match_id)?;
    let term = program.term(pair.confirmed_on, as_of);
    for m in &mut meetings {
        m.outside_term = parse_date(Some(m.date.clone()))
            .and_then(|day| outside_term(&term, program.kickoff_date.is_some(), day));
    }
    let mut timeline = meeting_entries(&meetings);
    timeline.extend(goal_entries(&goals));
    timeline.extend(match_events(conn, match_id)?);
    let responses = crate::surveys::pulse::responses(store, program.id, Some(match_id), as_of)?;
    timeline.extend(
        responses
            .get(&match_id)
            .into_iter()
            .flatten()
            .map(|r| checkin_entry(r, &pair)),
    );
    // Newest first; on one day, in the order things happen (a goal is set
    // before its first note, a pair confirmed before it meets).
    let step = |t: &TimelineEntry| match (t.kind, t.title.as_str()) {
        ("match", "Match confirmed") => 0,
        ("goal", _) => 1,
        ("match", _) => 3,
        _ => 2,
    };
    timeline.sort_by(|a, b| b.date.cmp(&a.date).then(step(b).cmp(&step(a))));
    let areas = participant.application.lists.areas.clone();
    let reported = reported_only(&pair, &meetings);
    Ok(PairDetail {
        reported,
        as_of,
        pair,
        participant,
        mentor,
        goals,
        meetings,
        timeline,
        areas,
        goal_statuses: GOAL_STATUSES.to_vec(),
        end_reasons: super::END_REASONS.to_vec(),
        meeting_modes: MEETING_MODES.to_vec(),
    })
}

/// The pair's goals (deleted ones left out), each with its progress notes.
fn goals(conn: &Connection, match_id: i64) -> Result<Vec<Goal>> {
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
    Ok(rows
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .map(|mut g| {
            g.updates = updates.remove(&g.id).unwrap_or_default();
            g
        })
        .collect())
}

/// Why a meeting on `day` counts toward no period, when it does not.
fn outside_term(term: &crate::term::Term, kickoff: bool, day: NaiveDate) -> Option<String> {
    let start = if kickoff {
        "the kickoff"
    } else {
        "the term began"
    };
    if day < term.starts {
        Some(format!(
            "Before {start} on {}: it counts toward no period",
            long_date(term.starts)
        ))
    } else if day > term.ends {
        Some(format!(
            "After the term ended on {}: it counts toward no period",
            long_date(term.ends)
        ))
    } else {
        None
    }
}

/// The pair's meetings (deleted ones left out), newest first.
fn meetings(conn: &Connection, match_id: i64) -> Result<Vec<Meeting>> {
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
            outside_term: None,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn meeting_entries(meetings: &[Meeting]) -> Vec<TimelineEntry> {
    meetings
        .iter()
        .map(|m| {
            let mode = if m.mode.is_empty() {
                "Meeting"
            } else {
                m.mode_label
            };
            let minutes = m.minutes.map(|n| format!(", {n} min")).unwrap_or_default();
            TimelineEntry {
                date: m.date.clone(),
                kind: "meeting",
                title: format!("{mode}{minutes}"),
                detail: [m.topics.as_str(), m.notes.as_str()]
                    .iter()
                    .filter(|t| !t.trim().is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" — "),
            }
        })
        .collect()
}

fn goal_entries(goals: &[Goal]) -> Vec<TimelineEntry> {
    let mut timeline = Vec::new();
    for g in goals {
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
    timeline
}

/// The meetings a pair reported in its check-ins beyond those logged, per
/// period: "2 meetings reported in the Q1 check-in".
fn reported_only(pair: &super::PairStatus, meetings: &[Meeting]) -> Vec<ReportedMeetings> {
    pair.checkins
        .iter()
        .filter_map(|c| {
            let logged = meetings
                .iter()
                .filter_map(|m| NaiveDate::parse_from_str(&m.date, "%Y-%m-%d").ok())
                .filter(|d| c.starts <= *d && *d <= c.due)
                .count() as u32;
            let more = c.meetings.checked_sub(logged).filter(|n| *n > 0)?;
            Some(ReportedMeetings {
                period: c.label.clone(),
                meetings: more,
                text: format!(
                    "{more} meeting{} reported in the {} check-in",
                    if more == 1 { "" } else { "s" },
                    c.label
                ),
            })
        })
        .collect()
}

/// What happened to the match itself: confirmed, ended, completed.
fn match_events(conn: &Connection, match_id: i64) -> Result<Vec<TimelineEntry>> {
    let mut stmt = conn
        .prepare("SELECT at, action, detail FROM match_events WHERE match_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([match_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut timeline = Vec::new();
    for row in rows {
        let (at, action, detail) = row?;
        let mut date = local_date(&at).map(|d| d.to_string()).unwrap_or(at);
        let mut detail = detail;
        let title = match action.as_str() {
            "confirmed" => "Match confirmed".to_string(),
            "ended" => "Relationship ended early".to_string(),
            "completed" => "Program completed".to_string(),
            "risk_handled" => {
                if let Some(handled) = super::RiskHandled::parse(&detail) {
                    date = handled.date.to_string();
                    detail = handled.note;
                }
                "Risk handled".to_string()
            }
            other => other.replace('_', " "),
        };
        timeline.push(TimelineEntry {
            date,
            kind: "match",
            title,
            detail,
        });
    }
    Ok(timeline)
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
    let person = crate::identity::find_person(store, program_id, Role::Participant, who)?;
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

/// A check-in response as the timeline shows it: who answered for which
/// period, and what they said (goal progress becomes a dated note here).
fn checkin_entry(r: &crate::surveys::pulse::Response, pair: &super::PairStatus) -> TimelineEntry {
    let who = match r.role {
        crate::people::Role::Participant => &pair.participant,
        crate::people::Role::Mentor => &pair.mentor,
    };
    let label = pair
        .checkins
        .iter()
        .find(|c| c.number == r.period)
        .map_or_else(|| format!("check-in {}", r.period), |c| c.label.clone());
    let mut parts = Vec::new();
    match (r.met, r.meetings) {
        (_, Some(n)) if n > 0 => {
            parts.push(format!("met {n} time{}", if n == 1 { "" } else { "s" }))
        }
        (Some(true), _) => parts.push("met".to_string()),
        (Some(false), _) | (_, Some(0)) => parts.push("have not met".to_string()),
        _ => {}
    }
    if !r.modes.is_empty() {
        parts.push(r.modes.clone());
    }
    if let Some(s) = r.satisfaction {
        parts.push(format!("satisfaction {s} of 5"));
    }
    if !r.topics.is_empty() {
        parts.push(format!("talked about: {}", r.topics));
    }
    if !r.goal_progress.is_empty() {
        parts.push(format!("progress on goals: {}", r.goal_progress));
    }
    if !r.note.is_empty() {
        parts.push(format!(
            "note for the committee: \u{201c}{}\u{201d}",
            r.note
        ));
    }
    TimelineEntry {
        date: r.date.to_string(),
        kind: "check_in",
        title: format!("{who} answered the {label} check-in"),
        detail: parts.join(" · "),
    }
}
