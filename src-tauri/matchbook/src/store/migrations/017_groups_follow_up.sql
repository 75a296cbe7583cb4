-- Issue 32: a check-in is joined to a peer circle or a mentor's group. A
-- circle's members have no pair, so `match_id` becomes optional and
-- `group_id` names the group; every response names one or the other (a
-- member of a mentor's group names both). SQLite cannot drop NOT NULL in
-- place, so the table is rebuilt: no table references it, and its ids,
-- `uid`s (what sharing knows it by) and indexes are kept as they were.
CREATE TABLE checkin_responses_017 (
    id            INTEGER PRIMARY KEY,
    import_id     INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    row_number    INTEGER NOT NULL,
    match_id      INTEGER REFERENCES matches(id) ON DELETE CASCADE,
    respondent_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    period        INTEGER NOT NULL CHECK (period >= 1),
    responded_on  TEXT NOT NULL,
    met           INTEGER CHECK (met IS NULL OR met IN (0, 1)),
    meetings      INTEGER CHECK (meetings IS NULL OR meetings >= 0),
    modes         TEXT NOT NULL DEFAULT '',
    topics        TEXT NOT NULL DEFAULT '',
    satisfaction  INTEGER CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5),
    goal_progress TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    uid           TEXT,
    group_id      INTEGER REFERENCES match_groups(id) ON DELETE CASCADE,
    CHECK (match_id IS NOT NULL OR group_id IS NOT NULL)
);
INSERT INTO checkin_responses_017 (id, import_id, row_number, match_id, respondent_id, period,
    responded_on, met, meetings, modes, topics, satisfaction, goal_progress, note, uid)
SELECT id, import_id, row_number, match_id, respondent_id, period,
    responded_on, met, meetings, modes, topics, satisfaction, goal_progress, note, uid
FROM checkin_responses;
DROP TABLE checkin_responses;
ALTER TABLE checkin_responses_017 RENAME TO checkin_responses;
CREATE INDEX checkin_responses_by_match ON checkin_responses(match_id, period);
CREATE INDEX checkin_responses_by_group ON checkin_responses(group_id, period);
CREATE UNIQUE INDEX checkin_responses_by_uid ON checkin_responses(uid);

-- Issue 32: peer circles keep people of one library apart (with its
-- aliases) unless the committee says they may share a circle.
ALTER TABLE programs ADD COLUMN keep_libraries_apart INTEGER NOT NULL DEFAULT 1
    CHECK (keep_libraries_apart IN (0, 1));
