//! Why each question no suggested criterion uses was left out, in the
//! committee's words (peer circles: members are compared with each other,
//! not with a mentors' form).

use std::collections::{HashMap, HashSet};

use super::{built_in_reader, dominant_answer, LeftOut};
use crate::questions::Question;
use crate::text::capitalize;

/// Why a question is not compared, when nothing else explains it: no
/// question of the other form matches it (`None`: peer circles, compared
/// between members only through the committee's own criteria).
fn not_compared(other_side: Option<&str>) -> String {
    match other_side {
        None => "not compared between circle members until a criterion for circles uses it".into(),
        Some(form) => format!(
            "no question of the {form} asks about the same thing in a way that can be compared"
        ),
    }
}

/// Why each question no suggestion uses was left out.
pub(super) fn reasons_left_out(
    questions: &[&Question],
    used: &HashSet<i64>,
    own: &HashMap<i64, String>,
    other_side: Option<&str>,
) -> Vec<LeftOut> {
    questions
        .iter()
        .filter(|q| !used.contains(&q.id))
        .map(|q| LeftOut {
            question: q.text.clone(),
            role: q.role,
            reason: own.get(&q.id).cloned().unwrap_or_else(|| {
                capitalize(&if let Some(criterion) = built_in_reader(q) {
                    format!("read by {criterion}")
                } else if let Some(answer) = dominant_answer(q) {
                    format!("nearly everyone gave the same answer (\"{answer}\")")
                } else {
                    not_compared(other_side)
                })
            }),
        })
        .collect()
}
