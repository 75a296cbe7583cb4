//! Proposals as versions: every "Compute matches" is kept; confirming one
//! turns its pairs into the program's matches.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::gaps::{gap_analysis, Gaps};
use super::groups::{read_groups, GroupView};
use super::problem::{Goal, Problem};
use super::score::points;
use super::solve::{load_problem, Solution};
use super::PersonRef;
use crate::error::{Error, Result};
use crate::people::{list_people, Person};
use crate::store::Store;
use crate::time::{current_user, now_timestamp};

/// One pair as the screens and the command line show it.
#[derive(Debug, Clone, Serialize)]
pub struct PairView {
    pub match_id: i64,
    pub participant: PersonRef,
    pub mentor: PersonRef,
    pub score: f64,
    pub locked: bool,
    pub status: String,
    pub breakdown: BTreeMap<String, f64>,
    pub chips: Vec<String>,
    pub warnings: Vec<String>,
    pub confirmed_at: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnmatchedView {
    pub participant: PersonRef,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MentorLoad {
    pub mentor: PersonRef,
    pub capacity: u32,
    pub mentees: Vec<String>,
}

/// A proposal (the newest computed version) or the confirmed matches.
#[derive(Debug, Clone, Serialize)]
pub struct MatchView {
    pub version_id: Option<i64>,
    /// "proposal" or "confirmed".
    pub status: String,
    /// What the computation optimised (confirmed matches: the goal of the
    /// version confirmed last).
    pub goal: Goal,
    pub created_at: Option<String>,
    pub total_score: f64,
    pub pairs: Vec<PairView>,
    pub unmatched: Vec<UnmatchedView>,
    pub mentors: Vec<MentorLoad>,
    /// Mentors with room for a mentee that nobody was given.
    pub mentors_without_mentee: Vec<PersonRef>,
    pub gaps: Option<Gaps>,
    /// How many of its participants' ranked choices it honours (None when nobody stated choices).
    pub choices: Option<super::ChoiceFigures>,
    /// A shared program's proposal computed before other members' changes arrived.
    pub stale: Option<String>,
    /// A mentor's groups or peer circles (empty in a one-to-one program).
    pub groups: Vec<GroupView>,
}

impl MatchView {
    /// Participants it places: paired with a mentor, or in a peer circle.
    pub fn placed(&self) -> usize {
        self.pairs.len()
            + self
                .groups
                .iter()
                .filter(|g| g.mentor.is_none())
                .map(|g| g.members.len())
                .sum::<usize>()
    }
}

#[derive(Serialize, Deserialize)]
struct StoredDetail {
    breakdown: BTreeMap<String, f64>,
    chips: Vec<String>,
    warnings: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct StoredUnmatched {
    participant_id: i64,
    reason: String,
}

/// Computes pairs for `goal` (`solve` may reshape the problem first, as
/// groups do) and saves them as the program's new proposal, with what
/// `extra` adds in the same transaction. Earlier proposals are kept as
/// superseded versions.
pub(super) fn run_pairs(
    store: &mut Store,
    program_id: i64,
    goal: Goal,
    solve: impl FnOnce(&mut Problem) -> Result<Solution>,
    extra: impl FnOnce(&Transaction<'_>, i64, &Problem, &Solution) -> Result<()>,
) -> Result<MatchView> {
    let mut problem = load_problem(store, program_id)?;
    if problem.participants.is_empty() {
        return Err(Error::Invalid(
            "Every participant in this program already has a confirmed mentor (or there are no participants yet). Import participant applications first."
                .into(),
        ));
    }
    if problem.mentors.is_empty() {
        return Err(Error::Invalid(
            "This program has no mentors yet. Import the mentor applications first.".into(),
        ));
    }
    let solution = solve(&mut problem)?;
    let unmatched: Vec<(i64, String)> = solution
        .unmatched
        .iter()
        .map(|(p, reason)| (problem.participants[*p].id, reason.clone()))
        .collect();
    store.write(|tx| {
        let version_id = save_version(
            tx,
            program_id,
            &problem.weights,
            points(solution.total_tenths),
            &unmatched,
            goal,
        )?;
        let mut insert = tx.prepare(
            "INSERT INTO matches (program_id, version_id, participant_id, mentor_id, score, breakdown_json, locked, status)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'proposed')",
        )?;
        for &(p, m, locked) in &solution.pairs {
            let cell = problem.cell(p, m);
            let detail = StoredDetail {
                breakdown: problem.breakdown(p, m),
                chips: problem.explain(p, m),
                warnings: problem.warnings(p, m),
            };
            insert.execute(params![
                program_id,
                version_id,
                problem.participants[p].id,
                problem.mentors[m].id,
                points(cell.total_tenths()),
                serde_json::to_string(&detail).unwrap_or_else(|_| "{}".into()),
                locked,
            ])?;
        }
        extra(tx, version_id, &problem, &solution)
    })?;
    let mut view = current_view(store, program_id)?.ok_or_else(|| {
        Error::Invalid("The proposal was saved but could not be read back.".into())
    })?;
    view.gaps = Some(gap_analysis(&problem));
    Ok(view)
}

/// Saves a new proposal (the program's earlier ones superseded) and returns
/// its id; `unmatched` are person ids with the reason.
pub(super) fn save_version(
    tx: &Transaction<'_>,
    program_id: i64,
    weights: &super::Weights,
    total: f64,
    unmatched: &[(i64, String)],
    goal: Goal,
) -> Result<i64> {
    let weights_json = serde_json::to_string(weights).map_err(|e| Error::Invalid(e.to_string()))?;
    let unmatched: Vec<StoredUnmatched> = unmatched
        .iter()
        .map(|(id, reason)| StoredUnmatched {
            participant_id: *id,
            reason: reason.clone(),
        })
        .collect();
    let unmatched_json =
        serde_json::to_string(&unmatched).map_err(|e| Error::Invalid(e.to_string()))?;
    tx.execute(
        "UPDATE match_versions SET status = 'superseded' WHERE program_id = ?1 AND status = 'proposal'",
        [program_id],
    )?;
    tx.execute(
        "INSERT INTO match_versions (program_id, created_at, created_by, status, weights_json, total_score, unmatched_json, goal, goal_name)
         VALUES (?1, ?2, ?3, 'proposal', ?4, ?5, ?6, ?7, ?8)",
        params![program_id, now_timestamp(), current_user(), weights_json, total, unmatched_json, goal.legacy_key(), goal.key()],
    )?;
    Ok(tx.last_insert_rowid())
}

/// The newest proposal if there is one, else the confirmed matches (None when neither exists).
pub fn current_view(store: &Store, program_id: i64) -> Result<Option<MatchView>> {
    let proposal: Option<i64> = store
        .conn()
        .query_row(
            "SELECT id FROM match_versions
             WHERE program_id = ?1 AND status = 'proposal' ORDER BY id DESC LIMIT 1",
            [program_id],
            |r| r.get(0),
        )
        .optional()?;
    match proposal {
        Some(id) => {
            let view = version_view(store, program_id, id)?;
            Ok(Some(view))
        }
        None => {
            let view = build_view(store, program_id, None, "confirmed", None, "[]")?;
            Ok((!view.pairs.is_empty() || !view.groups.is_empty()).then_some(view))
        }
    }
}

/// The confirmed matches of a program, whatever proposal is pending.
pub fn confirmed_view(store: &Store, program_id: i64) -> Result<MatchView> {
    build_view(store, program_id, None, "confirmed", None, "[]")
}

/// Any computed version of the program, with its pairs as saved.
pub fn version_view(store: &Store, program_id: i64, version_id: i64) -> Result<MatchView> {
    let (status, created_at, unmatched_json): (String, String, String) = store
        .conn()
        .query_row(
            "SELECT status, created_at, unmatched_json FROM match_versions
             WHERE program_id = ?1 AND id = ?2",
            params![program_id, version_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| {
            Error::NotFound(format!(
                "There is no computed version {version_id} in this program. See them with: matchbook match versions"
            ))
        })?;
    build_view(
        store,
        program_id,
        Some(version_id),
        &status,
        Some(created_at),
        &unmatched_json,
    )
}

/// The built-in weights a version was computed with.
pub(super) fn version_weights(
    store: &Store,
    program_id: i64,
    version_id: i64,
) -> Result<Option<super::Weights>> {
    let json: Option<String> = store
        .conn()
        .query_row(
            "SELECT weights_json FROM match_versions WHERE program_id = ?1 AND id = ?2",
            params![program_id, version_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}

fn build_view(
    store: &Store,
    program_id: i64,
    version_id: Option<i64>,
    status: &str,
    created_at: Option<String>,
    unmatched_json: &str,
) -> Result<MatchView> {
    let people: HashMap<i64, Person> = list_people(store, program_id, None)?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let person = |id: i64| {
        people.get(&id).map(PersonRef::of).unwrap_or(PersonRef {
            id,
            name: "(removed)".into(),
            email: None,
            library: String::new(),
        })
    };
    let mut stmt = store.conn().prepare(
        "SELECT id, participant_id, mentor_id, score, breakdown_json, locked, status, confirmed_at FROM matches
         WHERE program_id = ?1 AND ((?2 IS NOT NULL AND version_id = ?2) OR (?2 IS NULL AND status = 'confirmed'))",
    )?;
    let rows = stmt.query_map(params![program_id, version_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, f64>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, bool>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, Option<String>>(7)?,
        ))
    })?;
    let mut pairs = Vec::new();
    for row in rows {
        let (match_id, p, m, score, detail_json, locked, status, confirmed_at) = row?;
        let detail: StoredDetail = serde_json::from_str(&detail_json).unwrap_or(StoredDetail {
            breakdown: BTreeMap::new(),
            chips: vec![],
            warnings: vec![],
        });
        pairs.push(PairView {
            match_id,
            participant: person(p),
            mentor: person(m),
            score,
            locked,
            status,
            breakdown: detail.breakdown,
            chips: detail.chips,
            warnings: detail.warnings,
            confirmed_at,
        });
    }
    pairs.sort_by(|a, b| {
        a.participant
            .name
            .to_lowercase()
            .cmp(&b.participant.name.to_lowercase())
            .then(a.participant.id.cmp(&b.participant.id))
    });
    let groups = read_groups(store, program_id, version_id, &person)?;
    // Tenths are exact; summing them avoids float drift in the total. Peer
    // circles have no pairs: their total is their circles'.
    let total_tenths: i64 = if pairs.is_empty() {
        groups.iter().map(|g| (g.score * 10.0).round() as i64).sum()
    } else {
        pairs.iter().map(|p| (p.score * 10.0).round() as i64).sum()
    };
    let unmatched: Vec<StoredUnmatched> = serde_json::from_str(unmatched_json).unwrap_or_default();
    let unmatched: Vec<UnmatchedView> = unmatched
        .into_iter()
        .map(|u| UnmatchedView {
            participant: person(u.participant_id),
            reason: u.reason,
        })
        .collect();
    let mut mentors: Vec<&Person> = people
        .values()
        .filter(|p| p.role == crate::people::Role::Mentor)
        .collect();
    mentors.sort_by(|a, b| {
        a.application
            .name
            .to_lowercase()
            .cmp(&b.application.name.to_lowercase())
            .then(a.id.cmp(&b.id))
    });
    // A proposal adds to the running confirmed pairs: their mentees count
    // in every mentor's load (a mentor of a re-match is not idle).
    let mut running: HashMap<i64, Vec<String>> = HashMap::new();
    if version_id.is_some() {
        let mut stmt = store.conn().prepare(
            "SELECT mentor_id, participant_id FROM matches
             WHERE program_id = ?1 AND status = 'confirmed' AND version_id IS NOT ?2",
        )?;
        let rows = stmt.query_map(params![program_id, version_id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (m, p) = row?;
            running
                .entry(m)
                .or_default()
                .push(format!("{} (confirmed)", person(p).name));
        }
    }
    let mut loads = Vec::new();
    let mut idle = Vec::new();
    for m in mentors {
        let mut mentees: Vec<String> = running.remove(&m.id).unwrap_or_default();
        mentees.extend(
            pairs
                .iter()
                .filter(|pair| pair.mentor.id == m.id)
                .map(|pair| pair.participant.name.clone()),
        );
        if mentees.is_empty() {
            idle.push(PersonRef::of(m));
        }
        loads.push(MentorLoad {
            mentor: PersonRef::of(m),
            capacity: m.places(),
            mentees,
        });
    }
    // Confirmed matches carry the goal of the version confirmed last.
    let goal: Option<String> = store
        .conn()
        .query_row(
            "SELECT coalesce(goal_name, goal) FROM match_versions WHERE program_id = ?1
             AND ((?2 IS NOT NULL AND id = ?2) OR (?2 IS NULL AND status = 'confirmed'))
             ORDER BY id DESC LIMIT 1",
            params![program_id, version_id],
            |r| r.get(0),
        )
        .optional()?;
    let choices = super::choices::participant_ranks(store, program_id)?.map(|ranks| {
        let placed = pairs
            .iter()
            .map(|pair| (pair.participant.id, Some(pair.mentor.id)))
            .chain(unmatched.iter().map(|u| (u.participant.id, None)));
        super::ChoiceFigures::count(placed, &ranks)
    });
    Ok(MatchView {
        choices,
        version_id,
        status: status.to_string(),
        goal: goal.as_deref().and_then(Goal::parse).unwrap_or_default(),
        created_at,
        total_score: points(total_tenths),
        pairs,
        unmatched,
        mentors: loads,
        mentors_without_mentee: idle,
        gaps: None,
        groups,
        stale: match (status, version_id) {
            ("proposal", Some(id)) => super::stale::stale_proposal(store, id)?,
            _ => None,
        },
    })
}

/// What confirming did.
#[derive(Debug, Clone, Serialize)]
pub struct ConfirmReport {
    pub version_id: i64,
    pub confirmed: usize,
    pub confirmed_at: String,
    /// Participants the confirmed pairs leave without a mentor, now on the waiting list.
    pub waiting: usize,
}

/// Turns the newest proposal into the program's matches.
pub fn confirm(store: &mut Store, program_id: i64) -> Result<ConfirmReport> {
    let version_id: i64 = store
        .conn()
        .query_row(
            "SELECT id FROM match_versions WHERE program_id = ?1 AND status = 'proposal' ORDER BY id DESC LIMIT 1",
            [program_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::Invalid("There is no proposal to confirm. Compute matches first.".into()))?;
    let now = now_timestamp();
    let actor = current_user();
    let left_out = super::waiting::left_out_by(store, program_id, version_id)?;
    store.backup("before confirming matches")?;
    let (confirmed, waiting) = store.write(|tx| {
        let clash: Option<String> = tx
            .query_row(
                "SELECT p.name FROM matches x JOIN people p ON p.id = x.participant_id
                 WHERE x.version_id = ?1 AND EXISTS (
                     SELECT 1 FROM matches y WHERE y.participant_id = x.participant_id AND y.status = 'confirmed')
                 LIMIT 1",
                [version_id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(name) = clash {
            return Err(Error::Invalid(format!(
                "{name} already has a confirmed mentor, so this proposal is out of date. Compute matches again, then confirm."
            )));
        }
        // Committee decisions taken after computing must not be skipped by confirming.
        let vetoed: Option<(String, String)> = tx
            .query_row(
                "SELECT p.name, m.name FROM matches x JOIN pair_rules r
                   ON r.participant_id = x.participant_id AND r.mentor_id = x.mentor_id AND r.kind = 'veto'
                 JOIN people p ON p.id = x.participant_id JOIN people m ON m.id = x.mentor_id
                 WHERE x.version_id = ?1 LIMIT 1",
                [version_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((p, m)) = vetoed {
            return Err(Error::Invalid(format!(
                "{p} and {m} were vetoed after this proposal was computed. Compute matches again, then confirm."
            )));
        }
        let unlocked: Option<(String, String)> = tx
            .query_row(
                "SELECT p.name, m.name FROM pair_rules r
                 JOIN people p ON p.id = r.participant_id JOIN people m ON m.id = r.mentor_id
                 WHERE r.program_id = ?2 AND r.kind = 'lock' AND m.role = 'mentor'
                   AND NOT EXISTS (SELECT 1 FROM matches c WHERE c.participant_id = r.participant_id AND c.status = 'confirmed')
                   AND NOT EXISTS (SELECT 1 FROM matches x WHERE x.version_id = ?1
                                   AND x.participant_id = r.participant_id AND x.mentor_id = r.mentor_id)
                 LIMIT 1",
                params![version_id, program_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((p, m)) = unlocked {
            return Err(Error::Invalid(format!(
                "{p} was locked with {m} after this proposal was computed. Compute matches again, then confirm."
            )));
        }
        let pairs = tx.execute(
            "UPDATE matches SET status = 'confirmed', confirmed_at = ?2 WHERE version_id = ?1",
            params![version_id, now],
        )?;
        // Peer circles have no pairs: their members are what is confirmed.
        let n = if pairs > 0 {
            pairs
        } else {
            tx.query_row(
                "SELECT count(*) FROM match_group_members m JOIN match_groups g ON g.id = m.group_id
                 WHERE g.version_id = ?1",
                [version_id],
                |r| r.get::<_, i64>(0),
            )? as usize
        };
        tx.execute(
            "INSERT INTO match_events (match_id, at, actor, action, detail)
             SELECT id, ?2, ?3, 'confirmed', 'Confirmed by the committee' FROM matches WHERE version_id = ?1",
            params![version_id, now, actor],
        )?;
        tx.execute(
            "UPDATE match_versions SET status = 'confirmed', confirmed_at = ?2 WHERE id = ?1",
            params![version_id, now],
        )?;
        // Locks did their job; confirmed pairs are fixed from now on.
        tx.execute(
            "DELETE FROM pair_rules WHERE kind = 'lock' AND (participant_id IN (SELECT participant_id FROM matches WHERE version_id = ?1)
                 OR participant_id IN (SELECT m.person_id FROM match_group_members m JOIN match_groups g ON g.id = m.group_id WHERE g.version_id = ?1))",
            [version_id],
        )?;
        let waiting = super::waiting::record(tx, program_id, &left_out, &now)?;
        Ok((n, waiting))
    })?;
    Ok(ConfirmReport {
        version_id,
        confirmed,
        confirmed_at: now,
        waiting,
    })
}
