//! "Similar writing": how much two free-text answers (or a free-text answer
//! and a list of chosen options) are about the same thing.
//!
//! Each answer becomes a bag of terms: words folded to ASCII, stop words
//! left out, cut to their Snowball stem in the answer's own language
//! (English, Spanish or French, judged by its stop words), plus every pair
//! of neighbouring stems ("grant propos"). Terms are weighted by the cohort's
//! own answers (tf-idf): a word every other applicant writes ("library",
//! "help") counts little, and one written in more than half the answers, or
//! in one answer only, not at all (it tells no pair from another). Two
//! answers' similarity is the cosine of their weighted terms; the words
//! behind it are named, so the committee reads why.
//!
//! Deterministic and offline. Scoring one participant against every mentor
//! walks an inverted index of the mentors' terms, adding each product in the
//! same order [`Writing::similarity`] adds it for one pair, so both agree to
//! the bit (tested).

use std::collections::HashMap;

use super::terms::{read, Readers, Reading};
use crate::people::Person;
use crate::questions::Question;

/// A cosine at or above this gives full marks: answers this alike share
/// their distinctive words. Measured on generated cohorts: pairs who wrote
/// about one subject in their own words reach 0.25–0.68 in short answers
/// and 0.14–0.46 in long ones (the signal one answer among five); each
/// participant's closest other mentor stays around 0.06–0.12, at most 0.31.
pub const FULL_MARKS_AT: f64 = 0.35;

/// Terms written in more than this share of the answers are left out.
const MOST_COMMON_SHARE: f64 = 0.5;

/// One answer's weighted terms, unit length, sorted by term number.
#[derive(Clone, Debug, Default)]
struct Vector {
    terms: Vec<(u32, f64)>,
    /// How the person wrote each term, by term number.
    shown: HashMap<u32, String>,
}

/// Every answer of one criterion, participants then mentors, compared.
pub struct Writing {
    participants: usize,
    /// `None`: no answer (it counts half, as for the other criteria).
    vectors: Vec<Option<Vector>>,
    /// Per term: the mentors who wrote it, with its weight in their answer.
    postings: Vec<Vec<(u32, f64)>>,
    /// Per term: whether it is two words.
    two_words: Vec<bool>,
}

impl Writing {
    /// Reads both sides' answers. An empty answer, or one that names
    /// nothing ("N/A"), is no answer.
    pub fn new(participants: &[Option<String>], mentors: &[Option<String>]) -> Writing {
        let readers = Readers::new();
        let readings: Vec<Option<Reading>> = participants
            .iter()
            .chain(mentors)
            .map(|text| {
                text.as_deref()
                    .filter(|t| !crate::identity::names_nobody(t))
                    .map(|t| read(&readers, t))
                    .filter(|r| !r.terms.is_empty())
            })
            .collect();
        // Term numbers, and in how many answers each term occurs.
        let mut number: HashMap<&str, u32> = HashMap::new();
        let mut documents: Vec<u32> = Vec::new();
        let mut two_words = Vec::new();
        for reading in readings.iter().flatten() {
            let mut seen: Vec<u32> = reading
                .terms
                .iter()
                .map(|(key, _)| {
                    let next = number.len() as u32;
                    let id = *number.entry(key.as_str()).or_insert(next);
                    if id == next {
                        documents.push(0);
                        two_words.push(key.contains(' '));
                    }
                    id
                })
                .collect();
            seen.sort_unstable();
            seen.dedup();
            for id in seen {
                documents[id as usize] += 1;
            }
        }
        let answered = readings.iter().flatten().count() as f64;
        let weight_of = |df: u32| -> f64 {
            let df = f64::from(df);
            if df < 2.0 || df > (answered * MOST_COMMON_SHARE).max(2.0) {
                0.0
            } else {
                ((answered + 1.0) / df).ln()
            }
        };
        let idf: Vec<f64> = documents.iter().map(|&df| weight_of(df)).collect();
        let vectors: Vec<Option<Vector>> = readings
            .iter()
            .map(|r| r.as_ref().map(|r| vector(r, &number, &idf)))
            .collect();
        let mut postings = vec![Vec::new(); idf.len()];
        for (m, v) in vectors[participants.len()..].iter().enumerate() {
            for &(t, w) in v.iter().flat_map(|v| &v.terms) {
                postings[t as usize].push((m as u32, w));
            }
        }
        Writing {
            participants: participants.len(),
            vectors,
            postings,
            two_words,
        }
    }

    fn participant(&self, p: usize) -> Option<&Vector> {
        self.vectors[p].as_ref()
    }

    fn mentor(&self, m: usize) -> Option<&Vector> {
        self.vectors[self.participants + m].as_ref()
    }

    pub fn participant_answered(&self, p: usize) -> bool {
        self.participant(p).is_some()
    }

    pub fn mentor_answered(&self, m: usize) -> bool {
        self.mentor(m).is_some()
    }

    /// The cosine of the two answers' terms, in [0, 1]; `None` when either
    /// gave no answer. The definition [`Self::similarity_row`] is tested against.
    pub fn similarity(&self, p: usize, m: usize) -> Option<f64> {
        let (a, b) = (self.participant(p)?, self.mentor(m)?);
        let mut sum = 0.0;
        let mut j = 0;
        for &(t, w) in &a.terms {
            while j < b.terms.len() && b.terms[j].0 < t {
                j += 1;
            }
            if j < b.terms.len() && b.terms[j].0 == t {
                sum += w * b.terms[j].1;
            }
        }
        Some(sum.min(1.0))
    }

    /// Participant `p`'s similarity with every mentor into `row` (zeros
    /// for mentors who did not answer), as [`Self::similarity`] gives each.
    pub fn similarity_row(&self, p: usize, row: &mut [f64]) {
        row.fill(0.0);
        let Some(a) = self.participant(p) else {
            return;
        };
        for &(t, w) in &a.terms {
            for &(m, x) in &self.postings[t as usize] {
                row[m as usize] += w * x;
            }
        }
        for x in row.iter_mut() {
            *x = x.min(1.0);
        }
    }

    /// What both wrote about, most telling first, as the participant wrote
    /// it: at most `most` terms, a two-word term standing for its words.
    pub fn shared_words(&self, p: usize, m: usize, most: usize) -> Vec<String> {
        let (Some(a), Some(b)) = (self.participant(p), self.mentor(m)) else {
            return Vec::new();
        };
        let theirs: HashMap<u32, f64> = b.terms.iter().copied().collect();
        let mut shared: Vec<(u32, f64)> = a
            .terms
            .iter()
            .filter_map(|&(t, w)| theirs.get(&t).map(|x| (t, w * x)))
            .collect();
        // Two-word terms first among equals: they say more than their words.
        shared.sort_by(|x, y| {
            y.1.total_cmp(&x.1)
                .then(self.two_words[y.0 as usize].cmp(&self.two_words[x.0 as usize]))
                .then(x.0.cmp(&y.0))
        });
        // Words far behind the most telling one say little: left out.
        let strongest = shared.first().map_or(0.0, |x| x.1);
        let mut out: Vec<String> = Vec::new();
        for (t, _) in shared.into_iter().take_while(|x| x.1 >= strongest * 0.2) {
            let Some(shown) = a.shown.get(&t) else {
                continue;
            };
            // Compared without case: "English learners" covers "english".
            let lower = shown.to_lowercase();
            let covered = out.iter().any(|o| {
                let o = o.to_lowercase();
                let words: Vec<&str> = o.split(' ').collect();
                words.contains(&lower.as_str()) || lower.split(' ').all(|w| words.contains(&w))
            });
            if covered {
                continue;
            }
            // A two-word term replaces a word of it already listed.
            if shown.contains(' ') {
                out.retain(|o| !lower.split(' ').any(|w| w == o.to_lowercase()));
            }
            out.push(shown.clone());
            if out.len() == most {
                break;
            }
        }
        join_chains(out)
    }
}

/// Two-word terms that overlap read as one phrase: "Spanish language" and
/// "language collection" → "Spanish language collection".
fn join_chains(mut terms: Vec<String>) -> Vec<String> {
    let last = |t: &str| t.rsplit(' ').next().unwrap_or("").to_lowercase();
    let first = |t: &str| t.split(' ').next().unwrap_or("").to_lowercase();
    let mut i = 0;
    while i < terms.len() {
        let joined = (0..terms.len()).find(|&j| {
            j != i
                && terms[i].contains(' ')
                && terms[j].contains(' ')
                && last(&terms[i]) == first(&terms[j])
        });
        match joined {
            Some(j) => {
                let tail = terms[j].split_once(' ').map_or("", |(_, t)| t).to_string();
                terms[i] = format!("{} {tail}", terms[i]);
                terms.remove(j);
                i = 0;
            }
            None => i += 1,
        }
    }
    terms
}

/// Log-scaled counts times the cohort weights, scaled to unit length.
fn vector(reading: &Reading, number: &HashMap<&str, u32>, idf: &[f64]) -> Vector {
    let mut counts: HashMap<u32, f64> = HashMap::new();
    let mut shown: HashMap<u32, String> = HashMap::new();
    for (key, written) in &reading.terms {
        let t = number[key.as_str()];
        if idf[t as usize] > 0.0 {
            *counts.entry(t).or_insert(0.0) += 1.0;
            shown.entry(t).or_insert_with(|| written.clone());
        }
    }
    let mut terms: Vec<(u32, f64)> = counts
        .into_iter()
        .map(|(t, n)| (t, (1.0 + f64::ln(n)) * idf[t as usize]))
        .collect();
    terms.sort_unstable_by_key(|&(t, _)| t);
    let length = terms.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    if length > 0.0 {
        for (_, w) in &mut terms {
            *w /= length;
        }
    }
    Vector { terms, shown }
}

/// Each person's answer to a question as text to compare (the options
/// someone chose, joined), `None` where they gave none.
pub fn written_answers(people: &[Person], q: &Question) -> Vec<Option<String>> {
    people
        .iter()
        .map(|p| {
            p.application
                .answer(&q.text, q.field.as_deref())
                .map(|a| a.options().join("; "))
        })
        .collect()
}

/// A similarity as the criterion's points: full marks from [`FULL_MARKS_AT`].
pub fn marks(similarity: f64) -> f64 {
    (similarity / FULL_MARKS_AT).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn some(texts: &[&str]) -> Vec<Option<String>> {
        texts.iter().map(|t| Some(t.to_string())).collect()
    }

    fn cohort() -> Writing {
        let participants = some(&[
            "I want to learn how to write grant proposals, especially IMLS or LSTA applications for our small rural branch.",
            "Help me start a makerspace with 3D printers for teens at my library.",
            "I would like to get better at supervising staff and handling union questions.",
        ]);
        let mentors = some(&[
            "I have written and won state and federal grants for a small rural library, including LSTA and IMLS proposals.",
            "I built our library's makerspace: 3D printing, laser cutters, and teen programs.",
            "I supervise thirty staff and sat on the union negotiation team for years.",
            "I love libraries and helping new librarians grow in their careers.",
        ]);
        Writing::new(&participants, &mentors)
    }

    #[test]
    fn each_participant_is_closest_to_the_mentor_who_wrote_about_the_same_subject() {
        let w = cohort();
        for p in 0..3 {
            let best = (0..4)
                .max_by(|&a, &b| {
                    w.similarity(p, a)
                        .unwrap()
                        .total_cmp(&w.similarity(p, b).unwrap())
                })
                .unwrap();
            assert_eq!(best, p, "participant {p}");
            assert!(
                w.similarity(p, p).unwrap() > 0.2,
                "participant {p}: {:?}",
                w.similarity(p, p)
            );
        }
        assert!(w.similarity(0, 3).unwrap() < 0.05);
    }

    #[test]
    fn shared_words_name_what_both_wrote_as_the_participant_wrote_it() {
        let w = cohort();
        let words = w.shared_words(0, 0, 4);
        assert!(words.iter().any(|x| x == "IMLS"), "{words:?}");
        assert!(words.iter().any(|x| x.contains("rural")), "{words:?}");
        assert!(words.iter().any(|x| x.contains("proposals")), "{words:?}");
        assert!(w.shared_words(0, 3, 4).is_empty());
    }

    #[test]
    fn overlapping_two_word_terms_read_as_one_phrase() {
        let joined = join_chains(vec![
            "supporting".into(),
            "Spanish language".into(),
            "language collection".into(),
        ]);
        assert_eq!(joined, vec!["supporting", "Spanish language collection"]);
    }

    #[test]
    fn a_row_gives_every_pair_exactly_the_similarity_of_that_pair() {
        let w = cohort();
        let mut row = vec![0.0; 4];
        for p in 0..3 {
            w.similarity_row(p, &mut row);
            for (m, x) in row.iter().enumerate() {
                assert_eq!(x.to_bits(), w.similarity(p, m).unwrap().to_bits());
            }
        }
    }

    #[test]
    fn no_answer_is_missing_and_an_answer_of_common_words_is_zero() {
        let w = Writing::new(
            &[
                Some("grant writing for rural libraries".into()),
                None,
                Some("N/A".into()),
            ],
            &[
                Some("grant writing and rural outreach".into()),
                Some("the and of".into()),
            ],
        );
        assert!(w.similarity(1, 0).is_none());
        assert!(w.similarity(2, 0).is_none());
        assert!(w.similarity(0, 1).is_none(), "only stop words is no answer");
        assert!(w.similarity(0, 0).unwrap() > 0.0);
    }

    #[test]
    fn spanish_and_french_answers_are_stemmed_in_their_language_and_accents_fold() {
        let w = Writing::new(
            &some(&[
                "Quiero aprender a escribir propuestas de subvenciones para bibliotecas rurales.",
                "Je voudrais développer des ateliers numériques pour les adolescents.",
            ]),
            &some(&[
                "He escrito propuestas de subvención para una biblioteca rural.",
                "J'ai créé un atelier numérique pour adolescents à la médiathèque.",
                "Colecciones en español para niños.",
            ]),
        );
        assert!(w.similarity(0, 0).unwrap() > w.similarity(0, 1).unwrap());
        assert!(w.similarity(1, 1).unwrap() > w.similarity(1, 0).unwrap());
        let words = w.shared_words(1, 1, 3);
        assert!(words.iter().any(|x| x.starts_with("atelier")), "{words:?}");
        // Stop words of the answer's language are not shared words.
        assert!(!w
            .shared_words(0, 0, 5)
            .iter()
            .any(|x| x == "de" || x == "para"));
    }

    #[test]
    fn hostile_text_neither_panics_nor_matches() {
        let w = Writing::new(
            &some(&[
                "=cmd|' /C calc'!A0",
                "💥💥💥",
                &"a".repeat(10_000),
                "ǅ ǈ ǋ Ⅻ ﬁ",
            ]),
            &some(&["", "=HYPERLINK(\"x\")", "漢字 かな"]),
        );
        for p in 0..4 {
            for m in 0..3 {
                let _ = w.similarity(p, m);
                let _ = w.shared_words(p, m, 3);
            }
        }
    }
}
