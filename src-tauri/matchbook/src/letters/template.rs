//! The letter templates: checking a template before any letter is made, and rendering one letter's text with
//! minijinja (strict undefined: a blank is an error, never a silent gap).

use chrono::NaiveDate;
use minijinja::{Environment, ErrorKind, UndefinedBehavior};
use serde::Serialize;
use serde_json::{json, Value};

use super::recipients::Recipient;
use super::settings::{DateFormat, LetterSettings};
use crate::people::{Person, Role};
use crate::programs::Program;

pub(super) const PERSON_FIELDS: [(&str, &str); 11] = [
    ("name", "full name"),
    (
        "introduction",
        "introduction: name, position and library, those given (Ann Lee, Librarian at Ely Library)",
    ),
    (
        "contact",
        "email, and phone when given (ann@ely.org or 555-0100)",
    ),
    (
        "preferred_name",
        "greeting name (preferred name, else full name; checked under Greetings)",
    ),
    ("email", "email"),
    ("phone", "phone"),
    ("library", "library or organization"),
    ("position", "position"),
    ("city", "city"),
    ("region", "region"),
    ("goals", "goals from the application"),
];

/// A circle's placeholders: `group.name`, `group.size`, `group.kind`
/// ("circle" or "group"), `group.mentor` and `group.members` to loop over.
fn group_value(group: &super::LetterGroup) -> Value {
    json!({
        "group": {
            "name": group.name,
            "size": group.members.len(),
            "kind": if group.mentor.is_some() { "group" } else { "circle" },
            "mentor": group.mentor.as_ref().map(person_value),
            "members": group.members.iter().map(person_value).collect::<Vec<_>>(),
        }
    })
}

pub(super) fn person_value(p: &Person) -> Value {
    let a = &p.application;
    let first = a
        .name
        .split_whitespace()
        .next()
        .unwrap_or(&a.name)
        .to_string();
    // The first word is not always the given name: without a preferred
    // name the letter greets by the full name (recipients() puts the
    // committee's checked greeting here).
    let preferred = if a.preferred_name.trim().is_empty() {
        a.name.trim().to_string()
    } else {
        a.preferred_name.trim().to_string()
    };
    json!({
        "name": a.name,
        "introduction": introduction(&a.name, &a.position, &a.library),
        "contact": contact(a.email.as_deref().unwrap_or(""), &a.phone),
        "first_name": first,
        "preferred_name": preferred,
        "email": a.email.clone().unwrap_or_default(),
        "phone": a.phone,
        "library": a.library,
        "position": a.position,
        "city": a.city,
        "region": a.region,
        "goals": a.goals,
    })
}

/// "Ann Lee, Librarian at Ely Library", leaving out what was not given: the
/// default letters introduce people with it instead of three `{% if %}`s.
fn introduction(name: &str, position: &str, library: &str) -> String {
    let mut text = name.trim().to_string();
    if !position.trim().is_empty() {
        text.push_str(&format!(", {}", position.trim()));
    }
    if !library.trim().is_empty() {
        text.push_str(&format!(" at {}", library.trim()));
    }
    text
}

/// "ann@ely.org or 555-0100"; empty (an error when printed) with neither.
fn contact(email: &str, phone: &str) -> String {
    [email.trim(), phone.trim()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" or ")
}

/// "the kickoff, Winter Conference, in Duluth, on 20 January 2027": the
/// event's details that were given, for "you will meet at …".
fn kickoff(program: &Program, date: &str) -> String {
    let mut text = "the kickoff".to_string();
    if !program.kickoff_event.trim().is_empty() {
        text.push_str(&format!(", {}", program.kickoff_event.trim()));
    }
    let place = program.kickoff_place.trim();
    if !place.is_empty() {
        text.push_str(&format!(" {} {place}", place_preposition(place)));
    }
    if !date.is_empty() {
        text.push_str(&format!(", on {date}"));
    }
    text
}

/// "in Duluth", but "at Riverside Public Library": a building is met at.
fn place_preposition(place: &str) -> &'static str {
    const BUILDINGS: [&str; 14] = [
        "library",
        "center",
        "centre",
        "hall",
        "hotel",
        "room",
        "building",
        "campus",
        "university",
        "college",
        "school",
        "museum",
        "inn",
        "office",
    ];
    let lower = place.to_lowercase();
    let building = lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| BUILDINGS.contains(&word));
    if building {
        "at"
    } else {
        "in"
    }
}

/// The program's placeholders as of the letter's date (`kickoff_ahead`
/// lets a letter written after the kickoff speak of it in the past).
fn program_value(program: &Program, format: DateFormat, today: NaiveDate) -> Value {
    let kickoff_date = program
        .kickoff_date
        .map(|d| format.format(d))
        .unwrap_or_default();
    json!({
        "name": program.name,
        "organization": program.organization,
        "kickoff": kickoff(program, &kickoff_date),
        "kickoff_date": kickoff_date,
        "kickoff_ahead": program.kickoff_date.is_some_and(|d| d >= today),
        "kickoff_event": program.kickoff_event,
        "kickoff_place": program.kickoff_place,
        "months": program.relationship_months,
        "cadence_months": program.cadence_months,
        "contact_name": program.contact_name,
        "contact_email": program.contact_email,
    })
}

/// A problem in a template, with its line.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TemplateProblem {
    pub line: Option<usize>,
    pub message: String,
}

pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // Plain text: no escaping. A placeholder that prints nothing is an error,
    // so no letter goes out with a blank where a name or email should be.
    env.set_formatter(|out, _state, value| {
        let text = value.to_string();
        if value.is_none() || value.is_undefined() || text.trim().is_empty() {
            return Err(minijinja::Error::new(
                ErrorKind::InvalidOperation,
                "prints nothing",
            ));
        }
        out.write_str(&text).map_err(minijinja::Error::from)
    });
    env
}

/// `who` names the person whose answer a line prints, from the line.
fn problem_of(
    error: &minijinja::Error,
    text: &str,
    who: &dyn Fn(&str) -> String,
) -> TemplateProblem {
    let line = error.line();
    let source_line = line
        .and_then(|n| text.lines().nth(n.saturating_sub(1)))
        .map(|l| l.trim().chars().take(80).collect::<String>())
        .unwrap_or_default();
    let at = match line {
        Some(n) => format!("Line {n} (\u{201c}{source_line}\u{201d})"),
        None => "The template".to_string(),
    };
    let message = match error.kind() {
        ErrorKind::UndefinedError => format!(
            "{at} uses a placeholder that does not exist in this letter. Check its spelling against the list of placeholders."
        ),
        ErrorKind::SyntaxError => format!(
            "{at} has a mistake in a placeholder: {}. Placeholders look like {{{{ mentor.name }}}}.",
            error.detail().unwrap_or("it is not complete")
        ),
        // A program detail left empty is the committee's to fill in, not the applicant's.
        ErrorKind::InvalidOperation
            if error.detail() == Some("prints nothing") && source_line.contains("program.") =>
        {
            format!(
                "{at} prints nothing: the program's details do not say it yet. Fill it in on the Programs page (Edit), or put that part between {{% if … %}} and {{% endif %}}."
            )
        }
        ErrorKind::InvalidOperation if error.detail() == Some("prints nothing") => format!(
            "{at} prints nothing for {}: their application has no answer there. Fill it in, or put that part between {{% if … %}} and {{% endif %}}.",
            who(&source_line)
        ),
        _ => format!("{at}: {}", error.detail().unwrap_or("this part cannot be used")),
    };
    TemplateProblem { line, message }
}

/// Renders `text` with a context made elsewhere (a pair's reminder), with
/// the letters' checks and their wording of problems; `who` is whose
/// details an empty placeholder lacks.
pub fn render_context(
    env: &Environment<'_>,
    text: &str,
    context: &Value,
    who: &str,
) -> Result<String, TemplateProblem> {
    let whose = |_: &str| who.to_string();
    env.template_from_str(text)
        .and_then(|t| t.render(context))
        .map_err(|e| problem_of(&e, text, &whose))
}

/// Whose answer a template line prints in this recipient's letter: the
/// recipient's own, or their mentor's or mentees' (a participant's letter
/// printing the mentor's goals is missing the mentor's answer).
fn whose_answer(recipient: &Recipient, line: &str) -> String {
    let own = &recipient.person.application.name;
    let names = |people: &[Person]| -> String {
        people
            .iter()
            .map(|p| p.application.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match recipient.kind {
        Role::Participant if line.contains("mentor.") => {
            format!("{own}\u{2019}s mentor, {}", names(&recipient.counterparts))
        }
        Role::Mentor if line.contains("mentee.") || line.contains("mentees") => {
            format!(
                "one of {own}\u{2019}s mentees ({})",
                names(&recipient.counterparts)
            )
        }
        _ => own.clone(),
    }
}

fn template_of(settings: &LetterSettings, kind: Role) -> &str {
    match kind {
        Role::Participant => &settings.participant_template,
        Role::Mentor => &settings.mentor_template,
    }
}

/// Renders a template against a made-up pair whose every answer is filled
/// in, and the program's real details, to find placeholders that do not
/// exist, syntax mistakes and empty program details before any real letter
/// is made.
pub fn check_template(
    program: &Program,
    settings: &LetterSettings,
    kind: Role,
) -> Vec<TemplateProblem> {
    check_text(
        program,
        settings,
        kind,
        template_of(settings, kind),
        &json!({}),
    )
}

/// [`check_template`] for any text a `kind` recipient gets (an email's
/// subject or body), with `extra` values beside the letter's placeholders.
pub fn check_text(
    program: &Program,
    settings: &LetterSettings,
    kind: Role,
    text: &str,
    extra: &Value,
) -> Vec<TemplateProblem> {
    let env = environment();
    let template = match env.template_from_str(text) {
        Ok(t) => t,
        Err(e) => return vec![problem_of(&e, text, &|_| "the sample pair".into())],
    };
    // The program's real details: a template that prints one the program
    // has left empty is caught here, not later on every letter. It must
    // render before and after the kickoff, so both are checked (no clock).
    let mut problems = Vec::new();
    let days = match program.kickoff_date {
        Some(kickoff) => vec![kickoff, kickoff.succ_opt().unwrap_or(kickoff)],
        None => vec![NaiveDate::MIN],
    };
    for day in days {
        let value = program_value(program, settings.date_format, day);
        for problem in check_on(&template, (program, text, kind), value, extra) {
            if !problems.contains(&problem) {
                problems.push(problem);
            }
        }
    }
    problems
}

/// [`check_text`] with the program's placeholders as of one day.
fn check_on(
    template: &minijinja::Template<'_, '_>,
    (program, text, kind): (&Program, &str, Role),
    program_value: Value,
    extra: &Value,
) -> Vec<TemplateProblem> {
    let sample = sample_person;
    let link = crate::programs::survey_link_for(program, Some("sam@example.org"));
    let mut context = match kind {
        Role::Participant => {
            json!({"participant": sample("Sam Participant"), "mentor": sample("Sam Mentor"),
                                    "program": program_value, "today": "January 1, 2026", "check_in_link": link})
        }
        Role::Mentor => {
            json!({"mentor": sample("Sam Mentor"), "mentees": [sample("Sam Participant")],
                               "program": program_value, "today": "January 1, 2026", "check_in_link": link})
        }
    };
    let me = match kind {
        Role::Participant => sample("Sam Participant"),
        Role::Mentor => sample("Sam Mentor"),
    };
    merge(
        &mut context,
        &json!({ "recipient": me, "role": kind.as_str() }),
    );
    merge(&mut context, extra);
    match template.render(&context) {
        Ok(_) => Vec::new(),
        Err(e) => vec![problem_of(&e, text, &|_| "the sample pair".into())],
    }
}

/// A made-up person whose every answer is filled in, for checking templates.
pub(super) fn sample_person(name: &str) -> Value {
    json!({"name": name, "introduction": introduction(name, "Librarian", "Sample Library"),
           "contact": "sam@example.org or 555-0100", "first_name": "Sam", "preferred_name": "Sam", "email": "sam@example.org",
           "phone": "555-0100", "library": "Sample Library", "position": "Librarian", "city": "Duluth",
           "region": "Northeast", "goals": "Lead a team"})
}

fn merge(context: &mut Value, extra: &Value) {
    if let (Some(into), Some(from)) = (context.as_object_mut(), extra.as_object()) {
        for (k, v) in from {
            into.insert(k.clone(), v.clone());
        }
    }
}

/// One letter's text, ready to lay out.
#[derive(Debug, Clone, Serialize)]
pub struct RenderedLetter {
    pub person_id: i64,
    pub name: String,
    pub kind: Role,
    pub body: String,
}

pub(super) fn render_letter(
    env: &Environment<'_>,
    program: &Program,
    settings: &LetterSettings,
    recipient: &Recipient,
    today: NaiveDate,
) -> Result<RenderedLetter, TemplateProblem> {
    let text = match recipient.group {
        Some(_) => settings.group_template.as_str(),
        None => template_of(settings, recipient.kind),
    };
    let body = render_text(env, program, settings, recipient, today, text, &json!({}))?;
    Ok(RenderedLetter {
        person_id: recipient.person.id,
        name: recipient.person.application.name.clone(),
        kind: recipient.kind,
        body,
    })
}

/// Renders any text for one recipient with the letter's placeholders (and
/// `extra` values beside them): an email's subject and body use it.
pub fn render_text(
    env: &Environment<'_>,
    program: &Program,
    settings: &LetterSettings,
    recipient: &Recipient,
    today: NaiveDate,
    text: &str,
    extra: &Value,
) -> Result<String, TemplateProblem> {
    let who = |line: &str| whose_answer(recipient, line);
    let template = env
        .template_from_str(text)
        .map_err(|e| problem_of(&e, text, &who))?;
    let program_value = program_value(program, settings.date_format, today);
    let today = settings.date_format.format(today);
    let link =
        crate::programs::survey_link_for(program, recipient.person.application.email.as_deref());
    let mut context = match recipient.kind {
        Role::Participant => json!({
            "participant": person_value(&recipient.person),
            "mentor": recipient.counterparts.first().map(person_value),
            "program": program_value,
            "today": today,
            "check_in_link": link,
        }),
        Role::Mentor => json!({
            "mentor": person_value(&recipient.person),
            "mentees": recipient.counterparts.iter().map(person_value).collect::<Vec<_>>(),
            "program": program_value,
            "today": today,
            "check_in_link": link,
        }),
    };
    if let Some(group) = &recipient.group {
        merge(&mut context, &group_value(group));
    }
    merge(
        &mut context,
        &json!({
            "recipient": person_value(&recipient.person),
            "role": recipient.kind.as_str(),
        }),
    );
    merge(&mut context, extra);
    template
        .render(&context)
        .map_err(|e| problem_of(&e, text, &who))
}

#[cfg(test)]
mod place_tests {
    #[test]
    fn a_town_is_met_in_and_a_building_at() {
        assert_eq!(super::place_preposition("Duluth"), "in");
        assert_eq!(super::place_preposition("Riverside Public Library"), "at");
        assert_eq!(super::place_preposition("Room 204, Duluth"), "at");
        assert_eq!(super::place_preposition("St. Cloud"), "in");
    }
}
