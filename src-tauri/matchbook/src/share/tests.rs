//! Three computers, each with its own program file and its own copy of the
//! shared folder, and a simulated sync client between the copies that
//! delays, reorders, duplicates and cuts files short, leaves empty
//! placeholders and "conflicted copy" siblings behind. After every schedule,
//! once everything has arrived, all three hold the same records and list the
//! same conflicts.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use super::*;
use crate::people::Role;
use crate::programs::{create_program, ProgramInput};
use crate::test_support::add_person;

/// splitmix64: a seeded schedule is the same on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// A small matched program, shared by computer A; B and C joined.
struct Committee {
    _dir: TempDir,
    stores: Vec<Store>,
    folders: Vec<PathBuf>,
}

fn base_program(store: &mut Store) -> i64 {
    let mut input = ProgramInput::named("MILE 2026");
    input.kickoff_date = "2026-05-01".into();
    let program = create_program(store, &input).unwrap();
    for (i, name) in ["Ana Ruiz", "Ben Okafor", "Cy Lund"].iter().enumerate() {
        add_person(
            store,
            program.id,
            Role::Mentor,
            name,
            &format!("Library {i}"),
            &[],
            &["Leadership"],
        );
    }
    for (i, name) in ["Iris Falk", "Jon Berg", "Kim Sato"].iter().enumerate() {
        add_person(
            store,
            program.id,
            Role::Participant,
            name,
            &format!("Branch {i}"),
            &[],
            &["Leadership"],
        );
    }
    crate::matching::run(store, program.id, crate::matching::Goal::Total).unwrap();
    crate::matching::confirm(store, program.id).unwrap();
    program.id
}

/// The three computers as they stand after A shared and B and C joined,
/// made once and copied for each schedule.
fn template() -> &'static Path {
    static TEMPLATE: std::sync::OnceLock<TempDir> = std::sync::OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let folders: Vec<PathBuf> = (0..3)
                .map(|i| dir.path().join(format!("folder-{i}")))
                .collect();
            let mut a = Store::open(&dir.path().join("0.sqlite")).unwrap();
            base_program(&mut a);
            init(&mut a, &folders[0], "Ana").unwrap();
            a.checkpoint().unwrap();
            for (i, member) in [(1, "Ben"), (2, "Cy")] {
                copy_tree(&folders[0], &folders[i]);
                let mut s = Store::open(&dir.path().join(format!("{i}.sqlite"))).unwrap();
                join(&mut s, &folders[i], member).unwrap();
                s.checkpoint().unwrap();
            }
            // Everyone's member file reaches everyone.
            for from in 0..3 {
                for to in 0..3 {
                    if from != to {
                        copy_tree(&folders[from].join("members"), &folders[to].join("members"));
                    }
                }
            }
            dir
        })
        .path()
}

fn committee() -> Committee {
    let dir = tempfile::tempdir().unwrap();
    let mut stores = Vec::new();
    let mut folders = Vec::new();
    for i in 0..3 {
        let folder = dir.path().join(format!("folder-{i}"));
        copy_tree(&template().join(format!("folder-{i}")), &folder);
        let file = dir.path().join(format!("{i}.sqlite"));
        std::fs::copy(template().join(format!("{i}.sqlite")), &file).unwrap();
        let store = Store::open(&file).unwrap();
        store
            .conn()
            .execute(
                "UPDATE share_self SET folder = ?1",
                [folder.to_string_lossy()],
            )
            .unwrap();
        stores.push(store);
        folders.push(folder);
    }
    Committee {
        _dir: dir,
        stores,
        folders,
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else if !target.exists() {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every change file under `folder`, relative.
fn change_files(folder: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for computer in files::computers(folder) {
        for seq in files::list(folder, &computer) {
            out.push(
                files::change_path(folder, &computer, seq)
                    .strip_prefix(folder)
                    .unwrap()
                    .to_path_buf(),
            );
        }
    }
    out
}

/// One delivery the sync client has yet to make.
struct Delivery {
    from: usize,
    to: usize,
    file: PathBuf,
}

/// Moves some pending files, each maybe cut short or as a placeholder first,
/// maybe twice, with clutter beside it.
fn deliver_some(c: &Committee, pending: &mut Vec<Delivery>, rng: &mut Rng, all: bool) {
    let mut kept = Vec::new();
    while let Some(d) = if pending.is_empty() {
        None
    } else {
        Some(pending.remove(rng.below(pending.len())))
    } {
        if !all && rng.chance(40) {
            kept.push(d);
            continue;
        }
        let source = c.folders[d.from].join(&d.file);
        let bytes = std::fs::read(&source).unwrap();
        let target = c.folders[d.to].join(&d.file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        if !all && rng.chance(25) {
            // Half-arrived or a placeholder: it arrives whole later.
            let cut = if rng.chance(50) {
                0
            } else {
                rng.below(bytes.len().max(1))
            };
            std::fs::write(&target, &bytes[..cut]).unwrap();
            kept.push(d);
            continue;
        }
        std::fs::write(&target, &bytes).unwrap();
        if rng.chance(10) {
            let sibling = target.with_file_name(format!(
                "{} (conflicted copy).mbc",
                target.file_stem().unwrap().to_string_lossy()
            ));
            std::fs::write(sibling, b"garbage").unwrap();
            std::fs::write(target.parent().unwrap().join("desktop.ini"), b"[x]").unwrap();
        }
        if rng.chance(10) {
            kept.push(Delivery {
                from: d.from,
                to: d.to,
                file: d.file.clone(),
            }); // arrives twice
        }
    }
    *pending = kept;
}

/// Files a computer published that the client has not yet scheduled.
fn schedule_new(
    c: &Committee,
    known: &mut BTreeSet<(usize, PathBuf)>,
    pending: &mut Vec<Delivery>,
) {
    for (from, folder) in c.folders.iter().enumerate() {
        for file in change_files(folder) {
            let own = c.stores[from]
                .conn()
                .query_row("SELECT computer FROM share_self", [], |r| {
                    r.get::<_, String>(0)
                })
                .unwrap();
            if !file.starts_with(Path::new("changes").join(&own))
                || !known.insert((from, file.clone()))
            {
                continue;
            }
            for to in 0..3 {
                if to != from {
                    pending.push(Delivery {
                        from,
                        to,
                        file: file.clone(),
                    });
                }
            }
        }
    }
}

/// A member does something on computer `who`.
fn act(store: &mut Store, rng: &mut Rng, step: usize) {
    let program: i64 = store
        .conn()
        .query_row("SELECT id FROM programs", [], |r| r.get(0))
        .unwrap();
    match rng.below(5) {
        0 => {
            let pairs: Vec<i64> = ids(
                store,
                "SELECT id FROM matches WHERE confirmed_at IS NOT NULL ORDER BY uid",
            );
            let pair = pairs[rng.below(pairs.len())];
            let input = crate::tracking::MeetingInput {
                date: crate::time::today().to_string(),
                notes: format!("meeting {step}"),
                ..Default::default()
            };
            crate::tracking::add_meeting(store, pair, &input, crate::time::today()).unwrap();
        }
        1 => {
            let mentors: Vec<i64> = ids(
                store,
                "SELECT id FROM people WHERE role = 'mentor' ORDER BY uid",
            );
            let mentor = mentors[rng.below(mentors.len())];
            crate::people::set_capacity(store, mentor, 1 + rng.below(4) as u32).unwrap();
        }
        2 => {
            let mut input = ProgramInput::named("MILE 2026");
            input.kickoff_date = "2026-05-01".into();
            input.contact_name = ["Ana", "Ben", "Cy", "Dee"][rng.below(4)].into();
            crate::programs::update_program(store, program, &input).unwrap();
        }
        3 => {
            let pairs: Vec<i64> = ids(
                store,
                "SELECT id FROM matches WHERE confirmed_at IS NOT NULL ORDER BY uid",
            );
            let pair = pairs[rng.below(pairs.len())];
            let goal = crate::tracking::GoalInput {
                title: format!("Goal {step}"),
                ..Default::default()
            };
            crate::tracking::add_goal(store, pair, &goal).unwrap();
        }
        _ => {
            let mut weights = crate::matching::Weights::default();
            if let Some(w) = weights.0.values_mut().next() {
                *w = rng.below(50) as u8;
            }
            crate::matching::set_weights(store, program, &weights).unwrap();
        }
    }
}

fn ids(store: &Store, sql: &str) -> Vec<i64> {
    let mut stmt = store.conn().prepare(sql).unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// What must be the same everywhere, by content (local ids differ).
fn fingerprint(store: &Store) -> Vec<String> {
    let queries = [
        "SELECT name || '|' || contact_name || '|' || kickoff_date FROM programs",
        "SELECT role || '|' || name || '|' || email || '|' || ifnull(capacity, '') FROM people",
        "SELECT label || '|' || weight || '|' || compare FROM criteria",
        "SELECT key || '|' || value_json FROM program_settings",
        "SELECT p.email || '|' || m.email || '|' || x.status FROM matches x JOIN people p ON p.id = x.participant_id JOIN people m ON m.id = x.mentor_id WHERE x.confirmed_at IS NOT NULL",
        "SELECT p.email || '|' || g.date || '|' || g.notes FROM meetings g JOIN matches x ON x.id = g.match_id JOIN people p ON p.id = x.participant_id",
        "SELECT p.email || '|' || g.title FROM goals g JOIN matches x ON x.id = g.match_id JOIN people p ON p.id = x.participant_id",
        "SELECT respondent_id || '|' || period FROM checkin_responses",
        "SELECT 'conflict|' || tbl || '|' || uid || '|' || col || '|' || lost_json FROM share_conflicts WHERE resolved_at IS NULL",
        "SELECT 'record|' || tbl || '|' || uid FROM share_records WHERE deleted = 0",
    ];
    let mut out = Vec::new();
    for q in queries {
        let mut stmt = store.conn().prepare(q).unwrap();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| r.get::<_, Option<String>>(0))
            .unwrap()
            .map(|r| r.unwrap().unwrap_or_default())
            .collect();
        rows.sort();
        out.extend(rows);
    }
    out
}

fn run_schedule(seed: u64) {
    let mut c = committee();
    let mut rng = Rng(seed);
    let mut pending = Vec::new();
    let mut known = BTreeSet::new();
    for step in 0..8 {
        let who = rng.below(3);
        act(&mut c.stores[who], &mut rng, step);
        sync(&mut c.stores[who]).unwrap();
        schedule_new(&c, &mut known, &mut pending);
        deliver_some(&c, &mut pending, &mut rng, false);
        let other = rng.below(3);
        let report = sync(&mut c.stores[other]).unwrap();
        assert!(
            report.refused.is_empty(),
            "seed {seed}: {:?}",
            report.refused
        );
        schedule_new(&c, &mut known, &mut pending);
    }
    // Everything arrives; everyone syncs until nothing is left.
    for _ in 0..3 {
        for who in 0..3 {
            sync(&mut c.stores[who]).unwrap();
        }
        schedule_new(&c, &mut known, &mut pending);
        deliver_some(&c, &mut pending, &mut rng, true);
    }
    for who in 0..3 {
        let report = sync(&mut c.stores[who]).unwrap();
        assert!(
            report.waiting.is_empty(),
            "seed {seed}: computer {who} still waits: {:?}",
            report.waiting
        );
    }
    let first = fingerprint(&c.stores[0]);
    for who in 1..3 {
        assert_eq!(
            first,
            fingerprint(&c.stores[who]),
            "seed {seed}: computer {who} differs from computer 0"
        );
    }
    // Every file again, as a sync client replaying the folder: nothing changes.
    for who in 0..3 {
        c.stores[who]
            .conn()
            .execute("DELETE FROM share_files", [])
            .unwrap();
        sync(&mut c.stores[who]).unwrap();
        assert_eq!(
            first,
            fingerprint(&c.stores[who]),
            "seed {seed}: replay changed computer {who}"
        );
    }
}

#[test]
fn three_computers_converge_under_two_hundred_sync_schedules() {
    // Four threads of 50 seeds each: the schedules are independent.
    std::thread::scope(|scope| {
        for part in 0..4 {
            scope.spawn(move || (part * 50..(part + 1) * 50).for_each(run_schedule));
        }
    });
}

#[test]
fn a_half_arrived_file_waits_and_is_never_applied_in_part() {
    let mut c = committee();
    let mut input = ProgramInput::named("MILE 2026");
    input.kickoff_date = "2026-05-01".into();
    input.contact_name = "Ben".into();
    let program: i64 = c.stores[1]
        .conn()
        .query_row("SELECT id FROM programs", [], |r| r.get(0))
        .unwrap();
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
    let program: i64 = c.stores[0]
        .conn()
        .query_row("SELECT id FROM programs", [], |r| r.get(0))
        .unwrap();
    for (who, name) in [(0, "Ana"), (1, "Ben")] {
        let mut input = ProgramInput::named("MILE 2026");
        input.kickoff_date = "2026-05-01".into();
        input.contact_name = name.into();
        let id: i64 = c.stores[who]
            .conn()
            .query_row("SELECT id FROM programs", [], |r| r.get(0))
            .unwrap();
        crate::programs::update_program(&mut c.stores[who], id, &input).unwrap();
        sync(&mut c.stores[who]).unwrap();
    }
    let _ = program;
    for from in 0..3 {
        for to in 0..3 {
            if from != to {
                copy_tree(
                    &c.folders[from].join("changes"),
                    &c.folders[to].join("changes"),
                );
            }
        }
    }
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
        for from in 0..3 {
            for to in 0..3 {
                if from != to {
                    // The sync client carries new and rewritten files alike.
                    copy_tree_replacing(
                        &c.folders[from].join("changes"),
                        &c.folders[to].join("changes"),
                    );
                }
            }
        }
        for who in 0..3 {
            sync(&mut c.stores[who]).unwrap();
        }
        let _ = round;
    }
    for from in 0..3 {
        for to in 0..3 {
            if from != to {
                copy_tree_replacing(
                    &c.folders[from].join("erased"),
                    &c.folders[to].join("erased"),
                );
            }
        }
    }
    assert!(
        status(&c.stores[0]).unwrap().erasures.is_empty(),
        "every computer confirmed the erasure"
    );
    let paths: Vec<PathBuf> = (0..3).map(|i| c.stores[i].path().to_path_buf()).collect();
    let folders = c.folders.clone();
    drop(c.stores);
    for needle in ["Iris Falk", "iris.falk@example.org"] {
        for path in &paths {
            for file in [
                path.clone(),
                PathBuf::from(format!("{}-wal", path.display())),
            ] {
                if let Ok(bytes) = std::fs::read(&file) {
                    assert!(
                        !contains(&bytes, needle.as_bytes()),
                        "{needle} is still in {}",
                        file.display()
                    );
                }
            }
        }
        for folder in &folders {
            for file in all_files(folder) {
                let bytes = std::fs::read(&file).unwrap();
                assert!(
                    !contains(&bytes, needle.as_bytes()),
                    "{needle} is still in {}",
                    file.display()
                );
            }
        }
    }
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

fn copy_tree_replacing(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree_replacing(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn two_members_confirming_at_once_hold_back_letters_until_one_matching_is_kept() {
    let mut c = committee();
    let program: i64 = c.stores[0]
        .conn()
        .query_row("SELECT id FROM programs", [], |r| r.get(0))
        .unwrap();
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
        let id: i64 = c.stores[who]
            .conn()
            .query_row("SELECT id FROM programs", [], |r| r.get(0))
            .unwrap();
        crate::matching::run(&mut c.stores[who], id, crate::matching::Goal::Total).unwrap();
        crate::matching::confirm(&mut c.stores[who], id).unwrap();
        sync(&mut c.stores[who]).unwrap();
    }
    copy_tree(&c.folders[0].join("changes"), &c.folders[1].join("changes"));
    copy_tree(&c.folders[1].join("changes"), &c.folders[0].join("changes"));
    for who in 0..2 {
        sync(&mut c.stores[who]).unwrap();
        let id: i64 = c.stores[who]
            .conn()
            .query_row("SELECT id FROM programs", [], |r| r.get(0))
            .unwrap();
        let twice = crate::matching::confirmed_twice(&c.stores[who], id).unwrap();
        assert_eq!(twice.len(), 2, "computer {who}: {twice:?}");
        assert_eq!(twice[0].participants, vec!["Lea Wong".to_string()]);
        let refused =
            crate::letters::recipients(&c.stores[who], id, crate::letters::Which::All).unwrap_err();
        assert!(refused.to_string().contains("keeps one"), "{refused}");
    }
    let id: i64 = c.stores[1]
        .conn()
        .query_row("SELECT id FROM programs", [], |r| r.get(0))
        .unwrap();
    let keep = crate::matching::confirmed_twice(&c.stores[1], id).unwrap()[0].version_id;
    crate::matching::keep_confirmation(&mut c.stores[1], id, keep).unwrap();
    sync(&mut c.stores[1]).unwrap();
    copy_tree(&c.folders[1].join("changes"), &c.folders[0].join("changes"));
    sync(&mut c.stores[0]).unwrap();
    for who in 0..2 {
        let id: i64 = c.stores[who]
            .conn()
            .query_row("SELECT id FROM programs", [], |r| r.get(0))
            .unwrap();
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
    let program: i64 = c.stores[0]
        .conn()
        .query_row("SELECT id FROM programs", [], |r| r.get(0))
        .unwrap();
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
    let there: i64 = c.stores[1]
        .conn()
        .query_row("SELECT id FROM programs", [], |r| r.get(0))
        .unwrap();
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
