//! The order of the profiles. Shuffled by default, so that the mentors
//! printed first are not favoured; the shuffle is keyed by the program, so
//! the same booklet prints twice alike, and each mentor's place depends only
//! on them (a mentor added later does not reshuffle everyone else).

use serde::{Deserialize, Serialize};

use super::OrderChoice;
use crate::error::{Error, Result};
use crate::people::Person;
use crate::programs::Program;

/// How the booklet orders its mentors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum BookletOrder {
    #[default]
    Shuffled,
    Alphabetical,
}

impl BookletOrder {
    pub const ALL: [BookletOrder; 2] = [BookletOrder::Shuffled, BookletOrder::Alphabetical];

    pub fn key(self) -> &'static str {
        match self {
            BookletOrder::Shuffled => "shuffled",
            BookletOrder::Alphabetical => "alphabetical",
        }
    }

    /// Accepts `shuffled` or `alphabetical` (any case).
    pub fn parse(text: &str) -> Result<BookletOrder> {
        let wanted = text.trim().to_lowercase();
        BookletOrder::ALL
            .into_iter()
            .find(|o| o.key() == wanted)
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "\"{}\" is not an order for the booklet; use shuffled or alphabetical.",
                    text.trim()
                ))
            })
    }

    /// What the booklet says about its order (its first page prints it).
    pub fn note(self) -> &'static str {
        match self {
            BookletOrder::Shuffled => {
                "Mentors appear in a shuffled order so that no one is favoured by being first."
            }
            BookletOrder::Alphabetical => "Mentors appear in alphabetical order of their names.",
        }
    }

    pub(crate) fn choice(self) -> OrderChoice {
        OrderChoice {
            key: self,
            label: match self {
                BookletOrder::Shuffled => "Shuffled (recommended)",
                BookletOrder::Alphabetical => "Alphabetical",
            },
            note: self.note(),
        }
    }
}

/// The mentors in the booklet's order.
pub(super) fn ordered(
    program: &Program,
    mut mentors: Vec<Person>,
    order: BookletOrder,
) -> Vec<Person> {
    match order {
        BookletOrder::Alphabetical => {
            mentors.sort_by_cached_key(|m| (sort_name(&m.application.name), m.id));
        }
        BookletOrder::Shuffled => {
            let seed = fnv1a(format!("{}|{}", program.id, program.created_at).as_bytes());
            mentors.sort_by_cached_key(|m| (place(seed, m), sort_name(&m.application.name), m.id));
        }
    }
    mentors
}

/// A name as it sorts: accents folded, case ignored ("Émile" beside "Emma").
fn sort_name(name: &str) -> String {
    deunicode::deunicode(name.trim()).to_lowercase()
}

/// A mentor's place in the program's shuffle: their email (else name),
/// hashed with the program's seed.
fn place(seed: u64, mentor: &Person) -> u64 {
    let who = mentor
        .application
        .email
        .as_deref()
        .filter(|e| !e.trim().is_empty())
        .unwrap_or(&mentor.application.name)
        .trim()
        .to_lowercase();
    mix(seed ^ fnv1a(who.as_bytes()))
}

/// FNV-1a, 64 bits: written out so the order never changes with a Rust
/// release (the standard library's hasher makes no such promise).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// SplitMix64's finalizer: every bit of the input moves every bit of the output.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
