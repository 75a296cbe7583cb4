//! A participant confirmed with two mentors: in a shared program, two
//! members may confirm different matchings before either sees the other's.
//! Both are kept, and letters and emails wait until the committee keeps one.

use rusqlite::params;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::Store;

/// One confirmed matching that clashes with another.
#[derive(Debug, Clone, Serialize)]
pub struct ConfirmedMatching {
    pub version_id: i64,
    pub confirmed_at: String,
    /// Who confirmed it (from the match history).
    pub confirmed_by: String,
    /// Participants this matching gives a different mentor than another does.
    pub participants: Vec<String>,
}

/// The confirmed matchings that give a participant two mentors; empty when none do.
pub fn confirmed_twice(store: &Store, program_id: i64) -> Result<Vec<ConfirmedMatching>> {
    let mut stmt = store.conn().prepare(
        "SELECT x.version_id, ifnull(v.confirmed_at, ''), p.name,
                ifnull((SELECT e.actor FROM match_events e WHERE e.match_id = x.id AND e.action = 'confirmed' LIMIT 1), '')
         FROM matches x JOIN people p ON p.id = x.participant_id
         JOIN match_versions v ON v.id = x.version_id
         WHERE x.program_id = ?1 AND x.status = 'confirmed'
           AND EXISTS (SELECT 1 FROM matches y WHERE y.participant_id = x.participant_id
                       AND y.status = 'confirmed' AND y.id <> x.id)
         ORDER BY v.confirmed_at, x.version_id, p.name",
    )?;
    let rows: Vec<(i64, String, String, String)> = stmt
        .query_map([program_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out: Vec<ConfirmedMatching> = Vec::new();
    for (version_id, confirmed_at, participant, actor) in rows {
        match out.iter_mut().find(|m| m.version_id == version_id) {
            Some(m) => m.participants.push(participant),
            None => out.push(ConfirmedMatching {
                version_id,
                confirmed_at,
                confirmed_by: actor,
                participants: vec![participant],
            }),
        }
    }
    Ok(out)
}

/// One program's matchings confirmed at once.
#[derive(Debug, Clone, Serialize)]
pub struct ProgramMatchings {
    pub program_id: i64,
    pub program: String,
    pub matchings: Vec<ConfirmedMatching>,
}

/// Every program of the file with matchings confirmed at once.
pub fn confirmed_twice_in_file(store: &Store) -> Result<Vec<ProgramMatchings>> {
    let mut stmt = store
        .conn()
        .prepare("SELECT id, name FROM programs ORDER BY name")?;
    let programs: Vec<(i64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (program_id, program) in programs {
        let matchings = confirmed_twice(store, program_id)?;
        if !matchings.is_empty() {
            out.push(ProgramMatchings {
                program_id,
                program,
                matchings,
            });
        }
    }
    Ok(out)
}

/// Letters and emails about matches wait while a participant has two mentors.
pub fn refuse_if_confirmed_twice(store: &Store, program_id: i64) -> Result<()> {
    let clashing = confirmed_twice(store, program_id)?;
    if clashing.is_empty() {
        return Ok(());
    }
    let versions: Vec<String> = clashing
        .iter()
        .map(|m| {
            format!(
                "{} ({})",
                m.version_id,
                if m.confirmed_by.is_empty() {
                    "a member"
                } else {
                    &m.confirmed_by
                }
            )
        })
        .collect();
    Err(Error::Invalid(format!(
        "Two committee members confirmed different matchings at once, so {} {} two mentors. Letters and emails wait until the committee keeps one, on the Activity page or with `matchbook conflicts keep-matching VERSION` (versions {}).",
        clashing[0].participants.len(),
        if clashing[0].participants.len() == 1 { "participant has" } else { "participants have" },
        versions.join(", ")
    )))
}

/// Keeps `version_id`'s mentors for the participants confirmed twice; the
/// other matching's pairs for them are removed (they never began).
pub fn keep_confirmation(store: &mut Store, program_id: i64, version_id: i64) -> Result<usize> {
    let clashing = confirmed_twice(store, program_id)?;
    if !clashing.iter().any(|m| m.version_id == version_id) {
        return Err(Error::Invalid(format!(
            "Matching {version_id} is not one of the matchings confirmed at once{}.",
            if clashing.is_empty() {
                " (there are none)"
            } else {
                ""
            }
        )));
    }
    store.write(|tx| {
        Ok(tx.execute(
            "DELETE FROM matches WHERE program_id = ?1 AND status = 'confirmed' AND version_id <> ?2
               AND participant_id IN (SELECT participant_id FROM matches WHERE version_id = ?2 AND status = 'confirmed')",
            params![program_id, version_id],
        )?)
    })
}
