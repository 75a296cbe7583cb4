//! Reading a PDF Matchbook wrote back as text, with pdftotext (poppler-utils),
//! as a person reading it would.

use std::path::Path;
use std::process::Command;

/// Text of a PDF, one string per page, whitespace collapsed (lines wrap anywhere).
pub fn pages(path: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (install poppler-utils)");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8 text");
    text.split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(collapse)
        .collect()
}

/// Text of the whole PDF, whitespace collapsed.
pub fn text(path: &Path) -> String {
    pages(path).join(" ")
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
