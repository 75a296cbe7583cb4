//! The mentor booklet's commands (Matching → "Mentor booklet…"): what it
//! can show, and saving it as PDF where the committee chooses.

use matchbook::booklet::{self, BookletOptions, BookletSettings, BookletWritten};
use tauri::{AppHandle, Manager, State};

use super::save::{program_file_name, save_target, write_file};
use super::{run_blocking, with_store, AppState, CommandResult};

/// The mentor-form questions with the program's ticks, and the orders.
#[tauri::command]
pub async fn booklet_options(
    state: State<'_, AppState>,
    program_id: i64,
) -> CommandResult<BookletOptions> {
    with_store(&state, |s| booklet::booklet_options(s, program_id, None))
}

/// Remembers the ticks and order, lays the booklet out (a problem is said
/// before any dialog opens), then saves it where the committee chooses.
/// None when the dialog was cancelled.
#[tauri::command]
pub async fn save_booklet_pdf(
    app: AppHandle,
    program_id: i64,
    settings: BookletSettings,
) -> CommandResult<Option<BookletWritten>> {
    run_blocking(move || {
        let state = app.state::<AppState>();
        let (pdf, mut written) = with_store(&state, |s| {
            booklet::save_booklet_settings(s, program_id, &settings)?;
            booklet::booklet_pdf(s, program_id, &settings)
        })?;
        let suggested = format!(
            "Mentor booklet - {}.pdf",
            program_file_name(&app, program_id)?
        );
        let Some(path) = save_target(
            &app,
            "Save the mentor booklet as PDF",
            &suggested,
            ("PDF", &["pdf"]),
        )?
        else {
            return Ok(None);
        };
        write_file(&path, &pdf)?;
        written.file = path.display().to_string();
        Ok(Some(written))
    })
    .await
}
