//! One email draft as an `.eml` file (RFC 5322 with MIME, UTF-8): headers
//! with non-ASCII words as RFC 2047 encoded words, a plain-text body, an
//! optional attachment, and `X-Unsent: 1` so Outlook opens it as a draft
//! to send (Thunderbird and Apple Mail open it as a message to edit).

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use chrono::{DateTime, FixedOffset};

use crate::text::percent_encode;

/// A person an email is addressed to or from.
#[derive(Debug, Clone, PartialEq)]
pub struct Mailbox {
    pub name: String,
    pub email: String,
}

/// A draft: who, what, and an optional file attached.
#[derive(Debug, Clone)]
pub struct Draft {
    pub to: Vec<Mailbox>,
    /// The committee's address: From and Reply-To (none: the mail program's own).
    pub from: Option<Mailbox>,
    pub subject: String,
    pub body: String,
    /// File name and bytes of a PDF to attach.
    pub attachment: Option<(String, Vec<u8>)>,
}

/// Longest encoded word (RFC 2047 §2).
const WORD: usize = 75;

/// A header value's text: as it is when it is plain printable ASCII, else
/// UTF-8 base64 encoded words, each whole characters and at most 75 octets,
/// separated by folding whitespace.
fn encode_words(text: &str) -> String {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return text.to_string();
    }
    // "=?UTF-8?B?" + "?=" = 12 octets; base64 of n bytes is 4·⌈n/3⌉.
    let most_bytes = (WORD - 12) / 4 * 3;
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        if chunk.len() + c.len_utf8() > most_bytes {
            words.push(std::mem::take(&mut chunk));
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(chunk);
    }
    words
        .iter()
        .map(|w| format!("=?UTF-8?B?{}?=", STANDARD.encode(w.as_bytes())))
        .collect::<Vec<_>>()
        .join("\r\n ")
}

fn mailbox(m: &Mailbox) -> String {
    let name = m.name.trim();
    if name.is_empty() {
        return format!("<{}>", m.email.trim());
    }
    let plain = name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b" .-'".contains(&b));
    if plain {
        format!("{name} <{}>", m.email.trim())
    } else if name.is_ascii() {
        // Commas or quotes in a name: a quoted string.
        format!(
            "\"{}\" <{}>",
            name.replace('\\', "\\\\").replace('"', "\\\""),
            m.email.trim()
        )
    } else {
        format!("{} <{}>", encode_words(name), m.email.trim())
    }
}

/// Base64 in lines of 76 characters, CRLF-ended.
fn base64_lines(bytes: &[u8]) -> String {
    let text = STANDARD.encode(bytes);
    let mut out = String::with_capacity(text.len() + text.len() / 38 + 2);
    for line in text.as_bytes().chunks(76) {
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push_str("\r\n");
    }
    out
}

/// An ASCII stand-in for a file name, for mail programs that ignore RFC 2231.
fn ascii_name(name: &str) -> String {
    deunicode::deunicode(name)
        .chars()
        .filter(|c| c.is_ascii_graphic() || *c == ' ')
        .filter(|c| !matches!(c, '"' | '\\'))
        .collect()
}

impl Draft {
    /// The `.eml` file. `date` and `id` make the Date and Message-ID headers
    /// (the id should be unique: a draft per recipient and run).
    pub fn to_eml(&self, date: DateTime<FixedOffset>, id: &str) -> Vec<u8> {
        let mut out = String::new();
        let mut header = |name: &str, value: &str| {
            out.push_str(name);
            out.push_str(": ");
            out.push_str(value);
            out.push_str("\r\n");
        };
        if let Some(from) = &self.from {
            header("From", &mailbox(from));
            header("Reply-To", &mailbox(from));
        }
        header(
            "To",
            &self
                .to
                .iter()
                .map(mailbox)
                .collect::<Vec<_>>()
                .join(",\r\n "),
        );
        header("Subject", &encode_words(self.subject.trim()));
        header("Date", &date.to_rfc2822());
        header("Message-ID", &format!("<{id}@matchbook.invalid>"));
        header("MIME-Version", "1.0");
        header("X-Unsent", "1");
        let body = self.body.replace("\r\n", "\n").replace('\n', "\r\n");
        let text_part = format!(
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}",
            base64_lines(body.as_bytes())
        );
        match &self.attachment {
            None => out.push_str(&text_part),
            Some((name, bytes)) => {
                let boundary = format!("matchbook-{id}");
                out.push_str(&format!(
                    "Content-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n"
                ));
                out.push_str("This is a message in MIME format.\r\n");
                out.push_str(&format!("--{boundary}\r\n{text_part}"));
                let ascii = ascii_name(name);
                out.push_str(&format!(
                    "--{boundary}\r\nContent-Type: application/pdf; name=\"{ascii}\"\r\n\
                     Content-Disposition: attachment; filename=\"{ascii}\"; filename*=UTF-8''{}\r\n\
                     Content-Transfer-Encoding: base64\r\n\r\n{}",
                    percent_encode(name),
                    base64_lines(bytes)
                ));
                out.push_str(&format!("--{boundary}--\r\n"));
            }
        }
        out.into_bytes()
    }

    /// A `mailto:` link opening this draft (without its attachment) in the
    /// person's mail program.
    pub fn mailto(&self) -> String {
        let to: Vec<String> = self
            .to
            .iter()
            .map(|m| percent_encode(m.email.trim()))
            .collect();
        format!(
            "mailto:{}?subject={}&body={}",
            to.join(","),
            percent_encode(self.subject.trim()),
            percent_encode(&self.body.replace('\n', "\r\n"))
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_ascii_headers_are_encoded_words_of_at_most_75_octets() {
        assert_eq!(encode_words("Your match"), "Your match");
        let long = "Zoë Ñúñez, your mentor for the Leadership Institute 2026 is Łukasz Wróbel";
        let encoded = encode_words(long);
        for word in encoded.split("\r\n ") {
            assert!(word.len() <= WORD, "{word}");
            assert!(word.starts_with("=?UTF-8?B?") && word.ends_with("?="));
        }
        let decoded: String = encoded
            .split("\r\n ")
            .map(|w| {
                let b64 = &w[10..w.len() - 2];
                String::from_utf8(STANDARD.decode(b64).unwrap()).unwrap()
            })
            .collect();
        assert_eq!(decoded, long);
        let draft = Draft {
            to: vec![Mailbox {
                name: String::new(),
                email: "ha@example.org".into(),
            }],
            from: None,
            subject: "Q1 & you".into(),
            body: "Dear Hà,\nsee you".into(),
            attachment: None,
        };
        assert_eq!(
            draft.mailto(),
            "mailto:ha%40example.org?subject=Q1%20%26%20you&body=Dear%20H%C3%A0%2C%0D%0Asee%20you"
        );
        assert_eq!(
            mailbox(&Mailbox {
                name: "O'Connor, Pat".into(),
                email: "pat@example.org".into()
            }),
            "\"O'Connor, Pat\" <pat@example.org>"
        );
    }
}
