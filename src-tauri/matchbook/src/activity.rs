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
