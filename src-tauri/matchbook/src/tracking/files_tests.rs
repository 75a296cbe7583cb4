//! What tracking writes out of the program file: the report's CSV and PDF,
//! reminders, the calendar; and the file after erasing a person or a round
//! trip through Export everything.

use super::tests::{d, meeting, status_of, tracked};
use super::*;
use crate::test_support::FILE_NAME;

#[test]
fn report_csv_neutralizes_formulas_and_pdf_renders() {
    let (_dir, mut store, program, ids) = tracked();
    let today = d("2027-06-01");
    end_pair(
        &mut store,
        ids[0],
        d("2027-05-01"),
        "other",
        "=HYPERLINK(\"x\") #$*<b>",
        today,
    )
    .unwrap();
    let csv = report_csv(&store, program, today).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    let reasons: Vec<String> = reader
        .records()
        .map(|r| r.unwrap().get(15).unwrap_or_default().to_string())
        .filter(|reason| !reason.is_empty())
        .collect();
    assert_eq!(reasons, vec!["'=HYPERLINK(\"x\") #$*<b>".to_string()]);
    let pdf = report_pdf(&store, program, today).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
}

#[test]
fn reminder_names_both_people_and_the_check_in() {
    let (_dir, store, program, ids) = tracked();
    let r = crate::emails::pair_reminder(&store, ids[0], d("2027-05-01")).unwrap();
    let s = status_of(&store, program, ids[0], "2027-05-01");
    // Overdue for Q1: the subject asks them to meet, the text names what was missed.
    assert!(r.subject.ends_with("a reminder to meet"), "{}", r.subject);
    assert!(
        r.body
            .contains("between you for Q1 (15 January – 14 April 2027)."),
        "{}",
        r.body
    );
    assert!(r.body.contains("no meeting on record"), "{}", r.body);
    assert_eq!(r.to.len(), 2);
    assert!(r.to.contains(&s.participant_email.clone().unwrap()));
}

#[test]
fn calendar_has_one_event_per_check_in_date_and_one_per_check_in_of_a_pair() {
    let (_dir, store, program, ids) = tracked();
    let ics = calendar::calendar(&store, program, None, d("2027-02-01"), false)
        .unwrap()
        .ics;
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 6);
    assert_eq!(ics.matches("BEGIN:VALARM").count(), 6);
    assert!(ics.contains("DTSTART;VALUE=DATE:20270414"));
    assert!(ics.contains(&format!("check-ins due: {} pairs", ids.len())));
    // Later, the dates already past are left out unless asked for.
    let later = calendar::calendar(&store, program, None, d("2027-05-01"), false).unwrap();
    assert_eq!((later.events, later.past_left_out), (5, 1));
    let later = later.ics;
    assert_eq!(later.matches("BEGIN:VEVENT").count(), 5);
    let all = calendar::calendar(&store, program, None, d("2027-05-01"), true)
        .unwrap()
        .ics;
    assert_eq!(all.matches("BEGIN:VEVENT").count(), 6);
    let one = calendar::calendar(&store, program, Some(ids[0]), d("2027-02-01"), false)
        .unwrap()
        .ics;
    assert_eq!(one.matches("BEGIN:VEVENT").count(), 6);
    assert!(one.lines().all(|l| l.len() <= 76));
}

#[test]
fn erasing_a_person_leaves_no_trace_of_their_email_in_the_file() {
    let (dir, mut store, program, ids) = tracked();
    let today = d("2027-05-01");
    add_meeting(&mut store, ids[0], &meeting("2027-02-01"), today).unwrap();
    add_goal(
        &mut store,
        ids[0],
        &GoalInput {
            title: "Lead a project".into(),
            ..GoalInput::default()
        },
    )
    .unwrap();
    let s = status_of(&store, program, ids[0], "2027-05-01");
    let email = s.participant_email.clone().unwrap();
    let file_bytes = || {
        let mut bytes = std::fs::read(dir.path().join(FILE_NAME)).unwrap();
        if let Ok(wal) = std::fs::read(dir.path().join(format!("{FILE_NAME}-wal"))) {
            bytes.extend(wal);
        }
        bytes
    };
    let contains = |haystack: &[u8], needle: &str| {
        haystack
            .windows(needle.len())
            .any(|w| w == needle.as_bytes())
    };
    store.checkpoint().unwrap();
    assert!(
        contains(&file_bytes(), &email),
        "the email is in the file before"
    );

    let preview = crate::people::erase_preview(&store, s.participant_id).unwrap();
    assert_eq!(
        (
            preview.applications,
            preview.matches,
            preview.goals,
            preview.meetings
        ),
        (1, 1, 1, 1)
    );
    crate::people::erase_person(&mut store, s.participant_id).unwrap();
    assert!(
        !contains(&file_bytes(), &email),
        "the email is still in the file"
    );
    let check: String = store
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    // Their mentor stays and is free again.
    let board = dashboard(&store, program, today).unwrap();
    assert_eq!(board.pairs.len(), ids.len() - 1);
    assert!(crate::people::get_person(&store, s.mentor_id).is_ok());
}

#[test]
fn export_everything_and_back_is_lossless() {
    let (dir, mut store, program, ids) = tracked();
    let today = d("2027-05-01");
    add_meeting(&mut store, ids[0], &meeting("2027-02-01"), today).unwrap();
    let goal = add_goal(
        &mut store,
        ids[0],
        &GoalInput {
            title: "=SUM(A1) \"quoted\", commas\nand lines".into(),
            ..GoalInput::default()
        },
    )
    .unwrap();
    update_goal(
        &mut store,
        goal,
        None,
        &GoalUpdateInput {
            status: "achieved".into(),
            note: "Zoë Ñúñez · 中文 · emoji 🎉".into(),
            date: "2027-03-01".into(),
        },
        today,
    )
    .unwrap();
    end_pair(&mut store, ids[1], d("2027-04-01"), "Moved away", "", today).unwrap();
    store.set_backups_to_keep(7).unwrap();

    let first = dir.path().join("export-1");
    let report = crate::archive::export_all(&store, &first).unwrap();
    assert_eq!(report.tables, crate::archive::TABLES.len());
    assert!(report.rows > 100);
    // Every table of the schema is exported.
    let tables: Vec<String> = {
        let mut stmt = store
            .conn()
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    };
    for t in &tables {
        assert!(
            crate::archive::TABLES.contains(&t.as_str())
                || crate::archive::NOT_EXPORTED.contains(&t.as_str()),
            "{t} is not exported"
        );
    }
    let people_csv = std::fs::read_to_string(first.join("people.csv")).unwrap();
    assert!(people_csv.contains("Tomás") || people_csv.contains("@example.org"));

    let copy = crate::archive::import_export(&first, &dir.path().join("back.sqlite")).unwrap();
    let second = dir.path().join("export-2");
    crate::archive::export_all(&copy, &second).unwrap();
    let read = |p: &std::path::Path| {
        let mut v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(p.join(crate::archive::JSON_NAME)).unwrap())
                .unwrap();
        v["exported_at"] = serde_json::Value::Null;
        v
    };
    assert_eq!(
        read(&first),
        read(&second),
        "the round trip changed something"
    );
    // The copy works like the original.
    let a = dashboard(&store, program, today).unwrap();
    let b = dashboard(&copy, program, today).unwrap();
    assert_eq!(
        serde_json::to_value(&a.totals).unwrap(),
        serde_json::to_value(&b.totals).unwrap()
    );
    assert_eq!(copy.backups_to_keep().unwrap(), 7);
    // A second import into an existing file is refused.
    assert!(crate::archive::import_export(&first, &dir.path().join("back.sqlite")).is_err());
}
