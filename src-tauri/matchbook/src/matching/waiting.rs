//! The waiting list: participants left without a mentor when the committee
//! confirmed matches, each with the reason in a few words (read from the
//! places left after the confirmed pairs, as the gap analysis reads them),
//! and matched first whenever matching runs again, in this program or in
//! the next one they are carried into.

use std::collections::HashMap;

use rusqlite::{params, Connection, Transaction};
use serde::Serialize;

use super::problem::Problem;
use super::solve::load_problem;
use super::PersonRef;
use crate::error::Result;
use crate::people::get_person;
use crate::store::Store;

/// No mentor with room was left for them.
pub const NO_PLACE: &str = "No mentor had a place";
/// Every mentor with room works at their own library.
pub const OWN_LIBRARY: &str = "Only mentors at their own library";
/// Every mentor with room is ruled out for them for another reason.
pub const RULED_OUT: &str = "Only mentors ruled out for them had a place";
/// Places were left that they could take, but went unused for them.
pub const PLACES_ELSEWHERE: &str = "The places left suited other participants better";
/// Peer circles: too few people were left to make one more circle.
pub const NO_CIRCLE: &str = "Too few people left for one more circle";

/// One participant on a program's waiting list.
#[derive(Debug, Clone, Serialize)]
pub struct Waiting {
    pub participant: PersonRef,
    /// The reason in a few words ([`NO_PLACE`], [`OWN_LIBRARY`]…).
    pub reason: String,
    /// What the computation said about them, in full.
    pub detail: String,
    /// The program they first waited in, when carried from an earlier one.
    pub since_program: Option<String>,
    /// "Waiting since MILE 2026" or "Waiting since 2 May 2026".
    pub flag: String,
    pub added_at: String,
}

/// A program's waiting list, in name order.
pub fn waiting_list(store: &Store, program_id: i64) -> Result<Vec<Waiting>> {
    crate::programs::get_program(store, program_id)?;
    let mut stmt = store.conn().prepare(
        "SELECT w.person_id, w.reason, w.detail, w.since_program, w.added_at
         FROM waiting_list w JOIN people p ON p.id = w.person_id
         WHERE w.program_id = ?1 ORDER BY p.name COLLATE NOCASE, p.id",
    )?;
    let rows = stmt
        .query_map([program_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, reason, detail, since, added_at)| {
            let person = get_person(store, id)?;
            Ok(Waiting {
                participant: PersonRef::of(&person),
                flag: flag(&since, &added_at),
                since_program: (!since.is_empty()).then_some(since),
                reason,
                detail,
                added_at,
            })
        })
        .collect()
}

/// "Waiting since <program>" for a carried participant, else since the day
/// they were put on the list.
fn flag(since_program: &str, added_at: &str) -> String {
    if since_program.is_empty() {
        // The local day, written as every page writes a date (a stored
        // timestamp is UTC; an older bare day is read as it is).
        let day = crate::time::local_date(added_at)
            .or_else(|| chrono::NaiveDate::parse_from_str(added_at.get(..10)?, "%Y-%m-%d").ok())
            .map_or_else(|| added_at.to_string(), crate::time::long_date);
        format!("Waiting since {day}")
    } else {
        format!("Waiting since {since_program}")
    }
}

/// Each waiting participant's flag, by person id: they are placed first.
pub(super) fn waiting_flags(conn: &Connection, program_id: i64) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare(
        "SELECT person_id, since_program, added_at FROM waiting_list WHERE program_id = ?1",
    )?;
    let rows = stmt.query_map([program_id], |r| {
        let since: String = r.get(1)?;
        let added: String = r.get(2)?;
        Ok((r.get::<_, i64>(0)?, flag(&since, &added)))
    })?;
    Ok(rows.collect::<rusqlite::Result<HashMap<_, _>>>()?)
}

/// Who a version leaves without a mentor, with the reason in a few words
/// and in full, read before confirming it.
pub(super) struct LeftOut {
    participants: Vec<(i64, &'static str, String)>,
}

/// The participants `version_id` leaves without a mentor and why: from the
/// places its pairs leave each mentor.
pub(super) fn left_out_by(store: &Store, program_id: i64, version_id: i64) -> Result<LeftOut> {
    let problem = load_problem(store, program_id)?;
    let mut stmt = store
        .conn()
        .prepare("SELECT participant_id, mentor_id FROM matches WHERE version_id = ?1")?;
    let pairs = stmt
        .query_map([version_id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let details: HashMap<i64, String> = store
        .conn()
        .query_row(
            "SELECT unmatched_json FROM match_versions WHERE id = ?1",
            [version_id],
            |r| r.get::<_, String>(0),
        )
        .map(|json| {
            serde_json::from_str::<Vec<serde_json::Value>>(&json)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|u| {
                    Some((
                        u.get("participant_id")?.as_i64()?,
                        u.get("reason")?.as_str()?.to_string(),
                    ))
                })
                .collect()
        })?;
    // Members of this version's groups, or of circles confirmed before, have their place.
    let mut stmt = store.conn().prepare(
        "SELECT m.person_id FROM match_group_members m JOIN match_groups g ON g.id = m.group_id
         JOIN match_versions v ON v.id = g.version_id
         WHERE g.program_id = ?1 AND (g.version_id = ?2 OR v.status = 'confirmed')",
    )?;
    let in_groups = stmt
        .query_map([program_id, version_id], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<std::collections::HashSet<i64>>>()?;
    let circles =
        crate::programs::get_program(store, program_id)?.shape == crate::programs::Shape::Circles;
    Ok(LeftOut {
        participants: reasons(&problem, &pairs)
            .into_iter()
            .filter(|(id, _)| !in_groups.contains(id))
            .map(|(id, reason)| {
                let reason = if circles { NO_CIRCLE } else { reason };
                (id, reason, details.get(&id).cloned().unwrap_or_default())
            })
            .collect(),
    })
}

/// For every participant the pairs (person ids) leave without a mentor,
/// the reason in a few words.
pub(super) fn reasons(problem: &Problem, pairs: &[(i64, i64)]) -> Vec<(i64, &'static str)> {
    let mut left = problem.capacity.clone();
    let mut placed = std::collections::HashSet::new();
    for (p, m) in pairs {
        placed.insert(*p);
        if let Some(m) = problem.mentor_index(*m) {
            left[m] = left[m].saturating_sub(1);
        }
    }
    (0..problem.participants.len())
        .filter(|&p| !placed.contains(&problem.participants[p].id))
        .map(|p| {
            let with_room: Vec<usize> = (0..problem.mentors.len())
                .filter(|&m| left[m] > 0)
                .collect();
            let ruled_out = |m: &usize| problem.cell(p, *m).forbidden.is_some();
            let reason = if with_room.is_empty() {
                NO_PLACE
            } else if with_room.iter().all(ruled_out) {
                let own_library = with_room.iter().all(|&m| {
                    problem
                        .hard_rule(p, m)
                        .is_some_and(|r| r.starts_with("Same library"))
                });
                if own_library {
                    OWN_LIBRARY
                } else {
                    RULED_OUT
                }
            } else {
                PLACES_ELSEWHERE
            };
            (problem.participants[p].id, reason)
        })
        .collect()
}

/// After confirming: who got a mentor (or a group, or a circle) leaves the waiting list, who did not
/// goes on it (keeping the program and day they first waited since).
pub(super) fn record(
    tx: &Transaction<'_>,
    program_id: i64,
    left_out: &LeftOut,
    now: &str,
) -> Result<usize> {
    tx.execute(
        "DELETE FROM waiting_list WHERE program_id = ?1 AND (person_id IN
           (SELECT participant_id FROM matches WHERE program_id = ?1
            AND status IN ('confirmed', 'ended', 'completed'))
           OR person_id IN (SELECT m.person_id FROM match_group_members m
            JOIN match_groups g ON g.id = m.group_id JOIN match_versions v ON v.id = g.version_id
            WHERE g.program_id = ?1 AND v.status = 'confirmed'))",
        [program_id],
    )?;
    let mut upsert = tx.prepare(
        "INSERT INTO waiting_list (person_id, program_id, reason, detail, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (person_id) DO UPDATE SET reason = excluded.reason, detail = excluded.detail",
    )?;
    for (id, reason, detail) in &left_out.participants {
        upsert.execute(params![id, program_id, reason, detail, now])?;
    }
    Ok(left_out.participants.len())
}

#[cfg(test)]
mod flag_tests {
    #[test]
    fn a_waiting_flag_writes_its_day_as_pages_do() {
        assert_eq!(super::flag("", "2026-03-02"), "Waiting since 2 March 2026");
        let stored = "2026-03-02T12:00:00Z";
        let day = crate::time::local_date(stored).unwrap();
        assert_eq!(
            super::flag("", stored),
            format!("Waiting since {}", crate::time::long_date(day))
        );
        assert_eq!(
            super::flag("MILE 2026", "2026-03-02"),
            "Waiting since MILE 2026"
        );
        assert_eq!(super::flag("", "not a day"), "Waiting since not a day");
    }
}
