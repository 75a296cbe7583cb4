//! Match letters: one per mentor and per participant with a confirmed match,
//! from two templates the committee edits (plain text with `{{ … }}`
//! placeholders, rendered by minijinja with strict undefined), laid out by
//! Typst into PDF and preview pages, with a log of what was produced so a
//! changed match marks its letter outdated. Also the mail-merge CSV export.
//!
//! - `settings`: templates, letterhead, signature, date format, paper, logo
//!   (saved here, above both, since saving checks the templates).
//! - `template`: placeholders, checking a template, rendering one letter.
//! - `recipients`: who gets a letter and whom it names.
//! - `greeting_names`: the name each letter greets by.
//! - `greetings`: every greeting, checked and corrected by the committee.
//! - `produce`: PDFs (combined or one each) and the preview.
//! - `log`: what was produced, and which letters are outdated.
//! - `mail_merge`: the CSV of confirmed matches.

mod greeting_names;
mod greetings;
mod log;
mod mail_merge;
mod produce;
mod recipients;
mod settings;
mod template;

#[cfg(test)]
mod tests;

use crate::error::{Error, Result};
use crate::people::Role;
use crate::programs::get_program;
use crate::store::Store;

pub use greeting_names::{default_greeting, greeting_name};
pub use greetings::{greetings, set_greeting, Greeting};
pub use log::{letter_log, record_produced, LetterStatus};
pub use mail_merge::export_matches_csv;
#[cfg(test)]
use produce::blocks;
pub use produce::{combined_pdf, preview, safe_file_name, separate_pdfs, Preview, Produced};
pub use recipients::{recipients, recipients_of, LetterGroup, Recipient, Which};
pub(crate) use settings::decode_logo;
pub use settings::{
    letter_settings, logo_from_file, DateFormat, LetterSettings, Logo, Paper,
    DEFAULT_GROUP_TEMPLATE, DEFAULT_MENTOR_TEMPLATE, DEFAULT_PARTICIPANT_TEMPLATE,
};
#[cfg(test)]
use template::render_letter;
pub use template::{
    check_template, check_text, environment, placeholders, placeholders_for, render_context,
    render_text, Answered, Placeholder, RenderedLetter, TemplateProblem,
};

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
    crate::programs::set_setting(store, program_id, settings::SETTINGS_KEY, settings)?;
    letter_settings(store, program_id)
}
