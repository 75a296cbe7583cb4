//! Small helpers for the sentences Matchbook writes to the committee.

/// The text with its first letter in capitals ("shares an email…" → "Shares an email…").
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// Percent-encoding of every byte outside RFC 3986's unreserved characters:
/// safe inside a URL query, a `mailto:` link or an RFC 2231 file name.
pub fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
