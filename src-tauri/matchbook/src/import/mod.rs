//! Importing application spreadsheets: read any common format, find the
//! header row and the responses sheet, recognise the columns, split checkbox
//! answers, merge duplicates, and account for every row. Nothing stops at the
//! first bad cell: every row ends up added, updated, unchanged, merged, blank
//! or listed with the reason it was not imported.
//!
//! Entry points: [`preview`] (what the committee checks before importing),
//! [`import_file`] (one transaction), [`undo_import`], [`list_imports`].

mod fields;
mod normalize;
mod options;
mod read;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

pub use fields::Field;
pub use options::names_nobody;
pub use read::{decode_text, read_bytes, read_workbook, sniff_delimiter, SheetData, Workbook};

use crate::error::{Error, Result};
use crate::people::{
    insert_application_row, insert_person, list_people, update_person, Application, Role, SourceRow,
};
use crate::store::Store;
use crate::time::{current_user, now_timestamp};
use fields::{column_score, normalize_header, value_shape};
use normalize::{normalize_row, Plan, RowApplication, RowResult};
use options::OptionSet;

/// The committee's choices for one import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Which sheet to read; by default the one that looks like form responses.
    pub sheet: Option<String>,
    /// Header → field, overriding what Matchbook recognised.
    pub mapping: BTreeMap<String, Field>,
}

/// How a column was recognised.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnGuess {
    pub index: usize,
    pub header: String,
    pub field: Field,
    /// 0..1; 1 for remembered or chosen mappings.
    pub confidence: f64,
    /// "remembered", "chosen", "header", "values" or "not recognised".
    pub source: &'static str,
    pub samples: Vec<String>,
    /// For checkbox columns: the options learned from the whole column.
    pub options: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SheetSummary {
    pub name: String,
    pub rows: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PreviewRow {
    pub row_number: i64,
    pub cells: Vec<String>,
}

/// Everything the preview and mapping screen shows.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub file_name: String,
    pub format: String,
    pub sheets: Vec<SheetSummary>,
    pub sheet: String,
    /// The spreadsheet's own number of the header row.
    pub header_row: i64,
    pub columns: Vec<ColumnGuess>,
    pub rows: Vec<PreviewRow>,
    pub data_rows: usize,
    pub role_guess: Option<Role>,
    pub fields: Vec<FieldChoice>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldChoice {
    pub key: &'static str,
    pub label: &'static str,
}

/// A row that needs a person's eyes.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Attention {
    pub row: i64,
    pub reason: String,
}

/// What an import did (or, with dry run, would do).
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub import_id: Option<i64>,
    pub file_name: String,
    pub sheet: String,
    pub role: Role,
    /// Data rows below the header.
    pub rows: usize,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub blank: usize,
    /// Rows that were another application of someone earlier in the same file.
    pub merged: usize,
    /// Rows with no name and no email.
    pub not_imported: usize,
    pub attention: Vec<Attention>,
    pub mapping: BTreeMap<String, String>,
    pub dry_run: bool,
}

/// One past import, for the history list.
#[derive(Debug, Clone, Serialize)]
pub struct ImportRecord {
    pub id: i64,
    pub program_id: i64,
    pub program: String,
    pub role: Role,
    pub file_name: String,
    pub sheet: String,
    pub imported_at: String,
    pub imported_by: String,
    pub rows: i64,
    pub added: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub blank: i64,
    pub attention: Vec<Attention>,
    pub undone_at: Option<String>,
}

struct Analysis {
    workbook: Workbook,
    sheet_index: usize,
    header_index: usize,
    headers: Vec<String>,
    mapping: Vec<Field>,
    guesses: Vec<ColumnGuess>,
    options: BTreeMap<usize, OptionSet>,
}

impl Analysis {
    fn sheet(&self) -> &SheetData {
        &self.workbook.sheets[self.sheet_index]
    }
    fn data_rows(&self) -> impl Iterator<Item = (i64, &Vec<String>)> {
        let sheet = self.sheet();
        sheet
            .rows
            .iter()
            .enumerate()
            .skip(self.header_index + 1)
            .map(move |(i, row)| (i64::from(sheet.first_row) + i as i64, row))
    }
}

/// Reads a file and shows how Matchbook understands it, without importing.
pub fn preview(
    store: &Store,
    path: &Path,
    role: Option<Role>,
    options: &ImportOptions,
) -> Result<Preview> {
    let workbook = read_workbook(path)?;
    preview_workbook(store, workbook, role, options)
}

/// [`preview`] on a workbook already read.
pub fn preview_workbook(
    store: &Store,
    workbook: Workbook,
    role: Option<Role>,
    options: &ImportOptions,
) -> Result<Preview> {
    let role_guess = role.or_else(|| guess_role(&workbook));
    let analysis = analyze(
        store,
        workbook,
        role_guess.unwrap_or(Role::Participant),
        options,
    )?;
    let rows: Vec<PreviewRow> = analysis
        .data_rows()
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
        .take(8)
        .map(|(row_number, cells)| PreviewRow {
            row_number,
            cells: cells.clone(),
        })
        .collect();
    let data_rows = analysis.data_rows().count();
    Ok(Preview {
        file_name: analysis.workbook.file_name.clone(),
        format: analysis.workbook.format.clone(),
        sheets: analysis
            .workbook
            .sheets
            .iter()
            .map(|s| SheetSummary {
                name: s.name.clone(),
                rows: s.rows.len(),
            })
            .collect(),
        sheet: analysis.sheet().name.clone(),
        header_row: i64::from(analysis.sheet().first_row) + analysis.header_index as i64,
        columns: analysis.guesses.clone(),
        rows,
        data_rows,
        role_guess,
        fields: Field::ALL
            .iter()
            .map(|f| FieldChoice {
                key: f.key(),
                label: f.label(),
            })
            .collect(),
    })
}

/// Guesses mentor or participant from the file name, then the questions.
pub fn guess_role(workbook: &Workbook) -> Option<Role> {
    let name = workbook.file_name.to_lowercase();
    let says_mentee = ["mentee", "participant", "protege", "protégé", "fellow"]
        .iter()
        .any(|w| name.contains(w));
    let says_mentor = name.replace("mentee", "").contains("mentor");
    match (says_mentor, says_mentee) {
        (true, false) => return Some(Role::Mentor),
        (false, true) => return Some(Role::Participant),
        _ => {}
    }
    let headers: String = workbook
        .sheets
        .iter()
        .flat_map(|s| s.rows.iter().take(20))
        .flatten()
        .map(|c| normalize_header(c))
        .collect::<Vec<_>>()
        .join(" | ");
    let mentor_hints = [
        "offer guidance",
        "how many mentees",
        "could offer",
        "mentor capacity",
        "strengths",
    ];
    let participant_hints = [
        "like guidance",
        "mentor you would like",
        "requested mentor",
        "hope to gain",
        "want to develop",
    ];
    let m = mentor_hints.iter().filter(|h| headers.contains(*h)).count();
    let p = participant_hints
        .iter()
        .filter(|h| headers.contains(*h))
        .count();
    match m.cmp(&p) {
        std::cmp::Ordering::Greater => Some(Role::Mentor),
        std::cmp::Ordering::Less => Some(Role::Participant),
        std::cmp::Ordering::Equal => None,
    }
}

/// How much a row looks like a header: recognised wording, text cells, width.
fn header_row_score(row: &[String]) -> f64 {
    let filled: Vec<&String> = row.iter().filter(|c| !c.is_empty()).collect();
    if filled.len() < 2 {
        return 0.0;
    }
    let recognised: f64 = filled
        .iter()
        .map(|c| {
            let norm = normalize_header(c);
            Field::ALL
                .iter()
                .map(|f| fields::normalized_header_score(&norm, *f))
                .fold(0.0, f64::max)
        })
        .sum();
    let texty = filled
        .iter()
        .filter(|c| {
            c.parse::<f64>().is_err() && normalize::parse_timestamp(c).is_none() && !c.contains('@')
        })
        .count() as f64;
    if texty < 2.0 {
        return 0.0;
    }
    recognised * 2.0 + texty * 0.5 + filled.len() as f64 * 0.1
}

fn find_header(sheet: &SheetData) -> (usize, f64) {
    sheet
        .rows
        .iter()
        .enumerate()
        .take(25)
        .map(|(i, row)| (i, header_row_score(row)))
        .fold(
            (0, 0.0),
            |best, (i, s)| if s > best.1 + 1e-9 { (i, s) } else { best },
        )
}

fn pick_sheet(workbook: &Workbook, wanted: Option<&str>) -> Result<usize> {
    if let Some(wanted) = wanted {
        return workbook
            .sheets
            .iter()
            .position(|s| s.name.eq_ignore_ascii_case(wanted.trim()))
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "{} has no sheet called \"{wanted}\". Its sheets are: {}.",
                    workbook.file_name,
                    workbook
                        .sheets
                        .iter()
                        .map(|s| format!("\"{}\"", s.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            });
    }
    let score = |s: &SheetData| {
        let (header, header_score) = find_header(s);
        let data = s.rows.len().saturating_sub(header + 1).min(200) as f64;
        let name = s.name.to_lowercase();
        let penalty = if [
            "summary",
            "chart",
            "pivot",
            "instruction",
            "readme",
            "notes",
            "stat",
        ]
        .iter()
        .any(|w| name.contains(w))
        {
            0.3
        } else {
            1.0
        };
        (header_score + data * 0.2) * penalty
    };
    Ok(workbook
        .sheets
        .iter()
        .enumerate()
        .map(|(i, s)| (i, score(s)))
        .fold(
            (0, f64::MIN),
            |best, (i, s)| if s > best.1 { (i, s) } else { best },
        )
        .0)
}

/// Makes headers unique and non-empty ("Column F", "Email (2)").
fn clean_headers(row: &[String], width: usize) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    (0..width)
        .map(|i| {
            let raw = row.get(i).map(String::as_str).unwrap_or("");
            let base = if raw.is_empty() {
                format!("Column {}", column_letter(i))
            } else {
                raw.to_string()
            };
            let n = seen.entry(base.to_lowercase()).or_insert(0);
            *n += 1;
            if *n == 1 {
                base
            } else {
                format!("{base} ({n})")
            }
        })
        .collect()
}

/// 0 → A, 25 → Z, 26 → AA: as spreadsheets name columns.
pub fn column_letter(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn header_signature(headers: &[String]) -> String {
    let mut normalized: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    normalized.sort();
    normalized.join("\u{1f}")
}

fn remembered_mapping(store: &Store, headers: &[String]) -> Result<Option<HashMap<String, Field>>> {
    let json: Option<String> = store
        .conn()
        .query_row(
            "SELECT mapping_json FROM header_mappings WHERE header_signature = ?1",
            [header_signature(headers)],
            |r| r.get(0),
        )
        .optional()?;
    Ok(json.and_then(|j| serde_json::from_str::<HashMap<String, Field>>(&j).ok()))
}

fn analyze(
    store: &Store,
    workbook: Workbook,
    role: Role,
    options: &ImportOptions,
) -> Result<Analysis> {
    let sheet_index = pick_sheet(&workbook, options.sheet.as_deref())?;
    let sheet = &workbook.sheets[sheet_index];
    let (header_index, score) = find_header(sheet);
    if sheet.rows.is_empty() || score == 0.0 {
        return Err(Error::Invalid(format!(
            "{}{} has no header row Matchbook can recognise (a row of column titles such as Name and Email). Check that you chose the responses sheet.",
            workbook.file_name,
            if sheet.name.is_empty() { String::new() } else { format!(", sheet \"{}\",", sheet.name) }
        )));
    }
    let width = sheet
        .rows
        .iter()
        .skip(header_index)
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    let headers = clean_headers(&sheet.rows[header_index], width);
    let column = |i: usize| {
        sheet
            .rows
            .iter()
            .skip(header_index + 1)
            .map(move |r| r.get(i).map(String::as_str).unwrap_or(""))
    };

    let remembered = remembered_mapping(store, &headers)?;
    let mut mapping = vec![Field::Keep; width];
    let mut confidence = vec![0.0; width];
    let mut source = vec!["not recognised"; width];
    let mut used_fields = Vec::new();
    if let Some(remembered) = &remembered {
        // Matched on the normalized wording, like the signature that found it.
        let by_wording: HashMap<String, Field> = remembered
            .iter()
            .map(|(h, f)| (normalize_header(h), *f))
            .collect();
        for (i, h) in headers.iter().enumerate() {
            if let Some(f) = by_wording.get(&normalize_header(h)) {
                mapping[i] = *f;
                confidence[i] = 1.0;
                source[i] = "remembered";
                if *f != Field::Keep {
                    used_fields.push(*f);
                }
            }
        }
    }
    // Greedy for the rest: the strongest (column, field) pairs first; each field once.
    let mut candidates = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        if source[i] != "not recognised" {
            continue;
        }
        // A sample is enough to see what the answers look like.
        let shape = value_shape(column(i).filter(|v| !v.is_empty()).take(200));
        for f in Field::ALL
            .iter()
            .copied()
            .filter(|f| *f != Field::Keep && f.fits(role))
        {
            let s = column_score(h, &shape, f);
            if s >= 0.5 {
                let by_values = fields::header_score(h, f) < 0.5;
                candidates.push((s, i, f, by_values));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for (s, i, f, by_values) in candidates {
        if source[i] != "not recognised" || used_fields.contains(&f) {
            continue;
        }
        mapping[i] = f;
        confidence[i] = (s * 100.0).round() / 100.0;
        source[i] = if by_values { "values" } else { "header" };
        used_fields.push(f);
    }
    for (header, field) in &options.mapping {
        // The exact header first, so "Name" and "Name *" stay apart.
        let found = headers.iter().position(|h| h == header).or_else(|| {
            headers
                .iter()
                .position(|h| normalize_header(h) == normalize_header(header))
        });
        match found {
            Some(i) => {
                mapping[i] = *field;
                confidence[i] = 1.0;
                source[i] = "chosen";
            }
            None => {
                return Err(Error::Invalid(format!(
                    "There is no column \"{header}\" in {}; the columns are: {}.",
                    workbook.file_name,
                    headers.join(", ")
                )))
            }
        }
    }
    let mut option_sets = BTreeMap::new();
    for (i, f) in mapping.iter().enumerate() {
        if f.is_multi_select() && *f != Field::Avoid {
            option_sets.insert(i, OptionSet::learn(column(i)));
        }
    }
    let guesses = headers
        .iter()
        .enumerate()
        .map(|(i, h)| ColumnGuess {
            index: i,
            header: h.clone(),
            field: mapping[i],
            confidence: confidence[i],
            source: source[i],
            samples: column(i)
                .filter(|v| !v.is_empty())
                .take(3)
                .map(|v| truncate(v, 80))
                .collect(),
            options: option_sets
                .get(&i)
                .map(OptionSet::options)
                .unwrap_or_default(),
        })
        .collect();
    Ok(Analysis {
        workbook,
        sheet_index,
        header_index,
        headers,
        mapping,
        guesses,
        options: option_sets,
    })
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max).collect::<String>())
    }
}

/// Normalizes every data row, in order.
/// Rows are independent, so large files are split across the machine's cores
/// (a committee laptop has at least two); the order of rows is kept.
fn normalize_all(plan: &Plan<'_>, analysis: &Analysis) -> Vec<(i64, RowResult)> {
    let rows: Vec<(i64, &Vec<String>)> = analysis.data_rows().collect();
    let normalize = |chunk: &[(i64, &Vec<String>)]| -> Vec<(i64, RowResult)> {
        chunk
            .iter()
            .map(|&(n, cells)| (n, normalize_row(plan, n, cells)))
            .collect()
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if threads < 2 || rows.len() < 2_000 {
        return normalize(&rows);
    }
    let chunk_size = rows.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = rows
            .chunks(chunk_size)
            .map(|chunk| scope.spawn(move || normalize(chunk)))
            .collect();
        let mut all = Vec::with_capacity(rows.len());
        for handle in handles {
            match handle.join() {
                Ok(part) => all.extend(part),
                // A panic inside normalization is a bug; surface it as one.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    })
}

/// Identity of a person within a program and role: email, else name.
fn identity(app: &Application) -> String {
    match &app.email {
        Some(email) if !email.is_empty() => format!("email:{}", email.to_lowercase()),
        _ => format!(
            "name:{}",
            app.name
                .to_lowercase()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        ),
    }
}

/// One person from the file: the application kept and every row it came from.
struct Group {
    kept: usize,
    rows: Vec<RowApplication>,
}

impl Group {
    fn kept(&self) -> &RowApplication {
        &self.rows[self.kept]
    }
}

enum Outcome {
    Add,
    Update {
        person_id: i64,
        before: Box<Application>,
    },
    Unchanged,
}

/// Imports a file into a program as one transaction; with `dry_run`, only reports.
pub fn import_file(
    store: &mut Store,
    program_id: i64,
    role: Role,
    path: &Path,
    options: &ImportOptions,
    dry_run: bool,
) -> Result<ImportReport> {
    let workbook = read_workbook(path)?;
    import_workbook(
        store,
        program_id,
        role,
        workbook,
        &path.display().to_string(),
        options,
        dry_run,
    )
}

/// [`import_file`] on a workbook already read.
pub fn import_workbook(
    store: &mut Store,
    program_id: i64,
    role: Role,
    workbook: Workbook,
    file_path: &str,
    options: &ImportOptions,
    dry_run: bool,
) -> Result<ImportReport> {
    crate::programs::get_program(store, program_id)?;
    let analysis = analyze(store, workbook, role, options)?;
    let has = |f: Field| analysis.mapping.contains(&f);
    if !(has(Field::Name) || has(Field::Email) || has(Field::FirstName) || has(Field::LastName)) {
        return Err(Error::Invalid(format!(
            "Matchbook could not tell which column of {} holds names or email addresses. Choose the Name and Email columns in the mapping (or use --map \"HEADER=name\").",
            analysis.workbook.file_name
        )));
    }
    let plan = Plan {
        headers: &analysis.headers,
        mapping: &analysis.mapping,
        options: analysis.options.clone(),
        role,
    };

    let mut report = ImportReport {
        import_id: None,
        file_name: analysis.workbook.file_name.clone(),
        sheet: analysis.sheet().name.clone(),
        role,
        rows: 0,
        added: 0,
        updated: 0,
        unchanged: 0,
        blank: 0,
        merged: 0,
        not_imported: 0,
        attention: Vec::new(),
        mapping: analysis
            .headers
            .iter()
            .zip(&analysis.mapping)
            .map(|(h, f)| (h.clone(), f.key().to_string()))
            .collect(),
        dry_run,
    };

    // 1. Every row to an outcome; people grouped by identity, in file order.
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (row_number, result) in normalize_all(&plan, &analysis) {
        report.rows += 1;
        match result {
            RowResult::Blank => report.blank += 1,
            RowResult::Unusable(reason) => {
                report.not_imported += 1;
                report.attention.push(Attention {
                    row: row_number,
                    reason: format!("Not imported: {reason}."),
                });
            }
            RowResult::Person(row) => {
                let key = identity(&row.application);
                match index.get(&key) {
                    Some(&g) => {
                        report.merged += 1;
                        let group = &mut groups[g];
                        let earlier = group.kept().row_number;
                        let later_wins = match (
                            &row.application.submitted_at,
                            &group.kept().application.submitted_at,
                        ) {
                            // ISO text compares in time order; anything else is not trusted.
                            (Some(new), Some(old)) if is_iso(new) && is_iso(old) => new >= old,
                            _ => true,
                        };
                        let (kept_row, other_row) = if later_wins {
                            (row_number, earlier)
                        } else {
                            (earlier, row_number)
                        };
                        report.attention.push(Attention {
                            row: row_number,
                            reason: format!(
                                "Same person as row {earlier} ({}); the application in row {kept_row} was kept and row {other_row} is stored with it.",
                                if key.starts_with("email:") { "same email" } else { "same name" }
                            ),
                        });
                        group.rows.push(*row);
                        if later_wins {
                            group.kept = group.rows.len() - 1;
                        }
                    }
                    None => {
                        index.insert(key, groups.len());
                        groups.push(Group {
                            kept: 0,
                            rows: vec![*row],
                        });
                    }
                }
            }
        }
    }
    for g in &groups {
        for problem in &g.kept().problems {
            report.attention.push(Attention {
                row: g.kept().row_number,
                reason: capitalize(problem) + ".",
            });
        }
    }
    report.attention.sort_by_key(|a| a.row);

    // 2. Against the people already in the program.
    let existing: HashMap<String, (i64, Application)> = list_people(store, program_id, Some(role))?
        .into_iter()
        .map(|p| (identity(&p.application), (p.id, p.application)))
        .collect();
    let outcomes: Vec<Outcome> = groups
        .iter()
        .map(|g| match existing.get(&identity(&g.kept().application)) {
            None => Outcome::Add,
            Some((_, before)) if same_answers(before, &g.kept().application) => Outcome::Unchanged,
            Some((id, before)) => Outcome::Update {
                person_id: *id,
                before: Box::new(before.clone()),
            },
        })
        .collect();
    for o in &outcomes {
        match o {
            Outcome::Add => report.added += 1,
            Outcome::Update { .. } => report.updated += 1,
            Outcome::Unchanged => report.unchanged += 1,
        }
    }
    if dry_run {
        return Ok(report);
    }

    // 3. One transaction: all of it lands or none of it does.
    let file_name = report.file_name.clone();
    let sheet = report.sheet.clone();
    let mapping_by_header: HashMap<&String, Field> = analysis
        .headers
        .iter()
        .zip(analysis.mapping.iter().copied())
        .collect();
    store.backup("before import")?;
    let import_id = store.write(|tx| {
        tx.execute(
            "INSERT INTO imports (program_id, role, file_name, file_path, sheet, imported_at, imported_by,
                 rows_total, added, updated, unchanged, blank, attention_json, mapping_json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                program_id,
                role.as_str(),
                file_name,
                file_path,
                sheet,
                now_timestamp(),
                current_user(),
                report.rows as i64,
                report.added as i64,
                report.updated as i64,
                report.unchanged as i64,
                report.blank as i64,
                serde_json::to_string(&report.attention).unwrap_or_else(|_| "[]".into()),
                serde_json::to_string(&report.mapping).unwrap_or_else(|_| "{}".into()),
            ],
        )?;
        let import_id = tx.last_insert_rowid();
        for (group, outcome) in groups.iter().zip(&outcomes) {
            fn source<'a>(import_id: i64, file: &'a str, sheet: &'a str, row: &'a RowApplication) -> SourceRow<'a> {
                SourceRow { import_id: Some(import_id), file, sheet, row_number: row.row_number, raw_json: &row.raw_json }
            }
            let flags: Vec<String> = group.kept().problems.iter().map(|p| capitalize(p)).collect();
            let person_id = match outcome {
                Outcome::Unchanged => continue,
                Outcome::Add => {
                    let id = insert_person(tx, program_id, role, &group.kept().application, &source(import_id, &file_name, &sheet, &group.rows[0]))?;
                    for row in &group.rows[1..] {
                        insert_application_row(tx, id, &source(import_id, &file_name, &sheet, row))?;
                    }
                    tx.prepare_cached("INSERT INTO import_changes (import_id, person_id, action) VALUES (?1, ?2, 'added')")?
                        .execute(params![import_id, id])?;
                    id
                }
                Outcome::Update { person_id, before } => {
                    let before_flags: String = tx.query_row("SELECT flags_json FROM people WHERE id = ?1", [person_id], |r| r.get(0))?;
                    let before_json = serde_json::json!({"application": before, "flags": serde_json::from_str::<serde_json::Value>(&before_flags).unwrap_or_default()});
                    update_person(tx, *person_id, &group.kept().application, &flags)?;
                    for row in &group.rows {
                        insert_application_row(tx, *person_id, &source(import_id, &file_name, &sheet, row))?;
                    }
                    tx.prepare_cached("INSERT INTO import_changes (import_id, person_id, action, before_json) VALUES (?1, ?2, 'updated', ?3)")?
                        .execute(params![import_id, person_id, before_json.to_string()])?;
                    *person_id
                }
            };
            if !flags.is_empty() {
                tx.prepare_cached("UPDATE people SET flags_json = ?2 WHERE id = ?1")?
                    .execute(params![person_id, serde_json::to_string(&flags).unwrap_or_else(|_| "[]".into())])?;
            }
        }
        let signature = header_signature(&analysis.headers);
        let previous: Option<String> = tx
            .query_row(
                "SELECT mapping_json FROM header_mappings WHERE header_signature = ?1",
                [&signature],
                |r| r.get(0),
            )
            .optional()?;
        tx.execute(
            "UPDATE imports SET header_signature = ?2, previous_mapping_json = ?3 WHERE id = ?1",
            params![import_id, signature, previous],
        )?;
        tx.execute(
            "INSERT INTO header_mappings (header_signature, mapping_json, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(header_signature) DO UPDATE SET mapping_json = excluded.mapping_json, updated_at = excluded.updated_at",
            params![
                signature,
                serde_json::to_string(&mapping_by_header).unwrap_or_else(|_| "{}".into()),
                now_timestamp()
            ],
        )?;
        Ok(import_id)
    })?;
    report.import_id = Some(import_id);
    // Freeing a few hundred thousand small strings takes a noticeable share of
    // a large import; nobody waits for it.
    std::thread::spawn(move || drop((groups, outcomes, analysis)));
    Ok(report)
}

fn is_iso(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[7] == b'-'
}

fn same_answers(a: &Application, b: &Application) -> bool {
    serde_json::to_value(a).ok() == serde_json::to_value(b).ok()
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// Past imports, newest first; of one program when given.
pub fn list_imports(store: &Store, program_id: Option<i64>) -> Result<Vec<ImportRecord>> {
    let mut stmt = store.conn().prepare(
        "SELECT i.id, i.program_id, p.name, i.role, i.file_name, i.sheet, i.imported_at, i.imported_by,
                i.rows_total, i.added, i.updated, i.unchanged, i.blank, i.attention_json, i.undone_at
         FROM imports i JOIN programs p ON p.id = i.program_id
         WHERE ?1 IS NULL OR i.program_id = ?1
         ORDER BY i.id DESC",
    )?;
    let rows = stmt.query_map([program_id], |r| {
        let role: String = r.get(3)?;
        let attention: String = r.get(13)?;
        Ok(ImportRecord {
            id: r.get(0)?,
            program_id: r.get(1)?,
            program: r.get(2)?,
            role: if role == "mentor" {
                Role::Mentor
            } else {
                Role::Participant
            },
            file_name: r.get(4)?,
            sheet: r.get(5)?,
            imported_at: r.get(6)?,
            imported_by: r.get(7)?,
            rows: r.get(8)?,
            added: r.get(9)?,
            updated: r.get(10)?,
            unchanged: r.get(11)?,
            blank: r.get(12)?,
            attention: serde_json::from_str(&attention).unwrap_or_default(),
            undone_at: r.get(14)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// What undoing an import did.
#[derive(Debug, Clone, Serialize)]
pub struct UndoReport {
    pub import_id: i64,
    pub removed: usize,
    pub restored: usize,
}

/// Takes an import back: people it added are removed, people it changed get
/// their earlier answers back. Later imports of the same program and role
/// must be undone first.
pub fn undo_import(store: &mut Store, import_id: i64) -> Result<UndoReport> {
    let record = list_imports(store, None)?
        .into_iter()
        .find(|r| r.id == import_id)
        .ok_or_else(|| Error::NotFound(format!("There is no import number {import_id} in this file; `matchbook imports list` shows them.")))?;
    if record.undone_at.is_some() {
        return Err(Error::Invalid(format!(
            "Import {import_id} ({}) was already undone.",
            record.file_name
        )));
    }
    let later: Option<(i64, String)> = store
        .conn()
        .query_row(
            "SELECT id, file_name FROM imports WHERE program_id = ?1 AND role = ?2 AND id > ?3 AND undone_at IS NULL
             ORDER BY id LIMIT 1",
            params![record.program_id, record.role.as_str(), import_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((later_id, later_file)) = later {
        return Err(Error::Invalid(format!(
            "Import {later_id} ({later_file}) came after this one and may have changed the same people; undo it first."
        )));
    }
    // People in confirmed matches carry the relationship's history; removing
    // them would take their meetings and goals along.
    let matched: Option<String> = store
        .conn()
        .query_row(
            "SELECT p.name FROM import_changes c JOIN people p ON p.id = c.person_id
             WHERE c.import_id = ?1 AND c.action = 'added' AND EXISTS (
                 SELECT 1 FROM matches x WHERE (x.participant_id = p.id OR x.mentor_id = p.id)
                   AND x.status IN ('confirmed', 'ended', 'completed'))
             LIMIT 1",
            [import_id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(name) = matched {
        return Err(Error::Invalid(format!(
            "Import {import_id} ({}) cannot be undone: {name}, whom it added, is already in a confirmed match. Remove people one by one instead.",
            record.file_name
        )));
    }
    store.backup("before undoing an import")?;
    store.write(|tx| {
        let changes: Vec<(i64, String, Option<String>)> = {
            let mut stmt = tx.prepare("SELECT person_id, action, before_json FROM import_changes WHERE import_id = ?1")?;
            let rows = stmt.query_map([import_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let mut removed = 0;
        let mut restored = 0;
        for (person_id, action, before) in changes {
            if action == "added" {
                removed += tx.execute("DELETE FROM people WHERE id = ?1", [person_id])?;
            } else {
                let before: serde_json::Value = before.and_then(|b| serde_json::from_str(&b).ok()).unwrap_or_default();
                let app: Application = serde_json::from_value(before["application"].clone())
                    .map_err(|e| Error::Invalid(format!("The earlier answers of person {person_id} could not be read back ({e}); nothing was undone.")))?;
                let flags: Vec<String> = serde_json::from_value(before["flags"].clone()).unwrap_or_default();
                update_person(tx, person_id, &app, &flags)?;
                restored += 1;
            }
        }
        tx.execute("DELETE FROM applications WHERE import_id = ?1", [import_id])?;
        // The column mapping goes back to what was remembered before this import.
        let (signature, previous): (String, Option<String>) = tx.query_row(
            "SELECT header_signature, previous_mapping_json FROM imports WHERE id = ?1",
            [import_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        match previous {
            Some(previous) => tx.execute(
                "UPDATE header_mappings SET mapping_json = ?2, updated_at = ?3 WHERE header_signature = ?1",
                params![signature, previous, now_timestamp()],
            )?,
            None => tx.execute("DELETE FROM header_mappings WHERE header_signature = ?1", [signature])?,
        };
        tx.execute("UPDATE imports SET undone_at = ?2 WHERE id = ?1", params![import_id, now_timestamp()])?;
        Ok(UndoReport { import_id, removed, restored })
    })
}

#[cfg(test)]
mod tests;
