//! Application spreadsheets written by the tests themselves.

use std::path::Path;

/// A Google Forms-style participants CSV of `rows` people whose emails are
/// unique to `batch` (so batches never merge).
pub fn write_participants(path: &Path, rows: usize, batch: usize) {
    let mut w = csv::Writer::from_path(path).expect("csv");
    w.write_record([
        "Timestamp",
        "Email Address",
        "Name",
        "Library / organization",
        "Areas where you would like guidance (check all that apply)",
    ])
    .expect("header");
    for i in 0..rows {
        w.write_record([
            "2/14/2019 10:15:00".to_string(),
            format!("b{batch}.person{i}@example.org"),
            format!("Person {i} of batch {batch}"),
            format!("Library {}", i % 97),
            "Leadership, Advocacy, Grant writing".to_string(),
        ])
        .expect("row");
    }
    w.flush().expect("flush");
}
