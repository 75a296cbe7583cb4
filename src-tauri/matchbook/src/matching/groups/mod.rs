//! Groups of a computed version, stored beside its pairs: a mentor's group
//! (the members also have their pairs in `matches`) or a peer circle (no
//! mentor). A group is confirmed when its version is. SQL and views only;
//! `circles` and `mentored` compute them.

use std::collections::HashMap;

use rusqlite::{params, Transaction};
use serde::Serialize;

use super::PersonRef;
use crate::error::Result;
use crate::store::Store;

/// One group as the screens and the command line show it.
#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    pub id: i64,
    /// "Circle 3" or "Ann Lee's group": how screens and letters name it.
    pub name: String,
    /// None for a peer circle.
    pub mentor: Option<PersonRef>,
    pub members: Vec<PersonRef>,
    /// Why these people: "All meet on Thursdays; 3 of 5 in public libraries".
    pub reasons: Vec<String>,
    pub score: f64,
}

/// A group as computed, before it is saved: person ids.
#[derive(Debug, Clone)]
pub struct NewGroup {
    pub mentor: Option<i64>,
    pub members: Vec<i64>,
    pub reasons: Vec<String>,
    pub score: f64,
}

/// Saves a version's groups, inside its transaction.
pub(super) fn save_groups(
    tx: &Transaction<'_>,
    program_id: i64,
    version_id: i64,
    groups: &[NewGroup],
) -> Result<()> {
    let mut group = tx.prepare(
        "INSERT INTO match_groups (program_id, version_id, mentor_id, score, reasons_json)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut member =
        tx.prepare("INSERT INTO match_group_members (group_id, person_id) VALUES (?1, ?2)")?;
    for g in groups {
        let reasons = serde_json::to_string(&g.reasons).unwrap_or_else(|_| "[]".into());
        group.execute(params![program_id, version_id, g.mentor, g.score, reasons])?;
        let id = tx.last_insert_rowid();
        for &m in &g.members {
            member.execute(params![id, m])?;
        }
    }
    Ok(())
}

/// The groups of a version, or (None) of every confirmed version, in order;
/// `person` names a person id.
pub(crate) fn read_groups(
    store: &Store,
    program_id: i64,
    version_id: Option<i64>,
    person: &dyn Fn(i64) -> PersonRef,
) -> Result<Vec<GroupView>> {
    let mut stmt = store.conn().prepare(
        "SELECT g.id, g.mentor_id, g.score, g.reasons_json FROM match_groups g
         JOIN match_versions v ON v.id = g.version_id
         WHERE g.program_id = ?1
           AND ((?2 IS NOT NULL AND g.version_id = ?2) OR (?2 IS NULL AND v.status = 'confirmed'))
         ORDER BY g.id",
    )?;
    let rows: Vec<(i64, Option<i64>, f64, String)> = stmt
        .query_map(params![program_id, version_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut members: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut stmt = store.conn().prepare(
        "SELECT m.group_id, m.person_id FROM match_group_members m
         JOIN match_groups g ON g.id = m.group_id WHERE g.program_id = ?1",
    )?;
    for row in stmt.query_map([program_id], |r| Ok((r.get(0)?, r.get(1)?)))? {
        let (g, p): (i64, i64) = row?;
        members.entry(g).or_default().push(p);
    }
    let mut circles = 0;
    Ok(rows
        .into_iter()
        .map(|(id, mentor, score, reasons)| {
            let mut people: Vec<PersonRef> = members
                .remove(&id)
                .unwrap_or_default()
                .into_iter()
                .map(person)
                .collect();
            people.sort_by_key(|p| p.name.to_lowercase());
            let mentor = mentor.map(person);
            let name = match &mentor {
                Some(m) => format!("{}\u{2019}s group", m.name),
                None => {
                    circles += 1;
                    format!("Circle {circles}")
                }
            };
            GroupView {
                id,
                name,
                mentor,
                members: people,
                reasons: serde_json::from_str(&reasons).unwrap_or_default(),
                score,
            }
        })
        .collect())
}

/// People already in a confirmed peer circle of the program.
pub(super) fn in_confirmed_circles(store: &Store, program_id: i64) -> Result<Vec<i64>> {
    let mut stmt = store.conn().prepare(
        "SELECT m.person_id FROM match_group_members m
         JOIN match_groups g ON g.id = m.group_id
         JOIN match_versions v ON v.id = g.version_id
         WHERE g.program_id = ?1 AND v.status = 'confirmed' AND g.mentor_id IS NULL",
    )?;
    let ids = stmt.query_map([program_id], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}
