//! The next best mentors for a participant in the current proposal, each
//! with the score lost by switching and why it was not chosen; and all of
//! them at once for the committee worksheet.

use std::collections::BTreeMap;

use super::problem::{mentor_is_full, Alternative, Goal, Problem};
use super::score::points;
use super::solve::load_problem;
use super::versions::{current_view, MatchView};
use super::PersonRef;
use crate::error::{Error, Result};
use crate::store::Store;

/// The next best mentors for a participant in the current proposal, with the
/// score lost by switching and why each was not chosen.
pub fn alternatives(
    store: &Store,
    program_id: i64,
    participant_id: i64,
    limit: usize,
) -> Result<Vec<Alternative>> {
    let problem = load_problem(store, program_id)?;
    let view = current_view(store, program_id)?.filter(|v| v.status == "proposal");
    let p = problem
        .participant_index(participant_id)
        .ok_or_else(|| Error::Invalid("This participant already has a confirmed mentor.".into()))?;
    Ok(alternatives_in(&problem, view.as_ref(), p, limit))
}

/// The alternatives of every participant in the proposal, for the committee worksheet.
pub fn worksheet(
    store: &Store,
    program_id: i64,
    limit: usize,
) -> Result<BTreeMap<i64, Vec<Alternative>>> {
    let problem = load_problem(store, program_id)?;
    let view = current_view(store, program_id)?.filter(|v| v.status == "proposal");
    Ok((0..problem.participants.len())
        .map(|p| {
            (
                problem.participants[p].id,
                alternatives_in(&problem, view.as_ref(), p, limit),
            )
        })
        .collect())
}

fn alternatives_in(
    problem: &Problem,
    view: Option<&MatchView>,
    p: usize,
    limit: usize,
) -> Vec<Alternative> {
    let participant_id = problem.participants[p].id;
    let current = view
        .and_then(|v| {
            v.pairs
                .iter()
                .find(|pair| pair.participant.id == participant_id)
        })
        .map(|pair| (pair.mentor.id, (pair.score * 10.0).round() as i64));
    let current_tenths = current.map_or(0, |c| c.1);
    let mut order: Vec<usize> = (0..problem.mentors.len())
        .filter(|&m| Some(problem.mentors[m].id) != current.map(|c| c.0))
        .collect();
    order.sort_by_key(|&m| {
        let cell = problem.cell(p, m);
        (
            cell.forbidden.is_some(),
            std::cmp::Reverse(cell.total_tenths()),
            m,
        )
    });
    order
        .into_iter()
        .take(limit)
        .map(|m| {
            let cell = problem.cell(p, m);
            let mentor = &problem.mentors[m];
            let mentees: Vec<PersonRef> = view
                .map(|v| {
                    v.pairs
                        .iter()
                        .filter(|pair| pair.mentor.id == mentor.id)
                        .map(|pair| pair.participant.clone())
                        .collect()
                })
                .unwrap_or_default();
            let why_not = if let Some(reason) = problem.reason(cell) {
                format!("Ruled out: {reason}")
            } else if problem.capacity[m] == 0 {
                "Full with confirmed mentees".to_string()
            } else if mentees.len() as u32 >= problem.capacity[m] {
                let names: Vec<&str> = mentees.iter().map(|m| m.name.as_str()).collect();
                format!("Full: capacity used by {}", names.join(", "))
            } else if view.is_some_and(|v| v.goal == Goal::Fairest) {
                "Has room, but the current choice keeps the weakest pair higher (or, at the same lowest score, the total higher)"
                    .to_string()
            } else if view.is_some_and(|v| v.goal == Goal::Stable) {
                "Has room, but preferred the participants it kept, and this participant preferred the mentor they got"
                    .to_string()
            } else if current.is_none() {
                "Has room, but the overall total is higher with this participant unmatched"
                    .to_string()
            } else {
                "Has room, but the overall total is higher with the current choice".to_string()
            };
            let places_left = problem.capacity[m];
            let locked_to_others = problem
                .locks
                .iter()
                .filter(|&&(lp, lm)| lm == m && lp != p)
                .count() as u32;
            Alternative {
                mentor: PersonRef::of(mentor),
                score: points(cell.total_tenths()),
                score_lost: points(current_tenths - cell.total_tenths()),
                allowed: cell.forbidden.is_none(),
                why_not,
                chips: problem.explain(p, m),
                mentees,
                capacity: problem.offered[m],
                places_left,
                locked_to_others,
                is_full: mentor_is_full(places_left, locked_to_others),
            }
        })
        .collect()
}
