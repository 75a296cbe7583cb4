//! Sharing a program through a folder, in the window: File > Share This
//! Program… and Join a Shared Program…, the held file's "Share through this
//! folder", syncing (on a timer and when asked), the Activity page and
//! conflicts. Each command calls the core's `share` or `activity`.

use std::path::{Path, PathBuf};

use matchbook::activity::{self, Entry};
use matchbook::share::{self, conflicts::Conflict, Status, SyncReport};
use matchbook::Store;
use serde::Serialize;
use tauri::{AppHandle, Manager, State};

use super::file::{info, switch_to, AppInfo};
use super::save::folder_target;
use super::{lock, run_blocking, with_store, AppState, CommandResult};
use crate::paths;

/// The Activity page: who did what, and, once shared, the committee's
/// computers and the conflicts to settle.
#[derive(Serialize)]
pub struct ActivityView {
    shared: Option<Status>,
    entries: Vec<Entry>,
    conflicts: Vec<Conflict>,
    /// Per program, matchings two members confirmed at once.
    matchings: Vec<matchbook::matching::ProgramMatchings>,
}

fn view(store: &Store) -> matchbook::Result<ActivityView> {
    let shared = match share::sharing(store)? {
        Some(_) => Some(share::status(store)?),
        None => None,
    };
    Ok(ActivityView {
        shared,
        entries: activity::list(store, 200)?,
        conflicts: share::conflicts::list(store)?,
        matchings: matchbook::matching::confirmed_twice_in_file(store)?,
    })
}

#[tauri::command]
pub fn activity_page(state: State<'_, AppState>) -> CommandResult<ActivityView> {
    with_store(&state, |store| view(store))
}

/// Applies what other members' computers wrote and publishes this one's;
/// None when the file is not shared.
#[tauri::command]
pub fn sync_shared(state: State<'_, AppState>) -> CommandResult<Option<SyncReport>> {
    with_store(&state, |store| match share::sharing(store)? {
        Some(_) => share::sync(store).map(Some),
        None => Ok(None),
    })
}

#[tauri::command]
pub fn resolve_conflict(
    state: State<'_, AppState>,
    id: i64,
    keep: String,
) -> CommandResult<ActivityView> {
    with_store(&state, |store| {
        share::conflicts::resolve(store, id, &keep)?;
        view(store)
    })
}

#[tauri::command]
pub fn keep_matching(
    state: State<'_, AppState>,
    program_id: i64,
    version_id: i64,
) -> CommandResult<ActivityView> {
    with_store(&state, |store| {
        matchbook::matching::keep_confirmation(store, program_id, version_id)?;
        view(store)
    })
}

/// The folder made inside the committee's shared folder for this program file.
fn share_folder(parent: &Path, file: &Path) -> PathBuf {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "Matchbook".into());
    parent.join(format!("{stem} (shared by Matchbook)"))
}

/// Shares the open program file: in the folder of the held file when
/// `in_held_folder` (after keeping the file on this computer), else in a
/// folder the member chooses. None when the folder dialog was cancelled.
#[tauri::command]
pub async fn share_this_program(
    app: AppHandle,
    member: String,
    in_held_folder: bool,
) -> CommandResult<Option<AppInfo>> {
    run_blocking(move || {
        let parent = if in_held_folder {
            let held = {
                let state = app.state::<AppState>();
                let file = lock(&state.file);
                file.held.as_ref().map(|h| h.path().to_path_buf())
            }
            .ok_or_else(|| "There is no program file waiting to be shared any more.".to_string())?;
            let folder = held.parent().map(Path::to_path_buf).unwrap_or_default();
            // The live file stays on this computer; only changes go to the folder.
            let copy = if held.exists() {
                matchbook::store::copy_into_folder(&held, &paths::data_dir())
            } else {
                matchbook::store::unused_path_in(
                    &paths::data_dir(),
                    &held.file_name().unwrap_or_default().to_string_lossy(),
                )
            }
            .map_err(|e| e.to_string())?;
            switch_to(&app, &copy)?;
            folder
        } else {
            match folder_target(
                &app,
                "Choose the folder your committee shares (Dropbox, OneDrive, Google Drive…)",
            )? {
                Some(folder) => folder,
                None => return Ok(None),
            }
        };
        let state = app.state::<AppState>();
        with_store(&state, |store| {
            let folder = share_folder(&parent, store.path());
            share::init(store, &folder, &member)
        })?;
        Ok(Some(info(&app)))
    })
    .await
}

/// Joins a shared program: the member picks its folder; a new program file
/// in Matchbook's folder is filled from it and opened. None when cancelled.
#[tauri::command]
pub async fn join_shared_program(app: AppHandle, member: String) -> CommandResult<Option<AppInfo>> {
    run_blocking(move || {
        let Some(folder) = folder_target(
            &app,
            "Choose the shared program's folder (it holds share.json)",
        )?
        else {
            return Ok(None);
        };
        let name = folder
            .file_name()
            .map(|n| n.to_string_lossy().replace(" (shared by Matchbook)", ""))
            .unwrap_or_else(|| "Shared program".into());
        let path =
            matchbook::store::unused_path_in(&paths::data_dir(), &format!("{name}.matchbook"))
                .map_err(|e| e.to_string())?;
        let joined =
            Store::open(&path).and_then(|mut store| share::join(&mut store, &folder, &member));
        if let Err(e) = joined {
            for suffix in ["", "-wal", "-shm", ".lock"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
            return Err(e.to_string());
        }
        switch_to(&app, &path)?;
        Ok(Some(info(&app)))
    })
    .await
}
