//! Group mentoring: a mentor meets a group of participants together. The
//! groups come from the one-to-one assignment with each mentor's places
//! capped at the largest group (and mentors who cannot take the smallest
//! group left out); then, while some group is smaller than the smallest
//! size, the mentor of the smallest such group (fewest points on a tie) is
//! left out and the assignment is solved again, so its participants go to
//! mentors with room. Each group keeps its pairs in `matches` (letters,
//! tracking and ending work per member) and is stored as a group.

use std::collections::BTreeMap;

use super::groups::{save_groups, NewGroup};
use super::problem::{Goal, Problem};
use super::score::points;
use super::solve::{solve_for, Solution};
use super::versions::{run_pairs, MatchView};
use crate::error::Result;
use crate::programs::Program;
use crate::store::Store;

/// Computes and saves a proposal of mentors' groups.
pub(super) fn run(store: &mut Store, program: &Program, goal: Goal) -> Result<MatchView> {
    let (min, max) = (program.group_min, program.group_max);
    run_pairs(
        store,
        program.id,
        goal,
        |problem| solve_in_groups(problem, goal, min, max),
        |tx, version_id, problem, solution| {
            save_groups(tx, program.id, version_id, &groups_of(problem, solution))
        },
    )
}

/// The assignment with every mentor's group between `min` and `max` (and
/// within their places); mentors left without a group take nobody.
pub(super) fn solve_in_groups(
    problem: &mut Problem,
    goal: Goal,
    min: u32,
    max: u32,
) -> Result<Solution> {
    // A mentor's lock keeps them in, whatever the size of their group.
    let locked: Vec<usize> = problem.locks.iter().map(|&(_, m)| m).collect();
    for (m, places) in problem.capacity.iter_mut().enumerate() {
        *places = (*places).min(max);
        if *places < min && !locked.contains(&m) {
            *places = 0;
        }
    }
    loop {
        let solution = solve_for(problem, goal)?;
        let mut sizes: BTreeMap<usize, (u32, i64)> = BTreeMap::new();
        for &(p, m, _) in &solution.pairs {
            let entry = sizes.entry(m).or_default();
            entry.0 += 1;
            entry.1 += problem.cell(p, m).total_tenths();
        }
        let too_small = sizes
            .iter()
            .filter(|(m, (size, _))| *size < min && !locked.contains(m))
            .min_by_key(|(m, (size, tenths))| (*size, *tenths, **m))
            .map(|(m, _)| *m);
        match too_small {
            Some(m) => problem.capacity[m] = 0,
            None => return Ok(solution),
        }
    }
}

/// One group per mentor with participants, and why: what most members
/// share with their mentor.
fn groups_of(problem: &Problem, solution: &Solution) -> Vec<NewGroup> {
    let mut by_mentor: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &(p, m, _) in &solution.pairs {
        by_mentor.entry(m).or_default().push(p);
    }
    by_mentor
        .into_iter()
        .map(|(m, members)| {
            let mut chips: BTreeMap<String, usize> = BTreeMap::new();
            for &p in &members {
                for chip in problem.explain(p, m) {
                    *chips.entry(chip).or_default() += 1;
                }
            }
            let size = members.len();
            let mut common: Vec<(String, usize)> = chips.into_iter().collect();
            common.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let reasons = common
                .into_iter()
                .take(4)
                .map(|(chip, n)| {
                    if n == size {
                        format!("All {size}: {chip}")
                    } else {
                        format!("{n} of {size}: {chip}")
                    }
                })
                .collect();
            let tenths: i64 = members
                .iter()
                .map(|&p| problem.cell(p, m).total_tenths())
                .sum();
            NewGroup {
                mentor: Some(problem.mentors[m].id),
                members: members
                    .iter()
                    .map(|&p| problem.participants[p].id)
                    .collect(),
                reasons,
                score: points(tenths),
            }
        })
        .collect()
}
