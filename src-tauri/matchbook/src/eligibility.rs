//! Who may be matched: the eligibility rules a committee sets per program
//! (a mentor's minimum years in a professional position; a past participant
//! waiting some programs before mentoring) and the committee's overrides,
//! each with its reason; and consent, where a form asks for it ("I agree
//! that…"): no, or no answer, keeps a person out until the committee records
//! the day they gave it. Matching leaves out whoever this says is not
//! eligible; the committee sees why on Applications and on Matching.

use std::collections::BTreeMap;

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::programs::{get_program, set_setting, setting};
use crate::store::Store;
use crate::time::now_timestamp;

const SETTINGS_KEY: &str = "eligibility";

/// A program's eligibility rules; `None` is no rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Rules {
    /// Years a mentor must have worked in a professional position.
    pub mentor_min_years: Option<f64>,
    /// Programs a past participant waits before volunteering as a mentor.
    pub past_participants_wait: Option<u32>,
}

/// One person the rules leave out (or would, but for the committee's override).
#[derive(Debug, Clone, Serialize)]
pub struct NotEligible {
    pub person_id: i64,
    pub name: String,
    pub role: String,
    /// "Not eligible: …".
    pub reason: String,
    /// The committee's reason for matching them anyway ("" when none).
    pub overridden: String,
}

/// A program's rules (none set: no rule).
pub fn rules(store: &Store, program_id: i64) -> Result<Rules> {
    get_program(store, program_id)?;
    Ok(setting(store, program_id, SETTINGS_KEY)?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

/// Saves a program's rules; a minimum must be a number of years from 0 to 60,
/// a wait from 0 to 10 programs (0 removes the rule).
pub fn set_rules(store: &mut Store, program_id: i64, rules: Rules) -> Result<Rules> {
    get_program(store, program_id)?;
    if let Some(years) = rules.mentor_min_years {
        if !(0.0..=60.0).contains(&years) {
            return Err(Error::Invalid(format!(
                "{years} years is not a minimum a mentor can meet. Give a number of years from 0 to 60 (0 removes the rule)."
            )));
        }
    }
    if rules.past_participants_wait.is_some_and(|n| n > 10) {
        return Err(Error::Invalid(
            "Past participants can be asked to wait from 0 to 10 programs (0 removes the rule)."
                .into(),
        ));
    }
    let rules = Rules {
        mentor_min_years: rules.mentor_min_years.filter(|&y| y > 0.0),
        past_participants_wait: rules.past_participants_wait.filter(|&n| n > 0),
    };
    set_setting(store, program_id, SETTINGS_KEY, &rules)?;
    Ok(rules)
}

/// Everyone in the program the rules leave out, overridden or not, by name.
pub fn not_eligible(store: &Store, program_id: i64) -> Result<Vec<NotEligible>> {
    let rules = rules(store, program_id)?;
    let mut found: BTreeMap<i64, NotEligible> = BTreeMap::new();
    let conn = store.conn();
    let mut add = |row: (i64, String, String, String), reason: String| {
        let (person_id, name, role, overridden) = row;
        found.entry(person_id).or_insert(NotEligible {
            person_id,
            name,
            role,
            reason,
            overridden,
        });
    };
    if let Some(min) = rules.mentor_min_years {
        let mut stmt = conn.prepare(
            "SELECT id, name, role, eligibility_override, years_experience FROM people
             WHERE program_id = ?1 AND role = 'mentor' AND erased_at IS NULL
               AND (years_experience IS NULL OR years_experience < ?2)",
        )?;
        let rows = stmt.query_map(params![program_id, min], |r| {
            Ok((
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?),
                r.get::<_, Option<f64>>(4)?,
            ))
        })?;
        for row in rows {
            let (person, years) = row?;
            let min = format_years(min);
            add(
                person,
                match years {
                    Some(y) => format!(
                        "Not eligible: {} in a professional position; this program asks mentors for at least {min}",
                        format_years(y)
                    ),
                    None => format!(
                        "Not eligible: their years in a professional position are not known; this program asks mentors for at least {min}"
                    ),
                },
            );
        }
    }
    if let Some(wait) = rules.past_participants_wait {
        // Programs in the order they ran (kickoff, else when they were made).
        let mut stmt = conn.prepare(
            "WITH ordered AS (
                 SELECT id, name, row_number() OVER (
                     ORDER BY coalesce(kickoff_date, substr(created_at, 1, 10)), id) AS n
                 FROM programs)
             SELECT me.id, me.name, me.role, me.eligibility_override, op.name, max(op.n)
             FROM people me
             JOIN ordered tp ON tp.id = me.program_id
             JOIN people was ON was.email = me.email AND was.role = 'participant'
                  AND was.program_id <> me.program_id
             JOIN ordered op ON op.id = was.program_id
             WHERE me.program_id = ?1 AND me.role = 'mentor' AND me.erased_at IS NULL
               AND trim(coalesce(me.email, '')) <> '' AND op.n < tp.n AND tp.n - op.n <= ?2
             GROUP BY me.id",
        )?;
        let rows = stmt.query_map(params![program_id, wait], |r| {
            Ok((
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?),
                r.get::<_, String>(4)?,
            ))
        })?;
        for row in rows {
            let (person, program) = row?;
            add(
                person,
                format!(
                    "Not eligible: a participant in {program}; past participants wait {} before mentoring",
                    match wait {
                        1 => "one program".to_string(),
                        n => format!("{n} programs"),
                    }
                ),
            );
        }
    }
    let mut list: Vec<NotEligible> = found.into_values().collect();
    list.sort_by_key(|n| n.name.to_lowercase());
    Ok(list)
}

fn format_years(years: f64) -> String {
    if years == 1.0 {
        "1 year".to_string()
    } else if years.fract() == 0.0 {
        format!("{years:.0} years")
    } else {
        format!("{years} years")
    }
}

/// Lets a person the rules leave out be matched, for `reason` (or, with
/// `None`, takes that back). The reason is kept beside their answers.
pub fn set_override(store: &mut Store, person_id: i64, reason: Option<&str>) -> Result<()> {
    let reason =
        match reason.map(str::trim) {
            Some("") => return Err(Error::Invalid(
                "Say why the committee matches them anyway: the reason is kept with the decision."
                    .into(),
            )),
            Some(reason) => reason,
            None => "",
        };
    store.write(|tx| {
        let exists: Option<i64> = tx
            .query_row("SELECT id FROM people WHERE id = ?1", [person_id], |r| {
                r.get(0)
            })
            .optional()?;
        if exists.is_none() {
            return Err(Error::NotFound(
                "That person is no longer in this program file.".into(),
            ));
        }
        tx.execute(
            "UPDATE people SET eligibility_override = ?2, updated_at = ?3 WHERE id = ?1",
            params![person_id, reason, now_timestamp()],
        )?;
        Ok(())
    })
}

/// Why someone who did not consent is left out.
pub const NO_CONSENT: &str = "No consent to be matched";

/// Everyone who answered no to a consent question of their form ("I agree
/// that…"), or left it blank, and whose consent the committee has not
/// recorded since: they are never matched.
pub fn no_consent(store: &Store, program_id: i64) -> Result<Vec<NotEligible>> {
    let questions: Vec<(String, String)> = store
        .conn()
        .prepare(
            "SELECT role, text FROM questions WHERE program_id = ?1 AND kind_name = 'consent'
             ORDER BY position, id",
        )?
        .query_map([program_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if questions.is_empty() {
        return Ok(Vec::new());
    }
    let given: std::collections::HashSet<i64> = store
        .conn()
        .prepare("SELECT id FROM people WHERE program_id = ?1 AND consent_given_on IS NOT NULL")?
        .query_map([program_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut list = Vec::new();
    for person in crate::people::list_people(store, program_id, None)? {
        if given.contains(&person.id) {
            continue;
        }
        let refused = questions
            .iter()
            .filter(|(role, _)| role == person.role.as_str())
            .find(|(_, text)| {
                !matches!(person.application.answer(text, None),
                    Some(crate::people::Answer::Text(a)) if a == "Yes")
            });
        if let Some((_, text)) = refused {
            let answer = match person.application.answer(text, None) {
                Some(crate::people::Answer::Text(a)) if !a.trim().is_empty() => {
                    format!("answered \"{a}\"")
                }
                _ => "left it blank".to_string(),
            };
            list.push(NotEligible {
                person_id: person.id,
                name: person.application.name.clone(),
                role: person.role.as_str().to_string(),
                reason: format!("{NO_CONSENT}: {answer} to \"{text}\""),
                overridden: String::new(),
            });
        }
    }
    Ok(list)
}

/// Records the day a person gave the consent their form asked for (as
/// `YYYY-MM-DD`): from then on they can be matched.
pub fn record_consent(
    store: &mut Store,
    person_id: i64,
    given_on: chrono::NaiveDate,
) -> Result<()> {
    store.write(|tx| {
        let changed = tx.execute(
            "UPDATE people SET consent_given_on = ?2, updated_at = ?3 WHERE id = ?1",
            params![person_id, given_on.to_string(), now_timestamp()],
        )?;
        if changed == 0 {
            return Err(Error::NotFound(
                "That person is no longer in this program file.".into(),
            ));
        }
        Ok(())
    })
}

/// The people matching leaves out: no consent, or not eligible and not overridden.
pub fn left_out_ids(store: &Store, program_id: i64) -> Result<BTreeMap<i64, String>> {
    let mut ids: BTreeMap<i64, String> = not_eligible(store, program_id)?
        .into_iter()
        .filter(|n| n.overridden.is_empty())
        .map(|n| (n.person_id, n.reason))
        .collect();
    for n in no_consent(store, program_id)? {
        ids.insert(n.person_id, n.reason);
    }
    Ok(ids)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::people::{add_people, Application, Role};
    use crate::programs::{create_program, ProgramInput};
    use crate::test_support::program_named;

    /// An application with its years in a professional position.
    pub(crate) fn mentor(name: &str, years: Option<f64>) -> Application {
        Application {
            name: name.into(),
            email: Some(format!(
                "{}@example.org",
                name.to_lowercase().replace(' ', ".")
            )),
            library: format!("{name} Library"),
            years_experience: years,
            ..Application::default()
        }
    }

    #[test]
    fn a_past_participant_waits_the_programs_the_committee_asks_before_mentoring() {
        let dated = |name: &str, kickoff: &str| ProgramInput {
            kickoff_date: kickoff.into(),
            ..ProgramInput::named(name)
        };
        let (_dir, mut store, _) = program_named("unused");
        let mut programs = Vec::new();
        for (name, kickoff) in [
            ("MILE 2025", "2025-05-01"),
            ("MILE 2026", "2026-05-01"),
            ("MILE 2027", "2027-05-01"),
        ] {
            programs.push(
                create_program(&mut store, &dated(name, kickoff))
                    .unwrap()
                    .id,
            );
        }
        add_people(
            &mut store,
            programs[0],
            Role::Participant,
            &[mentor("Dee Roe", Some(9.0))],
        )
        .unwrap();
        for &p in &programs[1..] {
            add_people(&mut store, p, Role::Mentor, &[mentor("Dee Roe", Some(9.0))]).unwrap();
            set_rules(
                &mut store,
                p,
                Rules {
                    past_participants_wait: Some(1),
                    ..Rules::default()
                },
            )
            .unwrap();
        }
        let next_year = not_eligible(&store, programs[1]).unwrap();
        assert_eq!(next_year.len(), 1);
        assert_eq!(next_year[0].reason, "Not eligible: a participant in MILE 2025; past participants wait one program before mentoring");
        assert!(
            not_eligible(&store, programs[2]).unwrap().is_empty(),
            "one program later they may mentor"
        );
    }
}
