//! Importing check-in responses: each row joined to the respondent's pair
//! by email (a mentor of several mentees through the question naming the
//! mentee), or to their confirmed group (a peer circle's members have no
//! pair; a group's mentor answers for the whole group; a member of a
//! mentor's group is joined to both), counted in the check-in period its
//! date falls in, and kept. A later answer of the same person for the same
//! pair (or group) and period replaces the earlier one, and the report says so.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;

use super::answers;
use super::{
    cell, record_import, response_date, SurveyField, SurveyImportReport, SurveyKind, SurveyOptions,
    SurveyTable, UnknownRow,
};
use crate::error::{Error, Result};
use crate::import::{normalize_header, Attention};
use crate::people::{list_people, Person};
use crate::programs::get_program;
use crate::store::Store;
use crate::time::local_date;
use crate::time::long_date;

/// A confirmed pair, as responses are joined to it.
pub(super) struct PairRow {
    pub match_id: i64,
    pub participant_id: i64,
    pub mentor_id: i64,
    pub confirmed_on: Option<NaiveDate>,
}

pub(super) fn pairs(store: &Store, program_id: i64) -> Result<Vec<PairRow>> {
    let mut stmt = store.conn().prepare(
        "SELECT id, participant_id, mentor_id, confirmed_at FROM matches
         WHERE program_id = ?1 AND status IN ('confirmed', 'ended', 'completed') ORDER BY id",
    )?;
    let rows = stmt.query_map([program_id], |r| {
        Ok(PairRow {
            match_id: r.get(0)?,
            participant_id: r.get(1)?,
            mentor_id: r.get(2)?,
            confirmed_on: r
                .get::<_, Option<String>>(3)?
                .as_deref()
                .and_then(local_date),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A confirmed group (a mentor's group or a peer circle), as responses are
/// joined to it.
pub(super) struct GroupFacts {
    pub group_id: i64,
    pub mentor_id: Option<i64>,
    pub members: Vec<i64>,
    pub confirmed_on: Option<NaiveDate>,
}

impl GroupFacts {
    fn includes(&self, person: i64) -> bool {
        self.mentor_id == Some(person) || self.members.contains(&person)
    }
}

pub(super) fn confirmed_groups(store: &Store, program_id: i64) -> Result<Vec<GroupFacts>> {
    let mut stmt = store.conn().prepare(
        "SELECT g.id, g.mentor_id, v.confirmed_at, m.person_id FROM match_groups g
         JOIN match_versions v ON v.id = g.version_id
         LEFT JOIN match_group_members m ON m.group_id = g.id
         WHERE g.program_id = ?1 AND v.status = 'confirmed' ORDER BY g.id",
    )?;
    let rows = stmt.query_map([program_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<i64>>(3)?,
        ))
    })?;
    let mut out: Vec<GroupFacts> = Vec::new();
    for row in rows {
        let (group_id, mentor_id, confirmed, member) = row?;
        if out.last().is_none_or(|g| g.group_id != group_id) {
            out.push(GroupFacts {
                group_id,
                mentor_id,
                members: Vec::new(),
                confirmed_on: confirmed.as_deref().and_then(local_date),
            });
        }
        if let (Some(g), Some(member)) = (out.last_mut(), member) {
            g.members.push(member);
        }
    }
    Ok(out)
}

/// What a response is joined to: a pair, a group, or both.
#[derive(Clone, Copy)]
struct Joined {
    match_id: Option<i64>,
    group_id: Option<i64>,
    confirmed_on: Option<NaiveDate>,
}

/// The program's people by lowercased email.
pub(super) fn people_by_email(store: &Store, program_id: i64) -> Result<HashMap<String, Person>> {
    Ok(list_people(store, program_id, None)?
        .into_iter()
        .filter_map(|p| {
            let email = p.application.email.as_deref()?.trim().to_lowercase();
            (!email.is_empty()).then_some((email, p))
        })
        .collect())
}

/// One response ready to be written.
struct Planned {
    row: i64,
    joined: Joined,
    respondent_id: i64,
    period: crate::term::Period,
    date: NaiveDate,
    met: Option<bool>,
    meetings: Option<u32>,
    modes: String,
    topics: String,
    satisfaction: Option<u8>,
    goal_progress: String,
    note: String,
}

pub(super) fn import(
    store: &mut Store,
    program_id: i64,
    table: &SurveyTable,
    options: &SurveyOptions,
    dry_run: bool,
    imported_on: NaiveDate,
) -> Result<SurveyImportReport> {
    let program = get_program(store, program_id)?;
    let pairs = pairs(store, program_id)?;
    let groups = confirmed_groups(store, program_id)?;
    let people = people_by_email(store, program_id)?;
    let by_id: HashMap<i64, &Person> = people.values().map(|p| (p.id, p)).collect();
    let names = list_people(store, program_id, None)?
        .into_iter()
        .map(|p| (p.id, p.application.name.clone()))
        .collect::<HashMap<i64, String>>();
    // Who has already answered for which pair or group and period (their newest date).
    type Key = (Option<i64>, Option<i64>, i64, u32);
    let mut answered: HashMap<Key, NaiveDate> = HashMap::new();
    {
        let mut stmt = store.conn().prepare(
            "SELECT r.match_id, r.group_id, r.respondent_id, r.period, max(r.responded_on)
             FROM checkin_responses r JOIN imports i ON i.id = r.import_id WHERE i.program_id = ?1
             GROUP BY r.match_id, r.group_id, r.respondent_id, r.period",
        )?;
        let rows = stmt.query_map([program_id], |r| {
            Ok((
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?),
                r.get::<_, String>(4)?,
            ))
        })?;
        for row in rows {
            let (key, date) = row?;
            if let Ok(date) = NaiveDate::parse_from_str(&date, "%Y-%m-%d") {
                answered.insert(key, date);
            }
        }
    }

    let mut report = SurveyImportReport::new(SurveyKind::CheckIns, table, dry_run);
    let mut planned = Vec::new();
    for (row, cells) in table.data_rows() {
        report.rows += 1;
        if cells.iter().all(|c| c.trim().is_empty()) {
            report.blank += 1;
            continue;
        }
        let skip = |report: &mut SurveyImportReport, reason: String| {
            report.not_imported.push(Attention { row, reason });
        };
        let email = cell(table, cells, SurveyField::Email);
        if email.is_empty() {
            let who = cell(table, cells, SurveyField::Name);
            skip(&mut report, format!(
                "No email{}: the response cannot be joined to a pair. Add the email to the spreadsheet and import it again.",
                if who.is_empty() { String::new() } else { format!(" ({who})") }
            ));
            continue;
        }
        let Some(person) = people.get(&email.to_lowercase()) else {
            report.unknown.push(UnknownRow {
                row,
                email: email.to_string(),
            });
            continue;
        };
        let theirs: Vec<&PairRow> = pairs
            .iter()
            .filter(|p| p.participant_id == person.id || p.mentor_id == person.id)
            .collect();
        let group = groups.iter().find(|g| g.includes(person.id));
        let in_group = |pair: Option<&PairRow>| Joined {
            match_id: pair.map(|p| p.match_id),
            group_id: group.map(|g| g.group_id),
            confirmed_on: pair.map_or(group.and_then(|g| g.confirmed_on), |p| p.confirmed_on),
        };
        let joined = match theirs.as_slice() {
            [] if group.is_some() => in_group(None),
            [] => {
                skip(
                    &mut report,
                    format!(
                        "{} is not in a confirmed pair or group.",
                        person.application.name
                    ),
                );
                continue;
            }
            [one] => in_group(Some(*one)),
            several => {
                // A mentor of several mentees: the question naming the mentee
                // says which; a group's mentor without one answers for the group.
                let named = cell(table, cells, SurveyField::Mentee);
                match mentee_named(named, several, &by_id, &names) {
                    Some(pair) => in_group(Some(pair)),
                    None if group.is_some() && named.is_empty() => in_group(None),
                    None => {
                        let mentees: Vec<&str> = several
                            .iter()
                            .filter_map(|p| names.get(&p.participant_id).map(String::as_str))
                            .collect();
                        skip(&mut report, format!(
                            "{} mentors {} ({}); {}. Add a question naming the mentee to the form, or type the mentee's name in that column and import again.",
                            person.application.name,
                            mentees.len(),
                            mentees.join(", "),
                            if named.is_empty() { "the response does not say which".to_string() } else { format!("\"{named}\" is none of them") }
                        ));
                        continue;
                    }
                }
            }
        };
        let date = match response_date(table, cells, imported_on) {
            Ok(date) => date,
            Err(reason) => {
                skip(&mut report, reason);
                continue;
            }
        };
        let term = program.term(joined.confirmed_on, date);
        let chosen = match &options.period {
            Some(name) => Some(term.period_named(name).ok_or_else(|| {
                Error::Invalid(format!(
                    "\"{name}\" is not a check-in of this program: write Q1 to {}.",
                    term.periods
                        .last()
                        .map_or("Q1".into(), |p| p.label(program.cadence_months))
                ))
            })?),
            None => None,
        };
        let Some(period) =
            chosen.or_else(|| term.period_answered(date, term.pair_begins(joined.confirmed_on)))
        else {
            skip(
                &mut report,
                format!(
                    "Outside the term: answered on {}, and the relationship runs from {} to {}.",
                    long_date(date),
                    long_date(term.starts),
                    long_date(term.ends)
                ),
            );
            continue;
        };
        let met_text = cell(table, cells, SurveyField::Met);
        let count_text = cell(table, cells, SurveyField::Meetings);
        let mut met = answers::yes_no(met_text);
        let mut meetings = answers::count(count_text);
        if met.is_none() && meetings.is_some() {
            met = meetings.map(|n| n > 0);
        }
        if met == Some(false) && meetings.is_none() {
            meetings = Some(0);
        }
        let satisfaction_text = cell(table, cells, SurveyField::Satisfaction);
        let satisfaction = answers::satisfaction(satisfaction_text);
        if !satisfaction_text.is_empty() && satisfaction.is_none() {
            report.notes.push(Attention {
                row,
                reason: format!("The satisfaction \"{satisfaction_text}\" is not 1–5 or a word such as \"Satisfied\"; the rest of the response was recorded."),
            });
        }
        let key = (joined.match_id, joined.group_id, person.id, period.number);
        if let Some(earlier) = answered.get(&key) {
            report.replaced += 1;
            report.notes.push(Attention {
                row,
                reason: format!(
                    "{} answered for {} again: this response ({}) replaces the one of {}.",
                    person.application.name,
                    period.label(program.cadence_months),
                    long_date(date),
                    long_date(*earlier)
                ),
            });
        }
        answered.insert(key, answered.get(&key).map_or(date, |d| (*d).max(date)));
        planned.push(Planned {
            row,
            joined,
            respondent_id: person.id,
            period: *period,
            date,
            met,
            meetings,
            modes: cell(table, cells, SurveyField::Modes).to_string(),
            topics: cell(table, cells, SurveyField::Topics).to_string(),
            satisfaction,
            goal_progress: cell(table, cells, SurveyField::GoalProgress).to_string(),
            note: table.written(cells, SurveyField::Note),
        });
    }
    report.recorded = planned.len();
    let mut periods: Vec<super::AnsweredPeriod> = Vec::new();
    for p in &planned {
        match periods.iter_mut().find(|a| a.number == p.period.number) {
            Some(a) => a.responses += 1,
            None => periods.push(super::AnsweredPeriod {
                number: p.period.number,
                label: p.period.label(program.cadence_months),
                starts: p.period.starts,
                due: p.period.due,
                responses: 1,
            }),
        }
    }
    periods.sort_by_key(|a| a.number);
    report.periods_text = super::answered_periods_text(&periods);
    report.periods = periods;
    if dry_run {
        return Ok(report);
    }
    let import_id = store.write(|tx| {
        let import_id = record_import(tx, program_id, SurveyKind::CheckIns, table, &report)?;
        let mut insert = tx.prepare(
            "INSERT INTO checkin_responses (import_id, row_number, match_id, respondent_id, period, responded_on,
                 met, meetings, modes, topics, satisfaction, goal_progress, note, group_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?;
        for p in &planned {
            insert.execute(params![
                import_id,
                p.row,
                p.joined.match_id,
                p.respondent_id,
                p.period.number,
                p.date.to_string(),
                p.met,
                p.meetings,
                p.modes,
                p.topics,
                p.satisfaction,
                p.goal_progress,
                p.note,
                p.joined.group_id,
            ])?;
        }
        Ok(import_id)
    })?;
    report.import_id = Some(import_id);
    Ok(report)
}

/// The pair whose participant the answer names (by name or email; a first
/// name alone when only one mentee has it).
fn mentee_named<'a>(
    named: &str,
    pairs: &[&'a PairRow],
    people: &HashMap<i64, &Person>,
    names: &HashMap<i64, String>,
) -> Option<&'a PairRow> {
    let wanted = normalize_header(named);
    if wanted.is_empty() {
        return None;
    }
    let matches = |pair: &&&PairRow, loose: bool| {
        let name = names
            .get(&pair.participant_id)
            .map(|n| normalize_header(n))
            .unwrap_or_default();
        let email = people
            .get(&pair.participant_id)
            .and_then(|p| p.application.email.as_deref())
            .map(str::to_lowercase)
            .unwrap_or_default();
        name == wanted
            || (!email.is_empty() && email == named.trim().to_lowercase())
            || (loose
                && !name.is_empty()
                && (name.starts_with(&format!("{wanted} ")) || wanted.contains(&name)))
    };
    let exact: Vec<&&PairRow> = pairs.iter().filter(|p| matches(p, false)).collect();
    if let [one] = exact.as_slice() {
        return Some(**one);
    }
    let loose: Vec<&&PairRow> = pairs.iter().filter(|p| matches(p, true)).collect();
    match loose.as_slice() {
        [one] => Some(**one),
        _ => None,
    }
}
