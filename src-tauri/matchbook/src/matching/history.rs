//! The history of a program's computations: every version with its goal,
//! size and scores, and which participants two versions pair differently.

use std::collections::BTreeMap;

use rusqlite::params;
use serde::Serialize;

use super::problem::Goal;
use crate::error::Result;
use crate::store::Store;

#[derive(Debug, Clone, Serialize)]
pub struct VersionSummary {
    pub id: i64,
    pub created_at: String,
    pub created_by: String,
    pub status: String,
    pub goal: Goal,
    pub pairs: i64,
    pub unmatched: usize,
    pub total_score: f64,
    /// The lowest pair score (None when the version has no pair).
    pub lowest: Option<f64>,
    pub confirmed_at: Option<String>,
}

pub fn list_versions(store: &Store, program_id: i64) -> Result<Vec<VersionSummary>> {
    let mut stmt = store.conn().prepare(
        "SELECT v.id, v.created_at, v.created_by, v.status, (SELECT count(*) FROM matches m WHERE m.version_id = v.id),
                v.unmatched_json, v.total_score, v.confirmed_at, coalesce(v.goal_name, v.goal),
                (SELECT min(m.score) FROM matches m WHERE m.version_id = v.id)
         FROM match_versions v WHERE v.program_id = ?1 ORDER BY v.id DESC",
    )?;
    let rows = stmt.query_map([program_id], |r| {
        let unmatched: String = r.get(5)?;
        Ok(VersionSummary {
            id: r.get(0)?,
            created_at: r.get(1)?,
            created_by: r.get(2)?,
            status: r.get(3)?,
            pairs: r.get(4)?,
            unmatched: serde_json::from_str::<Vec<serde_json::Value>>(&unmatched)
                .map_or(0, |v| v.len()),
            total_score: r.get(6)?,
            confirmed_at: r.get(7)?,
            goal: Goal::parse(&r.get::<_, String>(8)?).unwrap_or_default(),
            lowest: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One participant whose mentor differs between two versions.
#[derive(Debug, Clone, Serialize)]
pub struct VersionChange {
    pub participant: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Participants whose mentor differs between version `a` and version `b`.
pub fn diff_versions(store: &Store, program_id: i64, a: i64, b: i64) -> Result<Vec<VersionChange>> {
    let pairs = |version: i64| -> Result<BTreeMap<(String, i64), String>> {
        let mut stmt = store.conn().prepare(
            "SELECT p.name, p.id, m.name FROM matches x JOIN people p ON p.id = x.participant_id
             JOIN people m ON m.id = x.mentor_id WHERE x.version_id = ?1 AND x.program_id = ?2",
        )?;
        let rows = stmt.query_map(params![version, program_id], |r| {
            Ok(((r.get(0)?, r.get(1)?), r.get(2)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let (before, after) = (pairs(a)?, pairs(b)?);
    let mut keys: Vec<&(String, i64)> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    Ok(keys
        .into_iter()
        .filter(|k| before.get(k) != after.get(k))
        .map(|k| VersionChange {
            participant: k.0.clone(),
            before: before.get(k).cloned(),
            after: after.get(k).cloned(),
        })
        .collect())
}
