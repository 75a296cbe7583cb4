//! The matching problem of a program: who still needs a mentor, who has room,
//! every pair's score or the reason it is ruled out; and its optimal solution.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::custom::CustomScoring;
use super::facts::load_facts;
use super::score::{self, Features, Interner, PairScore, Weights};
use super::solver::{self, CostMatrix, FORBIDDEN};
use super::table::build_problem;
use super::PersonRef;
use crate::error::{Error, Result};
use crate::people::Person;
use crate::store::Store;

/// One participant–mentor pair as the solver and the screens see it.
#[derive(Debug, Clone, Copy)]
pub struct Cell {
    /// The built-in criteria's points.
    pub score: PairScore,
    /// The committee's own criteria's points, in tenths.
    pub custom: u32,
    pub requested: bool,
    /// Index into [`Problem::reasons`] when the pair is ruled out.
    pub forbidden: Option<u32>,
}

impl Cell {
    /// The pair's score in tenths of a point: built-in and own criteria.
    pub fn total_tenths(&self) -> i64 {
        self.score.total_tenths() + i64::from(self.custom)
    }
}

/// Everything needed to solve and explain one program's matching.
pub struct Problem {
    pub program_id: i64,
    pub weights: Weights,
    /// Participants without a confirmed mentor, in name order.
    pub participants: Vec<Person>,
    /// Every mentor, in name order.
    pub mentors: Vec<Person>,
    /// Mentees each mentor can still take (capacity minus confirmed matches).
    pub capacity: Vec<u32>,
    /// The capacity each mentor offered.
    pub offered: Vec<u32>,
    /// participants × mentors, row-major.
    pub cells: Vec<Cell>,
    pub reasons: Vec<String>,
    /// Committee locks among the participants still to match: (participant, mentor) indices.
    pub locks: Vec<(usize, usize)>,
    /// For vetoed pairs that a hard rule also rules out: that rule's reason,
    /// which still needs the committee's reason when the veto is lifted by a lock.
    pub rules_behind_vetoes: HashMap<(usize, usize), u32>,
    /// Names people wrote (to avoid, or as the mentor they asked for) that
    /// match nobody in the program: said before matching, never dropped silently.
    pub unknown_names: Vec<String>,
    pub(crate) features: Vec<Features>,
    pub(crate) interner: Interner,
    /// The committee's own criteria, read for every person.
    pub(crate) custom: CustomScoring,
}

impl Problem {
    pub fn cell(&self, p: usize, m: usize) -> &Cell {
        &self.cells[p * self.mentors.len() + m]
    }

    pub fn reason(&self, cell: &Cell) -> Option<&str> {
        cell.forbidden
            .and_then(|r| self.reasons.get(r as usize))
            .map(String::as_str)
    }

    /// The hard rule (same library, someone to avoid, paired before) that
    /// rules a pair out, leaving the committee's own veto aside.
    pub fn hard_rule(&self, p: usize, m: usize) -> Option<&str> {
        let cell = self.cell(p, m);
        let reason = self.reason(cell)?;
        if !reason.starts_with("Vetoed") {
            return Some(reason);
        }
        self.rules_behind_vetoes
            .get(&(p, m))
            .and_then(|&r| self.reasons.get(r as usize))
            .map(String::as_str)
    }

    /// The phrases behind a pair's score.
    pub fn explain(&self, p: usize, m: usize) -> Vec<String> {
        let cell = self.cell(p, m);
        let mut chips = score::explain(
            &self.features[p],
            &self.features[self.participants.len() + m],
            cell.requested,
            &self.interner,
        );
        chips.extend(self.custom.explain(p, m));
        chips
    }

    /// Each criterion's points for a pair: built-in ones by key, the
    /// committee's by label.
    pub fn breakdown(&self, p: usize, m: usize) -> BTreeMap<String, f64> {
        let cell = self.cell(p, m);
        let mut parts: BTreeMap<String, f64> = score::Criterion::ALL
            .into_iter()
            .map(|c| {
                (
                    c.key().to_string(),
                    score::points(i64::from(cell.score.part(c))),
                )
            })
            .collect();
        parts.extend(self.custom.breakdown(p, m));
        parts
    }

    /// The criteria a pair has no answer for on one side (built-in ones only
    /// where both forms asked for them at all).
    pub fn warnings(&self, p: usize, m: usize) -> Vec<String> {
        let np = self.participants.len();
        let asked = |c: score::Criterion| {
            self.features[..np].iter().any(|f| f.has_answer(c))
                && self.features[np..].iter().any(|f| f.has_answer(c))
        };
        let mut warnings = score::warnings(&self.cell(p, m).score, asked);
        warnings.extend(self.custom.warnings(p, m));
        warnings
    }

    pub fn participant_index(&self, id: i64) -> Option<usize> {
        self.participants.iter().position(|p| p.id == id)
    }

    pub fn mentor_index(&self, id: i64) -> Option<usize> {
        self.mentors.iter().position(|m| m.id == id)
    }
}

/// The optimal assignment: pairs (participant, mentor, locked) and the
/// participants left without a mentor, each with the reason.
#[derive(Debug, Clone, Default)]
pub struct Solution {
    pub pairs: Vec<(usize, usize, bool)>,
    pub unmatched: Vec<(usize, String)>,
    pub total_tenths: i64,
}

/// Reads the program's people, rules and confirmed matches and scores every pair.
pub fn load_problem(store: &Store, program_id: i64) -> Result<Problem> {
    let facts = load_facts(store, program_id)?;
    Ok(build_problem(program_id, facts))
}

/// The assignment with the highest total score: locked pairs first, then the
/// solver over the rest. Among assignments with the same total, the one that
/// matches the most participants wins.
pub fn solve(problem: &Problem) -> Result<Solution> {
    let (np, nm) = (problem.participants.len(), problem.mentors.len());
    let mut left = problem.capacity.clone();
    let mut solution = Solution::default();
    let mut placed = vec![false; np];
    for &(p, m) in &problem.locks {
        if placed[p] {
            continue;
        }
        placed[p] = true;
        // A rule may have appeared since the lock (a veto, a re-imported
        // library or name to avoid): the pair is not made behind the
        // committee's back, the participant waits with the reason.
        if let Some(why) = problem.reason(problem.cell(p, m)) {
            solution.unmatched.push((
                p,
                format!(
                    "Locked to {}, but the pair is now ruled out ({why}). Unlock it, or lock it again with the committee's reason",
                    problem.mentors[m].application.name
                ),
            ));
            continue;
        }
        if left[m] == 0 {
            solution.unmatched.push((
                p,
                format!(
                    "Locked to {}, who has no room left (capacity {})",
                    problem.mentors[m].application.name, problem.offered[m]
                ),
            ));
            continue;
        }
        left[m] -= 1;
        solution.pairs.push((p, m, true));
        solution.total_tenths += problem.cell(p, m).total_tenths();
    }

    let rows: Vec<usize> = (0..np).filter(|&p| !placed[p]).collect();
    let r = rows.len();
    // Each mentor becomes one column per mentee they can still take (no more
    // columns than rows are ever useful); each row may also stay unmatched.
    let slots: Vec<usize> = (0..nm)
        .flat_map(|m| std::iter::repeat_n(m, (left[m] as usize).min(r)))
        .collect();
    let cols = slots.len();
    // value = score × (r + 1) + 1: a higher total always wins; on equal
    // totals, more participants matched wins. Costs are the negated values;
    // leaving a participant unmatched costs 0.
    let scale = r as i64 + 1;
    let mut costs = vec![FORBIDDEN; r * cols];
    for (row, &p) in rows.iter().enumerate() {
        let line = &mut costs[row * cols..(row + 1) * cols];
        for (k, &m) in slots.iter().enumerate() {
            let cell = problem.cell(p, m);
            if cell.forbidden.is_none() {
                line[k] = -(cell.total_tenths() * scale + 1);
            }
        }
    }
    let matrix = CostMatrix {
        rows: r,
        cols,
        cells: &costs,
    };
    let assignment = solver::solve_with_private(&matrix, &vec![0; r]).map_err(|e| {
        Error::Invalid(format!(
            "The matching could not be computed ({e:?}). Please report this."
        ))
    })?;
    let mut unmatched_rows = Vec::new();
    for (row, col) in assignment.iter().enumerate() {
        let p = rows[row];
        match col {
            Some(col) => {
                let m = slots[*col];
                left[m] -= 1;
                solution.pairs.push((p, m, false));
                solution.total_tenths += problem.cell(p, m).total_tenths();
            }
            None => unmatched_rows.push(p),
        }
    }
    for p in unmatched_rows {
        let why = unmatched_reason(problem, p, &left);
        solution.unmatched.push((p, why));
    }
    solution.pairs.sort_by_key(|&(p, _, _)| p);
    solution.unmatched.sort_by_key(|(p, _)| *p);
    Ok(solution)
}

fn unmatched_reason(problem: &Problem, p: usize, left: &[u32]) -> String {
    let allowed: Vec<usize> = (0..problem.mentors.len())
        .filter(|&m| problem.cell(p, m).forbidden.is_none())
        .collect();
    if problem.mentors.is_empty() {
        return "There are no mentors in this program yet".into();
    }
    if allowed.is_empty() {
        let mut why: Vec<&str> = (0..problem.mentors.len())
            .filter_map(|m| problem.reason(problem.cell(p, m)))
            .map(|r| {
                if r.starts_with("Same library") {
                    "same library"
                } else if r.starts_with("Vetoed") {
                    "vetoed"
                } else if r.starts_with("Already paired") {
                    "paired before"
                } else {
                    "asked not to be paired"
                }
            })
            .collect();
        why.sort_unstable();
        why.dedup();
        return format!("Every mentor is ruled out for them ({})", why.join(", "));
    }
    let mut full: Vec<usize> = allowed.iter().copied().filter(|&m| left[m] == 0).collect();
    if full.len() == allowed.len() {
        full.sort_by_key(|&m| std::cmp::Reverse(problem.cell(p, m).total_tenths()));
        let names: Vec<String> = full
            .iter()
            .take(3)
            .map(|&m| {
                format!(
                    "{} ({}/{})",
                    problem.mentors[m].application.name, problem.offered[m], problem.offered[m]
                )
            })
            .collect();
        let more = full.len().saturating_sub(3);
        return format!(
            "No mentor with room left: every mentor who could take them is full ({}{})",
            names.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        );
    }
    "The mentors with room left are better used for other participants".into()
}

/// Another mentor a participant could have had, and why they did not.
#[derive(Debug, Clone, Serialize)]
pub struct Alternative {
    pub mentor: PersonRef,
    pub score: f64,
    /// The current pair's score minus this one (negative: this one scores higher).
    pub score_lost: f64,
    /// False when a hard rule rules the pair out (pairing needs an override).
    pub allowed: bool,
    pub why_not: String,
    pub chips: Vec<String>,
    /// The participants this mentor has in the proposal (to swap with).
    pub mentees: Vec<PersonRef>,
    /// The mentees the mentor offered to take, the places running matches
    /// leave, and how many of those the committee locked to other participants.
    pub capacity: u32,
    pub places_left: u32,
    pub locked_to_others: u32,
    /// [`mentor_is_full`]: pairing needs one more place, which the mentor agrees to.
    pub is_full: bool,
}

/// A mentor is full for a participant when running matches and locks to
/// other participants take every place they have.
pub fn mentor_is_full(places_left: u32, locked_to_others: u32) -> bool {
    places_left <= locked_to_others
}

/// What the committee should know before solving: too few places, and areas
/// many participants want but few mentors offer.
#[derive(Debug, Clone, Serialize)]
pub struct Gaps {
    pub participants: usize,
    pub mentors: usize,
    pub places: u32,
    /// Some mentor has a place left, so computing can pair someone.
    pub room_left: bool,
    pub messages: Vec<String>,
    pub areas: Vec<AreaGap>,
    /// Each of the committee's hard rules (must-match, avoid) and how many
    /// participants it alone leaves without any possible mentor.
    pub hard_rules: Vec<RuleImpact>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleImpact {
    pub criterion_id: i64,
    pub label: String,
    pub stranded: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct AreaGap {
    pub area: String,
    pub wanted: usize,
    pub offered: usize,
}

pub fn gap_analysis(problem: &Problem) -> Gaps {
    let places: u32 = problem.capacity.iter().sum();
    let np = problem.participants.len();
    let mut messages = Vec::new();
    if places == 0 && np > 0 {
        messages.push(format!(
            "{} still need{} a mentor but no mentor has room left. Ask a mentor to take one more mentee (change it in their panel on Applications) or import more mentors.",
            if np == 1 { "1 participant".to_string() } else { format!("{np} participants") },
            if np == 1 { "s" } else { "" }
        ));
    } else if np as u64 > u64::from(places) {
        messages.push(format!(
            "{np} participants need a mentor but mentors have {}: at least {} will stay unmatched. Ask mentors to take more mentees (change it in a mentor's panel on Applications) or recruit more mentors.",
            if places == 1 { "1 place".to_string() } else { format!("{places} places") },
            np as u64 - u64::from(places)
        ));
    }
    let mut counts: BTreeMap<String, (String, usize, usize)> = BTreeMap::new();
    for p in &problem.participants {
        for a in unique_answers(&p.application.lists.areas) {
            counts.entry(a.0).or_insert((a.1, 0, 0)).1 += 1;
        }
    }
    for (m, &cap) in problem.mentors.iter().zip(&problem.capacity) {
        if cap == 0 {
            continue;
        }
        for a in unique_answers(&m.application.lists.areas) {
            counts.entry(a.0).or_insert((a.1, 0, 0)).2 += 1;
        }
    }
    let mut areas: Vec<AreaGap> = counts
        .into_values()
        .filter(|(_, wanted, _)| *wanted > 0)
        .map(|(area, wanted, offered)| AreaGap {
            area,
            wanted,
            offered,
        })
        .collect();
    // Shortest supply first: most participants per offering mentor.
    areas.sort_by(|a, b| {
        let ra = a.wanted as f64 / (a.offered as f64 + 0.5);
        let rb = b.wanted as f64 / (b.offered as f64 + 0.5);
        rb.total_cmp(&ra).then(a.area.cmp(&b.area))
    });
    for a in areas.iter().filter(|_| places > 0) {
        if a.wanted >= 3 && a.wanted >= 3 * a.offered {
            messages.push(format!(
                "{} participants want {}; {} offer{} it.",
                a.wanted,
                a.area,
                match a.offered {
                    0 => "no mentors".to_string(),
                    1 => "1 mentor".to_string(),
                    n => format!("{n} mentors"),
                },
                if a.offered == 1 { "s" } else { "" }
            ));
        }
    }
    if places > 0 {
        messages.extend(problem.custom.gaps(&problem.capacity));
    }
    messages.extend(problem.unknown_names.iter().cloned());
    let hard_rules = problem
        .custom
        .rule_impact(problem.mentors.len())
        .into_iter()
        .map(|(criterion_id, label, stranded)| RuleImpact {
            criterion_id,
            label,
            stranded,
        })
        .collect();
    Gaps {
        hard_rules,
        participants: np,
        mentors: problem.mentors.len(),
        places,
        room_left: places > 0,
        messages,
        areas,
    }
}

fn unique_answers(answers: &[String]) -> Vec<(String, String)> {
    let mut seen = HashSet::new();
    answers
        .iter()
        .filter_map(|a| {
            let key = score::normalize_answer(a);
            (!key.is_empty() && seen.insert(key.clone())).then(|| (key, a.trim().to_string()))
        })
        .collect()
}
