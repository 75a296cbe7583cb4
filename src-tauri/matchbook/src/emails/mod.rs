//! Emails ready to send, without a network: one draft (`.eml`) per
//! recipient, written to a folder the committee chooses, that their mail
//! program opens as a message to send. The subject and body come from
//! templates the committee edits, with the letters' placeholders and checks
//! (plus `recipient`, `checkin` and `evaluation_link`).
//!
//! - Match letters: each person's letter attached as a PDF.
//! - Check-in requests: everyone in a running pair, with their own
//!   pre-filled check-in link when the program has one.
//! - Reminders: one email to both people of each overdue pair, with where
//!   the pair stands (the Tracking screen's reminder is the same text).
//! - Closing: everyone who took part, with the evaluation link.
//!
//! `message` writes one draft (RFC 5322, MIME, UTF-8, `X-Unsent: 1`).

mod audience;
mod folder;
pub mod message;
mod preview;
mod reminders;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

pub use folder::{drafts_folder, remember_drafts_folder};
pub use message::{Draft, Mailbox};
pub use preview::{preview, EmailPreview, EmailText};
pub use reminders::pair_reminder;
use reminders::reminder_drafts;

use crate::error::{Error, Result};
use crate::letters::{
    self, check_text, environment, render_context, render_text, Recipient, Which,
};
use crate::people::Role;
use crate::programs::{get_program, Program};
use crate::store::Store;
use crate::tracking::{dashboard, CheckIn, ReminderFacts};
use audience::{audience, Audience};

const SETTINGS_KEY: &str = "email_templates";

/// What a batch of emails is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Campaign {
    Letters,
    CheckIn,
    Reminder,
    Closing,
}

impl Campaign {
    pub fn parse(text: &str) -> Option<Campaign> {
        match text.trim().replace('_', "-").as_str() {
            "letters" => Some(Campaign::Letters),
            "check-in" | "check-ins" | "checkin" => Some(Campaign::CheckIn),
            "reminder" | "reminders" => Some(Campaign::Reminder),
            "closing" => Some(Campaign::Closing),
            _ => None,
        }
    }

    fn file_prefix(self) -> &'static str {
        match self {
            Campaign::Letters => "Match letter",
            Campaign::CheckIn => "Check-in",
            Campaign::Reminder => "Reminder",
            Campaign::Closing => "Closing",
        }
    }
}

/// The committee's email texts (minijinja, the letters' placeholders).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EmailTemplates {
    pub participant_subject: String,
    pub participant_body: String,
    pub mentor_subject: String,
    pub mentor_body: String,
    pub check_in_subject: String,
    pub check_in_body: String,
    pub reminder_subject: String,
    pub reminder_body: String,
    pub closing_subject: String,
    pub closing_body: String,
    /// The end-of-program evaluation form; `{email}` is each person's email.
    pub evaluation_link: String,
}

impl Default for EmailTemplates {
    fn default() -> Self {
        let part = |name: &str| -> String {
            let text = include_str!("templates.txt");
            let start = format!("### {name}\n");
            text.split_once(&start)
                .map(|(_, rest)| rest.split("\n### ").next().unwrap_or(""))
                .unwrap_or("")
                .trim_end()
                .to_string()
        };
        EmailTemplates {
            participant_subject: part("participant_subject"),
            participant_body: part("participant_body"),
            mentor_subject: part("mentor_subject"),
            mentor_body: part("mentor_body"),
            check_in_subject: part("check_in_subject"),
            check_in_body: part("check_in_body"),
            reminder_subject: part("reminder_subject"),
            reminder_body: part("reminder_body"),
            closing_subject: part("closing_subject"),
            closing_body: part("closing_body"),
            evaluation_link: String::new(),
        }
    }
}

impl EmailTemplates {
    /// The subject and body a recipient of `kind` gets in `campaign`.
    fn texts(&self, campaign: Campaign, kind: Role) -> (&str, &str) {
        match (campaign, kind) {
            (Campaign::Letters, Role::Participant) => {
                (&self.participant_subject, &self.participant_body)
            }
            (Campaign::Letters, Role::Mentor) => (&self.mentor_subject, &self.mentor_body),
            (Campaign::CheckIn, _) => (&self.check_in_subject, &self.check_in_body),
            (Campaign::Reminder, _) => (&self.reminder_subject, &self.reminder_body),
            (Campaign::Closing, _) => (&self.closing_subject, &self.closing_body),
        }
    }
}

/// A problem in one of the email texts, said with which text it is in.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EmailProblem {
    /// e.g. "check_in_body".
    pub text: &'static str,
    pub line: Option<usize>,
    pub message: String,
}

/// The program's email texts (the defaults until the committee edits them).
pub fn email_templates(store: &Store, program_id: i64) -> Result<EmailTemplates> {
    Ok(crate::programs::setting(store, program_id, SETTINGS_KEY)?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

/// Checks every text against a sample pair and the program's details; saves
/// them only when none has a problem (else returns the problems).
pub fn save_email_templates(
    store: &mut Store,
    program_id: i64,
    templates: &EmailTemplates,
) -> Result<Vec<EmailProblem>> {
    let program = get_program(store, program_id)?;
    let problems = check(store, &program, templates)?;
    if problems.is_empty() {
        crate::programs::set_setting(store, program_id, SETTINGS_KEY, templates)?;
    }
    Ok(problems)
}

fn check(store: &Store, program: &Program, t: &EmailTemplates) -> Result<Vec<EmailProblem>> {
    let settings = letters::letter_settings(store, program.id)?;
    let extra = json!({
        "checkin": {
            "label": "Q1",
            "starts": settings.date_format.format(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default()),
            "due": settings.date_format.format(NaiveDate::from_ymd_opt(2026, 3, 31).unwrap_or_default()),
        },
        "evaluation_link": if t.evaluation_link.trim().is_empty() { Value::Null } else { json!("https://forms.example/evaluation") },
    });
    let texts: [(&'static str, &str, Role); 8] = [
        (
            "participant_subject",
            &t.participant_subject,
            Role::Participant,
        ),
        ("participant_body", &t.participant_body, Role::Participant),
        ("mentor_subject", &t.mentor_subject, Role::Mentor),
        ("mentor_body", &t.mentor_body, Role::Mentor),
        ("check_in_subject", &t.check_in_subject, Role::Participant),
        ("check_in_body", &t.check_in_body, Role::Participant),
        ("closing_subject", &t.closing_subject, Role::Participant),
        ("closing_body", &t.closing_body, Role::Participant),
    ];
    let mut problems = Vec::new();
    for (name, text, kind) in texts {
        if text.trim().is_empty() {
            problems.push(EmailProblem {
                text: name,
                line: None,
                message: "This text is empty; write what the email should say.".into(),
            });
            continue;
        }
        for p in check_text(program, &settings, kind, text, &extra) {
            problems.push(EmailProblem {
                text: name,
                line: p.line,
                message: p.message,
            });
        }
    }
    // The reminder is written for a pair, with where the pair stands.
    let env = environment();
    let sample = ReminderFacts::sample().context(program, |d| settings.date_format.format(d));
    for (name, text) in [
        ("reminder_subject", &t.reminder_subject),
        ("reminder_body", &t.reminder_body),
    ] {
        if text.trim().is_empty() {
            problems.push(EmailProblem {
                text: name,
                line: None,
                message: "This text is empty; write what the email should say.".into(),
            });
        } else if let Err(p) = render_context(&env, text, &sample, "the sample pair") {
            problems.push(EmailProblem {
                text: name,
                line: p.line,
                message: p.message,
            });
        }
    }
    let link = t.evaluation_link.trim();
    if !(link.is_empty() || link.starts_with("https://") || link.starts_with("http://")) {
        problems.push(EmailProblem {
            text: "evaluation_link",
            line: None,
            message: format!("\"{link}\" is not a web address; paste the evaluation form's link."),
        });
    }
    Ok(problems)
}

/// What writing a batch of drafts did.
#[derive(Debug, Clone, Serialize)]
pub struct Written {
    pub folder: String,
    pub files: Vec<String>,
    /// People who got no draft, and why (no email address).
    pub skipped: Vec<String>,
    /// What the committee should know about the batch.
    pub notes: Vec<String>,
    /// People left out because they already answered (check-ins, closing).
    pub answered_left_out: usize,
}

/// The drafts of a batch: (file name, draft) each, the people who get none
/// and why, everyone the batch is for, and who was left out on purpose.
pub struct Batch {
    pub drafts: Vec<(String, Draft)>,
    pub skipped: Vec<String>,
    pub recipients: Vec<Recipient>,
    pub notes: Vec<String>,
    pub answered_left_out: usize,
}

/// One draft per recipient of `campaign` (see [`audience`] for who that
/// is; `include_answered` also writes to those who already answered).
pub fn drafts(
    store: &Store,
    program_id: i64,
    campaign: Campaign,
    which: Which,
    today: NaiveDate,
    include_answered: bool,
) -> Result<Batch> {
    crate::matching::refuse_if_confirmed_twice(store, program_id)?;
    let program = get_program(store, program_id)?;
    let settings = letters::letter_settings(store, program_id)?;
    let templates = email_templates(store, program_id)?;
    let board = dashboard(store, program_id, today)?;
    let Audience {
        recipients,
        checkins,
        notes,
        answered_left_out,
    } = audience(store, program_id, campaign, which, &board, include_answered)?;
    if recipients.is_empty() {
        let mut why = match campaign {
            Campaign::Reminder => "No pair is overdue: there is nobody to remind.".to_string(),
            Campaign::CheckIn if !checkins.is_empty() => {
                "Everyone has answered: there is nobody to ask.".to_string()
            }
            Campaign::CheckIn => format!(
                "{} is in no check-in period of the term, so there is no check-in to ask for.",
                crate::time::long_date(today)
            ),
            Campaign::Closing if !board.pairs.is_empty() => {
                "Everyone has sent their evaluation: there is nobody to write to.".to_string()
            }
            _ => "There are no confirmed pairs to write to yet. Confirm the matches first."
                .to_string(),
        };
        for note in &notes {
            why.push(' ');
            why.push_str(note);
        }
        return Err(Error::Invalid(why));
    }
    if campaign == Campaign::Reminder {
        let mut batch = reminder_drafts(&program, &settings, &templates, &board, recipients)?;
        batch.notes = notes;
        batch.answered_left_out = answered_left_out;
        return Ok(batch);
    }
    // Letters attached, made once per recipient.
    let mut pdfs: HashMap<(i64, Role), (String, Vec<u8>)> = HashMap::new();
    if campaign == Campaign::Letters {
        for (name, pdf, r) in letters::separate_pdfs(store, program_id, which, today)? {
            pdfs.insert((r.person.id, r.kind), (name, pdf));
        }
    }
    let from = sender(&program, &settings);
    let env = environment();
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for r in &recipients {
        let a = &r.person.application;
        let Some(email) = a
            .email
            .as_deref()
            .map(str::trim)
            .filter(|e| e.contains('@'))
        else {
            skipped.push(format!("{}: no email address", a.name));
            continue;
        };
        let texts = templates.texts(campaign, r.kind);
        let checkin = checkins
            .get(&r.person.id)
            .map(|c| checkin_value(c, &settings));
        let mut draft = Composer {
            env: &env,
            program: &program,
            settings: &settings,
            templates: &templates,
            checkin: &checkin,
            today,
        }
        .compose(r, email, texts, from.clone())?;
        draft.attachment = pdfs.remove(&(r.person.id, r.kind));
        let base = format!(
            "{} - {} - {}",
            campaign.file_prefix(),
            if r.kind == Role::Mentor {
                "Mentor"
            } else {
                "Participant"
            },
            letters::safe_file_name(&a.name)
        );
        out.push((unique_name(&mut used, &base), draft));
    }
    Ok(Batch {
        drafts: out,
        skipped,
        recipients,
        notes,
        answered_left_out,
    })
}

/// `BASE.eml`, or `BASE (2).eml` and on for the next of a name (in any case).
pub(super) fn unique_name(used: &mut HashMap<String, usize>, base: &str) -> String {
    let n = used.entry(base.to_lowercase()).or_insert(0);
    *n += 1;
    if *n == 1 {
        format!("{base}.eml")
    } else {
        format!("{base} ({n}).eml")
    }
}

/// The committee as the sender: its contact, when the program has one.
pub(super) fn sender(program: &Program, settings: &letters::LetterSettings) -> Option<Mailbox> {
    (!program.contact_email.trim().is_empty()).then(|| Mailbox {
        name: if program.contact_name.trim().is_empty() {
            format!("{} mentorship committee", settings.organization)
        } else {
            program.contact_name.clone()
        },
        email: program.contact_email.trim().to_string(),
    })
}

/// A check-in as the email texts name it: `label`, `starts`, `due` (dates
/// in the letters' style).
pub(super) fn checkin_value(c: &CheckIn, settings: &letters::LetterSettings) -> Value {
    json!({
        "label": c.label,
        "starts": settings.date_format.format(c.starts),
        "due": settings.date_format.format(c.due),
    })
}

/// Writes one person's email from a subject and body text: what a batch
/// does for each recipient, and what the preview shows.
pub(super) struct Composer<'a> {
    env: &'a minijinja::Environment<'static>,
    program: &'a Program,
    settings: &'a letters::LetterSettings,
    templates: &'a EmailTemplates,
    checkin: &'a Option<Value>,
    today: NaiveDate,
}

impl Composer<'_> {
    fn compose(
        &self,
        r: &Recipient,
        email: &str,
        (subject, body): (&str, &str),
        from: Option<Mailbox>,
    ) -> Result<Draft> {
        let a = &r.person.application;
        let extra = json!({
            "checkin": self.checkin,
            "evaluation_link": evaluation_link(self.templates, email),
        });
        let render = |text: &str| {
            render_text(
                self.env,
                self.program,
                self.settings,
                r,
                self.today,
                text,
                &extra,
            )
            .map_err(|p| {
                Error::Invalid(format!(
                    "The email to {} could not be written{}: {}",
                    a.name,
                    p.line.map_or(String::new(), |l| format!(" (line {l})")),
                    p.message
                ))
            })
        };
        Ok(Draft {
            to: vec![Mailbox {
                name: a.name.clone(),
                email: email.to_string(),
            }],
            from,
            subject: render(subject)?.lines().next().unwrap_or("").to_string(),
            body: render(body)?,
            attachment: None,
        })
    }
}

pub(super) fn evaluation_link(templates: &EmailTemplates, email: &str) -> Value {
    match templates.evaluation_link.trim() {
        "" => Value::Null,
        link => json!(crate::programs::with_email(link, email)),
    }
}

/// Writes one `.eml` per recipient of `campaign` into `folder` (created if
/// missing): each first as NAME.eml.partial, renamed once all are written,
/// so an interrupted run never leaves a half-written draft that looks whole.
/// `now` is the moment in the drafts' Date header (the shell reads the
/// clock); their texts speak of its day. The folder is remembered as the
/// program's drafts folder.
pub fn write_drafts(
    store: &mut Store,
    program_id: i64,
    campaign: Campaign,
    which: Which,
    now: DateTime<FixedOffset>,
    include_answered: bool,
    folder: &Path,
) -> Result<Written> {
    let today = now.date_naive();
    let Batch {
        drafts,
        skipped,
        recipients,
        notes: batch_notes,
        answered_left_out,
    } = drafts(store, program_id, campaign, which, today, include_answered)?;
    let io = |path: &Path, e: std::io::Error| Error::FileAccess {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    std::fs::create_dir_all(folder).map_err(|e| io(folder, e))?;
    let stamp = now.format("%Y%m%d%H%M%S").to_string();
    let mut partial = Vec::new();
    for (i, (name, draft)) in drafts.iter().enumerate() {
        let path = folder.join(format!("{name}.partial"));
        let id = format!("{program_id}-{stamp}-{i}");
        if let Err(e) = std::fs::write(&path, draft.to_eml(now, &id)) {
            for (written, _) in &partial {
                let _ = std::fs::remove_file(written);
            }
            return Err(io(&path, e));
        }
        partial.push((path, folder.join(name)));
    }
    for (from, to) in &partial {
        std::fs::rename(from, to).map_err(|e| io(to, e))?;
    }
    if campaign == Campaign::Letters {
        let sent: Vec<Recipient> = recipients
            .into_iter()
            .filter(|r| {
                r.person
                    .application
                    .email
                    .as_deref()
                    .is_some_and(|e| e.contains('@'))
            })
            .collect();
        letters::record_produced(
            store,
            program_id,
            &sent,
            &format!("email drafts in {}", folder.display()),
        )?;
    }
    let mut notes = batch_notes;
    if campaign == Campaign::Closing
        && email_templates(store, program_id)?
            .evaluation_link
            .trim()
            .is_empty()
    {
        notes.push("No evaluation form link is set (Letters → Email texts), so the closing emails ask people to reply with a few lines instead.".to_string());
    }
    remember_drafts_folder(store, program_id, folder)?;
    Ok(Written {
        folder: folder.display().to_string(),
        files: drafts.into_iter().map(|(name, _)| name).collect(),
        skipped,
        notes,
        answered_left_out,
    })
}

/// What a batch of drafts is: which emails, to whom, written when.
#[derive(Debug, Clone)]
pub struct DraftsOrder {
    pub campaign: Campaign,
    pub which: Which,
    /// The moment in the Date header (the shell reads the clock).
    pub now: DateTime<FixedOffset>,
    /// Also to those who already answered.
    pub include_answered: bool,
}

/// The window's one call: [`write_drafts`] into `folder` when the committee
/// chose one, else into the program's remembered drafts folder; `None` when
/// there is neither (the window then asks for a folder and calls again).
pub fn write_drafts_to_folder(
    store: &mut Store,
    program_id: i64,
    order: DraftsOrder,
    folder: Option<&Path>,
) -> Result<Option<Written>> {
    let folder = match folder {
        Some(folder) => folder.to_path_buf(),
        None => match drafts_folder(store, program_id)? {
            Some(remembered) => remembered,
            None => return Ok(None),
        },
    };
    let DraftsOrder {
        campaign,
        which,
        now,
        include_answered,
    } = order;
    write_drafts(
        store,
        program_id,
        campaign,
        which,
        now,
        include_answered,
        &folder,
    )
    .map(Some)
}
