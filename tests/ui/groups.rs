//! End-to-end test of peer circles in the real window (issue 32): the
//! program form shows the program's shape with its explanation and group
//! size, and the Tracking dashboard lists the confirmed circles with their
//! members, reasons and meetings.

use crate::support::artifacts_dir;
use crate::support::circles::{colleagues_file, DAY_QUESTION};
use crate::support::desktop::{desktop_available, Desktop};
use crate::support::repo_path;

/// Before a screenshot: confirmations dismissed, the page scrolled to the top.
const CLEAN_VIEW: &str =
    "document.querySelectorAll('.toast').forEach((t) => t.remove()); document.getElementById('main').scrollTo(0, 0);";

/// The planted cohort of tests/fixtures/circles.
fn planted_cohort() -> std::path::PathBuf {
    repo_path("tests/fixtures/circles/circles-participants.csv")
}

/// A program of peer circles of `size` with the applications of `file` and
/// a criterion "same" per question.
fn circles_program(desktop: &Desktop, size: &str, file: &std::path::Path, questions: &[&str]) {
    desktop.command(&[
        "program",
        "create",
        "--name",
        "Peer circles 2027",
        "--shape",
        "circles",
        "--group-size",
        size,
    ]);
    desktop.command(&["import", file.to_str().unwrap(), "--as", "participants"]);
    for question in questions {
        desktop.command(&[
            "criteria",
            "add",
            "--question",
            question,
            "--compare",
            "same",
        ]);
    }
}

/// [`circles_program`] of the planted cohort in circles of five, computed and confirmed.
fn confirmed_circles(desktop: &Desktop, questions: &[&str]) {
    circles_program(desktop, "5", &planted_cohort(), questions);
    desktop.command(&["match", "run"]);
    desktop.command(&["match", "confirm"]);
}

#[test]
fn the_dashboard_lists_the_confirmed_circles_with_their_members_and_meetings() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    // Two criteria from the command line; the third is added in the window.
    let file = planted_cohort();
    circles_program(
        &desktop,
        "4-6",
        &file,
        &["Which day suits you best for meetings?", "Your time zone"],
    );
    let file = file.to_str().unwrap();
    let app = desktop.launch();

    // The circle form: one participant question, compared between members.
    app.click(".place[data-place=matching]");
    app.wait_for("#add-circle-criterion");
    let chosen = app.execute(
        "const s = document.getElementById('circle-question');\
         const o = [...s.options].find((o) => o.text.startsWith('Which sector do you work in?'));\
         s.value = o.value; document.getElementById('circle-compare').value = 'same'; return o.text;",
        serde_json::json!([]),
    );
    assert!(
        chosen.as_str().unwrap().starts_with("Which sector"),
        "{chosen}"
    );
    app.click("#add-circle-criterion button[type=submit]");
    app.wait_for_text("#own-criteria", "sector");
    app.execute(
        "document.querySelectorAll('.toast').forEach((t) => t.remove()); document.getElementById('criteria').scrollIntoView({ block: 'start' });",
        serde_json::json!([]),
    );
    app.screenshot(&artifacts_dir().join("matching-circle-criteria.png"));
    assert!(
        app.try_find("#open-booklet").is_none(),
        "no mentor booklet without mentors"
    );

    // Circles are computed and confirmed in the window: no mentor needed.
    app.click("#compute-matches");
    app.wait_for("#proposed-groups tbody tr");
    assert!(app
        .text_of("#proposed-groups")
        .contains("Proposed peer circles (6)"));
    app.click("#confirm-matches");
    app.click(".confirming button.confirm");
    app.wait_for_text("#proposed-groups", "Confirmed peer circles (6)");
    // The status line says where people are in circles' words, not "matched".
    let status = app.text_of(".page-header .status-line");
    assert!(status.ends_with("30 in circles"), "{status}");
    app.execute(CLEAN_VIEW, serde_json::json!([]));
    app.screenshot(&artifacts_dir().join("matching-circles.png"));

    app.click(".place[data-place=tracking]");
    app.wait_for("#groups-list");
    let rows = app.execute(
        "return document.querySelectorAll('#groups-list tbody tr').length;",
        serde_json::json!([]),
    );
    assert_eq!(rows, 6);
    let text = app.text_of("#groups-list");
    // Every participant of the fixture is listed in a circle.
    let mut reader = csv::Reader::from_path(file).unwrap();
    for row in reader.records() {
        let name = row.unwrap()[2].to_string();
        assert!(text.contains(&name), "{name} in {text}");
    }
    assert!(text.contains("Circle 6"), "{text}");
    assert!(text.contains("No meeting logged yet"), "{text}");
    assert!(text.contains("All 5: "), "{text}");

    // A meeting logged for the first circle, from its row.
    app.click("#groups-list tbody tr:first-child td button");
    app.wait_for("#meeting-date");
    app.type_into("#meeting-topics", "First circle call");
    app.click("#panel button[type=submit]");
    app.wait_for_text(
        "#groups-list tbody tr:first-child",
        "1 meeting, the last on",
    );
    app.execute(CLEAN_VIEW, serde_json::json!([]));
    app.screenshot(&artifacts_dir().join("tracking-circles.png"));

    // The program form shows the shape, its explanation and the group size.
    app.click(".place[data-place=programs]");
    app.wait_for_text(".program-card", "Peer circles of 4\u{2013}6");
    app.wait_for(".program-card .program-actions button");
    app.execute(
        "[...document.querySelectorAll('.program-card .program-actions button')].find((b) => b.textContent === 'Edit').click();",
        serde_json::json!([]),
    );
    app.wait_for("#program-shape-circles");
    let checked = app.execute(
        "return document.getElementById('program-shape-circles').checked && !document.getElementById('program-group-size').hidden;",
        serde_json::json!([]),
    );
    assert_eq!(checked, true);
    app.wait_for_text("#program-shape", "without a mentor");
    app.execute(
        "document.getElementById('program-shape').scrollIntoView({ block: 'start' });",
        serde_json::json!([]),
    );
    app.screenshot(&artifacts_dir().join("program-form-shape.png"));
}

/// Check-ins of circle members, dropped on the window, join their circles:
/// each circle's row says who answered and which is at risk, and its page
/// lists every member with their own answers.
#[test]
fn dropped_check_ins_of_circle_members_show_on_each_circle_and_its_page() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    confirmed_circles(
        &desktop,
        &[
            "Which day suits you best for meetings?",
            "Your time zone",
            "Which sector do you work in?",
        ],
    );
    let groups = desktop.command(&["groups", "list", "--json"]);
    let today = matchbook::time::today().to_string();
    let mut csv = String::from(
        "Timestamp,Email Address,How many times did you meet?,\"How satisfied are you? (1 = very dissatisfied, 5 = very satisfied)\",Anything the committee should know?\n",
    );
    let worried = groups[1]["members"][0]["email"]
        .as_str()
        .unwrap()
        .to_string();
    for g in groups.as_array().unwrap() {
        for m in g["members"].as_array().unwrap() {
            let email = m["email"].as_str().unwrap();
            let (s, note) = if email == worried {
                ("2", "We need help with our circle")
            } else {
                ("4", "")
            };
            csv.push_str(&format!("{today},{email},1,{s},{note}\n"));
        }
    }
    let answers = desktop.saved_dir().join("circle-checkins.csv");
    std::fs::create_dir_all(answers.parent().unwrap()).unwrap();
    std::fs::write(&answers, csv).unwrap();

    let app = desktop.launch();
    app.click(".place[data-place=tracking]");
    app.wait_for("#groups-list");
    assert!(
        app.try_find("#import-responses").is_some(),
        "circles can import check-ins"
    );
    app.drop_files(&[&answers]);
    app.wait_for("#import-responses input[value=check_ins]:checked");
    // The preview and the result speak of circles, not of pairs.
    let words = |css: &str| app.text_of(css).to_lowercase();
    for css in [
        "#import-responses legend",
        "#import-facts",
        "#survey-periods",
    ] {
        if app.try_find(css).is_none() {
            continue; // the check-in choice shows only when the term has one
        }
        let text = words(css);
        assert!(
            !text.contains("pair") && !text.contains("mentor"),
            "{css}: {text}"
        );
    }
    assert!(words("#import-responses legend").contains("circles"));
    app.screenshot(&artifacts_dir().join("import-circle-check-ins.png"));
    app.click("#import-run");
    app.wait_for("#import-result");
    let result = words("#import-result");
    assert!(
        !result.contains("pair") && result.contains("where the circles stand now"),
        "{result}"
    );
    app.screenshot(&artifacts_dir().join("import-circle-check-ins-result.png"));
    assert_eq!(app.text_of("#stat-recorded .stat-value"), "30");
    app.click("#import-done");
    app.wait_for_text("#groups-list", "5 of 5 answered Q1");
    let answered = app.execute(
        "return [...document.querySelectorAll('#groups-list .group-checkins')].map((c) => c.textContent);",
        serde_json::json!([]),
    );
    let cells = answered.as_array().unwrap();
    assert_eq!(cells.len(), 6);
    for (i, cell) in cells.iter().enumerate() {
        let cell = cell.as_str().unwrap();
        assert!(cell.contains("5 of 5 answered Q1"), "{cell}");
        assert_eq!(cell.contains("At risk"), i == 1, "{cell}");
    }
    assert_eq!(app.text_of("#stat-at-risk .stat-value"), "1");
    assert!(
        app.try_find("#circles-not-answered").is_none(),
        "everyone answered"
    );
    assert_eq!(app.text_of("#stat-response-rate .stat-value"), "100%");
    app.execute(CLEAN_VIEW, serde_json::json!([]));
    app.screenshot(&artifacts_dir().join("tracking-circles-check-ins.png"));

    // The circle's page: every member with their own answer.
    app.click("#groups-list tbody tr:nth-child(2) th button");
    let page = app.wait_for_text("#group-page", "Members (5)");
    for m in groups[1]["members"].as_array().unwrap() {
        assert!(page.contains(m["name"].as_str().unwrap()), "{page}");
    }
    assert_eq!(page.matches("met once").count(), 5, "{page}");
    assert!(
        page.contains("satisfaction 2 of 5") && page.contains("We need help with our circle"),
        "{page}"
    );
    app.screenshot(&artifacts_dir().join("circle-page.png"));
}

/// The Letters screen of a program of circles edits the group letter: its
/// only tab, the loop over the members checked as it is typed, and saved.
#[test]
fn the_letters_screen_edits_and_checks_the_group_letter() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    confirmed_circles(
        &desktop,
        &["Which day suits you best for meetings?", "Your time zone"],
    );
    let app = desktop.launch();
    app.click(".place[data-place=letters]");
    app.wait_for("#letter-template");
    let tabs = app.execute(
        "return [...document.querySelectorAll('[role=tab]')].map((t) => t.textContent);",
        serde_json::json!([]),
    );
    assert_eq!(tabs, serde_json::json!(["Group letter"]));
    let choices = app.execute(
        "return [...document.getElementById('letters-which').options].map((o) => o.value);",
        serde_json::json!([]),
    );
    assert!(
        !choices.to_string().contains("mentors"),
        "no mentor letters: {choices}"
    );
    app.wait_for_text("#template-status", "Preview of");
    let palette = app.text_of(".palette");
    assert!(
        palette.contains("{% for member in group.members %}"),
        "{palette}"
    );
    assert!(
        !palette.contains("{{ mentor.name }}"),
        "a circle has no mentor: {palette}"
    );
    app.execute(CLEAN_VIEW, serde_json::json!([]));
    app.screenshot(&artifacts_dir().join("letters-group.png"));

    // A field no member has, inside the loop: the problem names its line.
    app.execute(
        "const t = document.getElementById('letter-template'); t.value = t.value.replace('{{ member.contact }}', '{{ member.shoe_size }}'); t.dispatchEvent(new Event('input'));",
        serde_json::json!([]),
    );
    let problem = app.wait_for_text("#template-problems", "does not exist");
    assert!(problem.starts_with("Line 4"), "{problem}");
    app.click("#save-templates");
    app.wait_for_text(".toast", "The group letter");
    // Fixed, it saves, and comes back as saved.
    app.execute(
        "const t = document.getElementById('letter-template'); t.value = t.value.replace('{{ member.shoe_size }}', '{{ member.email }}'); t.dispatchEvent(new Event('input'));",
        serde_json::json!([]),
    );
    app.wait_for_text("#template-status", "Preview of");
    app.click("#save-templates");
    app.wait_for_text(".toast", "Letter templates saved");
    app.click(".place[data-place=tracking]");
    app.click(".place[data-place=letters]");
    app.wait_for("#letter-template");
    let text = app.execute(
        "return document.getElementById('letter-template').value;",
        serde_json::json!([]),
    );
    assert!(
        text.as_str().unwrap().contains("{{ member.email }}"),
        "{text}"
    );
}

/// The program form's switch of the same-library rule in circles: on by
/// default; cleared, two colleagues who agree on everything share a circle.
#[test]
fn the_program_form_lets_one_librarys_people_share_a_circle() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    let file = colleagues_file(&desktop.saved_dir());
    circles_program(&desktop, "2", &file, &[DAY_QUESTION]);
    let app = desktop.launch();
    const TOGETHER: &str = "return [...document.querySelectorAll('#proposed-groups tbody tr')].some((r) => r.textContent.includes('Ann Aalto') && r.textContent.includes('Bo Berg'));";
    app.click(".place[data-place=matching]");
    app.click("#compute-matches");
    app.wait_for("#proposed-groups tbody tr");
    let together = app.execute(TOGETHER, serde_json::json!([]));
    assert_eq!(together, false, "kept apart by default");

    app.click(".place[data-place=programs]");
    app.wait_for(".program-card .program-actions button");
    app.execute(
        "[...document.querySelectorAll('.program-card .program-actions button')].find((b) => b.textContent === 'Edit').click();",
        serde_json::json!([]),
    );
    app.wait_for_text(
        "#program-libraries",
        "Put people of one library in different circles",
    );
    let checked = app.execute(
        "return document.getElementById('program-libraries-apart').checked && !document.getElementById('program-libraries').hidden;",
        serde_json::json!([]),
    );
    assert_eq!(checked, true);
    app.execute(
        "document.getElementById('program-shape').scrollIntoView({ block: 'start' }); document.querySelectorAll('.toast').forEach((t) => t.remove());",
        serde_json::json!([]),
    );
    app.screenshot(&artifacts_dir().join("program-form-libraries.png"));
    app.click("#program-libraries-apart");
    app.click("#save-program");
    app.wait_for_text(".toast", "Saved");
    app.click(".place[data-place=matching]");
    app.click("#compute-matches");
    crate::support::wait::until_true(
        std::time::Duration::from_secs(15),
        "the colleagues to share a circle once the committee lets them",
        || app.execute(TOGETHER, serde_json::json!([])) == true,
    );
}

/// Once the program sends its check-in link, the circles' dashboard offers
/// the check-in emails to those who have not answered.
#[test]
fn the_circles_dashboard_offers_check_in_emails_to_those_who_have_not_answered() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    confirmed_circles(&desktop, &["Your time zone"]);
    desktop.command(&[
        "program",
        "edit",
        "--survey-link",
        "https://forms.example/c?e={email}",
    ]);
    let app = desktop.launch();
    app.click(".place[data-place=tracking]");
    let waiting = app.wait_for_text("#circles-not-answered", "30 people");
    assert!(
        waiting.contains("Write check-in emails to 30 people"),
        "{waiting}"
    );
    assert!(
        app.try_find("#stat-response-rate").is_none(),
        "no rate before any check-in is collected, as for pairs"
    );
}

/// A circle's page on Tracking logs a meeting; a member's panel on
/// Applications then shows their circle with that meeting, and opens it.
#[test]
fn a_members_panel_shows_their_circle_and_the_circle_page_logs_a_meeting() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    confirmed_circles(&desktop, &["Which day suits you best for meetings?"]);
    let groups = desktop.command(&["groups", "list", "--json"]);
    let circle = groups[0]["name"].as_str().unwrap().to_string();
    let member = groups[0]["members"][0]["name"]
        .as_str()
        .unwrap()
        .to_string();
    let app = desktop.launch();

    app.click(".place[data-place=tracking]");
    app.click("#groups-list tbody tr:first-child th button");
    app.wait_for_text("#group-page", &member);
    app.click("#group-log-meeting");
    app.wait_for("#meeting-date");
    app.type_into("#meeting-topics", "Circle call from its page");
    app.click("#panel button[type=submit]");
    app.wait_for_text(
        "#groups-list tbody tr:first-child",
        "1 meeting, the last on",
    );

    app.click(".place[data-place=applications]");
    app.wait_for("#people-table");
    let opened = app.execute(
        "const row = [...document.querySelectorAll('#people-table tbody tr')].find((tr) => tr.cells[0].textContent.trim() === arguments[0]);
         if (row) row.click(); return !!row;",
        serde_json::json!([member]),
    );
    assert_eq!(opened, true, "{member} listed on Applications");
    let text = app.wait_for_text("#person-group", &circle);
    assert!(text.contains("Their circle"), "{text}");
    assert!(text.contains("1 meeting, the last on"), "{text}");
    assert!(text.contains("No check-in answered yet"), "{text}");
    assert!(!text.to_lowercase().contains("pair"), "{text}");
    app.screenshot(&artifacts_dir().join("applications-member-circle.png"));

    app.click("#open-person-group");
    let page = app.wait_for_text("#group-page", "Circle call from its page");
    assert!(page.contains(&member), "{page}");
    app.wait_for("#group-log-meeting");
    app.screenshot(&artifacts_dir().join("applications-member-circle-page.png"));
    // Another member's name opens their own panel, with the same circle.
    let other = groups[0]["members"][1]["name"]
        .as_str()
        .unwrap()
        .to_string();
    app.execute(
        "[...document.querySelectorAll('#group-page .group-member button.person-name')].find((b) => b.textContent === arguments[0]).click();",
        serde_json::json!([other]),
    );
    app.wait_for_text("#panel-title", &other);
    app.wait_for_text("#person-group", &circle);
}
