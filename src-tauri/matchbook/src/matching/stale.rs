//! A proposal computed before other members' changes arrived: in a shared
//! program, a member may compute while a colleague's new applications,
//! criteria or vetoes are still on their way. The proposal remembers the
//! changes it was computed from (the change log up to its own entry), and
//! says which arrived since: "Computed before Ben Okafor's changes of
//! 8 December 2026 (3 people added): compute again?"

use rusqlite::OptionalExtension;

use crate::error::Result;
use crate::store::Store;

/// The tables whose records a computation reads.
const INPUTS: &[&str] = &[
    "people",
    "criteria",
    "pair_rules",
    "program_settings",
    "questions",
    "library_aliases",
];

/// The sentence for a proposal computed before other computers' changes
/// to what matching reads arrived; None when it is up to date (or the
/// file is not shared).
pub fn stale_proposal(store: &Store, version_id: i64) -> Result<Option<String>> {
    let conn = store.conn();
    let me: Option<String> = conn
        .query_row("SELECT computer FROM share_self", [], |r| r.get(0))
        .optional()?;
    let Some(me) = me else { return Ok(None) };
    let uid: Option<String> = conn
        .query_row(
            "SELECT uid FROM match_versions WHERE id = ?1",
            [version_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let Some(uid) = uid else { return Ok(None) };
    // The change that made the proposal: everything logged before it was seen.
    let made: Option<i64> = conn
        .query_row(
            "SELECT MIN(seq) FROM change_log WHERE rows_json LIKE ?1",
            [format!("%{uid}%")],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let Some(made) = made else { return Ok(None) };
    let mut stmt = conn.prepare(
        "SELECT member, at, what, rows_json FROM change_log
         WHERE seq > ?1 AND computer <> ?2 AND rows_json IS NOT NULL ORDER BY seq",
    )?;
    let later: Vec<(String, String, String, String)> = stmt
        .query_map(rusqlite::params![made, me], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let relevant: Vec<&(String, String, String, String)> = later
        .iter()
        .filter(|(_, _, _, rows)| {
            INPUTS
                .iter()
                .any(|t| rows.contains(&format!("\"t\":\"{t}\"")))
        })
        .collect();
    let Some((member, at, what, _)) = relevant.first() else {
        return Ok(None);
    };
    let day = crate::time::local_date(at)
        .map(crate::time::long_date)
        .unwrap_or_else(|| at.clone());
    let more = match relevant.len() {
        1 => String::new(),
        n => format!(
            " and {} more change{}",
            n - 1,
            if n == 2 { "" } else { "s" }
        ),
    };
    Ok(Some(format!(
        "Computed before {member}'s changes of {day} ({}){more}: compute again?",
        what.to_lowercase()
    )))
}
