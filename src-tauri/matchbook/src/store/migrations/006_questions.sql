-- The questions of each program's forms, typed, remembered by wording
-- (issue 14). People's answers live with their application, keyed by wording.
CREATE TABLE questions (
    id           INTEGER PRIMARY KEY,
    program_id   INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('mentor', 'participant')),
    -- The wording without case or punctuation: how a question is recognised next year.
    key          TEXT NOT NULL,
    text         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('single', 'multi', 'number', 'scale', 'yes_no',
                                               'date', 'names', 'text', 'contact')),
    -- The built-in field the answers also feed (areas, email, …), if any.
    field        TEXT,
    columns_json TEXT NOT NULL DEFAULT '[]',
    -- Options in the form's order (scales low to high).
    options_json TEXT NOT NULL DEFAULT '[]',
    position     INTEGER NOT NULL DEFAULT 0,
    -- The import that first found it: undoing that import removes it.
    import_id    INTEGER REFERENCES imports(id) ON DELETE SET NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (program_id, role, key)
);

ALTER TABLE people ADD COLUMN answers_json TEXT NOT NULL DEFAULT '{}';

-- One form for both roles: the import history says "both".
ALTER TABLE imports ADD COLUMN roles_json TEXT;

-- Different people may give one address (none@none.com, a shared office
-- address): the import tells them apart by name and flags them.
DROP INDEX people_unique_email;
CREATE INDEX people_by_email ON people(program_id, role, email);
