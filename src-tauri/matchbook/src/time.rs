//! Timestamps and the name of whoever made a change.

/// Now, as RFC 3339 text in UTC (how the program file stores timestamps).
/// With `MATCHBOOK_TODAY` set, now is that day at the current time of day, so
/// what a demonstration confirms or logs is dated in the term it stands in.
pub fn now_timestamp() -> String {
    let now = chrono::Utc::now();
    let stamped = today_override()
        .and_then(|day| {
            day.and_time(chrono::Local::now().time())
                .and_local_timezone(chrono::Local)
                .earliest()
        })
        .map_or(now, |local| local.with_timezone(&chrono::Utc));
    stamped.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Now on this computer, on `day` (the shells' "today", which
/// `MATCHBOOK_TODAY` or a typed date may set): the moment an email draft's
/// Date header gives. Only the shells read the clock; the core is given it.
pub fn now_on(day: chrono::NaiveDate) -> chrono::DateTime<chrono::FixedOffset> {
    let local = chrono::Local::now();
    day.and_time(local.time())
        .and_local_timezone(chrono::Local)
        .earliest()
        .map_or_else(|| local.fixed_offset(), |t| t.fixed_offset())
}

/// The computer's user name, recorded as "who changed what".
pub fn current_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default()
}

/// Today's date on this computer. `MATCHBOOK_TODAY=YYYY-MM-DD` sets another
/// "today", so tests and demonstrations can stand anywhere in an 18-month term.
pub fn today() -> chrono::NaiveDate {
    today_override().unwrap_or_else(|| chrono::Local::now().date_naive())
}

fn today_override() -> Option<chrono::NaiveDate> {
    std::env::var("MATCHBOOK_TODAY")
        .ok()
        .and_then(|text| chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok())
}

/// A date as every message and page writes it: "4 April 2026" (never the
/// stored 2026-04-04 beside a written one).
pub fn long_date(date: chrono::NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// Two days as a range in the long style: "1 May – 31 July 2026" (the
/// year once when both share it).
pub fn long_range(from: chrono::NaiveDate, to: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    if from.year() == to.year() {
        format!("{} – {}", from.format("%-d %B"), long_date(to))
    } else {
        format!("{} – {}", long_date(from), long_date(to))
    }
}

/// The local calendar date of a stored RFC 3339 timestamp.
pub fn local_date(timestamp: &str) -> Option<chrono::NaiveDate> {
    chrono::DateTime::parse_from_rfc3339(timestamp)
        .ok()
        .map(|t| t.with_timezone(&chrono::Local).date_naive())
}
