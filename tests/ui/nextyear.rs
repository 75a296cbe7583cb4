//! From one year to the next in the window: the waiting list on Matching.

use crate::support::artifacts_dir;
use crate::support::desktop::{desktop_available, Desktop};

#[test]
fn the_waiting_list_shows_who_had_no_mentor_and_why() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    desktop.confirmed_sample(&[]);
    let app = desktop.launch();
    app.click(".place[data-place=matching]");
    let heading = app.wait_for_text("#waiting-list h2", "Waiting list");
    assert!(heading.contains("(14)"), "{heading}");
    let rows = app.execute(
        "return [...document.querySelectorAll('#waiting-table tbody tr')].map(r => r.textContent);",
        serde_json::json!([]),
    );
    let rows = rows.as_array().expect("rows");
    assert_eq!(rows.len(), 14);
    for row in rows {
        let row = row.as_str().unwrap_or("");
        assert!(
            row.contains("No mentor had a place") && row.contains("Waiting since"),
            "{row}"
        );
    }
    app.execute(
        "document.getElementById('waiting-list').scrollIntoView({block: 'start'});",
        serde_json::json!([]),
    );
    app.screenshot(&artifacts_dir().join("matching-waiting-list.png"));

    // Next year's program from this one, with the waiting list.
    // Another place opens at its top, not scrolled as Matching was (Tracking
    // of 46 pairs is long enough to stay scrolled).
    app.click(".place[data-place=tracking]");
    app.wait_for_text("main h1", "Tracking");
    let scrolled = app.execute(
        "return [document.getElementById('main').scrollTop, document.getElementById('main').scrollHeight];",
        serde_json::json!([]),
    );
    assert_eq!(
        scrolled[0].as_f64(),
        Some(0.0),
        "Tracking opened scrolled: {scrolled}"
    );
    app.click(".place[data-place=programs]");
    app.click("button[aria-label^='New program from']");
    let label = app.wait_for_text("label[for=from-carry-waiting]", "14 participants");
    assert!(
        label.contains("Waiting since Sample Leadership Institute"),
        "{label}"
    );
    app.clear("#from-name");
    app.type_into("#from-name", "Sample Leadership Institute 2027");
    app.type_into("#from-kickoff", "2027-03-01");
    app.screenshot(&artifacts_dir().join("programs-new-from.png"));
    app.click("#create-from");
    app.wait_for_text("#toasts", "14 participants from the waiting list");
    app.click(".place[data-place=matching]");
    app.wait_for_text("#waiting-list h2", "(14)");
    let flag = app.text_of("#waiting-table tbody tr:first-child td:last-child");
    assert_eq!(flag, "Waiting since Sample Leadership Institute");

    // A carried participant's panel says where they applied before.
    app.click(".place[data-place=applications]");
    app.click("#people-table tbody tr td");
    let history = app.wait_for_text("#person-history", "Earlier programs");
    assert!(
        history.contains("Applied to Sample Leadership Institute as a participant, not matched"),
        "{history}"
    );
    app.screenshot(&artifacts_dir().join("applications-person-history.png"));
    app.quit();
}

#[test]
fn eligibility_rules_set_in_the_program_form_flag_mentors_who_can_be_matched_anyway() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    desktop.command(&["sample"]);
    let app = desktop.launch();
    app.click(".place[data-place=programs]");
    app.execute(
        "[...document.querySelectorAll('.program-actions button')].find(b => b.textContent === 'Edit').click();",
        serde_json::json!([]),
    );
    app.type_into("#program-mentor-min-years", "15");
    app.screenshot(&artifacts_dir().join("programs-eligibility.png"));
    app.click("#save-program");
    app.wait_for_text("#toasts", "not eligible under the program's rules");

    app.click(".place[data-place=matching]");
    let gaps = app.wait_for_text(
        ".gap-list",
        "Left out of the matching by the program's rules",
    );
    let listed = gaps
        .split("program's rules: ")
        .nth(1)
        .expect("the names left out");
    let name = listed.split(" (Not eligible").next().unwrap().to_string();

    // The confirmations read, as a person would dismiss them.
    app.execute(
        "document.querySelectorAll('.toast-close').forEach((b) => b.click());",
        serde_json::json!([]),
    );
    app.click(".place[data-place=applications]");
    app.type_into("#people-search", &name);
    app.wait_for_text("#people-count", "Showing 1 person");
    app.click("#people-table tbody tr td");
    let flag = app.wait_for_text("#person-eligibility", "Not eligible: ");
    assert!(flag.contains("at least 15 years"), "{flag}");
    app.click("#eligibility-override");
    app.wait_for_text("#eligibility-error", "Say why");
    app.type_into("#eligibility-reason", "Twenty years as a paraprofessional");
    app.click("#eligibility-override");
    app.wait_for_text(
        "#person-eligibility",
        "Matched anyway: Twenty years as a paraprofessional",
    );
    app.screenshot(&artifacts_dir().join("applications-eligibility.png"));
    app.quit();
}

#[test]
fn a_person_without_consent_is_flagged_in_their_panel_until_the_committee_records_it() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    let dir = tempfile::tempdir().unwrap();
    let mentors = dir.path().join("mentors.csv");
    std::fs::write(
        &mentors,
        "Name,Email,Library,I agree that my application may be shared with the committee\n\
         Ann Able,ann@example.org,Oak Library,I agree\nBo Bell,bo@example.org,Elm Library,No\n",
    )
    .unwrap();
    desktop.command(&["program", "create", "--name", "MILE 2027"]);
    desktop.command(&["import", mentors.to_str().unwrap(), "--as", "mentors"]);
    let app = desktop.launch();
    app.click(".place[data-place=applications]");
    app.type_into("#people-search", "Bo Bell");
    app.wait_for_text("#people-count", "Showing 1 person");
    app.click("#people-table tbody tr td");
    let flag = app.wait_for_text("#person-eligibility", "No consent to be matched");
    assert!(flag.contains("answered \"No\""), "{flag}");
    app.type_into("#consent-given-on", "3 March 2027");
    app.screenshot(&artifacts_dir().join("applications-consent.png"));
    app.click("#record-consent");
    app.wait_for_text("#toasts", "Recorded Bo Bell's consent");
    crate::support::wait::until_true(
        std::time::Duration::from_secs(10),
        "the consent flag to go",
        || {
            app.execute(
                "return document.getElementById('person-eligibility').hidden;",
                serde_json::json!([]),
            ) == serde_json::Value::Bool(true)
        },
    );
    app.quit();
}

#[test]
fn an_erasure_due_is_noticed_on_programs_and_carried_out_from_there() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start_on(Some("2027-07-02"));
    desktop.command(&["sample"]);
    desktop.command(&[
        "program",
        "edit",
        "--kickoff",
        "2024-01-01",
        "--erase-after-months",
        "24",
    ]);
    let app = desktop.launch();
    // Said on opening the file, wherever the window opens.
    app.wait_for_text(
        "#toasts",
        "Erasure due: the retention period of Sample Leadership Institute",
    );
    app.click(".place[data-place=programs]");
    let notice = app.wait_for_text("#privacy-notice", "Erasure due");
    assert!(
        notice.contains("Sample Leadership Institute (100 people)"),
        "{notice}"
    );
    assert!(notice.contains("2027-07-01"), "{notice}");
    app.screenshot(&artifacts_dir().join("programs-erasure-due.png"));
    app.click("#erase-due");
    app.click("#privacy-notice button.confirm");
    app.wait_for_text("#toasts", "Erased the details of 100 people");
    crate::support::wait::until_true(
        std::time::Duration::from_secs(10),
        "the notice to go",
        || app.try_find("#privacy-notice").is_none(),
    );
    app.quit();
}

#[test]
fn a_persons_data_is_exported_from_their_panel() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    desktop.confirmed_sample(&[]);
    let app = desktop.launch();
    app.click(".place[data-place=applications]");
    app.click("#people-table tbody tr td");
    let name = app.wait_for("#panel-title");
    let name = app.text(&name);
    app.click("#export-person");
    app.wait_for_text("#toasts", "data.pdf");
    let dir = desktop.saved_dir();
    let pdf = dir.join(format!("{name} data.pdf"));
    let text = crate::support::pdf::text(&pdf);
    assert!(text.contains(&name) && text.contains("Matches"), "{text}");
    assert!(dir.join(format!("{name} data.json")).exists());
    app.screenshot(&artifacts_dir().join("applications-export-person.png"));
    app.quit();
}
