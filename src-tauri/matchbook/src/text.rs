//! Small helpers for the sentences Matchbook writes to the committee.

/// The text with its first letter in capitals ("shares an email…" → "Shares an email…").
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}
