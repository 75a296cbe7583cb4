//! An import notes its added records in bulk (`store/bulk.rs`), not one
//! trigger call per record: the other computers must still receive every
//! person, application row and raw row, and Activity must still say it.

use super::*;
use crate::import::{import_file, ImportOptions};

/// Writes a small applications file: one mentor answers twice (a repeat
/// row), one is new, and one is already in the program (updated).
fn applications(dir: &Path) -> PathBuf {
    let path = dir.join("mentors-2027.csv");
    std::fs::write(
        &path,
        "Timestamp,Name,Email Address,Library / organization,Areas where you can help\n\
         2027-01-02 09:00,Dee Moss,dee@example.org,Library 7,Budgets\n\
         2027-01-03 09:00,Dee Moss,dee@example.org,Library 7,Budgets; Leadership\n\
         2027-01-03 10:00,Eli Park,eli@example.org,Library 8,Leadership\n\
         2027-01-04 09:00,Ana Ruiz,ana.ruiz@example.org,Library 0,Grant writing\n",
    )
    .unwrap();
    path
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn an_import_reaches_the_other_computers_whole() {
    let mut c = committee();
    let dir = tempfile::tempdir().unwrap();
    let program: i64 = count(&c.stores[1], "SELECT id FROM programs LIMIT 1");
    let before = count(&c.stores[1], "SELECT count(*) FROM people");
    let report = import_file(
        &mut c.stores[1],
        program,
        Role::Mentor,
        &applications(dir.path()),
        &ImportOptions::default(),
        false,
    )
    .unwrap();
    assert_eq!((report.added, report.updated), (2, 1), "{report:?}");
    sync(&mut c.stores[1]).unwrap();
    copy_tree(&c.folders[1].join("changes"), &c.folders[0].join("changes"));
    sync(&mut c.stores[0]).unwrap();

    let (a, b) = (&c.stores[0], &c.stores[1]);
    assert_eq!(count(b, "SELECT count(*) FROM people"), before + 2);
    assert_eq!(fingerprint(a), fingerprint(b));
    // Every row the import stored, on both computers, by content.
    for sql in [
        "SELECT count(*) FROM applications WHERE import_id IS NOT NULL",
        "SELECT count(*) FROM raw_rows",
        "SELECT count(*) FROM import_changes",
        "SELECT count(*) FROM people WHERE lists_json || answers_json || extra_json LIKE '%Grant writing%'",
    ] {
        assert_eq!(count(a, sql), count(b, sql), "{sql}");
        assert!(count(b, sql) > 0, "{sql}");
    }
    let rows_of = |s: &Store| -> Vec<String> {
        let mut stmt = s
            .conn()
            .prepare(
                "SELECT p.email || '|' || a.row_number || '|' || r.raw_json
                 FROM applications a JOIN people p ON p.id = a.person_id
                 JOIN raw_rows r ON r.id = a.raw_id WHERE a.import_id IS NOT NULL
                 ORDER BY 1",
            )
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(rows_of(a), rows_of(b));
    assert_eq!(rows_of(b).len(), 4);

    // Activity on the receiving computer tells the import in the committee's words.
    let entries = crate::activity::list(a, 10).unwrap();
    let import = entries
        .iter()
        .find(|e| e.what.starts_with("Imported mentors-2027.csv"))
        .unwrap_or_else(|| panic!("no import in {entries:#?}"));
    assert!(import.what.contains("2 people added"), "{}", import.what);
    assert_eq!(import.member, "Ben");
}
