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

/// What `pdfinfo` (poppler) prints about a PDF, with `args` (`-struct`, `-meta`).
pub fn info(path: &Path, args: &[&str]) -> String {
    let out = Command::new("pdfinfo")
        .args(["-enc", "UTF-8"])
        .args(args)
        .arg(path)
        .output()
        .expect("pdfinfo (install poppler-utils)");
    assert!(out.status.success(), "pdfinfo failed on {}", path.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The headings of a tagged PDF's structure tree, as (level, text), in order.
/// The text is the heading's content (`-struct-text`, the line below it):
/// poppler prints a title with characters outside ASCII as its raw bytes.
pub fn headings(path: &Path) -> Vec<(u8, String)> {
    let tree = info(path, &["-struct-text"]);
    let lines: Vec<&str> = tree.lines().map(str::trim_start).collect();
    lines
        .iter()
        .zip(lines.iter().skip(1))
        .filter_map(|(line, below)| {
            let level = line.strip_prefix('H')?.chars().next()?.to_digit(10)? as u8;
            let text = below.strip_prefix('"')?.strip_suffix('"')?.to_string();
            Some((level, text))
        })
        .collect()
}
