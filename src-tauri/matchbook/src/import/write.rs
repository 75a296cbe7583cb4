//! Importing: every row normalized, people grouped by identity, compared with
//! the people already in the program, and written as one transaction that
//! also remembers the column choices.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{params, OptionalExtension, Transaction};

use super::analyse::{analyze, header_signature, Analysis};
use super::fields::Field;
use super::grouping::{
    compare_with_program, found_questions, group_rows, note_problems, Group, Outcome,
};
use super::normalize::{normalize_row, raw_row, Plan, RoleOfRows, RowResult};
use super::read::{read_workbook, Workbook};
use super::roles::ImportAs;
use super::{ImportOptions, ImportReport, RoleCounts};
use crate::error::{Error, Result};
use crate::people::{list_people, update_person, AnswersJson, PeopleWriter, Role, SourceRow};
use crate::questions::save_found;
use crate::store::Store;
use crate::text::capitalize;
use crate::time::{current_user, now_timestamp};

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

/// Imports a file into a program as one transaction; with `dry_run`, only reports.
pub fn import_file(
    store: &mut Store,
    program_id: i64,
    role: impl Into<ImportAs>,
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
    role: impl Into<ImportAs>,
    workbook: Workbook,
    file_path: &str,
    options: &ImportOptions,
    dry_run: bool,
) -> Result<ImportReport> {
    let role = role.into();
    crate::programs::get_program(store, program_id)?;
    let mut analysis = analyze(store, workbook, role, options)?;
    require_applications(&analysis)?;
    require_names_or_emails(&analysis)?;
    known_wordings(store, program_id, &mut analysis)?;
    let plan = Plan {
        headers: &analysis.headers,
        questions: &analysis.questions,
        role: role_of_rows(&analysis, role)?,
    };
    let mut report = empty_report(&analysis, role, dry_run);

    // 1. Every row to an outcome; people grouped by identity, in file order.
    let existing = list_people(store, program_id, None)?;
    let (groups, shared) = group_rows(normalize_all(&plan, &analysis), &existing, &mut report);
    note_problems(&groups, &mut report);

    // 2. Against the people already in the program.
    let found = found_questions(&analysis, &groups);
    let outcomes = compare_with_program(existing, &groups, &shared);
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
    // An import only adds to these tables (a person it updates is noted as
    // any other edit).
    let adds_to = ["raw_rows", "people", "applications", "import_changes"];
    let (import_id, texts) = store.write_adding_after_backup("before import", &adds_to, |tx| {
        let mapping = MappingToRemember::read(tx, &analysis)?;
        let import_id = insert_import(
            tx,
            program_id,
            file_path,
            &report,
            &mapping,
            &analysis.headers,
        )?;
        let at = now_timestamp();
        let source = Source {
            import_id,
            file: &report.file_name,
            sheet: &report.sheet,
            at: &at,
        };
        let texts = write_people(tx, program_id, &source, &analysis, &groups, &outcomes)?;
        save_found(tx, program_id, Some(import_id), &found)?;
        mapping.remember(tx)?;
        Ok((import_id, texts))
    })?;
    report.import_id = Some(import_id);
    // Freeing a few hundred thousand small strings takes a noticeable share of
    // a large import; nobody waits for it.
    std::thread::spawn(move || drop((groups, outcomes, analysis, texts)));
    Ok(report)
}

/// A file with nothing below its column titles (an exported empty form, or
/// titles and then only blank rows) is refused, so nothing lands in the
/// program file: no history entry to undo, no backup, no remembered mapping.
fn require_applications(analysis: &Analysis) -> Result<()> {
    let mut rows = analysis.data_rows().peekable();
    let below = if rows.peek().is_none() {
        "there are no rows"
    } else if rows.all(|(_, cells)| cells.iter().all(String::is_empty)) {
        "every row is empty"
    } else {
        return Ok(());
    };
    let sheet = &analysis.sheet().name;
    let place = if analysis.workbook.sheets.len() > 1 && !sheet.is_empty() {
        format!("{}, sheet \"{sheet}\",", analysis.workbook.file_name)
    } else {
        analysis.workbook.file_name.clone()
    };
    Err(Error::Invalid(format!(
        "{place} holds no applications: below its column titles {below}. Check that you \
         exported the responses, not the empty form."
    )))
}

/// A question the program already has keeps its wording when this year's
/// form writes it in another case or punctuation, so earlier answers (kept
/// by wording) and criteria still find it.
fn known_wordings(store: &Store, program_id: i64, analysis: &mut Analysis) -> Result<()> {
    let known: HashMap<String, String> = crate::questions::wordings(store, program_id)?;
    for q in &mut analysis.questions {
        if let Some(text) = known.get(&crate::questions::question_key(&q.form.text)) {
            q.form.text.clone_from(text);
        }
    }
    Ok(())
}

/// Without a column of names or emails there is nobody to import.
fn require_names_or_emails(analysis: &Analysis) -> Result<()> {
    let has = |f: Field| analysis.mapping.contains(&f);
    if has(Field::Name) || has(Field::Email) || has(Field::FirstName) || has(Field::LastName) {
        return Ok(());
    }
    Err(Error::Invalid(format!(
        "Matchbook could not tell which column of {} holds names or email addresses. Choose the \
         Name and Email columns in the mapping (or use --map \"HEADER=name\").",
        analysis.workbook.file_name
    )))
}

/// Whose application each row is: the import's one role, or the answer of
/// the question that says so.
fn role_of_rows(analysis: &Analysis, role: ImportAs) -> Result<RoleOfRows<'_>> {
    if let Some(role) = role.single() {
        return Ok(RoleOfRows::Every(role));
    }
    match analysis
        .questions
        .iter()
        .position(|q| q.field == Field::Role)
    {
        Some(question) => Ok(RoleOfRows::FromAnswer {
            question,
            answers: &analysis.role_answers,
        }),
        None => Err(Error::Invalid(format!(
            "Matchbook could not tell which column of {} says who is a mentor and who a \
             participant. Choose that column's meaning \"{}\" in the mapping (or use \
             --role-column \"HEADER\"), or import the file as mentors or as participants.",
            analysis.workbook.file_name,
            Field::Role.label()
        ))),
    }
}

/// The report before any row is read: the file, the sheet and the mapping.
fn empty_report(analysis: &Analysis, role: ImportAs, dry_run: bool) -> ImportReport {
    ImportReport {
        import_id: None,
        file_name: analysis.workbook.file_name.clone(),
        sheet: analysis.sheet().name.clone(),
        role,
        roles: (role == ImportAs::Both).then(RoleCounts::default),
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
    }
}

/// The history entry of this import, with the column choices it replaces
/// (written in one statement: updating a row with a long attention list
/// afterwards would store that list twice); returns its id.
fn insert_import(
    tx: &Transaction<'_>,
    program_id: i64,
    file_path: &str,
    report: &ImportReport,
    mapping: &MappingToRemember,
    headers: &[String],
) -> Result<i64> {
    tx.execute(
        "INSERT INTO imports (program_id, role, file_name, file_path, sheet, imported_at, imported_by,
             rows_total, added, updated, unchanged, blank, attention_json, mapping_json,
             header_signature, previous_mapping_json, roles_json, headers_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        params![
            program_id,
            // A form of both roles is stored under "mentor" with its counts by role.
            report.role.single().unwrap_or(Role::Mentor).as_str(),
            report.file_name,
            file_path,
            report.sheet,
            now_timestamp(),
            current_user(),
            report.rows as i64,
            report.added as i64,
            report.updated as i64,
            report.unchanged as i64,
            report.blank as i64,
            serde_json::to_string(&report.attention).unwrap_or_else(|_| "[]".into()),
            serde_json::to_string(&report.mapping).unwrap_or_else(|_| "{}".into()),
            mapping.signature,
            mapping.previous,
            report
                .roles
                .as_ref()
                .and_then(|r| serde_json::to_string(r).ok()),
            // The titles of the raw rows' cells, kept once.
            serde_json::to_string(headers).unwrap_or_else(|_| "[]".into()),
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Where the rows of this import came from.
struct Source<'a> {
    import_id: i64,
    file: &'a str,
    sheet: &'a str,
    /// When the import ran: every row's time of arrival.
    at: &'a str,
}

impl<'a> Source<'a> {
    /// A person's rows, each raw text stored once: identical rows always
    /// belong to the same person, so repeats are only looked for among the
    /// rows of one person, and a person with one row costs no hashing.
    fn rows(
        &self,
        writer: &mut PeopleWriter<'_>,
        group: &Group,
        text: &'a PersonText,
    ) -> Result<Vec<SourceRow<'a>>> {
        let mut raw_ids: HashMap<&str, i64> = HashMap::new();
        let repeats_possible = group.rows.len() > 1;
        group
            .rows
            .iter()
            .zip(&text.raws)
            .map(|(row, raw_json)| {
                let stored = repeats_possible
                    .then(|| raw_ids.get(raw_json.as_str()).copied())
                    .flatten();
                let raw_id = match stored {
                    Some(id) => id,
                    None => {
                        let id = writer.raw_row(raw_json)?;
                        if repeats_possible {
                            raw_ids.insert(raw_json, id);
                        }
                        id
                    }
                };
                Ok(SourceRow {
                    import_id: Some(self.import_id),
                    file: self.file,
                    sheet: self.sheet,
                    row_number: row.row_number,
                    raw_json,
                    raw_id: Some(raw_id),
                    received_at: self.at,
                })
            })
            .collect()
    }
}

/// A person's text as the program file keeps it: the application's JSON
/// columns and each of their rows verbatim.
#[derive(Default)]
struct PersonText {
    json: AnswersJson,
    raws: Vec<String>,
}

impl PersonText {
    /// What writing `group` needs: the JSON columns only for someone added
    /// (an update writes its own), the rows for everyone written.
    fn of(analysis: &Analysis, group: &Group, outcome: &Outcome) -> PersonText {
        if matches!(outcome, Outcome::Unchanged) {
            return PersonText::default();
        }
        let columns = analysis.headers.len();
        PersonText {
            json: match outcome {
                Outcome::Add => AnswersJson::of(&group.kept().application),
                _ => AnswersJson::default(),
            },
            raws: group
                .rows
                .iter()
                .map(|row| raw_row(columns, analysis.cells_of(row.row_number)))
                .collect(),
        }
    }
}

/// Adds or updates every person. Their text is written out on a second
/// thread, a batch ahead of the transaction, so the core the inserts leave
/// idle does that work (in batches: handing over each person would cost
/// more in waking the threads than it saves). Returns the texts written, to
/// be freed where nobody waits for it.
fn write_people(
    tx: &Transaction<'_>,
    program_id: i64,
    source: &Source<'_>,
    analysis: &Analysis,
    groups: &[Group],
    outcomes: &[Outcome],
) -> Result<Vec<Vec<PersonText>>> {
    std::thread::scope(|scope| {
        let (send, batches) = std::sync::mpsc::sync_channel::<Vec<PersonText>>(2);
        scope.spawn(move || {
            // A small first batch, so the inserts start at once.
            let mut from = 0;
            let mut batch = 32;
            while from < groups.len() {
                let to = groups.len().min(from + batch);
                let texts = groups[from..to]
                    .iter()
                    .zip(&outcomes[from..to])
                    .map(|(group, outcome)| PersonText::of(analysis, group, outcome))
                    .collect();
                // An error ended the writing: nothing more is needed.
                if send.send(texts).is_err() {
                    break;
                }
                (from, batch) = (to, 500);
            }
        });
        // Everyone added gets a later id than anyone before them, so they
        // are noted for undoing in one statement at the end.
        let before: i64 =
            tx.query_row("SELECT coalesce(max(id), 0) FROM people", [], |r| r.get(0))?;
        let mut writer = PeopleWriter::new(tx)?;
        let mut people = groups.iter().zip(outcomes);
        let mut written = Vec::new();
        for batch in batches {
            // The batch first: zip takes from its first side before the
            // second, and a person taken after the batch ran out is lost.
            for (text, (group, outcome)) in batch.iter().zip(people.by_ref()) {
                write_person(tx, &mut writer, program_id, source, group, outcome, text)?;
            }
            written.push(batch);
        }
        // Every person is written, or the import is not (it rolls back).
        if people.next().is_some() {
            return Err(Error::Invalid(
                "Matchbook stopped before writing every person, so it imported nothing. \
                 Try again; if it happens again, report it."
                    .into(),
            ));
        }
        tx.execute(
            "INSERT INTO import_changes (import_id, person_id, action)
             SELECT ?1, id, 'added' FROM people WHERE id > ?2",
            params![source.import_id, before],
        )?;
        Ok(written)
    })
}

/// Adds or updates one person with every row they came from, and notes the
/// change so the import can be undone.
fn write_person(
    tx: &Transaction<'_>,
    writer: &mut PeopleWriter<'_>,
    program_id: i64,
    source: &Source<'_>,
    group: &Group,
    outcome: &Outcome,
    text: &PersonText,
) -> Result<()> {
    let import_id = source.import_id;
    let flags: Vec<String> = group
        .kept()
        .problems
        .iter()
        .map(|p| capitalize(p))
        .collect();
    let person_id = match outcome {
        Outcome::Unchanged => return Ok(()),
        Outcome::Add => {
            let kept = &group.kept().application;
            let role = group.kept().role;
            let rows = source.rows(writer, group, text)?;
            let id = writer.person(program_id, role, kept, &text.json, &rows[0])?;
            for row in &rows[1..] {
                writer.application(id, row)?;
            }
            id
        }
        Outcome::Update { person_id, before } => {
            let before_flags: String = tx.query_row(
                "SELECT flags_json FROM people WHERE id = ?1",
                [person_id],
                |r| r.get(0),
            )?;
            let before_json = serde_json::json!({
                "application": before,
                "flags": serde_json::from_str::<serde_json::Value>(&before_flags).unwrap_or_default()
            });
            update_person(tx, *person_id, &group.kept().application, &flags)?;
            for row in &source.rows(writer, group, text)? {
                writer.application(*person_id, row)?;
            }
            tx.prepare_cached(
                "INSERT INTO import_changes (import_id, person_id, action, before_json)
                 VALUES (?1, ?2, 'updated', ?3)",
            )?
            .execute(params![import_id, person_id, before_json.to_string()])?;
            *person_id
        }
    };
    if !flags.is_empty() {
        let flags_json = serde_json::to_string(&flags).unwrap_or_else(|_| "[]".into());
        tx.prepare_cached("UPDATE people SET flags_json = ?2 WHERE id = ?1")?
            .execute(params![person_id, flags_json])?;
    }
    Ok(())
}

/// The column choices to remember for the next file with these headers, and
/// the earlier choices they replace (kept with the import, so undoing it
/// restores them).
struct MappingToRemember {
    signature: String,
    mapping_json: String,
    previous: Option<String>,
}

impl MappingToRemember {
    fn read(tx: &Transaction<'_>, analysis: &Analysis) -> Result<MappingToRemember> {
        let mapping_by_header: HashMap<&String, Field> = analysis
            .headers
            .iter()
            .zip(analysis.mapping.iter().copied())
            .collect();
        let signature = header_signature(&analysis.headers);
        let previous = tx
            .query_row(
                "SELECT mapping_json FROM header_mappings WHERE header_signature = ?1",
                [&signature],
                |r| r.get(0),
            )
            .optional()?;
        Ok(MappingToRemember {
            signature,
            mapping_json: serde_json::to_string(&mapping_by_header).unwrap_or_else(|_| "{}".into()),
            previous,
        })
    }

    fn remember(&self, tx: &Transaction<'_>) -> Result<()> {
        tx.execute(
            "INSERT INTO header_mappings (header_signature, mapping_json, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(header_signature) DO UPDATE SET mapping_json = excluded.mapping_json, updated_at = excluded.updated_at",
            params![self.signature, self.mapping_json, now_timestamp()],
        )?;
        Ok(())
    }
}
