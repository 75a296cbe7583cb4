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
    if needle.is_empty() {
        return contains_empty(haystack);
    }
    // Whole words only, without allocating: "ai" is not in "retail". A
    // match can only start where a word does, so only word starts are
    // tried (recognising a sheet's columns asks this some 100,000 times,
    // of short texts, where building a substring searcher costs more).
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let word_starts = std::iter::once(0).chain(
        h.iter()
            .enumerate()
            .filter(|(_, b)| **b == b' ')
            .map(|(i, _)| i + 1),
    );
    word_starts
        .filter(|&at| h[at..].starts_with(n))
        .any(|at| h.get(at + n.len()).is_none_or(|b| *b == b' '))
}

/// [`contains_words`] of an empty needle: an empty word, at an edge or
/// between two spaces.
fn contains_empty(haystack: &str) -> bool {
    haystack.is_empty()
        || haystack.starts_with(' ')
        || haystack.ends_with(' ')
        || haystack.contains("  ")
}

#[cfg(test)]
mod tests {
    use super::contains_words;

    #[test]
    fn words_are_found_whole_and_only_whole() {
        assert!(contains_words("areas of interest", "interest"));
        assert!(contains_words("areas of interest", "areas of"));
        assert!(contains_words("email", "email"));
        assert!(!contains_words("retail libraries", "ai"));
        assert!(!contains_words("emails", "email"));
        assert!(!contains_words("e mail", "email"));
        assert!(!contains_words("short", "a longer needle"));
        // A partial match just before a whole one does not hide it.
        assert!(contains_words("ba a a", "a a"));
        // An empty needle is an empty word: at an edge or between two spaces.
        assert!(contains_words("", ""));
        assert!(contains_words("a  b", ""));
        assert!(!contains_words("a b", ""));
    }

    /// Against the plain definition (the needle's words appear one after
    /// another among the haystack's), over every short text of a few words.
    #[test]
    fn words_agree_with_the_definition() {
        let words = ["a", "ab", "b", "ba"];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| {
                    words.iter().map(move |w| {
                        if t.is_empty() {
                            w.to_string()
                        } else {
                            format!("{t} {w}")
                        }
                    })
                })
                .collect();
            texts.extend(longer);
        }
        texts.retain(|t| !t.is_empty());
        texts.sort();
        texts.dedup();
        let defined = |h: &str, n: &str| {
            let (h, n): (Vec<&str>, Vec<&str>) = (h.split(' ').collect(), n.split(' ').collect());
            h.windows(n.len()).any(|w| w == n.as_slice())
        };
        for h in &texts {
            for n in texts.iter().filter(|n| n.len() <= 5) {
                assert_eq!(contains_words(h, n), defined(h, n), "{n:?} in {h:?}");
            }
        }
    }
}
