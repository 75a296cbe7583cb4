//! Understanding a spreadsheet's questions: the header row (one, or two as
//! SurveyMonkey and Qualtrics write them), which columns make one question,
//! what each question means to Matchbook (chosen, remembered or recognised),
//! its kind and options, and for a form both roles filled, who is who.
//! Reads the program file, never writes it.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use rusqlite::OptionalExtension;

use super::detect::{clean_headers, find_header, pick_sheet};
use super::fields::{normalize_header, Field};
use super::kinds::detect_kind;
use super::layout::{group_columns, ColumnValues, FormQuestion, Layout, RawAnswer};
use super::options::OptionSet;
use super::read::{SheetData, Workbook};
use super::recognise::{column_score, value_shape, Wording};
use super::roles::{role_answers, ImportAs, RoleAnswer};
use super::{ColumnGuess, ImportOptions};
use crate::error::{Error, Result};
use crate::people::Role;
use crate::questions::QuestionKind;
use crate::store::Store;

/// One question of the form as the import reads it.
#[derive(Debug, Clone)]
pub(super) struct AnalysedQuestion {
    pub form: FormQuestion,
    pub field: Field,
    pub kind: QuestionKind,
    /// Options in the form's order (scales low to high).
    pub options: Vec<String>,
    /// How a one-column checkbox answer splits into options.
    pub option_set: Option<OptionSet>,
}

/// A workbook with its responses sheet, header row and questions found.
pub(super) struct Analysis {
    pub workbook: Workbook,
    pub sheet_index: usize,
    pub header_index: usize,
    /// Rows below the header row that still belong to it (SurveyMonkey's
    /// option row, Qualtrics' import-id row).
    pub header_rows_below: usize,
    /// One title per column.
    pub headers: Vec<String>,
    /// Each column's field (a grouped question's field on each of its columns).
    pub mapping: Vec<Field>,
    pub questions: Vec<AnalysedQuestion>,
    pub guesses: Vec<ColumnGuess>,
    /// The answers of the role column and the role each stands for.
    pub role_answers: Vec<RoleAnswer>,
}

impl Analysis {
    pub fn sheet(&self) -> &SheetData {
        &self.workbook.sheets[self.sheet_index]
    }
    /// The cells of a row, by the spreadsheet's own row number.
    pub fn cells_of(&self, row_number: i64) -> &[String] {
        let sheet = self.sheet();
        usize::try_from(row_number - i64::from(sheet.first_row))
            .ok()
            .and_then(|i| sheet.rows.get(i))
            .map_or(&[], Vec::as_slice)
    }

    pub fn data_rows(&self) -> impl Iterator<Item = (i64, &Vec<String>)> {
        let sheet = self.sheet();
        sheet
            .rows
            .iter()
            .enumerate()
            .skip(self.header_index + 1 + self.header_rows_below)
            .map(move |(i, row)| (i64::from(sheet.first_row) + i as i64, row))
    }

    /// The question that says who is who, in a form both roles filled.
    pub fn role_question(&self) -> Option<&AnalysedQuestion> {
        self.questions.iter().find(|q| q.field == Field::Role)
    }
}

/// The same set of column titles in any order and wording case: the key the
/// column choices are remembered under.
pub(crate) fn header_signature(headers: &[String]) -> String {
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

/// Finds the responses sheet, its header row and what each question holds.
pub(super) fn analyze(
    store: &Store,
    workbook: Workbook,
    role: ImportAs,
    options: &ImportOptions,
) -> Result<Analysis> {
    let sheet_index = pick_sheet(&workbook, options.sheet.as_deref())?;
    let sheet = &workbook.sheets[sheet_index];
    let (header_index, raw_headers) = header_row(sheet, &workbook.file_name)?;
    let (raw_headers, header_rows_below) = with_rows_below(sheet, header_index, raw_headers);
    let headers = clean_headers(&raw_headers, raw_headers.len());
    let columns = Columns {
        sheet,
        first_data_row: header_index + 1 + header_rows_below,
    };
    let forms = group_columns(&headers, &raw_headers, &columns, &options.keep_apart);
    let texts: Vec<String> = forms.iter().map(|q| q.text.clone()).collect();
    let firsts: Vec<String> = forms
        .iter()
        .map(|q| headers[q.first_column()].clone())
        .collect();
    // What each question is judged from: its first answers (a whole column
    // is read only where every answer matters: options, who is who).
    let answers: Vec<Vec<Cow<'_, str>>> = forms
        .iter()
        .map(|q| {
            columns
                .answers(q)
                .filter(|a| !a.is_empty())
                .take(KIND_SAMPLE)
                .collect()
        })
        .collect();

    let mut choice = ColumnChoice::new(forms.len());
    if let Some(remembered) = remembered_mapping(store, &headers)? {
        choice.remembered(&[&texts, &firsts], &remembered);
    }
    choice.recognised(&texts, &answers, role.single());
    choice.chosen(&[&texts, &firsts], &options.mapping, &workbook.file_name)?;

    // Each question's kind and options on its own (learning options reads
    // a whole column), so the questions are shared out over the cores.
    let work: Vec<(FormQuestion, &Vec<Cow<'_, str>>, Field)> = forms
        .into_iter()
        .zip(&answers)
        .zip(choice.mapping.iter().copied())
        .map(|((form, answers), field)| (form, answers, field))
        .collect();
    let questions: Vec<AnalysedQuestion> =
        crate::parallel::map_in_order(&work, |(form, answers, field)| {
            typed(form, *field, answers, &columns, &options.kinds)
        });
    let mut mapping = vec![Field::Keep; headers.len()];
    for q in &questions {
        for c in q.form.columns() {
            mapping[c] = q.field;
        }
    }
    let role_answers = questions
        .iter()
        .find(|q| q.field == Field::Role)
        .map(|q| {
            let every: Vec<Cow<'_, str>> = columns.answers(&q.form).collect();
            role_answers(every.iter().map(AsRef::as_ref), &options.role_values)
        })
        .unwrap_or_default();
    let guesses = question_guesses(&headers, &questions, &choice, &answers);
    Ok(Analysis {
        workbook,
        sheet_index,
        header_index,
        header_rows_below,
        headers,
        mapping,
        questions,
        guesses,
        role_answers,
    })
}

/// How many answers a question's kind is judged from: enough to tell a
/// choice from free text, and cheap on a file of 100,000 rows.
const KIND_SAMPLE: usize = 500;

/// A question's kind (the committee's choice, else seen in its answers) and
/// options.
fn typed(
    form: &FormQuestion,
    field: Field,
    answers: &[Cow<'_, str>],
    columns: &Columns<'_>,
    chosen: &BTreeMap<String, QuestionKind>,
) -> AnalysedQuestion {
    let sample: Vec<&str> = answers.iter().map(AsRef::as_ref).collect();
    let (mut kind, mut options) = detect_kind(&form.text, field, &form.option_labels(), &sample);
    let wanted = chosen
        .iter()
        .find(|(text, _)| normalize_header(text) == normalize_header(&form.text))
        .map(|(_, k)| *k);
    if let Some(wanted) = wanted.filter(|k| *k != kind) {
        kind = wanted;
        options = detect_kind(&form.text, Field::Keep, &form.option_labels(), &sample).1;
    }
    let one_column = !matches!(form.layout, Layout::OptionColumns(_));
    // A checkbox answer in one cell is split by options learned from the
    // whole column ("Diversity, equity & inclusion" stays one option).
    let option_set =
        (one_column && (kind == QuestionKind::Multi || field.is_multi_select())).then(|| {
            let every: Vec<Cow<'_, str>> = columns.answers(form).collect();
            OptionSet::learn(every.iter().map(AsRef::as_ref))
        });
    if let Some(set) = &option_set {
        if kind == QuestionKind::Multi {
            options = set.options();
        }
    }
    AnalysedQuestion {
        form: form.clone(),
        field,
        kind,
        options,
        option_set,
    }
}

/// The header row's index and its cells as written, one per column.
fn header_row(sheet: &SheetData, file_name: &str) -> Result<(usize, Vec<String>)> {
    let (header_index, score) = find_header(sheet);
    if sheet.rows.is_empty() || score == 0.0 {
        let which_sheet = if sheet.name.is_empty() {
            String::new()
        } else {
            format!(", sheet \"{}\",", sheet.name)
        };
        return Err(Error::Invalid(format!(
            "{file_name}{which_sheet} has no header row Matchbook can recognise (a row of column \
             titles such as Name and Email). Check that you chose the responses sheet."
        )));
    }
    let width = sheet
        .rows
        .iter()
        .skip(header_index)
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    let raw = (0..width)
        .map(|i| {
            sheet.rows[header_index]
                .get(i)
                .map(|c| c.trim().to_string())
                .unwrap_or_default()
        })
        .collect();
    Ok((header_index, raw))
}

/// Header rows that continue below the first: SurveyMonkey writes each
/// option under its question ("Response" under a one-answer question), and
/// Qualtrics a row of import ids. Returns the titles, one per column
/// (`Question [Option]` for SurveyMonkey's options), and how many rows below
/// the header belong to it.
fn with_rows_below(
    sheet: &SheetData,
    header_index: usize,
    raw: Vec<String>,
) -> (Vec<String>, usize) {
    let Some(below) = sheet.rows.get(header_index + 1) else {
        return (raw, 0);
    };
    let cell = |i: usize| below.get(i).map(|c| c.trim()).unwrap_or("");
    if below
        .iter()
        .filter(|c| !c.trim().is_empty())
        .all(|c| c.trim().starts_with("{\"ImportId\""))
        && below.iter().any(|c| !c.trim().is_empty())
    {
        return (raw, 1);
    }
    let says_response =
        (0..raw.len()).any(|i| matches!(cell(i), "Response" | "Open-Ended Response"));
    if !says_response {
        return (raw, 0);
    }
    let mut question = String::new();
    let titles = raw
        .iter()
        .enumerate()
        .map(|(i, title)| {
            if !title.is_empty() {
                question = title.clone();
            }
            match cell(i) {
                "" | "Response" | "Open-Ended Response" => title.clone(),
                option if !question.is_empty() => format!("{question} [{option}]"),
                option => option.to_string(),
            }
        })
        .collect();
    (titles, 1)
}

/// The answers below the header rows, one column at a time.
struct Columns<'a> {
    sheet: &'a SheetData,
    first_data_row: usize,
}

impl<'a> Columns<'a> {
    /// Column `i` of every data row ("" where a row is shorter).
    fn column(&self, i: usize) -> impl Iterator<Item = &'a str> + Clone + 'a {
        self.sheet
            .rows
            .iter()
            .skip(self.first_data_row)
            .map(move |r| r.get(i).map(String::as_str).unwrap_or(""))
    }

    /// A question's answer in every data row, as text (ticked options joined by "; ").
    /// (Borrowed where a cell holds the answer: a large file is not copied.)
    fn answers<'q>(&self, question: &'q FormQuestion) -> impl Iterator<Item = Cow<'a, str>> + 'q
    where
        'a: 'q,
    {
        self.sheet
            .rows
            .iter()
            .skip(self.first_data_row)
            .map(|row| match question.answer(row) {
                RawAnswer::Text(t) => Cow::Borrowed(t),
                RawAnswer::Ticked(options) => Cow::Owned(options.join("; ")),
                RawAnswer::Joined(text) => Cow::Owned(text),
            })
    }
}

impl ColumnValues for Columns<'_> {
    fn values(&self, column: usize) -> Vec<&str> {
        self.column(column).collect()
    }
}

/// Column → field, with how sure Matchbook is and where the choice came from.
struct ColumnChoice {
    mapping: Vec<Field>,
    confidence: Vec<f64>,
    source: Vec<&'static str>,
    /// Fields already taken by a remembered or recognised column.
    used_fields: Vec<Field>,
}

const NOT_RECOGNISED: &str = "not recognised";

impl ColumnChoice {
    fn new(width: usize) -> Self {
        Self {
            mapping: vec![Field::Keep; width],
            confidence: vec![0.0; width],
            source: vec![NOT_RECOGNISED; width],
            used_fields: Vec::new(),
        }
    }

    fn set(&mut self, i: usize, field: Field, confidence: f64, source: &'static str) {
        self.mapping[i] = field;
        self.confidence[i] = confidence;
        self.source[i] = source;
    }

    /// The mapping saved when a file with these headers was last imported,
    /// found by each question's wording or its first column's title.
    fn remembered(&mut self, names: &[&Vec<String>], remembered: &HashMap<String, Field>) {
        // Matched on the normalized wording, like the signature that found it.
        let by_wording: HashMap<String, Field> = remembered
            .iter()
            .map(|(h, f)| (normalize_header(h), *f))
            .collect();
        for i in 0..self.mapping.len() {
            let found = names
                .iter()
                .find_map(|list| by_wording.get(&normalize_header(&list[i])));
            if let Some(f) = found {
                self.set(i, *f, 1.0, "remembered");
                if *f != Field::Keep {
                    self.used_fields.push(*f);
                }
            }
        }
    }

    /// The other questions by their wording and answers: greedy, the
    /// strongest (question, field) pairs first; each field once.
    fn recognised(&mut self, texts: &[String], answers: &[Vec<Cow<'_, str>>], role: Option<Role>) {
        let mut candidates = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            if self.source[i] != NOT_RECOGNISED {
                continue;
            }
            // A sample is enough to see what the answers look like.
            let shape = value_shape(
                answers[i]
                    .iter()
                    .map(AsRef::as_ref)
                    .filter(|v| !v.is_empty())
                    .take(200),
            );
            let fits = |f: &Field| role.is_none_or(|r| f.fits(r));
            let wording = Wording::new(text);
            for f in Field::ALL
                .iter()
                .copied()
                .filter(|f| *f != Field::Keep && fits(f))
            {
                let s = column_score(&wording, &shape, f);
                if s >= 0.5 {
                    let by_values = wording.score(f) < 0.5;
                    candidates.push((s, i, f, by_values));
                }
            }
        }
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for (s, i, f, by_values) in candidates {
            if self.source[i] != NOT_RECOGNISED || self.used_fields.contains(&f) {
                continue;
            }
            let source = if by_values { "values" } else { "header" };
            self.set(i, f, (s * 100.0).round() / 100.0, source);
            self.used_fields.push(f);
        }
    }

    /// The committee's own choices, over anything remembered or recognised,
    /// by a question's wording or any of its columns' titles.
    fn chosen(
        &mut self,
        names: &[&Vec<String>],
        chosen: &BTreeMap<String, Field>,
        file_name: &str,
    ) -> Result<()> {
        for (header, field) in chosen {
            // The exact title first, so "Name" and "Name *" stay apart.
            let exact = names
                .iter()
                .find_map(|list| list.iter().position(|h| h == header));
            let found = exact.or_else(|| {
                names.iter().find_map(|list| {
                    list.iter()
                        .position(|h| normalize_header(h) == normalize_header(header))
                })
            });
            match found {
                Some(i) => self.set(i, *field, 1.0, "chosen"),
                None => {
                    return Err(Error::Invalid(format!(
                        "There is no column \"{header}\" in {file_name}; the columns are: {}.",
                        names.first().map(|l| l.join(", ")).unwrap_or_default()
                    )))
                }
            }
        }
        Ok(())
    }
}

/// What the mapping screen shows for each question.
fn question_guesses(
    headers: &[String],
    questions: &[AnalysedQuestion],
    choice: &ColumnChoice,
    answers: &[Vec<Cow<'_, str>>],
) -> Vec<ColumnGuess> {
    questions
        .iter()
        .enumerate()
        .map(|(i, q)| ColumnGuess {
            index: q.form.first_column(),
            header: q.form.text.clone(),
            columns: q
                .form
                .columns()
                .iter()
                .map(|c| headers[*c].clone())
                .collect(),
            grouped: match q.form.layout {
                Layout::Column(_) => None,
                Layout::Branches(_) => Some("branches"),
                Layout::OptionColumns(_) => Some("options"),
                Layout::Categories(_) => Some("categories"),
            },
            field: q.field,
            kind: q.kind,
            confidence: choice.confidence[i],
            source: choice.source[i],
            samples: answers[i]
                .iter()
                .filter(|v| !v.is_empty())
                .take(3)
                .map(|v| truncate(v, 80))
                .collect(),
            options: q.options.clone(),
        })
        .collect()
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max).collect::<String>())
    }
}
