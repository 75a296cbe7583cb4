//! Turning one spreadsheet row into a normalized application, with the
//! problems a person should look at.

use super::analyse::AnalysedQuestion;
use super::cells::{parse_capacity, parse_excel_serial, parse_timestamp, parse_years};
use super::fields::Field;
use super::kinds::typed_answer;
use super::layout::RawAnswer;
use super::options::split_names;
use super::roles::{role_for, RoleAnswer};
use crate::identity::looks_like_email;
use crate::people::{Answer, Application, Role};

/// One row's outcome before it meets the program file.
#[derive(Debug, Clone)]
pub struct RowApplication {
    pub row_number: i64,
    pub role: Role,
    pub application: Application,
    pub problems: Vec<String>,
}

/// What became of a row that is not a person.
#[derive(Debug, Clone)]
pub enum RowResult {
    Person(Box<RowApplication>),
    Blank,
    /// Something is in the row, but no name and no email: nobody to import.
    Unusable(String),
    /// In a form both roles filled, the role column's answer names neither.
    UnknownRole(String),
}

/// Whose application each row is.
pub enum RoleOfRows<'a> {
    Every(Role),
    /// Read from the role question's answer (its index among the questions).
    FromAnswer {
        question: usize,
        answers: &'a [RoleAnswer],
    },
}

/// The questions and what each means, with the option sets learned from the data.
pub struct Plan<'a> {
    /// One title per column (the raw row keeps a cell for each).
    pub headers: &'a [String],
    pub questions: &'a [AnalysedQuestion],
    pub role: RoleOfRows<'a>,
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
    // Controls are below 0x20, 0x7F or C2 80–9F in UTF-8, direction controls
    // start with E2: most answers are passed over without decoding them.
    let maybe = value
        .bytes()
        .any(|b| b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2);
    if maybe && value.chars().any(drop) {
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
    let role = match &plan.role {
        RoleOfRows::Every(role) => *role,
        RoleOfRows::FromAnswer { question, answers } => {
            let said = match plan.questions[*question].form.answer(cells) {
                RawAnswer::Text(t) => t.to_string(),
                RawAnswer::Ticked(options) => options.join("; "),
                RawAnswer::Joined(text) => text,
            };
            match role_for(answers, &said) {
                Some(role) => role,
                None => return RowResult::UnknownRole(said),
            }
        }
    };
    let mut app = Application::default();
    let mut problems = Vec::new();
    note_direction_controls(plan.headers, cells, &mut problems);
    let mut names = (String::new(), String::new());
    for question in plan.questions {
        let visible;
        let answer: &str = match question.form.answer(cells) {
            RawAnswer::Text(t) => {
                visible = without_invisible(t);
                visible.trim()
            }
            RawAnswer::Joined(text) => {
                visible = std::borrow::Cow::Owned(without_invisible(&text).into_owned());
                visible.trim()
            }
            RawAnswer::Ticked(options) => {
                if !options.is_empty() && question.field.stores_answers() {
                    let list = Answer::Options(options.clone());
                    app.answers.insert(question.form.text.clone(), list);
                }
                apply_list(&mut app, question.field, options);
                continue;
            }
        };
        if answer.is_empty() {
            continue;
        }
        // Answers to built-in fields live in their field (read back through
        // `Application::answer`); the others are kept under their question.
        if question.field.stores_answers() {
            let typed = typed_answer(question.kind, answer, question.option_set.as_ref());
            if !typed.is_empty() {
                app.answers.insert(question.form.text.clone(), typed);
            }
        }
        apply_field(&mut app, question, answer, &mut names, &mut problems);
    }
    finish(app, role, names, problems, row_number)
}

/// Notes hidden text-direction characters in a row (the answers Matchbook
/// uses drop them; the row kept verbatim still has them).
fn note_direction_controls(headers: &[String], cells: &[String], problems: &mut Vec<String>) {
    for (header, value) in headers.iter().zip(cells) {
        // Direction controls are U+202A–E and U+2066–9, all starting with byte
        // 0xE2 in UTF-8: most cells are passed over without decoding them.
        if value.as_bytes().contains(&0xE2) && value.chars().any(is_direction_control) {
            problems.push(format!(
                "column \"{header}\" had hidden text-direction characters, which can make text read backwards; they were removed"
            ));
        }
    }
}

/// The row verbatim as a JSON array of cells, one per column (the import
/// keeps the column titles once, as `imports.headers_json`).
pub(super) fn raw_row(columns: usize, cells: &[String]) -> String {
    let mut raw_json = String::with_capacity(256);
    raw_json.push('[');
    for col in 0..columns {
        let value = cells.get(col).map(String::as_str).unwrap_or("");
        if col > 0 {
            raw_json.push(',');
        }
        push_json_string(&mut raw_json, value);
    }
    raw_json.push(']');
    raw_json
}

/// A checkbox question exported one column per option: the ticked options.
fn apply_list(app: &mut Application, field: Field, options: Vec<String>) {
    let lists = &mut app.lists;
    match field {
        Field::LibraryTypes => extend_unique(&mut lists.library_types, options),
        Field::Areas => extend_unique(&mut lists.areas, options),
        Field::MeetingModes => extend_unique(&mut lists.meeting_modes, options),
        Field::AvoidTopics => extend_unique(&mut lists.avoid_topics, options),
        Field::Keep => {}
        // A field that takes one answer gets the ticked options as one text.
        _ if !options.is_empty() => {
            let text = options.join(", ");
            let mut ignored = (String::new(), String::new());
            apply_text(app, field, &text, &mut ignored);
        }
        _ => {}
    }
}

/// One answer into the built-in field its question feeds.
fn apply_field(
    app: &mut Application,
    question: &AnalysedQuestion,
    value: &str,
    names: &mut (String, String),
    problems: &mut Vec<String>,
) {
    let header = &question.form.text;
    let list = || match &question.option_set {
        Some(set) => set.split(value),
        None => vec![value.to_string()],
    };
    match question.field {
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
        Field::LibraryTypes => extend_unique(&mut app.lists.library_types, list()),
        Field::Areas => extend_unique(&mut app.lists.areas, list()),
        Field::MeetingModes => extend_unique(&mut app.lists.meeting_modes, list()),
        Field::AvoidTopics => extend_unique(&mut app.lists.avoid_topics, list()),
        Field::Avoid => extend_unique(&mut app.lists.avoid, split_names(value)),
        Field::RequestedMentees => {
            extend_unique(&mut app.lists.requested_mentees, split_names(value))
        }
        Field::YearsExperience => match parse_years(value) {
            Some(years) => app.years_experience = Some(years),
            None => problems.push(format!(
                "years of experience \"{value}\" is not a number; left empty"
            )),
        },
        Field::Capacity => match parse_capacity(value) {
            Some(n) => app.capacity = Some(n),
            None => problems.push(format!(
                "number of mentees \"{value}\" is not a number; assumed 1"
            )),
        },
        field => apply_text(app, field, value, names),
    }
}

/// A field whose answer is kept as text.
fn apply_text(app: &mut Application, field: Field, value: &str, names: &mut (String, String)) {
    let target = match field {
        Field::Name => &mut app.name,
        Field::FirstName => &mut names.0,
        Field::LastName => &mut names.1,
        Field::PreferredName => &mut app.preferred_name,
        Field::Phone => &mut app.phone,
        Field::Library => &mut app.library,
        Field::Position => &mut app.position,
        Field::City => &mut app.city,
        Field::Region => &mut app.region,
        Field::RequestedMentor => &mut app.requested_mentor,
        Field::KickoffAttendance => &mut app.kickoff_attendance,
        Field::Goals => return append_text(&mut app.goals, value),
        Field::Comments => return append_text(&mut app.comments, value),
        Field::SubmittedAt => {
            app.submitted_at = Some(
                parse_timestamp(value)
                    .or_else(|| parse_excel_serial(value))
                    .unwrap_or_else(|| value.to_string()),
            );
            return;
        }
        // Kept as the question's answer (see `answers`): nothing to copy.
        _ => return,
    };
    *target = value.to_string();
}

/// The name from its parts, the role's defaults, and whether there is anyone.
fn finish(
    mut app: Application,
    role: Role,
    (first, last): (String, String),
    mut problems: Vec<String>,
    row_number: i64,
) -> RowResult {
    if app.name.is_empty() {
        app.name = format!("{first} {last}").trim().to_string();
    }
    match role {
        Role::Mentor if app.capacity.is_none() => app.capacity = Some(1),
        Role::Participant => app.capacity = None,
        Role::Mentor => {}
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
        role,
        application: app,
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
