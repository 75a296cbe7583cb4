//! Writing applications into the program file: a person, each row they
//! came from, and the row's raw text.

use rusqlite::types::ToSql;
use rusqlite::{params, params_from_iter, Statement, Transaction};

use super::{Application, Role};
use crate::error::Result;
use crate::time::now_timestamp;

/// Where an application row came from, kept verbatim beside the person.
#[derive(Debug, Clone)]
pub struct SourceRow<'a> {
    pub import_id: Option<i64>,
    pub file: &'a str,
    pub sheet: &'a str,
    pub row_number: i64,
    /// The row verbatim, as a JSON object of header → cell.
    pub raw_json: &'a str,
    /// The `raw_rows` id of `raw_json` when the writer already stored it
    /// (identical rows share one copy); `None` stores it now.
    pub raw_id: Option<i64>,
    /// When it was received (one time for every row of an import).
    pub received_at: &'a str,
}

/// An application's JSON columns, written out. An import writes them on a
/// second thread beside its transaction, not one by one inside it.
#[derive(Debug, Clone, Default)]
pub(crate) struct AnswersJson {
    lists: String,
    extra: String,
    answers: String,
}

impl AnswersJson {
    pub(crate) fn of(app: &Application) -> AnswersJson {
        let json = |r: serde_json::Result<String>| r.unwrap_or_else(|_| "{}".into());
        AnswersJson {
            lists: json(serde_json::to_string(&app.lists)),
            extra: json(serde_json::to_string(&app.extra)),
            answers: json(serde_json::to_string(&app.answers)),
        }
    }
}

/// The answer columns shared by insert and update, in the order both
/// statements name them (name … answers_json): the application's text is
/// bound where it is.
struct AnswerColumns<'a> {
    app: &'a Application,
    json: &'a AnswersJson,
    email: Option<String>,
    capacity: Option<i64>,
}

impl<'a> AnswerColumns<'a> {
    fn of(app: &'a Application, json: &'a AnswersJson) -> Self {
        AnswerColumns {
            app,
            json,
            email: app.email.as_ref().map(|e| e.to_lowercase()),
            capacity: app.capacity.map(i64::from),
        }
    }

    fn params(&self) -> [&dyn ToSql; 18] {
        let app = self.app;
        [
            &app.name,
            &app.preferred_name,
            &self.email,
            &app.phone,
            &app.library,
            &app.position,
            &app.city,
            &app.region,
            &app.years_experience,
            &self.capacity,
            &app.requested_mentor,
            &app.kickoff_attendance,
            &app.goals,
            &app.comments,
            &app.submitted_at,
            &self.json.lists,
            &self.json.extra,
            &self.json.answers,
        ]
    }
}

/// The statements that add people, prepared once for a whole import: a
/// statement looked up by its text for each of 10,000 people costs a tenth
/// of the writing.
pub(crate) struct PeopleWriter<'tx> {
    person: Statement<'tx>,
    application: Statement<'tx>,
    raw_row: Statement<'tx>,
}

impl<'tx> PeopleWriter<'tx> {
    pub(crate) fn new(tx: &'tx Transaction<'_>) -> Result<Self> {
        Ok(PeopleWriter {
            person: tx.prepare(
                "INSERT INTO people (program_id, role, name, preferred_name, email, phone, library, position,
                     city, region, years_experience, capacity, requested_mentor, kickoff_attendance, goals,
                     comments, submitted_at, lists_json, extra_json, answers_json, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?21)",
            )?,
            application: tx.prepare(
                "INSERT INTO applications (person_id, import_id, source_file, sheet, row_number, raw_id, received_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?,
            raw_row: tx.prepare("INSERT INTO raw_rows (raw_json) VALUES (?1)")?,
        })
    }

    /// Adds a person and their raw application row; returns the person's id.
    pub(crate) fn person(
        &mut self,
        program_id: i64,
        role: Role,
        app: &Application,
        json: &AnswersJson,
        source: &SourceRow<'_>,
    ) -> Result<i64> {
        let columns = AnswerColumns::of(app, json);
        let role = role.as_str();
        let values = [&program_id as &dyn ToSql, &role]
            .into_iter()
            .chain(columns.params())
            .chain([&source.received_at as &dyn ToSql]);
        let person_id = self.person.insert(params_from_iter(values))?;
        self.application(person_id, source)?;
        Ok(person_id)
    }

    /// Stores a row's raw text; [`SourceRow::raw_id`] refers to it.
    pub(crate) fn raw_row(&mut self, raw_json: &str) -> Result<i64> {
        Ok(self.raw_row.insert([raw_json])?)
    }

    /// Stores one more raw application row for a person.
    pub(crate) fn application(&mut self, person_id: i64, source: &SourceRow<'_>) -> Result<()> {
        let raw_id = match source.raw_id {
            Some(id) => id,
            None => self.raw_row(source.raw_json)?,
        };
        self.application.execute(params![
            person_id,
            source.import_id,
            source.file,
            source.sheet,
            source.row_number,
            raw_id,
            source.received_at,
        ])?;
        Ok(())
    }
}

/// Replaces a person's answers and flags inside an open transaction.
pub(crate) fn update_person(
    tx: &Transaction<'_>,
    person_id: i64,
    app: &Application,
    flags: &[String],
) -> Result<()> {
    let json = AnswersJson::of(app);
    let columns = AnswerColumns::of(app, &json);
    let flags = serde_json::to_string(flags).unwrap_or_else(|_| "[]".into());
    let now = now_timestamp();
    let mut values: Vec<&dyn ToSql> = vec![&person_id];
    values.extend(columns.params());
    values.push(&flags);
    values.push(&now);
    tx.execute(
        "UPDATE people SET name = ?2, preferred_name = ?3, email = ?4, phone = ?5, library = ?6,
             position = ?7, city = ?8, region = ?9, years_experience = ?10, capacity = ?11,
             requested_mentor = ?12, kickoff_attendance = ?13, goals = ?14, comments = ?15,
             submitted_at = ?16, lists_json = ?17, extra_json = ?18, answers_json = ?19,
             flags_json = ?20, updated_at = ?21
         WHERE id = ?1",
        params_from_iter(values),
    )?;
    Ok(())
}
