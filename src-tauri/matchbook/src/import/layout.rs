//! Which columns make one question. Forms export one question in several
//! shapes: one column; the same question repeated once per branch of the form
//! (mentor branch, mentee branch); one column per option of a checkbox
//! question (`Skills [Budgeting]`, `Skills - Budgeting`, `q3_1…q3_n`,
//! Typeform's columns named after their option); or one column per category
//! of people, each holding names (`…prefer to have as a mentor? [Faculty]`).

use super::fields::normalize_header;

/// Where a question's answer sits in a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Layout {
    Column(usize),
    /// The same question once per branch: the answer is the column filled.
    Branches(Vec<usize>),
    /// One column per option: a ticked cell holds the option, 1, TRUE or x.
    OptionColumns(Vec<(usize, String)>),
    /// One column per category of people (`[Faculty]`, `[Staff]`), each a
    /// free answer: the row's answer is every filled cell.
    Categories(Vec<usize>),
}

/// One question of the form and the columns it was exported to.
#[derive(Debug, Clone, PartialEq)]
pub struct FormQuestion {
    pub text: String,
    pub layout: Layout,
}

/// What a row answered to one question.
#[derive(Debug, Clone, PartialEq)]
pub enum RawAnswer<'a> {
    Text(&'a str),
    Ticked(Vec<String>),
    /// Several cells' answers as one ("Ana Ruiz; Ben Ode").
    Joined(String),
}

impl FormQuestion {
    pub fn columns(&self) -> Vec<usize> {
        match &self.layout {
            Layout::Column(i) => vec![*i],
            Layout::Branches(all) => all.clone(),
            Layout::OptionColumns(options) => options.iter().map(|(i, _)| *i).collect(),
            Layout::Categories(all) => all.clone(),
        }
    }

    pub fn first_column(&self) -> usize {
        self.columns().first().copied().unwrap_or(0)
    }

    /// The option labels, for a question with one column per option.
    pub fn option_labels(&self) -> Vec<String> {
        match &self.layout {
            Layout::OptionColumns(options) => options.iter().map(|(_, o)| o.clone()).collect(),
            _ => Vec::new(),
        }
    }

    /// This question's answer in one row ("" where the row is shorter).
    pub fn answer<'a>(&self, cells: &'a [String]) -> RawAnswer<'a> {
        let cell = |i: usize| cells.get(i).map(|c| c.trim()).unwrap_or("");
        match &self.layout {
            Layout::Column(i) => RawAnswer::Text(cell(*i)),
            Layout::Branches(all) => RawAnswer::Text(
                all.iter()
                    .map(|i| cell(*i))
                    .find(|c| !c.is_empty())
                    .unwrap_or(""),
            ),
            Layout::OptionColumns(options) => RawAnswer::Ticked(
                options
                    .iter()
                    .filter(|(i, _)| is_ticked(cell(*i)))
                    .map(|(_, label)| label.clone())
                    .collect(),
            ),
            Layout::Categories(all) => RawAnswer::Joined(
                all.iter()
                    .map(|i| cell(*i))
                    .filter(|c| !c.is_empty() && !is_unticked(c))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        }
    }
}

/// A ticked option cell: anything but empty, 0, FALSE or No (the option's
/// text, a mark, or what someone typed into "Other (please specify)").
fn is_ticked(cell: &str) -> bool {
    !cell.is_empty() && !is_unticked(cell)
}

fn is_mark(cell: &str) -> bool {
    ["1", "true", "yes", "x", "✓", "✔", "checked", "selected"]
        .iter()
        .any(|m| cell.eq_ignore_ascii_case(m))
}

fn is_unticked(cell: &str) -> bool {
    ["0", "false", "no", "-"]
        .iter()
        .any(|m| cell.eq_ignore_ascii_case(m))
}

/// `Skills [Budgeting]` → (Skills, Budgeting); `Skills - Budgeting` and
/// Qualtrics' `Skills - Selected Choice - Budgeting` likewise; `q3_2` → (q3, 2).
fn split_option_header(header: &str) -> Option<(String, String)> {
    let h = header.trim();
    if let Some(open) = h.rfind(" [") {
        if h.ends_with(']') {
            let option = h[open + 2..h.len() - 1].trim();
            return Some((h[..open].trim().to_string(), option.to_string()));
        }
    }
    if let Some(at) = h.rfind(" - ") {
        let stem = h[..at].trim();
        let stem = stem
            .strip_suffix(" - Selected Choice")
            .unwrap_or(stem)
            .trim();
        let option = h[at + 3..].trim();
        if !stem.is_empty() && !option.is_empty() {
            return Some((stem.to_string(), option.to_string()));
        }
    }
    let (stem, number) = h.rsplit_once('_')?;
    if !stem.is_empty() && !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
        return Some((stem.to_string(), number.to_string()));
    }
    None
}

/// The answers under the header row, one column at a time.
pub trait ColumnValues {
    fn values(&self, column: usize) -> Vec<&str>;
}

/// How many cells of a column read as "this option was ticked", when every
/// filled cell reads as ticked or not ticked (none: the column holds other
/// answers, so it is not an option column). An option nobody ticked is 0.
fn ticks(values: &[&str], label: &str, header: &str) -> Option<usize> {
    let mut ticked = 0;
    for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        if v.eq_ignore_ascii_case(label) || v.eq_ignore_ascii_case(header) || is_mark(v) {
            ticked += 1;
        } else if !is_unticked(v) {
            return None;
        }
    }
    Some(ticked)
}

/// Groups the columns into the form's questions, in column order. `raw`
/// are the header cells as written (duplicates not yet renamed); columns
/// whose header or first column header is in `keep_apart` stay one question
/// each.
pub fn group_columns(
    headers: &[String],
    raw: &[String],
    values: &dyn ColumnValues,
    keep_apart: &[String],
) -> Vec<FormQuestion> {
    let apart = |i: usize| keep_apart.iter().any(|k| k == &headers[i]);
    let mut taken = vec![false; headers.len()];
    let mut questions: Vec<FormQuestion> = Vec::new();
    option_groups_by_header(headers, values, &apart, &mut taken, &mut questions);
    option_groups_by_answers(headers, values, &apart, &mut taken, &mut questions);
    category_groups(headers, &apart, &mut taken, &mut questions);
    branch_groups(headers, raw, values, &apart, &mut taken, &mut questions);
    for (i, h) in headers.iter().enumerate() {
        if !taken[i] {
            questions.push(FormQuestion {
                text: h.clone(),
                layout: Layout::Column(i),
            });
        }
    }
    questions.sort_by_key(FormQuestion::first_column);
    // Answers are kept by a question's wording: two questions never share it.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for q in &mut questions {
        let n = seen.entry(normalize_header(&q.text)).or_insert(0);
        *n += 1;
        if *n > 1 {
            q.text = format!("{} ({n})", q.text);
        }
    }
    questions
}

/// Adjacent columns whose headers share a stem (`Skills [A]`, `Skills [B]`)
/// and whose cells are ticks.
fn option_groups_by_header(
    headers: &[String],
    values: &dyn ColumnValues,
    apart: &dyn Fn(usize) -> bool,
    taken: &mut [bool],
    out: &mut Vec<FormQuestion>,
) {
    let mut i = 0;
    while i < headers.len() {
        let Some((stem, _)) = split_option_header(&headers[i]) else {
            i += 1;
            continue;
        };
        let mut run: Vec<(usize, String)> = Vec::new();
        let mut ticked = 0;
        let mut j = i;
        while let Some((s, option)) = headers.get(j).and_then(|h| split_option_header(h)) {
            if s != stem || apart(j) {
                break;
            }
            let column = values.values(j);
            // Qualtrics' `q3_2` names no option; a ticked cell may.
            let label = if option.bytes().all(|b| b.is_ascii_digit()) {
                option_text_in(&column).unwrap_or_else(|| headers[j].clone())
            } else {
                option
            };
            let Some(n) = ticks(&column, &label, &headers[j]) else {
                break;
            };
            ticked += n;
            run.push((j, label));
            j += 1;
        }
        if run.len() >= 2 && ticked > 0 {
            for (c, _) in &run {
                taken[*c] = true;
            }
            out.push(FormQuestion {
                text: stem,
                layout: Layout::OptionColumns(run),
            });
            i = j;
        } else {
            i += 1;
        }
    }
}

/// Adjacent columns `Who … as a mentor? [Faculty]`, `… [Staff]` that the
/// option groups did not take (their cells are names, not ticks), on a
/// question about people: one question whose answer is every name written.
fn category_groups(
    headers: &[String],
    apart: &dyn Fn(usize) -> bool,
    taken: &mut [bool],
    out: &mut Vec<FormQuestion>,
) {
    let bracketed = |i: usize, taken: &[bool]| -> Option<String> {
        let h = headers[i].trim();
        (h.ends_with(']') && h.contains(" [") && !taken[i] && !apart(i))
            .then(|| split_option_header(h).map(|(stem, _)| stem))
            .flatten()
    };
    let about_people = |stem: &str| {
        let words = normalize_header(stem);
        [
            "mentor", "mentee", "mentors", "mentees", "anyone", "who", "name", "names", "person",
            "people",
        ]
        .iter()
        .any(|w| crate::text::contains_words(&words, w))
    };
    let mut i = 0;
    while i < headers.len() {
        let Some(stem) = bracketed(i, taken).filter(|s| about_people(s)) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < headers.len() && bracketed(j, taken).as_deref() == Some(stem.as_str()) {
            j += 1;
        }
        if j - i >= 2 {
            taken[i..j].fill(true);
            out.push(FormQuestion {
                text: stem,
                layout: Layout::Categories((i..j).collect()),
            });
        }
        i = j;
    }
}

/// The one text a column's ticked cells hold, if they hold text, not marks.
fn option_text_in(values: &[&str]) -> Option<String> {
    let mut texts = values
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty() && !is_mark(v) && !is_unticked(v));
    let first = texts.next()?;
    texts
        .all(|t| t.eq_ignore_ascii_case(first))
        .then(|| first.to_string())
}

/// Typeform's shape: adjacent columns each named after an option, whose
/// filled cells repeat the column's own title.
fn option_groups_by_answers(
    headers: &[String],
    values: &dyn ColumnValues,
    apart: &dyn Fn(usize) -> bool,
    taken: &mut [bool],
    out: &mut Vec<FormQuestion>,
) {
    let echoes_header = |i: usize| {
        let column = values.values(i);
        let mut filled = column.iter().map(|v| v.trim()).filter(|v| !v.is_empty());
        let mut any = false;
        let all_echo = filled.all(|v| {
            any = true;
            v.eq_ignore_ascii_case(headers[i].trim())
        });
        any && all_echo
    };
    let mut i = 0;
    while i < headers.len() {
        let mut j = i;
        while j < headers.len() && !taken[j] && !apart(j) && echoes_header(j) {
            j += 1;
        }
        if j - i >= 2 {
            let run: Vec<(usize, String)> = (i..j).map(|c| (c, headers[c].clone())).collect();
            taken[i..j].fill(true);
            let labels: Vec<&str> = run.iter().map(|(_, l)| l.as_str()).collect();
            out.push(FormQuestion {
                text: format!("Choices: {}", labels.join(", ")),
                layout: Layout::OptionColumns(run),
            });
            i = j;
        } else {
            i = j.max(i + 1);
        }
    }
}

/// The same question text in several columns, each row filling at most one
/// of them: the form asked it once per branch.
fn branch_groups(
    headers: &[String],
    raw: &[String],
    values: &dyn ColumnValues,
    apart: &dyn Fn(usize) -> bool,
    taken: &mut [bool],
    out: &mut Vec<FormQuestion>,
) {
    for i in 0..headers.len() {
        let key = normalize_header(raw.get(i).map(String::as_str).unwrap_or(""));
        if taken[i] || apart(i) || key.is_empty() {
            continue;
        }
        let same: Vec<usize> = (i..headers.len())
            .filter(|&j| {
                !taken[j]
                    && !apart(j)
                    && normalize_header(raw.get(j).map(String::as_str).unwrap_or("")) == key
            })
            .collect();
        if same.len() < 2 || !fills_one_at_a_time(&same, values) {
            continue;
        }
        for c in &same {
            taken[*c] = true;
        }
        out.push(FormQuestion {
            text: raw[i].trim().to_string(),
            layout: Layout::Branches(same),
        });
    }
}

/// Whether rows fill one of these columns, hardly ever two (≤ 10%).
fn fills_one_at_a_time(columns: &[usize], values: &dyn ColumnValues) -> bool {
    let all: Vec<Vec<&str>> = columns.iter().map(|c| values.values(*c)).collect();
    let rows = all.iter().map(Vec::len).max().unwrap_or(0);
    let (mut any, mut several) = (0, 0);
    for r in 0..rows {
        let filled = all
            .iter()
            .filter(|col| col.get(r).is_some_and(|v| !v.trim().is_empty()))
            .count();
        any += usize::from(filled > 0);
        several += usize::from(filled > 1);
    }
    any > 0 && several * 10 <= any
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Grid(Vec<Vec<&'static str>>);
    impl ColumnValues for Grid {
        fn values(&self, column: usize) -> Vec<&str> {
            self.0
                .iter()
                .map(|r| r.get(column).copied().unwrap_or(""))
                .collect()
        }
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn option_columns_become_one_checkbox_question() {
        let headers = strings(&[
            "Name",
            "Skills [Budgeting]",
            "Skills [Leadership]",
            "Skills [Advocacy]",
        ]);
        let rows = Grid(vec![
            vec!["Ann", "Budgeting", "", "Advocacy"],
            vec!["Bo", "", "Leadership", ""],
        ]);
        let q = group_columns(&headers, &headers, &rows, &[]);
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].text, "Skills");
        assert_eq!(
            q[1].option_labels(),
            vec!["Budgeting", "Leadership", "Advocacy"]
        );
        let row = strings(&["Ann", "Budgeting", "", "Advocacy"]);
        assert_eq!(
            q[1].answer(&row),
            RawAnswer::Ticked(vec!["Budgeting".into(), "Advocacy".into()])
        );
        // Kept apart when the committee ungroups them.
        let apart = group_columns(&headers, &headers, &rows, &["Skills [Budgeting]".into()]);
        assert_eq!(apart.len(), 3);
    }

    #[test]
    fn ones_and_zeros_and_dash_headers_are_ticks_too() {
        let headers = strings(&["Email", "Want? - Budgeting", "Want? - Leadership"]);
        let rows = Grid(vec![vec!["a@x.org", "1", "0"], vec!["b@x.org", "0", "1"]]);
        let q = group_columns(&headers, &headers, &rows, &[]);
        assert_eq!(q[1].text, "Want?");
        let row = strings(&["a@x.org", "1", "0"]);
        assert_eq!(
            q[1].answer(&row),
            RawAnswer::Ticked(vec!["Budgeting".into()])
        );
    }

    #[test]
    fn a_grid_of_ratings_is_not_a_checkbox_question() {
        let headers = strings(&["Rate [Speed]", "Rate [Care]"]);
        let rows = Grid(vec![vec!["Agree", "Disagree"], vec!["Neutral", "Agree"]]);
        let q = group_columns(&headers, &headers, &rows, &[]);
        assert_eq!(q.len(), 2);
    }

    #[test]
    fn typeform_columns_named_after_their_option() {
        let headers = strings(&["Name", "Budgeting", "Leadership", "Notes"]);
        let rows = Grid(vec![
            vec!["Ann", "Budgeting", "", "hi"],
            vec!["Bo", "", "Leadership", ""],
        ]);
        let q = group_columns(&headers, &headers, &rows, &[]);
        assert_eq!(q.len(), 3);
        assert_eq!(q[1].option_labels(), vec!["Budgeting", "Leadership"]);
    }

    #[test]
    fn names_by_category_are_one_question_of_every_name_written() {
        let headers = strings(&[
            "Is there anyone you would prefer to have as a mentor, in any of the above categories? [Faculty]",
            "Is there anyone you would prefer to have as a mentor, in any of the above categories? [Staff]",
            "Rate it [Food]",
            "Rate it [Venue]",
        ]);
        let values = Grid(vec![
            vec!["Ana Ruiz", "Ben Ode", "4", "3"],
            vec!["", "Cy Lee", "5", "2"],
        ]);
        let questions = group_columns(&headers, &headers, &values, &[]);
        assert_eq!(questions.len(), 3, "{questions:?}");
        assert_eq!(
            questions[0].text,
            "Is there anyone you would prefer to have as a mentor, in any of the above categories?"
        );
        let row = strings(&["Ana Ruiz", "Ben Ode", "4", "3"]);
        assert_eq!(
            questions[0].answer(&row),
            RawAnswer::Joined("Ana Ruiz; Ben Ode".into())
        );
        // A grid of ratings stays one question per row of the grid.
        assert_eq!(questions[1].layout, Layout::Column(2));
    }

    #[test]
    fn a_question_repeated_per_branch_is_one_question() {
        let raw = strings(&["Name", "Library?", "Library?"]);
        let headers = strings(&["Name", "Library?", "Library? (2)"]);
        let rows = Grid(vec![vec!["Ann", "Duluth", ""], vec!["Bo", "", "Ely"]]);
        let q = group_columns(&headers, &raw, &rows, &[]);
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].text, "Library?");
        assert_eq!(
            q[1].answer(&strings(&["Bo", "", "Ely"])),
            RawAnswer::Text("Ely")
        );
        // Both filled in most rows: two different questions after all.
        let rows = Grid(vec![vec!["Ann", "A", "B"], vec!["Bo", "C", "D"]]);
        assert_eq!(group_columns(&headers, &raw, &rows, &[]).len(), 3);
    }
}
