//! Match letters: one per mentor and per participant with a confirmed match,
//! from two templates the committee edits (plain text with `{{ … }}`
//! placeholders, rendered by minijinja with strict undefined), laid out by
//! Typst into PDF and preview pages, with a log of what was produced so a
//! changed match marks its letter outdated. Also the mail-merge CSV export.
//!
//! - [`typeset`]: Typst in process (fonts embedded, data passed as data).

pub mod typeset;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};

use base64::Engine;
use chrono::NaiveDate;
use minijinja::{Environment, ErrorKind, UndefinedBehavior};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::error::{Error, Result};
use crate::people::{list_people, Person, Role};
use crate::programs::{get_program, Program};
use crate::store::Store;
use crate::time::{current_user, now_timestamp};

const SETTINGS_KEY: &str = "letters";
pub const DEFAULT_PARTICIPANT_TEMPLATE: &str = include_str!("participant_letter.txt");
pub const DEFAULT_MENTOR_TEMPLATE: &str = include_str!("mentor_letter.txt");
/// Logos larger than this are refused (a letterhead needs far less).
const MAX_LOGO_BYTES: usize = 2 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum DateFormat {
    /// November 28, 2026
    #[default]
    MonthDayYear,
    /// 28 November 2026
    DayMonthYear,
    /// 2026-11-28
    Iso,
}

impl DateFormat {
    pub fn format(self, date: NaiveDate) -> String {
        match self {
            DateFormat::MonthDayYear => date.format("%B %-d, %Y").to_string(),
            DateFormat::DayMonthYear => date.format("%-d %B %Y").to_string(),
            DateFormat::Iso => date.format("%Y-%m-%d").to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    #[default]
    UsLetter,
    A4,
}

impl Paper {
    fn typst_name(self) -> &'static str {
        match self {
            Paper::UsLetter => "us-letter",
            Paper::A4 => "a4",
        }
    }
}

/// An image for the letterhead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Logo {
    pub file_name: String,
    /// png, jpeg or svg
    pub format: String,
    pub data_base64: String,
}

/// The committee's letter settings for one program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LetterSettings {
    pub participant_template: String,
    pub mentor_template: String,
    pub organization: String,
    pub address: String,
    pub signature_name: String,
    pub signature_role: String,
    pub committee: String,
    pub date_format: DateFormat,
    pub paper: Paper,
    pub logo: Option<Logo>,
}

impl Default for LetterSettings {
    fn default() -> Self {
        LetterSettings {
            participant_template: DEFAULT_PARTICIPANT_TEMPLATE.to_string(),
            mentor_template: DEFAULT_MENTOR_TEMPLATE.to_string(),
            organization: String::new(),
            address: String::new(),
            signature_name: String::new(),
            signature_role: "Chair".into(),
            committee: "Mentorship Subcommittee".into(),
            date_format: DateFormat::default(),
            paper: Paper::default(),
            logo: None,
        }
    }
}

/// Which letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Which {
    Mentors,
    Participants,
    All,
}

impl Which {
    pub fn parse(text: &str) -> Result<Which> {
        match text.trim().to_lowercase().as_str() {
            "mentor" | "mentors" => Ok(Which::Mentors),
            "participant" | "participants" => Ok(Which::Participants),
            "all" | "" => Ok(Which::All),
            other => Err(Error::Invalid(format!(
                "\"{other}\" is not a choice of letters; use mentors, participants or all."
            ))),
        }
    }
}

/// The program's settings, with the program's own details as defaults.
pub fn letter_settings(store: &Store, program_id: i64) -> Result<LetterSettings> {
    let program = get_program(store, program_id)?;
    let saved = crate::programs::setting(store, program_id, SETTINGS_KEY)?;
    let mut settings: LetterSettings = saved
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default();
    if settings.organization.trim().is_empty() {
        settings.organization = if program.organization.trim().is_empty() {
            program.name.clone()
        } else {
            program.organization.clone()
        };
    }
    if settings.signature_name.trim().is_empty() {
        settings.signature_name = program.contact_name.clone();
    }
    Ok(settings)
}

/// Checks both templates and saves the settings; a template with a problem is refused.
pub fn save_letter_settings(
    store: &mut Store,
    program_id: i64,
    settings: &LetterSettings,
) -> Result<LetterSettings> {
    let program = get_program(store, program_id)?;
    for kind in [Role::Participant, Role::Mentor] {
        if let Some(problem) = check_template(&program, settings, kind).into_iter().next() {
            return Err(Error::Invalid(format!(
                "The {} letter: {}",
                kind.as_str(),
                problem.message
            )));
        }
    }
    if let Some(logo) = &settings.logo {
        decode_logo(logo)?;
    }
    crate::programs::set_setting(store, program_id, SETTINGS_KEY, settings)?;
    letter_settings(store, program_id)
}

/// Reads an image file for the letterhead, checking it is a PNG, JPEG or SVG.
pub fn logo_from_file(path: &std::path::Path) -> Result<Logo> {
    use std::io::Read;
    let access = |e: std::io::Error| Error::FileAccess {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let too_big = |size: u64| {
        Error::Invalid(format!(
            "{name} is {:.1} MB; a logo must be under 2 MB. Save a smaller copy of the image and choose that.",
            size as f64 / 1_048_576.0
        ))
    };
    // Checked before reading, so choosing a huge file by mistake costs nothing.
    let file = std::fs::File::open(path).map_err(access)?;
    let size = file.metadata().map_err(access)?.len();
    if size > MAX_LOGO_BYTES as u64 {
        return Err(too_big(size));
    }
    let mut bytes = Vec::new();
    file.take(MAX_LOGO_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(access)?;
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    let format = image_format(&bytes).ok_or_else(|| {
        Error::Invalid(format!(
            "{name} is not a PNG, JPEG or SVG image. Choose the logo as one of those."
        ))
    })?;
    Ok(Logo {
        file_name: name,
        format: format.into(),
        data_base64: base64::engine::general_purpose::STANDARD.encode(&bytes),
    })
}

fn image_format(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpeg")
    } else {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_lowercase();
        head.contains("<svg").then_some("svg")
    }
}

fn decode_logo(logo: &Logo) -> Result<Vec<u8>> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(&logo.data_base64)
        .map_err(|_| Error::Invalid("The saved logo is damaged; choose the image again.".into()))?;
    image_format(&bytes).map(|_| bytes).ok_or_else(|| {
        Error::Invalid("The saved logo is not a PNG, JPEG or SVG image; choose it again.".into())
    })
}

/// A placeholder the committee can pick from the palette.
#[derive(Debug, Clone, Serialize)]
pub struct Placeholder {
    pub text: String,
    pub meaning: String,
    /// "participant", "mentor" or "both": the letters it works in.
    pub letters: &'static str,
}

/// Every placeholder, for the palette.
pub fn placeholders() -> Vec<Placeholder> {
    let mut list = Vec::new();
    let mut add = |text: &str, meaning: &str, letters: &'static str| {
        list.push(Placeholder {
            text: text.into(),
            meaning: meaning.into(),
            letters,
        })
    };
    for (who, letters) in [("participant", "participant"), ("mentor", "both")] {
        for (field, meaning) in PERSON_FIELDS {
            add(
                &format!("{{{{ {who}.{field} }}}}"),
                &format!("The {who}'s {meaning}"),
                letters,
            );
        }
    }
    add(
        "{% for mentee in mentees %}- {{ mentee.name }}: {{ mentee.email }}\n{% endfor %}",
        "Each mentee of the mentor, one line each (any participant field works after mentee.)",
        "mentor",
    );
    add(
        "{{ mentees|length }}",
        "How many mentees the mentor has",
        "mentor",
    );
    for (field, meaning) in [
        ("name", "program's name"),
        ("organization", "organization running the program"),
        ("kickoff_date", "kickoff date"),
        ("kickoff_event", "kickoff event"),
        ("kickoff_place", "kickoff place"),
        ("months", "relationship length in months"),
        ("cadence_months", "months between check-ins"),
        ("contact_name", "committee contact's name"),
        ("contact_email", "committee contact's email"),
    ] {
        add(
            &format!("{{{{ program.{field} }}}}"),
            &format!("The {meaning}"),
            "both",
        );
    }
    add("{{ today }}", "The letter's date", "both");
    add(
        "{% if mentor.phone %} or {{ mentor.phone }}{% endif %}",
        "Print something only when an answer is there",
        "both",
    );
    list
}

const PERSON_FIELDS: [(&str, &str); 9] = [
    ("name", "full name"),
    ("preferred_name", "preferred (or first) name"),
    ("email", "email"),
    ("phone", "phone"),
    ("library", "library or organization"),
    ("position", "position"),
    ("city", "city"),
    ("region", "region"),
    ("goals", "goals from the application"),
];

fn person_value(p: &Person) -> Value {
    let a = &p.application;
    let first = a
        .name
        .split_whitespace()
        .next()
        .unwrap_or(&a.name)
        .to_string();
    let preferred = if a.preferred_name.trim().is_empty() {
        first.clone()
    } else {
        a.preferred_name.trim().to_string()
    };
    json!({
        "name": a.name,
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

fn program_value(program: &Program, format: DateFormat) -> Value {
    json!({
        "name": program.name,
        "organization": program.organization,
        "kickoff_date": program.kickoff_date.map(|d| format.format(d)).unwrap_or_default(),
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

fn environment() -> Environment<'static> {
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

fn problem_of(error: &minijinja::Error, text: &str, who: &str) -> TemplateProblem {
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
            "{at} prints nothing for {who}: their application has no answer there. Fill it in, or put that part between {{% if … %}} and {{% endif %}}."
        ),
        _ => format!("{at}: {}", error.detail().unwrap_or("this part cannot be used")),
    };
    TemplateProblem { line, message }
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
    let text = template_of(settings, kind);
    let env = environment();
    let template = match env.template_from_str(text) {
        Ok(t) => t,
        Err(e) => return vec![problem_of(&e, text, "the sample pair")],
    };
    let sample = |name: &str| {
        json!({"name": name, "first_name": "Sam", "preferred_name": "Sam", "email": "sam@example.org",
               "phone": "555-0100", "library": "Sample Library", "position": "Librarian", "city": "Duluth",
               "region": "Northeast", "goals": "Lead a team"})
    };
    // The program's real details: a template that prints one the program
    // has left empty is caught here, not later on every letter.
    let program_value = program_value(program, settings.date_format);
    let context = match kind {
        Role::Participant => {
            json!({"participant": sample("Sam Participant"), "mentor": sample("Sam Mentor"),
                                    "program": program_value, "today": "January 1, 2026"})
        }
        Role::Mentor => {
            json!({"mentor": sample("Sam Mentor"), "mentees": [sample("Sam Participant")],
                               "program": program_value, "today": "January 1, 2026"})
        }
    };
    match template.render(&context) {
        Ok(_) => Vec::new(),
        Err(e) => vec![problem_of(&e, text, "the sample pair")],
    }
}

/// Someone who gets a letter, and the people it names.
#[derive(Debug, Clone)]
pub struct Recipient {
    pub person: Person,
    pub kind: Role,
    /// The mentor (participant letter) or the mentees (mentor letter).
    pub counterparts: Vec<Person>,
    /// Identifies the matches the letter is about, to spot outdated letters.
    pub fingerprint: String,
}

/// Everyone who gets a letter from the confirmed matches: mentors A–Z, then participants A–Z.
pub fn recipients(store: &Store, program_id: i64, which: Which) -> Result<Vec<Recipient>> {
    let people: HashMap<i64, Person> = list_people(store, program_id, None)?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut stmt = store.conn().prepare(
        "SELECT participant_id, mentor_id FROM matches WHERE program_id = ?1 AND status = 'confirmed' ORDER BY id",
    )?;
    let pairs: Vec<(i64, i64)> = stmt
        .query_map([program_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut mentees: BTreeMap<i64, Vec<Person>> = BTreeMap::new();
    let mut out = Vec::new();
    for &(p, m) in &pairs {
        let (Some(participant), Some(mentor)) = (people.get(&p), people.get(&m)) else {
            continue;
        };
        mentees.entry(m).or_default().push(participant.clone());
        if which != Which::Mentors {
            out.push(Recipient {
                person: participant.clone(),
                kind: Role::Participant,
                counterparts: vec![mentor.clone()],
                fingerprint: format!("mentor:{m}"),
            });
        }
    }
    if which != Which::Participants {
        for (m, mut list) in mentees {
            let Some(mentor) = people.get(&m) else {
                continue;
            };
            list.sort_by_key(sort_key);
            let mut ids: Vec<i64> = list.iter().map(|p| p.id).collect();
            ids.sort_unstable();
            out.push(Recipient {
                person: mentor.clone(),
                kind: Role::Mentor,
                counterparts: list,
                fingerprint: format!(
                    "mentees:{}",
                    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
                ),
            });
        }
    }
    out.sort_by(|a, b| {
        (a.kind == Role::Participant, sort_key(&a.person))
            .cmp(&(b.kind == Role::Participant, sort_key(&b.person)))
    });
    Ok(out)
}

fn sort_key(p: &Person) -> (String, i64) {
    (p.application.name.to_lowercase(), p.id)
}

/// One letter's text, ready to lay out.
#[derive(Debug, Clone, Serialize)]
pub struct RenderedLetter {
    pub person_id: i64,
    pub name: String,
    pub kind: Role,
    pub body: String,
}

fn render_letter(
    env: &Environment<'_>,
    program: &Program,
    settings: &LetterSettings,
    recipient: &Recipient,
    today: NaiveDate,
) -> Result<RenderedLetter, TemplateProblem> {
    let text = template_of(settings, recipient.kind);
    let who = &recipient.person.application.name;
    let template = env
        .template_from_str(text)
        .map_err(|e| problem_of(&e, text, who))?;
    let program_value = program_value(program, settings.date_format);
    let today = settings.date_format.format(today);
    let context = match recipient.kind {
        Role::Participant => json!({
            "participant": person_value(&recipient.person),
            "mentor": recipient.counterparts.first().map(person_value),
            "program": program_value,
            "today": today,
        }),
        Role::Mentor => json!({
            "mentor": person_value(&recipient.person),
            "mentees": recipient.counterparts.iter().map(person_value).collect::<Vec<_>>(),
            "program": program_value,
            "today": today,
        }),
    };
    let body = template
        .render(&context)
        .map_err(|e| problem_of(&e, text, who))?;
    Ok(RenderedLetter {
        person_id: recipient.person.id,
        name: who.clone(),
        kind: recipient.kind,
        body,
    })
}

/// Paragraphs and lists of a letter body: blank lines separate paragraphs;
/// lines starting with "- " (or "• ", "* ") are list items.
fn blocks(body: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    let mut items: Vec<String> = Vec::new();
    let flush = |lines: &mut Vec<String>, items: &mut Vec<String>, out: &mut Vec<Value>| {
        if !lines.is_empty() {
            out.push(json!({"kind": "par", "lines": std::mem::take(lines)}));
        }
        if !items.is_empty() {
            out.push(json!({"kind": "list", "items": std::mem::take(items)}));
        }
    };
    for raw in body.lines() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            flush(&mut lines, &mut items, &mut out);
        } else if let Some(item) = ["- ", "• ", "* "]
            .iter()
            .find_map(|m| trimmed.strip_prefix(m))
        {
            if !lines.is_empty() {
                flush(&mut lines, &mut Vec::new(), &mut out);
            }
            items.push(item.trim().to_string());
        } else {
            if !items.is_empty() {
                flush(&mut Vec::new(), &mut items, &mut out);
            }
            lines.push(line.to_string());
        }
    }
    flush(&mut lines, &mut items, &mut out);
    out
}

fn letter_data(
    program: &Program,
    settings: &LetterSettings,
    letters: &[(RenderedLetter, &Recipient)],
    today: NaiveDate,
) -> Value {
    let date = settings.date_format.format(today);
    let mut signature: Vec<String> = vec!["With warm regards,".into(), String::new()];
    for line in [
        &settings.signature_name,
        &settings.signature_role,
        &settings.committee,
        &settings.organization,
    ] {
        if !line.trim().is_empty() {
            signature.push(line.trim().to_string());
        }
    }
    json!({
        "title": format!("{}: match letters", program.name),
        "paper": settings.paper.typst_name(),
        "footer": program.name,
        "letterhead": {
            "organization": settings.organization,
            "address": settings.address,
            "has_logo": settings.logo.is_some(),
        },
        "signature": signature,
        "letters": letters.iter().map(|(letter, recipient)| {
            let a = &recipient.person.application;
            let lines: Vec<&str> = [a.position.as_str(), a.library.as_str(), a.email.as_deref().unwrap_or("")]
                .into_iter()
                .filter(|l| !l.trim().is_empty())
                .collect();
            json!({
                "date": date,
                "recipient": {"name": letter.name, "lines": lines},
                "blocks": blocks(&letter.body),
            })
        }).collect::<Vec<_>>(),
    })
}

/// Letters rendered and laid out as one document.
pub struct Produced {
    pub document: typst_layout::PagedDocument,
    pub recipients: Vec<Recipient>,
}

fn produce(
    program: &Program,
    settings: &LetterSettings,
    recipients: Vec<Recipient>,
    today: NaiveDate,
) -> Result<Produced> {
    if recipients.is_empty() {
        return Err(Error::Invalid(
            "There are no confirmed matches to write letters about yet. Confirm matches on the Matching page first.".into(),
        ));
    }
    let env = environment();
    let mut letters = Vec::with_capacity(recipients.len());
    // Every letter that cannot be written is named at once, so the committee
    // fixes the template (or the applications) in one go, not one per try.
    let mut problems = Vec::new();
    for recipient in &recipients {
        match render_letter(&env, program, settings, recipient, today) {
            Ok(letter) => letters.push((letter, recipient)),
            Err(problem) => problems.push(format!(
                "{} letter for {}: {}",
                recipient.kind.as_str(),
                recipient.person.application.name,
                problem.message.trim_end_matches('.')
            )),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(letters_not_written(&problems)));
    }
    let data = letter_data(program, settings, &letters, today);
    let logo = settings.logo.as_ref().map(decode_logo).transpose()?;
    let document = typeset::layout(&data, logo.as_deref())?;
    drop(letters);
    Ok(Produced {
        document,
        recipients,
    })
}

/// "The mentor letter for Bo Chen: …" for one letter; for several, how many,
/// the first few, then how many more.
fn letters_not_written(problems: &[String]) -> String {
    const SHOWN: usize = 5;
    if let [only] = problems {
        return format!("The {only}. No letters were made; fix it and try again.");
    }
    let mut text = format!(
        "{} letters could not be written, so none were made: the {}",
        problems.len(),
        problems[..problems.len().min(SHOWN)].join("; the ")
    );
    if problems.len() > SHOWN {
        text.push_str(&format!("; and {} more", problems.len() - SHOWN));
    }
    text.push('.');
    text
}

/// All chosen letters as one PDF, each letter starting on a new page.
pub fn combined_pdf(
    store: &Store,
    program_id: i64,
    which: Which,
    today: NaiveDate,
) -> Result<(Vec<u8>, Vec<Recipient>)> {
    let program = get_program(store, program_id)?;
    let settings = letter_settings(store, program_id)?;
    let produced = produce(
        &program,
        &settings,
        recipients(store, program_id, which)?,
        today,
    )?;
    Ok((typeset::pdf(&produced.document)?, produced.recipients))
}

/// One PDF per recipient, with a safe, readable file name each.
pub fn separate_pdfs(
    store: &Store,
    program_id: i64,
    which: Which,
    today: NaiveDate,
) -> Result<Vec<(String, Vec<u8>, Recipient)>> {
    let program = get_program(store, program_id)?;
    let settings = letter_settings(store, program_id)?;
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for recipient in recipients(store, program_id, which)? {
        let produced = produce(&program, &settings, vec![recipient], today)?;
        let recipient = produced
            .recipients
            .into_iter()
            .next()
            .ok_or_else(|| Error::Invalid("No letter was produced.".into()))?;
        let base = format!(
            "Letter - {} - {}",
            if recipient.kind == Role::Mentor {
                "Mentor"
            } else {
                "Participant"
            },
            safe_file_name(&recipient.person.application.name)
        );
        let n = used.entry(base.to_lowercase()).or_insert(0);
        *n += 1;
        let name = if *n == 1 {
            format!("{base}.pdf")
        } else {
            format!("{base} ({n}).pdf")
        };
        out.push((name, typeset::pdf(&produced.document)?, recipient));
    }
    Ok(out)
}

/// A name made safe for a file name on Windows, macOS and Linux; letters of
/// any alphabet stay as they are.
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let collapsed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = collapsed.trim_matches(|c: char| c == '.' || c == ' ');
    let short: String = trimmed.chars().take(80).collect();
    if short.is_empty() {
        "Unnamed".into()
    } else {
        short
    }
}

/// What the preview shows: the pages of one letter, laid out exactly as they print.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub recipient: Option<String>,
    pub kind: Role,
    pub pages: Vec<String>,
    pub problems: Vec<TemplateProblem>,
    /// Everyone who gets this kind of letter, for the preview's chooser.
    pub recipients: Vec<(i64, String)>,
}

/// Previews the letter of `kind` for one recipient (default the first), with
/// unsaved settings when the committee is still editing.
pub fn preview(
    store: &Store,
    program_id: i64,
    draft: Option<&LetterSettings>,
    kind: Role,
    person_id: Option<i64>,
    today: NaiveDate,
) -> Result<Preview> {
    let program = get_program(store, program_id)?;
    let settings = match draft {
        Some(d) => d.clone(),
        None => letter_settings(store, program_id)?,
    };
    let which = if kind == Role::Mentor {
        Which::Mentors
    } else {
        Which::Participants
    };
    let all = recipients(store, program_id, which)?;
    let list: Vec<(i64, String)> = all
        .iter()
        .map(|r| (r.person.id, r.person.application.name.clone()))
        .collect();
    let problems = check_template(&program, &settings, kind);
    let chosen = person_id
        .and_then(|id| all.iter().find(|r| r.person.id == id))
        .or(all.first())
        .cloned();
    let Some(recipient) = chosen else {
        return Ok(Preview {
            recipient: None,
            kind,
            pages: vec![],
            problems,
            recipients: list,
        });
    };
    if !problems.is_empty() {
        return Ok(Preview {
            recipient: Some(recipient.person.application.name),
            kind,
            pages: vec![],
            problems,
            recipients: list,
        });
    }
    let name = recipient.person.application.name.clone();
    match produce(&program, &settings, vec![recipient.clone()], today) {
        Ok(produced) => Ok(Preview {
            recipient: Some(name),
            kind,
            pages: typeset::svg_pages(&produced.document),
            problems,
            recipients: list,
        }),
        Err(Error::Invalid(message)) => Ok(Preview {
            recipient: Some(name),
            kind,
            pages: vec![],
            problems: vec![TemplateProblem {
                line: None,
                message,
            }],
            recipients: list,
        }),
        Err(other) => Err(other),
    }
}

/// Records which letters were produced, for the log and outdated flags.
pub fn record_produced(
    store: &mut Store,
    program_id: i64,
    recipients: &[Recipient],
    output: &str,
) -> Result<()> {
    let now = now_timestamp();
    let who = current_user();
    store.write(|tx| {
        let mut insert = tx.prepare(
            "INSERT INTO letters (program_id, person_id, kind, match_fingerprint, output, produced_at, produced_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for r in recipients {
            insert.execute(params![program_id, r.person.id, r.kind.as_str(), r.fingerprint, output, now, who])?;
        }
        Ok(())
    })
}

/// One recipient's letter history.
#[derive(Debug, Clone, Serialize)]
pub struct LetterStatus {
    pub person_id: i64,
    pub name: String,
    pub kind: Role,
    pub produced_at: Option<String>,
    pub output: String,
    /// Their match changed after the letter was produced.
    pub outdated: bool,
}

/// For everyone who should get a letter: when it was last produced and whether it is outdated.
pub fn letter_log(store: &Store, program_id: i64) -> Result<Vec<LetterStatus>> {
    let current = recipients(store, program_id, Which::All)?;
    let mut stmt = store.conn().prepare(
        "SELECT person_id, kind, match_fingerprint, output, produced_at FROM letters
         WHERE program_id = ?1 ORDER BY id DESC",
    )?;
    let mut latest: HashMap<(i64, String), (String, String, String)> = HashMap::new();
    let rows = stmt.query_map([program_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    for row in rows {
        let (person, kind, fingerprint, output, at) = row?;
        latest
            .entry((person, kind))
            .or_insert((fingerprint, output, at));
    }
    let mut log: Vec<LetterStatus> = current
        .iter()
        .map(|r| {
            let last = latest.remove(&(r.person.id, r.kind.as_str().to_string()));
            LetterStatus {
                person_id: r.person.id,
                name: r.person.application.name.clone(),
                kind: r.kind,
                produced_at: last.as_ref().map(|l| l.2.clone()),
                output: last.as_ref().map(|l| l.1.clone()).unwrap_or_default(),
                outdated: last.is_some_and(|l| l.0 != r.fingerprint),
            }
        })
        .collect();
    // Someone who had a letter but no longer has a match: that letter is outdated too.
    let people: HashMap<i64, Person> = list_people(store, program_id, None)?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut gone: Vec<LetterStatus> = latest
        .into_iter()
        .filter_map(|((person_id, kind), (_, output, at))| {
            let person = people.get(&person_id)?;
            Some(LetterStatus {
                person_id,
                name: person.application.name.clone(),
                kind: Role::parse(&kind).ok()?,
                produced_at: Some(at),
                output,
                outdated: true,
            })
        })
        .collect();
    gone.sort_by_key(|a| a.name.to_lowercase());
    log.extend(gone);
    Ok(log)
}

/// A spreadsheet cell that Excel or LibreOffice would run as a formula is
/// prefixed with an apostrophe so it shows as text.
pub fn neutralize_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The confirmed matches as a mail-merge CSV: one row per pair, every field;
/// UTF-8 with a byte order mark so Excel opens names correctly.
pub fn export_matches_csv(store: &Store, program_id: i64) -> Result<Vec<u8>> {
    let program = get_program(store, program_id)?;
    let people: HashMap<i64, Person> = list_people(store, program_id, None)?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut stmt = store.conn().prepare(
        "SELECT participant_id, mentor_id, score, confirmed_at FROM matches
         WHERE program_id = ?1 AND status = 'confirmed' ORDER BY id",
    )?;
    let rows: Vec<(i64, i64, f64, Option<String>)> = stmt
        .query_map([program_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::from(*b"\xEF\xBB\xBF");
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        let fields = [
            "name",
            "preferred_name",
            "email",
            "phone",
            "library",
            "position",
            "city",
            "region",
        ];
        let mut header = vec!["program".to_string()];
        for who in ["participant", "mentor"] {
            header.extend(fields.iter().map(|f| format!("{who}_{f}")));
        }
        header.extend(["score".into(), "confirmed_at".into()]);
        let csv_error = |e: csv::Error| Error::Invalid(format!("Could not write the CSV: {e}"));
        writer.write_record(&header).map_err(csv_error)?;
        for (p, m, score, confirmed_at) in rows {
            let (Some(participant), Some(mentor)) = (people.get(&p), people.get(&m)) else {
                continue;
            };
            let mut record = vec![program.name.clone()];
            for person in [participant, mentor] {
                let a = &person.application;
                record.extend([
                    a.name.clone(),
                    a.preferred_name.clone(),
                    a.email.clone().unwrap_or_default(),
                    a.phone.clone(),
                    a.library.clone(),
                    a.position.clone(),
                    a.city.clone(),
                    a.region.clone(),
                ]);
            }
            record.push(format!("{score:.1}"));
            record.push(confirmed_at.unwrap_or_default());
            let record: Vec<String> = record.iter().map(|c| neutralize_cell(c)).collect();
            writer.write_record(&record).map_err(csv_error)?;
        }
        writer
            .flush()
            .map_err(|e| Error::Invalid(format!("Could not write the CSV: {e}")))?;
    }
    Ok(out)
}
