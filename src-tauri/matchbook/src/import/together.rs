//! Several application spreadsheets imported in one step, as a committee
//! drops its mentors' and participants' forms together: each file's role is
//! the one chosen, else recognised (from its name, its questions, or a
//! column that says who is who); every file is checked before any is
//! written, and if a later one cannot be written the earlier ones of the
//! step are undone, so a failed step leaves the program as it was.

use super::{
    import_workbook, preview_workbook, undo_import, ImportAs, ImportOptions, ImportReport,
    SurveyKind, Workbook,
};
use crate::error::{Error, Result};
use crate::store::Store;

/// One spreadsheet of a step.
#[derive(Debug, Clone)]
pub struct FileToImport {
    pub workbook: Workbook,
    /// Where it was read from, for the import history.
    pub path: String,
    /// None: recognised by [`recognise_role`].
    pub role: Option<ImportAs>,
    pub options: ImportOptions,
}

/// Whose applications a file holds, recognised from its name, its questions
/// or a role column; an error names the file and what to do when it cannot
/// be told, or when the file holds the pairs' answers or ranked choices.
pub fn recognise_role(
    store: &Store,
    workbook: &Workbook,
    options: &ImportOptions,
) -> Result<ImportAs> {
    let preview = preview_workbook(store, workbook.clone(), None, options)?;
    let name = &preview.file_name;
    if let Some(kind) = preview.survey_guess {
        let (what, flag) = match kind {
            SurveyKind::CheckIns => ("check-in responses", "check-ins"),
            SurveyKind::Evaluations => ("evaluations", "evaluations"),
        };
        return Err(Error::Invalid(format!(
            "{name} looks like {what}, not applications. Import it on its own with --as {flag}."
        )));
    }
    if preview.choices_guess {
        return Err(Error::Invalid(format!(
            "{name} looks like ranked choices, not applications. Import it on its own with \
             --as choices."
        )));
    }
    preview.role_guess.ok_or_else(|| {
        Error::Invalid(format!(
            "Matchbook could not tell whether {name} holds mentors' or participants' \
             applications: neither its name nor its questions say. Say which with --as mentors \
             or --as participants (one file at a time), or --as both when a column says who is \
             who."
        ))
    })
}

/// Imports every file into the program, in order, as one step; with
/// `dry_run`, only reports what each would do. Returns one report per file.
pub fn import_workbooks(
    store: &mut Store,
    program_id: i64,
    files: Vec<FileToImport>,
    dry_run: bool,
) -> Result<Vec<ImportReport>> {
    let mut planned = Vec::with_capacity(files.len());
    for file in files {
        let role = match file.role {
            Some(role) => role,
            None => recognise_role(store, &file.workbook, &file.options)?,
        };
        planned.push((role, file));
    }
    // Every refusal (no rows, no names, no role column) comes before anything is written.
    if dry_run || planned.len() > 1 {
        let mut checked = Vec::with_capacity(planned.len());
        for (role, file) in &planned {
            let workbook = file.workbook.clone();
            checked.push(import_workbook(
                store,
                program_id,
                *role,
                workbook,
                &file.path,
                &file.options,
                true,
            )?);
        }
        if dry_run {
            return Ok(checked);
        }
    }
    let mut done: Vec<ImportReport> = Vec::with_capacity(planned.len());
    for (role, file) in planned {
        match import_workbook(
            store,
            program_id,
            role,
            file.workbook,
            &file.path,
            &file.options,
            false,
        ) {
            Ok(report) => done.push(report),
            Err(error) => {
                for id in done.iter().rev().filter_map(|r| r.import_id) {
                    undo_import(store, id)?;
                }
                return Err(error);
            }
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read_bytes;
    use crate::people::{list_people, Role};
    use crate::test_support::{new_store, program_named};

    fn csv(name: &str, text: &str) -> Workbook {
        read_bytes(name, text.as_bytes()).expect("csv")
    }

    fn mentors() -> Workbook {
        csv(
            "Institute 2026 - mentors.csv",
            "Email,Name,Library\nann@example.org,Ann Lee,Duluth\nbo@example.org,Bo Chen,Ely\n",
        )
    }

    fn participants() -> Workbook {
        csv(
            "Institute 2026 - participants.csv",
            "Email,Name,Library\ncy@example.org,Cy Diaz,Hibbing\n",
        )
    }

    fn file(workbook: Workbook) -> FileToImport {
        FileToImport {
            path: workbook.file_name.clone(),
            workbook,
            role: None,
            options: ImportOptions::default(),
        }
    }

    #[test]
    fn two_files_are_recognised_and_imported_in_one_step() {
        let (_dir, mut store, program) = program_named("Institute 2026");
        let files = vec![file(participants()), file(mentors())];
        let reports = import_workbooks(&mut store, program, files, false).expect("import");
        assert_eq!(reports.len(), 2);
        assert_eq!(reports[0].role, ImportAs::from(Role::Participant));
        assert_eq!(reports[1].role, ImportAs::from(Role::Mentor));
        let people = list_people(&store, program, None).expect("people");
        let count = |role| people.iter().filter(|p| p.role == role).count();
        assert_eq!((count(Role::Mentor), count(Role::Participant)), (2, 1));
    }

    #[test]
    fn a_refused_second_file_leaves_the_first_unimported() {
        let (_dir, mut store, program) = program_named("Institute 2026");
        let empty = csv("participants.csv", "Email,Name,Library\n");
        let files = vec![file(mentors()), file(empty)];
        let error = import_workbooks(&mut store, program, files, false).expect_err("refused");
        assert!(error.to_string().contains("participants.csv"), "{error}");
        assert!(list_people(&store, program, None)
            .expect("people")
            .is_empty());
        assert!(super::super::list_imports(&store, Some(program))
            .expect("imports")
            .is_empty());
    }

    #[test]
    fn a_file_whose_role_cannot_be_told_is_named_with_what_to_do() {
        let (_dir, store) = new_store();
        let unknown = csv("export.csv", "Email,Name\nann@example.org,Ann Lee\n");
        let error =
            recognise_role(&store, &unknown, &ImportOptions::default()).expect_err("unknown");
        let message = error.to_string();
        assert!(
            message.contains("export.csv") && message.contains("--as mentors"),
            "{message}"
        );
    }
}
