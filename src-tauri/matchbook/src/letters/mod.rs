//! Match letters: one per mentor and per participant with a confirmed match
//! (and one per member of a confirmed group or peer circle), from the
//! templates the committee edits (plain text with `{{ … }}`
//! placeholders, rendered by minijinja with strict undefined), laid out by
//! Typst into PDF and preview pages, with a log of what was produced so a
//! changed match marks its letter outdated. Also the mail-merge CSV export.
//!
//! - `settings`: templates, letterhead, signature, date format, paper, logo.
//! - `kinds`: the letters a program prints (participant, mentor, group),
//!   each checked before the settings are saved.
//! - `template`: checking a template, rendering one letter.
//! - `placeholders`: the palette's placeholders and the letters they work in.
//! - `recipients`: who gets a letter and whom it names.
//! - `greeting_names`: the name each letter greets by.
//! - `greetings`: every greeting, checked and corrected by the committee.
//! - `produce`: PDFs (combined or one each) and the preview.
//! - `log`: what was produced, and which letters are outdated.
//! - `mail_merge`: the CSV of confirmed matches.

mod greeting_names;
mod greetings;
mod kinds;
mod log;
mod mail_merge;
mod placeholders;
mod produce;
mod recipients;
mod settings;
mod template;

#[cfg(test)]
mod group_tests;
#[cfg(test)]
mod tests;

pub use greeting_names::{default_greeting, greeting_name};
pub use greetings::{greetings, set_greeting, Greeting};
pub use kinds::{
    check_letter, check_letter_text, letters_for, save_letter_settings, set_letter_text,
    LetterChoice, LetterKind,
};
pub use log::{letter_log, record_produced, LetterStatus};
pub use mail_merge::export_matches_csv;
pub use placeholders::{placeholders, placeholders_for, Answered, Placeholder};
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
    check_template, check_text, environment, render_context, render_text, RenderedLetter,
    TemplateProblem,
};
