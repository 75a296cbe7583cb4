//! Which survey a spreadsheet holds (check-ins or evaluations), guessed
//! from its column titles: the import preview asks, the surveys module
//! reads the answers.

use serde::{Deserialize, Serialize};

use crate::text::normalize_header;

/// Which survey a spreadsheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyKind {
    CheckIns,
    Evaluations,
}

impl SurveyKind {
    /// The word stored in the import history (`imports.kind`).
    pub fn key(self) -> &'static str {
        match self {
            SurveyKind::CheckIns => "check_ins",
            SurveyKind::Evaluations => "evaluations",
        }
    }

    pub fn label(self) -> &'static str {
        super::kind_label(self.key())
    }

    pub fn parse(text: &str) -> Option<SurveyKind> {
        match text.trim().replace('-', "_").as_str() {
            "check_ins" | "checkins" | "check_in" => Some(SurveyKind::CheckIns),
            "evaluations" | "evaluation" => Some(SurveyKind::Evaluations),
            _ => None,
        }
    }
}

/// Which survey a file's column titles look like, if any.
pub fn guess_kind(headers: &[String]) -> Option<SurveyKind> {
    let words: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let any = |w: &str| words.iter().any(|h| h.contains(w));
    let check_in = [
        any("have you met") || any("did you meet") || any("met since"),
        any("how many") || any("number of meetings"),
        any("satisf"),
    ]
    .iter()
    .filter(|&&b| b)
    .count();
    let evaluation = [
        any("recommend"),
        any("agree") || any("program helped") || any("helped my"),
        any("goal") && (any("reach") || any("achiev")),
        any("overall") && any("satisf") && !any("met"),
    ]
    .iter()
    .filter(|&&b| b)
    .count();
    if evaluation >= 2 {
        Some(SurveyKind::Evaluations)
    } else if check_in >= 2 {
        Some(SurveyKind::CheckIns)
    } else {
        None
    }
}
