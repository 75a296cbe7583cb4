-- Issue 29: criteria may compare what people wrote ('text'), with a minimum
-- similarity (percent of full marks) that makes must-match hold, and a
-- "same answer" criterion may count only for the people who asked for it
-- (gate_question_id: "Would you prefer someone of the same gender?").
-- SQLite cannot change a CHECK, so the table is made anew with its rows.
CREATE TABLE criteria_new (
    id                      INTEGER PRIMARY KEY,
    program_id              INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    label                   TEXT NOT NULL CHECK (length(trim(label)) > 0),
    participant_question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    mentor_question_id      INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    compare                 TEXT NOT NULL CHECK (compare IN ('shared', 'same', 'closeness',
                                                              'mentor_more', 'requested', 'avoid',
                                                              'text')),
    weight                  INTEGER NOT NULL DEFAULT 50 CHECK (weight BETWEEN 0 AND 100),
    must                    INTEGER NOT NULL DEFAULT 0 CHECK (must IN (0, 1)),
    created_at              TEXT NOT NULL,
    min_similarity          INTEGER CHECK (min_similarity BETWEEN 0 AND 100),
    gate_question_id        INTEGER REFERENCES questions(id) ON DELETE SET NULL
);
INSERT INTO criteria_new (id, program_id, label, participant_question_id, mentor_question_id,
                          compare, weight, must, created_at)
SELECT id, program_id, label, participant_question_id, mentor_question_id,
       compare, weight, must, created_at
FROM criteria;
DROP TABLE criteria;
ALTER TABLE criteria_new RENAME TO criteria;
CREATE INDEX criteria_by_program ON criteria(program_id);
