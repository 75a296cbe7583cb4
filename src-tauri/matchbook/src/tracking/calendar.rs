//! The expected check-in dates as an iCalendar (`.ics`) file (RFC 5545),
//! for Outlook, Apple Calendar, Google Calendar or Thunderbird: one all-day
//! event per pair and check-in, on its due date, with a reminder a week before.

use chrono::NaiveDate;

use super::{dashboard, PairStatus};
use crate::error::Result;
use crate::programs::{get_program, survey_link_for, Program};
use crate::store::Store;

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character,
/// ending every physical line with CRLF.
fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn ics_date(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

fn who(name: &str, email: &Option<String>) -> String {
    match email {
        Some(email) => format!("{name} <{email}>"),
        None => name.to_string(),
    }
}

fn pair_events(out: &mut String, program: &Program, pair: &PairStatus, stamp: &str) {
    let program_id = program.id;
    // Each person's own check-in form link, when the program has one.
    let links: String = [
        (&pair.participant, &pair.participant_email),
        (&pair.mentor, &pair.mentor_email),
    ]
    .into_iter()
    .filter_map(|(name, email)| {
        survey_link_for(program, email.as_deref())
            .map(|link| format!("\nCheck-in form for {name}: {link}"))
    })
    .collect();
    let program = program.name.as_str();
    for checkin in &pair.checkins {
        if matches!(checkin.state, "not_expected") {
            continue;
        }
        let summary = format!(
            "{} check-in due: {} with {}",
            checkin.label, pair.participant, pair.mentor
        );
        let description = format!(
            "{program}\nParticipant: {}\nMentor: {}\nCheck-in period: {} to {}",
            who(&pair.participant, &pair.participant_email),
            who(&pair.mentor, &pair.mentor_email),
            crate::time::long_date(checkin.starts),
            crate::time::long_date(checkin.due),
        ) + &links;
        push_line(out, "BEGIN:VEVENT");
        push_line(
            out,
            &format!(
                "UID:matchbook-{program_id}-{}-{}@matchbook.invalid",
                pair.match_id, checkin.number
            ),
        );
        push_line(out, &format!("DTSTAMP:{stamp}"));
        push_line(
            out,
            &format!("DTSTART;VALUE=DATE:{}", ics_date(checkin.due)),
        );
        let next = checkin.due.succ_opt().unwrap_or(checkin.due);
        push_line(out, &format!("DTEND;VALUE=DATE:{}", ics_date(next)));
        push_line(out, &format!("SUMMARY:{}", escape(&summary)));
        push_line(out, &format!("DESCRIPTION:{}", escape(&description)));
        push_line(out, "TRANSP:TRANSPARENT");
        push_line(out, "BEGIN:VALARM");
        push_line(out, "ACTION:DISPLAY");
        push_line(out, "TRIGGER:-P7D");
        push_line(out, &format!("DESCRIPTION:{}", escape(&summary)));
        push_line(out, "END:VALARM");
        push_line(out, "END:VEVENT");
    }
}

/// The check-in calendar of a program's running pairs, or of one pair.
pub fn calendar(
    store: &Store,
    program_id: i64,
    match_id: Option<i64>,
    as_of: NaiveDate,
) -> Result<String> {
    let board = dashboard(store, program_id, as_of)?;
    let program = get_program(store, program_id)?;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let mut out = String::new();
    push_line(&mut out, "BEGIN:VCALENDAR");
    push_line(&mut out, "VERSION:2.0");
    push_line(&mut out, "PRODID:-//Matchbook//Mentorship check-ins//EN");
    push_line(&mut out, "CALSCALE:GREGORIAN");
    push_line(&mut out, "METHOD:PUBLISH");
    push_line(
        &mut out,
        &format!(
            "X-WR-CALNAME:{}",
            escape(&format!("{} check-ins", board.program))
        ),
    );
    let mut found = false;
    for pair in &board.pairs {
        if match_id.is_some_and(|id| id != pair.match_id) {
            continue;
        }
        found = true;
        if pair.outcome != "active" {
            continue;
        }
        pair_events(&mut out, &program, pair, &stamp);
    }
    if match_id.is_some() && !found {
        return Err(crate::Error::NotFound(
            "That pair is not in this program.".into(),
        ));
    }
    push_line(&mut out, "END:VCALENDAR");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_lines_fold_on_character_boundaries() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "Nguyễn Thị Hà ".repeat(12));
        push_line(&mut out, &long);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(
                physical.len() <= 75,
                "{} octets: {physical}",
                physical.len()
            );
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded.strip_suffix("\r\n"), Some(long.as_str()));
    }
}
