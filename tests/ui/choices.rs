//! End-to-end: a committee drops the file of its mentor choices form on the
//! window, Matchbook recognises it as ranked choices, says what importing
//! would do, imports it, and after computing "No one would trade" the pair
//! reasons name the choices and the quality panel reads the same figures the
//! command line computes from the same file.

use serde_json::json;

use crate::support::artifacts_dir;
use crate::support::choices::{write_choices, Choosing};
use crate::support::cli;
use crate::support::desktop::{desktop_available, Desktop};

#[test]
fn dropped_choices_show_in_reasons_and_the_quality_panel() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    desktop.command(&["sample"]);
    let db = desktop.default_program_file();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mentor-choices.csv");
    write_choices(&db, &file, Choosing::Spread, 1);

    // What the command line makes of the same file, on a copy of the program file.
    let copy = dir.path().join("copy.matchbook");
    std::fs::copy(&db, &copy).unwrap();
    cli::ok(
        &copy,
        &["import", file.to_str().unwrap(), "--as", "choices"],
    );
    let run = cli::json(&cli::matchbook(
        &copy,
        &["match", "run", "--goal", "stable", "--json"],
    ));
    let figures = &run["quality"]["choices"];
    let expected = format!(
        "{} of {} got their 1st choice, {} a top-3 choice",
        figures["first"], figures["chose"], figures["top3"]
    );

    let app = desktop.launch();
    app.click(".place[data-place=matching]");
    app.wait_for("#compute-matches");
    app.drop_files(&[&file]);
    app.wait_for("#import-ranked input[value=choices]:checked");
    let would = app.wait_for_text("#choices-would", "60 participants");
    assert!(would.contains("179 choices"), "{would}");
    let check = app.text_of("#choices-attention");
    assert!(check.contains("“Zelda Zzyzx” (2nd choice of"), "{check}");
    app.screenshot(&artifacts_dir().join("import-choices.png"));
    app.click("#import-run");
    app.wait_for_text("#choices-summary", "179 choices");
    app.click("#import-done");

    app.wait_for("#compute-matches");
    // The criterion's shares, as the core holds them, ready to change.
    let criteria = cli::json(&cli::matchbook(&copy, &["criteria", "list", "--json"]));
    let shares = criteria["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|c| c.get("choice_shares").cloned())
        .expect("a criterion with shares");
    let shown = app.execute(
        "return [...document.querySelectorAll('#choice-shares input')].map(i => Number(i.value));",
        json!([]),
    );
    assert_eq!(shown, shares);
    app.execute(
        "document.getElementById('choice-shares').scrollIntoView({block: 'center'});",
        json!([]),
    );
    app.screenshot(&artifacts_dir().join("matching-choice-shares.png"));
    app.click("#match-goal input[value=stable]");
    app.click("#compute-matches");
    let shown = app.wait_for_text("#choice-figures", "got their 1st choice");
    assert!(shown.contains(&expected), "{shown} vs {expected}");
    let chips = app.execute(
        "return [...document.querySelectorAll('#proposal-table .chip')].map(c => c.textContent).filter(t => t.endsWith('1st choice')).length;",
        json!([]),
    );
    assert_eq!(chips, figures["first"], "each 1st choice shows as a reason");
    let by = app.text_of("#would-rather-by");
    assert!(by.contains("ranked choices first"), "{by}");
    app.execute(
        "document.getElementById('proposal-table').scrollIntoView({block: 'start'});",
        json!([]),
    );
    app.screenshot(&artifacts_dir().join("matching-choice-reasons.png"));
    app.execute(
        "document.getElementById('choice-figures').scrollIntoView({block: 'center'});",
        json!([]),
    );
    app.screenshot(&artifacts_dir().join("matching-choice-figures.png"));

    // The three goals side by side, with the choices honoured.
    app.click("#compare-goals");
    let table = app.wait_for_text("#goal-comparison-table", "Got their 1st choice");
    assert!(table.contains("Got a top-3 choice"), "{table}");
    app.execute(
        "document.getElementById('goal-comparison-table').scrollIntoView({block: 'end'});",
        json!([]),
    );
    app.screenshot(&artifacts_dir().join("matching-goals-choices.png"));
}
