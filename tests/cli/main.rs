//! Every integration test that runs without a window, in one test binary (one
//! link of the dependency tree): black-box tests of the headless `matchbook`
//! command, crash safety, privacy, and the fuzz corpus replay. A failure
//! reads as `MODULE::test_name`, e.g. `import::dry_run_changes_nothing`.

#[path = "../support/mod.rs"]
mod support;

mod accessible_pdfs;
mod booklet;
mod choices;
mod circle_emails;
mod circle_libraries;
mod circles;
mod crash;
mod criteria;
mod emails;
mod formkit;
mod forms;
mod fuzz_corpus;
mod group_letters;
mod import;
mod letters;
mod matching;
mod nextyear;
mod privacy;
mod program;
mod share;
mod surveys;
mod synced;
mod term;
mod term_walk;
mod tracking;
mod writing;
