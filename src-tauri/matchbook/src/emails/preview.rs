//! An email text (saved or not) as its first recipient would get it, for
//! the committee to read before anything is written.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::audience::reminded;
use super::reminders::write_reminder;
use super::{checkin_value, sender, Campaign, Composer, EmailTemplates, Mailbox};
use crate::error::{Error, Result};
use crate::letters::{self, environment, Which};
use crate::programs::get_program;
use crate::store::Store;
use crate::tracking::{dashboard, reminder_facts};

/// One of the email texts, as the Letters screen lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmailText {
    ParticipantLetter,
    MentorLetter,
    CheckIn,
    Reminder,
    Closing,
}

/// An email as its first recipient would get it, for the committee to read
/// before anything is written.
#[derive(Debug, Clone, Serialize)]
pub struct EmailPreview {
    pub from: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    /// Whose email it is and what it would carry, in words.
    pub note: String,
}

/// The email `text` of `templates` (saved or not) as written for the first
/// person who would get it; the current check-in period, or the next one.
pub fn preview(
    store: &Store,
    program_id: i64,
    templates: &EmailTemplates,
    text: EmailText,
    today: NaiveDate,
) -> Result<EmailPreview> {
    let program = get_program(store, program_id)?;
    let settings = letters::letter_settings(store, program_id)?;
    let mailbox = |m: &Mailbox| format!("{} <{}>", m.name, m.email);
    let from = sender(&program, &settings).as_ref().map_or_else(
        || "(no committee email: set one under Programs → Edit)".to_string(),
        mailbox,
    );
    if text == EmailText::Reminder {
        // Written for a pair: the first overdue one, else the first running.
        let board = dashboard(store, program_id, today)?;
        let pair = board
            .pairs
            .iter()
            .find(|p| reminded(p))
            .or_else(|| board.pairs.iter().find(|p| p.running))
            .ok_or_else(|| {
                Error::Invalid(
                    "There is no running pair to preview this email with yet: confirm the matches first."
                        .into(),
                )
            })?;
        let (_, facts) = reminder_facts(store, pair.match_id, today)?;
        let (subject, body) =
            write_reminder(&environment(), &program, &settings, templates, &facts)?;
        return Ok(EmailPreview {
            from,
            to: facts.to().join(", "),
            subject,
            body,
            note: format!(
                "As {} and {} would get it; each overdue pair gets its own.",
                facts.participant.name, facts.mentor.name
            ),
        });
    }
    let (campaign, which, completed) = match text {
        EmailText::ParticipantLetter => (Campaign::Letters, Which::Participants, false),
        EmailText::MentorLetter => (Campaign::Letters, Which::Mentors, false),
        EmailText::CheckIn => (Campaign::CheckIn, Which::Participants, false),
        // Written for a pair (above); listed so every text has its campaign.
        EmailText::Reminder => (Campaign::Reminder, Which::Participants, false),
        EmailText::Closing => (Campaign::Closing, Which::Participants, true),
    };
    let recipients = letters::recipients_of(store, program_id, which, completed)?;
    let Some((r, email)) = recipients.iter().find_map(|r| {
        let email = r.person.application.email.as_deref()?.trim();
        email.contains('@').then_some((r, email))
    }) else {
        return Err(Error::Invalid(
            "There is nobody to preview this email with yet: confirm the matches first.".into(),
        ));
    };
    let board = dashboard(store, program_id, today)?;
    // The check-in asked about now (as the screen lists it), else the next.
    let checkin = board
        .pairs
        .iter()
        .find_map(|p| p.survey_checkin())
        .or_else(|| {
            board
                .pairs
                .iter()
                .flat_map(|p| p.checkins.iter())
                .filter(|c| today <= c.due)
                .min_by_key(|c| c.due)
        })
        .map(|c| checkin_value(c, &settings));
    let env = environment();
    let draft = Composer {
        env: &env,
        program: &program,
        settings: &settings,
        templates,
        checkin: &checkin,
        today,
    }
    .compose(
        r,
        email,
        templates.texts(campaign, r.kind),
        sender(&program, &settings),
    )?;
    let mut note = format!(
        "As {} would get it; each person gets their own.",
        r.person.application.name
    );
    if campaign == Campaign::Letters {
        note.push_str(" Their letter is attached as a PDF.");
    }
    Ok(EmailPreview {
        from,
        to: draft.to.iter().map(mailbox).collect::<Vec<_>>().join(", "),
        subject: draft.subject,
        body: draft.body,
        note,
    })
}
