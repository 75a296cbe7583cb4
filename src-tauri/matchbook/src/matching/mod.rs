//! Matching participants with mentors: scores every pair from the
//! applications, rules out pairs the committee or the applicants excluded,
//! finds the assignment with the highest total score (locked pairs first,
//! mentor capacity respected), and keeps every proposal as a version until
//! the committee confirms one.
//!
//! - [`score`]: the built-in criteria and weights.
//! - [`criteria`]: every criterion of a program, and the committee's own
//!   (a participant question compared with a mentor question); `custom`
//!   scores those, `suggest` proposes them from the two forms.
//! - `writing`: "similar writing", comparing what people wrote (stems,
//!   the cohort's own word weights, the words both used).
//! - [`names`]: requested mentors, people to avoid and library names.
//! - [`choices`]: ranked choices in matching: "Their choice", the reasons, the figures.
//! - [`solver`]: the linear assignment solver.
//! - [`problem`]: the score table of a program and its optimal solution;
//!   `facts` reads what the table is built from (SQL), `table` builds it (pure).
//! - [`versions`]: proposals, confirmation, history and differences.
//! - [`rules`]: locks, vetoes and overrides.
//! - [`shapes`]: computing in the program's shape; `mentored` makes a
//!   mentor's groups from the assignment, [`circles`] splits participants
//!   into peer circles (criteria between members in `circle_criteria`),
//!   `groups` stores both.
//! - `twice`: a participant confirmed with two mentors by two members at once.
//! - [`quality`]: what the total hides: spread, weakest pairs, pairs who would rather swap;
//!   `fairest` finds the highest floor for the goal "raise the weakest pair first".
//! - `waiting`: the waiting list, filled when matches are confirmed; those on it are placed first.

mod alternatives;
pub mod choices;
pub mod circle_criteria;
pub mod circles;
mod compare;
pub mod criteria;
mod criterion_checks;
mod custom;
mod examples;
mod facts;
mod fairest;
mod gaps;
mod goal;
pub mod groups;
mod history;
mod mentored;
pub mod names;
pub mod problem;
pub mod quality;
pub mod rules;
pub mod score;
pub mod shapes;
pub mod solve;
pub mod solver;
mod stable;
mod stale;
mod suggest;
mod table;
mod terms;
mod twice;
pub mod versions;
mod waiting;
mod writing;

#[cfg(test)]
mod choices_tests;
#[cfg(test)]
mod criteria_tests;
#[cfg(test)]
mod left_out_tests;
#[cfg(test)]
mod rules_tests;
#[cfg(test)]
mod solve_tests;
#[cfg(test)]
mod suggestion_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod waiting_tests;
#[cfg(test)]
mod writing_tests;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::people::Person;
use crate::store::Store;

pub use alternatives::{alternatives, worksheet};
pub use choices::{choice_shares, set_choice_shares, ChoiceFigures, PairChoice};
pub use circle_criteria::{add_circle_criterion, NewCircleCriterion};
pub use criteria::{
    add_criterion, comparable_questions, list_criteria, list_criteria_of, remove_criterion,
    set_criterion, Compare, CriterionChange, CriterionDef, NewCriterion, QuestionRef,
    DEFAULT_WEIGHT,
};
pub use examples::{writing_examples, writing_examples_for, WritingExample};
pub use gaps::{gap_analysis, AreaGap, Gaps};
pub use goal::Goal;
pub use groups::GroupView;
pub use history::{diff_versions, list_versions, VersionChange, VersionSummary};
pub use problem::{Alternative, Problem};
pub use quality::{
    compare_goals, compare_versions, quality, set_weak_threshold, weak_threshold, GoalComparison,
    Quality, Swap, VersionComparison, WeakPair,
};
pub use rules::{
    list_rules, lock_pair, lock_pair_with_new_place, swap_pairs, unlock_pair, unveto_pair,
    veto_pair, PairRule,
};
pub use score::{Criterion, Weights};
pub use shapes::{recompute_proposal, run, Recomputed};
pub use solve::{load_problem, load_problem_weighted, solve, solve_for, Solution};
pub use stale::stale_proposal;
pub use suggest::{apply_suggestions, suggest_criteria, suggest_from, LeftOut, Suggestions};
pub use twice::{
    confirmed_twice, confirmed_twice_in_file, keep_confirmation, refuse_if_confirmed_twice,
    ConfirmedMatching, ProgramMatchings,
};
pub use versions::{
    confirm, confirmed_view, current_view, version_view, ConfirmReport, MatchView, MentorLoad,
    PairView, UnmatchedView,
};
pub use waiting::{waiting_list, Waiting};

const WEIGHTS_KEY: &str = "match_weights";

/// A person as the matching screens name them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonRef {
    pub id: i64,
    pub name: String,
    pub email: Option<String>,
    pub library: String,
}

impl PersonRef {
    pub fn of(p: &Person) -> Self {
        PersonRef {
            id: p.id,
            name: p.application.name.clone(),
            email: p.application.email.clone(),
            library: p.application.library.clone(),
        }
    }

    /// Email when there is one (how the command line names people), else the name.
    pub fn key(&self) -> String {
        self.email.clone().unwrap_or_else(|| self.name.clone())
    }
}

/// The program's weights (defaults until the committee changes them).
pub fn weights(store: &Store, program_id: i64) -> Result<Weights> {
    let json = crate::programs::setting(store, program_id, WEIGHTS_KEY)?;
    let mut weights = Weights::default();
    if let Some(saved) = json.and_then(|j| serde_json::from_str::<Weights>(&j).ok()) {
        weights.0.extend(saved.0);
    }
    Ok(weights)
}

/// Saves the program's weights (each 0–100).
pub fn set_weights(store: &mut Store, program_id: i64, weights: &Weights) -> Result<Weights> {
    crate::programs::get_program(store, program_id)?;
    if let Some((c, w)) = weights.0.iter().find(|(_, &w)| w > 100) {
        return Err(Error::Invalid(format!(
            "The weight of {} is {w}; weights go from 0 to 100.",
            c.label()
        )));
    }
    let mut all = self::weights(store, program_id)?;
    all.0.extend(weights.0.iter().map(|(&c, &w)| (c, w)));
    crate::programs::set_setting(store, program_id, WEIGHTS_KEY, &all)?;
    Ok(all)
}
