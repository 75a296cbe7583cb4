//! What a write touched, as the temporary triggers noted it: one note per
//! record added, changed or removed, or one per table for a bulk write's
//! additions (see `bulk.rs`).

use rusqlite::Transaction;

use super::tables::SHARED_TABLES;
use crate::error::{Error, Result};

/// One record a write touched: added (`i`), changed (`u`) or removed (`d`).
pub(super) struct Touch {
    pub table: String,
    pub rid: i64,
    pub op: char,
    pub uid: Option<String>,
    pub cols: Vec<String>,
    /// How many records this touch stands for (a bulk write's additions
    /// to an unshared file are counted, not listed).
    pub n: usize,
}

impl Touch {
    /// `n` records added to `table` (`rid` is the record's, for one).
    fn added(table: &str, rid: i64, n: usize) -> Touch {
        Touch {
            table: table.to_string(),
            rid,
            op: 'i',
            uid: None,
            cols: Vec::new(),
            n,
        }
    }
}

pub(super) fn read_touched(tx: &Transaction<'_>) -> Result<Vec<Touch>> {
    let mut stmt =
        tx.prepare_cached("SELECT tbl, rid, op, uid, cols FROM temp.touched ORDER BY rowid")?;
    let rows = stmt.query_map([], |r| {
        let op: String = r.get(2)?;
        let cols: Option<String> = r.get(4)?;
        Ok(Touch {
            table: r.get(0)?,
            rid: r.get(1)?,
            op: op.chars().next().unwrap_or('u'),
            uid: r.get(3)?,
            cols: cols
                .and_then(|c| serde_json::from_str::<Vec<Option<String>>>(&c).ok())
                .unwrap_or_default()
                .into_iter()
                .flatten()
                .collect(),
            n: 1,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A bulk write's note "every record of this table past rowid N was added"
/// (op `I`, see `bulk.rs`), spelled out: one touch per record once the file
/// is shared (each record is sent to the other computers), else one touch
/// that counts them (the Activity page only says how many).
pub(super) fn spell_out_bulk(
    tx: &Transaction<'_>,
    touches: Vec<Touch>,
    shared: bool,
) -> Result<Vec<Touch>> {
    let mut out = Vec::with_capacity(touches.len());
    for touch in touches {
        if touch.op != 'I' {
            out.push(touch);
            continue;
        }
        let Some(table) = SHARED_TABLES.iter().find(|t| **t == touch.table) else {
            return Err(Error::Invalid(format!(
                "{} is not a shared table; a bulk write notes only those",
                touch.table
            )));
        };
        let after = touch.rid;
        if shared {
            let mut stmt = tx.prepare(&format!(
                "SELECT rowid FROM main.{table} WHERE rowid > ?1 ORDER BY rowid"
            ))?;
            let rids = stmt.query_map([after], |r| r.get::<_, i64>(0))?;
            for rid in rids {
                out.push(Touch::added(table, rid?, 1));
            }
        } else {
            let n: i64 = tx.query_row(
                &format!("SELECT count(*) FROM main.{table} WHERE rowid > ?1"),
                [after],
                |r| r.get(0),
            )?;
            if n > 0 {
                out.push(Touch::added(table, after, n as usize));
            }
        }
    }
    Ok(out)
}
