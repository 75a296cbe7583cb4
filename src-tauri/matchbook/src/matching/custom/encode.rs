//! Reading each person's answers to one criterion's two questions, once, into
//! the compact form scoring compares: option bits, numbers, pairs named by
//! name, or the cohort's writing.

use std::collections::{HashMap, HashSet};

use super::super::criteria::{Compare, CustomCriterion};
use super::super::names::{unmatched_name, NameIndex, Wish};
use super::super::score::normalize_answer;
use super::super::writing::{written_answers, Writing};
use crate::people::{Answer, Person};
use crate::questions::QuestionKind;

/// How much more a mentor's number must be for full marks ("mentor has
/// more"): five years; one step of an ordered scale or grade.
pub const MENTOR_MORE_GAP: f64 = 5.0;

/// Interns reasons so a cell stores a small number (the problem's `reasons`).
pub trait ReasonIds {
    fn id(&mut self, text: String) -> u32;
}

/// One criterion with every person's answer read.
pub(super) struct Encoded {
    pub(super) def: CustomCriterion,
    /// Option number → its spelling.
    pub(super) options: Vec<String>,
    pub(super) words: usize,
    /// Participants then mentors: `words` u64 per person (options picked).
    pub(super) bits: Vec<u64>,
    /// Participants then mentors: how many options each picked.
    pub(super) picked: Vec<u32>,
    /// Participants then mentors: a number or scale position (NaN: no answer).
    pub(super) numbers: Vec<f64>,
    /// For closeness: the distance that scores 0.
    pub(super) range: f64,
    /// Pairs named by one side (requested, or to avoid), with who named whom.
    pub(super) named: HashMap<(usize, usize), String>,
    /// The same pairs by participant: the mentors named with them.
    pub(super) named_mentors: Vec<Vec<usize>>,
    /// Names written in its question that match nobody, as the committee reads them.
    pub(super) unmatched_names: Vec<String>,
    /// The reason a must-match failure rules a pair out (index into the problem's reasons).
    pub(super) must_reason: u32,
    /// For "similar writing": both sides' answers read as text.
    pub(super) writing: Option<Writing>,
    /// For "mentor has more": how much more gives full marks.
    pub(super) gap: f64,
    /// Per participant: whether the criterion counts for them (a gated
    /// sameness criterion counts only for those who said yes to its gate).
    pub(super) counts_for: Vec<bool>,
}

/// Reads both sides' answers of one criterion.
pub(super) fn encode(
    def: CustomCriterion,
    participants: &[Person],
    mentors: &[Person],
    reasons: &mut dyn ReasonIds,
) -> Encoded {
    let people: Vec<(&Person, bool)> = participants
        .iter()
        .map(|p| (p, true))
        .chain(mentors.iter().map(|m| (m, false)))
        .collect();
    let answer = |person: &Person, participant: bool| {
        let q = if participant {
            &def.participant
        } else {
            &def.mentor
        };
        person.application.answers.get(&q.text).cloned()
    };
    // Option numbers: a scale's points in order, then every other answer seen.
    let mut options: Vec<String> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut intern = |label: &str, options: &mut Vec<String>| -> usize {
        let key = normalize_answer(label);
        *index.entry(key).or_insert_with(|| {
            options.push(label.trim().to_string());
            options.len() - 1
        })
    };
    for q in [&def.participant, &def.mentor] {
        if q.kind == QuestionKind::Scale {
            for o in &q.options {
                intern(&o.label, &mut options);
            }
        }
    }
    let answers: Vec<Option<Answer>> = people.iter().map(|(p, side)| answer(p, *side)).collect();
    let picked: Vec<Vec<usize>> = answers
        .iter()
        .map(|a| match a {
            Some(a) if !a.is_empty() => a
                .options()
                .iter()
                .map(|o| intern(o, &mut options))
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    let words = options.len().div_ceil(64).max(1);
    let mut bits = vec![0u64; people.len() * words];
    for (person, picks) in picked.iter().enumerate() {
        for &o in picks {
            bits[person * words + o / 64] |= 1 << (o % 64);
        }
    }
    let scale = |q: &crate::questions::Question| q.kind == QuestionKind::Scale;
    let numbers: Vec<f64> = answers
        .iter()
        .zip(&picked)
        .zip(&people)
        .map(|((a, picks), (_, participant))| {
            let q = if *participant {
                &def.participant
            } else {
                &def.mentor
            };
            match a {
                Some(Answer::Number(n)) => *n,
                Some(Answer::Text(t)) if !scale(q) => number_in(t),
                Some(Answer::Text(t)) => t
                    .trim()
                    .parse()
                    .unwrap_or_else(|_| picks.first().map_or(f64::NAN, |&o| o as f64)),
                _ => f64::NAN,
            }
        })
        .collect();
    let known: Vec<f64> = numbers.iter().copied().filter(|x| !x.is_nan()).collect();
    let range = known.iter().copied().fold(f64::NEG_INFINITY, f64::max)
        - known.iter().copied().fold(f64::INFINITY, f64::min);
    let (named, unmatched_names) = named_pairs(&def, participants, mentors);
    let mut named_mentors = vec![Vec::new(); participants.len()];
    for &(p, m) in named.keys() {
        named_mentors[p].push(m);
    }
    let must_reason = reasons.id(rule_text(&def));
    let writing = (def.compare == Compare::Text).then(|| {
        Writing::new(
            &written_answers(participants, &def.participant),
            &written_answers(mentors, &def.mentor),
        )
    });
    let counts_for = participants
        .iter()
        .map(|p| {
            def.gate.as_ref().is_none_or(|gate| {
                p.application
                    .answer(&gate.text, gate.field.as_deref())
                    .is_some_and(|a| a.options().iter().any(|o| says_yes(o)))
            })
        })
        .collect();
    let gap = if def.participant.kind == QuestionKind::Number
        && def.mentor.kind == QuestionKind::Number
    {
        MENTOR_MORE_GAP
    } else {
        1.0
    };
    Encoded {
        def,
        options,
        words,
        picked: bits
            .chunks_exact(words)
            .map(|w| w.iter().map(|x| x.count_ones()).sum())
            .collect(),
        bits,
        numbers,
        range: if range.is_finite() { range } else { 0.0 },
        named,
        named_mentors,
        unmatched_names,
        must_reason,
        writing,
        gap,
        counts_for,
    }
}

/// What the committee reads when a criterion rules a pair out.
fn rule_text(def: &CustomCriterion) -> String {
    match def.compare {
        Compare::Avoid => format!("{} (avoid)", def.label),
        Compare::Same => format!("Different answer: {} (must match)", def.label),
        Compare::Shared => format!("Nothing in common: {} (must match)", def.label),
        Compare::Closeness => format!("Different answers: {} (must match)", def.label),
        Compare::MentorMore => format!("Mentor does not have more: {} (must match)", def.label),
        // Circle criteria never score a pair (`custom_criteria` leaves them out).
        Compare::Requested | Compare::Mixed => def.label.clone(),
        Compare::Text => format!(
            "Too little in common in what they wrote: {} (must match)",
            def.label
        ),
    }
}

/// The pairs a name-list question names, either way, with a chip for each.
/// The pairs a names question names, and what the committee is told about
/// the names that match nobody (or could be several people).
fn named_pairs(
    def: &CustomCriterion,
    participants: &[Person],
    mentors: &[Person],
) -> (HashMap<(usize, usize), String>, Vec<String>) {
    let mut named = HashMap::new();
    let mut unmatched = Vec::new();
    if !matches!(def.compare, Compare::Requested | Compare::Avoid) {
        return (named, unmatched);
    }
    let wish = if def.compare == Compare::Requested {
        Wish::Asked
    } else {
        Wish::Avoided
    };
    let index = |people: &[Person]| {
        NameIndex::new(people.iter().map(|p| {
            (
                p.application.name.as_str(),
                p.application.preferred_name.as_str(),
                p.application.email.as_deref(),
            )
        }))
    };
    let verb = if def.compare == Compare::Requested {
        "asked for"
    } else {
        "asked not to be paired with"
    };
    if def.participant.kind == QuestionKind::Names {
        let mentor_names = index(mentors);
        // Someone to avoid may be a fellow participant: known, not a mentor.
        let fellows = index(participants);
        for (i, p) in participants.iter().enumerate() {
            for name in names_in(p, &def.participant) {
                let found = mentor_names.find(&name);
                if found.is_empty() {
                    unmatched.extend(unmatched_name(
                        &p.application.name,
                        wish,
                        &name,
                        &mentor_names,
                        &[&fellows],
                        "mentor",
                    ));
                }
                for j in found {
                    named.insert(
                        (i, j),
                        format!("{} {verb} {}", p.application.name, name.trim()),
                    );
                }
            }
        }
    }
    if def.mentor.kind == QuestionKind::Names {
        let participant_names = index(participants);
        let fellows = index(mentors);
        let mut seen = HashSet::new();
        for (j, m) in mentors.iter().enumerate() {
            for name in names_in(m, &def.mentor) {
                let found = participant_names.find(&name);
                if found.is_empty() {
                    unmatched.extend(unmatched_name(
                        &m.application.name,
                        wish,
                        &name,
                        &participant_names,
                        &[&fellows],
                        "participant",
                    ));
                }
                for i in found {
                    if seen.insert((i, j)) {
                        named.entry((i, j)).or_insert_with(|| {
                            format!("{} {verb} {}", m.application.name, name.trim())
                        });
                    }
                }
            }
        }
    }
    (named, unmatched)
}

fn names_in(person: &Person, question: &crate::questions::Question) -> Vec<String> {
    person
        .application
        .answer(&question.text, question.field.as_deref())
        .map(|a| a.options())
        .unwrap_or_default()
}

/// "Yes", "Yes, please", "Yes – same gender": the answer of someone who asked.
fn says_yes(answer: &str) -> bool {
    let a = normalize_answer(answer);
    a == "yes" || a.starts_with("yes ")
}

/// A number answer, or the one number a choice carries ("Grade 9" → 9).
fn number_in(text: &str) -> f64 {
    let text = text.trim();
    if let Ok(n) = text.parse::<f64>() {
        return n;
    }
    let mut numbers = text
        .split(|c: char| !c.is_ascii_digit() && c != '.')
        .filter_map(|d| d.trim_matches('.').parse::<f64>().ok());
    match (numbers.next(), numbers.next()) {
        (Some(n), None) => n,
        _ => f64::NAN,
    }
}
