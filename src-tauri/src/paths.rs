//! Where Matchbook keeps its files when the user has not chosen one.

use std::path::PathBuf;

/// Same identifier as `tauri.conf.json`, so the window and the command agree.
pub const APP_IDENTIFIER: &str = "org.matchbook.desktop";

/// The platform's app-data folder for Matchbook (e.g. `~/.local/share/org.matchbook.desktop`).
pub fn data_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join(APP_IDENTIFIER)
}

/// The program file used when none is named.
pub fn default_program_file() -> PathBuf {
    data_dir().join("Matchbook.sqlite")
}
