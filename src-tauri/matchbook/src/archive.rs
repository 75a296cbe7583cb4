//! "Export everything": the whole program file as a folder a person can read
//! without Matchbook (one CSV per table, plus `matchbook-export.json` with
//! every row exactly), and a new program file made back from that folder.
//!
//! The JSON is the lossless copy: every table, every column, every row with
//! its id, in the order the tables depend on each other. The CSVs are for
//! reading in a spreadsheet (UTF-8 with BOM; cells that would run as
//! formulas are neutralized, so they are not used to re-import).

use std::path::{Path, PathBuf};

use rusqlite::types::{Value, ValueRef};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

use crate::error::{Error, Result};
use crate::output::{neutralize_cell, write_atomically, SpreadsheetCsv};
use crate::store::{Store, SCHEMA_VERSION};

/// Every table, parents before children, so rows can be put back in order.
pub const TABLES: [&str; 29] = [
    "programs",
    "program_settings",
    "file_settings",
    "imports",
    "import_changes",
    "header_mappings",
    "questions",
    "criteria",
    "people",
    "raw_rows",
    "applications",
    "pair_rules",
    "library_aliases",
    "match_versions",
    "matches",
    "match_events",
    "match_groups",
    "match_group_members",
    "group_meetings",
    "goals",
    "goal_updates",
    "meetings",
    "letters",
    "checkin_responses",
    "evaluation_responses",
    "evaluation_agreements",
    "choices",
    "waiting_list",
    "change_log",
];

/// This computer's place in a shared folder: a file made from an export is a
/// new, unshared file, so none of it is exported.
pub const NOT_EXPORTED: [&str; 6] = [
    "share_self",
    "share_files",
    "share_records",
    "share_fields",
    "share_aliases",
    "share_conflicts",
];

/// The JSON file of an export.
pub const JSON_NAME: &str = "matchbook-export.json";

#[derive(Debug, Serialize, Deserialize)]
struct Export {
    format: String,
    schema_version: i32,
    exported_at: String,
    /// Table → rows (column → value).
    tables: Map<String, Json>,
}

/// What an export wrote.
#[derive(Debug, Clone, Serialize)]
pub struct ExportReport {
    pub folder: PathBuf,
    pub tables: usize,
    pub rows: usize,
}

fn to_json(value: ValueRef<'_>) -> Json {
    match value {
        ValueRef::Null => Json::Null,
        ValueRef::Integer(i) => Json::from(i),
        ValueRef::Real(f) => Json::from(f),
        ValueRef::Text(t) => Json::from(String::from_utf8_lossy(t).into_owned()),
        // The schema has no BLOB columns; kept as hex should one appear.
        ValueRef::Blob(b) => Json::from(
            b.iter()
                .map(|byte| format!("{byte:02x}"))
                .collect::<String>(),
        ),
    }
}

fn to_sql(value: &Json) -> Value {
    match value {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(i64::from(*b)),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().unwrap_or(0.0)),
        },
        Json::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}

fn columns(conn: &rusqlite::Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
    ))?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Writes the whole file into `folder` (created if missing).
pub fn export_all(store: &Store, folder: &Path) -> Result<ExportReport> {
    std::fs::create_dir_all(folder).map_err(|e| Error::FileAccess {
        path: folder.to_path_buf(),
        detail: e.to_string(),
    })?;
    let conn = store.conn();
    let mut tables = Map::new();
    let mut total = 0;
    for table in TABLES {
        let names = columns(conn, table)?;
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))?;
        let mut rows = stmt.query([])?;
        let mut json_rows = Vec::new();
        let mut csv = SpreadsheetCsv::new("Could not write a CSV file of the export");
        csv.header(&names)?;
        while let Some(row) = rows.next()? {
            let mut object = Map::new();
            let mut record = Vec::with_capacity(names.len());
            for (i, name) in names.iter().enumerate() {
                let value = to_json(row.get_ref(i)?);
                record.push(match &value {
                    Json::Null => String::new(),
                    Json::String(s) => neutralize_cell(s),
                    other => other.to_string(),
                });
                object.insert(name.clone(), value);
            }
            csv.raw_record(&record)?;
            json_rows.push(Json::Object(object));
        }
        total += json_rows.len();
        write_atomically(&folder.join(format!("{table}.csv")), &csv.finish()?)?;
        tables.insert(table.to_string(), Json::Array(json_rows));
    }
    let export = Export {
        format: "matchbook-export".into(),
        schema_version: store.schema_version()?,
        exported_at: crate::time::now_timestamp(),
        tables,
    };
    let json = serde_json::to_vec_pretty(&export).map_err(|e| Error::Invalid(e.to_string()))?;
    write_atomically(&folder.join(JSON_NAME), &json)?;
    write_atomically(&folder.join("README.txt"), README.as_bytes())?;
    Ok(ExportReport {
        folder: folder.to_path_buf(),
        tables: TABLES.len(),
        rows: total,
    })
}

const README: &str = "This folder is a complete export of a Matchbook program file.

matchbook-export.json holds every row of every table exactly (it is what
Matchbook reads back: `matchbook import-export FOLDER --into NEW.sqlite`).
The .csv files show the same tables for reading in a spreadsheet program:
programs, people (the applicants' answers), applications (where each
spreadsheet row came from) with raw_rows (each row's cells as they arrived,
once however often it was repeated, titled by its import's headers_json),
matches, goals, meetings, and so on. In the CSV files a
cell that a spreadsheet would run as a formula starts with an apostrophe.

It contains personal data: keep it as carefully as the program file.
";

/// Makes a new program file at `target` from an export folder. `target`
/// must not exist yet; on any problem nothing is left behind.
pub fn import_export(folder: &Path, target: &Path) -> Result<Store> {
    if target.exists() {
        return Err(Error::Invalid(format!(
            "{} already exists. Choose a new file name for the program file made from the export.",
            target.display()
        )));
    }
    let json_path = folder.join(JSON_NAME);
    let bytes = std::fs::read(&json_path).map_err(|e| Error::FileAccess {
        path: json_path.clone(),
        detail: e.to_string(),
    })?;
    let export: Export = serde_json::from_slice(&bytes).map_err(|e| {
        Error::Invalid(format!(
            "{} is not a Matchbook export ({e}).",
            json_path.display()
        ))
    })?;
    if export.format != "matchbook-export" {
        return Err(Error::Invalid(format!(
            "{} is not a Matchbook export.",
            json_path.display()
        )));
    }
    if export.schema_version != SCHEMA_VERSION {
        return Err(Error::Invalid(format!(
            "This export is of file version {}, and this Matchbook reads exports of version {SCHEMA_VERSION}. Use the Matchbook that made it.",
            export.schema_version
        )));
    }
    let made = (|| {
        let mut store = Store::open(target)?;
        // Not a member's change: the history comes back as it was exported.
        store.write_applying(|tx| {
            for table in TABLES {
                let Some(rows) = export.tables.get(table).and_then(Json::as_array) else {
                    continue;
                };
                let names = columns(tx, table)?;
                let sql = format!(
                    "INSERT INTO {table} ({}) VALUES ({})",
                    names.join(", "),
                    (1..=names.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ")
                );
                let mut stmt = tx.prepare(&sql)?;
                for (n, row) in rows.iter().enumerate() {
                    let values: Vec<Value> = names
                        .iter()
                        .map(|c| row.get(c).map(to_sql).unwrap_or(Value::Null))
                        .collect();
                    stmt.execute(rusqlite::params_from_iter(values)).map_err(|e| {
                        Error::Invalid(format!(
                            "Row {} of {table} in the export cannot be put back ({e}); the export may have been edited. Nothing was made.",
                            n + 1
                        ))
                    })?;
                }
            }
            Ok(())
        })?;
        Ok(store)
    })();
    if made.is_err() {
        for suffix in ["", "-wal", "-shm", ".lock"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
        }
    }
    made
}
