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

/// A participants CSV of one application written `times` times over, as a
/// form export that went wrong does; returns the file's size in bytes.
pub fn write_one_application_repeated(path: &Path, times: usize) -> u64 {
    let mut w = csv::Writer::from_path(path).expect("csv");
    w.write_record([
        "Timestamp",
        "Email Address",
        "Name",
        "Library / organization",
        "Areas where you would like guidance (check all that apply)",
        "What do you hope to gain from the program?",
    ])
    .expect("header");
    for _ in 0..times {
        w.write_record([
            "2/14/2019 10:15:00",
            "ada.lovelace@example.org",
            "Ada Lovelace",
            "Duluth Public Library",
            "Leadership, Advocacy, Grant writing",
            "Someone to talk budgets and grant applications with, and a wider view of the field.",
        ])
        .expect("row");
    }
    w.flush().expect("flush");
    std::fs::metadata(path).expect("csv size").len()
}
