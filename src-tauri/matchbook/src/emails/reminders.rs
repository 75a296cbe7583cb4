//! Reminders to overdue pairs: one email to both people of a pair, in the
//! committee's "Reminder to an overdue pair" text, written from where the
//! pair stands (`ReminderFacts`); the Tracking screen's reminder is the same.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::audience::reminded;
use super::{email_templates, sender, unique_name, Batch, Draft, EmailTemplates, Mailbox};
use crate::error::{Error, Result};
use crate::letters::{self, environment, render_context, Recipient};
use crate::programs::Program;
use crate::store::Store;
use crate::tracking::{reminder_facts, Reminder, ReminderFacts};

/// One draft per overdue pair, to both of them: the committee's reminder text.
pub(super) fn reminder_drafts(
    program: &Program,
    settings: &letters::LetterSettings,
    templates: &EmailTemplates,
    board: &crate::tracking::Dashboard,
    recipients: Vec<Recipient>,
) -> Result<Batch> {
    let env = environment();
    let from = sender(program, settings);
    let mut drafts = Vec::new();
    let mut skipped = Vec::new();
    let mut used: HashMap<String, usize> = HashMap::new();
    // The recipients carry each person's greeting in place of the preferred name.
    let greeting = |id: i64| {
        recipients
            .iter()
            .find(|r| r.person.id == id)
            .map(|r| r.person.application.preferred_name.clone())
            .unwrap_or_default()
    };
    for pair in board.pairs.iter().filter(|p| reminded(p)) {
        let facts = ReminderFacts::of(
            pair,
            greeting(pair.participant_id),
            greeting(pair.mentor_id),
        );
        let to: Vec<Mailbox> = [&facts.participant, &facts.mentor]
            .into_iter()
            .filter_map(|p| {
                let email = p.email.as_deref()?.trim();
                email.contains('@').then(|| Mailbox {
                    name: p.name.clone(),
                    email: email.to_string(),
                })
            })
            .collect();
        if to.is_empty() {
            skipped.push(format!(
                "{} and {}: no email address",
                facts.participant.name, facts.mentor.name
            ));
            continue;
        }
        let (subject, body) = write_reminder(&env, program, settings, templates, &facts)?;
        let base = format!(
            "Reminder - {}",
            letters::safe_file_name(&format!(
                "{} and {}",
                facts.participant.name, facts.mentor.name
            ))
        );
        drafts.push((
            unique_name(&mut used, &base),
            Draft {
                to,
                from: from.clone(),
                subject,
                body,
                attachment: None,
            },
        ));
    }
    Ok(Batch {
        drafts,
        skipped,
        recipients,
        notes: Vec::new(),
        answered_left_out: 0,
    })
}

/// A pair's reminder in the committee's words: subject and text.
pub(super) fn write_reminder(
    env: &minijinja::Environment<'static>,
    program: &Program,
    settings: &letters::LetterSettings,
    templates: &EmailTemplates,
    facts: &ReminderFacts,
) -> Result<(String, String)> {
    let context = facts.context(program, |d| settings.date_format.format(d));
    let who = format!("{} and {}", facts.participant.name, facts.mentor.name);
    let render = |text: &str| {
        render_context(env, text, &context, &who).map_err(|p| {
            Error::Invalid(format!(
                "The reminder to {who} could not be written{}: {} Fix it under Letters → Email texts → Reminder to an overdue pair.",
                p.line.map_or(String::new(), |l| format!(" (line {l})")),
                p.message
            ))
        })
    };
    let subject = render(&templates.reminder_subject)?
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    Ok((
        subject,
        render(&templates.reminder_body)?.trim().to_string(),
    ))
}

/// The reminder for one pair (due, overdue or simply running), in the
/// committee's words: what the Tracking screen shows to copy or open.
pub fn pair_reminder(store: &Store, match_id: i64, as_of: NaiveDate) -> Result<Reminder> {
    let (program, facts) = reminder_facts(store, match_id, as_of)?;
    let templates = email_templates(store, program.id)?;
    let settings = letters::letter_settings(store, program.id)?;
    let (subject, body) = write_reminder(&environment(), &program, &settings, &templates, &facts)?;
    Ok(Reminder {
        to: facts.to(),
        subject,
        body,
    })
}
