//! Each sharing rule on its own: half-arrived files, conflicts, newer
//! formats, Activity, erasure, two confirmed matchings, late joiners and
//! stale proposals.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::*;

#[test]
fn a_half_arrived_file_waits_and_is_never_applied_in_part() {
    let mut c = committee();
    let mut input = ProgramInput::named("MILE 2026");
    input.kickoff_date = "2026-05-01".into();
    input.contact_name = "Ben".into();
    let program: i64 = program_of(&c.stores[1]);
    crate::programs::update_program(&mut c.stores[1], program, &input).unwrap();
    sync(&mut c.stores[1]).unwrap();
    let ben = sharing(&c.stores[1]).unwrap().unwrap().computer;
    let file = files::change_path(Path::new(""), &ben, 1);
    let bytes = std::fs::read(c.folders[1].join(&file)).unwrap();
    std::fs::create_dir_all(c.folders[0].join(&file).parent().unwrap()).unwrap();
    for cut in [0, 1, bytes.len() / 2, bytes.len() - 2] {
        std::fs::write(c.folders[0].join(&file), &bytes[..cut]).unwrap();
        let report = sync(&mut c.stores[0]).unwrap();
        assert_eq!(report.applied, 0, "a file cut at {cut} bytes was applied");
        assert_eq!(report.waiting.len(), 1);
        assert_eq!(report.waiting[0].member, "Ben");
    }
    std::fs::write(c.folders[0].join(&file), &bytes).unwrap();
    let report = sync(&mut c.stores[0]).unwrap();
    assert_eq!(report.applied, 1);
    let contact: String = c.stores[0]
        .conn()
        .query_row("SELECT contact_name FROM programs", [], |r| r.get(0))
        .unwrap();
    assert_eq!(contact, "Ben");
}

#[test]
fn two_members_changing_one_field_at_once_is_a_conflict_everywhere() {
    let mut c = committee();
    let program: i64 = program_of(&c.stores[0]);
    for (who, name) in [(0, "Ana"), (1, "Ben")] {
        let mut input = ProgramInput::named("MILE 2026");
        input.kickoff_date = "2026-05-01".into();
        input.contact_name = name.into();
        let id: i64 = program_of(&c.stores[who]);
        crate::programs::update_program(&mut c.stores[who], id, &input).unwrap();
        sync(&mut c.stores[who]).unwrap();
    }
    let _ = program;
    spread(&c, "changes", false);
    let mut kept = BTreeSet::new();
    for who in 0..3 {
        sync(&mut c.stores[who]).unwrap();
        let list = conflicts::list(&c.stores[who]).unwrap();
        assert_eq!(list.len(), 1, "computer {who}: {list:?}");
        let both: BTreeSet<String> = [list[0].kept.clone(), list[0].other.clone()].into();
        assert_eq!(both, BTreeSet::from(["Ana".to_string(), "Ben".to_string()]));
        kept.insert(list[0].kept.clone());
    }
    assert_eq!(kept.len(), 1, "every computer uses the same value");
    // Cy keeps Ana's; once that arrives, no computer lists the conflict.
    let id = conflicts::list(&c.stores[2]).unwrap()[0].id;
    conflicts::resolve(&mut c.stores[2], id, "Ana").unwrap();
    sync(&mut c.stores[2]).unwrap();
    for to in 0..2 {
        copy_tree(
            &c.folders[2].join("changes"),
            &c.folders[to].join("changes"),
        );
        sync(&mut c.stores[to]).unwrap();
        assert!(
            conflicts::list(&c.stores[to]).unwrap().is_empty(),
            "computer {to}"
        );
        let contact: String = c.stores[to]
            .conn()
            .query_row("SELECT contact_name FROM programs", [], |r| r.get(0))
            .unwrap();
        assert_eq!(contact, "Ana");
    }
}

#[test]
fn a_newer_format_is_refused_with_update_matchbook() {
    let header = files::Header {
        format: files::FORMAT + 1,
        computer: "0".repeat(32),
        seq: 1,
    };
    let bytes = files::encode(&header, &[]).unwrap();
    match files::decode(&bytes) {
        files::Read::Refused(reason) => assert!(reason.contains("update Matchbook"), "{reason}"),
        _ => panic!("a newer format was not refused"),
    }
}

#[test]
fn activity_says_who_did_what() {
    let mut c = committee();
    let pair: i64 = c.stores[1]
        .conn()
        .query_row(
            "SELECT id FROM matches WHERE confirmed_at IS NOT NULL LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let today = crate::time::today();
    let input = crate::tracking::MeetingInput {
        date: today.to_string(),
        ..Default::default()
    };
    crate::tracking::add_meeting(&mut c.stores[1], pair, &input, today).unwrap();
    sync(&mut c.stores[1]).unwrap();
    copy_tree(&c.folders[1].join("changes"), &c.folders[0].join("changes"));
    sync(&mut c.stores[0]).unwrap();
    let entries = crate::activity::list(&c.stores[0], 10).unwrap();
    let meeting = entries
        .iter()
        .find(|e| e.what.contains("meeting"))
        .expect("the meeting is in Activity");
    assert_eq!(meeting.member, "Ben");
    assert!(!meeting.here);
    assert!(entries
        .iter()
        .any(|e| e.what.starts_with("Shared the program file") && e.member == "Ana"));
}

#[test]
fn an_erased_person_is_in_no_program_file_and_no_copy_of_the_folder() {
    let mut c = committee();
    let iris: i64 = c.stores[1]
        .conn()
        .query_row("SELECT id FROM people WHERE name = 'Iris Falk'", [], |r| {
            r.get(0)
        })
        .unwrap();
    crate::people::erase_person(&mut c.stores[1], iris).unwrap();
    sync(&mut c.stores[1]).unwrap();
    let waiting = status(&c.stores[1]).unwrap().erasures;
    assert_eq!(waiting.len(), 1, "{waiting:?}");
    assert_eq!((waiting[0].done_on, waiting[0].of), (1, 3));
    assert!(
        waiting[0].what.contains("erased by Ben"),
        "{}",
        waiting[0].what
    );
    for round in 0..2 {
        // The sync client carries new and rewritten files alike.
        spread(&c, "changes", true);
        for who in 0..3 {
            sync(&mut c.stores[who]).unwrap();
        }
        let _ = round;
    }
    spread(&c, "erased", true);
    assert!(
        status(&c.stores[0]).unwrap().erasures.is_empty(),
        "every computer confirmed the erasure"
    );
    assert_in_no_copy(c, &["Iris Falk", "iris.falk@example.org"]);
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn all_files(folder: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap().flatten() {
        if entry.file_type().unwrap().is_dir() {
            out.extend(all_files(&entry.path()));
        } else {
            out.push(entry.path());
        }
    }
    out
}

#[test]
fn two_members_confirming_at_once_hold_back_letters_until_one_matching_is_kept() {
    let mut c = committee();
    let program: i64 = program_of(&c.stores[0]);
    add_person(
        &mut c.stores[0],
        program,
        Role::Participant,
        "Lea Wong",
        "Branch 9",
        &[],
        &["Leadership"],
    );
    for mentor in ids(&c.stores[0], "SELECT id FROM people WHERE role = 'mentor'") {
        crate::people::set_capacity(&mut c.stores[0], mentor, 2).unwrap();
    }
    sync(&mut c.stores[0]).unwrap();
    copy_tree(&c.folders[0].join("changes"), &c.folders[1].join("changes"));
    sync(&mut c.stores[1]).unwrap();
    // Both compute and confirm before seeing each other's.
    for who in 0..2 {
        let id: i64 = program_of(&c.stores[who]);
        crate::matching::run(&mut c.stores[who], id, crate::matching::Goal::Total).unwrap();
        crate::matching::confirm(&mut c.stores[who], id).unwrap();
        sync(&mut c.stores[who]).unwrap();
    }
    copy_tree(&c.folders[0].join("changes"), &c.folders[1].join("changes"));
    copy_tree(&c.folders[1].join("changes"), &c.folders[0].join("changes"));
    for who in 0..2 {
        sync(&mut c.stores[who]).unwrap();
        let id: i64 = program_of(&c.stores[who]);
        let twice = crate::matching::confirmed_twice(&c.stores[who], id).unwrap();
        assert_eq!(twice.len(), 2, "computer {who}: {twice:?}");
        assert_eq!(twice[0].participants, vec!["Lea Wong".to_string()]);
        let refused =
            crate::letters::recipients(&c.stores[who], id, crate::letters::Which::All).unwrap_err();
        assert!(refused.to_string().contains("keeps one"), "{refused}");
    }
    let id: i64 = program_of(&c.stores[1]);
    let keep = crate::matching::confirmed_twice(&c.stores[1], id).unwrap()[0].version_id;
    crate::matching::keep_confirmation(&mut c.stores[1], id, keep).unwrap();
    sync(&mut c.stores[1]).unwrap();
    copy_tree(&c.folders[1].join("changes"), &c.folders[0].join("changes"));
    sync(&mut c.stores[0]).unwrap();
    for who in 0..2 {
        let id: i64 = program_of(&c.stores[who]);
        assert!(
            crate::matching::confirmed_twice(&c.stores[who], id)
                .unwrap()
                .is_empty(),
            "computer {who}"
        );
        assert_eq!(
            crate::letters::recipients(&c.stores[who], id, crate::letters::Which::All)
                .unwrap()
                .iter()
                .filter(|r| r.person.application.name == "Lea Wong")
                .count(),
            1
        );
    }
}

#[test]
fn a_member_joining_late_starts_from_the_newest_snapshot() {
    let mut c = committee();
    let pairs = ids(
        &c.stores[0],
        "SELECT id FROM matches WHERE confirmed_at IS NOT NULL",
    );
    let today = crate::time::today();
    for i in 0..(snapshots::EVERY as usize + 5) {
        let input = crate::tracking::MeetingInput {
            date: today.to_string(),
            notes: format!("meeting {i}"),
            ..Default::default()
        };
        crate::tracking::add_meeting(&mut c.stores[0], pairs[i % pairs.len()], &input, today)
            .unwrap();
        publish_pending(&mut c.stores[0]).unwrap();
    }
    let snapshots: Vec<_> = std::fs::read_dir(c.folders[0].join("snapshots"))
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(snapshots.len(), 1, "one snapshot, the older ones deleted");
    let late = c.folders[0].parent().unwrap().join("late.sqlite");
    let (store, report) = join_file(&late, &c.folders[0], "Dee").unwrap();
    assert!(
        report.applied < 10,
        "only the files after the snapshot are applied: {}",
        report.applied
    );
    assert_eq!(fingerprint(&store), fingerprint(&c.stores[0]));
    assert_eq!(sharing(&store).unwrap().unwrap().member, "Dee");
    // A half-copied snapshot is passed over: the change files are used instead.
    let snapshot = snapshots[0].path();
    let bytes = std::fs::read(&snapshot).unwrap();
    std::fs::write(&snapshot, &bytes[..bytes.len() / 3]).unwrap();
    let later = c.folders[0].parent().unwrap().join("later.sqlite");
    let (store, report) = join_file(&later, &c.folders[0], "Eve").unwrap();
    assert!(
        report.applied > snapshots::EVERY as usize,
        "{}",
        report.applied
    );
    assert_eq!(fingerprint(&store), fingerprint(&c.stores[0]));
}

#[test]
fn a_proposal_computed_before_a_colleagues_changes_says_so() {
    let mut c = committee();
    let program: i64 = program_of(&c.stores[0]);
    for mentor in ids(&c.stores[0], "SELECT id FROM people WHERE role = 'mentor'") {
        crate::people::set_capacity(&mut c.stores[0], mentor, 2).unwrap();
    }
    add_person(
        &mut c.stores[0],
        program,
        Role::Participant,
        "Lea Wong",
        "Branch 9",
        &[],
        &["Leadership"],
    );
    crate::matching::run(&mut c.stores[0], program, crate::matching::Goal::Total).unwrap();
    sync(&mut c.stores[0]).unwrap();
    let view = crate::matching::current_view(&c.stores[0], program)
        .unwrap()
        .unwrap();
    assert_eq!(view.stale, None, "nothing arrived since");
    // Ben adds a late applicant; it reaches Ana after she computed.
    copy_tree(&c.folders[0].join("changes"), &c.folders[1].join("changes"));
    sync(&mut c.stores[1]).unwrap();
    let there: i64 = program_of(&c.stores[1]);
    add_person(
        &mut c.stores[1],
        there,
        Role::Participant,
        "Max Ode",
        "Branch 8",
        &[],
        &["Leadership"],
    );
    sync(&mut c.stores[1]).unwrap();
    copy_tree(&c.folders[1].join("changes"), &c.folders[0].join("changes"));
    sync(&mut c.stores[0]).unwrap();
    let view = crate::matching::current_view(&c.stores[0], program)
        .unwrap()
        .unwrap();
    let stale = view.stale.expect("the proposal says it is out of date");
    assert!(
        stale.contains("Ben's changes")
            && stale.contains("a person added")
            && stale.ends_with("compute again?"),
        "{stale}"
    );
    crate::matching::run(&mut c.stores[0], program, crate::matching::Goal::Total).unwrap();
    let view = crate::matching::current_view(&c.stores[0], program)
        .unwrap()
        .unwrap();
    assert_eq!(view.stale, None);
}

#[test]
fn a_computer_whose_clock_is_days_ahead_does_not_win_over_changes_made_after_seeing_it() {
    let mut c = committee();
    // Ben's laptop thinks it is three days later than it is.
    let ahead = chrono::Utc::now().timestamp_millis() + 3 * 24 * 3600 * 1000;
    c.stores[1]
        .conn()
        .execute("UPDATE share_self SET clock_ms = ?1", [ahead])
        .unwrap();
    let edit = |store: &mut Store, name: &str| {
        let mut input = ProgramInput::named("MILE 2026");
        input.kickoff_date = "2026-05-01".into();
        input.contact_name = name.into();
        let id = program_of(store);
        crate::programs::update_program(store, id, &input).unwrap();
        sync(store).unwrap();
    };
    edit(&mut c.stores[1], "Ben");
    spread(&c, "changes", false);
    sync(&mut c.stores[0]).unwrap();
    // Ana changes it after seeing Ben's change: hers is the later one everywhere.
    edit(&mut c.stores[0], "Ana");
    spread(&c, "changes", false);
    for who in 0..3 {
        sync(&mut c.stores[who]).unwrap();
        let contact: String = c.stores[who]
            .conn()
            .query_row("SELECT contact_name FROM programs", [], |r| r.get(0))
            .unwrap();
        assert_eq!(contact, "Ana", "computer {who}");
        assert!(conflicts::list(&c.stores[who]).unwrap().is_empty());
    }
}

#[test]
fn a_retention_erasure_leaves_no_name_in_any_copy_of_the_folder() {
    let mut c = committee();
    let program = program_of(&c.stores[0]);
    // A meeting note naming the participant, made before the erasure.
    let pair = ids(
        &c.stores[0],
        "SELECT id FROM matches WHERE confirmed_at IS NOT NULL",
    )[0];
    let today = crate::time::today();
    let input = crate::tracking::MeetingInput {
        date: today.to_string(),
        notes: "Iris Falk brought her budget draft".into(),
        ..Default::default()
    };
    crate::tracking::add_meeting(&mut c.stores[0], pair, &input, today).unwrap();
    crate::retention::set_retention(&mut c.stores[0], program, Some(1)).unwrap();
    sync(&mut c.stores[0]).unwrap();
    // Three years on, the term long over: everyone is due.
    let later = today + chrono::Days::new(3 * 366);
    let report = crate::retention::run_erasure(&mut c.stores[0], later).unwrap();
    assert!(!report.programs.is_empty(), "the program was due");
    sync(&mut c.stores[0]).unwrap();
    for _ in 0..2 {
        spread(&c, "changes", true);
        spread(&c, "snapshots", true);
        for who in 0..3 {
            sync(&mut c.stores[who]).unwrap();
        }
    }
    assert_in_no_copy(
        c,
        &[
            "Iris Falk",
            "iris.falk@example.org",
            "Ana Ruiz",
            "budget draft",
        ],
    );
}

/// None of `needles` occurs in any computer's program file (with its
/// `-wal`) or in any file of any copy of the folder.
fn assert_in_no_copy(c: Committee, needles: &[&str]) {
    let paths: Vec<PathBuf> = c.stores.iter().map(|s| s.path().to_path_buf()).collect();
    let folders = c.folders.clone();
    drop(c.stores);
    let files = paths
        .iter()
        .flat_map(|p| [p.clone(), PathBuf::from(format!("{}-wal", p.display()))])
        .chain(folders.iter().flat_map(|f| all_files(f)));
    for file in files {
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        for needle in needles {
            assert!(
                !contains(&bytes, needle.as_bytes()),
                "{needle} is still in {}",
                file.display()
            );
        }
    }
}

/// A check-in joined to a group (no pair) travels with its group: on the
/// other computers it names the same group, known there by its uid.
#[test]
fn a_check_in_joined_to_a_group_arrives_joined_to_the_same_group() {
    let mut c = committee();
    let program = program_of(&c.stores[0]);
    c.stores[0]
        .write(|tx| {
            tx.execute(
                "INSERT INTO match_groups (program_id, version_id, reasons_json)
                 SELECT ?1, id, '[\"All meet on Thursdays\"]' FROM match_versions WHERE status = 'confirmed'",
                [program],
            )?;
            let group = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO match_group_members (group_id, person_id)
                 SELECT ?1, id FROM people WHERE role = 'participant'",
                [group],
            )?;
            tx.execute(
                "INSERT INTO imports (program_id, role, kind, file_name, imported_at)
                 VALUES (?1, 'participant', 'check_ins', 'circle.csv', '2026-08-01')",
                [program],
            )?;
            tx.execute(
                "INSERT INTO checkin_responses (import_id, row_number, group_id, respondent_id, period, responded_on, satisfaction)
                 SELECT ?1, 2, ?2, id, 1, '2026-08-01', 4 FROM people WHERE name = 'Iris Falk'",
                [tx.last_insert_rowid(), group],
            )?;
            Ok(())
        })
        .unwrap();
    sync(&mut c.stores[0]).unwrap();
    spread(&c, "changes", false);
    let joined = "SELECT p.name || '|' || g.uid || '|' || g.reasons_json || '|' || ifnull(r.match_id, 'none')
                  FROM checkin_responses r JOIN match_groups g ON g.id = r.group_id
                  JOIN people p ON p.id = r.respondent_id";
    let at =
        |store: &Store| -> String { store.conn().query_row(joined, [], |r| r.get(0)).unwrap() };
    let there = at(&c.stores[0]);
    assert!(
        there.starts_with("Iris Falk|") && there.ends_with("|none"),
        "{there}"
    );
    for who in 1..3 {
        sync(&mut c.stores[who]).unwrap();
        assert_eq!(at(&c.stores[who]), there, "computer {who}");
    }
}
