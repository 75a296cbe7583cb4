//! The Letters screen's commands: templates and letterhead, the preview
//! (the same Typst layout that makes the PDF), saving, printing, the log,
//! and the mail-merge export.

use std::path::{Path, PathBuf};

use matchbook::letters::{
    self, LetterSettings, LetterStatus, Logo, Placeholder, Preview, Recipient, Which,
};
use matchbook::people::Role;
use matchbook::programs;
use serde::Serialize;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use super::{dialog_path, run_blocking, with_store, AppState, CommandResult};

#[derive(Serialize)]
pub struct LettersOverview {
    settings: LetterSettings,
    placeholders: Vec<Placeholder>,
    log: Vec<LetterStatus>,
    default_participant_template: &'static str,
    default_mentor_template: &'static str,
}

#[tauri::command]
pub async fn letters_overview(
    state: State<'_, AppState>,
    program_id: i64,
) -> CommandResult<LettersOverview> {
    with_store(&state, |s| {
        Ok(LettersOverview {
            settings: letters::letter_settings(s, program_id)?,
            placeholders: letters::placeholders(),
            log: letters::letter_log(s, program_id)?,
            default_participant_template: letters::DEFAULT_PARTICIPANT_TEMPLATE,
            default_mentor_template: letters::DEFAULT_MENTOR_TEMPLATE,
        })
    })
}

fn today() -> chrono::NaiveDate {
    matchbook::time::today()
}

#[tauri::command]
pub async fn preview_letter(
    state: State<'_, AppState>,
    program_id: i64,
    draft: LetterSettings,
    kind: String,
    person_id: Option<i64>,
) -> CommandResult<Preview> {
    with_store(&state, |s| {
        let kind = Role::parse(&kind)?;
        letters::preview(s, program_id, Some(&draft), kind, person_id, today())
    })
}

#[tauri::command]
pub async fn save_letter_settings(
    state: State<'_, AppState>,
    program_id: i64,
    settings: LetterSettings,
) -> CommandResult<LetterSettings> {
    with_store(&state, |s| {
        letters::save_letter_settings(s, program_id, &settings)
    })
}

#[tauri::command]
pub async fn choose_logo(app: AppHandle) -> CommandResult<Option<Logo>> {
    run_blocking(move || {
        let chosen = app
            .dialog()
            .file()
            .set_title("Choose a logo for the letterhead")
            .add_filter("Images", &["png", "jpg", "jpeg", "svg"])
            .blocking_pick_file();
        match dialog_path(chosen)? {
            None => Ok(None),
            Some(path) => letters::logo_from_file(&path)
                .map(Some)
                .map_err(|e| e.to_string()),
        }
    })
    .await
}

/// Where to save: the save dialog, or, only in a debug build driven by the
/// end-to-end tests, a folder the test named (native dialogs cannot be driven).
pub(super) fn save_target(
    app: &AppHandle,
    title: &str,
    suggested: &str,
    filter: (&str, &[&str]),
) -> CommandResult<Option<PathBuf>> {
    if let Some(dir) = test_save_dir() {
        return Ok(Some(dir.join(suggested)));
    }
    let chosen = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(suggested)
        .add_filter(filter.0, filter.1)
        .blocking_save_file();
    dialog_path(chosen)
}

fn folder_target(app: &AppHandle, title: &str) -> CommandResult<Option<PathBuf>> {
    if let Some(dir) = test_save_dir() {
        return Ok(Some(dir));
    }
    dialog_path(app.dialog().file().set_title(title).blocking_pick_folder())
}

pub(super) fn test_save_dir() -> Option<PathBuf> {
    if cfg!(debug_assertions) && std::env::var_os("MATCHBOOK_E2E_TESTING").is_some() {
        std::env::var_os("MATCHBOOK_E2E_SAVE_DIR").map(PathBuf::from)
    } else {
        None
    }
}

pub(super) fn write_file(path: &Path, bytes: &[u8]) -> CommandResult<()> {
    matchbook::output::write_atomically(path, bytes).map_err(|e| e.to_string())
}

/// `path` with `.extension` added unless it already ends so (a name typed
/// without it in the save dialog must still open with the right program).
pub(super) fn with_extension(mut path: PathBuf, extension: &str) -> PathBuf {
    if path
        .extension()
        .is_none_or(|e| !e.eq_ignore_ascii_case(extension))
    {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(".");
        name.push(extension);
        path.set_file_name(name);
    }
    path
}

/// What a save or print produced.
#[derive(Serialize)]
pub struct Saved {
    path: String,
    letters: usize,
}

fn record(
    app: &AppHandle,
    program_id: i64,
    recipients: &[Recipient],
    output: &str,
) -> CommandResult<()> {
    let state = app.state::<AppState>();
    with_store(&state, |s| {
        letters::record_produced(s, program_id, recipients, output)
    })
}

fn program_name(app: &AppHandle, program_id: i64) -> CommandResult<String> {
    let state = app.state::<AppState>();
    with_store(&state, |s| {
        programs::get_program(s, program_id).map(|p| p.name)
    })
}

#[tauri::command]
pub async fn save_letters_pdf(
    app: AppHandle,
    program_id: i64,
    which: Which,
) -> CommandResult<Option<Saved>> {
    run_blocking(move || {
        let suggested = format!(
            "Letters - {}.pdf",
            letters::safe_file_name(&program_name(&app, program_id)?)
        );
        let Some(path) = save_target(
            &app,
            "Save the letters as one PDF",
            &suggested,
            ("PDF", &["pdf"]),
        )?
        else {
            return Ok(None);
        };
        let path = with_extension(path, "pdf");
        let state = app.state::<AppState>();
        let (pdf, recipients) = with_store(&state, |s| {
            letters::combined_pdf(s, program_id, which, today())
        })?;
        write_file(&path, &pdf)?;
        record(&app, program_id, &recipients, &path.display().to_string())?;
        Ok(Some(Saved {
            path: path.display().to_string(),
            letters: recipients.len(),
        }))
    })
    .await
}

#[tauri::command]
pub async fn save_letters_folder(
    app: AppHandle,
    program_id: i64,
    which: Which,
) -> CommandResult<Option<Saved>> {
    run_blocking(move || {
        let Some(dir) = folder_target(&app, "Choose a folder for one PDF per person")? else {
            return Ok(None);
        };
        let state = app.state::<AppState>();
        let files = with_store(&state, |s| {
            letters::separate_pdfs(s, program_id, which, today())
        })?;
        let mut recipients = Vec::with_capacity(files.len());
        for (name, pdf, recipient) in files {
            write_file(&dir.join(name), &pdf)?;
            recipients.push(recipient);
        }
        record(&app, program_id, &recipients, &dir.display().to_string())?;
        Ok(Some(Saved {
            path: dir.display().to_string(),
            letters: recipients.len(),
        }))
    })
    .await
}

/// Printing goes through the system's PDF viewer, so what prints is exactly
/// the PDF the preview showed; the viewer's print dialog picks the printer.
#[tauri::command]
pub async fn print_letters(app: AppHandle, program_id: i64, which: Which) -> CommandResult<Saved> {
    run_blocking(move || {
        let state = app.state::<AppState>();
        let (pdf, recipients) = with_store(&state, |s| {
            letters::combined_pdf(s, program_id, which, today())
        })?;
        let name = format!(
            "Letters - {}",
            letters::safe_file_name(&program_name(&app, program_id)?)
        );
        let path = print_pdf(&app, &name, &pdf)?;
        record(&app, program_id, &recipients, "printed")?;
        Ok(Saved {
            path: path.display().to_string(),
            letters: recipients.len(),
        })
    })
    .await
}

/// Hands a PDF to the system's printing path: written to the user's own
/// cache folder (not the shared temp folder: it holds personal data) and
/// opened in the default PDF viewer, whose Print prints what was previewed.
pub(super) fn print_pdf(app: &AppHandle, name: &str, pdf: &[u8]) -> CommandResult<PathBuf> {
    let dir = app
        .path()
        .app_cache_dir()
        .map_err(|e| format!("Could not find a folder to prepare the printout in: {e}"))?
        .join("print");
    std::fs::create_dir_all(&dir).map_err(|e| format!("Could not prepare the printout: {e}"))?;
    let path = dir.join(format!(
        "{name} - {}.pdf",
        chrono::Local::now().format("%Y-%m-%d %H%M%S")
    ));
    write_file(&path, pdf)?;
    if test_save_dir().is_none() {
        open_with_system_viewer(&path)?;
    }
    Ok(path)
}

fn open_with_system_viewer(path: &Path) -> CommandResult<()> {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    command.arg(path).spawn().map(|_| ()).map_err(|e| {
        format!(
            "The printout is ready in {}, but no PDF viewer could be opened to print it ({e}). Open that file and print it from there.",
            path.display()
        )
    })
}

#[tauri::command]
pub async fn export_matches_csv(app: AppHandle, program_id: i64) -> CommandResult<Option<String>> {
    run_blocking(move || {
        let suggested = format!(
            "Matches - {}.csv",
            letters::safe_file_name(&program_name(&app, program_id)?)
        );
        let Some(path) = save_target(
            &app,
            "Export the matches for a mail merge",
            &suggested,
            ("CSV", &["csv"]),
        )?
        else {
            return Ok(None);
        };
        let state = app.state::<AppState>();
        let csv = with_store(&state, |s| letters::export_matches_csv(s, program_id))?;
        let path = with_extension(path, "csv");
        write_file(&path, &csv)?;
        Ok(Some(path.display().to_string()))
    })
    .await
}
