//! Scoring the committee's own criteria. Each person's answer to each
//! criterion's question is read once into a compact form (option bits, an
//! option number, a number), so scoring a pair is a few integer operations
//! per criterion: 2,000 × 1,000 pairs × 20 criteria stay well under a second.
//! A missing answer counts half the weight (neutral) and is said, never a
//! zero that punishes.

mod encode;

use std::collections::HashMap;

use super::compare::DEFAULT_MIN_SIMILARITY;
use super::criteria::{Compare, CustomCriterion};
use super::writing::marks;
use crate::people::Person;
use crate::questions::QuestionKind;
pub use encode::ReasonIds;
use encode::{encode, Encoded};

/// A criterion's points with every mentor for each distinct participant
/// answer. Participants who gave the same answer score the same with every
/// mentor, and forms offer few options, so 2,000 participants usually give
/// a few dozen distinct answers: their rows are computed once and added.
struct AnswerRows {
    /// Participant → their answer's row.
    row_of: Vec<usize>,
    /// Row-major: each distinct answer's points with every mentor.
    points: Vec<f64>,
    /// Per distinct answer, the mentors the criterion rules out.
    ruled: Vec<Vec<usize>>,
}

impl AnswerRows {
    /// Answers beyond this many distinct ones are scored pair by pair.
    const MOST_ROWS: usize = 256;

    fn new(c: &Encoded, np: usize, nm: usize) -> Option<AnswerRows> {
        // Named pairs differ per person; they are few and scored directly.
        // Writing differs per person too, and a gate counts per person.
        if matches!(c.def.compare, Compare::Requested | Compare::Text)
            || c.def.gate.is_some()
            || (c.def.compare == Compare::Avoid && !c.named.is_empty())
        {
            return None;
        }
        let numeric = matches!(c.def.compare, Compare::Closeness | Compare::MentorMore);
        let key = |p: usize| -> Vec<u64> {
            if numeric {
                let n = c.numbers[p];
                vec![if n.is_nan() { u64::MAX } else { n.to_bits() }]
            } else {
                c.bits[p * c.words..(p + 1) * c.words].to_vec()
            }
        };
        let mut first_of: HashMap<Vec<u64>, usize> = HashMap::new();
        let mut representatives = Vec::new();
        let mut row_of = Vec::with_capacity(np);
        for p in 0..np {
            let next = representatives.len();
            let row = *first_of.entry(key(p)).or_insert(next);
            if row == next {
                if next == Self::MOST_ROWS {
                    return None;
                }
                representatives.push(p);
            }
            row_of.push(row);
        }
        let mut points = vec![0.0; representatives.len() * nm];
        let mut ruled = Vec::with_capacity(representatives.len());
        let mut ruled_out = vec![None; nm];
        for (row, &p) in representatives.iter().enumerate() {
            ruled_out.fill(None);
            // Into zeros: each entry is exactly the term `criterion_row` adds.
            criterion_row(
                c,
                p,
                np,
                &mut points[row * nm..(row + 1) * nm],
                &mut ruled_out,
            );
            ruled.push((0..nm).filter(|&m| ruled_out[m].is_some()).collect());
        }
        Some(AnswerRows {
            row_of,
            points,
            ruled,
        })
    }

    /// Adds participant `p`'s row, as `criterion_row` would.
    fn add(&self, c: &Encoded, p: usize, points: &mut [f64], ruled_out: &mut [Option<u32>]) {
        let row = self.row_of[p];
        let nm = points.len();
        for (total, term) in points
            .iter_mut()
            .zip(&self.points[row * nm..(row + 1) * nm])
        {
            *total += *term;
        }
        for &m in &self.ruled[row] {
            ruled_out[m].get_or_insert(c.must_reason);
        }
    }
}

/// The committee's criteria, ready to score any pair of a problem.
#[derive(Default)]
pub struct CustomScoring {
    criteria: Vec<Encoded>,
    /// Per criterion: each distinct participant answer's row, when answers repeat.
    rows: Vec<Option<AnswerRows>>,
    np: usize,
}

impl CustomScoring {
    /// Reads every person's answers to each criterion's questions.
    pub fn new(
        criteria: Vec<CustomCriterion>,
        participants: &[Person],
        mentors: &[Person],
        reasons: &mut dyn ReasonIds,
    ) -> CustomScoring {
        let np = participants.len();
        let criteria: Vec<Encoded> = criteria
            .into_iter()
            .filter(|c| c.weight > 0 || c.must || c.compare == Compare::Avoid)
            .map(|c| encode(c, participants, mentors, reasons))
            .collect();
        let rows = criteria
            .iter()
            .map(|c| AnswerRows::new(c, np, mentors.len()))
            .collect();
        CustomScoring { criteria, rows, np }
    }

    pub fn is_empty(&self) -> bool {
        self.criteria.is_empty()
    }

    /// A pair's points in tenths, and the reason it is ruled out if a
    /// must-match or avoid criterion rules it out: the definition that
    /// [`Self::score_row`] computes faster, kept to test it against.
    #[cfg(test)]
    pub fn score(&self, p: usize, m: usize) -> (u32, Option<u32>) {
        let mut tenths = 0.0;
        for c in &self.criteria {
            match value(c, p, self.np + m, (p, m)) {
                Value::Missing => tenths += f64::from(c.def.weight) * 5.0,
                Value::Score(v) => {
                    if fails_must(c, v) {
                        return (0, Some(c.must_reason));
                    }
                    tenths += f64::from(c.def.weight) * v * 10.0;
                }
                Value::NoPoints => {}
                Value::RuledOut => return (0, Some(c.must_reason)),
            }
        }
        (tenths.round() as u32, None)
    }

    /// Participant `p`'s points with every mentor, like [`Self::score`] for
    /// each pair but one criterion at a time over all mentors (the compare
    /// is decided once per criterion, and each answer list is read in one
    /// sweep): this is the inner loop of matching.
    pub fn score_row(&self, p: usize, row: &mut ScoreRow) {
        let nm = row.points.len();
        row.points.fill(0.0);
        row.ruled_out.fill(None);
        for (c, rows) in self.criteria.iter().zip(&self.rows) {
            match rows {
                Some(rows) => rows.add(c, p, &mut row.points, &mut row.ruled_out),
                None => criterion_row(c, p, self.np, &mut row.points, &mut row.ruled_out),
            }
        }
        for m in 0..nm {
            if row.ruled_out[m].is_some() {
                row.points[m] = 0.0;
            }
        }
    }

    /// Names the committee's names questions hold that match nobody.
    pub fn unmatched_names(&self) -> impl Iterator<Item = &String> {
        self.criteria.iter().flat_map(|c| &c.unmatched_names)
    }

    /// Each criterion's points for a pair, by label.
    pub fn breakdown(&self, p: usize, m: usize) -> Vec<(String, f64)> {
        self.criteria
            .iter()
            .map(|c| {
                let points = match value(c, p, self.np + m, (p, m)) {
                    Value::Missing => f64::from(c.def.weight) * 0.5,
                    Value::Score(v) => f64::from(c.def.weight) * v,
                    Value::NoPoints | Value::RuledOut => 0.0,
                };
                (c.def.label.clone(), (points * 10.0).round() / 10.0)
            })
            .collect()
    }

    /// The reasons behind a pair's points, in the forms' own words.
    pub fn explain(&self, p: usize, m: usize) -> Vec<String> {
        self.criteria
            .iter()
            .filter_map(|c| chip(c, p, self.np + m, (p, m)))
            .collect()
    }

    /// The most points the committee's criteria can give a pair, in tenths.
    pub fn most_tenths(&self) -> u32 {
        self.criteria
            .iter()
            .filter(|c| c.def.compare != Compare::Avoid)
            .map(|c| u32::from(c.def.weight) * 10)
            .sum()
    }

    /// The committee's weighted criteria where a pair earns less than half
    /// the weight, with both answers given.
    pub fn shortfalls(&self, p: usize, m: usize) -> Vec<String> {
        self.criteria
            .iter()
            .filter(|c| c.def.weight > 0 && c.def.compare != Compare::Requested)
            .filter_map(|c| match value(c, p, self.np + m, (p, m)) {
                Value::Score(0.0) => Some(format!("{}: nothing in common", c.def.label)),
                Value::Score(v) if v < 0.5 => Some(format!("{}: little in common", c.def.label)),
                Value::Score(v) if v < 1.0 => Some(format!("{}: partly in common", c.def.label)),
                _ => None,
            })
            .collect()
    }

    /// Criteria a pair has no answer for on one side.
    pub fn warnings(&self, p: usize, m: usize) -> Vec<String> {
        self.criteria
            .iter()
            .filter(|c| matches!(value(c, p, self.np + m, (p, m)), Value::Missing))
            .map(|c| format!("{}: no answer on one side (counted as half)", c.def.label))
            .collect()
    }

    /// For each must-match or avoid criterion, how many participants it
    /// leaves without any mentor (looking at that criterion alone).
    pub fn rule_impact(&self, nm: usize) -> Vec<(i64, String, usize)> {
        self.criteria
            .iter()
            .filter(|c| c.def.must || c.def.compare == Compare::Avoid)
            .map(|c| {
                let stranded = (0..self.np)
                    .filter(|&p| {
                        (0..nm).all(|m| match value(c, p, self.np + m, (p, m)) {
                            Value::RuledOut => true,
                            Value::Score(v) => fails_must(c, v),
                            Value::Missing | Value::NoPoints => false,
                        })
                    })
                    .count();
                (c.def.id, c.def.label.clone(), stranded)
            })
            .collect()
    }

    /// Options many participants chose and few mentors did, per "same" or
    /// "shared" criterion: "Sector: 9 participants chose Archives, 2 mentors did."
    pub fn gaps(&self, capacity: &[u32]) -> Vec<String> {
        let mut messages = Vec::new();
        for c in &self.criteria {
            if !matches!(c.def.compare, Compare::Same | Compare::Shared) {
                continue;
            }
            for (o, option) in c.options.iter().enumerate() {
                let picked =
                    |person: usize| c.bits[person * c.words + o / 64] & (1 << (o % 64)) != 0;
                let wanted = (0..self.np).filter(|&p| picked(p)).count();
                let mentors =
                    (0..capacity.len()).filter(|&m| capacity[m] > 0 && picked(self.np + m));
                let (offering, places) =
                    mentors.fold((0, 0u32), |(n, s), m| (n + 1, s + capacity[m]));
                if wanted >= 3 && wanted as u32 > places && wanted >= 2 * offering {
                    messages.push(format!(
                        "{}: {wanted} participants chose {option}, {} did.",
                        c.def.label,
                        match offering {
                            0 => "no mentor".to_string(),
                            1 => "1 mentor".to_string(),
                            n => format!("{n} mentors"),
                        }
                    ));
                }
            }
        }
        messages
    }
}

/// One participant's points (tenths, before rounding) and rules with every mentor.
pub struct ScoreRow {
    points: Vec<f64>,
    ruled_out: Vec<Option<u32>>,
}

impl ScoreRow {
    pub fn new(mentors: usize) -> Self {
        ScoreRow {
            points: vec![0.0; mentors],
            ruled_out: vec![None; mentors],
        }
    }

    /// Mentor `m`'s points in tenths and the rule that excludes the pair, as [`CustomScoring::score`] gives them.
    pub fn get(&self, m: usize) -> (u32, Option<u32>) {
        (self.points[m].round() as u32, self.ruled_out[m])
    }
}

/// Adds one criterion's points for participant `p` with every mentor, and
/// its rule where a pair has none yet. Each cell gets exactly the value
/// [`value`] gives, added in the same order, so rows and single pairs agree.
fn criterion_row(
    c: &Encoded,
    p: usize,
    np: usize,
    points: &mut [f64],
    ruled_out: &mut [Option<u32>],
) {
    if !c.counts_for[p] {
        return;
    }
    let weight = f64::from(c.def.weight);
    let rule = |m: usize, ruled_out: &mut [Option<u32>]| {
        ruled_out[m].get_or_insert(c.must_reason);
    };
    let nm = points.len();
    match c.def.compare {
        // Between circle members only; never part of a pair's score.
        Compare::Mixed => {}
        Compare::Requested => {
            let named = &c.named_mentors[p];
            if c.def.must {
                // Every mentor they did not name scores 0 < 1: ruled out.
                for m in (0..nm).filter(|m| !named.contains(m)) {
                    rule(m, ruled_out);
                }
            }
            for &m in named {
                points[m] += weight * 1.0 * 10.0;
            }
        }
        Compare::Avoid
            if c.def.participant.kind == QuestionKind::Names
                || c.def.mentor.kind == QuestionKind::Names =>
        {
            for &m in &c.named_mentors[p] {
                rule(m, ruled_out);
            }
        }
        Compare::Avoid | Compare::Shared | Compare::Same => {
            let words = c.words;
            let mine = &c.bits[p * words..(p + 1) * words];
            let wanted = c.picked[p];
            let avoid = c.def.compare == Compare::Avoid;
            if wanted == 0 {
                // No answer on the participant's side: half marks with everyone.
                if !avoid {
                    points.iter_mut().for_each(|x| *x += weight * 5.0);
                }
                return;
            }
            // shared ÷ wanted for every possible count, computed as `value` does.
            let share: Vec<f64> = (0..=wanted).map(|n| n as f64 / wanted as f64).collect();
            for (m, total) in points.iter_mut().enumerate() {
                let person = np + m;
                if c.picked[person] == 0 {
                    if !avoid {
                        *total += weight * 5.0;
                    }
                    continue;
                }
                let theirs = &c.bits[person * words..(person + 1) * words];
                let shared: u32 = if words == 1 {
                    (mine[0] & theirs[0]).count_ones()
                } else {
                    mine.iter()
                        .zip(theirs)
                        .map(|(x, y)| (x & y).count_ones())
                        .sum()
                };
                let v = match c.def.compare {
                    Compare::Avoid => {
                        if shared > 0 {
                            rule(m, ruled_out);
                        }
                        continue;
                    }
                    Compare::Shared => share[shared as usize],
                    _ => f64::from(u8::from(shared > 0)),
                };
                if fails_must(c, v) {
                    rule(m, ruled_out);
                }
                *total += weight * v * 10.0;
            }
        }
        Compare::Text => {
            let Some(writing) = &c.writing else { return };
            let mut similar = vec![0.0; nm];
            writing.similarity_row(p, &mut similar);
            let answered = writing.participant_answered(p);
            for (m, total) in points.iter_mut().enumerate() {
                if !answered || !writing.mentor_answered(m) {
                    *total += weight * 5.0;
                    continue;
                }
                let v = marks(similar[m]);
                if fails_must(c, v) {
                    rule(m, ruled_out);
                }
                *total += weight * v * 10.0;
            }
        }
        Compare::Closeness | Compare::MentorMore => {
            let a = c.numbers[p];
            for (m, &b) in c.numbers[np..np + nm].iter().enumerate() {
                if a.is_nan() || b.is_nan() {
                    points[m] += weight * 5.0;
                    continue;
                }
                let v = number_score(c, a, b);
                if fails_must(c, v) {
                    rule(m, ruled_out);
                }
                points[m] += weight * v * 10.0;
            }
        }
    }
}

/// Writing this alike (in marks) is worth a reason on the pair.
const WRITING_CHIP_FROM: f64 = 0.4;

/// Whether points `v` break a must-match criterion: anything short of full
/// marks, or for writing, short of the committee's minimum similarity.
fn fails_must(c: &Encoded, v: f64) -> bool {
    c.def.must
        && match c.def.compare {
            Compare::Text => {
                v * 100.0 < f64::from(c.def.min_similarity.unwrap_or(DEFAULT_MIN_SIMILARITY))
            }
            _ => v < 1.0,
        }
}

enum Value {
    Missing,
    Score(f64),
    /// A rule that allows the pair: it adds nothing (avoid criteria).
    NoPoints,
    RuledOut,
}

fn value(c: &Encoded, pi: usize, mi: usize, pair: (usize, usize)) -> Value {
    if !c.counts_for[pair.0] {
        return Value::NoPoints;
    }
    match c.def.compare {
        Compare::Mixed => Value::NoPoints,
        Compare::Requested => Value::Score(f64::from(u8::from(c.named.contains_key(&pair)))),
        Compare::Avoid
            if c.def.participant.kind == QuestionKind::Names
                || c.def.mentor.kind == QuestionKind::Names =>
        {
            if c.named.contains_key(&pair) {
                Value::RuledOut
            } else {
                Value::NoPoints
            }
        }
        Compare::Avoid => match overlap(c, pi, mi) {
            Some((shared, _)) if shared > 0 => Value::RuledOut,
            _ => Value::NoPoints,
        },
        Compare::Shared => match overlap(c, pi, mi) {
            None => Value::Missing,
            Some((shared, wanted)) => Value::Score(shared as f64 / wanted as f64),
        },
        Compare::Same => match overlap(c, pi, mi) {
            None => Value::Missing,
            Some((shared, _)) => Value::Score(f64::from(u8::from(shared > 0))),
        },
        Compare::Text => match c
            .writing
            .as_ref()
            .and_then(|w| w.similarity(pair.0, pair.1))
        {
            None => Value::Missing,
            Some(s) => Value::Score(marks(s)),
        },
        Compare::Closeness | Compare::MentorMore => {
            let (a, b) = (c.numbers[pi], c.numbers[mi]);
            if a.is_nan() || b.is_nan() {
                return Value::Missing;
            }
            Value::Score(number_score(c, a, b))
        }
    }
}

/// Closeness or "mentor has more" of the participant's number `a` and the
/// mentor's `b`, both answered, in [0, 1].
fn number_score(c: &Encoded, a: f64, b: f64) -> f64 {
    if c.def.compare == Compare::Closeness {
        if c.range <= 0.0 {
            f64::from(u8::from(a == b))
        } else {
            (1.0 - (a - b).abs() / c.range).clamp(0.0, 1.0)
        }
    } else {
        ((b - a) / c.gap).clamp(0.0, 1.0)
    }
}

/// Options both picked and options the participant picked; none when either has no answer.
fn overlap(c: &Encoded, pi: usize, mi: usize) -> Option<(u32, u32)> {
    let a = &c.bits[pi * c.words..(pi + 1) * c.words];
    let b = &c.bits[mi * c.words..(mi + 1) * c.words];
    let wanted: u32 = a.iter().map(|w| w.count_ones()).sum();
    let offered: u32 = b.iter().map(|w| w.count_ones()).sum();
    if wanted == 0 || offered == 0 {
        return None;
    }
    let shared = a.iter().zip(b).map(|(x, y)| (x & y).count_ones()).sum();
    Some((shared, wanted))
}

fn chip(c: &Encoded, pi: usize, mi: usize, pair: (usize, usize)) -> Option<String> {
    let question = &c.def.label;
    let shared_options = || -> Vec<&str> {
        (0..c.options.len())
            .filter(|&o| {
                let bit = 1u64 << (o % 64);
                c.bits[pi * c.words + o / 64] & bit != 0 && c.bits[mi * c.words + o / 64] & bit != 0
            })
            .map(|o| c.options[o].as_str())
            .collect()
    };
    match (c.def.compare, value(c, pi, mi, pair)) {
        (Compare::Same, Value::Score(v)) if v >= 1.0 => Some(format!(
            "Same answer: {question} ({})",
            shared_options().join(", ")
        )),
        (Compare::Shared, Value::Score(v)) if v > 0.0 => {
            Some(format!("Both chose: {}", shared_options().join(", ")))
        }
        (Compare::Closeness, Value::Score(v)) if v >= 0.5 => Some(format!(
            "Close answers: {question} ({} and {})",
            spell(c, c.numbers[pi]),
            spell(c, c.numbers[mi])
        )),
        (Compare::MentorMore, Value::Score(v)) if v > 0.0 => Some(format!(
            "Mentor has more: {question} (mentor {}, participant {})",
            trim(c.numbers[mi]),
            trim(c.numbers[pi])
        )),
        (Compare::Requested, Value::Score(v)) if v > 0.0 => c.named.get(&pair).cloned(),
        (Compare::Text, Value::Score(v)) if v >= WRITING_CHIP_FROM => {
            let words = c.writing.as_ref()?.shared_words(pair.0, pair.1, 3);
            (!words.is_empty()).then(|| format!("Both wrote about: {}", words.join(", ")))
        }
        _ => None,
    }
}

/// A scale position as its label, a number as itself.
fn spell(c: &Encoded, x: f64) -> String {
    let scale =
        c.def.participant.kind == QuestionKind::Scale && c.def.mentor.kind == QuestionKind::Scale;
    // A worded scale's answers are option numbers; a numeric scale's are the numbers.
    if scale && x >= 0.0 && x.fract() == 0.0 {
        if let Some(label) = c
            .options
            .get(x as usize)
            .filter(|l| l.parse::<f64>().is_err())
        {
            return label.clone();
        }
    }
    trim(x)
}

fn trim(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}
