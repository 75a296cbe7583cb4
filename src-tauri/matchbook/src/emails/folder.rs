//! The folder a program's email drafts go into, remembered per program so
//! the quarterly drafts do not ask for it each time.

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::programs::{set_setting, setting};
use crate::store::Store;

const KEY: &str = "drafts_folder";

/// The folder the program's last drafts went into, while it still exists.
pub fn drafts_folder(store: &Store, program_id: i64) -> Result<Option<PathBuf>> {
    Ok(setting(store, program_id, KEY)?
        .and_then(|json| serde_json::from_str::<PathBuf>(&json).ok())
        .filter(|path| path.is_dir()))
}

/// Remembers `folder` as where the program's drafts go.
pub fn remember_drafts_folder(store: &mut Store, program_id: i64, folder: &Path) -> Result<()> {
    set_setting(store, program_id, KEY, &folder)
}
