//! End-to-end test of importing in the real window: drop a spreadsheet, check
//! the mapping, import, see the people, undo.

use serde_json::json;

use crate::support::desktop::{desktop_available, Desktop};
use crate::support::{artifacts_dir, fixture};

#[test]
fn a_dropped_spreadsheet_is_previewed_imported_and_undone() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    desktop.command(&[
        "program",
        "create",
        "--name",
        "MILE 2019",
        "--kickoff",
        "2019-05-10",
    ]);
    let app = desktop.launch();
    app.click(".place[data-place='applications']");
    app.wait_for_text("main", "No applications yet");

    app.drop_files(&[&fixture("google_mentors.csv")]);
    app.wait_for("#mapping-table");
    let facts = app.wait_for_text("#import-facts", "row 1");
    assert!(facts.contains("7 rows"), "{facts}");
    // Guessed from the file name and questions: mentors.
    let role = app.execute(
        "return document.querySelector('#import-role input:checked')?.value;",
        json!([]),
    );
    assert_eq!(role, json!("mentor"));
    let email = app.execute(
        "return document.querySelector('select[data-header=\"Email Address\"]').value;",
        json!([]),
    );
    assert_eq!(email, json!("email"));
    let areas = app.text_of("#mapping-table");
    assert!(
        areas.contains("Diversity, equity & inclusion"),
        "options learned from the column: {areas}"
    );
    app.screenshot(&artifacts_dir().join("import-mapping.png"));

    app.click("#import-run");
    app.wait_for("#import-result");
    assert_eq!(app.text_of("#stat-added .stat-value"), "4");
    assert_eq!(app.text_of("#stat-merged .stat-value"), "1");
    let attention = app.text_of("#attention-table");
    assert!(attention.contains("no name and no email"), "{attention}");
    app.screenshot(&artifacts_dir().join("import-result.png"));

    app.click("#import-done");
    app.wait_for_text("#people-count", "4 people of 4");
    app.type_into("#people-search", "Zoë");
    app.wait_for_text("#people-count", "1 person of 4");
    app.clear("#people-search");
    app.screenshot(&artifacts_dir().join("applications-imported.png"));

    app.click("#history-button");
    app.click("#import-history button");
    // Undo asks first and says what it will remove.
    let question = app.wait_for_text("#import-history", "removes the 4 people it added");
    assert!(question.contains("Cancel"), "{question}");
    app.click("#import-history button.confirm");
    app.wait_for_text("main", "No applications yet");
    app.quit();

    let people = desktop.command(&["people", "list", "--json"]);
    assert_eq!(people, json!([]), "the undo reached the program file");
}

/// Issue 14: one form both roles filled, with a checkbox question exported
/// one column per option: the mapping screen shows both roles and the
/// grouped options, and both mentors and participants arrive.
#[test]
fn a_form_of_both_roles_is_imported_as_mentors_and_participants() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    desktop.command(&["program", "create", "--name", "Combined 2026"]);
    let app = desktop.launch();
    app.click(".place[data-place='applications']");
    app.wait_for_text("main", "No applications yet");

    app.drop_files(&[&fixture("combined_roles.csv")]);
    app.wait_for("#mapping-table");
    let role = app.execute(
        "return document.querySelector('#import-role input:checked')?.value;",
        json!([]),
    );
    assert_eq!(role, json!("both"), "a role column means both roles");
    let who = app.wait_for_text("#role-answers", "Not sure yet");
    assert!(who.contains("Mentee (participant)"), "{who}");
    let unknown = app.execute(
        "return document.querySelector('#role-answers select[data-answer=\"Not sure yet\"]').value;",
        json!([]),
    );
    assert_eq!(
        unknown,
        json!(""),
        "an answer naming neither role is not guessed"
    );
    // The five "Skills [..]" columns are one question with five options.
    let skills = app.execute(
        "const row = [...document.querySelectorAll('#mapping-table tbody tr')].find((r) => r.querySelector('th').textContent.startsWith('Skills'));
         return row ? [row.dataset.grouped, row.querySelector('select.mapping-select').value, row.querySelectorAll('.chips .chip').length] : null;",
        json!([]),
    );
    assert_eq!(skills, json!(["options", "areas", 5]));
    app.screenshot(&artifacts_dir().join("import-both-roles.png"));

    app.click("#import-run");
    app.wait_for("#import-result");
    let roles = app.text_of("#import-roles");
    assert!(roles.contains("12 mentors and 16 participants"), "{roles}");
    assert!(app.text_of("#attention-table").contains("Not sure yet"));
    app.click("#import-done");
    app.wait_for_text("#people-count", "28 people of 28");
    app.quit();

    let mentors = desktop.command(&["people", "list", "--role", "mentor", "--json"]);
    let participants = desktop.command(&["people", "list", "--role", "participant", "--json"]);
    assert_eq!(mentors.as_array().map(Vec::len), Some(12));
    assert_eq!(participants.as_array().map(Vec::len), Some(16));
}

/// Issue 20, item 2: a spreadsheet dropped before any program exists opens
/// "New program" with a name from the file, then goes on to the import.
#[test]
fn a_spreadsheet_dropped_before_any_program_makes_one_on_the_spot() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    let app = desktop.launch();
    app.wait_for("main");
    app.drop_files(&[&fixture("google_mentors.csv")]);
    let intro = app.wait_for_text("#program-for-files", "google_mentors.csv");
    assert!(intro.contains("continues right after"), "{intro}");
    let name = app.execute(
        "return document.querySelector('#program-name').value;",
        json!([]),
    );
    assert_eq!(name, json!("Google mentors"));
    app.click("#save-program");
    app.wait_for("#mapping-table");
    assert!(app.text_of(".import-choices").contains("Google mentors"));
    app.quit();
    let programs = desktop.command(&["program", "list", "--json"]);
    assert_eq!(programs[0]["name"], "Google mentors", "{programs}");
}

/// Issue 34: two spreadsheets dropped together get a tab each; one whose
/// role Matchbook cannot tell waits for the committee's word, then one
/// Import brings both in, and each file keeps its own Undo.
#[test]
fn files_dropped_together_import_in_one_step_with_an_undo_each() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    desktop.command(&["program", "create", "--name", "MILE 2019"]);
    let unknown = desktop.home.path().join("export.csv");
    std::fs::write(
        &unknown,
        "Email Address,Name,Library\nada@example.org,Ada Lovelace,Duluth\nbo@example.org,Bo Chen,Ely\n",
    )
    .expect("write");
    let app = desktop.launch();
    app.drop_files(&[&fixture("google_mentors.csv"), &unknown]);
    let tabs = app.wait_for_text("#import-files", "Mentors or participants?");
    assert!(tabs.contains("Mentors · 7 rows"), "{tabs}");
    app.wait_for_text(
        "#import-run",
        "Choose mentors or participants for export.csv",
    );

    app.click("#import-files [data-file='export.csv']");
    app.wait_for_text(".page-heading", "export.csv (2 of 2 files)");
    // Leaving one file out names the file it leaves out.
    app.wait_for_text("#import-cancel", "Skip export.csv");
    app.click("#import-role input[value='participant']");
    app.wait_for_text("#import-files", "Participants · 2 rows");
    app.wait_for_text("#import-together", "One Import brings in both files");
    app.screenshot(&artifacts_dir().join("import-together.png"));
    // A laptop at 150% scaling: the tabs wrap their names, nothing scrolls sideways.
    app.resize(800, 600);
    app.screenshot(&artifacts_dir().join("import-together-narrow.png"));
    let wide = app.execute(
        "return document.documentElement.scrollWidth > document.documentElement.clientWidth;",
        json!([]),
    );
    assert_eq!(wide, json!(false), "the page scrolls sideways at 800 px");
    app.click("#import-run");
    let result = app.wait_for_text("#import-result", "Imported 2 files");
    assert!(result.contains("export.csv: participants"), "{result}");
    assert!(result.contains("Go to Matching"), "{result}");

    // Undo one file: the other stays imported, and on the page.
    app.click(".import-file-result[data-file='export.csv'] .confirming button");
    app.click(".import-file-result[data-file='export.csv'] .confirming button.confirm");
    app.wait_for_text("#toasts", "Undid the import of export.csv");
    let left = app.text_of("#import-result");
    assert!(!left.contains("export.csv"), "{left}");
    assert!(left.contains("google_mentors.csv"), "{left}");
    app.quit();
    let programs = desktop.command(&["program", "list", "--json"]);
    // 7 rows of 4 people (duplicates merged, a row without a name listed).
    assert_eq!(programs[0]["mentors"], 4, "{programs}");
    assert_eq!(programs[0]["participants"], 0, "{programs}");
}
