//! Check-ins of peer circles and mentors' groups (issue 32): every answer
//! from a member joins their group, and the group's row and each member's
//! page show it.

use chrono::NaiveDate;

use super::{import_survey, SurveyKind, SurveyOptions};
use crate::matching::{self, Goal};
use crate::programs::{update_program, Program, ProgramInput, Shape};
use crate::store::Store;
use crate::test_support::sample_cohort;
use crate::tracking::{dashboard, member_page, tracked_groups, GroupRow};

const HEADER: &str = "Timestamp,Email Address,Mentors: which mentee is this about?,Have you met since the last check-in?,How many times did you meet?,\"How satisfied are you with the mentoring relationship? (1 = very dissatisfied, 5 = very satisfied)\",Anything the committee should know?\n";

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The sample cohort in a program of `shape` (kickoff 10 May 2019,
/// quarterly), its groups computed and confirmed on 1 May 2019.
fn confirmed_in(shape: Shape, min: u32, max: u32) -> (tempfile::TempDir, Store, Program) {
    let (dir, mut store, program) = sample_cohort();
    let input = ProgramInput {
        name: program.name.clone(),
        kickoff_date: "2019-05-10".into(),
        shape,
        group_min: min,
        group_max: max,
        ..ProgramInput::default()
    };
    let program = update_program(&mut store, program.id, &input).unwrap();
    matching::run(&mut store, program.id, Goal::Total).unwrap();
    matching::confirm(&mut store, program.id).unwrap();
    store
        .write(|tx| {
            tx.execute("UPDATE match_versions SET confirmed_at = '2019-05-01T12:00:00Z' WHERE status = 'confirmed'", [])?;
            tx.execute("UPDATE matches SET confirmed_at = '2019-05-01T12:00:00Z' WHERE status = 'confirmed'", [])?;
            Ok(())
        })
        .unwrap();
    (dir, store, program)
}

/// Imports `rows` (after the header) as check-ins answered in August 2019.
fn import(store: &mut Store, program: i64, rows: &[String]) -> super::SurveyImportReport {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("checkins.csv");
    std::fs::write(&path, format!("{HEADER}{}\n", rows.join("\n"))).unwrap();
    import_survey(
        store,
        program,
        SurveyKind::CheckIns,
        &path,
        &SurveyOptions::default(),
        false,
        d("2019-08-25"),
    )
    .unwrap()
}

fn row(
    email: &str,
    mentee: &str,
    met: &str,
    times: &str,
    satisfaction: &str,
    note: &str,
) -> String {
    format!("2019-08-15 10:00,{email},{mentee},{met},{times},{satisfaction},{note}")
}

fn email(person: &crate::matching::PersonRef) -> String {
    person.email.clone().expect("the sample gives emails")
}

#[test]
fn every_circle_members_check_in_joins_their_circle_and_shows_on_its_row_and_their_page() {
    let (_dir, mut store, program) = confirmed_in(Shape::Circles, 4, 6);
    let as_of = d("2019-08-20");
    let circles = tracked_groups(&store, program.id, as_of).unwrap();
    assert!(circles.len() >= 2);
    // Before any check-in is collected, nobody is counted as not answering.
    assert_eq!(circles[0].pulse.period, None);
    assert_eq!(circles[0].pulse.summary, "No check-in answered yet");
    let (first, second) = (&circles[0], &circles[1]);
    // Everyone in the first circle answers; one of the second asks for help.
    let mut rows: Vec<String> = first
        .members
        .iter()
        .map(|m| row(&email(m), "", "Yes", "2", "4", ""))
        .collect();
    let worried = &second.members[0];
    rows.push(row(
        &email(worried),
        "",
        "Yes",
        "1",
        "2",
        "We need help finding a time",
    ));
    let report = import(&mut store, program.id, &rows);
    assert_eq!(report.recorded, rows.len(), "{:?}", report.not_imported);
    assert!(report.not_imported.is_empty() && report.unknown.is_empty());

    let circles = tracked_groups(&store, program.id, as_of).unwrap();
    let by_id = |id: i64| circles.iter().find(|g| g.id == id).unwrap();
    let first: &GroupRow = by_id(first.id);
    assert_eq!(first.pulse.period.as_deref(), Some("Q1"));
    assert_eq!(first.pulse.answered as usize, first.members.len());
    assert_eq!(
        first.pulse.asked as usize,
        first.members.len(),
        "a circle has no mentor"
    );
    assert_eq!(first.pulse.response_rate, Some(1.0));
    assert_eq!(first.pulse.satisfaction, Some(4.0));
    assert!(!first.pulse.at_risk, "{:?}", first.pulse.risk_reasons);
    assert!(first
        .pulse
        .summary
        .starts_with(&format!("{0} of {0} answered Q1", first.members.len())));
    let second = by_id(second.id);
    assert_eq!(second.pulse.answered, 1);
    assert!(second.pulse.at_risk);
    let reasons = second.pulse.risk_reasons.join(" ");
    assert!(
        reasons.contains(&format!("{} rated their satisfaction 2 of 5", worried.name)),
        "{reasons}"
    );
    assert!(
        reasons.contains("need help finding a time"),
        "{reasons} {:?}",
        second.pulse.answers
    );

    for member in &first.members {
        let page = member_page(&store, program.id, &email(member), as_of).unwrap();
        assert_eq!(page.group.id, first.id);
        assert_eq!(page.check_ins.len(), 1, "{}", member.name);
        assert!(
            page.check_ins[0].text.contains("met twice"),
            "{}",
            page.check_ins[0].text
        );
    }
    // The printed report lists the circles, the one at risk and why, and
    // counts no pairs in a program that has none.
    let pdf = crate::tracking::report_pdf(&store, program.id, as_of).unwrap();
    let printed = crate::test_support::pdf_pages(&pdf).join(" ");
    assert!(printed.contains("Circles at risk"), "{printed}");
    assert!(printed.contains(&second.name), "{printed}");
    assert!(printed.contains("need help finding a time"), "{printed}");
    assert!(printed.contains(&first.members[0].name), "{printed}");
    assert!(printed.contains(&first.pulse.summary), "{printed}");
    assert!(printed.contains("circle at risk"), "one circle: {printed}");
    assert!(
        !printed.contains("circles at risk"),
        "one circle: {printed}"
    );
    assert!(!printed.contains("meetings per pair"), "{printed}");
    // The dashboard counts the circles' answers and the circle at risk.
    let board = dashboard(&store, program.id, as_of).unwrap();
    assert_eq!(board.totals.groups_at_risk, 1);
    let asked: u32 = circles.iter().map(|g| g.pulse.asked).sum();
    let expected = (first.members.len() + 1) as f64 / f64::from(asked);
    assert_eq!(board.totals.response_rate, Some(expected));
    // Undoing the import takes the answers back off the circles.
    crate::import::undo_import(&mut store, report.import_id.unwrap()).unwrap();
    let circles = tracked_groups(&store, program.id, as_of).unwrap();
    assert!(circles.iter().all(|g| g.pulse.check_ins == 0));
}

#[test]
fn a_groups_mentor_answers_once_for_the_group_and_counts_on_each_members_pair() {
    let (_dir, mut store, program) = confirmed_in(Shape::Groups, 2, 3);
    let as_of = d("2019-08-20");
    let groups = tracked_groups(&store, program.id, as_of).unwrap();
    let group = groups
        .iter()
        .find(|g| g.members.len() >= 2)
        .expect("a group of two or more");
    let mentor = group.mentor.as_ref().expect("a mentor's group");
    let member = &group.members[0];
    let rows = vec![
        row(&email(mentor), "", "Yes", "1", "5", ""),
        row(&email(member), "", "Yes", "1", "4", ""),
    ];
    let report = import(&mut store, program.id, &rows);
    assert_eq!(report.recorded, 2, "{:?}", report.not_imported);
    let joined: Vec<(Option<i64>, Option<i64>)> = store
        .conn()
        .prepare("SELECT match_id, group_id FROM checkin_responses ORDER BY row_number")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(joined[0].0, None, "the mentor's answer is the group's");
    assert_eq!(joined[0].1, Some(group.id));
    assert!(
        joined[1].0.is_some(),
        "the member's answer is also their pair's"
    );
    assert_eq!(joined[1].1, Some(group.id));

    let row = tracked_groups(&store, program.id, as_of)
        .unwrap()
        .into_iter()
        .find(|g| g.id == group.id)
        .unwrap();
    assert_eq!(row.pulse.answered, 2);
    assert_eq!(row.pulse.asked as usize, group.members.len() + 1);
    assert_eq!(row.pulse.satisfaction, Some(4.5));
    let board = dashboard(&store, program.id, as_of).unwrap();
    for m in &group.members {
        let pair = board
            .pairs
            .iter()
            .find(|p| p.participant_id == m.id)
            .unwrap();
        assert!(
            pair.pulse.mentor_answered,
            "{}: the mentor answered for the group",
            m.name
        );
        assert_eq!(
            pair.pulse.participant_answered,
            m.id == member.id,
            "{}",
            m.name
        );
    }
}
