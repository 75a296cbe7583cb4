//! From rows to people: rows of the same person grouped (the later
//! application kept, the others stored with it), each person compared with
//! the program (new, changed, the same), and the questions each role answered.

use std::collections::HashMap;

use super::analyse::Analysis;
use super::fields::Field;
use super::identities::SharedEmails;
use super::normalize::{RowApplication, RowResult};
use super::{Attention, ImportReport};
use crate::people::{Application, Person, Role};
use crate::questions::{FoundQuestion, QuestionKind};
use crate::text::capitalize;

/// One person from the file: the application kept and every row it came from.
pub(super) struct Group {
    /// Who they are (see [`SharedEmails::identity`]).
    pub key: String,
    pub kept: usize,
    pub rows: Vec<RowApplication>,
}

impl Group {
    pub fn kept(&self) -> &RowApplication {
        &self.rows[self.kept]
    }

    /// Adds another application of the same person (same `key`); the later
    /// submission is kept. Returns the note the committee sees about it.
    fn merge(&mut self, row_number: i64, row: RowApplication, key: &str) -> Attention {
        let earlier = self.kept().row_number;
        let later_wins = match (
            &row.application.submitted_at,
            &self.kept().application.submitted_at,
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
        let same = if key.contains("|email:") {
            "same email"
        } else {
            "same name"
        };
        self.rows.push(row);
        if later_wins {
            self.kept = self.rows.len() - 1;
        }
        Attention {
            row: row_number,
            reason: format!(
                "Same person as row {earlier} ({same}); the application in row {kept_row} was \
                 kept and row {other_row} is stored with it."
            ),
        }
    }
}

pub(super) enum Outcome {
    Add,
    Update {
        person_id: i64,
        before: Box<Application>,
    },
    Unchanged,
}

/// Counts every row and groups the applications by person, in file order.
/// Also returns the email addresses that do not identify one person, for
/// comparing with the program the same way.
pub(super) fn group_rows(
    rows: Vec<(i64, RowResult)>,
    existing: &[Person],
    report: &mut ImportReport,
) -> (Vec<Group>, SharedEmails) {
    // Whose emails identify nobody is known from every row first; then each
    // row moves once, into its person (a large row is copied only once).
    let applications: Vec<&Application> = rows
        .iter()
        .filter_map(|(_, result)| match result {
            RowResult::Person(row) => Some(&row.application),
            _ => None,
        })
        .chain(existing.iter().map(|p| &p.application))
        .collect();
    let shared = SharedEmails::find(applications.into_iter());
    let mut groups: Vec<Group> = Vec::with_capacity(rows.len());
    let mut index: HashMap<String, usize> = HashMap::with_capacity(rows.len());
    for (row_number, result) in rows {
        report.rows += 1;
        let mut row = match result {
            RowResult::Blank => {
                report.blank += 1;
                continue;
            }
            RowResult::Unusable(reason) => {
                report.not_imported += 1;
                report.attention.push(Attention {
                    row: row_number,
                    reason: format!("Not imported: {reason}."),
                });
                continue;
            }
            RowResult::UnknownRole(answer) => {
                report.not_imported += 1;
                if let Some(roles) = &mut report.roles {
                    roles.unknown += 1;
                }
                report.attention.push(Attention {
                    row: row_number,
                    reason: format!(
                        "Not imported: the answer \"{answer}\" does not say mentor or participant. \
                         Say which role it means on the import screen (\"Who is who\"), \
                         or correct the row and import again."
                    ),
                });
                continue;
            }
            RowResult::Person(row) => *row,
        };
        if let Some(roles) = &mut report.roles {
            match row.role {
                Role::Mentor => roles.mentor += 1,
                Role::Participant => roles.participant += 1,
            }
        }
        if let Some(note) = shared.note(&row.application) {
            row.problems.push(note);
        }
        let key = shared.identity(row.role, &row.application);
        match index.get(&key) {
            Some(&g) => {
                report.merged += 1;
                let note = groups[g].merge(row_number, row, &key);
                report.attention.push(note);
            }
            None => {
                index.insert(key.clone(), groups.len());
                groups.push(Group {
                    key,
                    kept: 0,
                    rows: vec![row],
                });
            }
        }
    }
    (groups, shared)
}

/// The problems found in each kept application, then every note in row order.
pub(super) fn note_problems(groups: &[Group], report: &mut ImportReport) {
    for g in groups {
        for problem in &g.kept().problems {
            report.attention.push(Attention {
                row: g.kept().row_number,
                reason: capitalize(problem) + ".",
            });
        }
    }
    report.attention.sort_by_key(|a| a.row);
}

/// Whether each person is new, changed or the same as in the program.
pub(super) fn compare_with_program(
    existing: Vec<Person>,
    groups: &[Group],
    shared: &SharedEmails,
) -> Vec<Outcome> {
    let existing: HashMap<String, (i64, Application)> = existing
        .into_iter()
        .map(|p| {
            (
                shared.identity(p.role, &p.application),
                (p.id, p.application),
            )
        })
        .collect();
    groups
        .iter()
        .map(|g| match existing.get(&g.key) {
            None => Outcome::Add,
            Some((_, before)) if same_answers(before, &g.kept().application) => Outcome::Unchanged,
            Some((id, before)) => Outcome::Update {
                person_id: *id,
                before: Box::new(before.clone()),
            },
        })
        .collect()
}

/// The questions of the form, for each role that answered them, with their
/// kind and options (the program's question list keeps them).
pub(super) fn found_questions(analysis: &Analysis, groups: &[Group]) -> Vec<FoundQuestion> {
    let roles: Vec<Role> = [Role::Mentor, Role::Participant]
        .into_iter()
        .filter(|r| groups.iter().any(|g| g.kept().role == *r))
        .collect();
    let one_role = roles.len() == 1;
    let mut found = Vec::new();
    for &role in &roles {
        for q in &analysis.questions {
            let field = (q.field != Field::Keep).then(|| q.field.key());
            // A one-role form keeps every question (but not a role column);
            // a shared one, each role's own.
            let asked = if one_role {
                q.field != Field::Role
            } else {
                q.kind == QuestionKind::Contact
                    || groups.iter().any(|g| {
                        g.kept().role == role
                            && g.kept().application.answer(&q.form.text, field).is_some()
                    })
            };
            if !asked {
                continue;
            }
            found.push(FoundQuestion {
                role,
                text: q.form.text.clone(),
                kind: q.kind,
                field: (q.field != Field::Keep).then(|| q.field.key()),
                columns: q
                    .form
                    .columns()
                    .iter()
                    .map(|c| analysis.headers[*c].clone())
                    .collect(),
                options: q.options.clone(),
            });
        }
    }
    found
}

fn is_iso(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[7] == b'-'
}

fn same_answers(a: &Application, b: &Application) -> bool {
    serde_json::to_value(a).ok() == serde_json::to_value(b).ok()
}
