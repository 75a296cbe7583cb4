-- Issue 31: ranked choices. A participant names the mentors they would most
-- like, in order (from the mentor booklet); a mentor may rank participants
-- the same way. Each import keeps its rows: a person's choices are those of
-- the newest import that has any of theirs, so a re-import replaces them
-- and undoing it brings the earlier ones back.
CREATE TABLE choices (
    id          INTEGER PRIMARY KEY,
    program_id  INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    import_id   INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    row_number  INTEGER NOT NULL,
    chooser_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    chosen_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    rank        INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 20),
    UNIQUE (import_id, chooser_id, chosen_id)
);
CREATE INDEX choices_by_chooser ON choices(program_id, chooser_id, import_id);

-- An import of choices is an `imports` row like any other, but the CHECK of
-- `imports.kind` knows only applications, check-ins and evaluations, and
-- `imports` cannot be rebuilt (import_changes, applications, raw rows and
-- responses refer to it). So, as match_versions.goal_name did for goals, the
-- kind is kept in kind_name from now on; for a choices import the old column
-- says 'evaluations', the kind it is undone like (its own rows go, people stay).
ALTER TABLE imports ADD COLUMN kind_name TEXT;
UPDATE imports SET kind_name = kind;
