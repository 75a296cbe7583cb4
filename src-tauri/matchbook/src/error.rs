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

    /// A program file whose content is cut short or unreadable.
    #[error("{} is damaged: {reason}, as a failed copy or a full disk leaves a file. It was left untouched. {}", path.display(), match newest_backup {
        Some((backup, made_at)) => format!("The newest backup beside it is from {made_at}: open {} instead (or restore it), and check what was changed after that time.", backup.display()),
        None => "There is no backup beside it; if you have a copy elsewhere (a USB stick, a shared drive, an email), open that one.".to_string(),
    })]
    Damaged {
        path: PathBuf,
        reason: String,
        /// The newest backup in the backups folder beside it, and when it was made.
        newest_backup: Option<(PathBuf, String)>,
    },

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
