//! The commands of the Programs and Applications screens and the backups
//! panel: programs, people (list, capacity, erase) and the rolling backups.

use matchbook::eligibility;
use matchbook::matching::Waiting;
use matchbook::people::{self, ErasePreview, Person, Role};
use matchbook::programs::{self, Program, ProgramFrom, ProgramInput, ProgramSummary};
use matchbook::retention::{self, ErasureReport, PlanEntry};
use matchbook::store::backups;
use matchbook::Store;
use serde::Serialize;
use tauri::{AppHandle, Manager, State};

use super::file::{file_changed, AppInfo};
use super::{lock, run_blocking, with_store, AppState, CommandResult};

#[tauri::command]
pub async fn list_programs(
    state: State<'_, AppState>,
    include_archived: bool,
) -> CommandResult<Vec<ProgramSummary>> {
    with_store(&state, |s| programs::list_programs(s, include_archived))
}

#[tauri::command]
pub async fn create_program(
    state: State<'_, AppState>,
    input: ProgramInput,
) -> CommandResult<SavedProgram> {
    with_store(&state, |s| {
        programs::create_program(s, &input).map(SavedProgram::of)
    })
}

/// "New program from this one…": next year's program, its waiting list carried when asked.
#[tauri::command]
pub async fn create_program_from(
    state: State<'_, AppState>,
    from_id: i64,
    name: String,
    kickoff_date: String,
    carry_waiting: bool,
) -> CommandResult<ProgramFrom> {
    with_store(&state, |s| {
        programs::create_program_from(s, from_id, &name, &kickoff_date, carry_waiting)
    })
}

/// The participants waiting for a mentor in a program.
#[tauri::command]
pub async fn waiting_list(
    state: State<'_, AppState>,
    program_id: i64,
) -> CommandResult<Vec<Waiting>> {
    with_store(&state, |s| matchbook::matching::waiting_list(s, program_id))
}

#[tauri::command]
pub async fn update_program(
    state: State<'_, AppState>,
    id: i64,
    input: ProgramInput,
) -> CommandResult<SavedProgram> {
    with_store(&state, |s| {
        programs::update_program(s, id, &input).map(SavedProgram::of)
    })
}

/// The shapes a program may have, with what each means, for the program form.
#[tauri::command]
pub async fn program_shapes() -> CommandResult<Vec<programs::ShapeChoice>> {
    Ok(programs::Shape::choices())
}

/// A program as saved, with what its dates mean for the pairs.
#[derive(serde::Serialize)]
pub struct SavedProgram {
    #[serde(flatten)]
    program: Program,
    warnings: Vec<String>,
}

impl SavedProgram {
    fn of(program: Program) -> Self {
        let warnings = programs::date_warnings(&program, matchbook::time::today());
        SavedProgram { program, warnings }
    }
}

#[tauri::command]
pub async fn set_program_archived(
    state: State<'_, AppState>,
    id: i64,
    archived: bool,
) -> CommandResult<Program> {
    with_store(&state, |s| programs::set_archived(s, id, archived))
}

#[tauri::command]
pub async fn load_sample_program(state: State<'_, AppState>) -> CommandResult<Program> {
    with_store(&state, matchbook::sample::load_sample_program)
}

#[tauri::command]
pub async fn list_people(
    state: State<'_, AppState>,
    program_id: i64,
    role: Option<String>,
) -> CommandResult<Vec<Person>> {
    with_store(&state, |s| {
        let role = role.as_deref().map(Role::parse).transpose()?;
        people::list_people(s, program_id, role)
    })
}

/// A person's earlier programs in the file ("Mentored in MILE 2026: …").
#[tauri::command]
pub async fn person_history(
    state: State<'_, AppState>,
    person_id: i64,
) -> CommandResult<matchbook::returning::History> {
    with_store(&state, |s| {
        matchbook::returning::person_history(s, person_id)
    })
}

/// A program's eligibility rules and who they leave out.
#[derive(Serialize)]
pub struct EligibilityView {
    rules: eligibility::Rules,
    not_eligible: Vec<eligibility::NotEligible>,
    /// Who said no (or nothing) to a consent question of their form.
    no_consent: Vec<eligibility::NotEligible>,
}

fn eligibility_view(s: &Store, program_id: i64) -> matchbook::Result<EligibilityView> {
    Ok(EligibilityView {
        rules: eligibility::rules(s, program_id)?,
        not_eligible: eligibility::not_eligible(s, program_id)?,
        no_consent: eligibility::no_consent(s, program_id)?,
    })
}

#[tauri::command]
pub async fn eligibility(
    state: State<'_, AppState>,
    program_id: i64,
) -> CommandResult<EligibilityView> {
    with_store(&state, |s| eligibility_view(s, program_id))
}

#[tauri::command]
pub async fn set_eligibility_rules(
    state: State<'_, AppState>,
    program_id: i64,
    rules: eligibility::Rules,
) -> CommandResult<EligibilityView> {
    with_store(&state, |s| {
        eligibility::set_rules(s, program_id, rules)?;
        eligibility_view(s, program_id)
    })
}

/// Matches someone the rules leave out anyway, for a reason (None: the rules apply again).
#[tauri::command]
pub async fn set_eligibility_override(
    state: State<'_, AppState>,
    person_id: i64,
    reason: Option<String>,
) -> CommandResult<()> {
    with_store(&state, |s| {
        eligibility::set_override(s, person_id, reason.as_deref())
    })
}

/// Records the day a person gave consent (typed as the committee writes dates).
#[tauri::command]
pub async fn record_consent(
    state: State<'_, AppState>,
    person_id: i64,
    given_on: String,
) -> CommandResult<()> {
    with_store(&state, |s| {
        let day = matchbook::dates::read_date(&given_on).map_err(matchbook::Error::Invalid)?;
        eligibility::record_consent(s, person_id, day)
    })
}

/// Who is due for erasure at the end of their program's retention period, and when.
#[tauri::command]
pub async fn privacy_plan(state: State<'_, AppState>) -> CommandResult<Vec<PlanEntry>> {
    with_store(&state, |s| {
        retention::privacy_plan(s, matchbook::time::today())
    })
}

/// Erases the details of the people of every program due today.
#[tauri::command]
pub async fn run_erasure(state: State<'_, AppState>) -> CommandResult<ErasureReport> {
    with_store(&state, |s| {
        retention::run_erasure(s, matchbook::time::today())
    })
}

/// A program's retention period, and the one suggested.
#[derive(Serialize)]
pub struct RetentionView {
    #[serde(flatten)]
    rule: retention::Retention,
    suggested_months: u32,
}

#[tauri::command]
pub async fn retention(
    state: State<'_, AppState>,
    program_id: i64,
) -> CommandResult<RetentionView> {
    with_store(&state, |s| {
        Ok(RetentionView {
            rule: retention::retention(s, program_id)?,
            suggested_months: retention::SUGGESTED_MONTHS,
        })
    })
}

#[tauri::command]
pub async fn set_retention(
    state: State<'_, AppState>,
    program_id: i64,
    months: Option<u32>,
) -> CommandResult<retention::Retention> {
    with_store(&state, |s| retention::set_retention(s, program_id, months))
}

/// "Export this person's data…": their JSON and readable PDF into a folder
/// the committee chooses; the names of the files written (None: cancelled).
#[tauri::command]
pub async fn export_person_data(
    app: AppHandle,
    person_id: i64,
) -> CommandResult<Option<Vec<String>>> {
    run_blocking(move || {
        let Some(dir) = super::save::folder_target(&app, "Choose a folder for this person's data")?
        else {
            return Ok(None);
        };
        let state = app.state::<AppState>();
        let today = matchbook::time::today().to_string();
        let paths = with_store(&state, |s| {
            matchbook::person_data::export_person(s, person_id, &today, &dir)
        })?;
        Ok(Some(
            paths
                .iter()
                .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .collect(),
        ))
    })
    .await
}

/// What erasing a person would remove (for the confirmation).
#[tauri::command]
pub async fn erase_preview(
    state: State<'_, AppState>,
    person_id: i64,
) -> CommandResult<ErasePreview> {
    with_store(&state, |s| people::erase_preview(s, person_id))
}

/// Erases a person and everything about them from the file.
#[tauri::command]
pub async fn erase_person(
    state: State<'_, AppState>,
    person_id: i64,
) -> CommandResult<ErasePreview> {
    with_store(&state, |s| people::erase_person(s, person_id))
}

/// How many mentees a mentor can take, as the committee agreed with them.
#[tauri::command]
pub async fn set_mentor_capacity(
    state: State<'_, AppState>,
    person_id: i64,
    capacity: u32,
) -> CommandResult<Person> {
    with_store(&state, |s| people::set_capacity(s, person_id, capacity))
}

/// The backups panel: where they are, how many are kept, and the list.
#[derive(Serialize)]
pub struct BackupsView {
    folder: String,
    keep: u32,
    backups: Vec<BackupItem>,
}

/// A backup as the interface sees it: named by file name, never by path.
#[derive(Serialize)]
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
pub async fn list_backups(state: State<'_, AppState>) -> CommandResult<BackupsView> {
    with_store(&state, |s| backups_view(s))
}

#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> CommandResult<BackupsView> {
    with_store(&state, |s| {
        s.backup("by hand")?;
        backups_view(s)
    })
}

#[tauri::command]
pub async fn set_backups_to_keep(
    state: State<'_, AppState>,
    keep: u32,
) -> CommandResult<BackupsView> {
    with_store(&state, |s| {
        s.set_backups_to_keep(keep)?;
        backups_view(s)
    })
}

/// Replaces the open file with one of its backups (named by file name).
#[tauri::command]
pub async fn restore_backup(app: AppHandle, file_name: String) -> CommandResult<AppInfo> {
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
        Ok(file_changed(&app))
    })
    .await
}

/// The date a typed or pasted text means, as `YYYY-MM-DD`, or what is wrong with it.
#[tauri::command]
pub async fn read_date(text: String) -> CommandResult<String> {
    matchbook::dates::read_date(&text).map(|d| d.to_string())
}
