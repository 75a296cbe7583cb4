-- An import of 10,000 applications adds 10,000 records to each of people,
-- raw_rows, applications and import_changes, and each index of those tables
-- costs every record one more entry (about 10 ms a table on `make bench`).
--
-- `people_by_email` (program, role, email) also serves every look-up by
-- program and role, so the narrower `people_by_program` goes.
DROP INDEX IF EXISTS people_by_program;

-- A record's uid is given when its program is first shared; until then it
-- is empty and the uid index held one empty entry per record. Indexed only
-- once given: still unique, and still what finds a record by its uid
-- ("uid = ?" implies it is not empty).
DROP INDEX people_by_uid;
CREATE UNIQUE INDEX people_by_uid ON people(uid) WHERE uid IS NOT NULL;
DROP INDEX raw_rows_by_uid;
CREATE UNIQUE INDEX raw_rows_by_uid ON raw_rows(uid) WHERE uid IS NOT NULL;
DROP INDEX applications_by_uid;
CREATE UNIQUE INDEX applications_by_uid ON applications(uid) WHERE uid IS NOT NULL;
DROP INDEX import_changes_by_uid;
CREATE UNIQUE INDEX import_changes_by_uid ON import_changes(uid) WHERE uid IS NOT NULL;
