//! Writing the files the committee saves (PDFs, CSVs, calendars): every file
//! goes through a `.partial` file renamed into place, and every CSV meant for
//! a spreadsheet is written by [`SpreadsheetCsv`].

use std::path::Path;

use crate::error::{Error, Result};

/// Writes `bytes` to `path` through a `.partial` file renamed into place, so
/// a crash or a full disk never leaves a half-written file under the real name.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut partial_name = path.file_name().unwrap_or_default().to_os_string();
    partial_name.push(".partial");
    let partial = path.with_file_name(partial_name);
    std::fs::write(&partial, bytes)
        .and_then(|_| std::fs::rename(&partial, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&partial);
            Error::FileAccess {
                path: path.to_path_buf(),
                detail: e.to_string(),
            }
        })
}

/// A spreadsheet cell that Excel or LibreOffice would run as a formula is
/// prefixed with an apostrophe so it shows as text.
pub fn neutralize_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The one CSV writer for files opened in a spreadsheet: UTF-8 with a byte
/// order mark (so Excel reads names correctly), rows ended by CRLF (RFC 4180,
/// as Excel writes them, so Windows tools see one row per line), and text
/// cells neutralized so none runs as a formula.
pub struct SpreadsheetCsv {
    writer: csv::Writer<Vec<u8>>,
    /// Starts the message of a failure ("Could not write the CSV").
    failure: &'static str,
}

impl SpreadsheetCsv {
    /// An empty CSV holding only the byte order mark.
    pub fn new(failure: &'static str) -> Self {
        Self {
            writer: csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::from(*b"\xEF\xBB\xBF")),
            failure,
        }
    }

    /// Writes the header row as it is (column names are ours, not the user's).
    pub fn header<S: AsRef<str>>(&mut self, names: &[S]) -> Result<()> {
        self.raw_record(names)
    }

    /// Writes a row of text cells, each neutralized.
    pub fn record<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<()> {
        let cells: Vec<String> = cells.iter().map(|c| neutralize_cell(c.as_ref())).collect();
        self.raw_record(&cells)
    }

    /// Writes a row whose cells the caller already made safe (numbers
    /// stay as they are, text went through [`neutralize_cell`]).
    pub fn raw_record<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<()> {
        let cells = cells.iter().map(|c| c.as_ref().as_bytes());
        self.writer.write_record(cells).map_err(|e| self.error(e))
    }

    /// The finished file's bytes.
    pub fn finish(self) -> Result<Vec<u8>> {
        let failure = self.failure;
        self.writer
            .into_inner()
            .map_err(|e| Error::Invalid(format!("{failure}: {}", e.error())))
    }

    fn error(&self, e: csv::Error) -> Error {
        Error::Invalid(format!("{}: {e}", self.failure))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_csv_has_a_bom_crlf_rows_and_no_formulas() {
        let mut csv = SpreadsheetCsv::new("test");
        csv.header(&["Name", "Note"]).expect("header");
        csv.record(&["Zoë", "=HYPERLINK(\"x\")"]).expect("row");
        csv.record(&["Ann", "two\nlines"]).expect("row");
        let bytes = csv.finish().expect("finish");
        let text = std::str::from_utf8(&bytes).expect("utf-8");
        assert_eq!(
            text,
            "\u{feff}Name,Note\r\nZoë,\"'=HYPERLINK(\"\"x\"\")\"\r\nAnn,\"two\nlines\"\r\n"
        );
    }
}
