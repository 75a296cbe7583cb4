//! Suggested criteria: pairs of a participant question and a mentor question
//! that ask about the same thing (similar wording, overlapping answers, kinds
//! that fit a comparison), each with the reason it is proposed. Questions
//! about running the program (attending the kickoff, photo consent) and
//! answers nearly everyone gives alike are not proposed: they tell no pair
//! from another. Nothing changes until the committee accepts them.

use std::collections::HashSet;

use super::criteria::{
    add_criterion, exists, Compare, CriterionDef, NewCriterion, QuestionRef, DEFAULT_WEIGHT,
};
use crate::error::Result;
use crate::people::Role;
use crate::questions::{list_questions, Question, QuestionKind};
use crate::store::Store;
use crate::text::capitalize;

/// Words that carry no meaning of their own in a question.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "you", "your", "yours",
    "do", "does", "did", "is", "are", "be", "would", "could", "should", "will", "what", "which",
    "how", "who", "when", "where", "why", "that", "this", "these", "any", "there", "like", "most",
    "best", "please", "select", "all", "apply", "check", "i", "me", "my", "we", "our", "us", "it",
    "as", "at", "by", "from", "want", "wish", "prefer", "describe", "tell", "about", "yourself",
];

/// A question's meaningful words, each cut to a rough stem ("meetings" → "meet").
fn content_words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()))
        .map(|w| stem(&w))
        .collect()
}

fn stem(word: &str) -> String {
    for suffix in ["ings", "ing", "ies", "es", "ed", "s"] {
        if let Some(base) = word.strip_suffix(suffix) {
            if base.chars().count() >= 3 {
                return base.to_string();
            }
        }
    }
    word.to_string()
}

fn jaccard<T: std::hash::Hash + Eq>(a: &HashSet<T>, b: &HashSet<T>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        0.0
    } else {
        a.intersection(b).count() as f64 / union as f64
    }
}

fn option_set(q: &Question) -> HashSet<String> {
    q.options
        .iter()
        .map(|o| o.label.trim().to_lowercase())
        .collect()
}

/// The comparison that suits two questions' kinds, if any.
fn comparison_for(p: &Question, m: &Question) -> Option<Compare> {
    use QuestionKind::*;
    let avoid_topics =
        m.field.as_deref() == Some("avoid_topics") || p.field.as_deref() == Some("avoid_topics");
    if avoid_topics {
        return (matches!(p.kind, Single | Multi) && matches!(m.kind, Single | Multi))
            .then_some(Compare::Avoid);
    }
    match (p.kind, m.kind) {
        (Multi, Multi) | (Multi, Single) | (Single, Multi) => Some(Compare::Shared),
        (Single, Single) | (YesNo, YesNo) => Some(Compare::Same),
        (Scale, Scale) | (Number, Scale) | (Scale, Number) => Some(Compare::Closeness),
        (Number, Number) => Some(Compare::Closeness),
        _ => None,
    }
}

/// Questions the built-in criteria already read, or that say who someone is.
fn handled_elsewhere(q: &Question) -> bool {
    let built_in = [
        "areas",
        "library_types",
        "region",
        "city",
        "meeting_modes",
        "years_experience",
        "requested_mentor",
        "avoid",
        "avoid_topics",
        "capacity",
        "role",
        "submitted_at",
        "name",
        "first_name",
        "last_name",
        "preferred_name",
        "email",
        "phone",
        "library",
        "position",
    ];
    q.field.as_deref().is_some_and(|f| built_in.contains(&f))
        || matches!(
            q.kind,
            QuestionKind::Text | QuestionKind::Contact | QuestionKind::Date
        )
}

/// Stems of words that mark a question about running the program rather
/// than about the person ("Will you attend the kickoff?", "May we use your
/// photo?"): comparing such answers pairs nobody better.
const LOGISTICS_STEMS: &[&str] = &[
    "attend",
    "kickoff",
    "kick-off",
    "orientation",
    "consent",
    "permission",
    "photo",
    "dietar",
    "allerg",
    "shirt",
    "parking",
    "lodging",
    "hotel",
    "reimburs",
    "waiver",
];

fn is_logistics(q: &Question) -> bool {
    content_words(&q.text)
        .iter()
        .any(|w| LOGISTICS_STEMS.iter().any(|s| w.starts_with(s)))
}

/// One answer given by nearly everyone on both sides (a yes everybody says):
/// such a criterion would give almost every pair the same points.
fn hardly_varies(p: &Question, m: &Question) -> bool {
    let dominant = |q: &Question| -> Option<String> {
        let top = q.options.iter().max_by_key(|o| o.count)?;
        (q.answered >= 5 && top.count * 10 >= q.answered * 9)
            .then(|| top.label.trim().to_lowercase())
    };
    matches!((dominant(p), dominant(m)), (Some(a), Some(b)) if a == b)
}

struct Candidate<'a> {
    participant: &'a Question,
    mentor: &'a Question,
    compare: Compare,
    strength: f64,
    why: String,
}

/// How alike two questions are, and the reason in words; none when they
/// should not be compared.
fn candidate<'a>(p: &'a Question, m: &'a Question) -> Option<Candidate<'a>> {
    let compare = comparison_for(p, m)?;
    if compare != Compare::Avoid && (is_logistics(p) || is_logistics(m) || hardly_varies(p, m)) {
        return None;
    }
    let identical = p.text.trim().eq_ignore_ascii_case(m.text.trim());
    let wording = if identical {
        1.0
    } else {
        jaccard(&content_words(&p.text), &content_words(&m.text))
    };
    let (po, mo) = (option_set(p), option_set(m));
    let has_options = !po.is_empty() && !mo.is_empty();
    let answers = if has_options { jaccard(&po, &mo) } else { 0.0 };
    let strong_enough = wording >= 0.34
        || (answers >= 0.5 && wording >= 0.15)
        || (compare == Compare::Avoid && answers >= 0.3);
    if !strong_enough {
        return None;
    }
    let mut why = Vec::new();
    if identical {
        why.push("both forms ask it in the same words".to_string());
    } else if wording >= 0.15 {
        why.push(format!(
            "similar wording ({:.0}% of the meaningful words shared)",
            wording * 100.0
        ));
    }
    if has_options && answers > 0.0 {
        let shared = po.intersection(&mo).count();
        why.push(format!("{shared} of their answers are the same"));
    }
    why.push(match compare {
        Compare::Shared => "choices on both sides, so shared options count".to_string(),
        Compare::Same => "one answer each, so the same answer counts".to_string(),
        Compare::Closeness => "ordered answers, so closer answers count more".to_string(),
        Compare::Avoid => {
            "topics a mentor would rather not mentor on rule out participants who want them"
                .to_string()
        }
        _ => String::new(),
    });
    Some(Candidate {
        participant: p,
        mentor: m,
        compare,
        strength: wording * 0.6 + answers * 0.4,
        why: capitalize(&why.join("; ")),
    })
}

/// Name-list questions on a mentor's form ("anyone you would like to have
/// as a mentee"): a request by name, matched against participants' names.
fn name_requests<'a>(
    mentor_questions: &[&'a Question],
    participant_name: Option<&'a Question>,
) -> Vec<Candidate<'a>> {
    let Some(name) = participant_name else {
        return Vec::new();
    };
    mentor_questions
        .iter()
        .filter(|q| q.field.as_deref() == Some("requested_mentees"))
        .map(|q| Candidate {
            participant: name,
            mentor: q,
            compare: Compare::Requested,
            strength: 1.0,
            why: "Mentors named participants they would like to mentor; a pair they asked for scores higher".into(),
        })
        .collect()
}

/// Criteria Matchbook proposes for a program, strongest first, each
/// question used once, none that exists already.
pub fn suggest_criteria(store: &Store, program_id: i64) -> Result<Vec<CriterionDef>> {
    suggest_from(store, program_id, &list_questions(store, program_id, None)?)
}

/// [`suggest_criteria`] with the program's questions already read.
pub fn suggest_from(
    store: &Store,
    program_id: i64,
    questions: &[Question],
) -> Result<Vec<CriterionDef>> {
    let side = |role: Role| -> Vec<&Question> {
        questions
            .iter()
            .filter(|q| q.role == role && q.answered > 0)
            .collect()
    };
    let (participants, mentors) = (side(Role::Participant), side(Role::Mentor));
    let mut candidates: Vec<Candidate<'_>> = Vec::new();
    // Areas, topics a mentor avoids and the other built-in fields are
    // already compared by the built-in criteria and rules.
    for p in participants.iter().filter(|q| !handled_elsewhere(q)) {
        for m in mentors.iter().filter(|q| !handled_elsewhere(q)) {
            candidates.extend(candidate(p, m));
        }
    }
    let participant_name = ["name", "last_name", "first_name", "email"]
        .iter()
        .find_map(|field| {
            questions
                .iter()
                .find(|q| q.role == Role::Participant && q.field.as_deref() == Some(*field))
        });
    candidates.extend(name_requests(&mentors, participant_name));
    candidates.sort_by(|a, b| b.strength.total_cmp(&a.strength));
    let mut used: HashSet<i64> = HashSet::new();
    let mut out = Vec::new();
    for c in candidates {
        let reuses = |q: &Question| {
            used.contains(&q.id) && c.compare != Compare::Avoid && c.compare != Compare::Requested
        };
        if reuses(c.participant)
            || reuses(c.mentor)
            || exists(store, program_id, c.participant.id, c.mentor.id)?
        {
            continue;
        }
        if c.compare != Compare::Avoid && c.compare != Compare::Requested {
            used.insert(c.participant.id);
            used.insert(c.mentor.id);
        }
        let label = if c.participant.text.chars().count() <= c.mentor.text.chars().count() {
            c.participant.text.clone()
        } else {
            c.mentor.text.clone()
        };
        out.push(CriterionDef {
            id: 0,
            label,
            participant_question: QuestionRef {
                id: Some(c.participant.id),
                text: c.participant.text.clone(),
            },
            mentor_question: QuestionRef {
                id: Some(c.mentor.id),
                text: c.mentor.text.clone(),
            },
            compare: c.compare,
            weight: if c.compare == Compare::Avoid {
                0
            } else {
                DEFAULT_WEIGHT
            },
            must: false,
            built_in: false,
            can_be_must: c.compare.can_be_must(),
            description: c.compare.description().to_string(),
            asked: true,
            why: Some(c.why),
        });
    }
    Ok(out)
}

/// Adds every suggestion as a criterion; returns the criteria added.
pub fn apply_suggestions(store: &mut Store, program_id: i64) -> Result<Vec<CriterionDef>> {
    let suggestions = suggest_criteria(store, program_id)?;
    let mut added = Vec::with_capacity(suggestions.len());
    for s in suggestions {
        let mut criterion = add_criterion(
            store,
            program_id,
            &NewCriterion {
                participant_question: s.participant_question.id.unwrap_or_default().to_string(),
                mentor_question: s.mentor_question.id.unwrap_or_default().to_string(),
                compare: s.compare.key().to_string(),
                weight: Some(s.weight),
                must: false,
                label: Some(s.label.clone()),
            },
        )?;
        criterion.why = s.why;
        added.push(criterion);
    }
    Ok(added)
}
