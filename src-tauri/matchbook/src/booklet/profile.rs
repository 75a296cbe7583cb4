//! Each mentor's profile and the booklet as a PDF: the letters' letterhead,
//! paper and fonts; the profiles in the chosen order, numbered; and the
//! numbered list of mentors the choice form refers to.

use serde::Serialize;
use serde_json::{json, Value};

use super::order::ordered;
use super::{answer_text, mentor_questions, shown_keys, BookletOrder, BookletSettings};
use crate::error::{Error, Result};
use crate::letters::{decode_logo, letter_settings};
use crate::people::{list_people, Person, Role};
use crate::programs::{get_program, Program};
use crate::questions::{question_key, Question};
use crate::store::Store;

/// A mentor's number in the booklet, as the choice form takes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListedMentor {
    pub number: usize,
    pub name: String,
    /// The mentor, for reading a choice given by number.
    pub person_id: i64,
}

/// The program's mentors numbered as the booklet prints them, in the order
/// remembered for the program (the one last saved or printed): what a
/// choice given by its number means.
pub fn numbered_mentors(store: &Store, program_id: i64) -> Result<Vec<ListedMentor>> {
    let program = get_program(store, program_id)?;
    let order = super::booklet_settings(store, program_id)?.order;
    let mentors = list_people(store, program_id, Some(Role::Mentor))?;
    Ok(listed(&ordered(&program, mentors, order)))
}

fn listed(mentors: &[Person]) -> Vec<ListedMentor> {
    mentors
        .iter()
        .enumerate()
        .map(|(i, m)| ListedMentor {
            number: i + 1,
            name: m.application.name.trim().to_string(),
            person_id: m.id,
        })
        .collect()
}

/// What a booklet holds (and, once saved, where it went).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BookletWritten {
    /// The PDF's path; empty until it is written.
    pub file: String,
    pub order: BookletOrder,
    /// The questions each profile shows, besides the name.
    pub shown: Vec<String>,
    /// Every mentor of the program, in the booklet's order.
    pub mentors: Vec<ListedMentor>,
}

/// One line of a profile: a question's wording and the mentor's answer.
struct Item<'a> {
    question: &'a Question,
    text: String,
}

/// The booklet as PDF bytes, with what it holds.
pub fn booklet_pdf(
    store: &Store,
    program_id: i64,
    settings: &BookletSettings,
) -> Result<(Vec<u8>, BookletWritten)> {
    let program = get_program(store, program_id)?;
    let mentors = list_people(store, program_id, Some(Role::Mentor))?;
    if mentors.is_empty() {
        return Err(Error::Invalid(format!(
            "{} has no mentors yet, so there is no booklet to make. Import the mentors' applications first.",
            program.name
        )));
    }
    let keys = shown_keys(settings);
    // In the form's order, whatever order they were ticked in.
    let shown: Vec<Question> = mentor_questions(store, program_id)?
        .into_iter()
        .filter(|q| keys.contains(&question_key(&q.text)))
        .collect();
    let mentors = ordered(&program, mentors, settings.order);
    let letters = letter_settings(store, program_id)?;
    let logo = letters.logo.as_ref().map(decode_logo).transpose()?;
    let profiles: Vec<Value> = mentors
        .iter()
        .enumerate()
        .map(|(i, mentor)| profile(i + 1, mentor, &shown))
        .collect();
    let listed = listed(&mentors);
    let data = json!({
        "title": format!("{}: mentor booklet", program.name),
        "heading": "Mentor booklet",
        "program": program.name,
        "paper": letters.paper.typst_name(),
        "letterhead": {
            "organization": letters.organization,
            "address": letters.address,
            "has_logo": letters.logo.is_some(),
        },
        "intro": intro(&program, mentors.len(), settings.order),
        "profiles": profiles,
        "list_heading": "The mentors by number",
        "list_note": "On the Mentor choices form, name your first, second and third choice by name or by number.",
        "list": listed,
    });
    let document = crate::typeset::layout_booklet(&data, logo.as_deref())?;
    let written = BookletWritten {
        file: String::new(),
        order: settings.order,
        shown: shown.iter().map(|q| q.text.clone()).collect(),
        mentors: listed,
    };
    Ok((crate::typeset::pdf(&document)?, written))
}

/// Writes the booklet to `path` (through a `.partial` file).
pub fn write_booklet(
    store: &Store,
    program_id: i64,
    settings: &BookletSettings,
    path: &std::path::Path,
) -> Result<BookletWritten> {
    let (pdf, mut written) = booklet_pdf(store, program_id, settings)?;
    crate::output::write_atomically(path, &pdf)?;
    written.file = path.display().to_string();
    Ok(written)
}

fn intro(program: &Program, mentors: usize, order: BookletOrder) -> Vec<String> {
    let count = if mentors == 1 {
        "the one mentor".to_string()
    } else {
        format!("the {mentors} mentors")
    };
    vec![
        format!(
            "This booklet introduces {count} of {}. Read about each of them, then name the three you would most like to work with on the Mentor choices form.",
            program.name.trim()
        ),
        order.note().to_string(),
    ]
}

/// A profile: number, name, the position and organization under it, then
/// each other ticked question the mentor answered.
fn profile(number: usize, mentor: &Person, shown: &[Question]) -> Value {
    // Position, then organization, whatever the form's order.
    let mut position: Vec<String> = Vec::new();
    let mut organization: Vec<String> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    for question in shown {
        let Some(text) = answer_text(mentor, question) else {
            continue;
        };
        // Two questions feeding one field (a form asking twice) print it once.
        if position.contains(&text)
            || organization.contains(&text)
            || items.iter().any(|i| i.text == text)
        {
            continue;
        }
        match question.field.as_deref() {
            Some("position") => position.push(text),
            Some("library") => organization.push(text),
            _ => items.push(Item { question, text }),
        }
    }
    let subtitle: Vec<String> = position.into_iter().chain(organization).collect();
    json!({
        "number": number,
        "name": mentor.application.name.trim(),
        "subtitle": subtitle.join(" · "),
        "items": items.iter().map(|i| json!({
            "label": label(&i.question.text),
            "text": i.text,
        })).collect::<Vec<_>>(),
    })
}

/// A question's wording as a profile's label, without the form's
/// instructions in brackets at its end ("(check all that apply)").
pub(super) fn label(text: &str) -> &str {
    let text = text.trim();
    match text
        .strip_suffix(')')
        .and_then(|t| t.rfind('(').map(|at| t[..at].trim_end()))
    {
        Some(rest) if !rest.is_empty() => rest,
        _ => text,
    }
}
