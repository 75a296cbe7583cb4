-- Each distinct spreadsheet row's raw text is stored once, in raw_rows, and
-- every application row that arrived with exactly that text refers to it:
-- one application pasted 240,000 times no longer stores 240,000 copies.
-- Each application keeps its own file, sheet and row number, so every row of
-- a file is still accounted for; a raw row's count is how many refer to it.
CREATE TABLE raw_rows (
    id       INTEGER PRIMARY KEY,
    raw_json TEXT NOT NULL
);

-- Existing files: one raw row per distinct text, numbered by its first application.
CREATE INDEX migrating_applications_by_raw_json ON applications(raw_json);
INSERT INTO raw_rows (id, raw_json)
SELECT min(id), raw_json FROM applications GROUP BY raw_json;

CREATE TABLE applications_v5 (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    import_id   INTEGER REFERENCES imports(id) ON DELETE SET NULL,
    source_file TEXT NOT NULL,
    sheet       TEXT NOT NULL DEFAULT '',
    row_number  INTEGER NOT NULL,
    raw_id      INTEGER NOT NULL REFERENCES raw_rows(id),
    received_at TEXT NOT NULL
);
INSERT INTO applications_v5 (id, person_id, import_id, source_file, sheet, row_number, raw_id, received_at)
SELECT a.id, a.person_id, a.import_id, a.source_file, a.sheet, a.row_number, r.id, a.received_at
FROM raw_rows r JOIN applications a ON a.raw_json = r.raw_json;

DROP TABLE applications;
ALTER TABLE applications_v5 RENAME TO applications;
CREATE INDEX applications_by_person ON applications(person_id);
CREATE INDEX applications_by_import ON applications(import_id);
CREATE INDEX applications_by_raw_row ON applications(raw_id);

-- A raw row leaves with the last application that refers to it (undoing an
-- import, erasing a person), so nobody's answers outlive them in the file.
CREATE TRIGGER raw_row_released AFTER DELETE ON applications
WHEN NOT EXISTS (SELECT 1 FROM applications WHERE raw_id = OLD.raw_id)
BEGIN
    DELETE FROM raw_rows WHERE id = OLD.raw_id;
END;
