//! The questions of a program's forms, as the committee wrote them: every
//! imported column (or set of option columns) becomes a typed question of its
//! program and role, remembered by its wording so next year's form keeps it.
//! People's answers are stored with their application, keyed by the wording;
//! the counts shown here are taken from those answers, so they are always
//! those of the people in the program now.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::people::{list_people, Answer, Person, Role};
use crate::store::Store;
use crate::time::now_timestamp;

/// What kind of answer a question takes; decides how answers are read and
/// which comparisons can match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// One option of a list.
    Single,
    /// Any number of options (checkboxes).
    Multi,
    Number,
    /// Ordered answers: agree…disagree, 1–5, never…always.
    Scale,
    YesNo,
    Date,
    /// People's names (someone to avoid, a requested mentor).
    Names,
    Text,
    /// Name, email, phone: who someone is, not what they answered.
    Contact,
    /// "I agree that…": the person's consent (to be matched, to share their
    /// details); no or no answer means no consent. Stored with kind `yes_no`
    /// and `kind_name` 'consent' (the `kind` column's CHECK predates it).
    Consent,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 10] = [
        QuestionKind::Single,
        QuestionKind::Multi,
        QuestionKind::Number,
        QuestionKind::Scale,
        QuestionKind::YesNo,
        QuestionKind::Date,
        QuestionKind::Names,
        QuestionKind::Text,
        QuestionKind::Contact,
        QuestionKind::Consent,
    ];

    /// The name used in JSON and on the command line (`yes_no`).
    pub fn key(self) -> &'static str {
        match self {
            QuestionKind::Single => "single",
            QuestionKind::Multi => "multi",
            QuestionKind::Number => "number",
            QuestionKind::Scale => "scale",
            QuestionKind::YesNo => "yes_no",
            QuestionKind::Date => "date",
            QuestionKind::Names => "names",
            QuestionKind::Text => "text",
            QuestionKind::Contact => "contact",
            QuestionKind::Consent => "consent",
        }
    }

    /// The label the mapping screen shows.
    pub fn label(self) -> &'static str {
        match self {
            QuestionKind::Single => "One choice",
            QuestionKind::Multi => "Several choices",
            QuestionKind::Number => "Number",
            QuestionKind::Scale => "Scale",
            QuestionKind::YesNo => "Yes / no",
            QuestionKind::Date => "Date",
            QuestionKind::Names => "Names of people",
            QuestionKind::Text => "Free text",
            QuestionKind::Contact => "Contact details",
            QuestionKind::Consent => "Consent",
        }
    }

    /// Parses a key (`yes_no`, `yes-no`) or a label.
    pub fn parse(text: &str) -> Option<QuestionKind> {
        let wanted = text.trim().to_lowercase().replace([' ', '-'], "_");
        QuestionKind::ALL
            .into_iter()
            .find(|k| k.key() == wanted || k.label().eq_ignore_ascii_case(text.trim()))
    }

    /// Kinds whose answers are options, counted on the questions list.
    pub fn has_options(self) -> bool {
        matches!(
            self,
            QuestionKind::Single
                | QuestionKind::Multi
                | QuestionKind::Scale
                | QuestionKind::YesNo
                | QuestionKind::Consent
        )
    }

    /// The `kind` column's value, and `kind_name` when the column cannot say it.
    fn stored(self) -> (&'static str, Option<&'static str>) {
        match self {
            QuestionKind::Consent => ("yes_no", Some("consent")),
            kind => (kind.key(), None),
        }
    }
}

/// One option of a choice question, with how many people chose it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionCount {
    pub label: String,
    pub count: usize,
}

/// A question of a program's form, with what the people answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    pub id: i64,
    pub role: Role,
    pub text: String,
    pub kind: QuestionKind,
    /// [`QuestionKind::label`], for screens.
    pub kind_label: &'static str,
    /// The built-in field it also feeds (`areas`, `email` …), if any.
    pub field: Option<String>,
    /// The spreadsheet columns it was read from, last import.
    pub columns: Vec<String>,
    /// Options in the form's order (scales low to high), with counts.
    pub options: Vec<OptionCount>,
    /// People of the program who answered it.
    pub answered: usize,
}

/// A question as an import found it, before it is stored.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundQuestion {
    pub role: Role,
    pub text: String,
    pub kind: QuestionKind,
    pub field: Option<&'static str>,
    pub columns: Vec<String>,
    pub options: Vec<String>,
}

/// The key a question is remembered by: its wording, without case or punctuation.
pub fn question_key(text: &str) -> String {
    crate::text::normalize_header(text)
}

/// Stores the questions an import found, inside its transaction: new ones
/// are added (and noted with the import, so undoing it removes them), known
/// ones take the import's columns, kind and any new options.
pub(crate) fn save_found(
    tx: &Transaction<'_>,
    program_id: i64,
    import_id: Option<i64>,
    found: &[FoundQuestion],
) -> Result<()> {
    for (position, q) in found.iter().enumerate() {
        let key = question_key(&q.text);
        let known: Option<(i64, String)> = tx
            .query_row(
                "SELECT id, options_json FROM questions WHERE program_id = ?1 AND role = ?2 AND key = ?3",
                params![program_id, q.role.as_str(), key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let columns = serde_json::to_string(&q.columns).unwrap_or_else(|_| "[]".into());
        match known {
            Some((id, options_json)) => {
                let mut options: Vec<String> =
                    serde_json::from_str(&options_json).unwrap_or_default();
                for o in &q.options {
                    if !options.iter().any(|x| x.eq_ignore_ascii_case(o)) {
                        options.push(o.clone());
                    }
                }
                tx.execute(
                    "UPDATE questions SET text = ?2, kind = ?3, field = ?4, columns_json = ?5,
                         options_json = ?6, position = ?7, updated_at = ?8, kind_name = ?9 WHERE id = ?1",
                    params![
                        id,
                        q.text,
                        q.kind.stored().0,
                        q.field,
                        columns,
                        serde_json::to_string(&options).unwrap_or_else(|_| "[]".into()),
                        position as i64,
                        now_timestamp(),
                        q.kind.stored().1
                    ],
                )?;
            }
            None => {
                tx.execute(
                    "INSERT INTO questions (program_id, role, key, text, kind, field, columns_json,
                         options_json, position, import_id, updated_at, kind_name)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                    params![
                        program_id,
                        q.role.as_str(),
                        key,
                        q.text,
                        q.kind.stored().0,
                        q.field,
                        columns,
                        serde_json::to_string(&q.options).unwrap_or_else(|_| "[]".into()),
                        position as i64,
                        import_id,
                        now_timestamp(),
                        q.kind.stored().1
                    ],
                )?;
            }
        }
    }
    Ok(())
}

/// The questions of a program (one role, or both), in form order, each with
/// its options counted from the answers of the people in the program.
pub fn list_questions(store: &Store, program_id: i64, role: Option<Role>) -> Result<Vec<Question>> {
    crate::programs::get_program(store, program_id)?;
    let mut stmt = store.conn().prepare(
        "SELECT id, role, text, coalesce(kind_name, kind), field, columns_json, options_json FROM questions
         WHERE program_id = ?1 AND (?2 IS NULL OR role = ?2)
         ORDER BY role = 'participant', position, id",
    )?;
    let rows = stmt.query_map(params![program_id, role.map(Role::as_str)], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    let stored: Vec<_> = rows.collect::<rusqlite::Result<_>>()?;
    let people = list_people(store, program_id, role)?;
    let mut questions = Vec::with_capacity(stored.len());
    for (id, role_text, text, kind, field, columns, options) in stored {
        let role = Role::parse(&role_text)?;
        let kind = QuestionKind::parse(&kind).unwrap_or(QuestionKind::Text);
        let answers = people
            .iter()
            .filter(|p| p.role == role)
            .filter_map(|p| p.application.answer(&text, field.as_deref()));
        let (options, answered) = count_options(
            serde_json::from_str(&options).unwrap_or_default(),
            answers,
            kind,
        );
        questions.push(Question {
            id,
            role,
            text,
            kind,
            kind_label: kind.label(),
            field,
            columns: serde_json::from_str(&columns).unwrap_or_default(),
            options,
            answered,
        });
    }
    Ok(questions)
}

/// The known options with how often each was chosen (options first seen in
/// the answers are added at the end), and how many answered at all.
fn count_options(
    known: Vec<String>,
    answers: impl Iterator<Item = Answer>,
    kind: QuestionKind,
) -> (Vec<OptionCount>, usize) {
    let mut counts: Vec<OptionCount> = known
        .into_iter()
        .map(|label| OptionCount { label, count: 0 })
        .collect();
    let mut answered = 0;
    for answer in answers {
        if answer.is_empty() {
            continue;
        }
        answered += 1;
        if !kind.has_options() {
            continue;
        }
        for label in answer.options() {
            match counts
                .iter_mut()
                .find(|o| o.label.eq_ignore_ascii_case(&label))
            {
                Some(o) => o.count += 1,
                None => counts.push(OptionCount { label, count: 1 }),
            }
        }
    }
    if !kind.has_options() {
        counts.clear();
    }
    (counts, answered)
}

/// The wording each known question of a program has, by its key.
pub(crate) fn wordings(store: &Store, program_id: i64) -> Result<HashMap<String, String>> {
    let mut stmt = store
        .conn()
        .prepare("SELECT key, text FROM questions WHERE program_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([program_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Finds a question of a program (of one role's form, when given) by id,
/// or by its exact wording (any case).
pub fn find_question(
    store: &Store,
    program_id: i64,
    role: Option<Role>,
    id_or_text: &str,
) -> Result<Question> {
    let all = list_questions(store, program_id, role)?;
    let wanted = id_or_text.trim();
    let by_id = wanted.parse::<i64>().ok();
    let found: Vec<&Question> = all
        .iter()
        .filter(|q| Some(q.id) == by_id || q.text.trim().eq_ignore_ascii_case(wanted))
        .collect();
    match found.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Error::Invalid(format!(
            "The {} has no question \"{wanted}\". `matchbook questions list` shows them with their numbers.",
            match role {
                Some(role) => format!("{}s' form", role.as_str()),
                None => "program".to_string(),
            }
        ))),
        _ => Err(Error::Invalid(format!(
            "Both forms ask \"{wanted}\"; name the question by its number (`matchbook questions list`)."
        ))),
    }
}

/// A person's answers keyed by question id, for the questions of their
/// role's form (built-in fields included).
pub fn answers_of(questions: &[Question], person: &Person) -> BTreeMap<i64, Answer> {
    questions
        .iter()
        .filter(|q| q.role == person.role)
        .filter_map(|q| {
            let answer = person.application.answer(&q.text, q.field.as_deref())?;
            Some((q.id, answer))
        })
        .collect()
}
