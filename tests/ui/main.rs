//! End-to-end tests of the real Matchbook window over WebDriver, in one test
//! binary. Each test starts its own display, driver and data folder
//! (`support::desktop`); the harness lets `UI_TEST_WINDOWS` of them (1
//! unless set) drive a window at a time, whatever libtest's thread count.
//! A failure reads as `MODULE::test_name`, e.g. `backups::back_up_change_and_restore_from_the_window`.

#[path = "../support/mod.rs"]
mod support;

mod backups;
mod booklet;
mod choices;
mod crash;
mod files;
mod forms;
mod groups;
mod hostile;
mod import;
mod journey;
mod letters;
mod matching;
mod nextyear;
mod programs;
mod startup;
mod surveys;
mod synced;
mod term_walk;
mod tracking;
mod writing;
