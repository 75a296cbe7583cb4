-- Settings of the program file itself (not of one program), e.g. how many
-- rolling backups to keep.
CREATE TABLE file_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
