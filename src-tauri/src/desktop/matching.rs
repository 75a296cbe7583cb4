//! The Matching screen's commands: each translates to one core call.

use std::collections::BTreeMap;

use matchbook::matching::{
    self, Alternative, Compare, ConfirmReport, CriterionChange, CriterionDef, Gaps, LeftOut,
    MatchView, NewCriterion, PairRule, VersionSummary, Waiting, WritingExample,
};
use matchbook::people::get_person;
use matchbook::questions::{list_questions, Question};
use serde::Serialize;
use tauri::State;

use super::{with_store, AppState, CommandResult};

/// Everything the Matching screen shows at once.
#[derive(Serialize)]
pub struct MatchingOverview {
    view: Option<MatchView>,
    confirmed: usize,
    gaps: Option<Gaps>,
    rules: Vec<PairRule>,
    versions: Vec<VersionSummary>,
    /// The built-in criteria and the committee's own.
    criteria: Vec<CriterionDef>,
    /// Criteria Matchbook proposes from the two forms.
    suggestions: Vec<CriterionDef>,
    /// Questions deliberately not compared, each with its reason.
    left_out: Vec<LeftOut>,
    /// Both forms' questions a criterion can compare, for "Add criterion".
    questions: Vec<Question>,
    compares: Vec<CompareChoice>,
    /// A peer-circles program: its criteria compare members with each other
    /// (one participant question, compared the same or deliberately mixed).
    circles: bool,
    /// The ways to compare circle members, for its "Add criterion".
    circle_compares: Vec<CompareChoice>,
    /// What a computation can optimise, for the goal choice.
    goals: Vec<GoalChoice>,
    /// The weight a new criterion starts with.
    default_weight: u8,
    /// Participants left without a mentor when matches were confirmed.
    waiting: Vec<Waiting>,
}

/// One goal of the computation, for the choice on the Matching screen.
#[derive(Serialize)]
pub struct GoalChoice {
    key: &'static str,
    label: &'static str,
    description: &'static str,
}

/// One way to compare answers, for the "Add criterion" picker.
#[derive(Serialize)]
pub struct CompareChoice {
    key: &'static str,
    label: &'static str,
    description: &'static str,
    /// Compares what people wrote: the form offers example pairs.
    writing: bool,
}

#[tauri::command]
pub async fn matching_overview(
    state: State<'_, AppState>,
    program_id: i64,
) -> CommandResult<MatchingOverview> {
    with_store(&state, |s| {
        let problem = matching::load_problem(s, program_id)?;
        // Read once: the criteria, the suggestions and the pickers all show them.
        let questions = list_questions(s, program_id, None)?;
        // Peer circles have no mentors, so no gap between places and participants.
        let gaps = (!problem.participants.is_empty() && !problem.mentors.is_empty())
            .then(|| matching::gap_analysis(&problem));
        let suggested = matching::suggest_from(s, program_id, &questions)?;
        Ok(MatchingOverview {
            view: matching::current_view(s, program_id)?,
            confirmed: matching::confirmed_view(s, program_id)?.placed(),
            gaps,
            rules: matching::list_rules(s, program_id)?,
            versions: matching::list_versions(s, program_id)?,
            criteria: matching::list_criteria_of(s, program_id, &questions)?,
            suggestions: suggested.criteria,
            left_out: suggested.left_out,
            questions: matching::comparable_questions(&questions),
            default_weight: matching::DEFAULT_WEIGHT,
            waiting: matching::waiting_list(s, program_id)?,
            goals: matching::Goal::ALL
                .into_iter()
                .map(|g| GoalChoice {
                    key: g.key(),
                    label: g.label(),
                    description: g.description(),
                })
                .collect(),
            compares: compare_choices(Compare::for_pairs, Compare::description),
            circles: matchbook::programs::get_program(s, program_id)?.shape
                == matchbook::programs::Shape::Circles,
            circle_compares: compare_choices(Compare::for_circles, Compare::circle_description),
        })
    })
}

fn compare_choices(
    fits: fn(Compare) -> bool,
    describe: fn(Compare) -> &'static str,
) -> Vec<CompareChoice> {
    Compare::ALL
        .into_iter()
        .filter(|c| fits(*c))
        .map(|c| CompareChoice {
            key: c.key(),
            label: c.label(),
            description: describe(c),
            writing: c.is_writing(),
        })
        .collect()
}

/// "Add criterion" in a peer-circles program: one participant question,
/// compared between the members of a circle.
#[tauri::command]
pub async fn add_circle_criterion(
    state: State<'_, AppState>,
    program_id: i64,
    criterion: matching::NewCircleCriterion,
) -> CommandResult<CriterionDef> {
    with_store(&state, |s| {
        matching::add_circle_criterion(s, program_id, &criterion)
    })
}

#[tauri::command]
pub async fn add_criterion(
    state: State<'_, AppState>,
    program_id: i64,
    criterion: NewCriterion,
) -> CommandResult<CriterionDef> {
    with_store(&state, |s| {
        matching::add_criterion(s, program_id, &criterion)
    })
}

/// Changes a criterion's weight, must-match switch or label (built-in ones: the weight).
#[tauri::command]
pub async fn set_criterion(
    state: State<'_, AppState>,
    program_id: i64,
    criterion_id: i64,
    change: CriterionChange,
) -> CommandResult<CriterionDef> {
    with_store(&state, |s| {
        matching::set_criterion(s, program_id, criterion_id, &change)
    })
}

#[tauri::command]
pub async fn remove_criterion(
    state: State<'_, AppState>,
    program_id: i64,
    criterion_id: i64,
) -> CommandResult<()> {
    with_store(&state, |s| {
        matching::remove_criterion(s, program_id, criterion_id)
    })
}

/// Example pairs of a similar-writing comparison of two questions (ids or
/// wording), with the words both wrote: shown before anything is computed.
#[tauri::command]
pub async fn writing_examples(
    state: State<'_, AppState>,
    program_id: i64,
    participant_question: String,
    mentor_question: String,
) -> CommandResult<Vec<WritingExample>> {
    with_store(&state, |s| {
        matching::writing_examples_for(s, program_id, &participant_question, &mentor_question)
    })
}

/// Adds every suggested criterion.
#[tauri::command]
pub async fn accept_suggestions(
    state: State<'_, AppState>,
    program_id: i64,
) -> CommandResult<Vec<CriterionDef>> {
    with_store(&state, |s| matching::apply_suggestions(s, program_id))
}

/// What the proposal's total hides: spread, weakest pairs, would-rather-swap pairs.
#[tauri::command]
pub async fn match_quality(
    state: State<'_, AppState>,
    program_id: i64,
) -> CommandResult<matching::Quality> {
    with_store(&state, |s| matching::quality(s, program_id, None, None))
}

/// Both goals computed (not saved), for the side-by-side figures.
#[tauri::command]
pub async fn compare_goals(
    state: State<'_, AppState>,
    program_id: i64,
) -> CommandResult<matching::GoalComparison> {
    with_store(&state, |s| matching::compare_goals(s, program_id, None))
}

/// The score below which pairs count as weak; returns it as saved.
#[tauri::command]
pub async fn set_weak_threshold(
    state: State<'_, AppState>,
    program_id: i64,
    below: f64,
) -> CommandResult<f64> {
    with_store(&state, |s| {
        matching::set_weak_threshold(s, program_id, below)
    })
}

#[tauri::command]
pub async fn compute_matches(
    state: State<'_, AppState>,
    program_id: i64,
    goal: matching::Goal,
) -> CommandResult<MatchView> {
    with_store(&state, |s| matching::run(s, program_id, goal))
}

/// lock, unlock, veto or unveto a pair; the proposal, if there is one, is
/// computed again with it.
#[tauri::command]
pub async fn set_pair_rule(
    state: State<'_, AppState>,
    program_id: i64,
    participant_id: i64,
    mentor_id: i64,
    action: String,
    reason: String,
) -> CommandResult<Option<matching::Recomputed>> {
    with_store(&state, |s| {
        let participant = get_person(s, participant_id)?;
        let mentor = get_person(s, mentor_id)?;
        match action.as_str() {
            "lock" => matching::lock_pair(s, program_id, &participant, &mentor, &reason),
            // The mentor agreed to one more mentee: their places grow with the lock.
            "lock_with_place" => {
                matching::lock_pair_with_new_place(s, program_id, (&participant, &mentor), &reason)
            }
            "unlock" => matching::unlock_pair(s, program_id, &participant, &mentor),
            "veto" => matching::veto_pair(s, program_id, &participant, &mentor, &reason),
            "unveto" => matching::unveto_pair(s, program_id, &participant, &mentor),
            other => Err(matchbook::Error::Invalid(format!(
                "Unknown action {other}."
            ))),
        }?;
        matching::recompute_proposal(s, program_id)
    })
}

#[tauri::command]
pub async fn swap_mentors(
    state: State<'_, AppState>,
    program_id: i64,
    first_id: i64,
    second_id: i64,
) -> CommandResult<()> {
    with_store(&state, |s| {
        let first = get_person(s, first_id)?;
        let second = get_person(s, second_id)?;
        matching::swap_pairs(s, program_id, &first, &second)
    })
}

/// Every other mentor for a participant, best first (the first three are "the next best").
#[tauri::command]
pub async fn match_alternatives(
    state: State<'_, AppState>,
    program_id: i64,
    participant_id: i64,
) -> CommandResult<Vec<Alternative>> {
    with_store(&state, |s| {
        matching::alternatives(s, program_id, participant_id, usize::MAX)
    })
}

#[tauri::command]
pub async fn match_worksheet(
    state: State<'_, AppState>,
    program_id: i64,
) -> CommandResult<BTreeMap<i64, Vec<Alternative>>> {
    with_store(&state, |s| matching::worksheet(s, program_id, 3))
}

#[tauri::command]
pub async fn confirm_matches(
    state: State<'_, AppState>,
    program_id: i64,
) -> CommandResult<ConfirmReport> {
    with_store(&state, |s| matching::confirm(s, program_id))
}

#[tauri::command]
pub async fn compare_match_versions(
    state: State<'_, AppState>,
    program_id: i64,
    from: i64,
    to: i64,
) -> CommandResult<matching::VersionComparison> {
    with_store(&state, |s| {
        matching::compare_versions(s, program_id, from, to)
    })
}
