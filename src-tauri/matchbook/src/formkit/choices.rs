//! The "Mentor choices" form: after reading the mentor booklet, each
//! participant names the three mentors they would most like to work with,
//! in order, by name or by the booklet's number.

use super::{q, FormKind, KitForm};
use crate::programs::Program;
use crate::questions::QuestionKind;

/// The choice form, filled from the program.
pub(super) fn choices_form(program: &Program) -> KitForm {
    use QuestionKind as K;
    let choice = |id: &str, rank: &str, why: &str| {
        q(
            id,
            format!("{rank} choice: a mentor's name, or their number in the mentor booklet"),
            K::Names,
            &[],
            why,
            None,
        )
    };
    KitForm {
        form: FormKind::Choices,
        title: FormKind::Choices.title().into(),
        intro: format!(
            "{} · Read the mentor booklet, then name the three mentors you would most like to work with, in order: by name, or by their number in the list at the end of the booklet. The committee weighs your choices with everything else it knows, so it cannot promise your first choice.",
            program.name
        ),
        questions: vec![
            q(
                "email",
                "Email address".into(),
                K::Contact,
                &[],
                "Joins the choices to the participant's application: use the same address.",
                None,
            ),
            q(
                "name",
                "Full name".into(),
                K::Contact,
                &[],
                "Finds the participant when the email differs from the application's.",
                None,
            ),
            choice(
                "first",
                "First",
                "The choice that counts most when matching. Participants write a name, or the number beside it in the booklet.",
            ),
            choice(
                "second",
                "Second",
                "Counts less than the first choice, more than the third.",
            ),
            choice(
                "third",
                "Third",
                "Counts less than the second; any choice counts more than a mentor not chosen.",
            ),
        ],
    }
}
