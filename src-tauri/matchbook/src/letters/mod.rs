//! Match letters: one per mentor and per participant with a confirmed match,
//! from two templates the committee edits (plain text with `{{ … }}`
//! placeholders, rendered by minijinja with strict undefined), laid out by
//! Typst into PDF and preview pages, with a log of what was produced so a
//! changed match marks its letter outdated. Also the mail-merge CSV export.
//!
//! - `settings`: templates, letterhead, signature, date format, paper, logo.
//! - `template`: placeholders, checking a template, rendering one letter.
//! - `recipients`: who gets a letter and whom it names.
//! - `greetings`: the name each letter greets by, checked by the committee.
//! - `produce`: PDFs (combined or one each) and the preview.
//! - `log`: what was produced, and which letters are outdated.
//! - `mail_merge`: the CSV of confirmed matches.

mod greetings;
mod log;
mod mail_merge;
mod produce;
mod recipients;
mod settings;
mod template;

#[cfg(test)]
mod tests;

pub use greetings::{default_greeting, greeting_name, greetings, set_greeting, Greeting};
pub use log::{letter_log, record_produced, LetterStatus};
pub use mail_merge::export_matches_csv;
#[cfg(test)]
use produce::blocks;
pub use produce::{combined_pdf, preview, safe_file_name, separate_pdfs, Preview, Produced};
pub use recipients::{recipients, recipients_of, LetterGroup, Recipient, Which};
pub(crate) use settings::decode_logo;
pub use settings::{
    letter_settings, logo_from_file, save_letter_settings, DateFormat, LetterSettings, Logo, Paper,
    DEFAULT_GROUP_TEMPLATE, DEFAULT_MENTOR_TEMPLATE, DEFAULT_PARTICIPANT_TEMPLATE,
};
#[cfg(test)]
use template::render_letter;
pub use template::{
    check_template, check_text, environment, placeholders, placeholders_for, render_context,
    render_text, Answered, Placeholder, RenderedLetter, TemplateProblem,
};
