//! Errors of the core. Each one reads as a sentence for the committee: what
//! went wrong, where, and what to do.

use std::path::PathBuf;

/// Everything the core can refuse or fail at.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{} is not a SQLite file, so it cannot be a Matchbook program file. Choose a file that Matchbook created (it usually ends in .sqlite).", .0.display())]
    NotSqlite(PathBuf),

    #[error("{} is a database of another program, not a Matchbook program file. It was left untouched; choose a file that Matchbook created.", .0.display())]
    NotMatchbook(PathBuf),

    #[error("{} was saved by a newer version of Matchbook (file version {file_version}, this Matchbook reads up to {supported}). It was left untouched; install the newer Matchbook to open it.", path.display())]
    TooNew {
        path: PathBuf,
        file_version: i32,
        supported: i32,
    },

    #[error("{} is already open in another Matchbook window or command. Close the other one first, or open a different file.", .0.display())]
    AlreadyOpen(PathBuf),

    #[error("{} is in a read-only location, so Matchbook opened it read-only and cannot save changes to it. To work on it, save a copy (File > Save a Copy…) in a folder you can write to, and open the copy.", .0.display())]
    ReadOnly(PathBuf),

    #[error("Could not use {}: {detail}. Check that the folder exists and that you may write to it.", path.display())]
    FileAccess { path: PathBuf, detail: String },

    #[error("Updating the program file to version {version} failed ({detail}); the file was left as it was.")]
    Migration { version: i32, detail: String },

    #[error("{0}")]
    Invalid(String),

    #[error("{0}")]
    NotFound(String),

    #[error("The program file could not be read or written: {0}")]
    Sql(#[from] rusqlite::Error),
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
