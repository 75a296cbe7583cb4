//! Reading a date the committee typed or pasted: ISO (`2026-07-20`), digits
//! without separators (`20260720`, `07202026`), day and month with slashes,
//! dots or dashes (`20/07/2026`, `7-20-2026`), or words (`20 July 2026`,
//! `July 20, 2026`). A date that could be read two ways, or a year that is
//! not four digits, gets a message saying how to write it. Both shells read
//! dates through [`read_date`], so the window and the command line agree.

use chrono::NaiveDate;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A pasted form timestamp ("2026/08/03 10:15:22 AM EST", "8/3/2026
/// 10:15:22", "2026-08-03T10:15:22Z") without its time: the date part, and
/// whether a time followed it.
fn date_part(text: &str) -> (&str, bool) {
    if let Some((date, _)) = text.split_once('T').filter(|(d, t)| {
        d.len() == 10 && t.starts_with(|c: char| c.is_ascii_digit()) && t.contains(':')
    }) {
        return (date, true);
    }
    // The first word that reads as a time ("10:15:22") ends the date.
    let mut at = 0;
    for word in text.split_whitespace() {
        let start = at + text[at..].find(word).unwrap_or(0);
        if start > 0 && word.starts_with(|c: char| c.is_ascii_digit()) && word.contains(':') {
            return (text[..start].trim_end(), true);
        }
        at = start + word.len();
    }
    (text, false)
}

/// The date `text` means, or a sentence saying why it cannot be read.
pub fn read_date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    let example = "write it as YYYY-MM-DD, for example 2026-07-20";
    if text.is_empty() {
        return Err(format!("No date given; {example}."));
    }
    // Form tools write month first before a time (8/3/2026 10:15:22 is 3 August),
    // as the import reads their timestamps.
    let (text, stamped) = date_part(text);
    let parts: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect();
    let number = |p: &str| p.parse::<u32>().ok();
    let found = match parts.as_slice() {
        [digits] if digits.len() == 8 && digits.chars().all(|c| c.is_ascii_digit()) => {
            // Year first (20260720), else day and month first (07202026).
            match ymd(
                number(&digits[..4]),
                number(&digits[4..6]),
                number(&digits[6..]),
            ) {
                Some(date) if (1900..=2199).contains(&chrono::Datelike::year(&date)) => Some(date),
                _ => day_and_month(
                    number(&digits[..2]),
                    number(&digits[2..4]),
                    number(&digits[4..]),
                    text,
                )?,
            }
        }
        [y, m, d] if y.len() == 4 && number(y).is_some() => ymd(number(y), number(m), number(d)),
        [a, b, y] if stamped && number(a).is_some() && number(b).is_some() => {
            ymd(number(y), number(a), number(b))
        }
        [a, b, y] if number(a).is_some() && number(b).is_some() => {
            day_and_month(number(a), number(b), number(y), text)?
        }
        [d, m, y] if number(d).is_some() => ymd(number(y), month_named(m), number(d)),
        [m, d, y] => ymd(number(y), month_named(m), number(d)),
        _ => None,
    };
    let date =
        found.ok_or_else(|| format!("\"{text}\" is not a date Matchbook can read; {example}."))?;
    if !(1900..=2199).contains(&chrono::Datelike::year(&date)) {
        return Err(format!(
            "\"{text}\" reads as the year {}; write the year in four digits ({example}).",
            chrono::Datelike::year(&date)
        ));
    }
    Ok(date)
}

fn ymd(year: Option<u32>, month: Option<u32>, day: Option<u32>) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(year?).ok()?, month?, day?)
}

fn month_named(word: &str) -> Option<u32> {
    let word = word.to_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&word))
        .map(|i| i as u32 + 1)
}

/// Two numbers and a year: the one above 12 is the day; when both could be
/// the month, the date is refused with both readings.
fn day_and_month(
    a: Option<u32>,
    b: Option<u32>,
    year: Option<u32>,
    text: &str,
) -> Result<Option<NaiveDate>, String> {
    let (Some(a), Some(b), Some(year)) = (a, b, year) else {
        return Ok(None);
    };
    if year < 100 {
        return Err(format!(
            "\"{text}\" has a two-digit year; write the year in four digits, for example {}.",
            ymd(
                Some(2000 + year),
                Some(b.clamp(1, 12)),
                Some(a.clamp(1, 28))
            )
            .map_or("2026-07-20".to_string(), |d| d.to_string())
        ));
    }
    let day_first = ymd(Some(year), Some(b), Some(a));
    let month_first = ymd(Some(year), Some(a), Some(b));
    match (day_first, month_first) {
        (Some(x), Some(y)) if x != y => Err(format!(
            "\"{text}\" could be {} or {}; write it as YYYY-MM-DD ({} or {}).",
            crate::time::long_date(x),
            crate::time::long_date(y),
            x,
            y
        )),
        (Some(x), _) => Ok(Some(x)),
        (None, y) => Ok(y),
    }
}

/// A day as typed ([`read_date`]), or today when none (or nothing) is given:
/// the "as of" and "on" dates of the commands and the window.
pub fn day_or_today(text: Option<&str>) -> crate::Result<chrono::NaiveDate> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(crate::time::today()),
        Some(t) => read_date(t).map_err(crate::Error::Invalid),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> String {
        match read_date(text) {
            Ok(d) => d.to_string(),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn typed_and_pasted_dates_give_the_date_meant() {
        for (typed, meant) in [
            ("2026-07-20", "2026-07-20"),
            (" 2019-05-10 ", "2019-05-10"),
            ("2026/7/20", "2026-07-20"),
            ("20260720", "2026-07-20"),
            ("07202026", "2026-07-20"),
            ("20072026", "2026-07-20"),
            ("20/07/2026", "2026-07-20"),
            ("7-20-2026", "2026-07-20"),
            ("20.7.2026", "2026-07-20"),
            ("20 July 2026", "2026-07-20"),
            ("July 20, 2026", "2026-07-20"),
            ("20 Jul 2026", "2026-07-20"),
            ("1/1/2027", "2027-01-01"),
            // Pasted form timestamps: the date part.
            ("2026/08/03 10:15:22 AM EST", "2026-08-03"),
            ("8/3/2026 10:15:22", "2026-08-03"),
            ("2026-08-03T10:15:22Z", "2026-08-03"),
            ("2026-08-03 10:15", "2026-08-03"),
            ("20 July 2026 9:30", "2026-07-20"),
        ] {
            assert_eq!(read(typed), meant, "{typed}");
        }
    }

    #[test]
    fn dates_that_read_two_ways_or_with_short_years_get_a_message() {
        let both = read("07/05/2026");
        assert!(
            both.contains("could be 7 May 2026 or 5 July 2026"),
            "{both}"
        );
        assert!(
            read("10/11/30").contains("two-digit year"),
            "{}",
            read("10/11/30")
        );
        assert!(
            read("0010-12-05").contains("four digits"),
            "{}",
            read("0010-12-05")
        );
        assert!(read("soon").starts_with("error: \"soon\" is not a date"));
        assert!(read("2026-02-30").starts_with("error:"));
        assert!(read("").contains("No date given"));
    }
}
