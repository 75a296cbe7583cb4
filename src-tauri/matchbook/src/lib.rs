//! Matchbook's functional core: the program file and every rule of the
//! mentorship workflow. No windows, no Tauri: the desktop shell and the
//! `matchbook` command both call these functions and render what they return.
//!
//! - [`store`]: opening, locking, migrating and copying the program file.
//! - [`programs`]: cohorts and their details.
//! - [`people`]: mentors and participants with their application answers.
//! - [`import`]: application spreadsheets in, every row accounted for.
//! - [`letters`]: match letters from committee-edited templates, laid out by Typst; mail-merge CSV.
//! - [`matching`]: scores, hard rules, the optimal assignment, proposals and confirmation.
//! - [`tracking`]: the 18 months after matching: goals, meetings, check-ins, reminders, reports.
//! - [`archive`]: "Export everything" to readable CSV + lossless JSON, and back.
//! - [`sample`]: the fictional cohort behind "Explore with sample data".

pub mod archive;
pub mod error;
pub mod import;
pub mod letters;
pub mod matching;
pub mod output;
pub mod people;
pub mod programs;
pub mod sample;
pub mod store;
pub mod time;
pub mod tracking;
#[cfg(test)]
mod ui_contract;

pub use error::{Error, Result};
pub use store::Store;
