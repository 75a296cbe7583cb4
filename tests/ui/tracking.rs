//! End-to-end test of the Tracking screen in the real window: a pair that
//! missed its first check-in is overdue; logging a meeting and a goal's
//! progress on its page turns it on track on the dashboard, and deleting
//! the meeting can be undone. The window lives 100 days after the kickoff.

use chrono::Duration;
use serde_json::json;

use crate::support::artifacts_dir;
use crate::support::desktop::{desktop_available, Desktop};

/// Before a screenshot: confirmations dismissed, the page scrolled to the top.
const CLEAN_VIEW: &str =
    "document.querySelectorAll('.toast').forEach((t) => t.remove()); document.getElementById('main').scrollTo(0, 0);";

#[test]
fn log_a_meeting_and_a_goal_update_and_see_the_pair_back_on_track() {
    if !desktop_available() {
        return;
    }
    // Confirmed today, kickoff in three weeks, the window 100 days after it.
    let kickoff = chrono::Local::now().date_naive() + Duration::days(21);
    let today = kickoff + Duration::days(100);
    let met_on = (kickoff + Duration::days(95)).to_string();
    let desktop = Desktop::start_on(Some(&today.to_string()));
    desktop.confirmed_sample(&["--kickoff", &kickoff.to_string()]);
    let app = desktop.launch();

    app.click(".place[data-place=tracking]");
    app.wait_for("#tracking-table tbody tr[data-status=overdue]");
    // The dashboard may still be drawing its figures: read one once it is there.
    let overdue_before: u64 = crate::support::wait::until(
        std::time::Duration::from_secs(10),
        "the number of overdue pairs",
        || {
            let text = app.text_of("#stat-overdue .stat-value");
            text.parse().map_err(|_| text)
        },
    );
    assert!(overdue_before >= 40, "{overdue_before} overdue");
    // Read once drawn (an empty figure is the dashboard still drawing).
    app.wait_for_text("#stat-meetings .stat-value", "0");
    app.wait_for_text("#due-list", "no meeting in the period that ended");
    app.screenshot(&artifacts_dir().join("tracking-dashboard-before.png"));

    // Open the first pair's page.
    let match_id = app.execute(
        "return document.querySelector('#tracking-table tbody tr').dataset.matchId;",
        json!([]),
    );
    let match_id = match_id.as_str().expect("match id").to_string();
    let diag = app.execute(
        "const b = document.querySelector(`#tracking-table tr[data-match-id='${arguments[0]}'] button.link`); const r = b.getBoundingClientRect(); const e = document.elementsFromPoint(r.x + r.width/2, r.y + r.height/2).map(x => x.tagName + '.' + x.className); const st = getComputedStyle(b); return [r.x, r.y, r.width, r.height, window.innerHeight, document.documentElement.scrollWidth, document.documentElement.clientWidth, st.visibility, st.pointerEvents, st.display, b.getClientRects().length, e];",
        json!([match_id]),
    );
    eprintln!("DIAG {diag}");
    app.click(&format!(
        "#tracking-table tr[data-match-id='{match_id}'] button.link"
    ));
    app.wait_for_text("#pair-status", "Overdue");
    app.wait_for("#checkins li[data-state=missed]");

    // A meeting in the future is refused in the form, with the reason.
    app.click("#log-meeting");
    app.wait_for("#meeting-date");
    let set_date = "const i = document.getElementById(arguments[0]); i.value = arguments[1]; i.dispatchEvent(new Event('input'));";
    let tomorrow = (today + Duration::days(1)).to_string();
    app.execute(set_date, json!(["meeting-date", tomorrow]));
    app.click("#panel button[type=submit]");
    app.wait_for_text("#panel .form-error", "in the future");

    // The real one.
    app.execute(set_date, json!(["meeting-date", met_on]));
    app.execute(
        "const s = document.getElementById('meeting-mode'); s.value = 'video'; s.dispatchEvent(new Event('change'));",
        json!([]),
    );
    app.type_into("#meeting-minutes", "45");
    app.type_into("#meeting-topics", "Budget season <b>& the branch move</b>");
    app.click("#panel button[type=submit]");
    app.wait_for_text("#pair-status", "On track");
    app.wait_for_text("#meetings-table", "Budget season <b>& the branch move</b>");

    // A goal, then its progress.
    app.click("#add-goal");
    app.type_into("#goal-title", "Lead the summer reading program");
    app.type_into("#goal-area", "Leadership");
    // A target already past is flagged as it is entered; a later one is not.
    let last_month = (today - Duration::days(30)).to_string();
    app.execute(set_date, json!(["goal-target", last_month]));
    app.wait_for_text("#goal-target-past", "is already past");
    app.execute(set_date, json!(["goal-target", tomorrow]));
    let flagged = app.execute(
        "return document.getElementById('goal-target-past').hidden;",
        json!([]),
    );
    assert_eq!(flagged, json!(true), "a future target is not flagged");
    app.click("#panel button[type=submit]");
    app.wait_for_text("#goals", "Lead the summer reading program");
    app.click("#goals .goal button[title^='Record progress']");
    app.execute(
        "const s = document.getElementById('goal-status'); s.value = 'achieved'; s.dispatchEvent(new Event('change'));",
        json!([]),
    );
    app.type_into("#goal-note", "Ran it with 300 children");
    app.click("#panel button[type=submit]");
    app.wait_for_text("#goals", "Achieved");
    app.wait_for_text("#timeline", "Ran it with 300 children");
    // The page was drawn anew, and keyboard focus is back on the button that opened the form.
    app.wait_for_focus("#goals .goal button[title^='Record progress']");
    app.execute(CLEAN_VIEW, json!([]));
    app.screenshot(&artifacts_dir().join("tracking-pair.png"));

    // Back on the dashboard: this pair is on track, one fewer overdue.
    app.click("#back-to-pairs");
    app.wait_for(&format!(
        "#tracking-table tr[data-match-id='{match_id}'][data-status=on_track]"
    ));
    assert_eq!(app.text_of("#stat-meetings .stat-value"), "1");
    assert_eq!(
        app.text_of("#stat-overdue .stat-value"),
        (overdue_before - 1).to_string()
    );
    assert_eq!(app.text_of("#stat-goals .stat-value"), "1 of 1");
    app.execute(CLEAN_VIEW, json!([]));
    app.screenshot(&artifacts_dir().join("tracking-dashboard.png"));

    // Deleting the meeting asks first and can be undone.
    app.click(&format!(
        "#tracking-table tr[data-match-id='{match_id}'] button.link"
    ));
    app.wait_for("#meetings-table");
    app.click("#meetings-table .confirming button");
    app.click("#meetings-table button.confirm");
    app.wait_for_text("#pair-status", "Overdue");
    app.wait_for(".toast .toast-action[aria-keyshortcuts]");
    app.press(&["Ctrl", "z"]);
    app.wait_for_text("#pair-status", "On track");
    assert!(
        app.try_find(".toast .toast-action").is_none(),
        "the Undo toast goes once used"
    );
    app.wait_for_text("#meetings-table", "Budget season");

    // The report page draws its charts from the same data.
    app.click("#back-to-pairs");
    app.click("#open-report");
    app.wait_for("#period-chart");
    app.wait_for_text("#area-chart", "Leadership");
    app.execute(CLEAN_VIEW, json!([]));
    app.screenshot(&artifacts_dir().join("tracking-report.png"));

    // Another pair ends early; "Re-match participant…" opens Matching with
    // that participant's best mentors, which never include the old mentor.
    app.click("#back-to-pairs");
    app.wait_for("#tracking-table tbody tr");
    let other = app.execute(
        "return [...document.querySelectorAll('#tracking-table tbody tr')].map((r) => r.dataset.matchId).find((id) => id !== arguments[0]);",
        json!([match_id]),
    );
    let other = other.as_str().expect("another pair").to_string();
    app.click(&format!(
        "#tracking-table tr[data-match-id='{other}'] button.link"
    ));
    app.wait_for("#end-pair");
    let heading = app.text_of(".page-header h1");
    let (participant, old_mentor) = heading.split_once(" & ").expect("participant & mentor");
    let (participant, old_mentor) = (participant.to_string(), old_mentor.to_string());
    // Ending asks in a panel (a reason from the list and a note), and can be undone.
    let end = |app: &crate::support::desktop::Session| {
        app.click("#end-pair");
        app.wait_for("#end-reason");
        app.execute(
            "const s = document.getElementById('end-reason'); s.value = 'moved_away'; s.dispatchEvent(new Event('change'));",
            json!([]),
        );
        app.type_into("#end-note", "Abroad from June");
        app.click("#panel button[type=submit]");
        app.wait_for_text("#pair-status", "Ended");
    };
    end(&app);
    app.wait_for_text("#pair-status", "Moved away: Abroad from June");
    app.wait_for_text("#toasts", "Ended");
    app.click("#toasts .toast-action");
    app.wait_for_text("#toasts", "run again");
    app.wait_for("#end-pair");
    end(&app);
    app.click("#re-match");
    app.wait_for_text("#panel-title", &participant);
    app.wait_for(".alternatives-list li.alternative:not(.ruled-out)");
    let offered = app.execute(
        "return [...document.querySelectorAll('.alternatives-list li.alternative:not(.ruled-out) .person-name')].map((e) => e.textContent);",
        json!([]),
    );
    let offered: Vec<String> = serde_json::from_value(offered).expect("names");
    assert!(!offered.is_empty());
    assert!(
        !offered.contains(&old_mentor),
        "{old_mentor} is offered again: {offered:?}"
    );
    assert_eq!(
        app.execute(
            "return document.querySelector('.page-header h1').textContent;",
            json!([])
        ),
        json!("Matching")
    );
    // Every mentor's place is taken by a running match, so the first choice
    // is offered with one more place (the mentor agreed), in one step.
    app.screenshot(&artifacts_dir().join("tracking-rematch.png"));
    let first = ".alternatives-list li.alternative:not(.ruled-out) .row-actions button";
    assert_eq!(
        app.text_of(first),
        format!("Give {} one more place and pair", offered[0])
    );
    app.click(first);
    app.wait_for_text(
        "#toasts",
        &format!(
            "Locked {participant} with {}, who now has a place for them",
            offered[0]
        ),
    );
    app.wait_for_text(".rules-list", &format!("{participant} with {}", offered[0]));
    app.quit();

    // What the window saved is what the command reads.
    let report = desktop.command(&["report", "--json"]);
    let pair = report["pairs"]
        .as_array()
        .expect("pairs")
        .iter()
        .find(|p| {
            p["match_id"].as_i64().map(|id| id.to_string()).as_deref() == Some(match_id.as_str())
        })
        .expect("the pair")
        .clone();
    assert_eq!(pair["status"], "on_track");
    assert_eq!(pair["meetings"], 1);
    assert_eq!(pair["last_meeting"], met_on.as_str());
    assert_eq!(pair["goals_achieved"], 1);
}
