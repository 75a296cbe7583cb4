//! Turning one spreadsheet row into a normalized application, with the
//! problems a person should look at.

use std::collections::BTreeMap;

use super::cells::{parse_capacity, parse_excel_serial, parse_timestamp, parse_years};
use super::fields::Field;
use super::options::{split_names, OptionSet};
use crate::identity::looks_like_email;
use crate::people::{Application, Role};

/// One row's outcome before it meets the program file.
#[derive(Debug, Clone)]
pub struct RowApplication {
    pub row_number: i64,
    pub application: Application,
    /// The row verbatim as a JSON object of header → cell, in column order.
    pub raw_json: String,
    pub problems: Vec<String>,
}

/// What became of a row that is not a person.
#[derive(Debug, Clone)]
pub enum RowResult {
    Person(Box<RowApplication>),
    Blank,
    /// Something is in the row, but no name and no email: nobody to import.
    Unusable(String),
}

/// The column → field plan, with the option sets learned from the data.
pub struct Plan<'a> {
    pub headers: &'a [String],
    pub mapping: &'a [Field],
    pub options: BTreeMap<usize, OptionSet>,
    pub role: Role,
}

/// Normalizes one row (cells in column order).
/// Unicode's embedding, override and isolate controls (U+202A–E, U+2066–9).
fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `value` without control characters (line breaks and tabs stay) and
/// direction controls, so a name can neither hide nor reverse the text
/// around it on screen or in a letter.
fn without_invisible(value: &str) -> std::borrow::Cow<'_, str> {
    let drop = |c: char| (c.is_control() && c != '\n' && c != '\t') || is_direction_control(c);
    if value.chars().any(drop) {
        value
            .chars()
            .filter(|&c| !drop(c))
            .collect::<String>()
            .into()
    } else {
        value.into()
    }
}

pub fn normalize_row(plan: &Plan<'_>, row_number: i64, cells: &[String]) -> RowResult {
    if cells.iter().all(|c| c.is_empty()) {
        return RowResult::Blank;
    }
    let mut app = Application::default();
    let mut raw_json = String::with_capacity(256);
    raw_json.push('{');
    let mut problems = Vec::new();
    let mut first = String::new();
    let mut last = String::new();

    for (col, header) in plan.headers.iter().enumerate() {
        let value = cells.get(col).map(String::as_str).unwrap_or("");
        if col > 0 {
            raw_json.push(',');
        }
        push_json_string(&mut raw_json, header);
        raw_json.push(':');
        push_json_string(&mut raw_json, value);
        // The raw row above keeps exactly what arrived; the answers Matchbook
        // uses lose invisible and text-reordering characters.
        let visible = without_invisible(value);
        if visible.len() != value.len() && value.chars().any(is_direction_control) {
            problems.push(format!(
                "column \"{header}\" had hidden text-direction characters, which can make text read backwards; they were removed"
            ));
        }
        let value = visible.as_ref();
        if value.is_empty() {
            continue;
        }
        let field = plan.mapping.get(col).copied().unwrap_or(Field::Keep);
        let list = || {
            plan.options
                .get(&col)
                .map(|o| o.split(value))
                .unwrap_or_else(|| vec![value.to_string()])
        };
        match field {
            Field::Name => app.name = value.to_string(),
            Field::FirstName => first = value.to_string(),
            Field::LastName => last = value.to_string(),
            Field::PreferredName => app.preferred_name = value.to_string(),
            Field::Email => {
                let email = value.trim().trim_start_matches("mailto:").to_lowercase();
                if looks_like_email(&email) {
                    app.email = Some(email);
                } else if !["anonymous", "n/a", "na", "none", "-", ""].contains(&email.as_str()) {
                    // Not used to recognise the person (two bad emails must not merge two people).
                    problems.push(format!(
                        "\"{value}\" in column \"{header}\" does not look like an email address; it is kept with the application but not used as the email"
                    ));
                    app.extra.insert(header.clone(), value.to_string());
                }
            }
            Field::Phone => app.phone = value.to_string(),
            Field::Library => app.library = value.to_string(),
            Field::Position => app.position = value.to_string(),
            Field::LibraryTypes => extend_unique(&mut app.lists.library_types, list()),
            Field::City => app.city = value.to_string(),
            Field::Region => app.region = value.to_string(),
            Field::YearsExperience => match parse_years(value) {
                Some(years) => app.years_experience = Some(years),
                None => problems.push(format!(
                    "years of experience \"{value}\" is not a number; left empty"
                )),
            },
            Field::Areas => extend_unique(&mut app.lists.areas, list()),
            Field::Goals => append_text(&mut app.goals, value),
            Field::MeetingModes => extend_unique(&mut app.lists.meeting_modes, list()),
            Field::Capacity => match parse_capacity(value) {
                Some(n) => app.capacity = Some(n),
                None => problems.push(format!(
                    "number of mentees \"{value}\" is not a number; assumed 1"
                )),
            },
            Field::RequestedMentor => app.requested_mentor = value.to_string(),
            Field::Avoid => extend_unique(&mut app.lists.avoid, split_names(value)),
            Field::KickoffAttendance => app.kickoff_attendance = value.to_string(),
            Field::Comments => append_text(&mut app.comments, value),
            Field::SubmittedAt => {
                app.submitted_at = Some(
                    parse_timestamp(value)
                        .or_else(|| parse_excel_serial(value))
                        .unwrap_or_else(|| value.to_string()),
                )
            }
            Field::Keep => {
                app.extra.insert(header.clone(), value.to_string());
            }
        }
    }
    raw_json.push('}');
    if app.name.is_empty() {
        app.name = format!("{first} {last}").trim().to_string();
    }
    if plan.role == Role::Mentor && app.capacity.is_none() {
        app.capacity = Some(1);
    }
    if plan.role == Role::Participant {
        app.capacity = None;
    }
    match (app.name.is_empty(), app.email.is_none()) {
        (true, true) => {
            return RowResult::Unusable("no name and no email address, so there is nobody to import; fill them in and import again".into())
        }
        (true, false) => {
            app.name = app.email.clone().unwrap_or_default();
            problems.push("no name; the email address is used as the name".into());
        }
        (false, true) => problems.push("no email address; duplicates are recognised by name only".into()),
        _ => {}
    }
    RowResult::Person(Box::new(RowApplication {
        row_number,
        application: app,
        raw_json,
        problems,
    }))
}

fn push_json_string(out: &mut String, text: &str) {
    if text.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push('"');
        out.push_str(text);
        out.push('"');
    } else {
        // serde_json escapes exactly as JSON requires; a String never fails to serialize.
        out.push_str(&serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into()));
    }
}

fn extend_unique(list: &mut Vec<String>, values: Vec<String>) {
    for v in values {
        if !list.iter().any(|x| x.eq_ignore_ascii_case(&v)) {
            list.push(v);
        }
    }
}

fn append_text(target: &mut String, value: &str) {
    if !target.is_empty() {
        target.push_str("\n\n");
    }
    target.push_str(value);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_and_direction_characters_are_dropped_from_answers() {
        assert_eq!(
            without_invisible("Eve \u{202E}lesrever\u{202C} Ng\u{7}"),
            "Eve lesrever Ng"
        );
        assert_eq!(without_invisible("\u{2067}Ann\u{2069}\u{0}"), "Ann");
        assert_eq!(
            without_invisible("line one\nline\ttwo"),
            "line one\nline\ttwo"
        );
        // Right-to-left scripts themselves are text, not controls.
        assert_eq!(without_invisible("مريم حداد"), "مريم حداد");
        assert!(matches!(
            without_invisible("Zoë"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
