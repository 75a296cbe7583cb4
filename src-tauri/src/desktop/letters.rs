//! The Letters screen's commands: templates and letterhead, the preview
//! (the same Typst layout that makes the PDF), saving, printing, the log,
//! and the mail-merge export. Saving and printing themselves are `save.rs`'s.

use matchbook::emails::{
    self, Campaign, EmailPreview, EmailProblem, EmailTemplates, EmailText, Written,
};
use matchbook::formkit::{self, Adopted, FormKind, Kit, KitWritten};
use matchbook::letters::{
    self, LetterSettings, LetterStatus, Logo, Placeholder, Preview, Recipient, Which,
};
use matchbook::programs;
use matchbook::time::{now_on, today};
use serde::Serialize;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use super::save::{
    dialog_path, folder_target, print_pdf, program_file_name, save_target, write_file,
};
use super::{run_blocking, with_store, AppState, CommandResult};

#[derive(Serialize)]
pub struct LettersOverview {
    settings: LetterSettings,
    placeholders: Vec<Placeholder>,
    log: Vec<LetterStatus>,
    /// The letters this program prints, each with its tab, field and default text.
    letters: Vec<letters::LetterChoice>,
}

#[tauri::command]
pub async fn letters_overview(
    state: State<'_, AppState>,
    program_id: i64,
) -> CommandResult<LettersOverview> {
    with_store(&state, |s| {
        Ok(LettersOverview {
            settings: letters::letter_settings(s, program_id)?,
            placeholders: letters::placeholders_for(s, program_id)?,
            log: letters::letter_log(s, program_id)?,
            letters: letters::letters_for(&programs::get_program(s, program_id)?),
        })
    })
}

/// How each letter greets its reader, for the committee to check.
#[tauri::command]
pub async fn letter_greetings(
    state: State<'_, AppState>,
    program_id: i64,
) -> CommandResult<Vec<letters::Greeting>> {
    with_store(&state, |s| letters::greetings(s, program_id))
}

/// Corrects one greeting (empty: back to the application's name).
#[tauri::command]
pub async fn set_letter_greeting(
    state: State<'_, AppState>,
    program_id: i64,
    person_id: i64,
    greeting: String,
) -> CommandResult<letters::Greeting> {
    with_store(&state, |s| {
        let person = matchbook::people::get_person(s, person_id)?;
        letters::set_greeting(s, program_id, &person, &greeting)
    })
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
        let kind = letters::LetterKind::parse(&kind)?;
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

#[tauri::command]
pub async fn save_letters_pdf(
    app: AppHandle,
    program_id: i64,
    which: Which,
) -> CommandResult<Option<Saved>> {
    run_blocking(move || {
        let suggested = format!("Letters - {}.pdf", program_file_name(&app, program_id)?);
        let Some(path) = save_target(
            &app,
            "Save the letters as one PDF",
            &suggested,
            ("PDF", &["pdf"]),
        )?
        else {
            return Ok(None);
        };
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

/// Email drafts (.eml), one per recipient, into a folder the committee
/// chooses: the letters (attached), check-in requests, reminders or the
/// closing email. None when the folder dialog was cancelled.
#[tauri::command]
pub async fn write_email_drafts(
    app: AppHandle,
    program_id: i64,
    campaign: Campaign,
    which: Which,
    include_answered: Option<bool>,
    choose_folder: Option<bool>,
) -> CommandResult<Option<Written>> {
    run_blocking(move || {
        let state = app.state::<AppState>();
        let order = emails::DraftsOrder {
            campaign,
            which,
            now: now_on(today()),
            include_answered: include_answered.unwrap_or(false),
        };
        let write = |folder: Option<&std::path::Path>| {
            with_store(&state, |s| {
                emails::write_drafts_to_folder(s, program_id, order.clone(), folder)
            })
        };
        // The program's drafts folder is asked for once, then remembered.
        if !choose_folder.unwrap_or(false) {
            if let Some(written) = write(None)? {
                return Ok(Some(written));
            }
        }
        match folder_target(&app, "Choose the folder where Matchbook writes the email drafts (it remembers it for this program)")? {
            Some(dir) => write(Some(&dir)),
            None => Ok(None),
        }
    })
    .await
}

/// The program's form kit, with the committee's edits.
#[tauri::command]
pub async fn form_kit(state: State<'_, AppState>, program_id: i64) -> CommandResult<Kit> {
    with_store(&state, |s| formkit::form_kit(s, program_id))
}

/// Saves the committee's ticks, wording and options; returns the kit as saved.
#[tauri::command]
pub async fn save_form_kit(
    state: State<'_, AppState>,
    program_id: i64,
    kit: Kit,
) -> CommandResult<Kit> {
    with_store(&state, |s| formkit::save_form_kit(s, program_id, &kit))
}

/// One form's question list, to paste into Google Forms or Microsoft Forms.
#[tauri::command]
pub async fn form_question_list(
    state: State<'_, AppState>,
    program_id: i64,
    form: FormKind,
) -> CommandResult<String> {
    with_store(&state, |s| {
        let kit = formkit::form_kit(s, program_id)?;
        Ok(kit
            .forms
            .iter()
            .find(|f| f.form == form)
            .map(formkit::question_list)
            .unwrap_or_default())
    })
}

/// Saves one form as a printable PDF where the committee chooses.
#[tauri::command]
pub async fn save_form_pdf(
    app: AppHandle,
    program_id: i64,
    form: FormKind,
) -> CommandResult<Option<String>> {
    run_blocking(move || {
        let state = app.state::<AppState>();
        let pdf = with_store(&state, |s| {
            let program = matchbook::programs::get_program(s, program_id)?;
            let kit = formkit::form_kit(s, program_id)?;
            let form = kit
                .forms
                .iter()
                .find(|f| f.form == form)
                .ok_or_else(|| matchbook::Error::Invalid("There is no such form.".into()))?;
            formkit::form_pdf(&program, form)
        })?;
        let suggested = format!(
            "{} - {}.pdf",
            form.title(),
            program_file_name(&app, program_id)?
        );
        let Some(path) = save_target(&app, "Save the form as PDF", &suggested, ("PDF", &["pdf"]))?
        else {
            return Ok(None);
        };
        write_file(&path, &pdf)?;
        Ok(Some(path.display().to_string()))
    })
    .await
}

/// Every form (PDF and question list) into a folder, and the kit adopted:
/// the program's questions, remembered columns and criteria.
#[tauri::command]
pub async fn save_form_kit_folder(
    app: AppHandle,
    program_id: i64,
) -> CommandResult<Option<KitWritten>> {
    run_blocking(move || {
        let Some(dir) = folder_target(&app, "Choose a folder for the forms")? else {
            return Ok(None);
        };
        let state = app.state::<AppState>();
        with_store(&state, |s| formkit::write_kit(s, program_id, &dir)).map(Some)
    })
    .await
}

/// Saves the application forms' questions as the program's, for matching.
#[tauri::command]
pub async fn adopt_form_kit(state: State<'_, AppState>, program_id: i64) -> CommandResult<Adopted> {
    with_store(&state, |s| {
        let kit = formkit::form_kit(s, program_id)?;
        formkit::adopt_kit(s, program_id, &kit)
    })
}

/// The program's email texts.
#[tauri::command]
pub async fn email_templates(
    state: State<'_, AppState>,
    program_id: i64,
) -> CommandResult<EmailTemplates> {
    with_store(&state, |s| emails::email_templates(s, program_id))
}

/// Saves the email texts when none has a problem; returns the problems.
#[tauri::command]
pub async fn save_email_templates(
    state: State<'_, AppState>,
    program_id: i64,
    templates: EmailTemplates,
) -> CommandResult<Vec<EmailProblem>> {
    with_store(&state, |s| {
        emails::save_email_templates(s, program_id, &templates)
    })
}

/// An email text as typed (saved or not), written for its first recipient.
#[tauri::command]
pub async fn preview_email(
    state: State<'_, AppState>,
    program_id: i64,
    templates: EmailTemplates,
    text: EmailText,
) -> CommandResult<EmailPreview> {
    with_store(&state, |s| {
        emails::preview(s, program_id, &templates, text, today())
    })
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
        let name = format!("Letters - {}", program_file_name(&app, program_id)?);
        let path = print_pdf(&app, &name, &pdf)?;
        record(&app, program_id, &recipients, "printed")?;
        Ok(Saved {
            path: path.display().to_string(),
            letters: recipients.len(),
        })
    })
    .await
}

#[tauri::command]
pub async fn export_matches_csv(app: AppHandle, program_id: i64) -> CommandResult<Option<String>> {
    run_blocking(move || {
        let suggested = format!("Matches - {}.csv", program_file_name(&app, program_id)?);
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
        write_file(&path, &csv)?;
        Ok(Some(path.display().to_string()))
    })
    .await
}
