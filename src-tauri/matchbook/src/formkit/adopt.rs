//! Adopting the kit: the application forms' questions saved as the
//! program's, each column's meaning remembered, the kit's criteria added;
//! and every form written into a folder.

use rusqlite::params;
use serde::Serialize;

use super::{form_kit, form_pdf, included, question_list, FormKind, Kit};
use crate::error::{Error, Result};
use crate::import::Field;
use crate::programs::get_program;
use crate::questions::FoundQuestion;
use crate::store::Store;

/// What adopting the kit saved.
#[derive(Debug, Clone, Serialize)]
pub struct Adopted {
    pub questions: usize,
    pub remembered_forms: usize,
    pub criteria: Vec<String>,
}

/// Saves the application forms' ticked questions as the program's
/// questions, remembers each column's meaning for files whose headers are
/// exactly the form's questions (alone, or after Google Forms' Timestamp and
/// Email Address), and adds the criteria the kit is built for. One transaction.
pub fn adopt_kit(store: &mut Store, program_id: i64, kit: &Kit) -> Result<Adopted> {
    let mut found = Vec::new();
    let mut mappings: Vec<(Vec<String>, std::collections::HashMap<String, Field>)> = Vec::new();
    for form in &kit.forms {
        let Some(role) = form.form.role() else {
            continue;
        };
        let mut mapping = std::collections::HashMap::new();
        let mut headers = Vec::new();
        for question in included(form) {
            let field = question.field.unwrap_or(Field::Keep);
            mapping.insert(question.text.clone(), field);
            headers.push(question.text.clone());
            found.push(FoundQuestion {
                role,
                text: question.text.clone(),
                kind: question.kind,
                field: (field != Field::Keep).then(|| field.key()),
                columns: vec![question.text.clone()],
                options: question.options.clone(),
            });
        }
        mappings.push((headers, mapping));
    }
    let now = crate::time::now_timestamp();
    let remembered_forms = mappings.len();
    store.write(|tx| {
        crate::questions::save_found(tx, program_id, None, &found)?;
        for (headers, mapping) in &mappings {
            let mut with_google = mapping.clone();
            with_google.insert("Timestamp".into(), Field::SubmittedAt);
            with_google.insert("Email Address".into(), Field::Email);
            // Collecting emails in Google Forms puts its own "Email Address"
            // column in place of the form's email question.
            let without_email: Vec<String> = headers
                .iter()
                .filter(|h| mapping.get(*h) != Some(&Field::Email))
                .cloned()
                .collect();
            let variants: [(Vec<String>, &std::collections::HashMap<String, Field>); 3] = [
                (headers.clone(), mapping),
                ([vec!["Timestamp".to_string()], headers.clone()].concat(), &with_google),
                ([vec!["Timestamp".to_string(), "Email Address".to_string()], without_email].concat(), &with_google),
            ];
            for (headers, mapping) in variants {
                let json = serde_json::to_string(mapping).map_err(|e| Error::Invalid(e.to_string()))?;
                tx.execute(
                    "INSERT INTO header_mappings (header_signature, mapping_json, updated_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT(header_signature) DO UPDATE SET mapping_json = excluded.mapping_json, updated_at = excluded.updated_at",
                    params![crate::import::header_signature(&headers), json, now],
                )?;
            }
        }
        Ok(())
    })?;
    // The criterion the kit adds: shared values, when both forms ask them.
    let mut criteria = Vec::new();
    let values = |kind: FormKind| {
        kit.forms
            .iter()
            .find(|f| f.form == kind)
            .and_then(|f| included(f).find(|q| q.id == "values"))
            .map(|q| q.text.clone())
    };
    if let (Some(p), Some(m)) = (values(FormKind::Participant), values(FormKind::Mentor)) {
        let exists = crate::matching::list_criteria(store, program_id)?
            .iter()
            .any(|c| c.label == "Shared values");
        if !exists {
            crate::matching::add_criterion(
                store,
                program_id,
                &crate::matching::NewCriterion {
                    participant_question: p,
                    mentor_question: m,
                    compare: "shared".into(),
                    // Less than the areas (40 by default): values refine a match, areas make it.
                    weight: Some(20),
                    must: false,
                    label: Some("Shared values".into()),
                    ..crate::matching::NewCriterion::default()
                },
            )?;
        }
        criteria.push("Shared values".to_string());
    }
    Ok(Adopted {
        questions: found.len(),
        remembered_forms,
        criteria,
    })
}

/// What `forms kit --out DIR` wrote.
#[derive(Debug, Clone, Serialize)]
pub struct KitWritten {
    pub folder: String,
    pub files: Vec<String>,
    pub adopted: Adopted,
}

/// Every form as PDF and question list into `folder`, and the kit adopted.
pub fn write_kit(
    store: &mut Store,
    program_id: i64,
    folder: &std::path::Path,
) -> Result<KitWritten> {
    let program = get_program(store, program_id)?;
    let kit = form_kit(store, program_id)?;
    std::fs::create_dir_all(folder).map_err(|e| Error::FileAccess {
        path: folder.to_path_buf(),
        detail: e.to_string(),
    })?;
    let mut files = Vec::new();
    for form in &kit.forms {
        let pdf = format!("{}.pdf", form.title);
        crate::output::write_atomically(&folder.join(&pdf), &form_pdf(&program, form)?)?;
        let list = format!("{} - questions.txt", form.title);
        crate::output::write_atomically(&folder.join(&list), question_list(form).as_bytes())?;
        files.push(pdf);
        files.push(list);
    }
    let adopted = adopt_kit(store, program_id, &kit)?;
    Ok(KitWritten {
        folder: folder.display().to_string(),
        files,
        adopted,
    })
}
