//! Three computers, each with its own program file and its own copy of the
//! shared folder. `sync_client` moves files between the copies as a sync
//! service would, badly; `cases` tests each rule on its own.

use std::path::{Path, PathBuf};

use tempfile::TempDir;

use super::*;
use crate::people::Role;
use crate::programs::{create_program, ProgramInput};
use crate::test_support::add_person;

mod cases;
mod imports;
mod sync_client;

/// splitmix64: a seeded schedule is the same on every run.
pub(super) struct Rng(u64);
impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub(super) fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// A small matched program, shared by computer A; B and C joined.
pub(super) struct Committee {
    _dir: TempDir,
    pub(super) stores: Vec<Store>,
    pub(super) folders: Vec<PathBuf>,
}

pub(super) fn base_program(store: &mut Store) -> i64 {
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

pub(super) fn committee() -> Committee {
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

pub(super) fn copy_tree(from: &Path, to: &Path) {
    carry(from, to, false);
}

/// Copies `from` into `to`: files `to` lacks, or every file when `replacing`.
pub(super) fn carry(from: &Path, to: &Path, replacing: bool) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            carry(&entry.path(), &target, replacing);
        } else if replacing || !target.exists() {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every change file under `folder`, relative.
pub(super) fn change_files(folder: &Path) -> Vec<PathBuf> {
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
pub(super) fn ids(store: &Store, sql: &str) -> Vec<i64> {
    let mut stmt = store.conn().prepare(sql).unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// What must be the same everywhere, by content (local ids differ).
pub(super) fn fingerprint(store: &Store) -> Vec<String> {
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

/// The one program of a computer's file.
pub(super) fn program_of(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT id FROM programs", [], |r| r.get(0))
        .unwrap()
}

/// The sync client carries `sub` (e.g. "changes") from every folder copy to
/// every other; `replacing` also carries files rewritten since.
pub(super) fn spread(c: &Committee, sub: &str, replacing: bool) {
    for from in 0..c.folders.len() {
        for to in 0..c.folders.len() {
            if from == to || !c.folders[from].join(sub).exists() {
                continue;
            }
            let (source, target) = (c.folders[from].join(sub), c.folders[to].join(sub));
            carry(&source, &target, replacing);
        }
    }
}
