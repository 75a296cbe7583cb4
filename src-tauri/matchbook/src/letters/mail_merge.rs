//! The mail-merge CSV of the confirmed matches, for a committee that sends
//! its letters from a word processor.

use std::collections::HashMap;

use crate::error::Result;
use crate::output::SpreadsheetCsv;
use crate::people::{list_people, Person};
use crate::programs::get_program;
use crate::store::Store;

/// The confirmed matches as a mail-merge CSV: one row per pair, every field;
/// UTF-8 with a byte order mark so Excel opens names correctly.
pub fn export_matches_csv(store: &Store, program_id: i64) -> Result<Vec<u8>> {
    let program = get_program(store, program_id)?;
    let people: HashMap<i64, Person> = list_people(store, program_id, None)?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut stmt = store.conn().prepare(
        "SELECT participant_id, mentor_id, score, confirmed_at FROM matches
         WHERE program_id = ?1 AND status = 'confirmed' ORDER BY id",
    )?;
    let rows: Vec<(i64, i64, f64, Option<String>)> = stmt
        .query_map([program_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut csv = SpreadsheetCsv::new("Could not write the CSV");
    let fields = [
        "name",
        "preferred_name",
        "email",
        "phone",
        "library",
        "position",
        "city",
        "region",
    ];
    let mut header = vec!["program".to_string()];
    for who in ["participant", "mentor"] {
        header.extend(fields.iter().map(|f| format!("{who}_{f}")));
    }
    header.extend(["score".into(), "confirmed_at".into()]);
    csv.header(&header)?;
    for (p, m, score, confirmed_at) in rows {
        let (Some(participant), Some(mentor)) = (people.get(&p), people.get(&m)) else {
            continue;
        };
        let mut record = vec![program.name.clone()];
        for person in [participant, mentor] {
            let a = &person.application;
            record.extend([
                a.name.clone(),
                a.preferred_name.clone(),
                a.email.clone().unwrap_or_default(),
                a.phone.clone(),
                a.library.clone(),
                a.position.clone(),
                a.city.clone(),
                a.region.clone(),
            ]);
        }
        record.push(format!("{score:.1}"));
        record.push(confirmed_at.unwrap_or_default());
        csv.record(&record)?;
    }
    csv.finish()
}
