//! Timestamps and the name of whoever made a change.

/// Now, as RFC 3339 text in UTC (how the program file stores timestamps).
pub fn now_timestamp() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The computer's user name, recorded as "who changed what".
pub fn current_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default()
}
