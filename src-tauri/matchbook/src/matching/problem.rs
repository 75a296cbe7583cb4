//! The matching problem of a program: who still needs a mentor, who has room,
//! every pair's score or the reason it is ruled out; and its optimal solution.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::choices::{self, PairChoice};
use super::custom::CustomScoring;
pub use super::goal::Goal;
use super::score::{self, Features, Interner, PairScore, Weights};
use super::PersonRef;
use crate::people::Person;

/// One participant–mentor pair as the solver and the screens see it.
#[derive(Debug, Clone, Copy)]
pub struct Cell {
    /// The built-in criteria's points.
    pub score: PairScore,
    /// The committee's own criteria's points, in tenths.
    pub custom: u32,
    pub requested: bool,
    /// Index into [`Problem::reasons`] when the pair is ruled out.
    pub forbidden: Option<u32>,
}

impl Cell {
    /// The pair's score in tenths of a point: built-in and own criteria.
    pub fn total_tenths(&self) -> i64 {
        self.score.total_tenths() + i64::from(self.custom)
    }
}

/// Everything needed to solve and explain one program's matching.
pub struct Problem {
    pub program_id: i64,
    pub weights: Weights,
    /// Participants without a confirmed mentor, in name order.
    pub participants: Vec<Person>,
    /// Per participant, "Waiting since …" when they are on the waiting list:
    /// they are placed before the others.
    pub waiting: Vec<Option<String>>,
    /// People the committee's rules leave out (not eligible…): name, reason.
    pub left_out: Vec<(String, String)>,
    /// Every mentor, in name order.
    pub mentors: Vec<Person>,
    /// Mentees each mentor can still take (capacity minus confirmed matches).
    pub capacity: Vec<u32>,
    /// The capacity each mentor offered.
    pub offered: Vec<u32>,
    /// participants × mentors, row-major.
    pub cells: Vec<Cell>,
    pub reasons: Vec<String>,
    /// Committee locks among the participants still to match: (participant, mentor) indices.
    pub locks: Vec<(usize, usize)>,
    /// For vetoed pairs that a hard rule also rules out: that rule's reason,
    /// which still needs the committee's reason when the veto is lifted by a lock.
    pub rules_behind_vetoes: HashMap<(usize, usize), u32>,
    /// Names people wrote (to avoid, or as the mentor they asked for) that
    /// match nobody in the program: said before matching, never dropped silently.
    pub unknown_names: Vec<String>,
    /// What each side ranked, by (participant, mentor) index: read by the
    /// criterion "Their choice", the goal "No one would trade" and the figures.
    pub choices: HashMap<(usize, usize), PairChoice>,
    /// The share of the weight a 1st, 2nd and 3rd choice score (percent).
    pub choice_shares: [u8; 3],
    pub(crate) features: Vec<Features>,
    pub(crate) interner: Interner,
    /// The committee's own criteria, read for every person.
    pub(crate) custom: CustomScoring,
}

impl Problem {
    pub fn cell(&self, p: usize, m: usize) -> &Cell {
        &self.cells[p * self.mentors.len() + m]
    }

    pub fn reason(&self, cell: &Cell) -> Option<&str> {
        cell.forbidden
            .and_then(|r| self.reasons.get(r as usize))
            .map(String::as_str)
    }

    /// The hard rule (same library, someone to avoid, paired before) that
    /// rules a pair out, leaving the committee's own veto aside.
    pub fn hard_rule(&self, p: usize, m: usize) -> Option<&str> {
        let cell = self.cell(p, m);
        let reason = self.reason(cell)?;
        if !reason.starts_with("Vetoed") {
            return Some(reason);
        }
        self.rules_behind_vetoes
            .get(&(p, m))
            .and_then(|&r| self.reasons.get(r as usize))
            .map(String::as_str)
    }

    /// The phrases behind a pair's score.
    pub fn explain(&self, p: usize, m: usize) -> Vec<String> {
        let cell = self.cell(p, m);
        let mut chips = score::explain(
            &self.features[p],
            &self.features[self.participants.len() + m],
            cell.requested,
            &self.interner,
        );
        chips.extend(choices::chips(
            self.choice(p, m),
            &self.participants[p],
            &self.mentors[m],
        ));
        chips.extend(self.custom.explain(p, m));
        if let Some(flag) = &self.waiting[p] {
            chips.insert(0, format!("{flag}: matched first"));
        }
        chips
    }

    /// How a participant ranks a mentor under "No one would trade" (lower is
    /// preferred): their stated choices first, in order, then the pair's score.
    pub(super) fn participant_key(&self, p: usize, m: usize) -> (u8, Reverse<i64>) {
        (
            self.choice(p, m).participant.unwrap_or(u8::MAX),
            Reverse(self.cell(p, m).total_tenths()),
        )
    }

    /// How a mentor ranks a participant: by their own ranking where they gave
    /// one, otherwise by the pair's score.
    pub(super) fn mentor_key(&self, p: usize, m: usize) -> (u8, Reverse<i64>) {
        (
            self.choice(p, m).mentor.unwrap_or(u8::MAX),
            Reverse(self.cell(p, m).total_tenths()),
        )
    }

    /// What the participant and the mentor ranked each other (nothing when neither did).
    pub fn choice(&self, p: usize, m: usize) -> PairChoice {
        self.choices.get(&(p, m)).copied().unwrap_or_default()
    }

    /// Each criterion's points for a pair: built-in ones by key, the
    /// committee's by label.
    pub fn breakdown(&self, p: usize, m: usize) -> BTreeMap<String, f64> {
        let cell = self.cell(p, m);
        let mut parts: BTreeMap<String, f64> = score::Criterion::ALL
            .into_iter()
            .map(|c| {
                (
                    c.key().to_string(),
                    score::points(i64::from(cell.score.part(c))),
                )
            })
            .collect();
        parts.extend(self.custom.breakdown(p, m));
        parts
    }

    /// The criteria a pair has no answer for on one side (built-in ones only
    /// where both forms asked for them at all).
    pub fn warnings(&self, p: usize, m: usize) -> Vec<String> {
        let mut warnings = score::warnings(&self.cell(p, m).score, |c| self.asks(c));
        warnings.extend(self.custom.warnings(p, m));
        warnings
    }

    /// Whether the forms gave what a built-in criterion reads: an answer on
    /// both sides somewhere (a mentor asked for by name, for that one).
    pub fn asks(&self, c: score::Criterion) -> bool {
        let np = self.participants.len();
        match c {
            score::Criterion::RequestedMentor => self.cells.iter().any(|cell| cell.requested),
            score::Criterion::TheirChoice => !self.choices.is_empty(),
            _ => {
                self.features[..np].iter().any(|f| f.has_answer(c))
                    && self.features[np..].iter().any(|f| f.has_answer(c))
            }
        }
    }

    /// The most a pair can score under the program's criteria, in points. A
    /// built-in criterion the forms do not ask gives nobody points, so it
    /// does not count: a pair perfect on everything asked scores the most.
    pub fn most_points(&self) -> f64 {
        let built_in: u32 = score::Criterion::ALL
            .into_iter()
            .filter(|&c| self.asks(c))
            .map(|c| u32::from(self.weights.get(c)) * 10)
            .sum();
        score::points(i64::from(built_in + self.custom.most_tenths()))
    }

    /// Why a pair scores low: what it lacks, the mentor the participant
    /// asked for when it is someone else, and answers missing on one side.
    pub fn shortfalls(&self, p: usize, m: usize) -> Vec<String> {
        let cell = self.cell(p, m);
        let mut why = score::shortfalls(&cell.score, &self.weights);
        why.extend(self.custom.shortfalls(p, m));
        let asked_elsewhere = !cell.requested
            && self.weights.get(score::Criterion::RequestedMentor) > 0
            && (0..self.mentors.len()).any(|other| self.cell(p, other).requested);
        if asked_elsewhere {
            why.push("Asked for another mentor".into());
        }
        why.extend(self.warnings(p, m));
        why
    }

    pub fn participant_index(&self, id: i64) -> Option<usize> {
        self.participants.iter().position(|p| p.id == id)
    }

    pub fn mentor_index(&self, id: i64) -> Option<usize> {
        self.mentors.iter().position(|m| m.id == id)
    }
}

/// Another mentor a participant could have had, and why they did not.
#[derive(Debug, Clone, Serialize)]
pub struct Alternative {
    pub mentor: PersonRef,
    pub score: f64,
    /// The current pair's score minus this one (negative: this one scores higher).
    pub score_lost: f64,
    /// False when a hard rule rules the pair out (pairing needs an override).
    pub allowed: bool,
    pub why_not: String,
    pub chips: Vec<String>,
    /// The participants this mentor has in the proposal (to swap with).
    pub mentees: Vec<PersonRef>,
    /// The mentees the mentor offered to take, the places running matches
    /// leave, and how many of those the committee locked to other participants.
    pub capacity: u32,
    pub places_left: u32,
    pub locked_to_others: u32,
    /// [`mentor_is_full`]: pairing needs one more place, which the mentor agrees to.
    pub is_full: bool,
}

/// A mentor is full for a participant when running matches and locks to
/// other participants take every place they have.
pub fn mentor_is_full(places_left: u32, locked_to_others: u32) -> bool {
    places_left <= locked_to_others
}
