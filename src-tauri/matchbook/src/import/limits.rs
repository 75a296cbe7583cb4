//! How much of a spreadsheet Matchbook reads before deciding it is not a
//! form's responses: a zip bomb (a small .xlsx that expands to gigabytes)
//! is refused from the sizes its archive declares, before anything is
//! inflated, and a sheet is read row by row and given up as soon as it is
//! clearly not applications (no row of column titles near the top, or far
//! more rows than any program gets). The zip reader stops at the size an
//! entry declares, so a false declaration cannot slip past either.

use std::io::Cursor;

use crate::error::{Error, Result};

/// The rows at the top of a sheet searched for its column titles (the
/// header row); `detect::find_header` looks at the same rows.
pub const HEADER_ROWS: usize = 25;

/// Rows in a sheet beyond which it is not one program's responses: the
/// largest programs get hundreds of applications, a state-wide one thousands.
pub const MOST_ROWS: usize = 100_000;

/// Cells held for one sheet (every row's cells up to its last answer):
/// 100,000 rows of 50 questions. About 120 MB before the text itself.
pub const MOST_CELLS: usize = 5_000_000;

/// What an archive may declare in all: 256 MB is about 150,000 rows of a
/// 30-question form (the 10,000-row bench workbook declares 16.5 MB).
pub const MOST_DECLARED: u64 = 256_000_000;

/// What one part read whole may declare (shared strings, styles, an ODS's
/// content): unlike worksheets these are not read row by row.
pub const MOST_WHOLE_PART: u64 = 64_000_000;

/// Refuses a zip-based workbook (XLSX, XLSB, ODS) whose archive declares more
/// data than any form's responses, from its central directory alone. An
/// archive the zip reader cannot list is left to calamine, which says it is damaged.
pub fn check_declared_sizes(file_name: &str, bytes: &[u8]) -> Result<()> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    let mut largest: Option<(u64, String)> = None;
    for index in 0..archive.len() {
        let Ok(entry) = archive.by_index_raw(index) else {
            continue;
        };
        let (size, name) = (
            entry.size(),
            entry.name().map(|n| n.to_string()).unwrap_or_default(),
        );
        total = total.saturating_add(size);
        let streamed = name.starts_with("xl/worksheets/");
        if !streamed && size > MOST_WHOLE_PART {
            return Err(too_big(file_name, bytes.len(), size, &name));
        }
        if largest.as_ref().is_none_or(|(s, _)| size > *s) {
            largest = Some((size, name));
        }
    }
    match largest {
        Some((_, name)) if total > MOST_DECLARED => {
            Err(too_big(file_name, bytes.len(), total, &name))
        }
        _ => Ok(()),
    }
}

fn too_big(file_name: &str, file_size: usize, declared: u64, part: &str) -> Error {
    Error::Invalid(format!(
        "{file_name} declares {} of sheet data inside a file of {} (most of it in {part}): far more than any form's \
         responses, so Matchbook did not unpack it. If it really holds your applications, open it in Excel or \
         LibreOffice, copy the responses into a new workbook, save that as .xlsx and import it.",
        megabytes(declared),
        megabytes(file_size as u64)
    ))
}

/// "392 MB", "1.1 MB": sizes as a file manager shows them.
pub fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / 1e6;
    if mb >= 10.0 {
        format!("{mb:.0} MB")
    } else {
        format!("{mb:.1} MB")
    }
}

/// Why a sheet was given up before its end.
#[derive(Debug, Clone, PartialEq)]
pub enum SheetCut {
    /// None of the first `HEADER_ROWS` rows has two cells filled, and more follow.
    NoHeader,
    /// A cell past `MOST_ROWS` rows below the first.
    TooManyRows,
    /// More than `MOST_CELLS` cells to hold.
    TooManyCells,
}

impl SheetCut {
    /// The refusal, naming the file and sheet, what was found and what to do.
    pub fn message(&self, file_name: &str, sheet: &str) -> String {
        let found = match self {
            SheetCut::NoHeader => format!(
                "none of its first {HEADER_ROWS} rows has column titles (two or more cells filled), and it goes on \
                 below them, so it is not a form's responses"
            ),
            SheetCut::TooManyRows => format!(
                "it goes on past {} rows, far more than any program's applications",
                group_thousands(MOST_ROWS)
            ),
            SheetCut::TooManyCells => format!(
                "it holds more than {} cells, far more than any program's applications",
                group_thousands(MOST_CELLS)
            ),
        };
        format!(
            "{file_name}, sheet \"{sheet}\": {found}. Matchbook stopped reading it. Check that this is the file \
             of responses; if the responses are there, copy them into a new workbook and import that."
        )
    }
}

fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A sheet's rows built from its cells as they stream in (in row order, as
/// spreadsheet programs write them), stopping as soon as the sheet is
/// clearly not applications. Rows start at the first row with a value;
/// cells keep their columns (cells left of any value are empty).
#[derive(Debug, Default)]
pub struct SheetRows {
    /// The sheet's 0-based number of `rows[0]`.
    first: Option<u32>,
    rows: Vec<Vec<String>>,
    cells: usize,
    header_seen: bool,
    /// The length of the row before: a new row is given room for as many
    /// cells rather than growing cell by cell (at most as much again as the
    /// cells already counted against the limit).
    last_width: usize,
}

impl SheetRows {
    /// Adds a cell (empty text is skipped); an error when the sheet should be given up.
    pub fn push(&mut self, row: u32, col: u32, text: String) -> std::result::Result<(), SheetCut> {
        if text.is_empty() {
            return Ok(());
        }
        let first = *self.first.get_or_insert(row);
        if row < first {
            // Out of order, written by hand: make room above.
            let above = (first - row) as usize;
            self.rows
                .splice(0..0, std::iter::repeat_n(Vec::new(), above));
            self.first = Some(row);
        }
        let index = (row - self.first.unwrap_or(row)) as usize;
        if index >= MOST_ROWS {
            return Err(SheetCut::TooManyRows);
        }
        if index >= HEADER_ROWS && !self.header_seen {
            return Err(SheetCut::NoHeader);
        }
        if self.rows.len() <= index {
            self.rows.resize_with(index + 1, Vec::new);
        }
        let cells = &mut self.rows[index];
        let col = col as usize;
        if cells.len() <= col {
            self.cells += col + 1 - cells.len();
            if self.cells > MOST_CELLS {
                return Err(SheetCut::TooManyCells);
            }
            if cells.capacity() == 0 {
                cells.reserve_exact(self.last_width.max(col + 1));
            }
            cells.resize_with(col + 1, String::new);
            self.last_width = col + 1;
        }
        cells[col] = text;
        if index < HEADER_ROWS && !self.header_seen {
            self.header_seen = cells.iter().filter(|c| !c.is_empty()).count() >= 2;
        }
        Ok(())
    }

    /// The spreadsheet's own 1-based number of the first row, and the rows.
    pub fn finish(self) -> (u32, Vec<Vec<String>>) {
        (self.first.map_or(1, |r| r + 1), self.rows)
    }
}
