//! The shared folder's files. Each is written by one computer, once, under
//! a `.partial` name and then renamed, so a sync client never has two
//! versions of one file to make a "conflicted copy" of:
//!
//! ```text
//! share.json                         the format, written by `share init`
//! members/<computer>.json            who uses that computer
//! changes/<computer>/<seq:08>.mbc    that computer's changes, in order
//! ```
//!
//! A change file is a header line, one change per line, and a last line
//! `end <changes> <sha256 of everything before>`. A file whose last line does
//! not check (still arriving, cut short, an empty "files on demand"
//! placeholder) waits; it is never applied in part.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// The change-file format this Matchbook writes and reads.
pub const FORMAT: u32 = 1;

/// A change file larger than this is refused unread (no committee's change
/// comes near it; the whole program shared at the start is the largest).
const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Header {
    pub format: u32,
    pub computer: String,
    pub seq: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Member {
    pub member: String,
    pub computer_name: String,
    pub joined_at: String,
}

/// One change as it travels between computers.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Change {
    pub uid: String,
    pub computer: String,
    pub computer_name: String,
    pub member: String,
    pub at: String,
    pub clock: String,
    pub what: String,
    pub seen: std::collections::BTreeMap<String, i64>,
    pub rows: serde_json::Value,
}

/// What reading a change file found.
pub enum Read {
    Complete(Header, Vec<Change>, String),
    /// Not (yet) whole: the reason, for "waiting for…".
    Waiting(String),
    /// Whole but unusable: the reason, reported and skipped.
    Refused(String),
}

pub fn changes_dir(folder: &Path, computer: &str) -> PathBuf {
    folder.join("changes").join(computer)
}

pub fn change_path(folder: &Path, computer: &str, seq: i64) -> PathBuf {
    changes_dir(folder, computer).join(format!("{seq:08}.mbc"))
}

/// Writes `bytes` to `path` through a `.partial` file and a rename.
pub fn write_once(path: &Path, bytes: &[u8]) -> Result<()> {
    let access = |p: &Path, e: std::io::Error| Error::FileAccess {
        path: p.to_path_buf(),
        detail: e.to_string(),
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| access(dir, e))?;
    }
    let mut partial = path.as_os_str().to_os_string();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    std::fs::write(&partial, bytes).map_err(|e| access(&partial, e))?;
    std::fs::rename(&partial, path).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        access(path, e)
    })
}

/// A change file's bytes: header, changes, checked last line.
pub fn encode(header: &Header, changes: &[Change]) -> Result<Vec<u8>> {
    let mut body = line(header)?;
    for change in changes {
        body.push_str(&line(change)?);
    }
    let sum = hex(&Sha256::digest(body.as_bytes()));
    body.push_str(&format!("end {} {sum}\n", changes.len()));
    Ok(body.into_bytes())
}

fn line<T: Serialize>(value: &T) -> Result<String> {
    let mut text = serde_json::to_string(value).map_err(|e| Error::Invalid(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads and checks a change file.
pub fn read(path: &Path) -> Read {
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_FILE_BYTES => {
            return Read::Refused(format!(
                "{} is larger than any change Matchbook writes",
                path.display()
            ))
        }
        Ok(m) if m.len() == 0 => return Read::Waiting("not downloaded yet".into()),
        Ok(_) => {}
        Err(e) => return Read::Waiting(e.to_string()),
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return Read::Waiting(e.to_string()),
    };
    decode(&bytes)
}

pub fn decode(bytes: &[u8]) -> Read {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Read::Waiting("not complete yet".into());
    };
    let Some(body_end) = text.trim_end_matches('\n').rfind('\n').map(|i| i + 1) else {
        return Read::Waiting("not complete yet".into());
    };
    let (body, last) = text.split_at(body_end);
    let parts: Vec<&str> = last.trim_end().split(' ').collect();
    let [end, count, sum] = parts.as_slice() else {
        return Read::Waiting("not complete yet".into());
    };
    if *end != "end" || hex(&Sha256::digest(body.as_bytes())) != *sum {
        return Read::Waiting("not complete yet".into());
    }
    let mut lines = body.lines();
    let header: Header = match lines.next().map(serde_json::from_str) {
        Some(Ok(h)) => h,
        _ => return Read::Refused("its first line is not a change file's header".into()),
    };
    if header.format > FORMAT {
        return Read::Refused(
            "it was written by a newer Matchbook: update Matchbook on this computer to read it"
                .into(),
        );
    }
    let mut changes = Vec::new();
    for (i, line) in lines.enumerate() {
        match serde_json::from_str::<Change>(line) {
            Ok(c) => changes.push(c),
            Err(e) => return Read::Refused(format!("change {} cannot be read ({e})", i + 1)),
        }
    }
    if count.parse::<usize>().ok() != Some(changes.len()) {
        return Read::Refused("it holds a different number of changes than it says".into());
    }
    Read::Complete(header, changes, sum.to_string())
}

/// The numbered change files in one computer's folder; everything else there
/// (`.partial`, "(conflicted copy)", `desktop.ini`, `.DS_Store`) is not ours.
pub fn list(folder: &Path, computer: &str) -> Vec<i64> {
    let Ok(entries) = std::fs::read_dir(changes_dir(folder, computer)) else {
        return Vec::new();
    };
    let mut seqs: Vec<i64> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let stem = name.strip_suffix(".mbc")?;
            (stem.len() == 8 && stem.bytes().all(|b| b.is_ascii_digit()))
                .then(|| stem.parse().ok())
                .flatten()
        })
        .collect();
    seqs.sort_unstable();
    seqs
}

/// The computers that have a folder of changes (names that are uids).
pub fn computers(folder: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(folder.join("changes")) else {
        return Vec::new();
    };
    let mut found: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| is_uid(n))
        .collect();
    found.sort();
    found
}

/// The computers that wrote a member file.
pub fn members(folder: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(folder.join("members")) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            name.strip_suffix(".json")
                .filter(|n| is_uid(n))
                .map(str::to_string)
        })
        .collect()
}

pub fn is_uid(text: &str) -> bool {
    text.len() == 32 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

pub fn read_member(folder: &Path, computer: &str) -> Option<Member> {
    let text =
        std::fs::read_to_string(folder.join("members").join(format!("{computer}.json"))).ok()?;
    serde_json::from_str(&text).ok()
}

pub fn write_member(folder: &Path, computer: &str, member: &Member) -> Result<()> {
    let bytes = serde_json::to_vec_pretty(member).map_err(|e| Error::Invalid(e.to_string()))?;
    write_once(
        &folder.join("members").join(format!("{computer}.json")),
        &bytes,
    )
}
