//! End-to-end test of the Matching screen in the real window: compute,
//! lock one pair, veto another, compute again, confirm, and see the
//! confirmed matches; the command line then reads the same matches.

use serde_json::json;

use crate::support::artifacts_dir;
use crate::support::desktop::{desktop_available, Desktop};

#[test]
fn compute_lock_veto_recompute_confirm() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    desktop.command(&["sample", "--json"]);
    let app = desktop.launch();
    app.click(".place[data-place=matching]");
    app.wait_for("#compute-matches");
    // Before solving: the gap analysis names the shortage of places.
    let gaps = app.text_of(".gap-list");
    assert!(
        gaps.contains("60 participants need a mentor but mentors have"),
        "{gaps}"
    );
    app.click("#compute-matches");
    app.wait_for("#proposal-table tbody tr");
    app.screenshot(&artifacts_dir().join("matching.png"));

    let cell = |row: usize, col: usize| {
        app.text_of(&format!(
            "#proposal-table tbody tr:nth-child({row}) td:nth-child({col}) .person-name"
        ))
    };
    let (p1, m1) = (cell(1, 1), cell(1, 2));
    let (p2, m2) = (cell(2, 1), cell(2, 2));
    let why = app.text_of("#proposal-table tbody tr:nth-child(1) td:nth-child(4)");
    assert!(
        why.contains("Shared areas") || why.contains("years"),
        "reasons shown: {why}"
    );

    // Lock the first pair: the proposal is computed again at once, and the
    // row says Locked, with Unlock.
    app.click("#proposal-table tbody tr:nth-child(1) .row-actions button:nth-child(1)");
    app.wait_for_text(".rules-list", &format!("{p1} with {m1}"));
    app.wait_for_text("#pairs-moved", "Computed again after your change");
    app.wait_for_text("#proposal-table tbody tr:nth-child(1)", "Locked");
    let first_actions = app.text_of("#proposal-table tbody tr:nth-child(1) .row-actions");
    assert!(first_actions.contains("Unlock"), "{first_actions}");
    // Veto the second pair, with a reason, from the side panel: the pair
    // disappears and what moved is said and highlighted, without computing by hand.
    app.click("#proposal-table tbody tr:nth-child(2) .row-actions button:nth-child(2)");
    app.wait_for("#panel:not([hidden]) #veto-reason");
    app.type_into("#veto-reason", "Same board");
    app.click("#panel button[type=submit]");
    app.wait_for_text(".rules-list", "Same board");
    let moved = app.wait_for_text("#pairs-moved", "changed (highlighted)");
    assert!(!moved.contains("no other pair"), "{moved}");
    let highlighted = app.execute(
        "return [...document.querySelectorAll('#proposal-table tbody tr.moved .person-name')].map(e => e.textContent);",
        json!([]),
    );
    let highlighted = highlighted.as_array().expect("names");
    // p2 has another mentor (highlighted), or waits without one (places are short).
    let waiting = app.execute(
        "const l = document.querySelector('.unmatched-list'); return l ? l.textContent : '';",
        json!([]),
    );
    assert!(
        highlighted.contains(&json!(p2)) || waiting.as_str().unwrap_or("").contains(&p2),
        "{p2}'s row is highlighted or they are listed without a mentor: {highlighted:?}"
    );
    assert!(
        !highlighted.is_empty(),
        "the rows that moved are highlighted"
    );
    // Toasts do not pile up: the lock's confirmation gave way to the veto's
    // (which may itself have timed out on a slow machine).
    let toasts = app.execute(
        "return [...document.querySelectorAll('#toasts .toast')].map(t => t.dataset.message);",
        json!([]),
    );
    let toasts = toasts.as_array().expect("toasts");
    assert!(
        toasts.len() <= 1,
        "one confirmation at most on screen: {toasts:?}"
    );
    assert!(
        toasts
            .iter()
            .all(|t| t.as_str().unwrap_or("").contains("will never be paired")),
        "{toasts:?}"
    );
    app.screenshot(&artifacts_dir().join("matching-after-veto.png"));
    // At 800 px wide the page still fits: nothing runs off to the side.
    app.resize(800, 700);
    let overflow = app.execute(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
        json!([]),
    );
    app.screenshot(&artifacts_dir().join("matching-800px.png"));
    assert!(
        overflow.as_i64().unwrap_or(1) <= 0,
        "the page is wider than the window by {overflow} px"
    );
    app.resize(1280, 800);

    // Quality: the spread and weakest pairs, and pairs who would rather be
    // together; "Pair them instead" locks them and the proposal follows.
    let quality = app.wait_for_text("#quality", "Quality of this proposal");
    assert!(
        quality.contains("Lowest-scoring pairs") && quality.contains("No pair scores below"),
        "{quality}"
    );
    if app.try_find("#swap-list li").is_some() {
        app.execute(
            "document.getElementById('quality').scrollIntoView({block: 'start'});",
            json!([]),
        );
        app.screenshot(&artifacts_dir().join("matching-quality.png"));
        // The veto's line goes first, so the wait sees the page drawn anew.
        app.execute(
            "document.getElementById('pairs-moved').remove();",
            json!([]),
        );
        app.click("#swap-list li:first-child button");
        app.wait_for_text("#pairs-moved", "Computed again after your change");
    }
    let pairs = app.execute(
        "return [...document.querySelectorAll('#proposal-table tbody tr')].map(tr => [...tr.querySelectorAll('.person-name')].map(e => e.textContent).concat([tr.textContent.includes('Locked')]));",
        json!([]),
    );
    let rows = pairs.as_array().expect("rows");
    assert!(
        rows.iter()
            .any(|r| r[0] == json!(p1) && r[1] == json!(m1) && r[2] == json!(true)),
        "{p1} stays with {m1}, locked"
    );
    assert!(
        !rows.iter().any(|r| r[0] == json!(p2) && r[1] == json!(m2)),
        "{p2} is no longer with {m2}"
    );

    // Confirm: the button asks first.
    app.click("#confirm-matches");
    app.click(".confirming button.confirm");
    app.wait_for("#confirmed-table tbody tr");
    let confirmed = app.text_of("#confirmed-table");
    assert!(
        confirmed.contains(&p1) && confirmed.contains(&m1),
        "{confirmed}"
    );
    app.screenshot(&artifacts_dir().join("matching-confirmed.png"));

    // A mentor agrees to take more mentees: their number changes in their
    // panel on Applications, never below the matches they have running.
    app.click(".place[data-place=applications]");
    app.type_into("#people-search", &m1);
    app.wait_for_text("#people-count", "Showing 1 person");
    app.click("#people-table tbody tr td");
    // A mentor with no agreed number shows just the number and Change…
    // (a missing note once printed as "null").
    let fact = app.text_of("#panel dd.capacity");
    assert!(!fact.contains("null"), "mentees fact: {fact}");
    app.click("#change-capacity");
    app.clear("#capacity-input");
    app.type_into("#capacity-input", "0");
    app.click("#save-capacity");
    app.wait_for_text("#panel .form-error", "running match");
    app.screenshot(&artifacts_dir().join("applications-capacity.png"));
    app.clear("#capacity-input");
    app.type_into("#capacity-input", "3");
    app.press(&["Enter"]);
    app.wait_for_text("#capacity-value", "3");
    app.wait_for_focus("#change-capacity");
    let fact = app.text_of("#panel dd.capacity");
    assert!(
        fact.contains("Agreed with the committee") && !fact.contains("null"),
        "mentees fact: {fact}"
    );
    app.quit();
    let mentors = desktop.command(&["people", "list", "--role", "mentor", "--json"]);
    let stored = mentors
        .as_array()
        .expect("mentors")
        .iter()
        .find(|m| m["name"] == json!(m1))
        .map(|m| m["capacity_agreed"].clone());
    assert_eq!(stored, Some(json!(3)), "{m1} can now take 3 mentees");

    let shown = desktop.command(&["match", "show", "--json"]);
    assert_eq!(shown["status"], "confirmed");
    let pairs = shown["pairs"].as_array().expect("pairs");
    assert!(pairs
        .iter()
        .any(|p| p["participant_name"] == json!(p1) && p["mentor_name"] == json!(m1)));
    assert!(!pairs
        .iter()
        .any(|p| p["participant_name"] == json!(p2) && p["mentor_name"] == json!(m2)));
}

/// Issue 17: compute both goals and see their figures side by side, keep
/// the fairest, read why the weakest pairs are weak, and pair a couple who
/// would rather be together: the lock is made and the proposal follows.
#[test]
fn both_goals_side_by_side_then_pair_a_couple_who_would_rather_swap() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    desktop.command(&["sample", "--json"]);
    let expected = desktop.command(&["match", "compare-goals", "--json"]);
    let app = desktop.launch();
    app.click(".place[data-place=matching]");
    app.wait_for("#match-goal");
    app.click("#compare-goals");
    app.wait_for("#goal-comparison-table");
    let heads = app.execute(
        "return [...document.querySelectorAll('#goal-comparison-table thead th[data-goal]')].map(th => [th.dataset.goal, th.textContent]);",
        json!([]),
    );
    assert_eq!(
        heads,
        json!([
            ["total", "Highest total"],
            ["fairest", "Raise the weakest pair first"],
            ["stable", "No one would trade"]
        ])
    );
    let row = |label: &str| {
        app.execute(
            "const tr = [...document.querySelectorAll('#goal-comparison-table tbody tr')].find(r => r.querySelector('th').textContent.startsWith(arguments[0])); return tr ? [...tr.querySelectorAll('td')].map(td => td.textContent) : null;",
            json!([label]),
        )
    };
    let fixed = |v: &serde_json::Value| format!("{:.1}", v.as_f64().unwrap());
    assert_eq!(
        row("Lowest pair"),
        json!([
            fixed(&expected["total"]["lowest"]),
            fixed(&expected["fairest"]["lowest"]),
            fixed(&expected["stable"]["lowest"])
        ]),
        "the window shows the core's figures"
    );
    assert_eq!(
        row("Total score"),
        json!([
            fixed(&expected["total"]["total_score"]),
            fixed(&expected["fairest"]["total_score"]),
            fixed(&expected["stable"]["total_score"])
        ])
    );
    // No one would trade: nobody who would rather swap.
    assert_eq!(expected["stable"]["would_rather_swap"], json!([]));
    app.screenshot(&artifacts_dir().join("matching-goals.png"));

    // Keep the fairest: it becomes the proposal, and the panel says so.
    app.click("#keep-fairest");
    app.wait_for("#proposal-table tbody tr");
    let quality = app.wait_for_text("#quality", "Goal: Raise the weakest pair first");
    assert!(
        quality.contains(&format!(
            "{:.1}",
            expected["fairest"]["lowest"].as_f64().unwrap()
        )),
        "{quality}"
    );
    let checked = app.execute(
        "return document.querySelector('#match-goal input:checked').value;",
        json!([]),
    );
    assert_eq!(checked, json!("fairest"));
    let reasons = app.text_of("#weakest-list li:first-child");
    assert!(
        reasons.contains("in common")
            || reasons.contains("Different")
            || reasons.contains("Not in"),
        "the weakest pair says what it lacks: {reasons}"
    );

    // The committee's weak threshold counts the pairs below it.
    app.clear("#weak-below");
    app.type_into("#weak-below", "50");
    app.execute(
        "document.getElementById('weak-below').dispatchEvent(new Event('change'));",
        json!([]),
    );
    app.wait_for_text("#quality .stats", "(below 50.0)");
    let weak = app.execute(
        "return [...document.querySelectorAll('#proposal-table tbody td.score')].filter(td => Number(td.textContent) < 50).length;",
        json!([]),
    );
    let stat = app.execute(
        "return [...document.querySelectorAll('#quality .stat')].find(s => s.textContent.includes('below 50.0')).querySelector('.stat-value').textContent;",
        json!([]),
    );
    assert_eq!(stat, json!(weak.to_string()));
    assert_ne!(weak, json!(0), "the sample has pairs below 50");

    // A couple who would rather be together: "Pair them instead" locks them.
    let couple = app.execute(
        "return document.querySelector('#swap-list li .person-name').textContent;",
        json!([]),
    );
    let couple = couple
        .as_str()
        .expect("the fairest sample has pairs who would rather swap");
    let (participant, mentor) = couple.split_once(" and ").expect("P and M");
    app.execute(
        "document.getElementById('quality').scrollIntoView({block: 'start'});",
        json!([]),
    );
    app.screenshot(&artifacts_dir().join("matching-quality.png"));
    app.click("#swap-list li:first-child button");
    app.wait_for_text(".rules-list", &format!("{participant} with {mentor}"));
    app.wait_for_text("#pairs-moved", "Computed again after your change");
    let locked = app.execute(
        "return [...document.querySelectorAll('#proposal-table tbody tr')].filter(tr => tr.dataset.participant === arguments[0]).map(tr => [tr.dataset.mentor, tr.textContent.includes('Locked')]);",
        json!([participant]),
    );
    assert_eq!(locked, json!([[mentor, true]]));
    app.quit();
    let after = desktop.command(&["match", "show", "--json"]);
    assert_eq!(
        after["goal"], "fairest",
        "recomputing after the lock keeps the goal"
    );
}

/// Issue 15: the committee's own questions. Accept the suggestions, change a
/// weight, compute, and read a reason in the form's own words.
#[test]
fn suggested_criteria_are_accepted_weighted_and_explain_the_pairs() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    desktop.command(&["program", "create", "--name", "Planted 2026"]);
    for (file, role) in [
        ("planted_mentors.csv", "mentors"),
        ("planted_participants.csv", "participants"),
    ] {
        let path = crate::support::fixture(file).display().to_string();
        desktop.command(&["import", &path, "--as", role, "--json"]);
    }
    let app = desktop.launch();
    app.click(".place[data-place=matching]");
    let suggestions = app.wait_for_text("#criteria-suggestions", "What time zone are you in?");
    assert!(
        suggestions.contains("similar wording") || suggestions.contains("same words"),
        "{suggestions}"
    );
    app.screenshot(&artifacts_dir().join("criteria-suggested.png"));

    app.click("#accept-suggestions");
    app.wait_for("#own-criteria .criterion");
    let own = app.execute(
        "return [...document.querySelectorAll('#own-criteria .criterion')].map((c) => c.querySelector('label').textContent);",
        json!([]),
    );
    assert!(own.as_array().is_some_and(|l| l.len() >= 4), "{own}");
    assert!(
        app.try_find("#criteria-suggestions").is_none(),
        "accepted suggestions leave the list"
    );

    // Change the time zone criterion's weight with its slider.
    let moved = app.execute(
        "const card = [...document.querySelectorAll('#own-criteria .criterion')].find((c) => c.querySelector('label').textContent === 'What time zone are you in?');
         const slider = card.querySelector('input[type=range]');
         slider.value = '80';
         slider.dispatchEvent(new Event('input', { bubbles: true }));
         return card.querySelector('output').textContent;",
        json!([]),
    );
    assert_eq!(moved, json!("80"));
    app.wait_for_text("#criteria", "Saved.");

    app.click("#compute-matches");
    app.wait_for("#proposal-table tbody tr");
    let why = app.text_of("#proposal-table tbody");
    assert!(
        why.contains("Same answer: What time zone are you in?"),
        "{why}"
    );
    app.screenshot(&artifacts_dir().join("criteria-computed.png"));
    app.quit();

    let criteria = desktop.command(&["criteria", "list", "--json"]);
    let zone = criteria["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["label"] == "What time zone are you in?")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        zone["weight"], 80,
        "the slider reached the program file: {criteria}"
    );
}

#[test]
fn after_confirming_the_words_offer_what_the_page_shows_and_fit_800px() {
    if !desktop_available() {
        return;
    }
    let desktop = Desktop::start();
    // The sample leaves 14 participants without a mentor, every place taken.
    desktop.confirmed_sample(&[]);
    let app = desktop.launch();
    app.click(".place[data-place=matching]");
    let text = app.wait_for_text("#confirmed-remaining", "No mentor has a place left");
    assert!(
        text.contains("the 14 participants still to match")
            && text.contains("raise a mentor")
            && !text.contains("Choose Compute matches"),
        "{text}"
    );
    assert!(
        app.try_find("#compute-matches").is_none(),
        "no Compute button"
    );

    // At 800 px the confirmed matches fit their box: long chips wrap.
    app.resize(800, 600);
    let wider = app.execute(
        "const w = document.querySelector('#confirmed-matches .table-wrap'); return w.scrollWidth - w.clientWidth;",
        json!([]),
    );
    app.execute(
        "document.querySelector('#confirmed-table').scrollIntoView();",
        json!([]),
    );
    app.screenshot(&artifacts_dir().join("matching-confirmed-800px.png"));
    assert!(
        wider.as_i64().unwrap_or(1) <= 0,
        "the confirmed matches are wider than their box by {wider} px"
    );
    app.resize(1280, 800);

    // One place more: Compute matches is offered, and the words say so.
    let raised = app.execute(
        "const inv = window.__TAURI__.core.invoke;
         return inv('list_programs', {includeArchived: false}).then((ps) => inv('list_people', {programId: ps[0].id, role: 'mentor'}))
           .then((ms) => inv('set_mentor_capacity', {personId: ms[0].id, capacity: ms[0].places + 1}))
           .then(() => 'ok', (e) => String(e));",
        json!([]),
    );
    assert_eq!(raised, json!("ok"));
    app.click(".place[data-place=applications]");
    app.click(".place[data-place=matching]");
    let text = app.wait_for_text("#confirmed-remaining", "Choose Compute matches");
    assert!(
        text.contains("the 14 participants still to match"),
        "{text}"
    );
    app.wait_for("#compute-matches");
}
