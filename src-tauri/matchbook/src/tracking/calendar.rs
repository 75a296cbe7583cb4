//! The expected check-in dates as an iCalendar (`.ics`) file (RFC 5545),
//! for Outlook, Apple Calendar, Google Calendar or Thunderbird. The
//! program's calendar has one all-day event per check-in due date ("Q2
//! check-ins due: 30 pairs", the pairs listed in it), from the "as of" day
//! on unless past dates are asked for; one pair's calendar has an event per
//! check-in of that pair. Each event has one reminder, a week before.

use std::collections::BTreeMap;

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

fn pair_events(out: &mut String, program: &Program, pair: &PairStatus, stamp: &str) -> usize {
    let mut events = 0;
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
            "{program}\nParticipant: {}\nMentor: {}\nPeriod: {} to {} (a meeting expected in it)",
            who(&pair.participant, &pair.participant_email),
            who(&pair.mentor, &pair.mentor_email),
            crate::time::long_date(checkin.starts),
            crate::time::long_date(checkin.due),
        ) + &links;
        let uid = format!("{program_id}-{}-{}", pair.match_id, checkin.number);
        push_event(out, &uid, stamp, checkin.due, &summary, &description);
        events += 1;
    }
    events
}

/// One all-day event on `day` with one reminder a week before.
fn push_event(
    out: &mut String,
    uid: &str,
    stamp: &str,
    day: NaiveDate,
    summary: &str,
    description: &str,
) {
    push_line(out, "BEGIN:VEVENT");
    push_line(out, &format!("UID:matchbook-{uid}@matchbook.invalid"));
    push_line(out, &format!("DTSTAMP:{stamp}"));
    push_line(out, &format!("DTSTART;VALUE=DATE:{}", ics_date(day)));
    let next = day.succ_opt().unwrap_or(day);
    push_line(out, &format!("DTEND;VALUE=DATE:{}", ics_date(next)));
    push_line(out, &format!("SUMMARY:{}", escape(summary)));
    push_line(out, &format!("DESCRIPTION:{}", escape(description)));
    push_line(out, "TRANSP:TRANSPARENT");
    push_line(out, "BEGIN:VALARM");
    push_line(out, "ACTION:DISPLAY");
    push_line(out, "TRIGGER:-P7D");
    push_line(out, &format!("DESCRIPTION:{}", escape(summary)));
    push_line(out, "END:VALARM");
    push_line(out, "END:VEVENT");
}

/// The program's events: one per check-in due date of its running pairs,
/// naming the pairs expected at it.
fn program_events(
    out: &mut String,
    program: &Program,
    pairs: &[PairStatus],
    stamp: &str,
    from: Option<NaiveDate>,
) -> usize {
    let mut dates: BTreeMap<NaiveDate, (String, Vec<String>)> = BTreeMap::new();
    for pair in pairs.iter().filter(|p| p.running) {
        for c in pair.checkins.iter().filter(|c| c.expected) {
            if from.is_some_and(|from| c.due < from) {
                continue;
            }
            let entry = dates
                .entry(c.due)
                .or_insert_with(|| (c.label.clone(), Vec::new()));
            entry
                .1
                .push(format!("{} with {}", pair.participant, pair.mentor));
        }
    }
    for (due, (label, names)) in &dates {
        let summary = format!(
            "{label} check-ins due: {} pair{}",
            names.len(),
            if names.len() == 1 { "" } else { "s" }
        );
        let description = format!("{}\n{}", program.name, names.join("\n"));
        let uid = format!("{}-due-{}", program.id, ics_date(*due));
        push_event(out, &uid, stamp, *due, &summary, &description);
    }
    dates.len()
}

/// A calendar's opening lines, named `name`.
fn header(name: &str) -> String {
    let mut out = String::new();
    push_line(&mut out, "BEGIN:VCALENDAR");
    push_line(&mut out, "VERSION:2.0");
    push_line(&mut out, "PRODID:-//Matchbook//Mentorship check-ins//EN");
    push_line(&mut out, "CALSCALE:GREGORIAN");
    push_line(&mut out, "METHOD:PUBLISH");
    push_line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    out
}

/// The check-in calendar of one confirmed group or circle: an event per
/// check-in of the term (from the kickoff, else from `as_of`), naming every
/// member; from `as_of` on unless `past_dates`.
pub fn group_calendar(
    store: &Store,
    program_id: i64,
    group_id: i64,
    as_of: NaiveDate,
    past_dates: bool,
) -> Result<String> {
    let program = get_program(store, program_id)?;
    let group = super::tracked_groups(store, program_id, as_of)?
        .into_iter()
        .find(|g| g.id == group_id)
        .ok_or_else(|| {
            crate::Error::NotFound(format!(
                "Group {group_id} is not a confirmed group of this program. `matchbook groups list` shows them."
            ))
        })?;
    let term = super::Term::new(
        program.kickoff_date.unwrap_or(as_of),
        program.relationship_months,
        program.cadence_months,
    );
    let stamp = format!("{}T000000Z", ics_date(as_of));
    let mut out = header(&format!("{} check-ins", group.name));
    let names: Vec<&str> = group.members.iter().map(|m| m.name.as_str()).collect();
    let description = format!("{}\n{}", program.name, names.join("\n"));
    for period in term.periods.iter().filter(|p| past_dates || p.due >= as_of) {
        let summary = format!(
            "{} check-in {}: {}",
            group.name,
            period.label(program.cadence_months),
            program.name
        );
        let uid = format!("{}-group-{}-{}", program.id, group.id, period.number);
        push_event(&mut out, &uid, &stamp, period.due, &summary, &description);
    }
    push_line(&mut out, "END:VCALENDAR");
    Ok(out)
}

/// A calendar file and what it holds, so the shells say it honestly.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CalendarFile {
    /// The `.ics` text.
    pub ics: String,
    /// Events in it.
    pub events: usize,
    /// Due dates before the "as of" day, left out (without `past_dates`).
    pub past_left_out: usize,
}

impl CalendarFile {
    /// "Wrote 3 check-in dates", or why there are none and what to do.
    pub fn summary(&self) -> String {
        match (self.events, self.past_left_out) {
            (0, 0) => "There are no check-in dates: no running pair is expected at a check-in."
                .to_string(),
            (0, past) => format!(
                "There are no check-in dates ahead: the {past} date{} of the term {} past.",
                if past == 1 { "" } else { "s" },
                if past == 1 { "is" } else { "are" }
            ),
            (n, _) => format!("{n} check-in date{}", if n == 1 { "" } else { "s" }),
        }
    }
}

/// The check-in calendar of a program's running pairs (one event per due
/// date, from `as_of` on unless `past_dates`), or of one pair.
pub fn calendar(
    store: &Store,
    program_id: i64,
    match_id: Option<i64>,
    as_of: NaiveDate,
    past_dates: bool,
) -> Result<CalendarFile> {
    let board = dashboard(store, program_id, as_of)?;
    let program = get_program(store, program_id)?;
    let stamp = format!("{}T000000Z", ics_date(as_of));
    let mut out = header(&format!("{} check-ins", board.program));
    if match_id.is_none() {
        let from = (!past_dates).then_some(as_of);
        let events = program_events(&mut out, &program, &board.pairs, &stamp, from);
        let all = program_events(&mut String::new(), &program, &board.pairs, &stamp, None);
        push_line(&mut out, "END:VCALENDAR");
        return Ok(CalendarFile {
            ics: out,
            events,
            past_left_out: all - events,
        });
    }
    let mut events = 0;
    let mut found = false;
    for pair in &board.pairs {
        if match_id.is_some_and(|id| id != pair.match_id) {
            continue;
        }
        found = true;
        if pair.outcome != "active" {
            continue;
        }
        events += pair_events(&mut out, &program, pair, &stamp);
    }
    if match_id.is_some() && !found {
        return Err(crate::Error::NotFound(
            "That pair is not in this program.".into(),
        ));
    }
    push_line(&mut out, "END:VCALENDAR");
    Ok(CalendarFile {
        ics: out,
        events,
        past_left_out: 0,
    })
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
