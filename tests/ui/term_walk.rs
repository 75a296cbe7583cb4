//! What a newcomer's walk through the 18 months found in the window once the
//! term rules were in: a risk marked handled can be undone, and after it the
//! pair's page still offers a word to one person alone; "Handled on" says at
//! the field when a date is before the program's kickoff; after the term,
//! the calendar says there are no dates ahead and offers the past ones.

use crate::support::artifacts_dir;
use crate::support::desktop::desktop_available;
use crate::surveys::{quarterly_program, quarterly_program_on};

#[test]
fn marking_a_risk_handled_can_be_undone_and_keeps_writing_to_one_person_alone() {
    if !desktop_available() {
        return;
    }
    let (desktop, answers) = quarterly_program();
    desktop.command(&[
        "import",
        answers.to_str().expect("path"),
        "--as",
        "check-ins",
    ]);
    let report = desktop.command(&["report", "--json"]);
    let eli = report["pairs"]
        .as_array()
        .expect("pairs")
        .iter()
        .find(|p| p["participant"] == "Eli Haugen")
        .expect("Eli's pair")["match_id"]
        .as_i64()
        .expect("id");
    let app = desktop.launch();
    app.wait_for("#tracking-table tbody tr");
    app.click(&format!(
        "#tracking-table tr[data-match-id='{eli}'] button.link"
    ));
    app.wait_for("#pair-risk");
    app.click("#mark-handled");
    app.wait_for("#handled-date");
    // A date before the kickoff is refused at the field.
    app.clear("#handled-date");
    app.type_into("#handled-date", "2019-05-10");
    app.type_into("#handled-note", "Called Eli; they try two more months");
    app.click("#panel button[type=submit]");
    let said = app.wait_for_text("#handled-date-message", "kickoff");
    assert!(
        said.contains("before the program's kickoff (1 May 2026)"),
        "{said}"
    );
    // A timestamp pasted from the form gives its date.
    app.clear("#handled-date");
    app.type_into("#handled-date", "2026/09/02 10:15:22 AM EST");
    app.click("#panel button[type=submit]");
    app.wait_for_text("#toasts", "is marked handled");
    let card = app.wait_for_text("#risk-handled", "Risk handled 2 September 2026");
    assert!(card.contains("two more months"), "{card}");
    // After handling, a word to one of them alone is still at hand.
    app.wait_for("#risk-handled #write-participant");
    app.wait_for("#risk-handled #write-mentor");
    app.execute(
        "document.querySelectorAll('.toast').forEach((t) => t.classList.add('keep')); document.getElementById('main').scrollTo(0, 0);",
        serde_json::json!([]),
    );
    app.screenshot(&artifacts_dir().join("tracking-risk-handled.png"));
    app.click("#toasts .toast-action");
    app.wait_for_text("#toasts", "no longer marked handled");
    app.wait_for("#pair-risk #mark-handled");
    app.quit();
    let report = desktop.command(&["report", "--json"]);
    let pair = report["pairs"]
        .as_array()
        .expect("pairs")
        .iter()
        .find(|p| p["participant"] == "Eli Haugen")
        .expect("Eli's pair")
        .clone();
    assert_eq!(pair["at_risk"], true, "Undo took the handling back");
}

#[test]
fn after_the_term_the_calendar_says_there_are_no_dates_ahead_and_offers_the_past_ones() {
    if !desktop_available() {
        return;
    }
    let (desktop, _) = quarterly_program_on("2027-11-05");
    let app = desktop.launch();
    app.click(".place[data-place=tracking]");
    app.wait_for("#tracking-table tbody tr");
    app.click("#save-calendar");
    let said = app.wait_for_text("#toasts", "no check-in dates ahead");
    assert!(said.contains("the 6 dates of the term are past"), "{said}");
    assert!(
        std::fs::read_dir(desktop.saved_dir())
            .map(|d| d.count())
            .unwrap_or(0)
            == 0,
        "nothing saved, no dialog"
    );
    // Under load the compositor lags behind the page: give the picture time.
    std::thread::sleep(std::time::Duration::from_secs(2));
    app.screenshot(&artifacts_dir().join("tracking-calendar-after-term.png"));
    app.click("#toasts .toast-action");
    app.wait_for_text("#toasts", "Saved 6 check-in dates");
    app.quit();
    let saved: Vec<std::path::PathBuf> = std::fs::read_dir(desktop.saved_dir())
        .expect("saved")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    let ics = std::fs::read_to_string(&saved[0]).expect("ics");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 6);
}
