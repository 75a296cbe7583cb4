//! Criteria between the members of a peer circle: one participant question,
//! answered the same way (or sharing options, or close) or deliberately
//! mixed. Stored like the committee's other criteria, with the question on
//! both sides.

use rusqlite::params;
use serde::Deserialize;

use super::criteria::{
    custom_criteria_of, find_criterion, unique_label, Compare, CriterionDef, CustomCriterion,
    DEFAULT_WEIGHT, FIRST_CUSTOM_ID,
};
use super::criterion_checks::check_weight;
use crate::error::{Error, Result};
use crate::people::Role;
use crate::questions::{find_question, list_questions};
use crate::store::Store;
use crate::time::now_timestamp;

/// A new criterion between circle members, as the committee describes it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewCircleCriterion {
    /// A participant question's number or exact wording.
    pub question: String,
    /// `same`, `mixed`, `shared` or `closeness`.
    pub compare: String,
    pub weight: Option<u8>,
    pub label: Option<String>,
}

/// Adds a criterion between the members of a circle.
pub fn add_circle_criterion(
    store: &mut Store,
    program_id: i64,
    new: &NewCircleCriterion,
) -> Result<CriterionDef> {
    let question = find_question(store, program_id, Some(Role::Participant), &new.question)?;
    let compare = Compare::parse(&new.compare)?;
    if !compare.for_circles() {
        return Err(Error::Invalid(format!(
            "\"{}\" does not compare circle members; use same or mixed (or shared, closeness).",
            compare.label()
        )));
    }
    if !compare.fits(question.kind, question.kind) {
        return Err(Error::Invalid(format!(
            "\"{}\" does not fit \"{}\", which takes {}.",
            compare.label(),
            question.text,
            question.kind.label().to_lowercase()
        )));
    }
    let weight = new.weight.unwrap_or(DEFAULT_WEIGHT);
    check_weight(weight)?;
    let existing = super::list_criteria(store, program_id)?;
    if let Some(same) = existing.iter().find(|c| {
        !c.built_in
            && c.compare == compare
            && c.participant_question.id == Some(question.id)
            && c.mentor_question.id == Some(question.id)
    }) {
        return Err(Error::Invalid(format!(
            "\"{}\" already compares circle members on this question this way; change its weight instead.",
            same.label
        )));
    }
    let wanted = new
        .label
        .clone()
        .filter(|l| !l.trim().is_empty())
        .unwrap_or_else(|| question.text.trim().to_string());
    let label = unique_label(&existing, wanted.trim());
    // "Mixed" is kept as 'same' with the mixed flag (the column's CHECK
    // predates it; see migration 014).
    let (stored, mixed) = match compare {
        Compare::Mixed => (Compare::Same, true),
        other => (other, false),
    };
    let id = store.write(|tx| {
        tx.execute(
            "INSERT INTO criteria (id, program_id, label, participant_question_id, mentor_question_id,
                 compare, weight, must, created_at, mixed)
             VALUES ((SELECT max(?8, coalesce(max(id), 0)) + 1 FROM criteria), ?1, ?2, ?3, ?3, ?4, ?5, 0, ?6, ?7)",
            params![
                program_id,
                label.trim(),
                question.id,
                stored.key(),
                weight,
                now_timestamp(),
                mixed,
                FIRST_CUSTOM_ID - 1
            ],
        )?;
        Ok(tx.last_insert_rowid())
    })?;
    find_criterion(store, program_id, id)
}

/// The criteria between circle members: the question is a participant's on both sides.
pub(super) fn circle_criteria(store: &Store, program_id: i64) -> Result<Vec<CustomCriterion>> {
    let questions = list_questions(store, program_id, None)?;
    let mut all = custom_criteria_of(store, program_id, &questions)?;
    all.retain(|c| c.mentor.role == Role::Participant && c.mentor.id == c.participant.id);
    Ok(all)
}
