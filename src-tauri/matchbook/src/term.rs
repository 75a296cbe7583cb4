//! The check-in calendar of a relationship: which periods (Q1…Q6 for 18
//! months at a quarterly cadence) a pair is expected to meet in, and where a
//! date falls. Pure date arithmetic, no database. A shared leaf: `surveys`
//! files answers under these periods and `tracking` follows pairs through them.

use chrono::{Months, NaiveDate};
use serde::Serialize;

/// One check-in period: a pair is expected to meet at least once in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// 1-based.
    pub number: u32,
    /// First day of the period.
    pub starts: NaiveDate,
    /// Last day of the period: the check-in is due by this date.
    pub due: NaiveDate,
}

impl Period {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.starts <= date && date <= self.due
    }

    /// The middle day of the period. A pair that begins on or before it is
    /// expected to meet in the period; an answer given after the previous
    /// check-in's date and before it reports on the previous period.
    pub fn middle(&self) -> NaiveDate {
        self.starts + (self.due - self.starts) / 2
    }

    /// "Q3" at a quarterly cadence, else "Period 3".
    pub fn label(&self, cadence_months: u32) -> String {
        if cadence_months == 3 {
            format!("Q{}", self.number)
        } else {
            format!("Period {}", self.number)
        }
    }
}

/// The term of a program: from its start date, `months` long, cut into
/// periods of `cadence` months (the last one shorter when they do not divide).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    pub starts: NaiveDate,
    /// Last day of the term.
    pub ends: NaiveDate,
    pub periods: Vec<Period>,
}

/// `date` plus `months` calendar months; a day that does not exist in the
/// target month becomes that month's last day (31 Jan + 1 month = 28/29 Feb).
/// Always counted from the same start, so month ends never drift.
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

impl Term {
    pub fn new(starts: NaiveDate, months: u32, cadence: u32) -> Term {
        let months = months.max(1);
        let cadence = cadence.clamp(1, months);
        let end_exclusive = add_months(starts, months);
        let mut periods = Vec::new();
        let mut offset = 0;
        while offset < months {
            let next = (offset + cadence).min(months);
            let period_start = add_months(starts, offset);
            let period_end = add_months(starts, next);
            periods.push(Period {
                number: periods.len() as u32 + 1,
                starts: period_start,
                due: period_end.pred_opt().unwrap_or(period_end),
            });
            offset = next;
        }
        Term {
            starts,
            ends: end_exclusive.pred_opt().unwrap_or(end_exclusive),
            periods,
        }
    }

    /// The period holding `date`, if the date is inside the term.
    pub fn period_of(&self, date: NaiveDate) -> Option<&Period> {
        self.periods.iter().find(|p| p.contains(date))
    }

    /// The day a pair confirmed on `confirmed_on` begins: the term's start,
    /// or its confirmation when that is later.
    pub fn pair_begins(&self, confirmed_on: Option<NaiveDate>) -> NaiveDate {
        confirmed_on.unwrap_or(self.starts).max(self.starts)
    }

    /// The first period a pair that begins on `begins` is expected to meet
    /// in: one it existed for at least half of.
    pub fn first_expected(&self, begins: NaiveDate) -> Option<&Period> {
        self.periods.iter().find(|p| begins <= p.middle())
    }

    /// The period an answer given on `answered_on` reports on, for a pair
    /// that began on `begins`. Surveys go out around a check-in's date and
    /// come back in the weeks after it, so an answer given after a
    /// check-in's date and before the middle of the next period reports on
    /// the period that just ended (also after the term's last period); any
    /// other answer reports on the period it falls in. Never a period before
    /// the pair's first expected one. `None` before the term, or after the
    /// middle of the period that would follow the term.
    pub fn period_answered(&self, answered_on: NaiveDate, begins: NaiveDate) -> Option<&Period> {
        let last = self.periods.last()?;
        let index = match self.periods.iter().position(|p| p.contains(answered_on)) {
            Some(i) if i > 0 && answered_on < self.periods[i].middle() => i - 1,
            Some(i) => i,
            None if answered_on > self.ends
                && answered_on <= last.due + (last.due - last.starts) / 2 =>
            {
                self.periods.len() - 1
            }
            None => return None,
        };
        let first = self
            .first_expected(begins)
            .map_or(self.periods.len() - 1, |p| p.number as usize - 1);
        self.periods.get(index.max(first))
    }

    /// The period a committee names: "Q2", "2", "Period 2", "Check-in 2" (any case);
    /// `None` when it is not one of the term's.
    pub fn period_named(&self, name: &str) -> Option<&Period> {
        let words = name.trim().to_lowercase();
        let digits = words
            .strip_prefix('q')
            .or_else(|| words.strip_prefix("check-in"))
            .or_else(|| words.strip_prefix("checkin"))
            .or_else(|| words.strip_prefix("period"))
            .unwrap_or(&words)
            .trim();
        let number: usize = digits.parse().ok()?;
        self.periods.get(number.checked_sub(1)?)
    }

    /// Whole months from the start to `date`, between 0 and the term's length.
    pub fn months_elapsed(&self, date: NaiveDate, months: u32) -> u32 {
        if date < self.starts {
            return 0;
        }
        // The largest k with start + k months <= date.
        let mut k = 0;
        while k < months && add_months(self.starts, k + 1) <= date {
            k += 1;
        }
        k
    }
}

/// One expected check-in of a pair.
#[derive(Debug, Clone, Serialize)]
pub struct CheckIn {
    pub number: u32,
    pub label: String,
    pub starts: NaiveDate,
    pub due: NaiveDate,
    pub meetings: u32,
    /// The pair was expected to meet in this period (it had begun and not ended).
    pub expected: bool,
    /// `met`, `missed`, `due` (the current period, no meeting yet),
    /// `upcoming`, or `not_expected` (before the pair began or after it ended).
    pub state: &'static str,
    /// [`checkin_state_label`].
    pub state_label: &'static str,
}

/// The words for a check-in's state (`met`, `missed`, `due`, …), as shown.
/// A check-in period is about meeting, not about answering the survey: a
/// pair that answered "we have not met" has no meeting in it.
pub fn checkin_state_label(state: &str) -> &'static str {
    match state {
        "met" => "met",
        "missed" => "no meeting",
        "due" => "not met yet",
        "upcoming" => "upcoming",
        _ => "not expected",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn eighteen_months_quarterly_has_six_periods_covering_every_day() {
        let term = Term::new(d("2027-01-15"), 18, 3);
        assert_eq!(term.periods.len(), 6);
        assert_eq!(term.periods[0].starts, d("2027-01-15"));
        assert_eq!(term.periods[0].due, d("2027-04-14"));
        assert_eq!(term.periods[5].due, d("2028-07-14"));
        assert_eq!(term.ends, d("2028-07-14"));
        for pair in term.periods.windows(2) {
            assert_eq!(pair[0].due.succ_opt(), Some(pair[1].starts));
        }
        assert_eq!(term.periods[5].label(3), "Q6");
        assert_eq!(term.periods[5].label(2), "Period 6");
    }

    #[test]
    fn kickoff_on_the_31st_clamps_to_month_ends_without_drift() {
        let term = Term::new(d("2026-08-31"), 18, 3);
        let starts: Vec<_> = term.periods.iter().map(|p| p.starts).collect();
        assert_eq!(
            starts,
            vec![
                d("2026-08-31"),
                d("2026-11-30"),
                d("2027-02-28"),
                d("2027-05-31"), // back to the 31st: counted from the kickoff, not the previous period
                d("2027-08-31"),
                d("2027-11-30"),
            ]
        );
        assert_eq!(term.periods[1].due, d("2027-02-27"));
        assert_eq!(term.ends, d("2028-02-28"));
    }

    #[test]
    fn leap_years() {
        let term = Term::new(d("2027-11-29"), 18, 3);
        // 29 Nov 2027 + 3 months = 29 Feb 2028 (a leap year).
        assert_eq!(term.periods[1].starts, d("2028-02-29"));
        assert_eq!(term.periods[0].due, d("2028-02-28"));
        // 29 Feb 2024 + 12 months = 28 Feb 2025.
        assert_eq!(add_months(d("2024-02-29"), 12), d("2025-02-28"));
        assert_eq!(add_months(d("2024-02-29"), 48), d("2028-02-29"));
    }

    #[test]
    fn uneven_cadence_shortens_the_last_period() {
        let term = Term::new(d("2027-01-01"), 10, 4);
        let lengths: Vec<_> = term.periods.iter().map(|p| (p.starts, p.due)).collect();
        assert_eq!(
            lengths,
            vec![
                (d("2027-01-01"), d("2027-04-30")),
                (d("2027-05-01"), d("2027-08-31")),
                (d("2027-09-01"), d("2027-10-31")),
            ]
        );
    }

    /// The program: kickoff 1 May 2026, 18 months, quarterly.
    fn mile() -> Term {
        Term::new(d("2026-05-01"), 18, 3)
    }

    fn answered(term: &Term, on: &str, begins: &str) -> Option<u32> {
        term.period_answered(d(on), d(begins)).map(|p| p.number)
    }

    #[test]
    fn an_answer_after_a_check_in_date_reports_on_the_period_that_just_ended() {
        let term = mile();
        assert_eq!(term.periods[0].due, d("2026-07-31"));
        assert_eq!(term.periods[1].due, d("2026-10-31"));
        assert_eq!(term.periods[1].middle(), d("2026-09-15"));
        let kickoff = "2026-05-01";
        // Before and on the due date: the period itself.
        assert_eq!(answered(&term, "2026-07-20", kickoff), Some(1));
        assert_eq!(answered(&term, "2026-07-31", kickoff), Some(1));
        // A day after, and the August and early-September answers: still Q1.
        assert_eq!(answered(&term, "2026-08-01", kickoff), Some(1));
        assert_eq!(answered(&term, "2026-08-20", kickoff), Some(1));
        assert_eq!(answered(&term, "2026-09-02", kickoff), Some(1));
        assert_eq!(answered(&term, "2026-09-14", kickoff), Some(1));
        // From the middle of Q2 on: Q2.
        assert_eq!(answered(&term, "2026-09-15", kickoff), Some(2));
        assert_eq!(answered(&term, "2026-10-31", kickoff), Some(2));
        assert_eq!(answered(&term, "2026-11-05", kickoff), Some(2));
        // Before the term: none; early in Q1: Q1.
        assert_eq!(answered(&term, "2026-04-30", kickoff), None);
        assert_eq!(answered(&term, "2026-05-02", kickoff), Some(1));
    }

    #[test]
    fn the_last_periods_answers_come_after_the_term() {
        let term = mile();
        assert_eq!(term.ends, d("2027-10-31"));
        assert_eq!(answered(&term, "2027-10-31", "2026-05-01"), Some(6));
        assert_eq!(answered(&term, "2027-11-01", "2026-05-01"), Some(6));
        assert_eq!(answered(&term, "2027-12-15", "2026-05-01"), Some(6));
        assert_eq!(answered(&term, "2028-01-20", "2026-05-01"), None);
    }

    #[test]
    fn a_pair_confirmed_late_answers_from_its_first_expected_period() {
        let term = mile();
        // Confirmed 20 July: too late for Q1, so its August answer is about Q2.
        assert_eq!(
            term.first_expected(d("2026-07-20")).map(|p| p.number),
            Some(2)
        );
        assert_eq!(answered(&term, "2026-08-10", "2026-07-20"), Some(2));
        // Confirmed 10 June, before Q1's middle: Q1 is its own.
        assert_eq!(answered(&term, "2026-08-10", "2026-06-10"), Some(1));
        assert_eq!(term.pair_begins(Some(d("2026-04-01"))), d("2026-05-01"));
        assert_eq!(term.pair_begins(None), d("2026-05-01"));
    }

    #[test]
    fn periods_are_named_as_the_committee_writes_them() {
        let term = mile();
        for name in ["Q1", "q1", "1", " Check-in 1 ", "checkin 1", "Period 1"] {
            assert_eq!(term.period_named(name).map(|p| p.number), Some(1), "{name}");
        }
        assert_eq!(term.period_named("Q7"), None);
        assert_eq!(term.period_named("Q0"), None);
        assert_eq!(term.period_named("soon"), None);
    }

    #[test]
    fn as_of_dates_find_their_period_and_months_elapsed() {
        let term = Term::new(d("2027-01-31"), 18, 3);
        assert_eq!(term.period_of(d("2027-01-30")), None);
        assert_eq!(term.period_of(d("2027-01-31")).map(|p| p.number), Some(1));
        assert_eq!(term.period_of(d("2027-04-29")).map(|p| p.number), Some(1));
        assert_eq!(term.period_of(d("2027-04-30")).map(|p| p.number), Some(2));
        assert_eq!(term.period_of(d("2028-07-30")).map(|p| p.number), Some(6));
        assert_eq!(term.period_of(d("2028-07-31")), None);
        assert_eq!(term.months_elapsed(d("2026-12-01"), 18), 0);
        assert_eq!(term.months_elapsed(d("2027-02-27"), 18), 0);
        assert_eq!(term.months_elapsed(d("2027-02-28"), 18), 1);
        assert_eq!(term.months_elapsed(d("2027-07-31"), 18), 6);
        assert_eq!(term.months_elapsed(d("2030-01-01"), 18), 18);
    }
}
