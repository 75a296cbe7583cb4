//! Writing the files the committee saves (PDFs, CSVs, calendars).

use std::path::Path;

use crate::error::{Error, Result};

/// Writes `bytes` to `path` through a `.partial` file renamed into place, so
/// a crash or a full disk never leaves a half-written file under the real name.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut partial_name = path.file_name().unwrap_or_default().to_os_string();
    partial_name.push(".partial");
    let partial = path.with_file_name(partial_name);
    std::fs::write(&partial, bytes)
        .and_then(|_| std::fs::rename(&partial, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&partial);
            Error::FileAccess {
                path: path.to_path_buf(),
                detail: e.to_string(),
            }
        })
}
