//! Groups after matching: one row per confirmed group (a mentor's group or
//! a peer circle) with its meetings and what its check-ins say, a meeting
//! logged for a whole group (it counts for every member), and a member's
//! page with their group's meetings and their own check-ins.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::records::{parse_day, MeetingInput};
use super::{checkin_state_label, CheckIn};
use crate::error::{Error, Result};
use crate::identity::find_person;
use crate::matching::groups::read_groups;
use crate::matching::PersonRef;
use crate::people::{get_person, list_people, Person, Role};
use crate::programs::{get_program, Program};
use crate::store::Store;
use crate::surveys::group_pulse::{assess_group, group_responses, GroupFacts};
use crate::surveys::pulse::{collects_check_ins, reported_meetings, Response};
use crate::surveys::{GroupAnswer, GroupPulse};
use crate::time::{long_date, now_timestamp};

/// One confirmed group as tracking shows it.
#[derive(Debug, Clone, Serialize)]
pub struct GroupRow {
    pub id: i64,
    pub name: String,
    pub mentor: Option<PersonRef>,
    pub members: Vec<PersonRef>,
    pub reasons: Vec<String>,
    pub meetings: Vec<GroupMeeting>,
    /// "3 meetings, the last on 4 May 2027", or "No meeting logged yet".
    pub summary: String,
    /// What the group's check-ins say, as of the day asked.
    pub pulse: GroupPulse,
}

/// A meeting of a whole group.
#[derive(Debug, Clone, Serialize)]
pub struct GroupMeeting {
    pub id: i64,
    pub date: NaiveDate,
    pub mode: String,
    pub minutes: Option<u32>,
    pub topics: String,
    pub notes: String,
}

/// Every confirmed group of a program, in order, with its meetings and
/// its check-ins as of `as_of`.
pub fn tracked_groups(store: &Store, program_id: i64, as_of: NaiveDate) -> Result<Vec<GroupRow>> {
    let program = get_program(store, program_id)?;
    let collects = collects_check_ins(store, program_id)?;
    let mut responses = group_responses(store, program_id, as_of)?;
    let confirmed = confirmed_days(store, program_id)?;
    let people = list_people(store, program_id, None)?;
    let person = |id: i64| {
        people
            .iter()
            .find(|p| p.id == id)
            .map(PersonRef::of)
            .unwrap_or(PersonRef {
                id,
                name: "(removed)".into(),
                email: None,
                library: String::new(),
            })
    };
    let groups = read_groups(store, program_id, None, &person)?;
    let mut stmt = store.conn().prepare(
        "SELECT id, date, mode, minutes, topics, notes FROM group_meetings
         WHERE group_id = ?1 AND deleted_at IS NULL ORDER BY date, id",
    )?;
    let mut rows = Vec::new();
    for g in groups {
        let meetings: Vec<GroupMeeting> = stmt
            .query_map([g.id], |r| {
                Ok(GroupMeeting {
                    id: r.get(0)?,
                    date: NaiveDate::parse_from_str(&r.get::<_, String>(1)?, "%Y-%m-%d")
                        .unwrap_or_default(),
                    mode: r.get(2)?,
                    minutes: r.get(3)?,
                    topics: r.get(4)?,
                    notes: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let summary = match meetings.last() {
            None => "No meeting logged yet".to_string(),
            Some(last) => format!(
                "{} meeting{}, the last on {}",
                meetings.len(),
                if meetings.len() == 1 { "" } else { "s" },
                long_date(last.date)
            ),
        };
        let theirs = responses.remove(&g.id).unwrap_or_default();
        let everyone: Vec<&PersonRef> = g.mentor.iter().chain(&g.members).collect();
        let name = |id: i64| {
            everyone
                .iter()
                .find(|p| p.id == id)
                .map_or_else(|| person(id).name, |p| p.name.clone())
        };
        let ids: Vec<i64> = everyone.iter().map(|p| p.id).collect();
        let pulse = group_pulse(
            &program,
            confirmed.get(&g.id).copied().flatten(),
            &meetings,
            &theirs,
            (&ids, collects, &name),
            as_of,
        );
        rows.push(GroupRow {
            id: g.id,
            name: g.name,
            mentor: g.mentor,
            members: g.members,
            reasons: g.reasons,
            meetings,
            summary,
            pulse,
        });
    }
    Ok(rows)
}

/// The day each confirmed group of the program was confirmed.
fn confirmed_days(
    store: &Store,
    program_id: i64,
) -> Result<std::collections::HashMap<i64, Option<NaiveDate>>> {
    let mut stmt = store.conn().prepare(
        "SELECT g.id, v.confirmed_at FROM match_groups g JOIN match_versions v ON v.id = g.version_id
         WHERE g.program_id = ?1 AND v.status = 'confirmed'",
    )?;
    let rows = stmt.query_map([program_id], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?))
    })?;
    let mut out = std::collections::HashMap::new();
    for row in rows {
        let (id, at) = row?;
        out.insert(id, at.as_deref().and_then(crate::time::local_date));
    }
    Ok(out)
}

/// A group's check-ins: its term from the kickoff (else its confirmation),
/// each period's meetings (logged as a group or reported, whichever is
/// more), and what the answers say. `who` is (the people asked, the
/// program collects check-ins, a person's name).
fn group_pulse(
    program: &Program,
    confirmed_on: Option<NaiveDate>,
    meetings: &[GroupMeeting],
    responses: &[Response],
    who: (&[i64], bool, &dyn Fn(i64) -> String),
    as_of: NaiveDate,
) -> GroupPulse {
    let term = program.term(confirmed_on, as_of);
    let begins = term.pair_begins(confirmed_on);
    let reported = reported_meetings(responses);
    let checkins: Vec<CheckIn> = term
        .periods
        .iter()
        .map(|p| {
            let logged = meetings.iter().filter(|m| p.contains(m.date)).count() as u32;
            let meetings = logged.max(reported.get(&p.number).copied().unwrap_or(0));
            let expected = begins <= p.middle();
            let state = match () {
                _ if !expected => "not_expected",
                _ if meetings > 0 => "met",
                _ if p.due < as_of => "missed",
                _ if p.contains(as_of) => "due",
                _ => "upcoming",
            };
            CheckIn {
                number: p.number,
                label: p.label(program.cadence_months),
                starts: p.starts,
                due: p.due,
                meetings,
                expected,
                state,
                state_label: checkin_state_label(state),
            }
        })
        .collect();
    let (people, collects, name) = who;
    // As for pairs: who has not answered counts once the program collects
    // check-ins or sends its check-in link.
    let asking = collects || !program.survey_link.is_empty();
    let survey_period = term
        .period_answered(as_of, term.starts)
        .filter(|p| asking && begins <= p.middle() && begins <= as_of)
        .map(|p| p.number);
    let facts = GroupFacts {
        checkins: &checkins,
        survey_period,
        people,
        collects,
        name,
    };
    assess_group(responses, &facts, as_of)
}

/// Logs a meeting of a confirmed group; it counts for every member. A
/// mentor's group also logs it for each member's pair. Returns its id.
pub fn add_group_meeting(
    store: &mut Store,
    program_id: i64,
    group_id: i64,
    input: &MeetingInput,
    today: NaiveDate,
) -> Result<i64> {
    let confirmed: Option<(Option<i64>, Option<String>)> = store
        .conn()
        .query_row(
            "SELECT g.mentor_id, v.confirmed_at FROM match_groups g JOIN match_versions v ON v.id = g.version_id
             WHERE g.id = ?1 AND g.program_id = ?2 AND v.status = 'confirmed'",
            params![group_id, program_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((mentor, confirmed_at)) = confirmed else {
        return Err(Error::NotFound(format!(
            "Group {group_id} is not a confirmed group of this program. `matchbook groups list` shows them."
        )));
    };
    let date = parse_day(&input.date, "meeting")?;
    if date > today {
        return Err(Error::Invalid(format!(
            "The meeting date {} is in the future. Log it once it has happened.",
            long_date(date)
        )));
    }
    let confirmed_on = confirmed_at
        .as_deref()
        .and_then(|c| NaiveDate::parse_from_str(c.get(..10)?, "%Y-%m-%d").ok());
    if let Some(confirmed) = confirmed_on.filter(|c| date < *c) {
        return Err(Error::Invalid(format!(
            "The meeting date {} is before the group was confirmed ({}). Check the date.",
            long_date(date),
            long_date(confirmed)
        )));
    }
    if input.minutes.is_some_and(|m| m > 24 * 60) {
        return Err(Error::Invalid(
            "A meeting cannot last more than a day; give its length in minutes.".into(),
        ));
    }
    let mode = super::records::parse_mode(&input.mode)?;
    let (topics, notes) = (input.topics.trim(), input.notes.trim());
    store.write(|tx| {
        tx.execute(
            "INSERT INTO group_meetings (group_id, date, mode, minutes, topics, notes, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                group_id,
                date.to_string(),
                mode,
                input.minutes,
                topics,
                notes,
                now_timestamp()
            ],
        )?;
        let id = tx.last_insert_rowid();
        if mentor.is_some() {
            // Each member's pair with the mentor counts the meeting too.
            tx.execute(
                "INSERT INTO meetings (match_id, date, mode, minutes, topics, notes, created_at)
                 SELECT x.id, ?2, ?3, ?4, ?5, ?6, ?7 FROM matches x
                 JOIN match_group_members m ON m.person_id = x.participant_id AND m.group_id = ?1
                 JOIN match_groups g ON g.id = m.group_id AND g.mentor_id = x.mentor_id
                 WHERE x.status = 'confirmed'",
                params![
                    group_id,
                    date.to_string(),
                    mode,
                    input.minutes,
                    topics,
                    notes,
                    now_timestamp()
                ],
            )?;
        }
        Ok(id)
    })
}

/// A participant's page in a program of groups: their group, its members
/// and every meeting it logged.
#[derive(Debug, Clone, Serialize)]
pub struct MemberPage {
    pub person: PersonRef,
    pub group: GroupRow,
    /// Their own check-in answers, newest first.
    pub check_ins: Vec<GroupAnswer>,
}

/// The page of the participant named by email or exact name, as of a day.
pub fn member_page(
    store: &Store,
    program_id: i64,
    who: &str,
    as_of: NaiveDate,
) -> Result<MemberPage> {
    let person = find_person(store, program_id, Role::Participant, who)?;
    page_of(store, program_id, &person, as_of)?.ok_or_else(|| {
        Error::NotFound(format!(
            "{} is in no confirmed group of this program.",
            person.application.name
        ))
    })
}

/// The page of a participant by id (the person panel's "their circle"), or
/// `None` when they are in no confirmed group of the program.
pub fn member_page_of(
    store: &Store,
    program_id: i64,
    person_id: i64,
    as_of: NaiveDate,
) -> Result<Option<MemberPage>> {
    let person = get_person(store, person_id)?;
    if person.program_id != program_id || person.role != Role::Participant {
        return Ok(None);
    }
    page_of(store, program_id, &person, as_of)
}

fn page_of(
    store: &Store,
    program_id: i64,
    person: &Person,
    as_of: NaiveDate,
) -> Result<Option<MemberPage>> {
    let Some(group) = tracked_groups(store, program_id, as_of)?
        .into_iter()
        .find(|g| g.members.iter().any(|m| m.id == person.id))
    else {
        return Ok(None);
    };
    let check_ins = group
        .pulse
        .answers
        .iter()
        .filter(|a| a.person_id == person.id)
        .cloned()
        .collect();
    Ok(Some(MemberPage {
        person: PersonRef::of(person),
        group,
        check_ins,
    }))
}
