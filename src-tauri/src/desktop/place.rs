//! A program file asked for in a cloud-synced folder or on a network drive
//! (`matchbook::location`): it is not opened. The window shows what was
//! found and why, and offers to keep the file on this computer: a copy in
//! Matchbook's own folder or one the user chooses, which is then opened.
//! Or to share through the folder (`share`): the file is kept on this
//! computer and only its changes go to the folder.

use std::path::{Path, PathBuf};

use matchbook::location::{self, Location};
use serde::Serialize;
use tauri::{AppHandle, Manager};

use super::file::{file_changed, info, switch_to, AppInfo};
use super::save::folder_target;
use super::{lock, run_blocking, AppState, CommandResult};
use crate::paths;

/// A program file not opened for where it is.
pub(super) struct HeldFile {
    path: PathBuf,
    location: Location,
}

/// What the window shows about a held file.
#[derive(Serialize, Clone)]
pub struct HeldView {
    file_name: String,
    path: String,
    /// In a few words: "a Dropbox folder", "a network drive (SMB)".
    place: String,
    /// The sync service ("Dropbox"), or none for a network drive.
    service: Option<String>,
    /// What Matchbook found, and why it does not work on the file there.
    found: String,
    why: String,
    /// The file does not exist yet: New program file… chose this place.
    new_file: bool,
    /// Matchbook's own folder, where "Keep the file on this computer" puts
    /// it; none when that folder is in such a place too.
    local_folder: Option<String>,
    /// The program file that stays open behind the explanation, if any.
    back_to: Option<String>,
}

/// The file at `path`, held, when it is in a cloud-synced folder or on a
/// network drive (unless the user allowed that with `--allow-synced-folder`).
pub(super) fn held_if_unsafe(path: &Path, allowed: bool) -> Option<HeldFile> {
    if allowed {
        return None;
    }
    let location = location::examine(path);
    (!location.is_local()).then(|| HeldFile {
        path: path.to_path_buf(),
        location,
    })
}

impl HeldFile {
    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    pub(super) fn view(&self, open: Option<&Path>) -> HeldView {
        let name = file_name(&self.path);
        let local = paths::data_dir();
        HeldView {
            file_name: name.clone(),
            path: self.path.display().to_string(),
            place: self.location.place(),
            service: match &self.location {
                Location::Synced { service, .. } => Some(service.clone()),
                _ => None,
            },
            found: self.location.found(&self.path),
            why: self.location.why().to_string(),
            new_file: !self.path.exists(),
            local_folder: location::examine(&local.join(&name))
                .is_local()
                .then(|| local.display().to_string()),
            back_to: open.map(file_name),
        }
    }
}

impl HeldView {
    /// Another program file stays open behind the explanation.
    pub(super) fn has_file_behind(&self) -> bool {
        self.back_to.is_some()
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "Matchbook.matchbook".into())
}

/// "Keep the file on this computer": copies the held file (or, for a new
/// one, makes it) in Matchbook's folder, or in a folder the user chooses
/// (`choose_folder`), and opens it there. None when the choice was cancelled.
#[tauri::command]
pub async fn keep_on_this_computer(
    app: AppHandle,
    choose_folder: bool,
) -> CommandResult<Option<AppInfo>> {
    run_blocking(move || {
        let held = {
            let state = app.state::<AppState>();
            let file = lock(&state.file);
            file.held.as_ref().map(|h| h.path.clone())
        }
        .ok_or_else(|| "There is no program file waiting to be moved any more.".to_string())?;
        let folder = if choose_folder {
            let chosen =
                folder_target(&app, "Choose a folder on this computer for the program file")?;
            match chosen {
                Some(folder) => folder,
                None => return Ok(None),
            }
        } else {
            paths::data_dir()
        };
        let name = file_name(&held);
        let there = location::examine(&folder.join(&name));
        if !there.is_local() {
            return Err(format!(
                "{} is {} too, so the file would not be safe there either. Choose a folder on this computer's own disk.",
                folder.display(),
                there.place()
            ));
        }
        let target = if held.exists() {
            matchbook::store::copy_into_folder(&held, &folder)
        } else {
            matchbook::store::unused_path_in(&folder, &name)
        }
        .map_err(|e| e.to_string())?;
        switch_to(&app, &target)?;
        Ok(Some(info(&app)))
    })
    .await
}

/// Leaves the held file where it is and goes back to the file still open.
#[tauri::command]
pub fn dismiss_held_file(app: AppHandle) -> CommandResult<AppInfo> {
    {
        let state = app.state::<AppState>();
        let mut file = lock(&state.file);
        if file.store.is_none() {
            return Err(
                "No other program file is open; open one, or keep this one on this computer."
                    .into(),
            );
        }
        file.held = None;
    }
    Ok(file_changed(&app))
}
