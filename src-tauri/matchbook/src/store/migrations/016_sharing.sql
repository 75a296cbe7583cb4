-- Sharing a program through a folder (issue 30): every shared record gets a
-- globally unique id (`uid`), because integer ids collide between computers;
-- local integer ids stay for the window and the command line. A uid is given
-- when the file is shared, and to each new record of a shared file. The log of
-- changes (`change_log`) is also the Activity page: who did what, when, where.

ALTER TABLE programs ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX programs_by_uid ON programs(uid);
ALTER TABLE program_settings ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX program_settings_by_uid ON program_settings(uid);
ALTER TABLE imports ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX imports_by_uid ON imports(uid);
ALTER TABLE import_changes ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX import_changes_by_uid ON import_changes(uid);
ALTER TABLE people ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX people_by_uid ON people(uid);
ALTER TABLE pair_rules ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX pair_rules_by_uid ON pair_rules(uid);
ALTER TABLE library_aliases ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX library_aliases_by_uid ON library_aliases(uid);
ALTER TABLE match_versions ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX match_versions_by_uid ON match_versions(uid);
ALTER TABLE matches ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX matches_by_uid ON matches(uid);
ALTER TABLE match_events ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX match_events_by_uid ON match_events(uid);
ALTER TABLE goals ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX goals_by_uid ON goals(uid);
ALTER TABLE goal_updates ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX goal_updates_by_uid ON goal_updates(uid);
ALTER TABLE meetings ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX meetings_by_uid ON meetings(uid);
ALTER TABLE letters ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX letters_by_uid ON letters(uid);
ALTER TABLE raw_rows ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX raw_rows_by_uid ON raw_rows(uid);
ALTER TABLE applications ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX applications_by_uid ON applications(uid);
ALTER TABLE questions ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX questions_by_uid ON questions(uid);
ALTER TABLE checkin_responses ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX checkin_responses_by_uid ON checkin_responses(uid);
ALTER TABLE evaluation_responses ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX evaluation_responses_by_uid ON evaluation_responses(uid);
ALTER TABLE evaluation_agreements ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX evaluation_agreements_by_uid ON evaluation_agreements(uid);
ALTER TABLE choices ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX choices_by_uid ON choices(uid);
ALTER TABLE waiting_list ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX waiting_list_by_uid ON waiting_list(uid);
ALTER TABLE match_groups ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX match_groups_by_uid ON match_groups(uid);
ALTER TABLE match_group_members ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX match_group_members_by_uid ON match_group_members(uid);
ALTER TABLE group_meetings ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX group_meetings_by_uid ON group_meetings(uid);
ALTER TABLE criteria ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX criteria_by_uid ON criteria(uid);

-- This computer's part in a shared program: one row once shared or joined.
CREATE TABLE share_self (
    only          INTEGER PRIMARY KEY CHECK (only = 1),
    computer      TEXT NOT NULL,       -- a uid made at share init|join
    computer_name TEXT NOT NULL,
    member        TEXT NOT NULL,
    folder        TEXT NOT NULL,
    clock_ms      INTEGER NOT NULL DEFAULT 0,
    clock_n       INTEGER NOT NULL DEFAULT 0,
    joined_at     TEXT NOT NULL
);

-- Every change made in this file or applied from another computer's files.
-- `rows` holds the records it wrote (only once the file is shared); `file_seq`
-- is the change file that carried it (NULL: made here, not yet published).
CREATE TABLE change_log (
    seq       INTEGER PRIMARY KEY,
    uid       TEXT NOT NULL UNIQUE,
    computer  TEXT NOT NULL,
    computer_name TEXT NOT NULL,
    member    TEXT NOT NULL,
    at        TEXT NOT NULL,
    clock     TEXT NOT NULL,
    what      TEXT NOT NULL,
    seen_json TEXT NOT NULL DEFAULT '{}',
    rows_json TEXT,
    file_seq  INTEGER
);
CREATE INDEX change_log_by_computer ON change_log(computer, file_seq);

-- Change files already applied, by computer and number.
CREATE TABLE share_files (
    computer TEXT NOT NULL,
    seq      INTEGER NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    PRIMARY KEY (computer, seq)
);

-- The clock that last wrote each record and each field, for last-writer-wins;
-- `deleted` records stay deleted whatever arrives later.
CREATE TABLE share_records (
    tbl     TEXT NOT NULL,
    uid     TEXT NOT NULL,
    clock   TEXT NOT NULL,
    change  TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tbl, uid)
);
CREATE TABLE share_fields (
    tbl    TEXT NOT NULL,
    uid    TEXT NOT NULL,
    col    TEXT NOT NULL,
    clock  TEXT NOT NULL,
    change TEXT NOT NULL,
    PRIMARY KEY (tbl, uid, col)
);

-- A record another computer made that turned out to be one already here
-- (the same question or setting made on two computers at once).
CREATE TABLE share_aliases (
    tbl       TEXT NOT NULL,
    uid       TEXT NOT NULL,
    local_uid TEXT NOT NULL,
    PRIMARY KEY (tbl, uid)
);

-- Two members changed the same field without seeing each other's change.
CREATE TABLE share_conflicts (
    id          INTEGER PRIMARY KEY,
    tbl         TEXT NOT NULL,
    uid         TEXT NOT NULL,
    col         TEXT NOT NULL,
    kept_json   TEXT NOT NULL,
    kept_change TEXT NOT NULL,
    lost_json   TEXT NOT NULL,
    lost_change TEXT NOT NULL,
    resolved_at TEXT,
    UNIQUE (tbl, uid, col, lost_change)
);
