//! End-to-end: a committee drops its quarterly check-in responses on the
//! window, Matchbook recognises them as check-ins, imports them, and the
//! dashboard shows the pair at risk (with why) and each pair's
//! satisfaction; undoing the import from the history takes it all back.

use serde_json::json;

use crate::support::artifacts_dir;
use crate::support::desktop::{desktop_available, Desktop};
use crate::support::surveys::{cohort_steps, confirmed_before_kickoff, survey_fixture};

#[test]
fn dropped_check_ins_fill_the_dashboard_and_undo_takes_them_back() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start_on(Some("2026-04-20"));
    for step in cohort_steps() {
        let args: Vec<&str> = step.iter().map(String::as_str).collect();
        desktop.command(&args);
    }
    confirmed_before_kickoff(&desktop.default_program_file());
    let app = desktop.launch();
    app.click(".place[data-place=tracking]");
    app.wait_for("#tracking-table tbody tr");

    let file = survey_fixture("checkins_q1_google.csv");
    app.drop_files(&[&file]);
    // Recognised as check-in responses, not applications.
    app.wait_for("#import-responses input[value=check_ins]:checked");
    let means = app.execute(
        "return [...document.querySelectorAll('#mapping-table select')].map(s => [s.dataset.header, s.value]);",
        json!([]),
    );
    let means = means.as_array().expect("columns");
    assert!(
        means.contains(&json!(["Have you met since the last check-in?", "met"])),
        "{means:?}"
    );
    app.screenshot(&artifacts_dir().join("import-check-ins.png"));
    app.click("#import-run");
    app.wait_for("#import-result");
    assert_eq!(app.text_of("#stat-recorded .stat-value"), "6");
    let recorded = app.text_of("#stat-recorded");
    assert!(
        recorded.contains("1 replacing an earlier answer"),
        "{recorded}"
    );
    let check = app.text_of("#attention-table");
    assert!(
        check.contains("stranger@example.org") && check.contains("Outside the term"),
        "{check}"
    );
    app.screenshot(&artifacts_dir().join("import-check-ins-result.png"));

    app.click("#import-done");
    let risk = app.wait_for_text("#at-risk", "Eli Haugen & Ada Okafor");
    assert!(risk.contains("satisfaction 2 of 5"), "{risk}");
    assert!(
        risk.contains("different mentor"),
        "the note itself is shown: {risk}"
    );
    let dana = app.execute(
        "const row = [...document.querySelectorAll('#tracking-table tbody tr')].find(r => r.textContent.includes('Dana Pérez')); return row.querySelector('.satisfaction-value').textContent;",
        json!([]),
    );
    assert_eq!(dana, json!("4/5"), "Dana's newest answer");
    app.screenshot(&artifacts_dir().join("tracking-at-risk.png"));
    app.execute(
        "document.getElementById('tracking-table').scrollIntoView({block: 'start'});",
        json!([]),
    );
    app.screenshot(&artifacts_dir().join("tracking-satisfaction.png"));

    // Undo from the import history: the pair is no longer at risk.
    app.click(".place[data-place=applications]");
    app.click("#history-button");
    app.wait_for_text("#import-history", "check-in responses");
    app.execute(
        "[...document.querySelectorAll('#import-history li')].find(li => li.textContent.includes('checkins_q1_google.csv')).querySelector('button').click();",
        json!([]),
    );
    app.click("#import-history .confirming button.confirm");
    app.wait_for_text("#import-history", "Undone");
    app.click(".place[data-place=tracking]");
    app.wait_for("#tracking-table tbody tr");
    assert!(
        app.try_find("#at-risk").is_none(),
        "nothing is at risk after the undo"
    );
    app.quit();
}

/// The end of the term: evaluations imported, the outcomes page shows the
/// Net Promoter Score and the statements (promised benefits first, with the
/// application's baseline), and saves the PDF for the association.
#[test]
fn the_outcomes_page_reads_the_evaluations_and_saves_a_pdf() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start_on(Some("2027-07-25"));
    for step in cohort_steps() {
        let args: Vec<&str> = step.iter().map(String::as_str).collect();
        desktop.command(&args);
    }
    confirmed_before_kickoff(&desktop.default_program_file());
    for file in [
        "evaluation_participants_google.csv",
        "evaluation_mentors_msforms.xlsx",
    ] {
        let path = survey_fixture(file);
        desktop.command(&["import", path.to_str().unwrap(), "--as", "evaluations"]);
    }
    let app = desktop.launch();
    app.click(".place[data-place=tracking]");
    app.click("#open-outcomes");
    let nps = app.wait_for_text("#stat-nps", "Net Promoter Score");
    assert!(nps.starts_with("+33"), "{nps}");
    let first = app.text_of("#statements-table tbody tr:first-child");
    assert!(
        first.contains("I feel less professionally isolated")
            && first.contains("75 %")
            && first.contains("25 % (4)"),
        "{first}"
    );
    let comments = app.text_of("#outcomes-comments");
    assert!(
        comments.contains("=HYPERLINK"),
        "a comment shows as the text it is: {comments}"
    );
    app.screenshot(&artifacts_dir().join("outcomes.png"));
    app.click("#save-outcomes-pdf");
    let saved = crate::support::wait::until(
        std::time::Duration::from_secs(20),
        "the outcomes PDF",
        || {
            std::fs::read_dir(desktop.saved_dir())
                .ok()
                .and_then(|d| {
                    d.flatten()
                        .map(|e| e.path())
                        .find(|p| p.extension().is_some_and(|x| x == "pdf"))
                })
                .ok_or_else(|| "not yet".to_string())
        },
    );
    let text = crate::support::pdf::text(&saved);
    assert!(
        text.contains("Program outcomes") && text.contains("Glad I joined."),
        "{text}"
    );
    std::fs::copy(&saved, artifacts_dir().join("outcomes.pdf")).ok();
    app.quit();
}

/// The cohort with a kickoff on 1 May 2026, its pairs confirmed that day,
/// and its Q1 answers (given in August and early September) beside the
/// drafts folder; the window's day is 3 September 2026.
pub(crate) fn quarterly_program() -> (Desktop, std::path::PathBuf) {
    quarterly_program_on("2026-09-03")
}

/// [`quarterly_program`] with the window on another day.
pub(crate) fn quarterly_program_on(today: &str) -> (Desktop, std::path::PathBuf) {
    let desktop = Desktop::start_on(Some(today));
    for step in cohort_steps() {
        let args: Vec<&str> = step.iter().map(String::as_str).collect();
        desktop.command(&args);
    }
    desktop.command(&["program", "edit", "--kickoff", "2026-05-01"]);
    rusqlite::Connection::open(desktop.default_program_file())
        .expect("open")
        .execute(
            "UPDATE matches SET confirmed_at = '2026-05-01T12:00:00Z' WHERE status = 'confirmed'",
            [],
        )
        .expect("confirmed on the kickoff day");
    let answers = desktop
        .saved_dir()
        .with_file_name("Q1 check-in (Responses).csv");
    std::fs::write(
        &answers,
        "Timestamp,Email Address,Have you met since the last check-in?,How many times did you meet?,How satisfied are you with the mentoring? (1-5),Anything else for the committee?\n\
         2026/08/20 10:00:00 AM GMT-5,dana.perez@example.org,Yes,2,5,\n\
         2026/09/02 10:00:00 AM GMT-5,eli.haugen@example.org,No,0,2,I would like a different mentor\n\
         2026/08/25 10:00:00 AM GMT-5,fatima.nasser@example.org,Yes,1,4,\n\
         2026/08/26 10:00:00 AM GMT-5,bruno.lindqvist@example.org,Yes,1,4,\n",
    )
    .expect("answers");
    (desktop, answers)
}

/// The quarterly routine in three actions: drop the responses, Import, and
/// "Prepare reminders (1)" from the result, which shows the at-risk pair,
/// the overdue one and who has not answered. Kickoff 1 May 2026, the Q1
/// answers given in August and early September, the window on 3 September.
#[test]
fn the_quarterly_routine_takes_three_actions() {
    if !desktop_available() {
        return;
    }
    let (desktop, answers) = quarterly_program();
    let app = desktop.launch();
    // The window opens on Tracking in the middle of the term.
    app.wait_for("#tracking-table tbody tr");

    // 1. Drop the responses.
    app.drop_files(&[&answers]);
    app.wait_for("#import-responses input[value=check_ins]:checked");
    app.wait_for_text(
        "#survey-periods",
        "These answers are for Q1 (1 May – 31 July 2026).",
    );
    // 2. Import.
    app.click("#import-run");
    app.wait_for("#import-result");
    let standing = app.wait_for_text("#import-standing", "At risk (1)");
    assert!(
        standing.contains("Eli Haugen & Ada Okafor") && standing.contains("different mentor"),
        "{standing}"
    );
    assert!(
        app.text_of("#standing-overdue")
            .contains("Gus Moreau & Chen Wei"),
        "the overdue pair is named"
    );
    let waiting = app.text_of("#standing-not-answered");
    assert!(waiting.contains("Not answered Q1 yet (3)"), "{waiting}");
    // The names, not only how many.
    assert!(
        waiting.contains("Gus Moreau") && waiting.contains("Chen Wei"),
        "{waiting}"
    );
    app.execute(
        "document.querySelectorAll('.toast').forEach((t) => t.remove());",
        json!([]),
    );
    app.screenshot(&artifacts_dir().join("quarterly-routine-result.png"));
    // 3. Prepare reminders: one draft, for the overdue pair that is not at risk.
    assert_eq!(app.text_of("#prepare-reminders"), "Prepare reminders (1)");
    app.click("#prepare-reminders");
    app.wait_for_text("#toasts", "Wrote 1 email draft");
    let drafts: Vec<String> = std::fs::read_dir(desktop.saved_dir())
        .expect("drafts folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(drafts, vec!["Reminder - Gus Moreau and Chen Wei.eml"]);
    app.quit();
}
