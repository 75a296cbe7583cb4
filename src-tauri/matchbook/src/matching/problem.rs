//! The matching problem of a program: who still needs a mentor, who has room,
//! every pair's score or the reason it is ruled out; and its optimal solution.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::choices::{self, PairChoice};
use super::custom::CustomScoring;
use super::facts::load_facts;
pub use super::goal::Goal;
use super::score::{self, Features, Interner, PairScore, Weights};
use super::solver::{self, CostMatrix, FORBIDDEN};
use super::stable::{deferred_acceptance, market_by_preference};
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
    /// Per participant, "Waiting since …" when they are on the waiting list:
    /// they are placed before the others.
    pub waiting: Vec<Option<String>>,
    /// People the committee's rules leave out (not eligible…): name, reason.
    pub left_out: Vec<(String, String)>,
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
    /// What each side ranked, by (participant, mentor) index: read by the
    /// criterion "Their choice", the goal "No one would trade" and the figures.
    pub choices: HashMap<(usize, usize), PairChoice>,
    /// The share of the weight a 1st, 2nd and 3rd choice score (percent).
    pub choice_shares: [u8; 3],
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
        chips.extend(choices::chips(
            self.choice(p, m),
            &self.participants[p],
            &self.mentors[m],
        ));
        chips.extend(self.custom.explain(p, m));
        if let Some(flag) = &self.waiting[p] {
            chips.insert(0, format!("{flag}: matched first"));
        }
        chips
    }

    /// What the participant and the mentor ranked each other (nothing when neither did).
    pub fn choice(&self, p: usize, m: usize) -> PairChoice {
        self.choices.get(&(p, m)).copied().unwrap_or_default()
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
        let mut warnings = score::warnings(&self.cell(p, m).score, |c| self.asks(c));
        warnings.extend(self.custom.warnings(p, m));
        warnings
    }

    /// Whether the forms gave what a built-in criterion reads: an answer on
    /// both sides somewhere (a mentor asked for by name, for that one).
    pub fn asks(&self, c: score::Criterion) -> bool {
        let np = self.participants.len();
        match c {
            score::Criterion::RequestedMentor => self.cells.iter().any(|cell| cell.requested),
            score::Criterion::TheirChoice => !self.choices.is_empty(),
            _ => {
                self.features[..np].iter().any(|f| f.has_answer(c))
                    && self.features[np..].iter().any(|f| f.has_answer(c))
            }
        }
    }

    /// The most a pair can score under the program's criteria, in points. A
    /// built-in criterion the forms do not ask gives nobody points, so it
    /// does not count: a pair perfect on everything asked scores the most.
    pub fn most_points(&self) -> f64 {
        let built_in: u32 = score::Criterion::ALL
            .into_iter()
            .filter(|&c| self.asks(c))
            .map(|c| u32::from(self.weights.get(c)) * 10)
            .sum();
        score::points(i64::from(built_in + self.custom.most_tenths()))
    }

    /// Why a pair scores low: what it lacks, the mentor the participant
    /// asked for when it is someone else, and answers missing on one side.
    pub fn shortfalls(&self, p: usize, m: usize) -> Vec<String> {
        let cell = self.cell(p, m);
        let mut why = score::shortfalls(&cell.score, &self.weights);
        why.extend(self.custom.shortfalls(p, m));
        let asked_elsewhere = !cell.requested
            && self.weights.get(score::Criterion::RequestedMentor) > 0
            && (0..self.mentors.len()).any(|other| self.cell(p, other).requested);
        if asked_elsewhere {
            why.push("Asked for another mentor".into());
        }
        why.extend(self.warnings(p, m));
        why
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
    pub goal: Goal,
    pub pairs: Vec<(usize, usize, bool)>,
    pub unmatched: Vec<(usize, String)>,
    pub total_tenths: i64,
}

/// Reads the program's people, rules and confirmed matches and scores every pair.
pub fn load_problem(store: &Store, program_id: i64) -> Result<Problem> {
    let facts = load_facts(store, program_id)?;
    Ok(build_problem(program_id, facts))
}

/// Like [`load_problem`], scored with other weights for the built-in
/// criteria (those a saved version was computed with).
pub fn load_problem_weighted(store: &Store, program_id: i64, weights: Weights) -> Result<Problem> {
    let mut facts = load_facts(store, program_id)?;
    facts.weights = weights;
    Ok(build_problem(program_id, facts))
}

/// The assignment with the highest total score: locked pairs first, then the
/// solver over the rest. Among assignments with the same total, the one that
/// matches the most participants wins.
pub fn solve(problem: &Problem) -> Result<Solution> {
    solve_for(problem, Goal::Total)
}

/// The best assignment for a goal (see [`Goal`]).
pub fn solve_for(problem: &Problem, goal: Goal) -> Result<Solution> {
    let start = place_waiting(problem, place_locks(problem))?;
    if goal == Goal::Stable {
        return Ok(stable_solution(problem, start));
    }
    let highest_total = finish(problem, start.clone(), None, 0)?;
    if goal == Goal::Total {
        return Ok(highest_total);
    }
    // Fairness never leaves someone out: as many of the free participants
    // as the highest total matches, with every pair at the best floor.
    // (Waiting participants were placed before: they are not counted.)
    let placed_first = start.solution.pairs.iter().filter(|pair| !pair.2).count();
    let matched = highest_total.pairs.iter().filter(|pair| !pair.2).count() - placed_first;
    if matched == 0 {
        return Ok(Solution {
            goal,
            ..highest_total
        });
    }
    let best_floor = super::fairest::highest_floor(problem, &start.rows, &start.left, matched);
    // A locked pair below that floor is the lowest pair whatever happens:
    // holding the others to more than it would only cost total score.
    let locked_lowest = start
        .solution
        .pairs
        .iter()
        .map(|&(p, m, _)| problem.cell(p, m).total_tenths())
        .min();
    let floor = locked_lowest.map_or(best_floor, |l| l.min(best_floor));
    let mut solution = finish(problem, start, Some(floor), matched)?;
    solution.goal = goal;
    Ok(solution)
}

/// "No one would trade" for the participants the locks left: both sides
/// prefer their stated choices first, then by score
/// ([`choices::participant_key`], [`choices::mentor_key`]).
fn stable_solution(problem: &Problem, start: Start) -> Solution {
    let Start {
        mut solution,
        mut left,
        rows,
    } = start;
    let market = market_by_preference(
        &rows,
        &left,
        |p, m| choices::participant_key(problem, p, m),
        |p, m| choices::mentor_key(problem, p, m),
        |p, m| problem.cell(p, m).forbidden.is_none(),
    );
    let partners = deferred_acceptance(&market);
    place(
        problem,
        &mut solution,
        &mut left,
        &rows,
        partners.into_iter(),
    );
    solution.goal = Goal::Stable;
    solution
}

/// Locked pairs placed, and what is left for the solver.
#[derive(Clone)]
struct Start {
    solution: Solution,
    /// Places each mentor has left.
    left: Vec<u32>,
    /// Participants still to place.
    rows: Vec<usize>,
}

fn place_locks(problem: &Problem) -> Start {
    let np = problem.participants.len();
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
    let rows = (0..np).filter(|&p| !placed[p]).collect();
    Start {
        solution,
        left,
        rows,
    }
}

/// Participants on the waiting list take the places first: the solver
/// runs over them alone (the highest total among them), and the others share
/// what is left.
fn place_waiting(problem: &Problem, start: Start) -> Result<Start> {
    let (waiting, rows): (Vec<usize>, Vec<usize>) = start
        .rows
        .iter()
        .partition(|&&p| problem.waiting[p].is_some());
    if waiting.is_empty() {
        return Ok(start);
    }
    let first = finish(
        problem,
        Start {
            solution: Solution::default(),
            left: start.left.clone(),
            rows: waiting,
        },
        None,
        0,
    )?;
    let Start {
        mut solution,
        mut left,
        ..
    } = start;
    for &(p, m, locked) in &first.pairs {
        left[m] -= 1;
        solution.pairs.push((p, m, locked));
    }
    solution.total_tenths += first.total_tenths;
    solution.unmatched.extend(first.unmatched);
    Ok(Start {
        solution,
        left,
        rows,
    })
}

/// Solves the participants the locks left: the highest total (then the most
/// matched) using only pairs scoring `floor` or more, matching at least
/// `at_least` of them (the caller knows that many can be).
fn finish(
    problem: &Problem,
    start: Start,
    floor: Option<i64>,
    at_least: usize,
) -> Result<Solution> {
    let Start {
        mut solution,
        mut left,
        rows,
    } = start;
    let nm = problem.mentors.len();
    let r = rows.len();
    // Each mentor becomes one column per mentee they can still take (no more
    // columns than rows are ever useful).
    let slots: Vec<usize> = (0..nm)
        .flat_map(|m| std::iter::repeat_n(m, (left[m] as usize).min(r)))
        .collect();
    // Staying unmatched: a private column per row when anyone may, or
    // `r - at_least` shared ones when at least `at_least` must be matched.
    let shared_unmatched = if at_least == 0 {
        0
    } else {
        r.saturating_sub(at_least)
    };
    let cols = slots.len() + shared_unmatched;
    // value = score × (r + 1) + 1: a higher total always wins; on equal
    // totals, more participants matched wins. Costs are the negated values;
    // leaving a participant unmatched costs 0.
    let scale = r as i64 + 1;
    let mut costs = vec![FORBIDDEN; r * cols];
    for (row, &p) in rows.iter().enumerate() {
        let line = &mut costs[row * cols..(row + 1) * cols];
        for (k, &m) in slots.iter().enumerate() {
            let cell = problem.cell(p, m);
            let score = cell.total_tenths();
            if cell.forbidden.is_none() && floor.is_none_or(|f| score >= f) {
                line[k] = -(score * scale + 1);
            }
        }
        line[slots.len()..].fill(0);
    }
    let matrix = CostMatrix {
        rows: r,
        cols,
        cells: &costs,
    };
    let private = vec![if at_least == 0 { 0 } else { FORBIDDEN }; r];
    let assignment = solver::solve_with_private(&matrix, &private).map_err(|e| {
        Error::Invalid(format!(
            "The matching could not be computed ({e:?}). Please report this."
        ))
    })?;
    let mentors = assignment
        .iter()
        .map(|col| col.filter(|&c| c < slots.len()).map(|c| slots[c]));
    place(problem, &mut solution, &mut left, &rows, mentors);
    Ok(solution)
}

/// Pairs each of `rows` with the mentor found for it (or none, with the
/// reason), in participant order.
fn place(
    problem: &Problem,
    solution: &mut Solution,
    left: &mut [u32],
    rows: &[usize],
    mentors: impl Iterator<Item = Option<usize>>,
) {
    let mut unmatched_rows = Vec::new();
    for (&p, mentor) in rows.iter().zip(mentors) {
        match mentor {
            Some(m) => {
                left[m] -= 1;
                solution.pairs.push((p, m, false));
                solution.total_tenths += problem.cell(p, m).total_tenths();
            }
            None => unmatched_rows.push(p),
        }
    }
    for p in unmatched_rows {
        let why = unmatched_reason(problem, p, left);
        solution.unmatched.push((p, why));
    }
    solution.pairs.sort_by_key(|&(p, _, _)| p);
    solution.unmatched.sort_by_key(|(p, _)| *p);
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
                } else if r.ends_with("(must match)") {
                    // The committee's rule, in its words: which one rules them out.
                    r
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
