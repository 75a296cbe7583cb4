//! Reading one cell: the dates, amounts and counts applicants and form
//! tools write, as loosely as people write them. Used both to recognise a
//! column by its values and to normalize each row.

use std::sync::OnceLock;

use chrono::format::{self, Item, Parsed, StrftimeItems};
use chrono::{Datelike, NaiveDate, Timelike};

/// The date-and-time layouts form tools and spreadsheets write.
const DATE_TIMES: &[&str] = &[
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %I:%M:%S %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
];

/// The date-only layouts.
const DATES: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%m/%d/%Y",
    "%d.%m.%Y",
    "%B %d, %Y",
    "%b %d, %Y",
];

/// Each layout read once: a timestamp column is parsed on every row, and
/// reading a layout string costs more than matching it.
fn layouts(formats: &'static [&'static str]) -> Vec<Vec<Item<'static>>> {
    formats
        .iter()
        .map(|f| StrftimeItems::new(f).collect())
        .collect()
}

fn parse_with(text: &str, items: &[Item<'static>]) -> Option<Parsed> {
    let mut parsed = Parsed::new();
    format::parse(&mut parsed, text, items.iter()).ok()?;
    Some(parsed)
}

/// Reads the timestamps form tools and spreadsheets write; returns ISO text.
pub fn parse_timestamp(text: &str) -> Option<String> {
    static DATE_TIME_ITEMS: OnceLock<Vec<Vec<Item<'static>>>> = OnceLock::new();
    static DATE_ITEMS: OnceLock<Vec<Vec<Item<'static>>>> = OnceLock::new();
    let text = text.trim();
    if text.len() < 6 || text.len() > 40 || !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    // Google Forms adds a zone name ("2019/02/14 10:15:00 AM GMT-6"); drop it.
    let text = text.split(" GMT").next().unwrap_or(text).trim();
    for items in DATE_TIME_ITEMS.get_or_init(|| layouts(DATE_TIMES)) {
        if let Some(dt) =
            parse_with(text, items).and_then(|p| p.to_naive_datetime_with_offset(0).ok())
        {
            return Some(format!(
                "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
                dt.year(),
                dt.month(),
                dt.day(),
                dt.hour(),
                dt.minute(),
                dt.second()
            ));
        }
    }
    for items in DATE_ITEMS.get_or_init(|| layouts(DATES)) {
        if let Some(d) = parse_with(text, items).and_then(|p| p.to_naive_date().ok()) {
            return Some(format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()));
        }
    }
    None
}

/// An Excel serial date typed or exported as a plain number (43510.43 →
/// 2019-02-14 10:19:12); only numbers in the range of plausible dates
/// (1954–2118) are taken as dates.
pub fn parse_excel_serial(text: &str) -> Option<String> {
    let serial: f64 = text.trim().parse().ok()?;
    if !(20_000.0..80_000.0).contains(&serial) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
    let seconds = (serial * 86_400.0).round() as i64;
    let value = epoch.checked_add_signed(chrono::Duration::seconds(seconds))?;
    Some(if serial.fract() == 0.0 {
        value.format("%Y-%m-%d").to_string()
    } else {
        value.format("%Y-%m-%d %H:%M:%S").to_string()
    })
}

/// "12", "12.5", "10+", "About 7 years", "5-10" (→ 7.5), "twenty"? (→ None).
pub fn parse_years(text: &str) -> Option<f64> {
    let numbers: Vec<f64> = text
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|s| !s.is_empty() && *s != ".")
        .filter_map(|s| s.parse::<f64>().ok())
        .collect();
    match numbers.as_slice() {
        [] => word_number(text).map(f64::from),
        [one] => Some(*one),
        [a, b, ..] if text.contains('-') || text.contains(" to ") => Some((a + b) / 2.0),
        [first, ..] => Some(*first),
    }
    .filter(|n| (0.0..=80.0).contains(n))
}

fn word_number(text: &str) -> Option<u32> {
    let lowered = text.trim().to_lowercase();
    let words = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    lowered
        .split(|c: char| !c.is_alphabetic())
        .find_map(|w| words.iter().position(|x| *x == w).map(|n| n as u32))
}

/// "2", "Two", "1-2" (→ 2: the most they offered), "" → None.
pub fn parse_capacity(text: &str) -> Option<u32> {
    let numbers: Vec<u32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|s| s.parse::<u32>().ok())
        .collect();
    numbers
        .into_iter()
        .max()
        .or_else(|| word_number(text))
        .filter(|n| *n <= 20)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_from_form_tools_become_iso() {
        assert_eq!(
            parse_timestamp("2/14/2019 10:15:00").as_deref(),
            Some("2019-02-14 10:15:00")
        );
        assert_eq!(
            parse_timestamp("2019/02/14 10:15:00 AM GMT-6").as_deref(),
            Some("2019-02-14 10:15:00")
        );
        assert_eq!(parse_timestamp("2019-02-14").as_deref(), Some("2019-02-14"));
        assert_eq!(
            parse_timestamp("14.02.2019 10:15").as_deref(),
            Some("2019-02-14 10:15:00")
        );
        assert_eq!(parse_timestamp("Leadership"), None);
        assert_eq!(parse_timestamp("12"), None);
    }

    #[test]
    fn excel_serial_numbers_become_dates() {
        assert_eq!(parse_excel_serial("43510").as_deref(), Some("2019-02-14"));
        assert_eq!(
            parse_excel_serial("43510.5").as_deref(),
            Some("2019-02-14 12:00:00")
        );
        assert_eq!(
            parse_excel_serial("12"),
            None,
            "a small number is not a date"
        );
        assert_eq!(
            parse_excel_serial("0612345678"),
            None,
            "a phone number is not a date"
        );
    }

    #[test]
    fn years_are_read_from_loose_answers() {
        assert_eq!(parse_years("12"), Some(12.0));
        assert_eq!(parse_years("10+"), Some(10.0));
        assert_eq!(parse_years("About 7 years"), Some(7.0));
        assert_eq!(parse_years("5-10"), Some(7.5));
        assert_eq!(parse_years("two"), Some(2.0));
        assert_eq!(parse_years("lots"), None);
        assert_eq!(
            parse_years("1999"),
            None,
            "a year is not an amount of years"
        );
    }

    #[test]
    fn capacity_takes_the_most_offered() {
        assert_eq!(parse_capacity("2"), Some(2));
        assert_eq!(parse_capacity("Two"), Some(2));
        assert_eq!(parse_capacity("1-2"), Some(2));
        assert_eq!(parse_capacity("happy to help"), None);
    }
}
