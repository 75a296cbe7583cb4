//! Matchbook's functional core: the program file and every rule of the
//! mentorship workflow. No windows, no Tauri: the desktop shell and the
//! `matchbook` command both call these functions and render what they return.
//!
//! - [`store`]: opening, locking, migrating and copying the program file.
//! - [`programs`]: cohorts and their details.
//! - [`people`]: mentors and participants with their application answers.
//! - [`questions`]: the typed questions of each program's forms.
//! - [`import`]: application spreadsheets in, every row accounted for
//!   (read, detect, analyse, write, history).
//! - [`matching`]: scores, hard rules, the optimal assignment, proposals and confirmation.
//! - [`letters`]: match letters from committee-edited templates, laid out by Typst; mail-merge CSV.
//! - [`booklet`]: the mentor booklet participants choose from, typeset like the letters.
//! - [`choices`]: ranked choices of mentors (or of participants) imported from a form.
//! - [`tracking`]: the 18 months after matching: goals, meetings, check-ins, reminders, reports.
//! - [`archive`]: "Export everything" to readable CSV + lossless JSON, and back.
//! - [`sample`]: the fictional cohort behind "Explore with sample data".
//! - [`share`]: a committee sharing a program file through a folder, no server.
//! - [`activity`]: who did what, when, on which computer (the change log).
//!
//! Shared leaf modules, each the one owner of its job:
//!
//! - [`output`]: files written via `.partial` then renamed; the formula-safe
//!   CSV-with-BOM writer every spreadsheet export uses.
//! - [`typeset`]: the Typst world and embedded fonts, for letters and reports.
//! - [`identity`]: recognising a person: email addresses, answers that name
//!   nobody, finding someone by email or name.
//! - [`location`]: whether a file is in a cloud-synced folder or on a
//!   network drive, where Matchbook does not run its program file.
//! - [`time`], [`error`], [`text`]: timestamps and "today"; the one error
//!   type; capitalising a sentence.
//! - [`parallel`]: independent pieces of work over the computer's cores.
//! - [`term`]: a program's term cut into check-in periods, which `surveys`
//!   files answers by and `tracking` follows pairs with.

pub mod activity;
#[cfg(test)]
mod architecture;
pub mod archive;
pub mod booklet;
pub mod choices;
pub mod dates;
pub mod eligibility;
pub mod emails;
pub mod error;
pub mod formkit;
pub mod identity;
pub mod import;
pub mod letters;
pub mod location;
pub mod matching;
pub mod output;
pub mod parallel;
pub mod people;
pub mod person_data;
pub mod programs;
pub mod questions;
pub mod retention;
pub mod returning;
pub mod sample;
pub mod share;
pub mod store;
pub mod surveys;
pub mod term;
#[cfg(test)]
pub(crate) mod test_support;
pub mod text;
pub mod time;
pub mod tracking;
pub mod typeset;
#[cfg(test)]
mod ui_contract;

pub use error::{Error, Result};
pub use store::Store;
