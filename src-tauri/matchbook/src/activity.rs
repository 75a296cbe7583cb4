//! Activity: who did what, when, and on which computer. It is the change
//! log made readable, and the committee's audit trail; in a shared program
//! it lists every member's changes as they arrive.

use serde::Serialize;

use crate::error::Result;
use crate::Store;

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub member: String,
    pub computer: String,
    /// When it was done (RFC 3339, UTC).
    pub at: String,
    pub what: String,
    /// Done on this computer (not arrived from another member's).
    pub here: bool,
}

/// The newest `limit` entries, newest first.
pub fn list(store: &Store, limit: usize) -> Result<Vec<Entry>> {
    let me: String = store
        .conn()
        .query_row("SELECT computer FROM share_self", [], |r| r.get(0))
        .unwrap_or_default();
    let mut stmt = store.conn().prepare(
        "SELECT member, computer_name, at, what, computer FROM change_log
         ORDER BY at DESC, seq DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit as i64], |r| {
        let computer: String = r.get(4)?;
        Ok(Entry {
            member: r.get(0)?,
            computer: r.get(1)?,
            at: r.get(2)?,
            what: r.get(3)?,
            here: computer.is_empty() || computer == me,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use crate::matching::{confirm, run, Goal};
    use crate::sample::load_sample_program;
    use crate::Store;

    #[test]
    fn confirming_reads_as_the_committee_says_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("p.sqlite")).unwrap();
        let program = load_sample_program(&mut store).unwrap();
        run(&mut store, program.id, Goal::Total).unwrap();
        confirm(&mut store, program.id).unwrap();
        let newest = &super::list(&store, 1).unwrap()[0];
        assert!(
            newest.what.contains("matching confirmed"),
            "{}",
            newest.what
        );
        assert!(newest.what.contains("pairs confirmed"), "{}", newest.what);
        // Confirming also puts the 14 left over on the waiting list.
        assert!(
            newest.what.contains("14 people on the waiting list added"),
            "{}",
            newest.what
        );
        for database_word in ["confirmed at", "status", "Records changed"] {
            assert!(!newest.what.contains(database_word), "{}", newest.what);
        }
    }
}
