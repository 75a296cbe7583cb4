//! The shared harness of the integration tests: the headless command and
//! the program files tests start from (`cli`), the real window under
//! WebDriver (`desktop`, its client `webdriver`), waiting on conditions (`wait`), PDFs read back
//! (`pdf`), and the files tests feed in (`fixture`, `applications`,
//! `choices`, `fuzz`).
// Each test binary uses a different part of the harness.
#![allow(dead_code)]

pub mod applications;
pub mod choices;
pub mod circles;
pub mod cli;
pub mod desktop;
pub mod fuzz;
pub mod journey;
pub mod mail;
pub mod pdf;
pub mod surveys;
pub mod wait;
pub mod webdriver;

use std::path::{Path, PathBuf};

/// A checked-in import fixture (`tests/fixtures/import/NAME`).
pub fn fixture(name: &str) -> PathBuf {
    repo_path("tests/fixtures/import").join(name)
}

/// A path in the repository, from its root.
pub fn repo_path(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

/// Where tests leave screenshots for people to look at (ignored by git).
pub fn artifacts_dir() -> PathBuf {
    repo_path("tests/artifacts")
}
