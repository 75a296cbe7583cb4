//! Laying letters out: the letters rendered, checked all at once and set by
//! Typst as one PDF, one PDF per recipient, or the preview's pages.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{json, Value};

use super::kinds::{check_letter, LetterKind};
use super::recipients::{recipients, Recipient, Which};
use super::settings::{decode_logo, letter_settings, LetterSettings};
use super::template::{environment, render_letter, RenderedLetter, TemplateProblem};
use crate::error::{Error, Result};
use crate::people::Role;
use crate::programs::{get_program, Program};
use crate::store::Store;
use crate::typeset;

/// Paragraphs and lists of a letter body: blank lines separate paragraphs;
/// lines starting with "- " (or "• ", "* ") are list items.
pub(super) fn blocks(body: &str) -> Vec<Value> {
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
/// any alphabet stay as they are. Windows refuses `<>:"/\\|?*` and control
/// characters, a trailing dot or space, the device names (CON, PRN, AUX,
/// NUL, COM1–9, LPT1–9, whatever the case or extension) and long names: none
/// of those is ever produced.
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
    // At most 80 characters and 120 bytes: room for what is put around it
    // ("Letter - Participant - … (2).pdf") within 255 bytes.
    let mut short = String::new();
    for c in trimmed.chars().take(80) {
        if short.len() + c.len_utf8() > 120 {
            break;
        }
        short.push(c);
    }
    let short = short.trim_end_matches(['.', ' ']).to_string();
    if short.is_empty() {
        return "Unnamed".into();
    }
    let stem = short
        .split('.')
        .next()
        .unwrap_or("")
        .trim_end()
        .to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit()
            && stem.as_bytes()[3] != b'0');
    if reserved {
        format!("{short} (name)")
    } else {
        short
    }
}

/// What the preview shows: the pages of one letter, laid out exactly as they print.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub recipient: Option<String>,
    pub kind: LetterKind,
    pub pages: Vec<String>,
    pub problems: Vec<TemplateProblem>,
    /// Everyone who gets this kind of letter, for the preview's chooser.
    pub recipients: Vec<(i64, String)>,
}

/// Previews the letter of `kind` for one recipient (default the first), with
/// unsaved settings when the committee is still editing. The group letter
/// goes to the members of groups and circles, the participant letter to
/// the participants of pairs outside them.
pub fn preview(
    store: &Store,
    program_id: i64,
    draft: Option<&LetterSettings>,
    kind: LetterKind,
    person_id: Option<i64>,
    today: NaiveDate,
) -> Result<Preview> {
    let program = get_program(store, program_id)?;
    let settings = match draft {
        Some(d) => d.clone(),
        None => letter_settings(store, program_id)?,
    };
    let which = if kind == LetterKind::Mentor {
        Which::Mentors
    } else {
        Which::Participants
    };
    let all: Vec<Recipient> = recipients(store, program_id, which)?
        .into_iter()
        .filter(|r| kind == LetterKind::Mentor || r.group.is_some() == (kind == LetterKind::Group))
        .collect();
    let list: Vec<(i64, String)> = all
        .iter()
        .map(|r| (r.person.id, r.person.application.name.clone()))
        .collect();
    let problems = check_letter(&program, &settings, kind);
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
