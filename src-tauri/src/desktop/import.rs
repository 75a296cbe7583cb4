//! Importing from the window: files offered by drag-drop or the Import…
//! dialog (the interface refers to them by index, never by path), the
//! preview, the import itself, the history and undo.

use std::collections::BTreeMap;
use std::path::PathBuf;

use matchbook::choices::{self, ChoiceColumn, ChoiceOptions, ChoicesPreview, ChoicesReport};
use matchbook::import::{
    self, Field, ImportAs, ImportOptions, ImportRecord, ImportReport, Preview, UndoReport, Workbook,
};
use matchbook::people::Role;
use matchbook::questions::QuestionKind;
use matchbook::surveys::{
    self, SurveyField, SurveyImportReport, SurveyKind, SurveyOptions, SurveyPreview,
};
use matchbook::time::today;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_dialog::DialogExt;

use super::{lock, run_blocking, with_store, AppState, CommandResult};

/// A spreadsheet offered for import, as the interface sees it.
#[derive(Serialize, Clone)]
pub struct OfferedFile {
    id: usize,
    name: String,
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

/// Offers the files of a `tauri://drag-drop` event to the interface.
pub(super) fn offer_dropped(app: &AppHandle, payload: &str) {
    #[derive(serde::Deserialize)]
    struct Dropped {
        paths: Vec<PathBuf>,
    }
    let Ok(dropped) = serde_json::from_str::<Dropped>(payload) else {
        return;
    };
    // A program file dropped on the window opens; spreadsheets are offered for import.
    let (program_files, paths): (Vec<PathBuf>, Vec<PathBuf>) = dropped
        .paths
        .into_iter()
        .partition(|p| crate::paths::is_program_file(p) && p.is_file());
    if let Some(first) = program_files.first() {
        // switch_to tells the interface of the new file itself.
        if let Err(e) = super::file::switch_to(app, first) {
            let _ = app.emit("app-error", e);
        }
        if paths.is_empty() {
            return;
        }
    }
    let files = offer(app, paths);
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

/// The committee's choices on the import screen, as the window sends them.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ImportChoices {
    sheet: Option<String>,
    /// Question or column title → field key.
    mapping: BTreeMap<String, String>,
    /// Question → kind key.
    kinds: BTreeMap<String, String>,
    /// Column titles whose group is read as separate questions.
    keep_apart: Vec<String>,
    /// Role column answer → "mentor" or "participant".
    role_values: BTreeMap<String, String>,
}

fn import_options(choices: ImportChoices) -> CommandResult<ImportOptions> {
    let mut options = ImportOptions {
        sheet: choices.sheet.filter(|s| !s.is_empty()),
        keep_apart: choices.keep_apart,
        ..ImportOptions::default()
    };
    for (header, key) in choices.mapping {
        let field =
            Field::parse(&key).ok_or_else(|| format!("\"{key}\" is not a Matchbook field."))?;
        options.mapping.insert(header, field);
    }
    for (question, key) in choices.kinds {
        let kind = QuestionKind::parse(&key)
            .ok_or_else(|| format!("\"{key}\" is not a kind of question."))?;
        options.kinds.insert(question, kind);
    }
    for (answer, role) in choices.role_values {
        // "" is the screen's "Not imported (listed to check)".
        let role = match role.as_str() {
            "" => None,
            other => Some(Role::parse(other).map_err(|e| e.to_string())?),
        };
        options.role_values.insert(answer, role);
    }
    Ok(options)
}

/// Import…: the dialog's chosen files, ready to preview.
#[tauri::command]
pub async fn choose_import_files(app: AppHandle) -> CommandResult<Vec<OfferedFile>> {
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
pub async fn preview_import(
    app: AppHandle,
    file_id: usize,
    role: Option<String>,
    choices: ImportChoices,
) -> CommandResult<Preview> {
    run_blocking(move || {
        let state = app.state::<AppState>();
        let path = offered_path(&state, file_id)?;
        let options = import_options(choices)?;
        let role = role
            .as_deref()
            .map(ImportAs::parse)
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
pub async fn run_import(
    app: AppHandle,
    file_id: usize,
    program_id: i64,
    role: String,
    choices: ImportChoices,
) -> CommandResult<ImportReport> {
    run_blocking(move || {
        let state = app.state::<AppState>();
        let path = offered_path(&state, file_id)?;
        let options = import_options(choices)?;
        let role = ImportAs::parse(&role).map_err(|e| e.to_string())?;
        let workbook = import::read_workbook(&path).map_err(|e| e.to_string())?;
        let path_text = path.display().to_string();
        with_store(&state, |s| {
            import::import_workbook(s, program_id, role, workbook, &path_text, &options, false)
        })
    })
    .await
}

/// One file of a step that imports several together, as the window sends it.
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileChoices {
    file_id: usize,
    role: String,
    #[serde(default)]
    choices: ImportChoices,
}

/// Imports several offered files of applications in one step (the mentors'
/// and the participants' forms dropped together): all of them, or none.
#[tauri::command]
pub async fn run_imports(
    app: AppHandle,
    program_id: i64,
    files: Vec<FileChoices>,
) -> CommandResult<Vec<ImportReport>> {
    run_blocking(move || {
        let state = app.state::<AppState>();
        let mut together = Vec::with_capacity(files.len());
        for file in files {
            let path = offered_path(&state, file.file_id)?;
            together.push(import::FileToImport {
                workbook: import::read_workbook(&path).map_err(|e| e.to_string())?,
                path: path.display().to_string(),
                role: Some(ImportAs::parse(&file.role).map_err(|e| e.to_string())?),
                options: import_options(file.choices)?,
            });
        }
        with_store(&state, |s| {
            import::import_workbooks(s, program_id, together, false)
        })
    })
    .await
}

/// The committee's choices for a survey import, as the window sends them.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SurveyChoices {
    sheet: Option<String>,
    mapping: BTreeMap<String, String>,
    /// Check-ins: the period the answers report on, when the committee chose one.
    period: Option<String>,
}

fn survey_options(kind: SurveyKind, choices: SurveyChoices) -> CommandResult<SurveyOptions> {
    let mut options = SurveyOptions {
        sheet: choices.sheet.filter(|s| !s.is_empty()),
        period: choices.period.filter(|p| !p.is_empty()),
        ..SurveyOptions::default()
    };
    for (header, key) in choices.mapping {
        let field = SurveyField::parse(&key)
            .filter(|f| SurveyField::of(kind).contains(f))
            .ok_or_else(|| {
                format!(
                    "\"{key}\" is not something a {} column can mean.",
                    kind.label().to_lowercase()
                )
            })?;
        options.mapping.insert(header, field);
    }
    Ok(options)
}

fn survey_kind(kind: &str) -> CommandResult<SurveyKind> {
    SurveyKind::parse(kind).ok_or_else(|| format!("\"{kind}\" is not a kind of survey."))
}

/// How Matchbook reads a file of check-in or evaluation responses.
#[tauri::command]
pub async fn preview_survey(
    app: AppHandle,
    file_id: usize,
    program_id: Option<i64>,
    kind: String,
    choices: SurveyChoices,
) -> CommandResult<SurveyPreview> {
    run_blocking(move || {
        let state = app.state::<AppState>();
        let path = offered_path(&state, file_id)?;
        let kind = survey_kind(&kind)?;
        let options = survey_options(kind, choices)?;
        let workbook = import::read_workbook(&path).map_err(|e| e.to_string())?;
        match program_id {
            // Which period the answers are for: read against the program.
            Some(program_id) => with_store(&state, |s| {
                surveys::preview_survey_in_program(s, program_id, workbook, kind, &options, today())
            }),
            None => surveys::preview_survey_workbook(workbook, kind, &options)
                .map_err(|e| e.to_string()),
        }
    })
    .await
}

/// Imports check-in or evaluation responses into a program.
#[tauri::command]
pub async fn import_survey(
    app: AppHandle,
    file_id: usize,
    program_id: i64,
    kind: String,
    choices: SurveyChoices,
) -> CommandResult<SurveyImportReport> {
    let kind = survey_kind(&kind)?;
    let options = survey_options(kind, choices)?;
    with_offered_workbook(app, file_id, move |s, workbook| {
        surveys::import_survey_workbook(s, program_id, kind, workbook, &options, false, today())
    })
    .await
}

/// The committee's choices for a file of ranked choices, as the window sends them.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct RankingChoices {
    sheet: Option<String>,
    /// Column title → what it holds ("email", "name", "choice_1"…, "ranked", "ignore").
    mapping: BTreeMap<String, String>,
}

fn choice_options(choices: RankingChoices) -> CommandResult<ChoiceOptions> {
    let mut options = ChoiceOptions {
        sheet: choices.sheet.filter(|s| !s.is_empty()),
        ..ChoiceOptions::default()
    };
    for (header, key) in choices.mapping {
        let meaning = ChoiceColumn::parse(&key)
            .ok_or_else(|| format!("\"{key}\" is not something a column of choices can hold."))?;
        options.mapping.insert(header, meaning);
    }
    Ok(options)
}

/// Reads an offered file off the main thread, then runs `work` on it with
/// the open program file (locked only once the file is read).
async fn with_offered_workbook<T: Send + 'static>(
    app: AppHandle,
    file_id: usize,
    work: impl FnOnce(&mut matchbook::Store, Workbook) -> matchbook::Result<T> + Send + 'static,
) -> CommandResult<T> {
    run_blocking(move || {
        let state = app.state::<AppState>();
        let path = offered_path(&state, file_id)?;
        let workbook = import::read_workbook(&path).map_err(|e| e.to_string())?;
        with_store(&state, |s| work(s, workbook))
    })
    .await
}

/// How Matchbook reads a file of ranked choices, and what importing it would do.
#[tauri::command]
pub async fn preview_choices(
    app: AppHandle,
    file_id: usize,
    program_id: Option<i64>,
    choices: RankingChoices,
) -> CommandResult<ChoicesPreview> {
    let options = choice_options(choices)?;
    with_offered_workbook(app, file_id, move |s, workbook| {
        choices::preview_choices_workbook(s, program_id, workbook, &options)
    })
    .await
}

/// Imports ranked choices into a program.
#[tauri::command]
pub async fn import_choices(
    app: AppHandle,
    file_id: usize,
    program_id: i64,
    choices: RankingChoices,
) -> CommandResult<ChoicesReport> {
    let options = choice_options(choices)?;
    with_offered_workbook(app, file_id, move |s, workbook| {
        choices::import_choices_workbook(s, program_id, workbook, &options, false)
    })
    .await
}

#[tauri::command]
pub async fn list_imports(
    state: State<'_, AppState>,
    program_id: i64,
) -> CommandResult<Vec<ImportRecord>> {
    with_store(&state, |s| import::list_imports(s, Some(program_id)))
}

#[tauri::command]
pub async fn undo_import(state: State<'_, AppState>, import_id: i64) -> CommandResult<UndoReport> {
    with_store(&state, |s| import::undo_import(s, import_id))
}
