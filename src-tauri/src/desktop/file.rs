//! The file session: which program file is open, switching to another (New,
//! Open, Open Recent), Save a Copy, Export Everything, and the recent-files
//! list kept in the app-data folder.

use std::path::{Path, PathBuf};

use matchbook::Store;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_dialog::DialogExt;

use super::menu::refresh_chrome;
use super::place::{held_if_unsafe, HeldFile, HeldView};
use super::save::dialog_path;
use super::{lock, run_blocking, with_store, AppState, CommandResult};
use crate::paths;

const MAX_RECENT: usize = 8;

/// The program file the window works on, or why it could not be opened.
pub(super) struct OpenFile {
    pub(super) store: Option<Store>,
    pub(super) path: PathBuf,
    pub(super) error: Option<String>,
    /// When the last file asked for was damaged and has an intact backup:
    /// that file, the backup and when it was made.
    pub(super) damaged: Option<DamagedFile>,
    /// A file asked for in a cloud-synced folder or on a network drive: not
    /// opened; the window explains why and offers to keep it on this computer.
    pub(super) held: Option<HeldFile>,
}

pub(super) struct DamagedFile {
    path: PathBuf,
    backup: PathBuf,
    made_at: String,
}

impl DamagedFile {
    fn of(error: &matchbook::Error) -> Option<DamagedFile> {
        match error {
            matchbook::Error::Damaged {
                path,
                newest_backup: Some((backup, made_at)),
                ..
            } => Some(DamagedFile {
                path: path.clone(),
                backup: backup.clone(),
                made_at: made_at.clone(),
            }),
            _ => None,
        }
    }
}

/// What the interface needs to know about the open file.
#[derive(Serialize, Clone)]
pub struct AppInfo {
    version: String,
    path: String,
    pub(super) file_name: String,
    /// Why the file could not be opened; the interface offers another file.
    pub(super) error: Option<String>,
    pub(super) recent: Vec<String>,
    schema_version: i32,
    /// The file is in a place that cannot be written: shown, not changed.
    read_only: bool,
    /// The file last asked for is damaged; a copy of its backup from this
    /// time can be opened instead (`open_backup_copy`).
    offered_backup: Option<String>,
    /// The file asked for is in a cloud-synced folder or on a network drive
    /// and was not opened: what was found and the ways on.
    pub(super) held: Option<HeldView>,
}

/// The file the window opens on: `db`, or the most recently used file that
/// still exists, or the default program file; with the recent-files list.
pub(super) fn open_at_start(db: Option<PathBuf>, allow_synced: bool) -> (OpenFile, Vec<PathBuf>) {
    let mut recent = load_recent();
    let path = db.unwrap_or_else(|| {
        recent
            .iter()
            .find(|p| p.exists())
            .cloned()
            .unwrap_or_else(paths::default_program_file)
    });
    if let Some(held) = held_if_unsafe(&path, allow_synced) {
        let file = OpenFile {
            store: None,
            path,
            error: None,
            damaged: None,
            held: Some(held),
        };
        return (file, recent);
    }
    let (store, error, damaged) = match Store::open(&path) {
        Ok(store) => (Some(store), None, None),
        Err(e) => (None, Some(e.to_string()), DamagedFile::of(&e)),
    };
    let path = store
        .as_ref()
        .map(|s| s.path().to_path_buf())
        .unwrap_or(path);
    if store.is_some() {
        remember(&mut recent, &path);
        save_recent(&recent);
    }
    (
        OpenFile {
            store,
            path,
            error,
            damaged,
            held: None,
        },
        recent,
    )
}

pub(super) fn info(app: &AppHandle) -> AppInfo {
    let state = app.state::<AppState>();
    let file = lock(&state.file);
    let recent = lock(&state.recent);
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        path: file.path.display().to_string(),
        file_name: file
            .path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default(),
        error: file.error.clone(),
        recent: recent.iter().map(|p| p.display().to_string()).collect(),
        schema_version: file
            .store
            .as_ref()
            .and_then(|s| s.schema_version().ok())
            .unwrap_or(0),
        read_only: file.store.as_ref().is_some_and(|s| s.is_read_only()),
        offered_backup: file.damaged.as_ref().map(|d| d.made_at.clone()),
        held: file
            .held
            .as_ref()
            .map(|h| h.view(file.store.as_ref().map(|s| s.path()))),
    }
}

/// A damaged file's newest backup, copied beside it as a new program file
/// and opened; the damaged file and the backup are left as they are.
#[tauri::command]
pub async fn open_backup_copy(app: AppHandle) -> CommandResult<AppInfo> {
    run_blocking(move || {
        let (damaged, backup, made_at) = {
            let state = app.state::<AppState>();
            let file = lock(&state.file);
            let d = file
                .damaged
                .as_ref()
                .ok_or_else(|| "There is no damaged file to recover any more.".to_string())?;
            (d.path.clone(), d.backup.clone(), d.made_at.clone())
        };
        let copy = matchbook::store::backups::copy_backup_beside(&damaged, &backup, &made_at)
            .map_err(|e| e.to_string())?;
        switch_to(&app, &copy)?;
        Ok(info(&app))
    })
    .await
}

/// After the open file changed: title and menu follow, the interface hears of it.
pub(super) fn file_changed(app: &AppHandle) -> AppInfo {
    refresh_chrome(app);
    let current = info(app);
    let _ = app.emit("program-file-changed", current.clone());
    current
}

#[tauri::command]
pub fn app_info(app: AppHandle) -> AppInfo {
    info(&app)
}

/// File > New program file…: the interface gets the new file's info, or null when cancelled.
#[tauri::command]
pub async fn new_program_file(app: AppHandle) -> CommandResult<Option<AppInfo>> {
    run_blocking(move || new_file_flow(&app)).await
}

#[tauri::command]
pub async fn open_program_file(app: AppHandle) -> CommandResult<Option<AppInfo>> {
    run_blocking(move || open_file_flow(&app)).await
}

/// Opens the recent file at `index` of the list the interface was given;
/// an index rather than a path, so paths reach Rust only from dialogs.
#[tauri::command]
pub async fn open_recent_file(app: AppHandle, index: usize) -> CommandResult<AppInfo> {
    let path = recent_path(&app, index)
        .ok_or_else(|| "That file is no longer in the recent list.".to_string())?;
    run_blocking(move || switch_to(&app, &path).map(|_| info(&app))).await
}

#[tauri::command]
pub async fn save_copy(app: AppHandle) -> CommandResult<Option<String>> {
    run_blocking(move || save_copy_flow(&app)).await
}

/// The recent file at `index`, if the list still has one there.
pub(super) fn recent_path(app: &AppHandle, index: usize) -> Option<PathBuf> {
    lock(&app.state::<AppState>().recent).get(index).cloned()
}

/// New program files are `NAME.matchbook` (SQLite inside).
fn with_program_extension(mut path: PathBuf) -> PathBuf {
    if path.extension().is_none() {
        path.set_extension("matchbook");
    }
    path
}

pub(super) fn new_file_flow(app: &AppHandle) -> CommandResult<Option<AppInfo>> {
    let chosen = app
        .dialog()
        .file()
        .set_title("New program file")
        .set_file_name("Mentorship programs.matchbook")
        .add_filter("Matchbook program file", &["matchbook"])
        .blocking_save_file();
    let Some(path) = dialog_path(chosen)?.map(with_program_extension) else {
        return Ok(None);
    };
    if path.exists() {
        return Err(format!(
            "{} already exists and was left as it is. To use it, choose File > Open program file…; for a new file, choose another name.",
            path.display()
        ));
    }
    switch_to(app, &path)?;
    Ok(Some(info(app)))
}

pub(super) fn open_file_flow(app: &AppHandle) -> CommandResult<Option<AppInfo>> {
    let chosen = app
        .dialog()
        .file()
        .set_title("Open program file")
        .add_filter("Matchbook program file", &["matchbook", "sqlite", "db"])
        .add_filter("All files", &["*"])
        .blocking_pick_file();
    let Some(path) = dialog_path(chosen)? else {
        return Ok(None);
    };
    switch_to(app, &path)?;
    Ok(Some(info(app)))
}

pub(super) fn save_copy_flow(app: &AppHandle) -> CommandResult<Option<String>> {
    let suggested = {
        let state = app.state::<AppState>();
        let file = lock(&state.file);
        let stem = file
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_else(|| "Matchbook".into());
        format!(
            "{stem} copy {}.matchbook",
            chrono::Local::now().format("%Y-%m-%d")
        )
    };
    let chosen = app
        .dialog()
        .file()
        .set_title("Save a copy of the program file")
        .set_file_name(&suggested)
        .add_filter("Matchbook program file", &["matchbook"])
        .blocking_save_file();
    let Some(target) = dialog_path(chosen)?.map(with_program_extension) else {
        return Ok(None);
    };
    let state = app.state::<AppState>();
    with_store(&state, |s| s.save_copy(&target))?;
    Ok(Some(target.display().to_string()))
}

/// File > Export Everything…: a folder of CSV files plus the lossless JSON,
/// inside the folder the user picks.
pub(super) fn export_all_flow(app: &AppHandle) -> CommandResult<Option<String>> {
    let chosen = app
        .dialog()
        .file()
        .set_title("Export everything into a folder")
        .blocking_pick_folder();
    let Some(parent) = dialog_path(chosen)? else {
        return Ok(None);
    };
    let state = app.state::<AppState>();
    let report = with_store(&state, |s| {
        let stem = s
            .path()
            .file_stem()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "Matchbook".into());
        let folder = parent.join(format!(
            "{stem} export {}",
            chrono::Local::now().format("%Y-%m-%d %H%M%S")
        ));
        matchbook::archive::export_all(s, &folder)
    })?;
    Ok(Some(format!(
        "Exported {} rows to {} (one CSV per table, and matchbook-export.json). It holds personal data: keep it safe.",
        report.rows,
        report.folder.display()
    )))
}

/// What became of a file asked for.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Switched {
    Opened,
    /// In a cloud-synced folder or on a network drive: not opened, explained.
    Held,
}

/// Makes `path` the open program file. On failure the current file stays
/// open; so it does when `path` is in a place Matchbook does not run its
/// file in, and the window explains that place instead.
pub(super) fn switch_to(app: &AppHandle, path: &Path) -> CommandResult<Switched> {
    let state = app.state::<AppState>();
    if let Some(held) = held_if_unsafe(path, state.allow_synced_folder) {
        lock(&state.file).held = Some(held);
        file_changed(app);
        return Ok(Switched::Held);
    }
    {
        let mut file = lock(&state.file);
        let already_open = file
            .store
            .as_ref()
            .is_some_and(|s| same_file(s.path(), path));
        if !already_open {
            // Close the current file first so reopening it (e.g. from Recent) finds no lock.
            let previous = file.store.take();
            match Store::open(path) {
                Ok(store) => {
                    file.path = store.path().to_path_buf();
                    file.store = Some(store);
                    file.error = None;
                    file.damaged = None;
                }
                Err(e) => {
                    file.damaged = DamagedFile::of(&e);
                    let reopened = previous
                        .map(|p| p.path().to_path_buf())
                        .and_then(|p| Store::open(&p).ok());
                    file.store = reopened;
                    return Err(e.to_string());
                }
            }
        }
        let mut recent = lock(&state.recent);
        remember(&mut recent, &file.path);
        save_recent(&recent);
        file.held = None;
    }
    file_changed(app);
    Ok(Switched::Opened)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn recent_file() -> PathBuf {
    paths::data_dir().join("recent-files.json")
}

fn load_recent() -> Vec<PathBuf> {
    std::fs::read_to_string(recent_file())
        .ok()
        .and_then(|text| serde_json::from_str::<Vec<PathBuf>>(&text).ok())
        .unwrap_or_default()
}

fn save_recent(recent: &[PathBuf]) {
    // Losing the recent list is harmless, so a failure here is only logged.
    let path = recent_file();
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Ok(text) = serde_json::to_string_pretty(recent) {
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("matchbook: could not save the recent files list: {e}");
        }
    }
}

fn remember(recent: &mut Vec<PathBuf>, path: &Path) {
    recent.retain(|p| p != path);
    recent.insert(0, path.to_path_buf());
    recent.truncate(MAX_RECENT);
}
