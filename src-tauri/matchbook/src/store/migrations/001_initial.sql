-- Matchbook program file, schema version 1: the whole mission in one design.
-- Dates are ISO 8601 text (YYYY-MM-DD); timestamps are RFC 3339 text in UTC.

CREATE TABLE programs (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    organization        TEXT NOT NULL DEFAULT '',
    kickoff_date        TEXT,
    kickoff_event       TEXT NOT NULL DEFAULT '',
    kickoff_place       TEXT NOT NULL DEFAULT '',
    relationship_months INTEGER NOT NULL DEFAULT 18 CHECK (relationship_months BETWEEN 1 AND 120),
    cadence_months      INTEGER NOT NULL DEFAULT 3 CHECK (cadence_months BETWEEN 1 AND 24),
    contact_name        TEXT NOT NULL DEFAULT '',
    contact_email       TEXT NOT NULL DEFAULT '',
    archived_at         TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);

-- Per-program settings the committee edits (matching weights, letter templates, letterhead).
CREATE TABLE program_settings (
    program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    value_json TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (program_id, key)
);

-- One spreadsheet brought in; undoing it removes what it added.
CREATE TABLE imports (
    id           INTEGER PRIMARY KEY,
    program_id   INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('mentor', 'participant')),
    file_name    TEXT NOT NULL,
    file_path    TEXT NOT NULL DEFAULT '',
    sheet        TEXT NOT NULL DEFAULT '',
    imported_at  TEXT NOT NULL,
    imported_by  TEXT NOT NULL DEFAULT '',
    rows_total   INTEGER NOT NULL DEFAULT 0,
    added        INTEGER NOT NULL DEFAULT 0,
    updated      INTEGER NOT NULL DEFAULT 0,
    unchanged    INTEGER NOT NULL DEFAULT 0,
    blank        INTEGER NOT NULL DEFAULT 0,
    attention_json TEXT NOT NULL DEFAULT '[]',
    mapping_json TEXT NOT NULL DEFAULT '{}',
    -- The remembered mapping this import replaced (NULL: there was none), restored by undo.
    header_signature      TEXT NOT NULL DEFAULT '',
    previous_mapping_json TEXT,
    undone_at    TEXT
);

-- What each import did to each person, so it can be undone exactly.
CREATE TABLE import_changes (
    import_id   INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('added', 'updated')),
    before_json TEXT,
    PRIMARY KEY (import_id, person_id)
);

-- Column mappings remembered per set of headers, so next year's form needs no clicks.
CREATE TABLE header_mappings (
    header_signature TEXT PRIMARY KEY,
    mapping_json     TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

-- A mentor or participant in one program, with the normalized answers.
CREATE TABLE people (
    id               INTEGER PRIMARY KEY,
    program_id       INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    role             TEXT NOT NULL CHECK (role IN ('mentor', 'participant')),
    name             TEXT NOT NULL,
    preferred_name   TEXT NOT NULL DEFAULT '',
    email            TEXT COLLATE NOCASE,
    phone            TEXT NOT NULL DEFAULT '',
    library          TEXT NOT NULL DEFAULT '',
    position         TEXT NOT NULL DEFAULT '',
    city             TEXT NOT NULL DEFAULT '',
    region           TEXT NOT NULL DEFAULT '',
    years_experience REAL,
    capacity         INTEGER CHECK (capacity IS NULL OR capacity >= 0),
    requested_mentor TEXT NOT NULL DEFAULT '',
    kickoff_attendance TEXT NOT NULL DEFAULT '',
    goals            TEXT NOT NULL DEFAULT '',
    comments         TEXT NOT NULL DEFAULT '',
    submitted_at     TEXT,
    -- multi-valued answers: {"library_types":[..],"areas":[..],"meeting_modes":[..],"avoid":[..]}
    lists_json       TEXT NOT NULL DEFAULT '{}',
    -- columns the committee kept but that Matchbook does not use: {"header": "value"}
    extra_json       TEXT NOT NULL DEFAULT '{}',
    flags_json       TEXT NOT NULL DEFAULT '[]',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX people_unique_email ON people(program_id, role, email) WHERE email IS NOT NULL;
CREATE INDEX people_by_program ON people(program_id, role);

-- Each application row exactly as it arrived, so nothing a person wrote is lost.
CREATE TABLE applications (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    import_id   INTEGER REFERENCES imports(id) ON DELETE SET NULL,
    source_file TEXT NOT NULL,
    sheet       TEXT NOT NULL DEFAULT '',
    row_number  INTEGER NOT NULL,
    raw_json    TEXT NOT NULL,
    received_at TEXT NOT NULL
);
CREATE INDEX applications_by_person ON applications(person_id);
CREATE INDEX applications_by_import ON applications(import_id);

-- Committee decisions that every solve must respect.
CREATE TABLE pair_rules (
    id             INTEGER PRIMARY KEY,
    program_id     INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    mentor_id      INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('lock', 'veto', 'override')),
    reason         TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL DEFAULT '',
    UNIQUE (participant_id, mentor_id, kind)
);

-- Two spellings of one library/organization, for the same-library rule.
CREATE TABLE library_aliases (
    program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    alias      TEXT NOT NULL COLLATE NOCASE,
    canonical  TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (program_id, alias)
);

-- Each "Compute matches" run is a version; confirming one makes its pairs the program's matches.
CREATE TABLE match_versions (
    id           INTEGER PRIMARY KEY,
    program_id   INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL CHECK (status IN ('proposal', 'confirmed', 'superseded')),
    weights_json TEXT NOT NULL DEFAULT '{}',
    total_score  REAL NOT NULL DEFAULT 0,
    unmatched_json TEXT NOT NULL DEFAULT '[]',
    confirmed_at TEXT
);

CREATE TABLE matches (
    id             INTEGER PRIMARY KEY,
    program_id     INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    version_id     INTEGER NOT NULL REFERENCES match_versions(id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    mentor_id      INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    score          REAL NOT NULL DEFAULT 0,
    breakdown_json TEXT NOT NULL DEFAULT '{}',
    locked         INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    status         TEXT NOT NULL CHECK (status IN ('proposed', 'confirmed', 'ended', 'completed')),
    confirmed_at   TEXT,
    ended_on       TEXT,
    end_reason     TEXT NOT NULL DEFAULT '',
    UNIQUE (version_id, participant_id)
);
CREATE INDEX matches_by_program ON matches(program_id, status);

-- Who changed what when, for every match.
CREATE TABLE match_events (
    id       INTEGER PRIMARY KEY,
    match_id INTEGER NOT NULL REFERENCES matches(id) ON DELETE CASCADE,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL DEFAULT '',
    action   TEXT NOT NULL,
    detail   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE goals (
    id          INTEGER PRIMARY KEY,
    match_id    INTEGER NOT NULL REFERENCES matches(id) ON DELETE CASCADE,
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description TEXT NOT NULL DEFAULT '',
    area        TEXT NOT NULL DEFAULT '',
    target_date TEXT,
    status      TEXT NOT NULL DEFAULT 'not_started'
                CHECK (status IN ('not_started', 'in_progress', 'achieved', 'dropped')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);

CREATE TABLE goal_updates (
    id         INTEGER PRIMARY KEY,
    goal_id    INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    date       TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'achieved', 'dropped')),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE meetings (
    id         INTEGER PRIMARY KEY,
    match_id   INTEGER NOT NULL REFERENCES matches(id) ON DELETE CASCADE,
    date       TEXT NOT NULL,
    mode       TEXT NOT NULL DEFAULT '' CHECK (mode IN ('', 'in_person', 'video', 'phone')),
    minutes    INTEGER CHECK (minutes IS NULL OR minutes >= 0),
    topics     TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX meetings_by_match ON meetings(match_id, date);

-- Letters produced: for whom, from which matches, so a changed match flags the letter outdated.
CREATE TABLE letters (
    id                INTEGER PRIMARY KEY,
    program_id        INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    person_id         INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind              TEXT NOT NULL,
    match_fingerprint TEXT NOT NULL,
    output            TEXT NOT NULL DEFAULT '',
    produced_at       TEXT NOT NULL,
    produced_by       TEXT NOT NULL DEFAULT ''
);
