// The app manifest lists every command, so capabilities can grant each one
// explicitly instead of the default "every command for every window".
const COMMANDS: &[&str] = &[
    "app_info",
    "list_programs",
    "create_program",
    "update_program",
    "set_program_archived",
    "load_sample_program",
    "list_people",
    "new_program_file",
    "open_program_file",
    "open_recent_file",
    "save_copy",
    "choose_import_files",
    "preview_import",
    "run_import",
    "list_imports",
    "undo_import",
    "matching_overview",
    "compute_matches",
    "set_match_weights",
    "set_pair_rule",
    "swap_mentors",
    "match_alternatives",
    "match_worksheet",
    "confirm_matches",
    "compare_match_versions",
    "letters_overview",
    "preview_letter",
    "save_letter_settings",
    "choose_logo",
    "save_letters_pdf",
    "save_letters_folder",
    "print_letters",
    "export_matches_csv",
    "tracking_dashboard",
    "tracking_pair",
    "save_meeting",
    "set_meeting_deleted",
    "save_goal",
    "update_goal",
    "set_goal_deleted",
    "end_pair",
    "complete_pairs",
    "pair_reminder",
    "tracking_report",
    "save_calendar",
    "save_report",
    "print_report",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build configuration is valid");
}
