//! Example pairs of a "similar writing" criterion, before anything is
//! computed: the pairs whose answers are most alike and the words both
//! wrote, so the committee can judge the comparison.

use serde::Serialize;

use super::criteria::{custom_criteria, Compare};
use super::writing::{marks, written_answers, Writing};
use crate::error::{Error, Result};
use crate::people::{list_people, Role};
use crate::questions::{find_question, Question};
use crate::store::Store;

/// One example pair.
#[derive(Debug, Clone, Serialize)]
pub struct WritingExample {
    pub participant: String,
    pub mentor: String,
    /// The criterion's marks for the pair, in percent (what a minimum similarity compares with).
    pub similarity: f64,
    /// What both wrote about, as the participant wrote it.
    pub shared_words: Vec<String>,
}

/// How many examples a criterion shows.
const EXAMPLES: usize = 3;

/// The examples of one of the program's similar-writing criteria.
pub fn writing_examples(
    store: &Store,
    program_id: i64,
    criterion_id: i64,
) -> Result<Vec<WritingExample>> {
    let c = custom_criteria(store, program_id)?
        .into_iter()
        .find(|c| c.id == criterion_id)
        .ok_or_else(|| {
            Error::NotFound(format!(
                "This program has no criterion {criterion_id} of its own. `matchbook criteria list` shows them."
            ))
        })?;
    if c.compare != Compare::Text {
        return Err(Error::Invalid(format!(
            "\"{}\" compares answers as \"{}\"; examples are shown for \"{}\" criteria.",
            c.label,
            c.compare.label(),
            Compare::Text.label()
        )));
    }
    examples_of(store, program_id, &c.participant, &c.mentor)
}

/// The examples two questions would give as a similar-writing criterion
/// (for the "Add criterion" form, before it is added).
pub fn writing_examples_for(
    store: &Store,
    program_id: i64,
    participant_question: &str,
    mentor_question: &str,
) -> Result<Vec<WritingExample>> {
    let p = find_question(
        store,
        program_id,
        Some(Role::Participant),
        participant_question,
    )?;
    let m = find_question(store, program_id, Some(Role::Mentor), mentor_question)?;
    examples_of(store, program_id, &p, &m)
}

fn examples_of(
    store: &Store,
    program_id: i64,
    p: &Question,
    m: &Question,
) -> Result<Vec<WritingExample>> {
    let participants = list_people(store, program_id, Some(Role::Participant))?;
    let mentors = list_people(store, program_id, Some(Role::Mentor))?;
    let writing = Writing::new(
        &written_answers(&participants, p),
        &written_answers(&mentors, m),
    );
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    let mut row = vec![0.0; mentors.len()];
    for i in 0..participants.len() {
        writing.similarity_row(i, &mut row);
        pairs.extend(
            row.iter()
                .enumerate()
                .filter(|(j, s)| **s > 0.0 && writing.mentor_answered(*j))
                .map(|(j, s)| (*s, i, j)),
        );
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut seen_p, mut seen_m) = (Vec::new(), Vec::new());
    let mut out = Vec::new();
    for (s, i, j) in pairs {
        if seen_p.contains(&i) || seen_m.contains(&j) {
            continue;
        }
        seen_p.push(i);
        seen_m.push(j);
        out.push(WritingExample {
            participant: participants[i].application.name.clone(),
            mentor: mentors[j].application.name.clone(),
            similarity: (marks(s) * 100.0).round(),
            shared_words: writing.shared_words(i, j, 4),
        });
        if out.len() == EXAMPLES {
            break;
        }
    }
    Ok(out)
}
