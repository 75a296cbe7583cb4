//! The form kit: the recommended mentor and participant applications, the
//! participants' mentor choices (after reading the mentor booklet), the
//! quarterly check-in and the end-of-program evaluation, filled from the
//! program's details, each question with the reason it is asked. The
//! committee ticks the questions it wants and edits their wording and
//! options; then it gets a printable PDF per form, a question list to paste
//! into Google Forms or Microsoft Forms, and the same questions saved as the
//! program's questions, remembered column choices and criteria, so the
//! responses import with every column mapped and matching is ready.

mod adopt;
mod choices;
#[cfg(test)]
mod tests;

pub use adopt::{adopt_kit, write_kit, Adopted, KitWritten};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::import::Field;
use crate::people::Role;
use crate::programs::{get_program, Program};
use crate::questions::QuestionKind;
use crate::store::Store;

const SETTINGS_KEY: &str = "form_kit";

/// The five forms of a program's year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormKind {
    #[serde(rename = "mentor")]
    Mentor,
    #[serde(rename = "participant")]
    Participant,
    #[serde(rename = "choices")]
    Choices,
    #[serde(rename = "check-in")]
    CheckIn,
    #[serde(rename = "evaluation")]
    Evaluation,
}

impl FormKind {
    pub const ALL: [FormKind; 5] = [
        FormKind::Mentor,
        FormKind::Participant,
        FormKind::Choices,
        FormKind::CheckIn,
        FormKind::Evaluation,
    ];

    pub fn key(self) -> &'static str {
        match self {
            FormKind::Mentor => "mentor",
            FormKind::Participant => "participant",
            FormKind::Choices => "choices",
            FormKind::CheckIn => "check-in",
            FormKind::Evaluation => "evaluation",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            FormKind::Mentor => "Mentor application",
            FormKind::Participant => "Participant application",
            FormKind::Choices => "Mentor choices",
            FormKind::CheckIn => "Quarterly check-in",
            FormKind::Evaluation => "End-of-program evaluation",
        }
    }

    fn role(self) -> Option<Role> {
        match self {
            FormKind::Mentor => Some(Role::Mentor),
            FormKind::Participant => Some(Role::Participant),
            _ => None,
        }
    }
}

/// One question of a kit form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KitQuestion {
    /// Stable name of the question in the kit (edits are kept by it).
    pub id: String,
    pub text: String,
    pub kind: QuestionKind,
    pub options: Vec<String>,
    /// Why the form asks it, for the committee.
    pub why: String,
    pub included: bool,
    /// The Matchbook field an application's answer feeds (applications only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<Field>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KitForm {
    pub form: FormKind,
    pub title: String,
    pub intro: String,
    pub questions: Vec<KitQuestion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kit {
    pub forms: Vec<KitForm>,
}

const AREAS: [&str; 12] = [
    "Leadership",
    "Staff supervision",
    "Budgeting & finance",
    "Grant writing",
    "Advocacy",
    "Marketing & outreach",
    "Community partnerships",
    "Technology planning",
    "Change management",
    "Diversity, equity & inclusion",
    "Board relations",
    "Work-life balance",
];
const LIBRARY_TYPES: [&str; 6] = [
    "Public",
    "Academic",
    "School",
    "Special",
    "Tribal",
    "Government",
];
const REGIONS: [&str; 6] = [
    "Northeast",
    "Northwest",
    "Central",
    "Metro",
    "Southeast",
    "Southwest",
];
const MODES: [&str; 3] = ["In person", "Video call", "Phone"];
const VALUES: [&str; 8] = [
    "Service to the community",
    "Equity and access",
    "Innovation",
    "Collaboration",
    "Lifelong learning",
    "Intellectual freedom",
    "Work-life balance",
    "Mentoring and developing others",
];
const AGREEMENT: [&str; 5] = [
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
];
/// The benefits the program promises, as statements asked at application
/// (a baseline) and in the evaluation, worded to read well at both times.
pub const BENEFIT_STATEMENTS: [&str; 5] = [
    "I have connections with colleagues beyond my own library",
    "I have a wide professional network",
    "I have the skills and confidence to lead",
    "I am making progress on my career goals",
    "I know of opportunities to grow in my career",
];
const MENTOR_STATEMENTS: [&str; 2] = [
    "Mentors only: mentoring has helped my own professional growth",
    "Mentors only: I am satisfied with my experience as a mentor",
];
/// Google Forms writes agreement statements as one grid question.
const GRID: &str = "How much do you agree with each statement?";

fn q(
    id: &str,
    text: String,
    kind: QuestionKind,
    options: &[&str],
    why: &str,
    field: Option<Field>,
) -> KitQuestion {
    KitQuestion {
        id: id.into(),
        text,
        kind,
        options: options.iter().map(|o| o.to_string()).collect(),
        why: why.into(),
        included: true,
        field,
    }
}

/// The recommended kit, filled from the program's details.
pub fn default_kit(program: &Program) -> Kit {
    use QuestionKind as K;
    let months = program.relationship_months;
    let cadence = if program.cadence_months == 3 {
        "every quarter".to_string()
    } else {
        format!("every {} months", program.cadence_months)
    };
    let kickoff = {
        let mut parts = Vec::new();
        if !program.kickoff_event.is_empty() {
            parts.push(program.kickoff_event.clone());
        }
        if !program.kickoff_place.is_empty() {
            parts.push(program.kickoff_place.clone());
        }
        if let Some(d) = program.kickoff_date {
            parts.push(crate::time::long_date(d));
        }
        if parts.is_empty() {
            "the kickoff".to_string()
        } else {
            format!("the kickoff ({})", parts.join(", "))
        }
    };
    let common = |role: Role| -> Vec<KitQuestion> {
        let mentor = role == Role::Mentor;
        let mut list = vec![
            q("email", "Email address".into(), K::Contact, &[], "How Matchbook tells applicants apart, joins their check-ins, and writes to them.", Some(Field::Email)),
            q("name", "Full name".into(), K::Contact, &[], "Printed on the match letters.", Some(Field::Name)),
            q("preferred_name", "What name would you like us to use?".into(), K::Contact, &[], "Letters greet people by it.", Some(Field::PreferredName)),
            q("library", "Library or organization".into(), K::Text, &[], "Lets Matchbook avoid pairing people from the same library.", Some(Field::Library)),
            q("position", "Position title".into(), K::Text, &[], "Helps the committee judge the fit; shown beside each pair.", Some(Field::Position)),
            q("library_type", "Type of library (check all that apply)".into(), K::Multi, &LIBRARY_TYPES, "Pairs from the same type of library score higher.", Some(Field::LibraryTypes)),
            q("region", "Region".into(), K::Single, &REGIONS, "Nearby pairs can meet in person; Matchbook scores it.", Some(Field::Region)),
            q("years", "Years working in libraries".into(), K::Number, &[], "Mentors should have more experience than their mentees.", Some(Field::YearsExperience)),
            q(
                "areas",
                if mentor { "Areas where you could offer guidance (check all that apply)".into() } else { "Areas where you would like guidance (check all that apply)".into() },
                K::Multi,
                &AREAS,
                "The heart of the match: shared areas score the most. Keep the same options on both forms.",
                Some(Field::Areas),
            ),
            q("modes", "How would you prefer to meet? (check all that apply)".into(), K::Multi, &MODES, "Pairs who can meet the same way score higher.", Some(Field::MeetingModes)),
            q(
                "values",
                "Which of these matter most to you in your work? (check up to three)".into(),
                K::Multi,
                &VALUES,
                "Used to pair people who care about the same things (research on mentoring finds shared values predict good relationships); added to the matching criteria.",
                Some(Field::Keep),
            ),
        ];
        if mentor {
            list.push(q(
                "capacity",
                "How many mentees could you take on?".into(),
                K::Single,
                &["1", "2", "3"],
                "Matchbook never gives a mentor more mentees than this.",
                Some(Field::Capacity),
            ));
        } else {
            list.push(q(
                "requested",
                "Is there a mentor you would like to be paired with?".into(),
                K::Names,
                &[],
                "Participants who have a say in their match do better in it; Matchbook favours the mentor they name.",
                Some(Field::RequestedMentor),
            ));
            list.push(q(
                "goals",
                format!("What do you hope to achieve in the {months} months of the program?"),
                K::Text,
                &[],
                "Printed on the letters; the start of the pair's goals.",
                Some(Field::Goals),
            ));
        }
        list.push(q(
            "avoid",
            "Is there anyone you should not be paired with? (names)".into(),
            K::Names,
            &[],
            "A conflict of interest: Matchbook never pairs them.",
            Some(Field::Avoid),
        ));
        list.push(q(
            "kickoff",
            format!("Will you attend {kickoff}?"),
            K::Single,
            &["Yes", "No", "Not sure yet"],
            "Tells the committee who meets there.",
            Some(Field::KickoffAttendance),
        ));
        if !mentor {
            for (i, s) in BENEFIT_STATEMENTS.iter().enumerate() {
                let mut question = q(
                    &format!("baseline_{i}"),
                    format!("{GRID} [{s}]"),
                    K::Scale,
                    &AGREEMENT,
                    "Asked again in the evaluation: the before and after of the program's promise.",
                    Some(Field::Keep),
                );
                question.included = true;
                list.push(question);
            }
        }
        list.push(q(
            "comments",
            "Anything else the committee should know?".into(),
            K::Text,
            &[],
            "Read by the committee; kept with the application.",
            Some(Field::Comments),
        ));
        list
    };
    let check_in = vec![
        q("email", "Email address".into(), K::Contact, &[], "Joins the answer to the pair.", None),
        q("mentee", "Mentors: which mentee is this about?".into(), K::Text, &[], "Mentors of several mentees answer once per mentee.", None),
        q("met", "Have you met since the last check-in?".into(), K::YesNo, &["Yes", "No"], "Two periods without meeting puts a pair on the at-risk list.", None),
        q("meetings", "How many times did you meet?".into(), K::Number, &[], "Counted as the pair's meetings, without logging them one by one.", None),
        q("modes", "How did you meet? (check all that apply)".into(), K::Multi, &MODES, "For the report.", None),
        q("topics", "What topics did you discuss?".into(), K::Text, &[], "Shown on the pair's page.", None),
        q("satisfaction", "How satisfied are you with the mentoring relationship? (1 = very dissatisfied, 5 = very satisfied)".into(), K::Scale, &["1", "2", "3", "4", "5"], "2 or less puts the pair on the at-risk list.", None),
        q("progress", "Progress on your goals".into(), K::Text, &[], "Becomes a dated note on the pair's page.", None),
        q("note", "Anything the committee should know?".into(), K::Text, &[], "A note asking for help puts the pair on the at-risk list.", None),
    ];
    let mut evaluation = vec![
        q(
            "email",
            "Email address".into(),
            K::Contact,
            &[],
            "Joins the answer to the person.",
            None,
        ),
        q(
            "satisfaction",
            "Overall, how satisfied were you with the program?".into(),
            K::Scale,
            &[
                "Very dissatisfied",
                "Dissatisfied",
                "Neutral",
                "Satisfied",
                "Very satisfied",
            ],
            "The outcomes report's mean satisfaction.",
            None,
        ),
        q(
            "recommend",
            "How likely are you to recommend the program to a colleague? (0-10)".into(),
            K::Scale,
            &["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"],
            "The Net Promoter Score.",
            None,
        ),
    ];
    for (i, s) in BENEFIT_STATEMENTS
        .iter()
        .chain(MENTOR_STATEMENTS.iter())
        .enumerate()
    {
        evaluation.push(q(
            &format!("statement_{i}"),
            format!("{GRID} [{s}]"),
            K::Scale,
            &AGREEMENT,
            "The program's promised benefits, beside the application's answers.",
            None,
        ));
    }
    evaluation.push(q(
        "goals_reached",
        "Did you reach the goals you set?".into(),
        K::Single,
        &["Yes", "Partly", "No"],
        "Goals reached, as the participants see it.",
        None,
    ));
    evaluation.push(q(
        "comments",
        "Any other comments?".into(),
        K::Text,
        &[],
        "Quoted in the outcomes report.",
        None,
    ));
    let intro = |what: &str| format!("{} · {what}", program.name);
    Kit {
        forms: vec![
            KitForm {
                form: FormKind::Mentor,
                title: FormKind::Mentor.title().into(),
                intro: intro(&format!("Mentors meet their mentee at least {cadence} for {months} months, starting at {kickoff}.")),
                questions: common(Role::Mentor),
            },
            KitForm {
                form: FormKind::Participant,
                title: FormKind::Participant.title().into(),
                intro: intro(&format!("Participants meet their mentor at least {cadence} for {months} months, starting at {kickoff}.")),
                questions: common(Role::Participant),
            },
            choices::choices_form(program),
            KitForm {
                form: FormKind::CheckIn,
                title: FormKind::CheckIn.title().into(),
                intro: intro("Two minutes, once a period: how is your mentoring going?"),
                questions: check_in,
            },
            KitForm {
                form: FormKind::Evaluation,
                title: FormKind::Evaluation.title().into(),
                intro: intro("As the program closes, tell us how it went; it shapes the next cohort."),
                questions: evaluation,
            },
        ],
    }
}

/// The program's kit: the recommended one, with the committee's saved
/// choices (ticks, wording, options) over it question by question.
pub fn form_kit(store: &Store, program_id: i64) -> Result<Kit> {
    let program = get_program(store, program_id)?;
    let mut kit = default_kit(&program);
    let saved: Option<Kit> = crate::programs::setting(store, program_id, SETTINGS_KEY)?
        .and_then(|json| serde_json::from_str(&json).ok());
    if let Some(saved) = saved {
        for form in &mut kit.forms {
            let Some(edited) = saved.forms.iter().find(|f| f.form == form.form) else {
                continue;
            };
            for question in &mut form.questions {
                if let Some(e) = edited.questions.iter().find(|e| e.id == question.id) {
                    question.text = e.text.clone();
                    question.options = e.options.clone();
                    question.included = e.included;
                }
            }
        }
    }
    Ok(kit)
}

/// Saves the committee's choices, refusing an empty wording or a choice
/// question without options.
pub fn save_form_kit(store: &mut Store, program_id: i64, kit: &Kit) -> Result<Kit> {
    let mut cleaned = kit.clone();
    for form in &mut cleaned.forms {
        for question in &mut form.questions {
            question.text = question.text.trim().to_string();
            question.options = question
                .options
                .iter()
                .map(|o| o.trim().to_string())
                .filter(|o| !o.is_empty())
                .collect();
            if question.text.is_empty() {
                return Err(Error::Invalid(format!(
                    "A question of the {} has no wording; write it, or untick the question.",
                    form.title.to_lowercase()
                )));
            }
            if question.included && question.kind.has_options() && question.options.is_empty() {
                return Err(Error::Invalid(format!(
                    "\"{}\" needs at least one option to choose from.",
                    question.text
                )));
            }
        }
    }
    crate::programs::set_setting(store, program_id, SETTINGS_KEY, &cleaned)?;
    form_kit(store, program_id)
}

/// The ticked questions of a form.
pub fn included(form: &KitForm) -> impl Iterator<Item = &KitQuestion> {
    form.questions.iter().filter(|q| q.included)
}

/// The form as text to paste into Google Forms or Microsoft Forms: each
/// question with its kind, and its options one per line.
pub fn question_list(form: &KitForm) -> String {
    let mut out = format!("{}\n{}\n\n", form.title, form.intro);
    for (n, question) in included(form).enumerate() {
        out.push_str(&format!(
            "{}. {}\n   ({})\n",
            n + 1,
            question.text,
            question.kind.label()
        ));
        for option in &question.options {
            out.push_str(&format!("   {option}\n"));
        }
        out.push('\n');
    }
    out
}

/// The form as a printable PDF, for people who apply on paper.
pub fn form_pdf(program: &Program, form: &KitForm) -> Result<Vec<u8>> {
    let questions: Vec<serde_json::Value> = included(form)
        .map(|q| {
            // Room to write: a few lines for answers in sentences, one otherwise.
            let long = matches!(
                q.id.as_str(),
                "goals" | "comments" | "topics" | "progress" | "note"
            );
            serde_json::json!({
                "text": q.text,
                "kind": q.kind.key(),
                "options": q.options,
                "lines": if long { 3 } else { 1 },
            })
        })
        .collect();
    // Where a paper form goes back: the committee's contact, when known.
    let contact = [program.contact_name.trim(), program.contact_email.trim()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let committee = if program.organization.trim().is_empty() {
        format!("the {} mentorship committee", program.name)
    } else {
        format!("the {} mentorship committee", program.organization.trim())
    };
    let return_to = if contact.is_empty() {
        format!("Please return this form to {committee}.")
    } else {
        format!("Please return this form to {committee}: {contact}.")
    };
    let data = serde_json::json!({
        "program": program.name,
        "organization": program.organization,
        "title": form.title,
        "intro": form.intro,
        "questions": questions,
        "return_to": return_to,
    });
    crate::typeset::pdf(&crate::typeset::layout_form(&data)?)
}
