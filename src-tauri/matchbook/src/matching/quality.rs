//! What the total hides: how the proposal's pair scores are spread, its
//! weakest pairs, who got the mentor they asked for, and pairs who would
//! rather be together than with the partners they were given (a
//! participant and a mentor who both score higher together: the mentor has
//! a free place, or scores the participant above one of their mentees).

use std::collections::HashMap;

use serde::Serialize;

use super::problem::{load_problem, Problem};
use super::versions::{current_view, MatchView};
use super::PersonRef;
use crate::error::{Error, Result};
use crate::store::Store;

/// Scores are grouped in this many bars, from the lowest to the highest.
const BARS: usize = 10;
/// How many weakest pairs and swaps are listed.
const LISTED: usize = 10;

/// The quality of the program's current proposal.
#[derive(Debug, Clone, Serialize)]
pub struct Quality {
    pub pairs: usize,
    pub lowest: f64,
    pub median: f64,
    pub highest: f64,
    /// Pairs per score band, lowest band first (equal widths over lowest..highest).
    pub histogram: Vec<Bar>,
    /// The weakest pairs, weakest first, with their reasons.
    pub weakest: Vec<WeakPair>,
    /// Participants who got a mentor they asked for, of those who asked.
    pub got_requested: usize,
    pub asked: usize,
    pub unmatched: usize,
    /// Pairs who would both score higher together, largest gain first.
    pub would_rather_swap: Vec<Swap>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    pub from: f64,
    pub to: f64,
    pub pairs: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct WeakPair {
    pub participant: PersonRef,
    pub mentor: PersonRef,
    pub score: f64,
    pub chips: Vec<String>,
    pub warnings: Vec<String>,
}

/// A participant and a mentor who would both do better together.
#[derive(Debug, Clone, Serialize)]
pub struct Swap {
    pub participant: PersonRef,
    pub mentor: PersonRef,
    /// Their score together.
    pub score: f64,
    /// The participant's score with the mentor they were given (0 when none).
    pub participant_now: f64,
    /// The mentor's lowest-scoring mentee now (None when they have a free place).
    pub mentor_now: Option<f64>,
    /// How much higher the participant scores with this mentor than now.
    pub gain: f64,
}

/// The current proposal's quality, or an error when nothing is proposed.
pub fn quality(store: &Store, program_id: i64) -> Result<Quality> {
    let view = current_view(store, program_id)?
        .filter(|v| v.status == "proposal")
        .ok_or_else(|| {
            Error::Invalid(
                "There is no proposal to look at yet. Compute matches first (matchbook match run)."
                    .into(),
            )
        })?;
    let problem = load_problem(store, program_id)?;
    Ok(quality_of(&problem, &view))
}

fn tenths(points: i64) -> f64 {
    points as f64 / 10.0
}

pub(super) fn quality_of(problem: &Problem, view: &MatchView) -> Quality {
    let mut scores: Vec<f64> = view.pairs.iter().map(|p| p.score).collect();
    scores.sort_by(f64::total_cmp);
    let (lowest, highest) = (
        scores.first().copied().unwrap_or(0.0),
        scores.last().copied().unwrap_or(0.0),
    );
    let median = match scores.len() {
        0 => 0.0,
        n if n % 2 == 1 => scores[n / 2],
        n => (scores[n / 2 - 1] + scores[n / 2]) / 2.0,
    };
    let width = ((highest - lowest) / BARS as f64).max(f64::EPSILON);
    let mut histogram: Vec<Bar> = (0..BARS)
        .map(|b| Bar {
            from: lowest + width * b as f64,
            to: lowest + width * (b + 1) as f64,
            pairs: 0,
        })
        .collect();
    for s in &scores {
        let b = (((s - lowest) / width) as usize).min(BARS - 1);
        histogram[b].pairs += 1;
    }
    let mut weakest: Vec<WeakPair> = view
        .pairs
        .iter()
        .map(|p| WeakPair {
            participant: p.participant.clone(),
            mentor: p.mentor.clone(),
            score: p.score,
            chips: p.chips.clone(),
            warnings: p.warnings.clone(),
        })
        .collect();
    weakest.sort_by(|a, b| a.score.total_cmp(&b.score));
    weakest.truncate(LISTED);

    // Who is with whom, by table index.
    let mentor_of: HashMap<usize, usize> = view
        .pairs
        .iter()
        .filter_map(|p| {
            Some((
                problem.participant_index(p.participant.id)?,
                problem.mentor_index(p.mentor.id)?,
            ))
        })
        .collect();
    let mut mentees: HashMap<usize, Vec<usize>> = HashMap::new();
    for (&p, &m) in &mentor_of {
        mentees.entry(m).or_default().push(p);
    }
    let score = |p: usize, m: usize| problem.cell(p, m).total_tenths();
    let asked: Vec<usize> = (0..problem.participants.len())
        .filter(|&p| (0..problem.mentors.len()).any(|m| problem.cell(p, m).requested))
        .collect();
    let got_requested = asked
        .iter()
        .filter(|&&p| {
            mentor_of
                .get(&p)
                .is_some_and(|&m| problem.cell(p, m).requested)
        })
        .count();

    let mut swaps = Vec::new();
    for p in 0..problem.participants.len() {
        let now = mentor_of.get(&p).map_or(0, |&m| score(p, m));
        for m in 0..problem.mentors.len() {
            let cell = problem.cell(p, m);
            if cell.forbidden.is_some() || mentor_of.get(&p) == Some(&m) {
                continue;
            }
            let together = cell.total_tenths();
            if together <= now {
                continue;
            }
            let theirs = mentees.get(&m).map(Vec::as_slice).unwrap_or(&[]);
            let has_room = (theirs.len() as u32) < problem.capacity[m];
            let weakest_mentee = theirs.iter().map(|&q| score(q, m)).min();
            let mentor_gains = has_room || weakest_mentee.is_some_and(|w| together > w);
            if mentor_gains {
                swaps.push(Swap {
                    participant: PersonRef::of(&problem.participants[p]),
                    mentor: PersonRef::of(&problem.mentors[m]),
                    score: tenths(together),
                    participant_now: tenths(now),
                    mentor_now: (!has_room).then(|| tenths(weakest_mentee.unwrap_or(0))),
                    gain: tenths(together - now),
                });
            }
        }
    }
    swaps.sort_by(|a, b| {
        b.gain
            .total_cmp(&a.gain)
            .then(a.participant.name.cmp(&b.participant.name))
    });
    swaps.truncate(LISTED);
    Quality {
        pairs: view.pairs.len(),
        lowest,
        median,
        highest,
        histogram,
        weakest,
        got_requested,
        asked: asked.len(),
        unmatched: view.unmatched.len(),
        would_rather_swap: swaps,
    }
}
