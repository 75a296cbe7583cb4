//! The Matchbook window: Tauri setup, menus, file dialogs and the commands the
//! interface calls. Every command only translates: it takes the open program
//! file, calls one core function and returns what it returns.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use matchbook::import::{
    self, Field, ImportOptions, ImportRecord, ImportReport, Preview, UndoReport,
};
use matchbook::people::{self, Person, Role};
use matchbook::programs::{self, Program, ProgramInput, ProgramSummary};
use matchbook::store::backups;
use matchbook::Store;
use serde::Serialize;
use tauri::ipc::CapabilityBuilder;
use tauri::menu::{Menu, MenuBuilder, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Listener, Manager, State, Wry};
use tauri_plugin_dialog::DialogExt;

use crate::paths;

mod letters;
mod matching;
mod tracking;

const MAX_RECENT: usize = 8;

/// The program file the window works on, or why it could not be opened.
struct OpenFile {
    store: Option<Store>,
    path: PathBuf,
    error: Option<String>,
}

struct AppState {
    file: Mutex<OpenFile>,
    recent: Mutex<Vec<PathBuf>>,
    /// Files the user dropped on the window or picked in a dialog; the
    /// interface refers to them by index, never by path.
    offered: Mutex<Vec<PathBuf>>,
}

/// A spreadsheet offered for import, as the interface sees it.
#[derive(Serialize, Clone)]
struct OfferedFile {
    id: usize,
    name: String,
}

/// What the interface needs to know about the open file.
#[derive(Serialize, Clone)]
struct AppInfo {
    version: String,
    path: String,
    file_name: String,
    /// Why the file could not be opened; the interface offers another file.
    error: Option<String>,
    recent: Vec<String>,
    schema_version: i32,
    /// The file is in a place that cannot be written: shown, not changed.
    read_only: bool,
}

type CommandResult<T> = Result<T, String>;

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock must not make the whole window unusable.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Opens the window on `db`, or on the most recently used file, or on the
/// default program file in the app-data folder.
pub fn run(db: Option<PathBuf>) {
    let recent = load_recent();
    let path = db.unwrap_or_else(|| {
        recent
            .iter()
            .find(|p| p.exists())
            .cloned()
            .unwrap_or_else(paths::default_program_file)
    });
    let (store, error) = match Store::open(&path) {
        Ok(store) => (Some(store), None),
        Err(e) => (None, Some(e.to_string())),
    };
    let path = store
        .as_ref()
        .map(|s| s.path().to_path_buf())
        .unwrap_or(path);
    let mut recent = recent;
    if store.is_some() {
        remember(&mut recent, &path);
        save_recent(&recent);
    }
    let state = AppState {
        file: Mutex::new(OpenFile { store, path, error }),
        recent: Mutex::new(recent),
        offered: Mutex::new(Vec::new()),
    };

    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            app_info,
            list_programs,
            create_program,
            update_program,
            set_program_archived,
            load_sample_program,
            list_people,
            list_backups,
            backup_now,
            set_backups_to_keep,
            restore_backup,
            erase_preview,
            erase_person,
            set_mentor_capacity,
            new_program_file,
            open_program_file,
            open_recent_file,
            save_copy,
            choose_import_files,
            preview_import,
            run_import,
            list_imports,
            undo_import,
            matching::matching_overview,
            matching::compute_matches,
            matching::set_match_weights,
            matching::set_pair_rule,
            matching::swap_mentors,
            matching::match_alternatives,
            matching::match_worksheet,
            matching::confirm_matches,
            matching::compare_match_versions,
            letters::letters_overview,
            letters::preview_letter,
            letters::save_letter_settings,
            letters::choose_logo,
            letters::save_letters_pdf,
            letters::save_letters_folder,
            letters::print_letters,
            letters::export_matches_csv,
            tracking::tracking_dashboard,
            tracking::tracking_pair,
            tracking::save_meeting,
            tracking::set_meeting_deleted,
            tracking::save_goal,
            tracking::update_goal,
            tracking::set_goal_deleted,
            tracking::end_pair,
            tracking::complete_pairs,
            tracking::pair_reminder,
            tracking::tracking_report,
            tracking::save_calendar,
            tracking::save_report,
            tracking::print_report,
        ])
        .setup(|app| {
            let handle = app.handle().clone();
            refresh_chrome(&handle);
            // Tauri emits this for real drops (after adding the paths to the
            // scope); end-to-end tests emit it from the page, which only a
            // test run may do (see below).
            let dropped = handle.clone();
            app.listen_any("tauri://drag-drop", move |event| {
                offer_dropped(&dropped, event.payload())
            });
            // Debug builds only: a release build never lets the page fake a drop.
            if cfg!(debug_assertions) && std::env::var_os("MATCHBOOK_E2E_TESTING").is_some() {
                app.add_capability(
                    CapabilityBuilder::new("e2e-testing")
                        .window("main")
                        .permission("core:event:allow-emit"),
                )?;
            }
            Ok(())
        })
        .on_menu_event(|app, event| handle_menu(app, event.id().as_ref()))
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("matchbook: the window could not start: {e}");
        std::process::exit(1);
    }
}

fn info(app: &AppHandle) -> AppInfo {
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
    }
}

/// Runs `work` on the open program file, or says why there is none.
fn with_store<T>(
    state: &State<'_, AppState>,
    work: impl FnOnce(&mut Store) -> matchbook::Result<T>,
) -> CommandResult<T> {
    let mut file = lock(&state.file);
    let error = file.error.clone();
    match file.store.as_mut() {
        Some(store) => work(store).map_err(|e| e.to_string()),
        None => Err(error
            .unwrap_or_else(|| "No program file is open; use File > Open program file…".into())),
    }
}

#[tauri::command]
fn app_info(app: AppHandle) -> AppInfo {
    info(&app)
}

#[tauri::command]
async fn list_programs(
    state: State<'_, AppState>,
    include_archived: bool,
) -> CommandResult<Vec<ProgramSummary>> {
    with_store(&state, |s| programs::list_programs(s, include_archived))
}

#[tauri::command]
async fn create_program(state: State<'_, AppState>, input: ProgramInput) -> CommandResult<Program> {
    with_store(&state, |s| programs::create_program(s, &input))
}

#[tauri::command]
async fn update_program(
    state: State<'_, AppState>,
    id: i64,
    input: ProgramInput,
) -> CommandResult<Program> {
    with_store(&state, |s| programs::update_program(s, id, &input))
}

#[tauri::command]
async fn set_program_archived(
    state: State<'_, AppState>,
    id: i64,
    archived: bool,
) -> CommandResult<Program> {
    with_store(&state, |s| programs::set_archived(s, id, archived))
}

#[tauri::command]
async fn load_sample_program(state: State<'_, AppState>) -> CommandResult<Program> {
    with_store(&state, matchbook::sample::load_sample_program)
}

/// What erasing a person would remove (for the confirmation).
#[tauri::command]
async fn erase_preview(
    state: State<'_, AppState>,
    person_id: i64,
) -> CommandResult<people::ErasePreview> {
    with_store(&state, |s| people::erase_preview(s, person_id))
}

/// Erases a person and everything about them from the file.
#[tauri::command]
async fn erase_person(
    state: State<'_, AppState>,
    person_id: i64,
) -> CommandResult<people::ErasePreview> {
    with_store(&state, |s| people::erase_person(s, person_id))
}

/// How many mentees a mentor can take, as the committee agreed with them.
#[tauri::command]
async fn set_mentor_capacity(
    state: State<'_, AppState>,
    person_id: i64,
    capacity: u32,
) -> CommandResult<people::Person> {
    with_store(&state, |s| people::set_capacity(s, person_id, capacity))
}

#[tauri::command]
async fn list_people(
    state: State<'_, AppState>,
    program_id: i64,
    role: Option<String>,
) -> CommandResult<Vec<Person>> {
    with_store(&state, |s| {
        let role = role.as_deref().map(Role::parse).transpose()?;
        people::list_people(s, program_id, role)
    })
}

/// File > New program file…: the interface gets the new file's info, or null when cancelled.
#[tauri::command]
async fn new_program_file(app: AppHandle) -> CommandResult<Option<AppInfo>> {
    run_blocking(move || new_file_flow(&app)).await
}

#[tauri::command]
async fn open_program_file(app: AppHandle) -> CommandResult<Option<AppInfo>> {
    run_blocking(move || open_file_flow(&app)).await
}

/// Opens the recent file at `index` of the list the interface was given;
/// an index rather than a path, so paths reach Rust only from dialogs.
#[tauri::command]
async fn open_recent_file(app: AppHandle, index: usize) -> CommandResult<AppInfo> {
    let path = lock(&app.state::<AppState>().recent)
        .get(index)
        .cloned()
        .ok_or_else(|| "That file is no longer in the recent list.".to_string())?;
    run_blocking(move || switch_to(&app, &path).map(|_| info(&app))).await
}

/// The backups panel: where they are, how many are kept, and the list.
#[derive(serde::Serialize)]
struct BackupsView {
    folder: String,
    keep: u32,
    backups: Vec<BackupItem>,
}

/// A backup as the interface sees it: named by file name, never by path.
#[derive(serde::Serialize)]
struct BackupItem {
    file_name: String,
    made_at: String,
    reason: String,
    bytes: u64,
}

fn backups_view(store: &Store) -> matchbook::Result<BackupsView> {
    Ok(BackupsView {
        folder: backups::backup_folder(store.path()).display().to_string(),
        keep: store.backups_to_keep()?,
        backups: backups::list_backups(store.path())?
            .into_iter()
            .map(|b| BackupItem {
                file_name: b.file_name,
                made_at: b.made_at,
                reason: b.reason,
                bytes: b.bytes,
            })
            .collect(),
    })
}

#[tauri::command]
async fn list_backups(state: State<'_, AppState>) -> CommandResult<BackupsView> {
    with_store(&state, |s| backups_view(s))
}

#[tauri::command]
async fn backup_now(state: State<'_, AppState>) -> CommandResult<BackupsView> {
    with_store(&state, |s| {
        s.backup("by hand")?;
        backups_view(s)
    })
}

#[tauri::command]
async fn set_backups_to_keep(state: State<'_, AppState>, keep: u32) -> CommandResult<BackupsView> {
    with_store(&state, |s| {
        s.set_backups_to_keep(keep)?;
        backups_view(s)
    })
}

/// Replaces the open file with one of its backups (named by file name).
#[tauri::command]
async fn restore_backup(app: AppHandle, file_name: String) -> CommandResult<AppInfo> {
    run_blocking(move || {
        let state = app.state::<AppState>();
        {
            let mut file = lock(&state.file);
            let store = file
                .store
                .take()
                .ok_or_else(|| "No program file is open.".to_string())?;
            let path = store.path().to_path_buf();
            let chosen = backups::list_backups(&path)
                .ok()
                .and_then(|list| list.into_iter().find(|b| b.file_name == file_name));
            let Some(chosen) = chosen else {
                file.store = Some(store);
                return Err("That backup is no longer in the backups folder.".to_string());
            };
            match backups::restore_backup(store, &chosen.path) {
                Ok(store) => file.store = Some(store),
                Err(e) => {
                    // The file is as it was (or restored but not reopened): open it again.
                    file.store = Store::open(&path).ok();
                    return Err(e.to_string());
                }
            }
        }
        refresh_chrome(&app);
        let current = info(&app);
        let _ = app.emit("program-file-changed", current.clone());
        Ok(current)
    })
    .await
}

#[tauri::command]
async fn save_copy(app: AppHandle) -> CommandResult<Option<String>> {
    run_blocking(move || save_copy_flow(&app)).await
}

async fn run_blocking<T: Send + 'static>(
    work: impl FnOnce() -> CommandResult<T> + Send + 'static,
) -> CommandResult<T> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| format!("The operation stopped unexpectedly: {e}"))?
}

fn dialog_path(path: Option<tauri_plugin_dialog::FilePath>) -> CommandResult<Option<PathBuf>> {
    match path {
        None => Ok(None),
        Some(p) => p
            .into_path()
            .map(Some)
            .map_err(|e| format!("That location cannot be used as a file: {e}")),
    }
}

fn with_sqlite_extension(mut path: PathBuf) -> PathBuf {
    if path.extension().is_none() {
        path.set_extension("sqlite");
    }
    path
}

fn new_file_flow(app: &AppHandle) -> CommandResult<Option<AppInfo>> {
    let chosen = app
        .dialog()
        .file()
        .set_title("New program file")
        .set_file_name("Mentorship programs.sqlite")
        .add_filter("Matchbook program file", &["sqlite"])
        .blocking_save_file();
    let Some(path) = dialog_path(chosen)?.map(with_sqlite_extension) else {
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

fn open_file_flow(app: &AppHandle) -> CommandResult<Option<AppInfo>> {
    let chosen = app
        .dialog()
        .file()
        .set_title("Open program file")
        .add_filter("Matchbook program file", &["sqlite", "db"])
        .add_filter("All files", &["*"])
        .blocking_pick_file();
    let Some(path) = dialog_path(chosen)? else {
        return Ok(None);
    };
    switch_to(app, &path)?;
    Ok(Some(info(app)))
}

fn save_copy_flow(app: &AppHandle) -> CommandResult<Option<String>> {
    let suggested = {
        let state = app.state::<AppState>();
        let file = lock(&state.file);
        let stem = file
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_else(|| "Matchbook".into());
        format!(
            "{stem} copy {}.sqlite",
            chrono::Local::now().format("%Y-%m-%d")
        )
    };
    let chosen = app
        .dialog()
        .file()
        .set_title("Save a copy of the program file")
        .set_file_name(&suggested)
        .add_filter("Matchbook program file", &["sqlite"])
        .blocking_save_file();
    let Some(target) = dialog_path(chosen)?.map(with_sqlite_extension) else {
        return Ok(None);
    };
    let state = app.state::<AppState>();
    with_store(&state, |s| s.save_copy(&target))?;
    Ok(Some(target.display().to_string()))
}

/// File > Export Everything…: a folder of CSV files plus the lossless JSON,
/// inside the folder the user picks.
fn export_all_flow(app: &AppHandle) -> CommandResult<Option<String>> {
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

/// Makes `path` the open program file. On failure the current file stays open.
fn switch_to(app: &AppHandle, path: &Path) -> CommandResult<()> {
    let state = app.state::<AppState>();
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
                }
                Err(e) => {
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
    }
    refresh_chrome(app);
    let _ = app.emit("program-file-changed", info(app));
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Window title and menu follow the open file.
fn refresh_chrome(app: &AppHandle) {
    let current = info(app);
    if let Some(window) = app.get_webview_window("main") {
        let title = if current.error.is_some() {
            "Matchbook".to_string()
        } else {
            format!("{} — Matchbook", current.file_name)
        };
        let _ = window.set_title(&title);
    }
    match build_menu(app, &current.recent) {
        Ok(menu) => {
            let _ = app.set_menu(menu);
        }
        Err(e) => eprintln!("matchbook: could not build the menu: {e}"),
    }
}

fn build_menu(app: &AppHandle, recent: &[String]) -> tauri::Result<Menu<Wry>> {
    let mut recent_menu = SubmenuBuilder::new(app, "Open Recent");
    if recent.is_empty() {
        recent_menu = recent_menu.item(
            &MenuItemBuilder::with_id("recent-none", "No recent files")
                .enabled(false)
                .build(app)?,
        );
    }
    for (index, path) in recent.iter().enumerate() {
        recent_menu = recent_menu
            .item(&MenuItemBuilder::with_id(format!("recent-{index}"), path).build(app)?);
    }
    let file = SubmenuBuilder::new(app, "File")
        .item(
            &MenuItemBuilder::with_id("new-file", "New Program File…")
                .accelerator("CmdOrCtrl+N")
                .build(app)?,
        )
        .item(
            &MenuItemBuilder::with_id("open-file", "Open Program File…")
                .accelerator("CmdOrCtrl+O")
                .build(app)?,
        )
        .item(&recent_menu.build()?)
        .separator()
        .item(
            &MenuItemBuilder::with_id("save-copy", "Save a Copy…")
                .accelerator("CmdOrCtrl+Shift+S")
                .build(app)?,
        )
        .item(&MenuItemBuilder::with_id("backups", "Restore from Backup…").build(app)?)
        .item(&MenuItemBuilder::with_id("export-all", "Export Everything…").build(app)?)
        .separator()
        .quit()
        .build()?;
    let edit = SubmenuBuilder::new(app, "Edit")
        .undo()
        .redo()
        .separator()
        .cut()
        .copy()
        .paste()
        .select_all()
        .build()?;
    let help = SubmenuBuilder::new(app, "Help")
        .item(&MenuItemBuilder::with_id("about", "About Matchbook").build(app)?)
        .build()?;
    MenuBuilder::new(app).items(&[&file, &edit, &help]).build()
}

fn handle_menu(app: &AppHandle, id: &str) {
    let app = app.clone();
    let id = id.to_string();
    if id == "about" {
        let _ = app.emit("show-about", info(&app));
        return;
    }
    if id == "backups" {
        let _ = app.emit("show-backups", ());
        return;
    }
    // Dialogs block, so they run off the main thread.
    tauri::async_runtime::spawn_blocking(move || {
        let outcome: CommandResult<Option<String>> = match id.as_str() {
            "new-file" => {
                new_file_flow(&app).map(|i| i.map(|i| format!("Created {}", i.file_name)))
            }
            "open-file" => {
                open_file_flow(&app).map(|i| i.map(|i| format!("Opened {}", i.file_name)))
            }
            "save-copy" => save_copy_flow(&app).map(|p| p.map(|p| format!("Saved a copy as {p}"))),
            "export-all" => export_all_flow(&app),
            other => match other
                .strip_prefix("recent-")
                .and_then(|n| n.parse::<usize>().ok())
            {
                Some(index) => {
                    let path = lock(&app.state::<AppState>().recent).get(index).cloned();
                    match path {
                        Some(path) => switch_to(&app, &path)
                            .map(|_| Some(format!("Opened {}", path.display()))),
                        None => Ok(None),
                    }
                }
                None => Ok(None),
            },
        };
        match outcome {
            Ok(Some(message)) => {
                let _ = app.emit("app-notice", message);
            }
            Ok(None) => {}
            Err(message) => {
                let _ = app.emit("app-error", message);
            }
        }
    });
}

fn offer(app: &AppHandle, paths: Vec<PathBuf>) -> Vec<OfferedFile> {
    let state = app.state::<AppState>();
    let mut offered = lock(&state.offered);
    paths
        .into_iter()
        .filter(|p| p.is_file())
        .map(|path| {
            let id = offered.iter().position(|p| *p == path).unwrap_or_else(|| {
                offered.push(path.clone());
                offered.len() - 1
            });
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            OfferedFile { id, name }
        })
        .collect()
}

fn offer_dropped(app: &AppHandle, payload: &str) {
    #[derive(serde::Deserialize)]
    struct Dropped {
        paths: Vec<PathBuf>,
    }
    let Ok(dropped) = serde_json::from_str::<Dropped>(payload) else {
        return;
    };
    let files = offer(app, dropped.paths);
    if files.is_empty() {
        let _ = app.emit(
            "app-error",
            "Only files can be imported; drop the spreadsheet files themselves, not a folder.",
        );
    } else {
        let _ = app.emit("files-offered", files);
    }
}

fn offered_path(state: &State<'_, AppState>, file_id: usize) -> CommandResult<PathBuf> {
    lock(&state.offered)
        .get(file_id)
        .cloned()
        .ok_or_else(|| "That file is no longer available; drop it on the window again.".to_string())
}

fn import_options(
    sheet: Option<String>,
    mapping: BTreeMap<String, String>,
) -> CommandResult<ImportOptions> {
    let mut options = ImportOptions {
        sheet: sheet.filter(|s| !s.is_empty()),
        ..ImportOptions::default()
    };
    for (header, key) in mapping {
        let field =
            Field::parse(&key).ok_or_else(|| format!("\"{key}\" is not a Matchbook field."))?;
        options.mapping.insert(header, field);
    }
    Ok(options)
}

/// Import…: the dialog's chosen files, ready to preview.
#[tauri::command]
async fn choose_import_files(app: AppHandle) -> CommandResult<Vec<OfferedFile>> {
    run_blocking(move || {
        let chosen = app
            .dialog()
            .file()
            .set_title("Import application spreadsheets")
            .add_filter(
                "Spreadsheets",
                &["csv", "xlsx", "xls", "ods", "tsv", "txt", "xlsm"],
            )
            .add_filter("All files", &["*"])
            .blocking_pick_files();
        let paths = chosen
            .unwrap_or_default()
            .into_iter()
            .filter_map(|p| p.into_path().ok())
            .collect();
        Ok(offer(&app, paths))
    })
    .await
}

#[tauri::command]
async fn preview_import(
    app: AppHandle,
    file_id: usize,
    role: Option<String>,
    sheet: Option<String>,
    mapping: BTreeMap<String, String>,
) -> CommandResult<Preview> {
    run_blocking(move || {
        let state = app.state::<AppState>();
        let path = offered_path(&state, file_id)?;
        let options = import_options(sheet, mapping)?;
        let role = role
            .as_deref()
            .map(Role::parse)
            .transpose()
            .map_err(|e| e.to_string())?;
        // Reading the file can take a moment; the program file is locked only to look up remembered mappings.
        let workbook = import::read_workbook(&path).map_err(|e| e.to_string())?;
        with_store(&state, |s| {
            import::preview_workbook(s, workbook, role, &options)
        })
    })
    .await
}

#[tauri::command]
async fn run_import(
    app: AppHandle,
    file_id: usize,
    program_id: i64,
    role: String,
    sheet: Option<String>,
    mapping: BTreeMap<String, String>,
) -> CommandResult<ImportReport> {
    run_blocking(move || {
        let state = app.state::<AppState>();
        let path = offered_path(&state, file_id)?;
        let options = import_options(sheet, mapping)?;
        let role = Role::parse(&role).map_err(|e| e.to_string())?;
        let workbook = import::read_workbook(&path).map_err(|e| e.to_string())?;
        let path_text = path.display().to_string();
        with_store(&state, |s| {
            import::import_workbook(s, program_id, role, workbook, &path_text, &options, false)
        })
    })
    .await
}

#[tauri::command]
async fn list_imports(
    state: State<'_, AppState>,
    program_id: i64,
) -> CommandResult<Vec<ImportRecord>> {
    with_store(&state, |s| import::list_imports(s, Some(program_id)))
}

#[tauri::command]
async fn undo_import(state: State<'_, AppState>, import_id: i64) -> CommandResult<UndoReport> {
    with_store(&state, |s| import::undo_import(s, import_id))
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
