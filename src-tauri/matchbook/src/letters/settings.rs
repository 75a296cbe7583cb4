//! The committee's letter settings for a program: the two templates, the
//! letterhead (organization, address, logo), signature, date format and paper.

use base64::Engine;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::programs::get_program;
use crate::store::Store;

/// Where the settings are kept with the program.
pub(super) const SETTINGS_KEY: &str = "letters";
pub const DEFAULT_PARTICIPANT_TEMPLATE: &str = include_str!("participant_letter.txt");
pub const DEFAULT_MENTOR_TEMPLATE: &str = include_str!("mentor_letter.txt");
/// The letter to each member of a peer circle: `group.members` lists everyone.
pub const DEFAULT_GROUP_TEMPLATE: &str = include_str!("group_letter.txt");
/// Logos larger than this are refused (a letterhead needs far less).
const MAX_LOGO_BYTES: usize = 2 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum DateFormat {
    /// November 28, 2026
    #[default]
    MonthDayYear,
    /// 28 November 2026
    DayMonthYear,
    /// 2026-11-28
    Iso,
}

impl DateFormat {
    pub fn format(self, date: NaiveDate) -> String {
        match self {
            DateFormat::MonthDayYear => date.format("%B %-d, %Y").to_string(),
            DateFormat::DayMonthYear => date.format("%-d %B %Y").to_string(),
            DateFormat::Iso => date.format("%Y-%m-%d").to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    #[default]
    UsLetter,
    A4,
}

impl Paper {
    /// The paper's name in Typst (`us-letter`, `a4`).
    pub fn typst_name(self) -> &'static str {
        match self {
            Paper::UsLetter => "us-letter",
            Paper::A4 => "a4",
        }
    }
}

/// An image for the letterhead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Logo {
    pub file_name: String,
    /// png, jpeg or svg
    pub format: String,
    pub data_base64: String,
}

/// The committee's letter settings for one program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LetterSettings {
    pub participant_template: String,
    pub mentor_template: String,
    /// The letter each member of a mentor's group or peer circle gets,
    /// introducing everyone (`kinds::LetterKind::Group`).
    pub group_template: String,
    pub organization: String,
    pub address: String,
    pub signature_name: String,
    pub signature_role: String,
    pub committee: String,
    pub date_format: DateFormat,
    pub paper: Paper,
    pub logo: Option<Logo>,
}

impl Default for LetterSettings {
    fn default() -> Self {
        LetterSettings {
            participant_template: DEFAULT_PARTICIPANT_TEMPLATE.to_string(),
            mentor_template: DEFAULT_MENTOR_TEMPLATE.to_string(),
            group_template: DEFAULT_GROUP_TEMPLATE.to_string(),
            organization: String::new(),
            address: String::new(),
            signature_name: String::new(),
            signature_role: "Chair".into(),
            committee: "Mentorship Subcommittee".into(),
            date_format: DateFormat::default(),
            paper: Paper::default(),
            logo: None,
        }
    }
}

/// The program's settings, with the program's own details as defaults.
pub fn letter_settings(store: &Store, program_id: i64) -> Result<LetterSettings> {
    let program = get_program(store, program_id)?;
    let saved = crate::programs::setting(store, program_id, SETTINGS_KEY)?;
    let mut settings: LetterSettings = saved
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default();
    if settings.organization.trim().is_empty() {
        settings.organization = if program.organization.trim().is_empty() {
            program.name.clone()
        } else {
            program.organization.clone()
        };
    }
    if settings.signature_name.trim().is_empty() {
        settings.signature_name = program.contact_name.clone();
    }
    Ok(settings)
}

/// Reads an image file for the letterhead, checking it is a PNG, JPEG or SVG.
pub fn logo_from_file(path: &std::path::Path) -> Result<Logo> {
    use std::io::Read;
    let access = |e: std::io::Error| Error::FileAccess {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let too_big = |size: u64| {
        Error::Invalid(format!(
            "{name} is {:.1} MB; a logo must be under 2 MB. Save a smaller copy of the image and choose that.",
            size as f64 / 1_048_576.0
        ))
    };
    // Checked before reading, so choosing a huge file by mistake costs nothing.
    let file = std::fs::File::open(path).map_err(access)?;
    let size = file.metadata().map_err(access)?.len();
    if size > MAX_LOGO_BYTES as u64 {
        return Err(too_big(size));
    }
    let mut bytes = Vec::new();
    file.take(MAX_LOGO_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(access)?;
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    let format = image_format(&bytes).ok_or_else(|| {
        Error::Invalid(format!(
            "{name} is not a PNG, JPEG or SVG image. Choose the logo as one of those."
        ))
    })?;
    Ok(Logo {
        file_name: name,
        format: format.into(),
        data_base64: base64::engine::general_purpose::STANDARD.encode(&bytes),
    })
}

fn image_format(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpeg")
    } else {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_lowercase();
        head.contains("<svg").then_some("svg")
    }
}

/// The saved logo's image bytes, checked again (the setting may be old).
pub(crate) fn decode_logo(logo: &Logo) -> Result<Vec<u8>> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(&logo.data_base64)
        .map_err(|_| Error::Invalid("The saved logo is damaged; choose the image again.".into()))?;
    image_format(&bytes).map(|_| bytes).ok_or_else(|| {
        Error::Invalid("The saved logo is not a PNG, JPEG or SVG image; choose it again.".into())
    })
}
