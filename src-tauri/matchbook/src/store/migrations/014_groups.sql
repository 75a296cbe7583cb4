-- Issue 32: a program's shape (one-to-one pairs, a mentor with a group,
-- or peer circles without a mentor) and the size its groups may have.
ALTER TABLE programs ADD COLUMN shape TEXT NOT NULL DEFAULT 'one_to_one'
    CHECK (shape IN ('one_to_one', 'groups', 'circles'));
ALTER TABLE programs ADD COLUMN group_min INTEGER NOT NULL DEFAULT 4
    CHECK (group_min BETWEEN 2 AND 50);
ALTER TABLE programs ADD COLUMN group_max INTEGER NOT NULL DEFAULT 6
    CHECK (group_max BETWEEN 2 AND 50);
-- A criterion between the members of a circle may ask for different
-- answers ("mixed": different regions). The compare column's CHECK cannot
-- change without rebuilding the table, so a mixed criterion is stored as
-- 'same' with this flag.
ALTER TABLE criteria ADD COLUMN mixed INTEGER NOT NULL DEFAULT 0 CHECK (mixed IN (0, 1));
-- The groups of a computed version: a mentor's group (its members also
-- have their pairs in matches) or a peer circle (mentor_id NULL). A group is
-- confirmed when its version is.
CREATE TABLE match_groups (
    id           INTEGER PRIMARY KEY,
    program_id   INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    version_id   INTEGER NOT NULL REFERENCES match_versions(id) ON DELETE CASCADE,
    mentor_id    INTEGER REFERENCES people(id) ON DELETE SET NULL,
    score        REAL NOT NULL DEFAULT 0,
    reasons_json TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX match_groups_by_version ON match_groups(version_id);
CREATE TABLE match_group_members (
    group_id  INTEGER NOT NULL REFERENCES match_groups(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, person_id)
);
CREATE INDEX match_group_members_by_person ON match_group_members(person_id);
-- Meetings of a whole group: each counts for every member.
CREATE TABLE group_meetings (
    id         INTEGER PRIMARY KEY,
    group_id   INTEGER NOT NULL REFERENCES match_groups(id) ON DELETE CASCADE,
    date       TEXT NOT NULL,
    mode       TEXT NOT NULL DEFAULT '' CHECK (mode IN ('', 'in_person', 'video', 'phone')),
    minutes    INTEGER CHECK (minutes IS NULL OR minutes >= 0),
    topics     TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX group_meetings_by_group ON group_meetings(group_id, date);
