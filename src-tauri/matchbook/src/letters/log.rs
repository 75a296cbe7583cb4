//! The letter log: which letters were produced, when and how, and which are
//! outdated because the match they describe changed since.

use std::collections::HashMap;

use rusqlite::params;
use serde::Serialize;

use super::recipients::{recipients, Recipient, Which};
use crate::error::Result;
use crate::people::{list_people, Person, Role};
use crate::store::Store;
use crate::time::{current_user, now_timestamp};

/// Records which letters were produced, for the log and outdated flags.
pub fn record_produced(
    store: &mut Store,
    program_id: i64,
    recipients: &[Recipient],
    output: &str,
) -> Result<()> {
    let now = now_timestamp();
    let who = current_user();
    store.write(|tx| {
        let mut insert = tx.prepare(
            "INSERT INTO letters (program_id, person_id, kind, match_fingerprint, output, produced_at, produced_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for r in recipients {
            insert.execute(params![program_id, r.person.id, r.kind.as_str(), r.fingerprint, output, now, who])?;
        }
        Ok(())
    })
}

/// One recipient's letter history.
#[derive(Debug, Clone, Serialize)]
pub struct LetterStatus {
    pub person_id: i64,
    pub name: String,
    pub kind: Role,
    pub produced_at: Option<String>,
    pub output: String,
    /// Their match changed after the letter was produced.
    pub outdated: bool,
}

/// For everyone who should get a letter: when it was last produced and whether it is outdated.
pub fn letter_log(store: &Store, program_id: i64) -> Result<Vec<LetterStatus>> {
    let current = recipients(store, program_id, Which::All)?;
    let mut stmt = store.conn().prepare(
        "SELECT person_id, kind, match_fingerprint, output, produced_at FROM letters
         WHERE program_id = ?1 ORDER BY id DESC",
    )?;
    let mut latest: HashMap<(i64, String), (String, String, String)> = HashMap::new();
    let rows = stmt.query_map([program_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    for row in rows {
        let (person, kind, fingerprint, output, at) = row?;
        latest
            .entry((person, kind))
            .or_insert((fingerprint, output, at));
    }
    let mut log: Vec<LetterStatus> = current
        .iter()
        .map(|r| {
            let last = latest.remove(&(r.person.id, r.kind.as_str().to_string()));
            LetterStatus {
                person_id: r.person.id,
                name: r.person.application.name.clone(),
                kind: r.kind,
                produced_at: last.as_ref().map(|l| l.2.clone()),
                output: last.as_ref().map(|l| l.1.clone()).unwrap_or_default(),
                outdated: last.is_some_and(|l| l.0 != r.fingerprint),
            }
        })
        .collect();
    // Someone who had a letter but no longer has a match: that letter is outdated too.
    let people: HashMap<i64, Person> = list_people(store, program_id, None)?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut gone: Vec<LetterStatus> = latest
        .into_iter()
        .filter_map(|((person_id, kind), (_, output, at))| {
            let person = people.get(&person_id)?;
            Some(LetterStatus {
                person_id,
                name: person.application.name.clone(),
                kind: Role::parse(&kind).ok()?,
                produced_at: Some(at),
                output,
                outdated: true,
            })
        })
        .collect();
    gone.sort_by_key(|a| a.name.to_lowercase());
    log.extend(gone);
    Ok(log)
}
