//! A copy of a sheet's rows handed to another thread as they are read, so
//! the import can normalise the first rows while the rest are still being
//! read (see `ahead.rs`). Each finished row goes over as one text, its cells
//! joined by NUL (which a cleaned cell never holds): one allocation a row on
//! the reading thread, the slow part of the import.

use std::sync::mpsc::SyncSender;

/// What the reading thread hands over.
pub(crate) enum Tapped {
    /// Rows `start..start + rows.len()` of the sheet, whose `rows[0]` is the
    /// spreadsheet's row `first_row` (1-based).
    Rows {
        first_row: u32,
        start: usize,
        rows: Vec<String>,
    },
    /// The rows handed over are not the sheet's after all (a row written
    /// out of order, by hand): nothing handed over may be used.
    Abandoned,
}

/// Rows handed over per message.
const BATCH: usize = 256;

/// The sending end, kept by the sheet being read.
#[derive(Debug)]
pub(crate) struct RowTap {
    to: SyncSender<Tapped>,
    /// Rows handed over (or queued in `batch`) so far.
    sent: usize,
    batch: Vec<String>,
    batch_start: usize,
}

impl RowTap {
    pub(crate) fn new(to: SyncSender<Tapped>) -> RowTap {
        RowTap {
            to,
            sent: 0,
            batch: Vec::with_capacity(BATCH),
            batch_start: 0,
        }
    }

    /// Rows before `index` are finished (a cell of row `index` arrived);
    /// false when the tap must be given up.
    pub(crate) fn finished_before(
        &mut self,
        index: usize,
        rows: &[Vec<String>],
        first_row: u32,
    ) -> bool {
        if index < self.sent {
            return false;
        }
        while self.sent < index {
            let cells = rows.get(self.sent).map(Vec::as_slice).unwrap_or(&[]);
            if cells.iter().any(|c| c.contains('\0')) {
                return false;
            }
            if self.batch.is_empty() {
                self.batch_start = self.sent;
            }
            self.batch.push(cells.join("\0"));
            self.sent += 1;
            if self.batch.len() == BATCH && !self.send(first_row) {
                return false;
            }
        }
        true
    }

    /// Hands over the rest once the sheet is read.
    pub(crate) fn finish(mut self, rows: &[Vec<String>], first_row: u32) {
        if self.finished_before(rows.len(), rows, first_row) {
            self.send(first_row);
        } else {
            self.abandon();
        }
    }

    pub(crate) fn abandon(self) {
        let _ = self.to.send(Tapped::Abandoned);
    }

    fn send(&mut self, first_row: u32) -> bool {
        if self.batch.is_empty() {
            return true;
        }
        let rows = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        let start = self.batch_start;
        self.to
            .send(Tapped::Rows {
                first_row,
                start,
                rows,
            })
            .is_ok()
    }
}

/// A handed-over row's cells again.
pub(crate) fn unpack(row: &str) -> Vec<String> {
    if row.is_empty() {
        Vec::new()
    } else {
        row.split('\0').map(str::to_string).collect()
    }
}
