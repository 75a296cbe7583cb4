//! The mentor booklet: one profile per mentor of a program, built from the
//! mentor-form questions the committee ticks, for participants to read before
//! they name their choices. Typeset like the letters (their letterhead, fonts
//! and paper); ends with the mentors numbered, the numbers the "Mentor
//! choices" form asks for.
//!
//! - `mod.rs`: what the booklet can show, the ticks remembered per program.
//! - `order`: shuffled (the same each time for a program) or alphabetical.
//! - `profile`: each mentor's profile, the layout data and the PDF.
//!
//! Contact details (email, phone) are never shown unless ticked. Every text
//! reaches Typst as JSON data (`booklet.typ` reads `sys.inputs`), never as markup.

mod order;
mod profile;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::people::{list_people, Person, Role};
use crate::questions::{list_questions, question_key, Question, QuestionKind};
use crate::store::Store;

pub use order::BookletOrder;
pub use profile::{booklet_pdf, numbered_mentors, write_booklet, BookletWritten, ListedMentor};

const SETTINGS_KEY: &str = "booklet";

/// What the committee chose for a program's booklet: the mentor questions
/// each profile shows (by wording) and the order. The name always shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct BookletSettings {
    pub shown: Vec<String>,
    pub order: BookletOrder,
}

/// A mentor-form question the booklet can show, ticked or not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BookletQuestion {
    pub id: i64,
    pub text: String,
    /// The kind, in the committee's words ("Free text").
    pub kind_label: &'static str,
    /// Email, phone and other contact details: shown only when ticked.
    pub contact: bool,
    /// What the panel says under it: its kind, and for contact details
    /// that they print only when ticked.
    pub note: String,
    pub shown: bool,
    /// Mentors who answered it.
    pub answered: usize,
}

/// One way to order the profiles, with what the booklet says about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrderChoice {
    pub key: BookletOrder,
    pub label: &'static str,
    pub note: &'static str,
}

/// What the booklet panel shows: the questions with their ticks, the order
/// chosen, and how many mentors get a profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BookletOptions {
    pub questions: Vec<BookletQuestion>,
    pub order: BookletOrder,
    pub orders: Vec<OrderChoice>,
    pub mentors: usize,
}

/// The program's booklet choices: the saved ones, else the defaults (name,
/// position, organization, areas offered, and the mentors' own words about
/// their experience; never contact details).
pub fn booklet_settings(store: &Store, program_id: i64) -> Result<BookletSettings> {
    let saved: Option<BookletSettings> = crate::programs::setting(store, program_id, SETTINGS_KEY)?
        .and_then(|json| serde_json::from_str(&json).ok());
    match saved {
        Some(settings) => Ok(settings),
        None => {
            let questions = mentor_questions(store, program_id)?;
            Ok(BookletSettings {
                shown: questions
                    .iter()
                    .filter(|q| shown_by_default(q))
                    .map(|q| q.text.clone())
                    .collect(),
                order: BookletOrder::default(),
            })
        }
    }
}

/// The questions the booklet can show, ticked as `settings` says.
pub fn booklet_options(
    store: &Store,
    program_id: i64,
    settings: Option<&BookletSettings>,
) -> Result<BookletOptions> {
    let settings = match settings {
        Some(s) => s.clone(),
        None => booklet_settings(store, program_id)?,
    };
    let shown = shown_keys(&settings);
    let mentors = list_people(store, program_id, Some(Role::Mentor))?;
    let questions = mentor_questions(store, program_id)?
        .into_iter()
        .map(|q| BookletQuestion {
            id: q.id,
            shown: shown.contains(&question_key(&q.text)),
            kind_label: q.kind_label,
            contact: is_contact(&q),
            note: if is_contact(&q) {
                "Contact details: printed only when ticked".to_string()
            } else {
                q.kind_label.to_string()
            },
            // Counted as the booklet reads answers (emails and phones too).
            answered: mentors
                .iter()
                .filter(|m| answer_text(m, &q).is_some())
                .count(),
            text: q.text,
        })
        .collect();
    let mentors = mentors.len();
    Ok(BookletOptions {
        questions,
        order: settings.order,
        orders: BookletOrder::ALL.iter().map(|o| o.choice()).collect(),
        mentors,
    })
}

/// Remembers the committee's ticks and order for the program; a question
/// the mentors' form does not ask is refused.
pub fn save_booklet_settings(
    store: &mut Store,
    program_id: i64,
    settings: &BookletSettings,
) -> Result<BookletOptions> {
    let questions = mentor_questions(store, program_id)?;
    let mut cleaned = BookletSettings {
        shown: Vec::new(),
        order: settings.order,
    };
    for text in &settings.shown {
        let key = question_key(text);
        let question = questions
            .iter()
            .find(|q| question_key(&q.text) == key)
            .ok_or_else(|| unknown_question(text))?;
        if !cleaned.shown.contains(&question.text) {
            cleaned.shown.push(question.text.clone());
        }
    }
    crate::programs::set_setting(store, program_id, SETTINGS_KEY, &cleaned)?;
    booklet_options(store, program_id, None)
}

/// The mentor form's question a committee member named, by number or
/// wording, as `--show` takes it.
pub fn find_mentor_question(store: &Store, program_id: i64, wanted: &str) -> Result<String> {
    let question = crate::questions::find_question(store, program_id, Some(Role::Mentor), wanted)?;
    if is_name(&question) {
        return Err(Error::Invalid(format!(
            "\"{}\" is the mentor's name, which every profile shows as its heading; leave it out of --show.",
            question.text
        )));
    }
    Ok(question.text)
}

fn unknown_question(text: &str) -> Error {
    Error::Invalid(format!(
        "The mentors' form has no question \"{}\" to show in the booklet; tick one of the questions listed.",
        text.trim()
    ))
}

fn shown_keys(settings: &BookletSettings) -> Vec<String> {
    settings.shown.iter().map(|t| question_key(t)).collect()
}

/// The mentor form's questions, but the name (every profile's heading).
pub(crate) fn mentor_questions(store: &Store, program_id: i64) -> Result<Vec<Question>> {
    Ok(list_questions(store, program_id, Some(Role::Mentor))?
        .into_iter()
        .filter(|q| !is_name(q))
        .collect())
}

fn is_name(q: &Question) -> bool {
    matches!(
        q.field.as_deref(),
        Some("name" | "first_name" | "last_name")
    )
}

fn is_contact(q: &Question) -> bool {
    q.kind == QuestionKind::Contact || matches!(q.field.as_deref(), Some("email" | "phone"))
}

/// Words of a mentor's free-text question about what they bring.
const EXPERIENCE_WORDS: [&str; 16] = [
    "experience",
    "expertise",
    "expert",
    "help",
    "offer",
    "strengths",
    "skills",
    "capabilities",
    "background",
    "describe",
    "bio",
    "biography",
    "yourself",
    "share",
    "teach",
    "knowledge",
];

/// Words of questions that are for the committee, not the participants.
const PRIVATE_WORDS: [&str; 6] = ["committee", "else", "comments", "not", "avoid", "conflict"];

/// Name (the heading), position, organization, areas offered, and the
/// mentor's own words about their experience.
fn shown_by_default(q: &Question) -> bool {
    if is_contact(q) {
        return false;
    }
    match q.field.as_deref() {
        Some(field) => matches!(field, "position" | "library" | "areas"),
        None => q.kind == QuestionKind::Text && speaks_of_experience(&q.text),
    }
}

fn speaks_of_experience(text: &str) -> bool {
    let words = crate::text::normalize_header(text);
    let has = |w: &&str| crate::text::contains_words(&words, w);
    EXPERIENCE_WORDS.iter().any(has) && !PRIVATE_WORDS.iter().any(has)
}

/// The mentor's answer as one text, or none when they left it empty.
pub(super) fn answer_text(mentor: &Person, question: &Question) -> Option<String> {
    let a = &mentor.application;
    let text = match question.field.as_deref() {
        // Stored in their fields, which `Application::answer` does not read.
        Some("email") => a.email.clone(),
        Some("phone") => Some(a.phone.clone()),
        Some("preferred_name") => Some(a.preferred_name.clone()),
        field => a.answer(&question.text, field).map(|x| x.to_text()),
    };
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}
