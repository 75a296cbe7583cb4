//! The 18 months after matching with the dates committees live by: kickoff
//! 1 May 2026, quarterly (Q1 due 31 July, Q2 due 31 October), every pair
//! confirmed on the kickoff day, the Q1 answers dropped in at the start of
//! September, the term over on 31 October 2027. The cohort is the surveys
//! fixtures' (Ada Okafor mentors Dana and Eli).

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::cli::{json, matchbook_on, temp_db, Run};
use crate::support::surveys::make_cohort;
use crate::tracking::pair;

pub(crate) const SEPTEMBER: &str = "2026-09-03";

/// The cohort moved to a kickoff on 1 May 2026, its pairs confirmed that day.
pub(crate) fn mile(db: &Path) {
    make_cohort(db);
    on(
        db,
        "2026-04-20",
        &["program", "edit", "--kickoff", "2026-05-01"],
    );
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.execute(
        "UPDATE matches SET confirmed_at = '2026-05-01T12:00:00Z' WHERE status = 'confirmed'",
        [],
    )
    .expect("date the confirmation");
}

pub(crate) fn on(db: &Path, today: &str, args: &[&str]) -> String {
    let run = matchbook_on(db, today, args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    run.stdout
}

/// The Q1 answers, given in August and early September.
pub(crate) fn q1_answers(dir: &Path) -> PathBuf {
    let path = dir.join("Q1 check-in (Responses).csv");
    std::fs::write(
        &path,
        "Timestamp,Email Address,Have you met since the last check-in?,How many times did you meet?,How satisfied are you with the mentoring? (1-5),Anything else for the committee?\n\
         2026/08/20 10:00:00 AM GMT-5,dana.perez@example.org,Yes,2,5,\n\
         2026/09/02 10:00:00 AM GMT-5,eli.haugen@example.org,No,0,2,I would like a different mentor\n\
         2026/08/25 10:00:00 AM GMT-5,fatima.nasser@example.org,Yes,1,4,\n\
         2026/08/26 10:00:00 AM GMT-5,bruno.lindqvist@example.org,Yes,1,4,\n",
    )
    .expect("write");
    path
}

/// `import Q1.csv --as check-ins EXTRA…` on 3 September 2026.
fn import_q1_run(db: &Path, dir: &Path, extra: &[&str]) -> Run {
    let path = q1_answers(dir);
    let mut args = vec!["import", path.to_str().expect("path"), "--as", "check-ins"];
    args.extend_from_slice(extra);
    matchbook_on(db, SEPTEMBER, &args)
}

pub(crate) fn import_q1(db: &Path, dir: &Path, extra: &[&str]) -> String {
    let run = import_q1_run(db, dir, extra);
    assert_eq!(run.code, 0, "{extra:?}: {}", run.stderr);
    run.stdout
}

pub(crate) fn report(db: &Path, as_of: &str) -> Value {
    json(&matchbook_on(
        db,
        as_of,
        &["report", "--as-of", as_of, "--json"],
    ))
}

pub(crate) fn drafts_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("drafts")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_august_answers_count_for_q1_and_q2_is_due_on_31_october() {
    let (dir, db) = temp_db();
    mile(&db);
    let dry = import_q1(&db, dir.path(), &["--dry-run"]);
    assert!(
        dry.contains("These answers are for Q1 (1 May – 31 July 2026)."),
        "{dry}"
    );
    let chosen = json(&import_q1_run(
        &db,
        dir.path(),
        &["--period", "Q2", "--dry-run", "--json"],
    ));
    assert_eq!(chosen["periods"][0]["label"], "Q2", "--period overrides");
    import_q1(&db, dir.path(), &[]);
    let r = report(&db, SEPTEMBER);
    let dana = pair(&r, "dana.perez@example.org");
    assert_eq!(dana["checkins"][0]["state"], "met");
    assert_eq!(dana["next_due"], "2026-10-31");
    assert_eq!(dana["status"], "on_track");
    assert_eq!(r["summary"]["checkins_met"], 2);
    assert_eq!(r["totals"]["meetings_logged"], 0);
    assert_eq!(r["totals"]["meetings_reported"], 3);
    assert!(r["not_answered"]
        .as_array()
        .expect("list")
        .iter()
        .all(|n| n["period"] == "Q1"));
    // A period that is not one of the program's is refused with the choices.
    let wrong = import_q1_run(&db, dir.path(), &["--period", "Q9"]);
    assert_eq!(wrong.code, 1);
    assert!(wrong.stderr.contains("Q1 to Q6"), "{}", wrong.stderr);
}

#[test]
fn check_in_drafts_for_q1_go_only_to_those_who_did_not_answer_q1() {
    let (dir, db) = temp_db();
    mile(&db);
    import_q1(&db, dir.path(), &[]);
    let out = dir.path().join("check-ins");
    let said = on(
        &db,
        SEPTEMBER,
        &[
            "emails",
            "check-in",
            "--eml-dir",
            out.to_str().expect("path"),
        ],
    );
    assert_eq!(
        drafts_in(&out),
        vec![
            "Check-in - Mentor - Ada Okafor.eml",
            "Check-in - Mentor - Chen Wei.eml",
            "Check-in - Participant - Gus Moreau.eml",
        ]
    );
    assert!(said.contains("4 people who already answered Q1"), "{said}");
    assert!(said.contains("--include-answered"), "{said}");
    let text = std::fs::read_to_string(out.join("Check-in - Participant - Gus Moreau.eml"))
        .expect("draft");
    assert!(
        text.contains("Q1"),
        "the text names the period the screen names"
    );
    let all = dir.path().join("all");
    on(
        &db,
        SEPTEMBER,
        &[
            "emails",
            "check-in",
            "--include-answered",
            "--eml-dir",
            all.to_str().expect("path"),
        ],
    );
    assert_eq!(drafts_in(&all).len(), 7);
}

#[test]
fn the_bulk_reminder_holds_no_at_risk_pair_until_the_risk_is_handled() {
    let (dir, db) = temp_db();
    mile(&db);
    import_q1(&db, dir.path(), &[]);
    let r = report(&db, SEPTEMBER);
    let eli = pair(&r, "eli.haugen@example.org");
    assert_eq!(eli["at_risk"], true);
    assert_eq!(eli["status"], "overdue");
    assert!(!eli["actions"]
        .as_array()
        .expect("actions")
        .contains(&Value::from("remind")));
    // The CSV has the same sections as the other reports: satisfaction and at risk per pair.
    let csv = dir.path().join("report.csv");
    on(
        &db,
        SEPTEMBER,
        &[
            "report",
            "--as-of",
            SEPTEMBER,
            "--csv",
            csv.to_str().expect("path"),
        ],
    );
    let csv = std::fs::read_to_string(&csv).expect("csv");
    assert!(csv.contains("satisfaction,at_risk,why_at_risk"), "{csv}");
    let eli_row = csv
        .lines()
        .find(|l| l.contains("Eli Haugen"))
        .expect("Eli's row");
    assert!(
        eli_row.contains(",yes,") && eli_row.contains("different mentor"),
        "{eli_row}"
    );
    let out = dir.path().join("reminders");
    let said = on(
        &db,
        SEPTEMBER,
        &[
            "emails",
            "reminder",
            "--eml-dir",
            out.to_str().expect("path"),
        ],
    );
    assert_eq!(
        drafts_in(&out),
        vec!["Reminder - Gus Moreau and Chen Wei.eml"]
    );
    assert!(
        said.contains("at risk") && said.contains("Eli Haugen and Ada Okafor"),
        "{said}"
    );
    on(
        &db,
        "2026-09-04",
        &[
            "pairs",
            "handled",
            "--participant",
            "eli.haugen@example.org",
            "--note",
            "Called Eli; they try two more months",
        ],
    );
    let eli = report(&db, "2026-09-05");
    let eli = pair(&eli, "eli.haugen@example.org");
    assert_eq!(eli["at_risk"], false);
    assert_eq!(eli["risk_handled"]["date"], "2026-09-04");
}

#[test]
fn completion_is_dated_31_october_2027_and_pairs_without_a_meeting_are_apart() {
    let (dir, db) = temp_db();
    mile(&db);
    import_q1(&db, dir.path(), &[]);
    let after = "2027-11-01";
    let r = report(&db, after);
    assert_eq!(
        r["term_notice"],
        "The term ended 31 October 2027: complete the pairs."
    );
    for p in r["pairs"].as_array().expect("pairs") {
        assert_eq!(p["status"], "term_over", "{}", p["participant"]);
        assert_eq!(p["at_risk"], false);
    }
    let refused = matchbook_on(
        &db,
        after,
        &[
            "emails",
            "reminder",
            "--eml-dir",
            dir.path().join("r").to_str().expect("p"),
        ],
    );
    assert_eq!(refused.code, 1, "no reminders after the term");
    let said = on(&db, after, &["pairs", "complete"]);
    assert!(said.contains("on 2027-10-31"), "{said}");
    let r = report(&db, after);
    for p in r["pairs"].as_array().expect("pairs") {
        assert_eq!(p["ended_on"], "2027-10-31");
    }
    assert_eq!(
        pair(&r, "gus.moreau@example.org")["outcome"],
        "completed_unmet"
    );
    assert_eq!(
        r["totals"]["relationships_text"],
        "2 completed · 0 ended early · 2 without a meeting on record"
    );
}

#[test]
fn evaluation_comments_are_kept_by_default_and_closing_emails_skip_who_answered() {
    let (dir, db) = temp_db();
    mile(&db);
    let evaluation = dir.path().join("Evaluation.csv");
    std::fs::write(
        &evaluation,
        "Timestamp,Email Address,\"Overall, how satisfied were you with the program?\",What should the committee change?,ID\n\
         2027/11/03 10:00:00 AM GMT-5,dana.perez@example.org,Very satisfied,More chances to meet the other pairs,17\n\
         2027/11/03 11:00:00 AM GMT-5,ada.okafor@example.org,Satisfied,,18\n",
    )
    .expect("write");
    let path = evaluation.to_str().expect("path");
    let dry = on(
        &db,
        "2027-11-05",
        &["import", path, "--as", "evaluations", "--dry-run"],
    );
    assert!(dry.contains("Not used") && dry.contains("ID"), "{dry}");
    on(&db, "2027-11-05", &["import", path, "--as", "evaluations"]);
    let outcomes = json(&matchbook_on(
        &db,
        "2027-11-05",
        &["report", "outcomes", "--json"],
    ));
    let comments: Vec<&str> = outcomes["comments"]
        .as_array()
        .expect("comments")
        .iter()
        .filter_map(|c| c["text"].as_str())
        .collect();
    assert_eq!(comments, vec!["More chances to meet the other pairs"]);
    on(&db, "2027-11-05", &["pairs", "complete"]);
    let out = dir.path().join("closing");
    on(
        &db,
        "2027-11-05",
        &[
            "emails",
            "closing",
            "--eml-dir",
            out.to_str().expect("path"),
        ],
    );
    let names = drafts_in(&out);
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(!names
        .iter()
        .any(|n| n.contains("Dana") || n.contains("Ada")));
}

#[test]
fn the_calendar_has_at_most_one_event_per_check_in_date() {
    let (dir, db) = temp_db();
    mile(&db);
    let ics = dir.path().join("check-ins.ics");
    on(
        &db,
        SEPTEMBER,
        &["calendar", "--out", ics.to_str().expect("path")],
    );
    let text = std::fs::read_to_string(&ics).expect("ics");
    let starts: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("DTSTART;VALUE=DATE:"))
        .collect();
    // From Q2 (31 October 2026) to Q6 (31 October 2027): five dates, once each.
    assert_eq!(
        starts,
        vec!["20261031", "20270131", "20270430", "20270731", "20271031"]
    );
    assert_eq!(text.matches("BEGIN:VALARM").count(), 5);
    assert!(text.contains("SUMMARY:Q2 check-ins due: 4 pairs"), "{text}");
}

#[test]
fn letters_for_one_pair_or_the_pairs_confirmed_since_a_day() {
    let (dir, db) = temp_db();
    mile(&db);
    let one = dir.path().join("Gus.pdf");
    let said = on(
        &db,
        SEPTEMBER,
        &[
            "letters",
            "--participant",
            "gus.moreau@example.org",
            "--out",
            one.to_str().expect("path"),
        ],
    );
    assert!(said.starts_with("Wrote 2 letters"), "{said}");
    let since = dir.path().join("since.pdf");
    let said = on(
        &db,
        SEPTEMBER,
        &[
            "letters",
            "--confirmed-since",
            "2026-05-01",
            "--out",
            since.to_str().expect("path"),
        ],
    );
    assert!(said.starts_with("Wrote 7 letters"), "{said}");
    let none = matchbook_on(
        &db,
        SEPTEMBER,
        &[
            "letters",
            "--confirmed-since",
            "1 June 2026",
            "--out",
            since.to_str().expect("path"),
        ],
    );
    assert_eq!(none.code, 1);
    assert!(
        none.stderr
            .contains("No pair was confirmed on or after 1 June 2026"),
        "{}",
        none.stderr
    );
}
