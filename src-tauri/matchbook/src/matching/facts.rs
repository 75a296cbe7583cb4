//! What the program file says about a program's matching, read in one go:
//! the people still to match, each mentor's free places, the committee's
//! rules, library aliases and earlier pairings. SQL only; no scoring.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;

use super::choices::{choice_shares, current_choices, Stated};
use super::criteria::{custom_criteria, CustomCriterion};
use super::names::library_key;
use super::score::Weights;
use crate::error::Result;
use crate::people::{list_people, Person, Role};
use crate::store::Store;

/// The facts a program's score table is built from.
pub(super) struct Facts {
    pub weights: Weights,
    /// Every participant, matched or not (names mentors wrote may be anyone).
    pub all_participants: Vec<Person>,
    /// Participants without a confirmed or completed match, in name order.
    pub participants: Vec<Person>,
    /// Every mentor, in name order.
    pub mentors: Vec<Person>,
    /// The capacity each mentor offered.
    pub offered: Vec<u32>,
    /// Mentees each mentor can still take (offered minus running matches).
    pub capacity: Vec<u32>,
    /// Committee rules by person ids: veto reasons, overrides, locks in order.
    pub vetoes: HashMap<(i64, i64), String>,
    pub overrides: HashSet<(i64, i64)>,
    pub lock_ids: Vec<(i64, i64)>,
    /// Library key → the library it is another name for.
    pub aliases: HashMap<String, String>,
    /// Pairs from the file's other programs: (participant email, mentor email) → program.
    pub earlier: HashMap<(String, String), String>,
    /// Pairs of this program that ended early: participant, mentor, ended on ("" if unknown).
    pub ended_here: Vec<(i64, i64, String)>,
    /// The committee's own criteria, with their questions.
    pub criteria: Vec<CustomCriterion>,
    /// Everyone's current ranked choices, and what a 1st, 2nd, 3rd choice scores.
    pub choices: Vec<Stated>,
    pub choice_shares: [u8; 3],
    /// Participants on the waiting list, by id, with their flag: placed first.
    pub waiting: HashMap<i64, String>,
    /// People the committee's rules leave out of matching: name, reason.
    pub left_out: Vec<(String, String)>,
}

/// Reads everything matching needs about one program.
pub(super) fn load_facts(store: &Store, program_id: i64) -> Result<Facts> {
    crate::programs::get_program(store, program_id)?;
    let conn = store.conn();
    let weights = super::weights(store, program_id)?;
    let (confirmed_participants, confirmed_by_mentor) = matched_so_far(conn, program_id)?;
    let all_participants = list_people(store, program_id, Some(Role::Participant))?;
    // Whom the committee's rules leave out is not matched at all.
    let left_out_ids = crate::eligibility::left_out_ids(store, program_id)?;
    let mut left_out = Vec::new();
    let mut keep = |p: &Person| match left_out_ids.get(&p.id) {
        Some(reason) => {
            left_out.push((p.application.name.clone(), reason.clone()));
            false
        }
        None => true,
    };
    let participants: Vec<Person> = all_participants
        .iter()
        .filter(|p| !confirmed_participants.contains(&p.id) && keep(p))
        .cloned()
        .collect();
    let mentors: Vec<Person> = list_people(store, program_id, Some(Role::Mentor))?
        .into_iter()
        .filter(|m| keep(m))
        .collect();
    let offered: Vec<u32> = mentors.iter().map(Person::places).collect();
    let capacity: Vec<u32> = mentors
        .iter()
        .zip(&offered)
        .map(|(m, &cap)| cap.saturating_sub(confirmed_by_mentor.get(&m.id).copied().unwrap_or(0)))
        .collect();
    let (vetoes, overrides, lock_ids) = pair_rules(conn, program_id)?;
    Ok(Facts {
        weights,
        all_participants,
        participants,
        mentors,
        offered,
        capacity,
        vetoes,
        overrides,
        lock_ids,
        aliases: library_aliases(conn, program_id)?,
        earlier: earlier_pairs(conn, program_id)?,
        ended_here: ended_here(conn, program_id)?,
        criteria: custom_criteria(store, program_id)?,
        choices: current_choices(conn, program_id)?,
        choice_shares: choice_shares(store, program_id)?,
        waiting: super::waiting::waiting_flags(conn, program_id)?,
        left_out,
    })
}

/// Participants already matched (confirmed or completed), and each mentor's
/// running matches.
fn matched_so_far(conn: &Connection, program_id: i64) -> Result<(HashSet<i64>, HashMap<i64, u32>)> {
    let mut confirmed_by_mentor: HashMap<i64, u32> = HashMap::new();
    let mut confirmed_participants: HashSet<i64> = HashSet::new();
    let mut stmt = conn.prepare(
        "SELECT participant_id, mentor_id, status FROM matches
         WHERE program_id = ?1 AND status IN ('confirmed', 'completed')",
    )?;
    let rows: Vec<(i64, i64, String)> = stmt
        .query_map([program_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    // A participant who completed the program is not matched again; only
    // running relationships take up a mentor's places.
    for (p, m, status) in rows {
        confirmed_participants.insert(p);
        if status == "confirmed" {
            *confirmed_by_mentor.entry(m).or_default() += 1;
        }
    }
    // A mentor in another program running at the same time (the same email)
    // has one set of places for both: the pairs running there take some.
    let mut stmt = conn.prepare(
        "SELECT me.id, count(*) FROM people me
         JOIN programs tp ON tp.id = me.program_id
         JOIN people other ON other.email = me.email AND other.program_id <> me.program_id
              AND other.role = 'mentor'
         JOIN programs op ON op.id = other.program_id AND op.archived_at IS NULL
         JOIN matches x ON x.mentor_id = other.id AND x.status = 'confirmed'
         WHERE me.program_id = ?1 AND me.role = 'mentor' AND trim(coalesce(me.email, '')) <> ''
           AND (op.kickoff_date IS NULL OR tp.kickoff_date IS NULL
                OR date(op.kickoff_date, '+' || op.relationship_months || ' months') > tp.kickoff_date)
         GROUP BY me.id",
    )?;
    let elsewhere = stmt.query_map([program_id], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, u32>(1)?))
    })?;
    for row in elsewhere {
        let (m, running) = row?;
        *confirmed_by_mentor.entry(m).or_default() += running;
    }
    Ok((confirmed_participants, confirmed_by_mentor))
}

type PairRules = (
    HashMap<(i64, i64), String>,
    HashSet<(i64, i64)>,
    Vec<(i64, i64)>,
);

/// The committee's vetoes (with reasons), overrides and locks.
fn pair_rules(conn: &Connection, program_id: i64) -> Result<PairRules> {
    let mut vetoes: HashMap<(i64, i64), String> = HashMap::new();
    let mut overrides: HashSet<(i64, i64)> = HashSet::new();
    let mut lock_ids: Vec<(i64, i64)> = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT participant_id, mentor_id, kind, reason FROM pair_rules WHERE program_id = ?1 ORDER BY id",
    )?;
    let rows: Vec<(i64, i64, String, String)> = stmt
        .query_map([program_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (p, m, kind, reason) in rows {
        match kind.as_str() {
            "veto" => {
                vetoes.insert((p, m), reason);
            }
            "override" => {
                overrides.insert((p, m));
            }
            _ => lock_ids.push((p, m)),
        }
    }
    Ok((vetoes, overrides, lock_ids))
}

fn library_aliases(conn: &Connection, program_id: i64) -> Result<HashMap<String, String>> {
    let mut stmt =
        conn.prepare("SELECT alias, canonical FROM library_aliases WHERE program_id = ?1")?;
    let rows = stmt.query_map([program_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    Ok(rows
        .map(|r| r.map(|(a, c)| (library_key(&a), library_key(&c))))
        .collect::<rusqlite::Result<_>>()?)
}

/// Pairs from the file's other programs, by email, so nobody gets the same mentor twice.
fn earlier_pairs(conn: &Connection, program_id: i64) -> Result<HashMap<(String, String), String>> {
    let mut stmt = conn.prepare(
        "SELECT lower(pp.email), lower(pm.email), pr.name FROM matches x
         JOIN people pp ON pp.id = x.participant_id
         JOIN people pm ON pm.id = x.mentor_id
         JOIN programs pr ON pr.id = x.program_id
         WHERE x.program_id != ?1 AND x.status IN ('confirmed', 'ended', 'completed')
           AND pp.email IS NOT NULL AND pm.email IS NOT NULL",
    )?;
    let rows = stmt.query_map([program_id], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Pairs of this program that ended early, by id (emails may be missing):
/// a re-matched participant never gets the same mentor again.
fn ended_here(conn: &Connection, program_id: i64) -> Result<Vec<(i64, i64, String)>> {
    let mut stmt = conn.prepare(
        "SELECT participant_id, mentor_id, coalesce(ended_on, '') FROM matches
         WHERE program_id = ?1 AND status = 'ended'",
    )?;
    let rows = stmt.query_map([program_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
