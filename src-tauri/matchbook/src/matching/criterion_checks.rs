//! What a criterion may be: a participant question against a mentor
//! question, a way of comparing that fits both, a weight from 0 to 100, a
//! minimum similarity only for similar writing, and a gate question with a
//! yes only for "same answer". Each check says what to do instead.

use super::compare::Compare;
use crate::error::{Error, Result};
use crate::people::Role;
use crate::questions::{find_question, Question};
use crate::store::Store;

pub(super) fn check_sides(
    participant: &Question,
    mentor: &Question,
    compare: Compare,
) -> Result<()> {
    if participant.role != Role::Participant || mentor.role != Role::Mentor {
        return Err(Error::Invalid(format!(
            "A criterion compares a participant question with a mentor question; \"{}\" is a {} question and \"{}\" a {} question.",
            participant.text,
            participant.role.as_str(),
            mentor.text,
            mentor.role.as_str()
        )));
    }
    if !compare.fits(participant.kind, mentor.kind) {
        return Err(Error::Invalid(format!(
            "\"{}\" does not fit these questions: \"{}\" takes {} and \"{}\" takes {}.",
            compare.label(),
            participant.text,
            participant.kind.label().to_lowercase(),
            mentor.text,
            mentor.kind.label().to_lowercase()
        )));
    }
    Ok(())
}

/// A minimum similarity is a percent, and only similar writing has one.
pub(super) fn check_similarity(compare: Compare, min: Option<u8>) -> Result<()> {
    match min {
        Some(_) if compare != Compare::Text => Err(Error::Invalid(format!(
            "Only \"{}\" criteria have a minimum similarity; \"{}\" compares answers another way.",
            Compare::Text.label(),
            compare.label()
        ))),
        Some(n) if n > 100 => Err(Error::Invalid(format!(
            "A minimum similarity of {n} is too high; it goes from 0 to 100 (percent)."
        ))),
        _ => Ok(()),
    }
}

/// The participant question that gates a sameness criterion: it must be a
/// question with a yes (Yes/No/No preference), and the criterion "same answer".
pub(super) fn gate_question(
    store: &Store,
    program_id: i64,
    wording: &str,
    compare: Compare,
) -> Result<Question> {
    if compare != Compare::Same {
        return Err(Error::Invalid(format!(
            "Only \"{}\" criteria can count just for the people who asked; this one is \"{}\".",
            Compare::Same.label(),
            compare.label()
        )));
    }
    let q = find_question(store, program_id, Some(Role::Participant), wording)?;
    let has_yes = q
        .options
        .iter()
        .any(|o| super::score::normalize_answer(&o.label).starts_with("yes"));
    if !has_yes {
        return Err(Error::Invalid(format!(
            "\"{}\" has no yes among its answers, so it cannot say who asked for the same answer.",
            q.text
        )));
    }
    Ok(q)
}

pub(super) fn check_weight(weight: u8) -> Result<()> {
    if weight > 100 {
        return Err(Error::Invalid(format!(
            "The weight {weight} is too high; weights go from 0 to 100."
        )));
    }
    Ok(())
}
