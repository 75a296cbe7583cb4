//! Which tables a shared program copies between computers, and which hold
//! this computer's own state.

/// Every table a shared program copies between computers. The others hold
/// this computer's own state (remembered column mappings, file settings,
/// the sharing bookkeeping).
pub const SHARED_TABLES: &[&str] = &[
    "programs",
    "program_settings",
    "imports",
    "import_changes",
    "people",
    "pair_rules",
    "library_aliases",
    "match_versions",
    "matches",
    "match_events",
    "goals",
    "goal_updates",
    "meetings",
    "letters",
    "raw_rows",
    "applications",
    "questions",
    "checkin_responses",
    "evaluation_responses",
    "evaluation_agreements",
    "criteria",
    "choices",
    "waiting_list",
    "match_groups",
    "match_group_members",
    "group_meetings",
];

/// Tables that hold this computer's own state, never shared.
pub const LOCAL_TABLES: &[&str] = &[
    "header_mappings",
    "file_settings",
    "share_self",
    "change_log",
    "share_files",
    "share_records",
    "share_fields",
    "share_aliases",
    "share_conflicts",
];

/// Ids written inside JSON text: (table, column, key, table the id names).
pub const EMBEDDED_IDS: &[(&str, &str, &str, &str)] = &[(
    "match_versions",
    "unmatched_json",
    "participant_id",
    "people",
)];
