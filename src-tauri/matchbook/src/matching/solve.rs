//! Loading a program's matching problem and solving it for a goal: the
//! committee's locks first, then the waiting list, then the solver over the
//! rest (the fairest floor or the stable market when the goal asks).

use super::facts::load_facts;
use super::goal::Goal;
use super::problem::Problem;
use super::score::Weights;
use super::solver::{self, CostMatrix, FORBIDDEN};
use super::stable::{deferred_acceptance, market_by_preference};
use super::table::build_problem;
use crate::error::{Error, Result};
use crate::store::Store;

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
/// ([`Problem::participant_key`], [`Problem::mentor_key`]).
fn stable_solution(problem: &Problem, start: Start) -> Solution {
    let Start {
        mut solution,
        mut left,
        rows,
    } = start;
    let market = market_by_preference(
        &rows,
        &left,
        |p, m| problem.participant_key(p, m),
        |p, m| problem.mentor_key(p, m),
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
