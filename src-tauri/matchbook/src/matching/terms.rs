//! Reading one free-text answer into terms for "Similar writing": words
//! folded to ASCII, stop words of the answer's own language (English,
//! Spanish or French, judged by its stop words) left out, each cut to its
//! Snowball stem, plus every pair of neighbouring stems ("grant propos").

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

/// The languages an answer is read in, with their stop words.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Language {
    English,
    Spanish,
    French,
}

impl Language {
    const ALL: [Language; 3] = [Language::English, Language::Spanish, Language::French];

    fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Spanish => "es",
            Language::French => "fr",
        }
    }

    fn algorithm(self) -> Algorithm {
        match self {
            Language::English => Algorithm::English,
            Language::Spanish => Algorithm::Spanish,
            Language::French => Algorithm::French,
        }
    }
}

/// Words that say little about what someone wants or offers, whatever the
/// cohort: what applicants write around the subject. They are stop words
/// in the same sense as "the".
const FORM_WORDS: &[&str] = &[
    "would",
    "like",
    "want",
    "wants",
    "also",
    "really",
    "able",
    "get",
    "make",
    "much",
    "many",
    "well",
    "one",
    "two",
    "three",
    "new",
    "way",
    "ways",
    "etc",
    "eg",
    "ie",
    "im",
    "ive",
    "id",
    "without",
    "within",
    "honestly",
    "lot",
    "lots",
    "thing",
    "things",
    "always",
    "still",
    "every",
    "something",
    "someone",
    "anything",
    "everything",
    "maybe",
    "perhaps",
    "yet",
    "ever",
];

/// The stop words and stemmers of each language, folded to ASCII once.
pub(super) struct Readers {
    stop: HashMap<String, u8>,
    stemmers: Vec<Stemmer>,
}

impl Readers {
    pub(super) fn new() -> Readers {
        let mut stop: HashMap<String, u8> = HashMap::new();
        for (i, language) in Language::ALL.iter().enumerate() {
            for word in stop_words::lookup(language.code()).unwrap_or(&[]) {
                *stop.entry(fold(word)).or_insert(0) |= 1 << i;
            }
        }
        for word in FORM_WORDS {
            *stop.entry((*word).to_string()).or_insert(0) |= 1;
        }
        Readers {
            stop,
            stemmers: Language::ALL
                .iter()
                .map(|l| Stemmer::create(l.algorithm()))
                .collect(),
        }
    }

    /// The language whose stop words the answer uses most (English on a tie).
    fn language(&self, words: &[String]) -> usize {
        let mut hits = [0usize; 3];
        for w in words {
            if let Some(bits) = self.stop.get(w.as_str()) {
                for (i, hit) in hits.iter_mut().enumerate() {
                    if bits & (1 << i) != 0 {
                        *hit += 1;
                    }
                }
            }
        }
        (0..3).fold(0, |best, i| if hits[i] > hits[best] { i } else { best })
    }

    fn is_stop(&self, word: &str, language: usize) -> bool {
        self.stop
            .get(word)
            .is_some_and(|bits| bits & (1 << language) != 0 || bits & 1 != 0)
    }
}

/// Lowercase ASCII, accents folded ("Ñúñez" → "nunez").
fn fold(word: &str) -> String {
    deunicode::deunicode(word).to_lowercase()
}

/// One answer read into terms: each term's stem key and how the person
/// wrote it, in the order written.
pub(super) struct Reading {
    pub(super) terms: Vec<(String, String)>,
}

pub(super) fn read(readers: &Readers, text: &str) -> Reading {
    let written: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let folded: Vec<String> = written.iter().map(|w| fold(w)).collect();
    let language = readers.language(&folded);
    let stemmer = &readers.stemmers[language];
    let mut terms = Vec::new();
    let mut previous: Option<(String, &str)> = None;
    for (word, original) in folded.iter().zip(&written) {
        let content = word.chars().count() >= 2
            && word.chars().any(|c| c.is_ascii_alphabetic())
            && !readers.is_stop(word, language);
        if !content {
            previous = None;
            continue;
        }
        let stem = stemmer.stem(word).into_owned();
        let shown = shown_word(original);
        if let Some((before, before_shown)) = previous.take() {
            terms.push((
                format!("{before} {stem}"),
                format!("{before_shown} {shown}"),
            ));
        }
        terms.push((stem.clone(), shown.to_string()));
        previous = Some((stem, original));
    }
    Reading { terms }
}

/// An acronym keeps its capitals ("IMLS"); other words are shown in lowercase.
fn shown_word(word: &str) -> String {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2 && word.chars().all(|c| !c.is_lowercase()) {
        word.to_string()
    } else {
        word.to_lowercase()
    }
}
