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

/// The program file used when none is named: `Matchbook.matchbook` in the
/// app-data folder, or the `Matchbook.sqlite` someone already has there
/// (never a second, empty file beside their data).
pub fn default_program_file() -> PathBuf {
    let dir = data_dir();
    let earlier = dir.join("Matchbook.sqlite");
    if earlier.exists() {
        earlier
    } else {
        dir.join("Matchbook.matchbook")
    }
}

/// A Matchbook program file by its name: `.matchbook`, or `.sqlite` as
/// earlier versions named them. What a double-click or a drop hands over.
pub fn is_program_file(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("matchbook") || e.eq_ignore_ascii_case("sqlite"))
}
