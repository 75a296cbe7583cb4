//! The Matchbook window: the Tauri builder and the registration of every
//! command the interface may call. The commands live in one module per
//! screen or concern; each only translates: it takes the open program file,
//! calls one core function and returns what it returns.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use matchbook::Store;
use tauri::ipc::CapabilityBuilder;
use tauri::{Listener, Manager, State};

mod booklet;
mod file;
mod import;
mod letters;
mod matching;
mod menu;
mod place;
mod programs;
mod save;
mod share;
mod tracking;

/// Everything the window holds between commands.
struct AppState {
    file: Mutex<file::OpenFile>,
    recent: Mutex<Vec<PathBuf>>,
    /// Files the user dropped on the window or picked in a dialog; the
    /// interface refers to them by index, never by path.
    offered: Mutex<Vec<PathBuf>>,
    /// `--allow-synced-folder`: program files in cloud-synced folders and on
    /// network drives open as any other (the user accepts the risk).
    allow_synced_folder: bool,
}

/// What a command returns to the interface: its value, or the sentence to show.
type CommandResult<T> = Result<T, String>;

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock must not make the whole window unusable.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs `work` on the open program file, or says why there is none.
fn with_store<T>(
    state: &State<'_, AppState>,
    work: impl FnOnce(&mut Store) -> matchbook::Result<T>,
) -> CommandResult<T> {
    let mut file = lock(&state.file);
    let error = file.error.clone();
    match file.store.as_mut() {
        Some(store) => {
            let value = work(store).map_err(|e| e.to_string())?;
            // A shared program's change goes to the folder at once; a folder
            // out of reach is said on the Activity page, not here.
            let _ = matchbook::share::publish_pending(store);
            Ok(value)
        }
        None => Err(error
            .unwrap_or_else(|| "No program file is open; use File > Open program file…".into())),
    }
}

/// Runs blocking work (dialogs, reading files, typesetting) off the main thread.
async fn run_blocking<T: Send + 'static>(
    work: impl FnOnce() -> CommandResult<T> + Send + 'static,
) -> CommandResult<T> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| format!("The operation stopped unexpectedly: {e}"))?
}

/// Opens the window on `db`, or on the most recently used file, or on the
/// default program file in the app-data folder.
pub fn run(db: Option<PathBuf>, allow_synced_folder: bool) {
    let (open, recent) = file::open_at_start(db, allow_synced_folder);
    let state = AppState {
        file: Mutex::new(open),
        recent: Mutex::new(recent),
        offered: Mutex::new(Vec::new()),
        allow_synced_folder,
    };

    // The names here, in `build.rs` and in `capabilities/default.json` are the
    // same list (tests/privacy.rs checks it).
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            file::app_info,
            programs::list_programs,
            programs::create_program,
            programs::create_program_from,
            programs::waiting_list,
            programs::update_program,
            programs::program_shapes,
            programs::set_program_archived,
            programs::load_sample_program,
            programs::list_people,
            programs::person_history,
            programs::eligibility,
            programs::set_eligibility_rules,
            programs::set_eligibility_override,
            programs::record_consent,
            programs::privacy_plan,
            programs::run_erasure,
            programs::retention,
            programs::set_retention,
            programs::export_person_data,
            programs::list_backups,
            programs::backup_now,
            programs::set_backups_to_keep,
            programs::restore_backup,
            programs::erase_preview,
            programs::erase_person,
            programs::set_mentor_capacity,
            file::new_program_file,
            file::open_program_file,
            file::open_recent_file,
            file::open_backup_copy,
            place::keep_on_this_computer,
            place::dismiss_held_file,
            share::activity_page,
            share::sync_shared,
            share::resolve_conflict,
            share::keep_matching,
            share::share_this_program,
            share::join_shared_program,
            file::save_copy,
            import::choose_import_files,
            import::preview_import,
            import::run_import,
            import::run_imports,
            import::list_imports,
            import::undo_import,
            matching::matching_overview,
            matching::compute_matches,
            matching::match_quality,
            letters::write_email_drafts,
            tracking::open_in_mail_app,
            letters::form_kit,
            letters::save_form_kit,
            letters::form_question_list,
            letters::save_form_pdf,
            letters::save_form_kit_folder,
            letters::adopt_form_kit,
            booklet::booklet_options,
            booklet::save_booklet_pdf,
            letters::email_templates,
            letters::save_email_templates,
            letters::preview_email,
            import::preview_survey,
            import::import_survey,
            import::preview_choices,
            import::import_choices,
            tracking::outcomes_report,
            tracking::save_outcomes,
            matching::compare_goals,
            matching::set_weak_threshold,
            matching::add_criterion,
            matching::add_circle_criterion,
            matching::set_criterion,
            matching::remove_criterion,
            matching::accept_suggestions,
            matching::writing_examples,
            matching::set_pair_rule,
            matching::swap_mentors,
            matching::match_alternatives,
            matching::match_worksheet,
            matching::confirm_matches,
            matching::compare_match_versions,
            letters::letters_overview,
            letters::letter_greetings,
            letters::set_letter_greeting,
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
            tracking::add_group_meeting,
            tracking::member_page,
            tracking::set_meeting_deleted,
            tracking::save_goal,
            tracking::update_goal,
            tracking::set_goal_deleted,
            tracking::end_pair,
            tracking::mark_risk_handled,
            tracking::undo_risk_handled,
            programs::read_date,
            tracking::undo_end_pair,
            tracking::mentor_leaves,
            tracking::complete_pairs,
            tracking::pair_reminder,
            tracking::tracking_report,
            tracking::save_calendar,
            tracking::save_report,
            tracking::print_report,
        ])
        .setup(|app| {
            let handle = app.handle().clone();
            menu::refresh_chrome(&handle);
            // Tauri emits this for real drops (after adding the paths to the
            // scope); end-to-end tests emit it from the page, which only a
            // test run may do (see below).
            app.listen_any("tauri://drag-drop", move |event| {
                import::offer_dropped(&handle, event.payload())
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
        .on_menu_event(|app, event| menu::handle_menu(app, event.id().as_ref()))
        .build(tauri::generate_context!());
    match result {
        Ok(app) => app.run(on_run_event),
        Err(e) => {
            eprintln!("matchbook: the window could not start: {e}");
            std::process::exit(1);
        }
    }
}

/// macOS hands a double-clicked program file to the running app as an
/// "opened" event (not as an argument): open it like a dropped one.
#[cfg(any(target_os = "macos", target_os = "ios"))]
fn on_run_event(app: &tauri::AppHandle, event: tauri::RunEvent) {
    if let tauri::RunEvent::Opened { urls } = event {
        let path = urls
            .iter()
            .filter_map(|u| u.to_file_path().ok())
            .find(|p| crate::paths::is_program_file(p));
        if let Some(path) = path {
            if let Err(e) = file::switch_to(app, &path) {
                let _ = tauri::Emitter::emit(app, "app-error", e);
            }
        }
    }
}

#[cfg(not(any(target_os = "macos", target_os = "ios")))]
fn on_run_event(_app: &tauri::AppHandle, _event: tauri::RunEvent) {}
