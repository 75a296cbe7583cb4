// The only place that talks to Rust. Every function returns a promise of
// plain data; errors are sentences from the core, ready to show.
const invoke = (command, args) => window.__TAURI__.core.invoke(command, args);

export const api = {
  appInfo: () => invoke('app_info'),
  listPrograms: (includeArchived = false) => invoke('list_programs', { includeArchived }),
  createProgram: (input) => invoke('create_program', { input }),
  createProgramFrom: (fromId, name, kickoffDate, carryWaiting) => invoke('create_program_from', { fromId, name, kickoffDate, carryWaiting }),
  waitingList: (programId) => invoke('waiting_list', { programId }),
  updateProgram: (id, input) => invoke('update_program', { id, input }),
  programShapes: () => invoke('program_shapes'),
  setProgramArchived: (id, archived) => invoke('set_program_archived', { id, archived }),
  loadSampleProgram: () => invoke('load_sample_program'),
  listPeople: (programId, role = null) => invoke('list_people', { programId, role }),
  personHistory: (personId) => invoke('person_history', { personId }),
  eligibility: (programId) => invoke('eligibility', { programId }),
  setEligibilityRules: (programId, rules) => invoke('set_eligibility_rules', { programId, rules }),
  setEligibilityOverride: (personId, reason) => invoke('set_eligibility_override', { personId, reason }),
  recordConsent: (personId, givenOn) => invoke('record_consent', { personId, givenOn }),
  privacyPlan: () => invoke('privacy_plan'),
  runErasure: () => invoke('run_erasure'),
  retention: (programId) => invoke('retention', { programId }),
  setRetention: (programId, months) => invoke('set_retention', { programId, months }),
  exportPersonData: (personId) => invoke('export_person_data', { personId }),
  /** What erasing a person removes: {name, applications, matches, goals, meetings, letters, committee_rules}. */
  erasePreview: (personId) => invoke('erase_preview', { personId }),
  erasePerson: (personId) => invoke('erase_person', { personId }),
  setMentorCapacity: (personId, capacity) => invoke('set_mentor_capacity', { personId, capacity }),
  newProgramFile: () => invoke('new_program_file'),
  openProgramFile: () => invoke('open_program_file'),
  openRecentFile: (index) => invoke('open_recent_file', { index }),
  openBackupCopy: () => invoke('open_backup_copy'),
  /** A held file (app_info's `held`): copied to Matchbook's folder, or to a chosen one; resolves to the new file's info, null when cancelled. */
  keepOnThisComputer: (chooseFolder) => invoke('keep_on_this_computer', { chooseFolder }),
  dismissHeldFile: () => invoke('dismiss_held_file'),
  /** {shared: null | {folder, member, computer_name, computers: [...], unpublished, conflicts}, entries: [{member, computer, at, what, here}], conflicts: [{id, what, kept, kept_by, other, other_by}]} */
  activityPage: () => invoke('activity_page'),
  /** null when the file is not shared, else {applied, changes_applied, published, waiting, refused, conflicts}. */
  syncShared: () => invoke('sync_shared'),
  resolveConflict: (id, keep) => invoke('resolve_conflict', { id, keep }),
  keepMatching: (programId, versionId) => invoke('keep_matching', { programId, versionId }),
  /** inHeldFolder: share through the held file's folder (the file itself is kept on this computer). Resolves to the file's info, null when cancelled. */
  shareThisProgram: (member, inHeldFolder) => invoke('share_this_program', { member, inHeldFolder }),
  joinSharedProgram: (member) => invoke('join_shared_program', { member }),
  saveCopy: () => invoke('save_copy'),
  /** {folder, keep, backups: [{file_name, made_at, reason, bytes}]}, newest first. */
  listBackups: () => invoke('list_backups'),
  backupNow: () => invoke('backup_now'),
  setBackupsToKeep: (keep) => invoke('set_backups_to_keep', { keep }),
  /** Replaces the open file with that backup; resolves to the reopened file's info. */
  restoreBackup: (fileName) => invoke('restore_backup', { fileName }),
  chooseImportFiles: () => invoke('choose_import_files'),
  /** choices: {sheet, mapping: {question: field}, kinds: {question: kind}, keepApart: [header], roleValues: {answer: role}} */
  previewImport: (fileId, role = null, choices = {}) =>
    invoke('preview_import', { fileId, role, choices }),
  /** role: mentor | participant | both */
  runImport: (fileId, programId, role, choices = {}) =>
    invoke('run_import', { fileId, programId, role, choices }),
  /** Several files in one step, all or none: files [{fileId, role, choices}]; one report each. */
  runImports: (programId, files) => invoke('run_imports', { programId, files }),
  listImports: (programId) => invoke('list_imports', { programId }),
  undoImport: (importId) => invoke('undo_import', { importId }),
  matchingOverview: (programId) => invoke('matching_overview', { programId }),
  computeMatches: (programId, goal) => invoke('compute_matches', { programId, goal }),
  matchQuality: (programId) => invoke('match_quality', { programId }),
  compareGoals: (programId) => invoke('compare_goals', { programId }),
  writeEmailDrafts: (programId, campaign, which = 'all', includeAnswered = false, chooseFolder = false) => invoke('write_email_drafts', { programId, campaign, which, includeAnswered, chooseFolder }),
  emailTemplates: (programId) => invoke('email_templates', { programId }),
  openInMailApp: (to, subject, body) => invoke('open_in_mail_app', { to, subject, body }),
  formKit: (programId) => invoke('form_kit', { programId }),
  saveFormKit: (programId, kit) => invoke('save_form_kit', { programId, kit }),
  formQuestionList: (programId, form) => invoke('form_question_list', { programId, form }),
  saveFormPdf: (programId, form) => invoke('save_form_pdf', { programId, form }),
  saveFormKitFolder: (programId) => invoke('save_form_kit_folder', { programId }),
  adoptFormKit: (programId) => invoke('adopt_form_kit', { programId }),
  bookletOptions: (programId) => invoke('booklet_options', { programId }),
  /** settings: {shown: [question wording…], order: one of bookletOptions().orders' keys} */
  saveBookletPdf: (programId, settings) => invoke('save_booklet_pdf', { programId, settings }),
  saveEmailTemplates: (programId, templates) => invoke('save_email_templates', { programId, templates }),
  previewEmail: (programId, templates, text) => invoke('preview_email', { programId, templates, text }),
  previewSurvey: (fileId, kind, choices, programId = null) => invoke('preview_survey', { fileId, programId, kind, choices }),
  importSurvey: (fileId, programId, kind, choices) => invoke('import_survey', { fileId, programId, kind, choices }),
  /** A file of ranked choices: how it reads, and what importing it into the program would do. choices: {sheet, mapping} */
  previewChoices: (fileId, programId, choices) => invoke('preview_choices', { fileId, programId, choices }),
  importChoices: (fileId, programId, choices) => invoke('import_choices', { fileId, programId, choices }),
  outcomesReport: (programId) => invoke('outcomes_report', { programId }),
  saveOutcomes: (programId, format) => invoke('save_outcomes', { programId, format }),
  setWeakThreshold: (programId, below) => invoke('set_weak_threshold', { programId, below }),
  /** criterion: {participant_question, mentor_question, compare, weight, must, label} (questions by id or wording) */
  addCriterion: (programId, criterion) => invoke('add_criterion', { programId, criterion }),
  /** criterion: {question: id, compare, weight} between the members of a peer circle. */
  addCircleCriterion: (programId, criterion) => invoke('add_circle_criterion', { programId, criterion }),
  /** change: {weight?, must?, label?} */
  setCriterion: (programId, criterionId, change) => invoke('set_criterion', { programId, criterionId, change }),
  removeCriterion: (programId, criterionId) => invoke('remove_criterion', { programId, criterionId }),
  acceptSuggestions: (programId) => invoke('accept_suggestions', { programId }),
  writingExamples: (programId, participantQuestion, mentorQuestion) => invoke('writing_examples', { programId, participantQuestion, mentorQuestion }),
  /** action: lock | unlock | veto | unveto */
  setPairRule: (programId, participantId, mentorId, action, reason = '') =>
    invoke('set_pair_rule', { programId, participantId, mentorId, action, reason }),
  swapMentors: (programId, firstId, secondId) => invoke('swap_mentors', { programId, firstId, secondId }),
  matchAlternatives: (programId, participantId) => invoke('match_alternatives', { programId, participantId }),
  matchWorksheet: (programId) => invoke('match_worksheet', { programId }),
  confirmMatches: (programId) => invoke('confirm_matches', { programId }),
  compareMatchVersions: (programId, from, to) => invoke('compare_match_versions', { programId, from, to }),
  lettersOverview: (programId) => invoke('letters_overview', { programId }),
  letterGreetings: (programId) => invoke('letter_greetings', { programId }),
  setLetterGreeting: (programId, personId, greeting) => invoke('set_letter_greeting', { programId, personId, greeting }),
  /** kind: participant | mentor; draft: the settings being edited (unsaved). */
  previewLetter: (programId, draft, kind, personId = null) => invoke('preview_letter', { programId, draft, kind, personId }),
  saveLetterSettings: (programId, settings) => invoke('save_letter_settings', { programId, settings }),
  chooseLogo: () => invoke('choose_logo'),
  /** which: all | mentors | participants */
  saveLettersPdf: (programId, which) => invoke('save_letters_pdf', { programId, which }),
  saveLettersFolder: (programId, which) => invoke('save_letters_folder', { programId, which }),
  printLetters: (programId, which) => invoke('print_letters', { programId, which }),
  exportMatchesCsv: (programId) => invoke('export_matches_csv', { programId }),
  /** asOfDate: YYYY-MM-DD or null for today. */
  trackingDashboard: (programId, asOfDate = null) => invoke('tracking_dashboard', { programId, asOfDate }),
  trackingPair: (matchId) => invoke('tracking_pair', { matchId }),
  /** meeting: {date, mode, minutes, topics, notes}; meetingId null adds one. */
  saveMeeting: (matchId, meetingId, meeting) => invoke('save_meeting', { matchId, meetingId, meeting }),
  addGroupMeeting: (programId, groupId, meeting) => invoke('add_group_meeting', { programId, groupId, meeting }),
  memberPage: (programId, personId) => invoke('member_page', { programId, personId }),
  setMeetingDeleted: (matchId, meetingId, deleted) => invoke('set_meeting_deleted', { matchId, meetingId, deleted }),
  /** goal: {title, description, area, target_date}; goalId null adds one. */
  saveGoal: (matchId, goalId, goal) => invoke('save_goal', { matchId, goalId, goal }),
  /** update: {status, note, date} */
  updateGoal: (matchId, goalId, update) => invoke('update_goal', { matchId, goalId, update }),
  setGoalDeleted: (matchId, goalId, deleted) => invoke('set_goal_deleted', { matchId, goalId, deleted }),
  endPair: (matchId, date, reason, note = '') => invoke('end_pair', { matchId, date, reason, note }),
  undoEndPair: (matchId) => invoke('undo_end_pair', { matchId }),
  mentorLeaves: (mentorId, date, note) => invoke('mentor_leaves', { mentorId, date, note }),
  readDate: (text) => invoke('read_date', { text }),
  markRiskHandled: (matchId, date, note) => invoke('mark_risk_handled', { matchId, date, note }),
  undoRiskHandled: (matchId) => invoke('undo_risk_handled', { matchId }),
  /** matchIds empty: every running pair of the program. */
  completePairs: (programId, matchIds) => invoke('complete_pairs', { programId, matchIds }),
  pairReminder: (matchId) => invoke('pair_reminder', { matchId }),
  trackingReport: (programId, asOfDate = null) => invoke('tracking_report', { programId, asOfDate }),
  saveCalendar: (programId, matchId = null, pastDates = false) => invoke('save_calendar', { programId, matchId, pastDates }),
  /** format: pdf | csv */
  saveReport: (programId, asOfDate, format) => invoke('save_report', { programId, asOfDate, format }),
  printReport: (programId, asOfDate) => invoke('print_report', { programId, asOfDate }),
};

/** Subscribes to an event sent by the Rust side; returns a promise of the unsubscribe function. */
export function onEvent(name, handler) {
  return window.__TAURI__.event.listen(name, (event) => handler(event.payload));
}
