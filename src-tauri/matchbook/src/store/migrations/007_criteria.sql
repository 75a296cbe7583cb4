-- The committee's own criteria (issue 15): a participant question compared
-- with a mentor question. The six built-in criteria are not stored here:
-- their weights stay in program_settings, so existing files keep them.
CREATE TABLE criteria (
    id                      INTEGER PRIMARY KEY,
    program_id              INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    label                   TEXT NOT NULL CHECK (length(trim(label)) > 0),
    participant_question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    mentor_question_id      INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    compare                 TEXT NOT NULL CHECK (compare IN ('shared', 'same', 'closeness',
                                                              'mentor_more', 'requested', 'avoid')),
    weight                  INTEGER NOT NULL DEFAULT 50 CHECK (weight BETWEEN 0 AND 100),
    must                    INTEGER NOT NULL DEFAULT 0 CHECK (must IN (0, 1)),
    created_at              TEXT NOT NULL
);
CREATE INDEX criteria_by_program ON criteria(program_id);
