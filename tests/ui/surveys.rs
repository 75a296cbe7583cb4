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
