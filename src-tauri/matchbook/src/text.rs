//! Small text helpers any domain may use: the sentences Matchbook writes to
//! the committee, and the wording of a form's questions read as plain words.

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

/// "1st", "2nd", "3rd", "4th"…
pub fn ordinal(n: u8) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Lowercase words of a header: "Type of library (check all)" → "type of library check all".
pub fn normalize_header(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut last_space = true;
    for c in header.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
            last_space = false;
        } else if !last_space {
            out.push(' ');
            last_space = true;
        }
    }
    out.trim_end().to_string()
}

/// Whether `needle` stands in `haystack` as whole words (both normalized).
pub fn contains_words(haystack: &str, needle: &str) -> bool {
    // Whole words only, without allocating: "ai" is not in "retail".
    haystack.match_indices(needle).any(|(at, _)| {
        let before = at == 0 || haystack.as_bytes()[at - 1] == b' ';
        let end = at + needle.len();
        let after = end == haystack.len() || haystack.as_bytes()[end] == b' ';
        before && after
    })
}
