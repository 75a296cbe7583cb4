//! Black-box tests of tracking: `matchbook meetings|goals|pairs|report|calendar`.
//! "Today" is set per command (MATCHBOOK_TODAY), so the test can stand months
//! into the relationship; the kickoff is placed after the real day the
//! matches are confirmed, so the dates hold whenever the test runs.

use std::path::PathBuf;

use chrono::{Duration, NaiveDate};
use serde_json::Value;

use crate::support::cli::{confirmed_sample, json, matchbook, matchbook_on, ok, snapshot};
use crate::support::pdf;

struct Cohort {
    _dir: tempfile::TempDir,
    db: PathBuf,
    kickoff: NaiveDate,
}

impl Cohort {
    /// The sample cohort, confirmed today, kickoff in three weeks.
    fn new() -> Cohort {
        let kickoff = chrono::Local::now().date_naive() + Duration::days(21);
        let (dir, db) = confirmed_sample(&["--kickoff", &kickoff.to_string()]);
        Cohort {
            _dir: dir,
            db,
            kickoff,
        }
    }

    /// The date `days` after the kickoff.
    fn day(&self, days: i64) -> String {
        (self.kickoff + Duration::days(days)).to_string()
    }

    fn on(&self, days: i64, args: &[&str]) -> String {
        let run = matchbook_on(&self.db, &self.day(days), args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        run.stdout
    }

    fn refused_on(&self, days: i64, args: &[&str]) -> String {
        let before = snapshot(&self.db);
        let run = matchbook_on(&self.db, &self.day(days), args);
        assert_eq!(run.code, 1, "{args:?} should be refused: {}", run.stdout);
        assert_eq!(snapshot(&self.db), before, "{args:?} changed the file");
        run.stderr
    }

    fn report(&self, days: i64) -> Value {
        let as_of = self.day(days);
        json(&matchbook(
            &self.db,
            &["report", "--as-of", &as_of, "--json"],
        ))
    }
}

/// The pair of the participant with `email` in a `report --json`.
pub(crate) fn pair<'a>(report: &'a Value, email: &str) -> &'a Value {
    report["pairs"]
        .as_array()
        .expect("pairs")
        .iter()
        .find(|p| p["participant_email"] == email)
        .unwrap_or_else(|| panic!("no pair for {email}"))
}

#[test]
fn a_meeting_turns_an_overdue_pair_on_track_and_report_json_has_the_contract() {
    let c = Cohort::new();
    // 100 days in, the first quarter (about 90 days) passed without meetings.
    let report = c.report(100);
    let pairs = report["pairs"].as_array().expect("pairs");
    assert!(pairs.len() >= 40, "{} pairs", pairs.len());
    for p in pairs {
        for field in [
            "participant",
            "mentor",
            "meetings",
            "last_meeting",
            "next_due",
            "status",
            "goals_total",
            "goals_achieved",
        ] {
            assert!(p.get(field).is_some(), "pair without {field}: {p}");
        }
        assert_eq!(p["status"], "overdue");
        assert_eq!(p["meetings"], 0);
    }
    assert_eq!(report["totals"]["pairs"].as_u64(), Some(pairs.len() as u64));
    assert_eq!(
        report["totals"]["overdue"].as_u64(),
        Some(pairs.len() as u64)
    );
    assert_eq!(report["totals"]["meetings"], 0);

    let email = pairs[0]["participant_email"]
        .as_str()
        .expect("email")
        .to_string();
    let met = c.day(95);
    let out = c.on(
        100,
        &[
            "meetings",
            "add",
            "--participant",
            &email,
            "--date",
            &met,
            "--mode",
            "in-person",
            "--minutes",
            "60",
            "--notes",
            "Budget season",
        ],
    );
    assert!(out.contains("on track"), "{out}");
    let report = c.report(100);
    let p = pair(&report, &email);
    assert_eq!(p["status"], "on_track");
    assert_eq!(p["meetings"], 1);
    assert_eq!(p["last_meeting"], met.as_str());
    assert_eq!(report["totals"]["meetings"], 1);
    assert_eq!(
        report["totals"]["overdue"].as_u64(),
        Some(pairs.len() as u64 - 1)
    );
    // As of the day before, that meeting had not happened yet.
    let earlier = c.report(94);
    assert_eq!(pair(&earlier, &email)["meetings"], 0);

    let listed = json(&matchbook(
        &c.db,
        &["meetings", "list", "--participant", &email, "--json"],
    ));
    assert_eq!(listed[0]["mode"], "in_person");
    assert_eq!(listed[0]["minutes"], 60);
}

#[test]
fn bad_meetings_and_goal_updates_are_refused_with_the_file_unchanged() {
    let c = Cohort::new();
    let report = c.report(10);
    let email = report["pairs"][0]["participant_email"]
        .as_str()
        .expect("email")
        .to_string();
    let future = c.day(11);
    let err = c.refused_on(
        10,
        &[
            "meetings",
            "add",
            "--participant",
            &email,
            "--date",
            &future,
        ],
    );
    assert!(err.contains("in the future"), "{err}");
    let long_ago = c.day(-400);
    let err = c.refused_on(
        10,
        &[
            "meetings",
            "add",
            "--participant",
            &email,
            "--date",
            &long_ago,
        ],
    );
    assert!(err.contains("before") && err.contains("confirmed"), "{err}");
    let err = c.refused_on(
        10,
        &[
            "meetings",
            "add",
            "--participant",
            &email,
            "--date",
            "next tuesday",
        ],
    );
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    let err = c.refused_on(
        10,
        &[
            "meetings",
            "add",
            "--participant",
            "nobody@example.org",
            "--date",
            &c.day(5),
        ],
    );
    assert!(err.contains("nobody@example.org"), "{err}");

    // A goal, then the pair ends: its goals can no longer change.
    let added = json(&matchbook(
        &c.db,
        &[
            "goals",
            "add",
            "--participant",
            &email,
            "--title",
            "Run a budget cycle",
            "--json",
        ],
    ));
    let goal = added["id"].as_i64().expect("goal id").to_string();
    c.on(
        30,
        &[
            "pairs",
            "end",
            "--participant",
            &email,
            "--date",
            &c.day(29),
            "--reason",
            "other",
            "--note",
            "Mentor moved abroad",
        ],
    );
    let err = c.refused_on(
        31,
        &[
            "goals",
            "update",
            &goal,
            "--status",
            "achieved",
            "--date",
            &c.day(31),
        ],
    );
    assert!(err.contains("ended"), "{err}");
    let report = c.report(31);
    let p = pair(&report, &email);
    assert_eq!(p["status"], "ended");
    assert_eq!(p["end_reason"], "Mentor moved abroad");
}

#[test]
fn goals_progress_counts_in_the_report() {
    let c = Cohort::new();
    let email = c.report(1)["pairs"][3]["participant_email"]
        .as_str()
        .expect("email")
        .to_string();
    let target = c.day(300);
    let added = json(&matchbook(
        &c.db,
        &[
            "goals",
            "add",
            "--participant",
            &email,
            "--title",
            "Present at the state conference",
            "--area",
            "Advocacy",
            "--target",
            &target,
            "--json",
        ],
    ));
    let goal = added["id"].as_i64().expect("goal id").to_string();
    c.on(
        60,
        &[
            "goals",
            "update",
            &goal,
            "--status",
            "in-progress",
            "--note",
            "Proposal sent",
            "--date",
            &c.day(40),
        ],
    );
    let report = c.report(60);
    assert_eq!(pair(&report, &email)["goals_total"], 1);
    assert_eq!(pair(&report, &email)["goals_achieved"], 0);
    c.on(
        200,
        &[
            "goals",
            "update",
            &goal,
            "--status",
            "achieved",
            "--note",
            "Spoke to 80 people",
            "--date",
            &c.day(190),
        ],
    );
    let report = c.report(200);
    assert_eq!(pair(&report, &email)["goals_achieved"], 1);
    assert_eq!(report["totals"]["goals_achieved"], 1);
    assert_eq!(report["summary"]["goals_by_area"][0]["area"], "Advocacy");
    let listed = ok(&c.db, &["goals", "list", "--participant", &email]);
    assert!(listed.contains("Spoke to 80 people"), "{listed}");
    // Deleting is undoable.
    ok(&c.db, &["goals", "delete", &goal]);
    assert_eq!(c.report(200)["totals"]["goals_total"], 0);
    ok(&c.db, &["goals", "restore", &goal]);
    assert_eq!(c.report(200)["totals"]["goals_achieved"], 1);
}

#[test]
fn calendar_has_one_event_per_check_in_date_from_today_with_one_alarm_each() {
    let c = Cohort::new();
    let report = c.report(0);
    let pairs = report["pairs"].as_array().expect("pairs").len();
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("check-ins.ics");
    c.on(0, &["calendar", "--out", out.to_str().expect("path")]);
    let text = std::fs::read_to_string(&out).expect("ics");
    // A strict parse (line numbers on error), then the typed one.
    let unfolded = icalendar::parser::unfold(&text);
    icalendar::parser::read_calendar(&unfolded).expect("valid iCalendar");
    let calendar: icalendar::Calendar = text.parse().expect("parses");
    let events: Vec<&icalendar::Event> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            icalendar::CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    // Every pair was confirmed together: six due dates, one event each.
    assert_eq!(events.len(), 6);
    assert_eq!(text.matches("BEGIN:VALARM").count(), 6, "one alarm each");
    use icalendar::Component;
    let first_due = (c.kickoff + chrono::Months::new(3)) - Duration::days(1);
    let dues: Vec<NaiveDate> = events
        .iter()
        .filter_map(|e| match e.get_start() {
            Some(icalendar::DatePerhapsTime::Date(d)) => Some(d),
            _ => None,
        })
        .collect();
    assert_eq!(dues.len(), events.len(), "all-day events");
    assert!(dues.contains(&first_due), "Q1 due {first_due}");
    let mut unique = dues.clone();
    unique.dedup();
    assert_eq!(
        unique.len(),
        dues.len(),
        "at most one event per check-in date"
    );
    let summary = events[0].get_summary().expect("summary");
    assert_eq!(summary, format!("Q1 check-ins due: {pairs} pairs"));
    // Past dates are left out unless asked for.
    let later = dir.path().join("later.ics");
    c.on(100, &["calendar", "--out", later.to_str().expect("path")]);
    let later_text = std::fs::read_to_string(&later).expect("ics");
    assert_eq!(later_text.matches("BEGIN:VEVENT").count(), 5);
    assert!(!later_text.contains(&first_due.format("%Y%m%d").to_string()));
    let all = dir.path().join("all.ics");
    c.on(
        100,
        &[
            "calendar",
            "--past-dates",
            "--out",
            all.to_str().expect("path"),
        ],
    );
    let all_text = std::fs::read_to_string(&all).expect("ics");
    assert_eq!(all_text.matches("BEGIN:VEVENT").count(), 6);

    // One participant's calendar: their six check-ins only.
    let email = report["pairs"][0]["participant_email"]
        .as_str()
        .expect("email");
    let name = report["pairs"][0]["participant"].as_str().expect("name");
    let one = dir.path().join("one.ics");
    c.on(
        0,
        &[
            "calendar",
            "--participant",
            email,
            "--out",
            one.to_str().expect("path"),
        ],
    );
    let calendar: icalendar::Calendar = std::fs::read_to_string(&one)
        .expect("ics")
        .parse()
        .expect("parses");
    assert_eq!(calendar.components.len(), 6);
    for component in &calendar.components {
        if let icalendar::CalendarComponent::Event(e) = component {
            assert!(e.get_summary().unwrap_or_default().contains(name));
        }
    }
}

#[test]
fn report_saves_csv_safe_for_spreadsheets_and_a_pdf() {
    let c = Cohort::new();
    let email = c.report(1)["pairs"][0]["participant_email"]
        .as_str()
        .expect("email")
        .to_string();
    c.on(
        20,
        &[
            "pairs",
            "end",
            "--participant",
            &email,
            "--date",
            &c.day(15),
            "--reason",
            "other",
            "--note",
            "=cmd|' /C calc'!A0",
        ],
    );
    let dir = tempfile::tempdir().expect("dir");
    let csv = dir.path().join("report.csv");
    let pdf = dir.path().join("report.pdf");
    let as_of = c.day(20);
    let out = ok(
        &c.db,
        &[
            "report",
            "--as-of",
            &as_of,
            "--csv",
            csv.to_str().expect("path"),
            "--pdf",
            pdf.to_str().expect("path"),
        ],
    );
    assert!(out.contains("pairs"), "{out}");
    let bytes = std::fs::read(&csv).expect("csv");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let mut rows = 0;
    for record in reader.records() {
        let record = record.expect("CSV row");
        rows += 1;
        for cell in record.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "formula cell {cell:?}"
            );
        }
    }
    assert!(rows >= 40);
    let text = pdf::text(&pdf);
    assert!(text.contains("Mentorship report"), "{text}");
    assert!(text.contains("Ended early"), "{text}");
    assert!(
        text.contains("=cmd|' /C calc'!A0"),
        "the reason prints literally"
    );
}

/// A demonstration living on another day (MATCHBOOK_TODAY) confirms its
/// pairs on that day, so its dashboard has them from then on.
#[test]
fn confirming_on_a_demonstration_day_dates_the_pairs_that_day() {
    let (_dir, db) = crate::support::cli::temp_db();
    ok(&db, &["sample"]);
    ok(&db, &["program", "edit", "--kickoff", "2026-03-15"]);
    ok(&db, &["match", "run"]);
    let confirm = matchbook_on(&db, "2026-03-01", &["match", "confirm"]);
    assert_eq!(confirm.code, 0, "{}", confirm.stderr);
    let report = json(&matchbook_on(&db, "2026-05-01", &["report", "--json"]));
    let pairs = report["pairs"].as_array().expect("pairs");
    assert!(!pairs.is_empty());
    assert!(
        pairs.iter().all(|p| p["confirmed_on"] == "2026-03-01"),
        "{}",
        pairs[0]
    );
}

#[test]
fn a_meeting_before_the_kickoff_is_kept_and_said_to_count_toward_no_period() {
    let c = Cohort::new();
    let report = c.report(0);
    let email = report["pairs"][0]["participant_email"]
        .as_str()
        .expect("email")
        .to_string();
    // Confirmed today, kickoff in three weeks: they met a week before it.
    let out = c.on(
        -7,
        &[
            "meetings",
            "add",
            "--participant",
            &email,
            "--date",
            &c.day(-7),
        ],
    );
    let kickoff = c.kickoff.format("%-d %B %Y").to_string();
    assert!(
        out.contains(&format!(
            "Before the kickoff on {kickoff}: it counts toward no period"
        )),
        "{out}"
    );
    let page = json(&matchbook(
        &c.db,
        &["meetings", "list", "--participant", &email, "--json"],
    ));
    let meetings = page.as_array().expect("meetings");
    assert_eq!(meetings.len(), 1, "the meeting is kept: {page}");
    assert!(meetings[0]["outside_term"]
        .as_str()
        .is_some_and(|s| s.starts_with("Before the kickoff")));
    // One inside the term carries no such note.
    c.on(
        10,
        &[
            "meetings",
            "add",
            "--participant",
            &email,
            "--date",
            &c.day(10),
        ],
    );
    let page = json(&matchbook(
        &c.db,
        &["meetings", "list", "--participant", &email, "--json"],
    ));
    let inside = &page[0];
    assert_eq!(inside["date"], c.day(10).as_str());
    assert!(inside["outside_term"].is_null(), "{inside}");
}
