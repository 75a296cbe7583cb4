//! Computing a program's proposal in its shape: pairs (one-to-one), a
//! mentor with a group, or peer circles; and computing it again after the
//! committee locked or vetoed.

use std::collections::HashMap;

use serde::Serialize;

use super::problem::Goal;
use super::solve::solve_for;
use super::versions::{current_view, run_pairs, MatchView};
use crate::error::Result;
use crate::programs::{get_program, Shape};
use crate::store::Store;

/// Computes the best proposal for `goal` in the program's shape under the
/// current weights, rules and locks, and saves it as the program's new
/// proposal. Earlier proposals are kept as superseded versions.
pub fn run(store: &mut Store, program_id: i64, goal: Goal) -> Result<MatchView> {
    let program = get_program(store, program_id)?;
    match program.shape {
        Shape::OneToOne => run_pairs(
            store,
            program_id,
            goal,
            |problem| solve_for(problem, goal),
            |_, _, _, _| Ok(()),
        ),
        Shape::Groups => super::mentored::run(store, &program, goal),
        Shape::Circles => super::circles::run(store, &program),
    }
}

/// A proposal computed again after the committee locked, vetoed or freed a
/// pair, with the participants whose mentor (or circle) changed.
#[derive(Debug, Clone, Serialize)]
pub struct Recomputed {
    pub view: MatchView,
    /// Participant ids whose mentor or circle is not the one they had (or who gained or lost one).
    pub changed: Vec<i64>,
}

/// After a lock, veto or their undoing: when the program has a proposal,
/// computes it again at once for the same goal (a few milliseconds for a
/// cohort), so what the committee sees follows what it decided. None when there is no proposal
/// to follow (nothing computed yet, or only confirmed matches).
pub fn recompute_proposal(store: &mut Store, program_id: i64) -> Result<Option<Recomputed>> {
    let before = match current_view(store, program_id)? {
        Some(view) if view.status == "proposal" => view,
        _ => return Ok(None),
    };
    let view = run(store, program_id, before.goal)?;
    let (old, new) = (placement(&before), placement(&view));
    let mut changed: Vec<i64> = old
        .keys()
        .chain(new.keys())
        .copied()
        .filter(|p| old.get(p) != new.get(p))
        .collect();
    changed.sort_unstable();
    changed.dedup();
    Ok(Some(Recomputed { view, changed }))
}

/// Each participant's mentor, or for a circle the smallest id among its
/// other members (ids of groups change with every computation).
fn placement(view: &MatchView) -> HashMap<i64, Vec<i64>> {
    let mut placed: HashMap<i64, Vec<i64>> = view
        .pairs
        .iter()
        .map(|p| (p.participant.id, vec![p.mentor.id]))
        .collect();
    for g in view.groups.iter().filter(|g| g.mentor.is_none()) {
        for m in &g.members {
            let mut others: Vec<i64> = g
                .members
                .iter()
                .map(|o| o.id)
                .filter(|&o| o != m.id)
                .collect();
            others.sort_unstable();
            placed.insert(m.id, others);
        }
    }
    placed
}
