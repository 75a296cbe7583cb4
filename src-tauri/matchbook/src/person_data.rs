//! A person's data: everything the program file holds about one person,
//! for them to read (their answers, the application rows as they arrived,
//! matches, goals, meetings, check-ins, evaluations, letters sent, the
//! committee's decisions about them and their earlier programs), as JSON
//! and as a readable PDF laid out by `person.typ`.

use std::path::{Path, PathBuf};

use rusqlite::params;
use serde::Serialize;

use crate::error::Result;
use crate::output::write_atomically;
use crate::people::get_person;
use crate::questions::list_questions;
use crate::store::Store;

/// Everything the file holds about one person.
#[derive(Debug, Clone, Serialize)]
pub struct PersonData {
    pub produced_on: String,
    pub program: String,
    pub role: String,
    pub name: String,
    pub email: Option<String>,
    /// Each question of their form with their answer, in form order.
    pub answers: Vec<Answered>,
    /// Each application row exactly as it arrived (column → cell).
    pub raw_rows: Vec<RawRow>,
    pub matches: Vec<serde_json::Value>,
    pub goals: Vec<serde_json::Value>,
    pub meetings: Vec<serde_json::Value>,
    pub check_ins: Vec<serde_json::Value>,
    pub evaluations: Vec<serde_json::Value>,
    pub letters: Vec<serde_json::Value>,
    /// The committee's records: consent given, eligibility override, waiting list.
    pub decisions: Vec<Decision>,
    /// Their earlier programs in the file.
    pub history: Vec<String>,
}

/// One question of the form and the person's answer.
#[derive(Debug, Clone, Serialize)]
pub struct Answered {
    pub question: String,
    pub answer: String,
}

/// One thing the committee recorded about the person.
#[derive(Debug, Clone, Serialize)]
pub struct Decision {
    pub what: String,
    pub detail: String,
}

/// One application row as it arrived.
#[derive(Debug, Clone, Serialize)]
pub struct RawRow {
    pub file: String,
    pub sheet: String,
    pub row_number: i64,
    pub received_at: String,
    pub cells: serde_json::Value,
}

/// A stored raw row as column → cell. Rows are stored as arrays of cells
/// under their import's titles (kept once); rows stored before that, and rows
/// typed in by hand, are objects already.
fn raw_cells(raw: String, headers: Option<&str>) -> serde_json::Value {
    use serde_json::Value;
    let titles: Vec<String> = headers
        .and_then(|h| serde_json::from_str(h).ok())
        .unwrap_or_default();
    match serde_json::from_str::<Value>(&raw) {
        Ok(Value::Array(cells)) => {
            let mut object = serde_json::Map::new();
            for (n, cell) in cells.into_iter().enumerate() {
                // A title missing from a damaged record still shows the cell.
                let title = titles
                    .get(n)
                    .cloned()
                    .unwrap_or_else(|| format!("Column {}", n + 1));
                object.insert(title, cell);
            }
            Value::Object(object)
        }
        Ok(value) => value,
        Err(_) => Value::String(raw),
    }
}

/// Rows of `sql` (with the person's id as ?1) as JSON objects keyed by column.
fn rows(store: &Store, sql: &str, id: i64) -> Result<Vec<serde_json::Value>> {
    let mut stmt = store.conn().prepare(sql)?;
    let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
    let found = stmt
        .query_map([id], |r| {
            let mut object = serde_json::Map::new();
            for (i, name) in names.iter().enumerate() {
                let value = match r.get_ref(i)? {
                    rusqlite::types::ValueRef::Null => serde_json::Value::Null,
                    rusqlite::types::ValueRef::Integer(n) => n.into(),
                    rusqlite::types::ValueRef::Real(x) => x.into(),
                    rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                        String::from_utf8_lossy(t).into_owned().into()
                    }
                };
                object.insert(name.clone(), value);
            }
            Ok(serde_json::Value::Object(object))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(found)
}

/// What the file holds about person `id`, as of `today` (`YYYY-MM-DD`).
pub fn person_data(store: &Store, id: i64, today: &str) -> Result<PersonData> {
    let person = get_person(store, id)?;
    let program = crate::programs::get_program(store, person.program_id)?;
    let answers = list_questions(store, person.program_id, Some(person.role))?
        .into_iter()
        .filter_map(|q| {
            let answer = person.application.answer(&q.text, q.field.as_deref())?;
            (!answer.is_empty()).then(|| Answered {
                question: q.text,
                answer: answer.to_text(),
            })
        })
        .collect();
    let raw_rows = store
        .conn()
        .prepare(
            "SELECT a.source_file, a.sheet, a.row_number, a.received_at, r.raw_json, i.headers_json
             FROM applications a JOIN raw_rows r ON r.id = a.raw_id
             LEFT JOIN imports i ON i.id = a.import_id
             WHERE a.person_id = ?1 ORDER BY a.id",
        )?
        .query_map([id], |r| {
            let raw: String = r.get(4)?;
            let headers: Option<String> = r.get(5)?;
            Ok(RawRow {
                file: r.get(0)?,
                sheet: r.get(1)?,
                row_number: r.get(2)?,
                received_at: r.get(3)?,
                cells: raw_cells(raw, headers.as_deref()),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let pairs = "SELECT id FROM matches WHERE (participant_id = ?1 OR mentor_id = ?1)
                 AND status IN ('confirmed', 'ended', 'completed')";
    let matches = rows(
        store,
        "SELECT pp.name AS participant, pm.name AS mentor, x.status, x.score, x.confirmed_at
         FROM matches x JOIN people pp ON pp.id = x.participant_id JOIN people pm ON pm.id = x.mentor_id
         WHERE (x.participant_id = ?1 OR x.mentor_id = ?1) AND x.status IN ('confirmed', 'ended', 'completed')
         ORDER BY x.id",
        id,
    )?;
    let goals = rows(
        store,
        &format!(
            "SELECT title, description, area, target_date, status FROM goals
         WHERE deleted_at IS NULL AND match_id IN ({pairs}) ORDER BY id"
        ),
        id,
    )?;
    let meetings = rows(
        store,
        &format!(
            "SELECT date, mode, minutes, topics, notes FROM meetings
         WHERE deleted_at IS NULL AND match_id IN ({pairs}) ORDER BY date, id"
        ),
        id,
    )?;
    let check_ins = rows(
        store,
        "SELECT responded_on, period, met, meetings, modes, topics, satisfaction, goal_progress, note
         FROM checkin_responses WHERE respondent_id = ?1 ORDER BY responded_on, id",
        id,
    )?;
    let evaluations = rows(
        store,
        "SELECT responded_on, satisfaction, recommend, goals_reached, comments
         FROM evaluation_responses WHERE respondent_id = ?1 ORDER BY responded_on, id",
        id,
    )?;
    let letters = rows(
        store,
        "SELECT kind, produced_at FROM letters WHERE person_id = ?1 ORDER BY produced_at, id",
        id,
    )?;
    let (consent, override_reason): (Option<String>, String) = store.conn().query_row(
        "SELECT consent_given_on, eligibility_override FROM people WHERE id = ?1",
        params![id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut decisions = Vec::new();
    let mut decide = |what: &str, detail: String| {
        decisions.push(Decision {
            what: what.to_string(),
            detail,
        })
    };
    if let Some(day) = consent {
        decide("Consent given on", day);
    }
    if !override_reason.is_empty() {
        decide(
            "Matched whatever the eligibility rules say",
            override_reason,
        );
    }
    for w in rows(
        store,
        "SELECT reason, since_program, added_at FROM waiting_list WHERE person_id = ?1",
        id,
    )? {
        let text = |k: &str| w[k].as_str().unwrap_or_default().to_string();
        decide(
            "On the waiting list",
            format!("{} (since {})", text("reason"), text("added_at")),
        );
    }
    Ok(PersonData {
        produced_on: today.to_string(),
        program: program.name,
        role: person.role.as_str().to_string(),
        name: person.application.name.clone(),
        email: person.application.email.clone(),
        answers,
        raw_rows,
        matches,
        goals,
        meetings,
        check_ins,
        evaluations,
        letters,
        decisions,
        history: crate::returning::person_history(store, id)?.lines,
    })
}

/// One section of the readable PDF: a title and lines of label and text.
#[derive(Serialize)]
struct Section {
    title: String,
    rows: Vec<(String, String)>,
}

/// The JSON records of a table as readable lines: each record's fields, joined.
fn lines(records: &[serde_json::Value]) -> Vec<(String, String)> {
    records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let fields: Vec<String> = r
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(_, v)| !v.is_null() && v.as_str() != Some(""))
                .map(|(k, v)| {
                    format!(
                        "{}: {}",
                        k.replace('_', " "),
                        v.as_str().map_or_else(|| v.to_string(), str::to_string)
                    )
                })
                .collect();
            (format!("{}", i + 1), fields.join(" · "))
        })
        .collect()
}

/// Writes `<name> – data.json` and `<name> – data.pdf` into `folder`; returns their paths.
pub fn export_person(store: &Store, id: i64, today: &str, folder: &Path) -> Result<Vec<PathBuf>> {
    let data = person_data(store, id, today)?;
    let json =
        serde_json::to_vec_pretty(&data).map_err(|e| crate::Error::Invalid(e.to_string()))?;
    let raw: Vec<(String, String)> = data
        .raw_rows
        .iter()
        .flat_map(|row| {
            let head = (
                format!("{} row {}", row.file, row.row_number),
                row.received_at.clone(),
            );
            let cells = row.cells.as_object().into_iter().flatten().map(|(k, v)| {
                (
                    k.clone(),
                    v.as_str().map_or_else(|| v.to_string(), str::to_string),
                )
            });
            std::iter::once(head).chain(cells)
        })
        .collect();
    let mut sections = vec![
        Section {
            title: "Answers on the form".into(),
            rows: data
                .answers
                .iter()
                .map(|a| (a.question.clone(), a.answer.clone()))
                .collect(),
        },
        Section {
            title: "Application rows as they arrived".into(),
            rows: raw,
        },
        Section {
            title: "The committee's records".into(),
            rows: data
                .decisions
                .iter()
                .map(|d| (d.what.clone(), d.detail.clone()))
                .collect(),
        },
        Section {
            title: "Earlier programs".into(),
            rows: data
                .history
                .iter()
                .map(|h| (String::new(), h.clone()))
                .collect(),
        },
    ];
    let tables = [
        ("Matches", &data.matches),
        ("Goals", &data.goals),
        ("Meetings", &data.meetings),
        ("Check-ins", &data.check_ins),
        ("Evaluations", &data.evaluations),
        ("Letters sent", &data.letters),
    ];
    let records = tables.into_iter().map(|(title, records)| Section {
        title: title.into(),
        rows: lines(records),
    });
    sections.splice(2..2, records);
    let layout = serde_json::json!({
        "title": format!("{}: the data Matchbook holds", data.name),
        "subtitle": format!("{} of {} · {} · produced on {}", data.role, data.program,
            data.email.as_deref().unwrap_or("no email"), data.produced_on),
        "sections": sections,
    });
    let pdf = crate::typeset::pdf(&crate::typeset::layout_person(&layout)?)?;
    let base = crate::letters::safe_file_name(&format!("{} data", data.name));
    let paths = vec![
        folder.join(format!("{base}.json")),
        folder.join(format!("{base}.pdf")),
    ];
    write_atomically(&paths[0], &json)?;
    write_atomically(&paths[1], &pdf)?;
    Ok(paths)
}

#[cfg(test)]
mod raw_row_tests {
    use super::raw_cells;

    #[test]
    fn a_stored_row_reads_as_column_to_cell_in_either_form() {
        let titles = r#"["Name","Email Address"]"#;
        let now = raw_cells(r#"["Ada","ada@example.org"]"#.into(), Some(titles));
        assert_eq!(now["Email Address"], "ada@example.org");
        assert_eq!(now["Name"], "Ada");
        let before = raw_cells(r#"{"Name":"Ada"}"#.into(), None);
        assert_eq!(before["Name"], "Ada");
        let untitled = raw_cells(r#"["Ada","x"]"#.into(), Some(r#"["Name"]"#));
        assert_eq!(untitled["Column 2"], "x");
        assert_eq!(raw_cells("not json".into(), None), "not json");
    }
}
