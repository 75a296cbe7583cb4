//! Suggested criteria: pairs of a participant question and a mentor question
//! that ask about the same thing, each with the reason it is proposed, and
//! the questions deliberately left out, each with its reason. A pair is
//! proposed only when both its wording and its answers support it:
//! - choices, numbers and scales by shared wording and overlapping answers;
//! - seniority and grades as "mentor has more", never "same";
//! - what participants want against what mentors offer, in any wording, as
//!   "similar writing" when either is free text, once the answers show that
//!   some pairs wrote about the same things;
//! - a sensitive question (gender, race …) only as "same answer" for the
//!   participants who asked for it ("Would you prefer someone of the same gender?").
//!
//! Identifiers, timestamps, contact details and questions about running the
//! program are never proposed. Nothing changes until the committee accepts.

mod left_out;
mod wording;

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::criteria::{
    add_criterion, exists, Compare, CriterionDef, NewCriterion, QuestionRef, DEFAULT_WEIGHT,
};
use super::writing::{marks, written_answers, Writing};
use crate::error::Result;
use crate::people::{list_people, Person, Role};
use crate::programs::Shape;
use crate::questions::{list_questions, Question, QuestionKind};
use crate::store::Store;
use crate::text::{capitalize, normalize_header};
use left_out::reasons_left_out;
use wording::{
    asks_offers, asks_wants, is_seniority, left_out_reason, numbered_answers, sameness_preference,
    sensitive_topic,
};

/// The weight of a suggested comparison of what people wrote: the heart of
/// an application is in its words, so it outweighs a single choice.
pub const WRITING_WEIGHT: u8 = 100;

/// The weight of a sameness the participant asked for.
const ASKED_SAMENESS_WEIGHT: u8 = 100;

/// Answers support a comparison of writing when each participant's closest
/// mentor is at least this similar (cosine) and stands out: few other
/// mentors come near. Measured: where pairs wrote about one subject, the
/// closest mentor averages 0.31–0.48; the generic questions of the same
/// forms, 0.05; answers copied from a few templates have many mentors as
/// close as the closest.
const WRITING_SUPPORT: f64 = 0.15;

/// The share of participants for whom the writing must single mentors out.
const SINGLED_OUT_SHARE: f64 = 0.5;

/// What Matchbook proposes, and what it chose not to compare and why.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestions {
    pub criteria: Vec<CriterionDef>,
    pub left_out: Vec<LeftOut>,
}

/// A question no suggestion compares, with the reason.
#[derive(Debug, Clone, Serialize)]
pub struct LeftOut {
    pub question: String,
    pub role: Role,
    pub reason: String,
}

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

/// "Are you open to a mentor who …?": a preference about the other person,
/// not an answer both give, so it is not compared with the other's answer.
fn about_the_other(q: &Question) -> bool {
    let words = normalize_header(&q.text);
    [
        "open to",
        "willing to",
        "comfortable with",
        "okay with",
        "ok with",
        "mind if",
    ]
    .iter()
    .any(|p| crate::text::contains_words(&words, p))
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
    if (is_seniority(p) || is_seniority(m)) && numbered_answers(p) && numbered_answers(m) {
        return Some(Compare::MentorMore);
    }
    if about_the_other(p) || about_the_other(m) {
        return None;
    }
    match (p.kind, m.kind) {
        (Text, Text) | (Text, Multi | Single) | (Multi | Single, Text) => Some(Compare::Text),
        (Multi, Multi) | (Multi, Single) | (Single, Multi) => Some(Compare::Shared),
        (Single, Single) | (YesNo, YesNo) => Some(Compare::Same),
        (Scale, Scale) | (Number, Scale) | (Scale, Number) => Some(Compare::Closeness),
        (Number, Number) => Some(Compare::Closeness),
        _ => None,
    }
}

/// The built-in criterion that already reads a question's field, if any.
fn built_in_reader(q: &Question) -> Option<&'static str> {
    Some(match q.field.as_deref()? {
        "areas" => "Shared areas",
        "library_types" => "Library type",
        "region" | "city" => "Geography",
        "meeting_modes" => "Meeting mode",
        "years_experience" => "Experience",
        "requested_mentor" => "Requested mentor",
        "avoid" | "avoid_topics" => "the avoid rules",
        "capacity" => "the mentor's places",
        "role" => "the role column",
        "library" => "the same-library rule",
        "position" => "the letters (printed beside the name, not compared)",
        _ => return None,
    })
}

/// One answer given by nearly everyone: such a question gives almost every
/// pair the same points.
fn dominant_answer(q: &Question) -> Option<String> {
    let top = q.options.iter().max_by_key(|o| o.count)?;
    (q.answered >= 5 && top.count * 10 >= q.answered * 9).then(|| top.label.trim().to_string())
}

struct Candidate<'a> {
    participant: &'a Question,
    mentor: &'a Question,
    compare: Compare,
    strength: f64,
    why: String,
    weight: u8,
    gate: Option<&'a Question>,
}

/// The people whose answers the suggestions look at.
struct Cohort {
    participants: Vec<Person>,
    mentors: Vec<Person>,
}

impl Cohort {
    /// Whether most answers to a free-text question are people's own: at
    /// least 80% differ from every other answer (answers picked from a few
    /// templates, or copied, are not writing to compare).
    fn own_words(&self, q: &Question) -> bool {
        if q.kind != QuestionKind::Text {
            return true;
        }
        let people = if q.role == Role::Participant {
            &self.participants
        } else {
            &self.mentors
        };
        let answers: Vec<String> = written_answers(people, q)
            .into_iter()
            .flatten()
            .map(|a| {
                a.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            })
            .filter(|a| !a.is_empty())
            .collect();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for a in &answers {
            *seen.entry(a.as_str()).or_default() += 1;
        }
        let unique = answers.iter().filter(|a| seen[a.as_str()] == 1).count();
        answers.is_empty() || unique * 10 >= answers.len() * 8
    }

    /// How well the answers to two questions pair people up: the average,
    /// over participants who answered, of their closest mentor's
    /// similarity, and the share of them whose closest mentors stand out
    /// (within 80% of the closest: at most a tenth of the mentors, or two).
    fn writing_support(&self, p: &Question, m: &Question) -> (f64, f64) {
        let writing = Writing::new(
            &written_answers(&self.participants, p),
            &written_answers(&self.mentors, m),
        );
        let mut row = vec![0.0; self.mentors.len()];
        let few = (self.mentors.len() / 10).max(2);
        let (mut sum, mut answered, mut singled) = (0.0, 0usize, 0usize);
        for i in 0..self.participants.len() {
            if !writing.participant_answered(i) {
                continue;
            }
            writing.similarity_row(i, &mut row);
            let best = row.iter().copied().fold(0.0, f64::max);
            let near = row.iter().filter(|&&x| x > 0.0 && x >= best * 0.8).count();
            sum += best;
            answered += 1;
            singled += usize::from(best > 0.0 && near <= few);
        }
        if answered == 0 {
            (0.0, 0.0)
        } else {
            (sum / answered as f64, singled as f64 / answered as f64)
        }
    }
}

/// How alike two questions are, and the reason in words; none when they
/// should not be compared.
fn candidate<'a>(p: &'a Question, m: &'a Question, cohort: &Cohort) -> Option<Candidate<'a>> {
    let compare = comparison_for(p, m)?;
    let identical = p.text.trim().eq_ignore_ascii_case(m.text.trim());
    let wording = if identical {
        1.0
    } else {
        jaccard(&content_words(&p.text), &content_words(&m.text))
    };
    let mut why = Vec::new();
    if identical {
        why.push("both forms ask it in the same words".to_string());
    } else if wording >= 0.15 {
        why.push(format!(
            "similar wording ({:.0}% of the meaningful words shared)",
            wording * 100.0
        ));
    }
    let (strength, weight) = match compare {
        Compare::Text => {
            let want_offer = asks_wants(p) && asks_offers(m);
            if (!want_offer && wording < 0.25) || !cohort.own_words(p) || !cohort.own_words(m) {
                return None;
            }
            let (support, singled) = cohort.writing_support(p, m);
            if support < WRITING_SUPPORT || singled < SINGLED_OUT_SHARE {
                return None;
            }
            if want_offer {
                why.push("participants say what they want and mentors what they can offer".into());
            }
            why.push(format!(
                "the answers bear it out: on average, each participant's closest mentor wrote about the same things ({:.0}% similar)",
                marks(support) * 100.0
            ));
            // What someone wants against what another offers is the heart of
            // a match; other writing alike refines it.
            let weight = if want_offer {
                WRITING_WEIGHT
            } else {
                DEFAULT_WEIGHT
            };
            (0.5 + support * 0.5, weight)
        }
        Compare::MentorMore => {
            why.push("seniority: a mentor should have more, not the same".into());
            (0.5 + wording * 0.5, DEFAULT_WEIGHT)
        }
        _ => {
            let (po, mo) = (option_set(p), option_set(m));
            let has_options = !po.is_empty() && !mo.is_empty();
            let answers = if has_options { jaccard(&po, &mo) } else { 0.0 };
            let yes_no = p.kind == QuestionKind::YesNo || m.kind == QuestionKind::YesNo;
            let strong_enough = (wording >= 0.34 && !(yes_no && wording < 0.6))
                || (answers >= 0.5 && wording >= 0.15)
                || (compare == Compare::Avoid && answers >= 0.3);
            if !strong_enough {
                return None;
            }
            if has_options && answers > 0.0 {
                let shared = po.intersection(&mo).count();
                why.push(format!("{shared} of their answers are the same"));
            }
            (wording * 0.6 + answers * 0.4, DEFAULT_WEIGHT)
        }
    };
    why.push(match compare {
        Compare::Shared => "choices on both sides, so shared options count".to_string(),
        Compare::Same => "one answer each, so the same answer counts".to_string(),
        Compare::Closeness => "ordered answers, so closer answers count more".to_string(),
        Compare::Avoid => {
            "topics a mentor would rather not mentor on rule out participants who want them"
                .to_string()
        }
        Compare::Text => "the words both wrote count, rare ones most".to_string(),
        _ => String::new(),
    });
    why.retain(|w| !w.is_empty());
    Some(Candidate {
        participant: p,
        mentor: m,
        compare,
        strength,
        why: capitalize(&why.join("; ")),
        weight: if compare == Compare::Avoid { 0 } else { weight },
        gate: None,
    })
}

/// "Would you prefer someone of the same gender?" on the participants' form,
/// with the question naming that subject on both forms: "same answer",
/// counting only for those who said yes.
fn asked_sameness<'a>(
    participants: &[&'a Question],
    mentors: &[&'a Question],
) -> Vec<Candidate<'a>> {
    let mut out = Vec::new();
    for gate in participants {
        let Some(topic) = sameness_preference(gate) else {
            continue;
        };
        // Nobody said yes: nobody asked, so there is nothing to compare.
        let asked = gate
            .options
            .iter()
            .any(|o| o.count > 0 && super::score::normalize_answer(&o.label).starts_with("yes"));
        if !asked {
            continue;
        }
        let names = |q: &&Question| {
            q.id != gate.id
                && q.kind.has_options()
                && (sensitive_topic(&normalize_header(&q.text)) == Some(topic)
                    || crate::text::contains_words(&normalize_header(&q.text), topic))
        };
        let (Some(p), Some(m)) = (
            participants.iter().find(|q| names(q)),
            mentors.iter().find(|q| names(q)),
        ) else {
            continue;
        };
        out.push(Candidate {
            participant: p,
            mentor: m,
            compare: Compare::Same,
            strength: 2.0,
            why: capitalize(&format!(
                "participants were asked whether they prefer someone of the same {topic}; it counts only for those who said yes, and others are matched as if it were not asked"
            )),
            weight: ASKED_SAMENESS_WEIGHT,
            gate: Some(gate),
        });
    }
    out
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
            weight: DEFAULT_WEIGHT,
            gate: None,
        })
        .collect()
}

/// Criteria Matchbook proposes for a program, strongest first, each
/// question used once, none that exists already; and the questions left out.
pub fn suggest_criteria(store: &Store, program_id: i64) -> Result<Suggestions> {
    suggest_from(store, program_id, &list_questions(store, program_id, None)?)
}

/// [`suggest_criteria`] with the program's questions already read.
pub fn suggest_from(store: &Store, program_id: i64, questions: &[Question]) -> Result<Suggestions> {
    let side = |role: Role| -> Vec<&Question> {
        questions
            .iter()
            .filter(|q| q.role == role && q.answered > 0)
            .collect()
    };
    let (participants, mentors) = (side(Role::Participant), side(Role::Mentor));
    let cohort = Cohort {
        participants: list_people(store, program_id, Some(Role::Participant))?,
        mentors: list_people(store, program_id, Some(Role::Mentor))?,
    };
    // Each question's own reason not to be compared, decided once.
    let own: HashMap<i64, String> = participants
        .iter()
        .chain(&mentors)
        .filter_map(|q| {
            let reason = left_out_reason(q).or_else(|| {
                about_the_other(q).then(|| {
                    "a preference about the other person (\"open to…\"), not an answer both give, so it is not compared with the other form".to_string()
                })
            });
            reason.map(|r| (q.id, capitalize(&r)))
        })
        .collect();
    let open = |q: &&&Question| {
        !own.contains_key(&q.id)
            && built_in_reader(q).is_none()
            && dominant_answer(q).is_none()
            && !matches!(
                q.kind,
                QuestionKind::Contact | QuestionKind::Date | QuestionKind::Names
            )
    };
    let mut candidates: Vec<Candidate<'_>> = Vec::new();
    for p in participants.iter().filter(open) {
        for m in mentors.iter().filter(open) {
            candidates.extend(candidate(p, m, &cohort));
        }
    }
    // Topics a mentor avoids are read by a rule, against what participants chose.
    for m in mentors
        .iter()
        .filter(|q| q.field.as_deref() == Some("avoid_topics"))
    {
        for p in participants.iter().filter(open) {
            candidates.extend(candidate(p, m, &cohort));
        }
    }
    candidates.extend(asked_sameness(&participants, &mentors));
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
        let once = c.compare != Compare::Avoid && c.compare != Compare::Requested;
        let reuses = |q: &Question| once && used.contains(&q.id);
        if reuses(c.participant)
            || reuses(c.mentor)
            || exists(store, program_id, c.participant.id, c.mentor.id)?
        {
            continue;
        }
        used.extend([c.participant.id, c.mentor.id]);
        used.extend(c.gate.map(|g| g.id));
        out.push(definition(c));
    }
    // Questions existing criteria compare are in use too.
    for c in super::criteria::list_criteria_of(store, program_id, questions)? {
        used.extend(c.participant_question.id);
        used.extend(c.mentor_question.id);
        used.extend(c.gate_question.and_then(|g| g.id));
    }
    // Peer circles have no mentors' form: members are compared with each other.
    let circles = crate::programs::get_program(store, program_id)?.shape == Shape::Circles;
    let other_side = (!circles).then_some("mentors' form");
    let mut left_out = reasons_left_out(&participants, &used, &own, other_side);
    left_out.extend(reasons_left_out(
        &mentors,
        &used,
        &own,
        Some("participants' form"),
    ));
    Ok(Suggestions {
        criteria: out,
        left_out,
    })
}

fn definition(c: Candidate<'_>) -> CriterionDef {
    let label = if c.participant.text.chars().count() <= c.mentor.text.chars().count() {
        c.participant.text.clone()
    } else {
        c.mentor.text.clone()
    };
    let question = |q: &Question| QuestionRef {
        id: Some(q.id),
        text: q.text.clone(),
    };
    CriterionDef {
        id: 0,
        label,
        participant_question: question(c.participant),
        mentor_question: question(c.mentor),
        compare: c.compare,
        weight: c.weight,
        must: false,
        built_in: false,
        can_be_must: c.compare.can_be_must(),
        description: c.compare.description().to_string(),
        asked: true,
        why: Some(c.why),
        writing: c.compare.is_writing(),
        min_similarity: None,
        gate_question: c.gate.map(question),
        choice_shares: None,
    }
}

/// Adds every suggestion as a criterion; returns the criteria added.
pub fn apply_suggestions(store: &mut Store, program_id: i64) -> Result<Vec<CriterionDef>> {
    let suggestions = suggest_criteria(store, program_id)?;
    let mut added = Vec::with_capacity(suggestions.criteria.len());
    for s in suggestions.criteria {
        let id_of = |q: &QuestionRef| q.id.unwrap_or_default().to_string();
        let mut criterion = add_criterion(
            store,
            program_id,
            &NewCriterion {
                participant_question: id_of(&s.participant_question),
                mentor_question: id_of(&s.mentor_question),
                compare: s.compare.key().to_string(),
                weight: Some(s.weight),
                must: false,
                label: Some(s.label.clone()),
                min_similarity: None,
                gate_question: s.gate_question.as_ref().map(id_of),
            },
        )?;
        criterion.why = s.why;
        added.push(criterion);
    }
    Ok(added)
}
