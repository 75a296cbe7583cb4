-- Issue 16: check-in surveys and the end-of-program evaluation, imported
-- like applications. An import of responses is an `imports` row of its own
-- kind; undoing it deletes the responses it brought.
ALTER TABLE imports ADD COLUMN kind TEXT NOT NULL DEFAULT 'applications'
    CHECK (kind IN ('applications', 'check_ins', 'evaluations'));

-- The program's pre-filled check-in form link; {email} marks where each
-- person's email goes.
ALTER TABLE programs ADD COLUMN survey_link TEXT NOT NULL DEFAULT '';

-- One person's answer to a quarterly check-in, for one pair and period.
-- A later answer of the same person, pair and period replaces an earlier
-- one (both are kept, so undoing the later import brings the earlier back).
CREATE TABLE checkin_responses (
    id            INTEGER PRIMARY KEY,
    import_id     INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    row_number    INTEGER NOT NULL,
    match_id      INTEGER NOT NULL REFERENCES matches(id) ON DELETE CASCADE,
    respondent_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    period        INTEGER NOT NULL CHECK (period >= 1),
    responded_on  TEXT NOT NULL,
    met           INTEGER CHECK (met IS NULL OR met IN (0, 1)),
    meetings      INTEGER CHECK (meetings IS NULL OR meetings >= 0),
    modes         TEXT NOT NULL DEFAULT '',
    topics        TEXT NOT NULL DEFAULT '',
    satisfaction  INTEGER CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5),
    goal_progress TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX checkin_responses_by_match ON checkin_responses(match_id, period);

-- One person's end-of-program evaluation.
CREATE TABLE evaluation_responses (
    id            INTEGER PRIMARY KEY,
    import_id     INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    row_number    INTEGER NOT NULL,
    program_id    INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    respondent_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    responded_on  TEXT NOT NULL,
    satisfaction  INTEGER CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5),
    recommend     INTEGER CHECK (recommend IS NULL OR recommend BETWEEN 0 AND 10),
    goals_reached TEXT CHECK (goals_reached IS NULL OR goals_reached IN ('yes', 'partly', 'no')),
    comments      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX evaluation_responses_by_program ON evaluation_responses(program_id);

-- An evaluation's answer to one agreement statement, 1 (strongly disagree) to 5.
CREATE TABLE evaluation_agreements (
    response_id INTEGER NOT NULL REFERENCES evaluation_responses(id) ON DELETE CASCADE,
    statement   TEXT NOT NULL,
    agreement   INTEGER NOT NULL CHECK (agreement BETWEEN 1 AND 5)
);
CREATE INDEX evaluation_agreements_by_response ON evaluation_agreements(response_id);
