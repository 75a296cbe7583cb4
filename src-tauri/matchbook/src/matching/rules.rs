//! The committee's decisions about pairs: lock (always pair these two), veto
//! (never pair these two) and override (pair them although a hard rule says
//! no, with the reason written down).

use rusqlite::{params, Transaction};
use serde::Serialize;

use super::solve::load_problem;
use crate::error::{Error, Result};
use crate::people::Person;
use crate::store::Store;
use crate::time::{current_user, now_timestamp};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairRule {
    pub id: i64,
    pub participant_id: i64,
    pub participant: String,
    pub mentor_id: i64,
    pub mentor: String,
    pub kind: String,
    pub reason: String,
    pub created_at: String,
    pub created_by: String,
}

pub fn list_rules(store: &Store, program_id: i64) -> Result<Vec<PairRule>> {
    let mut stmt = store.conn().prepare(
        "SELECT r.id, r.participant_id, p.name, r.mentor_id, m.name, r.kind, r.reason, r.created_at, r.created_by
         FROM pair_rules r JOIN people p ON p.id = r.participant_id JOIN people m ON m.id = r.mentor_id
         WHERE r.program_id = ?1 ORDER BY r.id",
    )?;
    let rows = stmt.query_map([program_id], |r| {
        Ok(PairRule {
            id: r.get(0)?,
            participant_id: r.get(1)?,
            participant: r.get(2)?,
            mentor_id: r.get(3)?,
            mentor: r.get(4)?,
            kind: r.get(5)?,
            reason: r.get(6)?,
            created_at: r.get(7)?,
            created_by: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn insert_rule(
    tx: &Transaction<'_>,
    program_id: i64,
    p: i64,
    m: i64,
    kind: &str,
    reason: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO pair_rules (program_id, participant_id, mentor_id, kind, reason, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(participant_id, mentor_id, kind) DO UPDATE SET reason = excluded.reason",
        params![program_id, p, m, kind, reason.trim(), now_timestamp(), current_user()],
    )?;
    Ok(())
}

fn check_pair(participant: &Person, mentor: &Person, program_id: i64) -> Result<()> {
    if participant.program_id != program_id || mentor.program_id != program_id {
        return Err(Error::Invalid(
            "Both people must belong to the same program.".into(),
        ));
    }
    Ok(())
}

/// Locks a pair so every solve keeps it. A pair that breaks a hard rule
/// (same library, someone to avoid, paired before) needs a reason, which is
/// recorded as an override. Replaces the participant's earlier lock.
pub fn lock_pair(
    store: &mut Store,
    program_id: i64,
    participant: &Person,
    mentor: &Person,
    reason: &str,
) -> Result<()> {
    lock(store, program_id, participant, mentor, reason, false)
}

/// Locks a pair, giving the mentor one more place when theirs are all taken
/// (they agreed to one more mentee), in one step: both or neither.
pub fn lock_pair_with_new_place(
    store: &mut Store,
    program_id: i64,
    (participant, mentor): (&Person, &Person),
    reason: &str,
) -> Result<()> {
    lock(store, program_id, participant, mentor, reason, true)
}

fn lock(
    store: &mut Store,
    program_id: i64,
    participant: &Person,
    mentor: &Person,
    reason: &str,
    add_place: bool,
) -> Result<()> {
    check_pair(participant, mentor, program_id)?;
    let problem = load_problem(store, program_id)?;
    let p = problem.participant_index(participant.id).ok_or_else(|| {
        Error::Invalid(format!(
            "{} already has a confirmed mentor; end that match in Tracking before pairing them again.",
            participant.application.name
        ))
    })?;
    let m = problem
        .mentor_index(mentor.id)
        .ok_or_else(|| Error::NotFound("That mentor is not in this program.".into()))?;
    // The committee's own veto is lifted by locking; a hard rule behind it is not.
    let needs_override = problem.hard_rule(p, m).map(str::to_string);
    if let Some(why) = &needs_override {
        if reason.trim().is_empty() {
            return Err(Error::Invalid(format!(
                "{} and {} may not be paired: {why}. To pair them anyway, give the committee's reason.",
                participant.application.name, mentor.application.name
            )));
        }
    }
    let other_locks = problem
        .locks
        .iter()
        .filter(|&&(lp, lm)| lm == m && lp != p)
        .count() as u32;
    // Taking one more mentee: their offer grows by one place.
    let new_capacity = if add_place && other_locks >= problem.capacity[m] {
        // Room for everything already holding a place, plus this participant.
        let running = crate::people::running_matches(store.conn(), mentor.id)?;
        let wanted = running + other_locks + 1;
        if wanted > crate::people::MAX_CAPACITY {
            return Err(Error::Invalid(format!(
                "{} would have {wanted} mentees, more than Matchbook allows one mentor ({}).",
                mentor.application.name,
                crate::people::MAX_CAPACITY
            )));
        }
        Some(wanted)
    } else {
        None
    };
    if new_capacity.is_none() && problem.capacity[m] == 0 {
        let name = &mentor.application.name;
        let full = match problem.offered[m] {
            0 => format!("{name} can take no mentees"),
            1 => format!("{name} has no place left: their one place is taken by a running match"),
            n => format!("{name} has no place left: all {n} places are taken by running matches"),
        };
        return Err(Error::Invalid(format!(
            "{full}. If they agree to take one more mentee, change their number of mentees in their panel on Applications (or `matchbook people capacity`), or choose \"Give them one more place and pair\" on the Matching page."
        )));
    }
    if new_capacity.is_none() && other_locks >= problem.capacity[m] {
        return Err(Error::Invalid(format!(
            "{} has {} place{} left and {} already locked to them; unlock one first, or give them one more place.",
            mentor.application.name,
            problem.capacity[m],
            if problem.capacity[m] == 1 { "" } else { "s" },
            if other_locks == 1 { "one is".to_string() } else { format!("{other_locks} are") }
        )));
    }
    store.write(|tx| {
        // One lock per participant (its override goes with it); locking also
        // lifts a veto on the same pair.
        tx.execute(
            "DELETE FROM pair_rules WHERE participant_id = ?1
               AND (kind IN ('lock', 'override') OR (kind = 'veto' AND mentor_id = ?2))",
            params![participant.id, mentor.id],
        )?;
        if needs_override.is_some() {
            insert_rule(
                tx,
                program_id,
                participant.id,
                mentor.id,
                "override",
                reason,
            )?;
        }
        insert_rule(tx, program_id, participant.id, mentor.id, "lock", reason)?;
        if let Some(capacity) = new_capacity {
            crate::people::record_agreed_capacity(tx, mentor.id, capacity)?;
        }
        Ok(())
    })
}

/// Removes a lock (and the override that came with it).
pub fn unlock_pair(
    store: &mut Store,
    program_id: i64,
    participant: &Person,
    mentor: &Person,
) -> Result<()> {
    remove_rules(
        store,
        program_id,
        participant,
        mentor,
        &["lock", "override"],
        "locked together",
    )
}

/// Deletes the pair's rules of these kinds; says so when there were none.
fn remove_rules(
    store: &mut Store,
    program_id: i64,
    participant: &Person,
    mentor: &Person,
    kinds: &[&str],
    what: &str,
) -> Result<()> {
    check_pair(participant, mentor, program_id)?;
    let removed = store.write(|tx| {
        let mut n = 0;
        for kind in kinds {
            n += tx.execute(
                "DELETE FROM pair_rules WHERE participant_id = ?1 AND mentor_id = ?2 AND kind = ?3",
                params![participant.id, mentor.id, kind],
            )?;
        }
        Ok(n)
    })?;
    if removed == 0 {
        return Err(Error::NotFound(format!(
            "{} and {} are not {what}.",
            participant.application.name, mentor.application.name
        )));
    }
    Ok(())
}

/// Never pair these two; removes a lock on the same pair.
pub fn veto_pair(
    store: &mut Store,
    program_id: i64,
    participant: &Person,
    mentor: &Person,
    reason: &str,
) -> Result<()> {
    check_pair(participant, mentor, program_id)?;
    store.write(|tx| {
        tx.execute(
            "DELETE FROM pair_rules WHERE participant_id = ?1 AND mentor_id = ?2 AND kind IN ('lock', 'override')",
            params![participant.id, mentor.id],
        )?;
        insert_rule(tx, program_id, participant.id, mentor.id, "veto", reason)
    })
}

pub fn unveto_pair(
    store: &mut Store,
    program_id: i64,
    participant: &Person,
    mentor: &Person,
) -> Result<()> {
    remove_rules(store, program_id, participant, mentor, &["veto"], "vetoed")
}

/// Swaps the mentors of two participants in the current proposal and locks
/// both new pairs, so the next solve keeps the swap.
pub fn swap_pairs(
    store: &mut Store,
    program_id: i64,
    first: &Person,
    second: &Person,
) -> Result<()> {
    let view = super::versions::current_view(store, program_id)?
        .filter(|v| v.status == "proposal")
        .ok_or_else(|| {
            Error::Invalid("There is no proposal to swap in; compute matches first.".into())
        })?;
    let mentor_of = |id: i64| {
        view.pairs
            .iter()
            .find(|pair| pair.participant.id == id)
            .map(|pair| pair.mentor.id)
            .ok_or_else(|| {
                Error::Invalid(
                    "Both participants need a mentor in the proposal to swap them.".into(),
                )
            })
    };
    let (m1, m2) = (mentor_of(first.id)?, mentor_of(second.id)?);
    // A pair the committee locked is its decision: say so rather than undo it.
    for (person, mentor_id) in [(first, m1), (second, m2)] {
        let locked = view
            .pairs
            .iter()
            .find(|pair| pair.participant.id == person.id && pair.mentor.id == mentor_id)
            .is_some_and(|pair| pair.locked);
        if locked {
            let mentor = view
                .pairs
                .iter()
                .find(|pair| pair.mentor.id == mentor_id)
                .map(|pair| pair.mentor.name.clone())
                .unwrap_or_default();
            return Err(Error::Invalid(format!(
                "{} is locked with {mentor} by the committee. Unlock that pair first (Committee decisions), then swap.",
                person.application.name
            )));
        }
    }
    // Both new pairs must be allowed before anything changes; then one transaction.
    let problem = load_problem(store, program_id)?;
    for (person, mentor_id) in [(first, m2), (second, m1)] {
        let (Some(p), Some(m)) = (
            problem.participant_index(person.id),
            problem.mentor_index(mentor_id),
        ) else {
            return Err(Error::Invalid(
                "Both participants need a mentor in the proposal to swap them.".into(),
            ));
        };
        if let Some(why) = problem.reason(problem.cell(p, m)) {
            return Err(Error::Invalid(format!(
                "They cannot swap: {} and {} may not be paired ({why}). Pair them one by one with a reason instead.",
                person.application.name, problem.mentors[m].application.name
            )));
        }
    }
    store.write(|tx| {
        tx.execute(
            "DELETE FROM pair_rules WHERE kind IN ('lock', 'override') AND participant_id IN (?1, ?2)",
            params![first.id, second.id],
        )?;
        insert_rule(tx, program_id, first.id, m2, "lock", "Swapped")?;
        insert_rule(tx, program_id, second.id, m1, "lock", "Swapped")
    })
}
