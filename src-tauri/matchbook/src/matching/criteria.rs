//! Criteria: what a pair's score is made of. The seven built-in criteria
//! score the answers Matchbook knows the meaning of (areas, library type,
//! geography, meeting mode, experience, a requested mentor, ranked
//! choices); the committee's
//! own criteria compare any participant question with any mentor question,
//! in one of six ways, with a weight, and may be a must-match rule.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

pub use super::compare::Compare;
use super::criterion_checks::{check_sides, check_similarity, check_weight, gate_question};
use super::score::{Criterion, Weights};
use crate::error::{Error, Result};
use crate::people::Role;
use crate::questions::{find_question, list_questions, Question, QuestionKind};
use crate::store::Store;
use crate::time::now_timestamp;

/// A question as a criterion names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionRef {
    pub id: Option<i64>,
    pub text: String,
}

/// One criterion of a program.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionDef {
    pub id: i64,
    pub label: String,
    pub participant_question: QuestionRef,
    pub mentor_question: QuestionRef,
    pub compare: Compare,
    pub weight: u8,
    pub must: bool,
    pub built_in: bool,
    /// Whether the must-match switch applies (not to built-in criteria, wishes by name or avoid rules).
    pub can_be_must: bool,
    /// What it counts, in the committee's words.
    pub description: String,
    /// Whether the forms ask what it reads (a built-in criterion neither
    /// form asks gives no pair any points, and counts toward no maximum).
    pub asked: bool,
    /// For a suggestion: why Matchbook proposes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    /// Whether it compares what people wrote: it shows example pairs and
    /// takes a minimum similarity.
    pub writing: bool,
    /// For similar writing: the similarity (percent of full marks) a
    /// must-match criterion asks for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_similarity: Option<u8>,
    /// For a sameness criterion: the question whose "yes" makes it count
    /// for that participant ("Would you prefer someone of the same gender?").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gate_question: Option<QuestionRef>,
    /// For "Their choice": the share of the weight (percent) a 1st, 2nd
    /// and 3rd choice score, which the committee may change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choice_shares: Option<[u8; 3]>,
}

/// A committee criterion as the scoring needs it: the two questions whole.
#[derive(Debug, Clone)]
pub struct CustomCriterion {
    pub id: i64,
    pub label: String,
    pub participant: Question,
    pub mentor: Question,
    pub compare: Compare,
    pub weight: u8,
    pub must: bool,
    pub min_similarity: Option<u8>,
    /// Counts only for participants who answered yes to it.
    pub gate: Option<Question>,
}

/// Built-in criteria have the numbers 1–7 in every program; the
/// committee's own start at 101.
pub(super) const FIRST_CUSTOM_ID: i64 = 101;

fn built_in_id(c: Criterion) -> i64 {
    Criterion::ALL.iter().position(|x| *x == c).unwrap_or(0) as i64 + 1
}

fn built_in_of(id: i64) -> Option<Criterion> {
    usize::try_from(id - 1)
        .ok()
        .and_then(|i| Criterion::ALL.get(i).copied())
}

/// The fields a built-in criterion reads, on the participant's and the mentor's form.
fn built_in_fields(c: Criterion) -> (&'static str, &'static str, Compare) {
    match c {
        Criterion::Areas => ("areas", "areas", Compare::Shared),
        Criterion::LibraryType => ("library_types", "library_types", Compare::Shared),
        Criterion::Geography => ("region", "region", Compare::Same),
        Criterion::MeetingMode => ("meeting_modes", "meeting_modes", Compare::Shared),
        Criterion::Experience => ("years_experience", "years_experience", Compare::MentorMore),
        Criterion::RequestedMentor => ("requested_mentor", "name", Compare::Requested),
        Criterion::TheirChoice => ("choices", "choices", Compare::Requested),
    }
}

fn question_ref(questions: &[Question], role: Role, field: &str, fallback: &str) -> QuestionRef {
    questions
        .iter()
        .find(|q| q.role == role && q.field.as_deref() == Some(field))
        .map(|q| QuestionRef {
            id: Some(q.id),
            text: q.text.clone(),
        })
        .unwrap_or_else(|| QuestionRef {
            id: None,
            text: fallback.to_string(),
        })
}

/// Every criterion of a program: the seven built-in ones (on the questions
/// that feed their fields, when the forms had them), then the committee's.
pub fn list_criteria(store: &Store, program_id: i64) -> Result<Vec<CriterionDef>> {
    list_criteria_of(store, program_id, &list_questions(store, program_id, None)?)
}

/// [`list_criteria`] with the program's questions already read.
pub fn list_criteria_of(
    store: &Store,
    program_id: i64,
    questions: &[Question],
) -> Result<Vec<CriterionDef>> {
    let weights = super::weights(store, program_id)?;
    let chosen = super::choices::has_choices(store, program_id)?;
    let shares = super::choices::choice_shares(store, program_id)?;
    let answered = |role: Role, fields: &[&str]| {
        questions.iter().any(|q| {
            q.role == role
                && q.answered > 0
                && q.field.as_deref().is_some_and(|f| fields.contains(&f))
        })
    };
    let mut all: Vec<CriterionDef> = Criterion::ALL
        .into_iter()
        .map(|c| {
            let (p_field, m_field, compare) = built_in_fields(c);
            let asked = match c {
                Criterion::Geography => {
                    answered(Role::Participant, &["region", "city"])
                        && answered(Role::Mentor, &["region", "city"])
                }
                Criterion::RequestedMentor => answered(Role::Participant, &[p_field]),
                // Asked by the choice form, not the applications.
                Criterion::TheirChoice => chosen,
                _ => answered(Role::Participant, &[p_field]) && answered(Role::Mentor, &[m_field]),
            };
            CriterionDef {
                id: built_in_id(c),
                label: c.label().to_string(),
                participant_question: question_ref(
                    questions,
                    Role::Participant,
                    p_field,
                    c.label(),
                ),
                // A wish by name is asked on the participants' form only: the
                // mentors' names alone are not a question of theirs.
                mentor_question: if (c == Criterion::RequestedMentor && !asked)
                    || c == Criterion::TheirChoice
                {
                    QuestionRef {
                        id: None,
                        text: c.label().to_string(),
                    }
                } else {
                    question_ref(questions, Role::Mentor, m_field, c.label())
                },
                compare,
                weight: weights.get(c),
                must: false,
                built_in: true,
                can_be_must: false,
                description: c.description().to_string(),
                asked,
                why: None,
                writing: false,
                min_similarity: None,
                gate_question: None,
                choice_shares: (c == Criterion::TheirChoice).then_some(shares),
            }
        })
        .collect();
    for c in custom_criteria_of(store, program_id, questions)? {
        all.push(CriterionDef {
            id: c.id,
            label: c.label,
            participant_question: QuestionRef {
                id: Some(c.participant.id),
                text: c.participant.text,
            },
            mentor_question: QuestionRef {
                id: Some(c.mentor.id),
                text: c.mentor.text,
            },
            compare: c.compare,
            weight: c.weight,
            must: c.must,
            built_in: false,
            can_be_must: c.compare.can_be_must(),
            // A circle criterion has the same question on both sides.
            description: if c.participant.id == c.mentor.id {
                c.compare.circle_description()
            } else {
                c.compare.description()
            }
            .to_string(),
            asked: true,
            why: None,
            writing: c.compare.is_writing(),
            min_similarity: c.compare.is_writing().then(|| {
                c.min_similarity
                    .unwrap_or(super::compare::DEFAULT_MIN_SIMILARITY)
            }),
            gate_question: c.gate.map(|q| QuestionRef {
                id: Some(q.id),
                text: q.text,
            }),
            choice_shares: None,
        });
    }
    Ok(all)
}

/// The committee's own criteria between a participant and a mentor, with
/// their questions (criteria between circle members are `circle_criteria`'s).
pub fn custom_criteria(store: &Store, program_id: i64) -> Result<Vec<CustomCriterion>> {
    let questions = list_questions(store, program_id, None)?;
    let mut all = custom_criteria_of(store, program_id, &questions)?;
    all.retain(|c| c.mentor.role == Role::Mentor);
    Ok(all)
}

/// Every criterion the committee added, pairs' and circles' alike.
pub(super) fn custom_criteria_of(
    store: &Store,
    program_id: i64,
    questions: &[Question],
) -> Result<Vec<CustomCriterion>> {
    let mut stmt = store.conn().prepare(
        "SELECT id, label, participant_question_id, mentor_question_id, compare, weight, must,
                min_similarity, gate_question_id, mixed
         FROM criteria WHERE program_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([program_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, u8>(5)?,
            r.get::<_, bool>(6)?,
            r.get::<_, Option<u8>>(7)?,
            r.get::<_, Option<i64>>(8)?,
            r.get::<_, bool>(9)?,
        ))
    })?;
    let by_id = |id: i64| questions.iter().find(|q| q.id == id).cloned();
    let mut out = Vec::new();
    for row in rows {
        let (id, label, p, m, compare, weight, must, min_similarity, gate, mixed) = row?;
        if let (Some(participant), Some(mentor)) = (by_id(p), by_id(m)) {
            out.push(CustomCriterion {
                id,
                label,
                participant,
                mentor,
                compare: if mixed {
                    Compare::Mixed
                } else {
                    Compare::parse(&compare)?
                },
                weight,
                must,
                min_similarity,
                gate: gate.and_then(by_id),
            });
        }
    }
    Ok(out)
}

/// A new criterion, as the committee describes it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewCriterion {
    /// A question id, or its exact wording.
    pub participant_question: String,
    pub mentor_question: String,
    pub compare: String,
    pub weight: Option<u8>,
    pub must: bool,
    pub label: Option<String>,
    /// For similar writing: the similarity a must-match asks for (percent).
    pub min_similarity: Option<u8>,
    /// A participant question ("…prefer someone of the same gender?") whose
    /// yes makes a sameness criterion count for that participant.
    pub gate_question: Option<String>,
}

/// The weight a criterion starts with.
pub const DEFAULT_WEIGHT: u8 = 50;

/// Adds a criterion comparing a participant question with a mentor question.
pub fn add_criterion(
    store: &mut Store,
    program_id: i64,
    new: &NewCriterion,
) -> Result<CriterionDef> {
    let participant = find_question(
        store,
        program_id,
        Some(Role::Participant),
        &new.participant_question,
    )?;
    let mentor = find_question(store, program_id, Some(Role::Mentor), &new.mentor_question)?;
    let compare = Compare::parse(&new.compare)?;
    if !compare.for_pairs() {
        return Err(Error::Invalid(format!(
            "\"{}\" compares the members of a peer circle; add it with --question (one participant question).",
            compare.label()
        )));
    }
    check_sides(&participant, &mentor, compare)?;
    let weight = new.weight.unwrap_or(DEFAULT_WEIGHT);
    check_weight(weight)?;
    check_similarity(compare, new.min_similarity)?;
    let gate = match new
        .gate_question
        .as_deref()
        .filter(|g| !g.trim().is_empty())
    {
        None => None,
        Some(g) => Some(gate_question(store, program_id, g, compare)?),
    };
    if new.must && !compare.can_be_must() {
        return Err(Error::Invalid(format!(
            "\"{}\" cannot be must-match: {}.",
            compare.label(),
            if compare == Compare::Avoid {
                "an avoid criterion is always a hard rule"
            } else {
                "a wish by name adds points, it cannot rule pairs out"
            }
        )));
    }
    if let Some(same) = list_criteria(store, program_id)?.into_iter().find(|c| {
        !c.built_in
            && c.compare == compare
            && c.participant_question.id == Some(participant.id)
            && c.mentor_question.id == Some(mentor.id)
    }) {
        return Err(Error::Invalid(format!(
            "\"{}\" already compares these two questions this way; change its weight or must-match instead.",
            same.label
        )));
    }
    let wanted = new
        .label
        .clone()
        .filter(|l| !l.trim().is_empty())
        .unwrap_or_else(|| default_label(&participant, &mentor));
    let label = unique_label(&list_criteria(store, program_id)?, wanted.trim());
    let id = store.write(|tx| {
        tx.execute(
            "INSERT INTO criteria (id, program_id, label, participant_question_id, mentor_question_id,
                 compare, weight, must, created_at, min_similarity, gate_question_id)
             VALUES ((SELECT max(?1, coalesce(max(id), 0)) + 1 FROM criteria), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                FIRST_CUSTOM_ID - 1,
                program_id,
                label.trim(),
                participant.id,
                mentor.id,
                compare.key(),
                weight,
                new.must,
                now_timestamp(),
                new.min_similarity,
                gate.map(|q| q.id),
            ],
        )?;
        Ok(tx.last_insert_rowid())
    })?;
    find_criterion(store, program_id, id)
}

/// A label no other criterion has (nor a built-in key): a pair's breakdown
/// is keyed by label, so two criteria must never share one.
pub(super) fn unique_label(existing: &[CriterionDef], wanted: &str) -> String {
    let taken = |label: &str| {
        existing.iter().any(|c| c.label.eq_ignore_ascii_case(label))
            || Criterion::ALL
                .iter()
                .any(|c| c.key().eq_ignore_ascii_case(label))
    };
    let mut label = wanted.to_string();
    let mut n = 1;
    while taken(&label) {
        n += 1;
        label = format!("{wanted} ({n})");
    }
    label
}

/// The questions a criterion can compare: answered, and not dates (a
/// participant's name may carry a wish made by name; free text is compared
/// as similar writing).
pub fn comparable_questions(questions: &[Question]) -> Vec<Question> {
    questions
        .iter()
        .filter(|q| q.answered > 0 || q.kind == QuestionKind::Contact)
        .filter(|q| match q.kind {
            QuestionKind::Date => false,
            QuestionKind::Contact => q.field.as_deref() == Some("name"),
            _ => true,
        })
        .cloned()
        .collect()
}

/// The label of a new criterion: the shorter wording.
fn default_label(participant: &Question, mentor: &Question) -> String {
    let text = if participant.text.chars().count() <= mentor.text.chars().count() {
        &participant.text
    } else {
        &mentor.text
    };
    text.trim().to_string()
}

pub(super) fn find_criterion(store: &Store, program_id: i64, id: i64) -> Result<CriterionDef> {
    list_criteria(store, program_id)?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| {
            Error::NotFound(format!(
                "This program has no criterion {id}. `matchbook criteria list` shows them."
            ))
        })
}

/// What may change of a criterion.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CriterionChange {
    pub weight: Option<u8>,
    pub must: Option<bool>,
    pub label: Option<String>,
    pub min_similarity: Option<u8>,
    /// For "Their choice": the shares of a 1st, 2nd and 3rd choice (percents).
    pub choice_shares: Option<Vec<u8>>,
}

/// Changes a criterion's weight, must-match switch or label. The built-in
/// ones keep their labels and are never must-match.
pub fn set_criterion(
    store: &mut Store,
    program_id: i64,
    id: i64,
    change: &CriterionChange,
) -> Result<CriterionDef> {
    let current = find_criterion(store, program_id, id)?;
    if let Some(weight) = change.weight {
        check_weight(weight)?;
    }
    check_similarity(current.compare, change.min_similarity)?;
    if change.choice_shares.is_some() && built_in_of(id) != Some(Criterion::TheirChoice) {
        return Err(Error::Invalid(format!(
            "Only \"{}\" has shares for a 1st, 2nd and 3rd choice; \"{}\" has a weight.",
            Criterion::TheirChoice.label(),
            current.label
        )));
    }
    if let Some(c) = built_in_of(id) {
        if change.must == Some(true) || change.label.is_some() {
            return Err(Error::Invalid(format!(
                "\"{}\" is built in: only its weight changes. To make it a must-match rule, add a criterion on the same questions with --must.",
                c.label()
            )));
        }
        if let Some(shares) = &change.choice_shares {
            super::choices::set_choice_shares(store, program_id, shares)?;
        }
        if let Some(weight) = change.weight {
            super::set_weights(store, program_id, &Weights([(c, weight)].into()))?;
        }
        return find_criterion(store, program_id, id);
    }
    if change.must == Some(true) && !current.compare.can_be_must() {
        return Err(Error::Invalid(format!(
            "\"{}\" cannot be must-match.",
            current.compare.label()
        )));
    }
    let label = change
        .label
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty());
    store.write(|tx| {
        tx.execute(
            "UPDATE criteria SET weight = coalesce(?3, weight), must = coalesce(?4, must),
                 label = coalesce(?5, label), min_similarity = coalesce(?6, min_similarity)
             WHERE id = ?1 AND program_id = ?2",
            params![
                id,
                program_id,
                change.weight,
                change.must,
                label,
                change.min_similarity
            ],
        )?;
        Ok(())
    })?;
    find_criterion(store, program_id, id)
}

/// Removes one of the committee's criteria (built-in ones are set to weight 0 instead).
pub fn remove_criterion(store: &mut Store, program_id: i64, id: i64) -> Result<()> {
    if let Some(c) = built_in_of(id) {
        return Err(Error::Invalid(format!(
            "\"{}\" is built in and cannot be removed; set its weight to 0 to leave it out.",
            c.label()
        )));
    }
    let removed = store.write(|tx| {
        Ok(tx.execute(
            "DELETE FROM criteria WHERE id = ?1 AND program_id = ?2",
            params![id, program_id],
        )?)
    })?;
    if removed == 0 {
        return Err(Error::NotFound(format!(
            "This program has no criterion {id}. `matchbook criteria list` shows them."
        )));
    }
    Ok(())
}

/// Whether a criterion on these two questions already exists.
pub(super) fn exists(
    store: &Store,
    program_id: i64,
    participant: i64,
    mentor: i64,
) -> Result<bool> {
    Ok(store
        .conn()
        .query_row(
            "SELECT 1 FROM criteria WHERE program_id = ?1 AND participant_question_id = ?2 AND mentor_question_id = ?3",
            params![program_id, participant, mentor],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}
