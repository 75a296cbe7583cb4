//! What a newcomer's walk through the 18 months found on the command line
//! once the term rules were in, with the dates of `term` (kickoff 1 May
//! 2026, quarterly, the Q1 answers dropped in on 3 September 2026).

use crate::support::cli::{json, matchbook_on, temp_db};
use crate::support::mail::read_eml;
use crate::term::{drafts_in, import_q1, mile, on, report, SEPTEMBER};
use crate::tracking::pair;

#[test]
fn imports_list_names_check_in_imports_and_reminders_name_the_period_as_the_screen_does() {
    let (dir, db) = temp_db();
    mile(&db);
    import_q1(&db, dir.path(), &[]);
    let list = on(&db, SEPTEMBER, &["imports", "list"]);
    let line = list
        .lines()
        .find(|l| l.contains("Q1 check-in (Responses).csv"))
        .expect("the check-in import is listed");
    assert!(
        line.contains("check-ins") && !line.contains("participants"),
        "{line}"
    );
    let out = dir.path().join("reminders");
    on(
        &db,
        SEPTEMBER,
        &[
            "emails",
            "reminder",
            "--eml-dir",
            out.to_str().expect("path"),
        ],
    );
    let names = drafts_in(&out);
    let mail = read_eml(&out.join(&names[0]));
    let text = mail["body"].as_str().expect("body");
    assert!(
        text.contains("between you for Q1 (1 May – 31 July 2026)."),
        "{text}"
    );
}

#[test]
fn a_handled_risk_takes_a_pasted_date_refuses_one_before_the_kickoff_and_can_be_undone() {
    let (dir, db) = temp_db();
    mile(&db);
    import_q1(&db, dir.path(), &[]);
    let handled = |date: &str| {
        matchbook_on(
            &db,
            "2026-09-05",
            &[
                "pairs",
                "handled",
                "--participant",
                "eli.haugen@example.org",
                "--note",
                "Called Eli",
                "--date",
                date,
            ],
        )
    };
    let early = handled("2019-05-10");
    assert_eq!(early.code, 1);
    assert!(
        early
            .stderr
            .contains("before the program's kickoff (1 May 2026)"),
        "{}",
        early.stderr
    );
    // A timestamp pasted from the form gives its date.
    let pasted = handled("2026/09/04 10:15:22 AM EST");
    assert_eq!(pasted.code, 0, "{}", pasted.stderr);
    let eli = pair(&report(&db, "2026-09-05"), "eli.haugen@example.org").clone();
    assert_eq!(eli["risk_handled"]["date"], "2026-09-04");
    assert_eq!(eli["at_risk"], false);
    on(
        &db,
        "2026-09-05",
        &[
            "pairs",
            "handled",
            "--participant",
            "eli.haugen@example.org",
            "--undo",
        ],
    );
    let eli = pair(&report(&db, "2026-09-05"), "eli.haugen@example.org").clone();
    assert_eq!(eli["at_risk"], true);
    assert!(eli["risk_handled"].is_null());
}

#[test]
fn after_the_term_pairs_read_completed_and_the_calendar_says_there_are_no_dates_ahead() {
    let (dir, db) = temp_db();
    mile(&db);
    let after = "2027-11-05";
    let ics = dir.path().join("after.ics");
    let empty = on(
        &db,
        after,
        &["calendar", "--out", ics.to_str().expect("path")],
    );
    assert!(
        empty.contains("no check-in dates ahead: the 6 dates of the term are past")
            && empty.contains("is empty")
            && empty.contains("--past-dates"),
        "{empty}"
    );
    let text = std::fs::read_to_string(&ics).expect("ics");
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 0);
    let past = on(
        &db,
        after,
        &[
            "calendar",
            "--past-dates",
            "--out",
            ics.to_str().expect("path"),
        ],
    );
    assert!(past.contains("Wrote 6 check-in dates"), "{past}");
    // Completed, the pairs read so.
    on(&db, after, &["pairs", "complete"]);
    let r = report(&db, after);
    let dana = pair(&r, "dana.perez@example.org");
    assert_eq!(dana["status"], "completed");
    assert_eq!(dana["status_label"], "Completed");
}

#[test]
fn the_reports_say_satisfaction_goals_and_relationships_once_and_list_each_comment() {
    let (dir, db) = temp_db();
    mile(&db);
    import_q1(&db, dir.path(), &[]);
    let evaluation = dir.path().join("Evaluation.csv");
    std::fs::write(
        &evaluation,
        "Timestamp,Email Address,\"Overall, how satisfied were you with the program?\",Did you reach your goals?,What should the committee change?\n\
         2027/11/03 10:00:00 AM GMT-5,dana.perez@example.org,Very satisfied,Yes,More chances to meet the other pairs\n\
         2027/11/03 11:00:00 AM GMT-5,eli.haugen@example.org,Satisfied,Partly,Shorter forms please\n",
    )
    .expect("write");
    let after = "2027-11-05";
    on(
        &db,
        after,
        &[
            "import",
            evaluation.to_str().expect("path"),
            "--as",
            "evaluations",
        ],
    );
    let outcomes = on(&db, after, &["report", "outcomes"]);
    assert_eq!(outcomes.matches("reached").count(), 1, "{outcomes}");
    let dana = outcomes
        .find("More chances to meet the other pairs")
        .expect("Dana's comment");
    let eli = outcomes
        .find("Shorter forms please")
        .expect("Eli's comment");
    assert!(
        outcomes[dana.min(eli)..dana.max(eli)].contains("\n\n"),
        "comments stand apart: {outcomes}"
    );
    let board = on(&db, after, &["report", "--as-of", after]);
    assert_eq!(board.matches("relationships").count(), 1, "{board}");
    assert_eq!(board.matches("Satisfaction").count(), 1, "{board}");
    assert!(
        board.contains("In the check-ins, the latest satisfaction of")
            && board.contains("In the end-of-program evaluations,"),
        "{board}"
    );
    let r = json(&matchbook_on(
        &db,
        after,
        &["report", "--as-of", after, "--json"],
    ));
    assert!(r["summary"]["satisfaction_text"]
        .as_str()
        .expect("text")
        .contains("end-of-program evaluations"));
}
