//! The Tracking screen's commands: the dashboard, a pair's page and its
//! record (meetings, goals, ending, completing), reminders, the check-in
//! calendar and the program report. Each translates to core calls.

use matchbook::dates::day_or_today;
use matchbook::letters::safe_file_name;
use matchbook::time::today;
use matchbook::tracking::{
    self, calendar, Dashboard, GoalInput, GoalUpdateInput, MeetingInput, PairDetail, RecordKind,
    Reminder, Report,
};
use tauri::{AppHandle, Manager, State};

use super::save::{print_pdf, program_file_name, save_target, write_file};
use super::{run_blocking, with_store, AppState, CommandResult};

#[tauri::command]
pub async fn tracking_dashboard(
    state: State<'_, AppState>,
    program_id: i64,
    as_of_date: Option<String>,
) -> CommandResult<Dashboard> {
    with_store(&state, |s| {
        tracking::dashboard(s, program_id, day_or_today(as_of_date.as_deref())?)
    })
}

#[tauri::command]
pub async fn tracking_pair(state: State<'_, AppState>, match_id: i64) -> CommandResult<PairDetail> {
    with_store(&state, |s| tracking::pair_detail(s, match_id, today()))
}

/// Adds a meeting (`meeting_id` none) or corrects one; returns the pair's page.
#[tauri::command]
pub async fn save_meeting(
    state: State<'_, AppState>,
    match_id: i64,
    meeting_id: Option<i64>,
    meeting: MeetingInput,
) -> CommandResult<PairDetail> {
    with_store(&state, |s| {
        match meeting_id {
            None => tracking::add_meeting(s, match_id, &meeting, today()).map(|_| ())?,
            Some(id) => tracking::edit_meeting(s, id, Some(match_id), &meeting, today())?,
        }
        tracking::pair_detail(s, match_id, today())
    })
}

/// Logs a meeting of a whole group (it counts for every member); returns its id.
#[tauri::command]
pub async fn add_group_meeting(
    state: State<'_, AppState>,
    program_id: i64,
    group_id: i64,
    meeting: MeetingInput,
) -> CommandResult<i64> {
    with_store(&state, |s| {
        tracking::add_group_meeting(s, program_id, group_id, &meeting, today())
    })
}

/// A participant's group or peer circle, with its meetings and their own
/// check-ins, for their panel on Applications (null when in none), as
/// `matchbook groups show --participant` prints it.
#[tauri::command]
pub async fn member_page(
    state: State<'_, AppState>,
    program_id: i64,
    person_id: i64,
) -> CommandResult<Option<tracking::MemberPage>> {
    with_store(&state, |s| {
        tracking::member_page_of(s, program_id, person_id, today())
    })
}

/// Deletes a meeting, or brings a deleted one back (Undo).
#[tauri::command]
pub async fn set_meeting_deleted(
    state: State<'_, AppState>,
    match_id: i64,
    meeting_id: i64,
    deleted: bool,
) -> CommandResult<PairDetail> {
    set_deleted(&state, RecordKind::Meeting, match_id, meeting_id, deleted)
}

/// Deletes a goal with its progress notes, or brings a deleted one back (Undo).
#[tauri::command]
pub async fn set_goal_deleted(
    state: State<'_, AppState>,
    match_id: i64,
    goal_id: i64,
    deleted: bool,
) -> CommandResult<PairDetail> {
    set_deleted(&state, RecordKind::Goal, match_id, goal_id, deleted)
}

fn set_deleted(
    state: &State<'_, AppState>,
    kind: RecordKind,
    match_id: i64,
    id: i64,
    deleted: bool,
) -> CommandResult<PairDetail> {
    with_store(state, |s| {
        tracking::set_record_deleted(s, kind, id, Some(match_id), deleted)?;
        tracking::pair_detail(s, match_id, today())
    })
}

/// Adds a goal (`goal_id` none) or corrects one.
#[tauri::command]
pub async fn save_goal(
    state: State<'_, AppState>,
    match_id: i64,
    goal_id: Option<i64>,
    goal: GoalInput,
) -> CommandResult<PairDetail> {
    with_store(&state, |s| {
        match goal_id {
            None => tracking::add_goal(s, match_id, &goal).map(|_| ())?,
            Some(id) => tracking::edit_goal(s, id, Some(match_id), &goal)?,
        }
        tracking::pair_detail(s, match_id, today())
    })
}

#[tauri::command]
pub async fn update_goal(
    state: State<'_, AppState>,
    match_id: i64,
    goal_id: i64,
    update: GoalUpdateInput,
) -> CommandResult<PairDetail> {
    with_store(&state, |s| {
        tracking::update_goal(s, goal_id, Some(match_id), &update, today())?;
        tracking::pair_detail(s, match_id, today())
    })
}

#[tauri::command]
pub async fn end_pair(
    state: State<'_, AppState>,
    match_id: i64,
    date: String,
    reason: String,
    note: Option<String>,
) -> CommandResult<PairDetail> {
    with_store(&state, |s| {
        let date = day_or_today(Some(&date))?;
        let note = note.unwrap_or_default();
        tracking::end_pair(s, match_id, date, &reason, &note, today())?;
        tracking::pair_detail(s, match_id, today())
    })
}

/// Undoes ending a pair early.
#[tauri::command]
pub async fn undo_end_pair(state: State<'_, AppState>, match_id: i64) -> CommandResult<PairDetail> {
    with_store(&state, |s| {
        tracking::undo_end(s, match_id)?;
        tracking::pair_detail(s, match_id, today())
    })
}

/// The mentor of a pair leaves the program: their running pairs end, their places become 0.
#[tauri::command]
pub async fn mentor_leaves(
    state: State<'_, AppState>,
    mentor_id: i64,
    date: String,
    note: String,
) -> CommandResult<Vec<i64>> {
    with_store(&state, |s| {
        let date = day_or_today(Some(&date))?;
        tracking::mentor_leaves(s, mentor_id, date, &note, today())
    })
}

/// Marks what put a pair at risk as handled, with the day and a note.
#[tauri::command]
pub async fn mark_risk_handled(
    state: State<'_, AppState>,
    match_id: i64,
    date: String,
    note: String,
) -> CommandResult<PairDetail> {
    with_store(&state, |s| {
        let date = day_or_today(Some(&date))?;
        tracking::mark_risk_handled(s, match_id, date, &note, today())?;
        tracking::pair_detail(s, match_id, today())
    })
}

/// Undoes the latest "handled" of a pair's risk.
#[tauri::command]
pub async fn undo_risk_handled(
    state: State<'_, AppState>,
    match_id: i64,
) -> CommandResult<PairDetail> {
    with_store(&state, |s| {
        tracking::undo_risk_handled(s, match_id)?;
        tracking::pair_detail(s, match_id, today())
    })
}

/// Marks pairs completed (`match_ids` empty: every running pair).
#[tauri::command]
pub async fn complete_pairs(
    state: State<'_, AppState>,
    program_id: i64,
    match_ids: Vec<i64>,
) -> CommandResult<usize> {
    with_store(&state, |s| {
        tracking::complete_pairs(s, program_id, &match_ids, None, today())
    })
}

/// Opens the reminder (as edited) as a new email in the mail program.
#[tauri::command]
pub async fn open_in_mail_app(to: Vec<String>, subject: String, body: String) -> CommandResult<()> {
    let draft = matchbook::emails::Draft {
        to: to
            .into_iter()
            .map(|email| matchbook::emails::Mailbox {
                name: String::new(),
                email,
            })
            .collect(),
        from: None,
        subject,
        body,
        attachment: None,
    };
    super::save::open_mailto(&draft.mailto())
}

#[tauri::command]
pub async fn pair_reminder(state: State<'_, AppState>, match_id: i64) -> CommandResult<Reminder> {
    with_store(&state, |s| {
        matchbook::emails::pair_reminder(s, match_id, today())
    })
}

#[tauri::command]
pub async fn tracking_report(
    state: State<'_, AppState>,
    program_id: i64,
    as_of_date: Option<String>,
) -> CommandResult<Report> {
    with_store(&state, |s| {
        tracking::report(s, program_id, day_or_today(as_of_date.as_deref())?)
    })
}

/// Saves the `.ics` check-in calendar of the program or one pair (the
/// program's past dates too with `past_dates`). With no date to save, no
/// dialog opens and `path` is empty: the summary says why.
#[tauri::command]
pub async fn save_calendar(
    app: AppHandle,
    program_id: i64,
    match_id: Option<i64>,
    past_dates: Option<bool>,
) -> CommandResult<SavedCalendar> {
    run_blocking(move || {
        let state = app.state::<AppState>();
        let past_dates = past_dates.unwrap_or(false);
        let (file, who) = with_store(&state, |s| {
            let file = calendar::calendar(s, program_id, match_id, today(), past_dates)?;
            let who = match match_id {
                Some(id) => tracking::pair_detail(s, id, today())
                    .map(|d| format!(" - {}", safe_file_name(&d.pair.participant)))?,
                None => String::new(),
            };
            Ok((file, who))
        })?;
        let mut saved = SavedCalendar {
            path: None,
            events: file.events,
            past_left_out: file.past_left_out,
            summary: file.summary(),
        };
        if file.events == 0 {
            return Ok(saved);
        }
        let suggested = format!(
            "Check-ins - {}{who}.ics",
            program_file_name(&app, program_id)?
        );
        let Some(path) = save_target(
            &app,
            "Save the check-in dates as a calendar",
            &suggested,
            ("Calendar", &["ics"]),
        )?
        else {
            return Ok(saved);
        };
        write_file(&path, file.ics.as_bytes())?;
        saved.path = Some(path.display().to_string());
        Ok(saved)
    })
    .await
}

/// What `save_calendar` did: where it saved, and how many dates.
#[derive(serde::Serialize)]
pub struct SavedCalendar {
    path: Option<String>,
    events: usize,
    past_left_out: usize,
    /// "3 check-in dates", or why there are none.
    summary: String,
}

/// Saves the program report as PDF or CSV (`format`: "pdf" or "csv").
#[tauri::command]
pub async fn save_report(
    app: AppHandle,
    program_id: i64,
    as_of_date: Option<String>,
    format: String,
) -> CommandResult<Option<String>> {
    run_blocking(move || {
        let date = day_or_today(as_of_date.as_deref()).map_err(|e| e.to_string())?;
        save_pdf_or_csv(
            &app,
            program_id,
            &format,
            ("Report", "Save the program report"),
            |s, csv| {
                if csv {
                    tracking::report_csv(s, program_id, date)
                } else {
                    tracking::report_pdf(s, program_id, date)
                }
            },
        )
    })
    .await
}

/// The program outcomes report, from the end-of-program evaluations.
#[tauri::command]
pub async fn outcomes_report(
    state: State<'_, AppState>,
    program_id: i64,
) -> CommandResult<matchbook::tracking::Outcomes> {
    with_store(&state, |s| matchbook::tracking::outcomes(s, program_id))
}

/// Saves the outcomes report as PDF or CSV (`format`: "pdf" or "csv").
#[tauri::command]
pub async fn save_outcomes(
    app: AppHandle,
    program_id: i64,
    format: String,
) -> CommandResult<Option<String>> {
    run_blocking(move || {
        save_pdf_or_csv(
            &app,
            program_id,
            &format,
            ("Outcomes", "Save the outcomes report"),
            |s, csv| {
                if csv {
                    matchbook::tracking::outcomes_csv(s, program_id)
                } else {
                    matchbook::tracking::outcomes_pdf(s, program_id, today())
                }
            },
        )
    })
    .await
}

/// Writes what `produce` makes (CSV when `format` is "csv", else PDF) where
/// the committee chooses, suggested as "NAME - PROGRAM.ext"; None when cancelled.
fn save_pdf_or_csv(
    app: &AppHandle,
    program_id: i64,
    format: &str,
    (name, title): (&str, &str),
    produce: impl FnOnce(&matchbook::Store, bool) -> matchbook::Result<Vec<u8>>,
) -> CommandResult<Option<String>> {
    let state = app.state::<AppState>();
    let csv = format.eq_ignore_ascii_case("csv");
    let bytes = with_store(&state, |s| produce(s, csv))?;
    let extension = if csv { "csv" } else { "pdf" };
    let suggested = format!(
        "{name} - {}.{extension}",
        program_file_name(app, program_id)?
    );
    let filter: (&str, &[&str]) = if csv {
        ("CSV", &["csv"])
    } else {
        ("PDF", &["pdf"])
    };
    let Some(path) = save_target(app, title, &suggested, filter)? else {
        return Ok(None);
    };
    write_file(&path, &bytes)?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub async fn print_report(
    app: AppHandle,
    program_id: i64,
    as_of_date: Option<String>,
) -> CommandResult<String> {
    run_blocking(move || {
        let state = app.state::<AppState>();
        let pdf = with_store(&state, |s| {
            tracking::report_pdf(s, program_id, day_or_today(as_of_date.as_deref())?)
        })?;
        let name = format!("Report - {}", program_file_name(&app, program_id)?);
        print_pdf(&app, &name, &pdf).map(|p| p.display().to_string())
    })
    .await
}
