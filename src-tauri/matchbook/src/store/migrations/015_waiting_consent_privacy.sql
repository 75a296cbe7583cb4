-- Issue 33: from one year to the next, and privacy.
-- The waiting list: participants left without a mentor when matches were
-- confirmed, with the reason; `since_program` names the program they first
-- waited in when they were carried into a later one ('' otherwise).
CREATE TABLE waiting_list (
    person_id     INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    program_id    INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    reason        TEXT NOT NULL,
    detail        TEXT NOT NULL DEFAULT '',
    since_program TEXT NOT NULL DEFAULT '',
    added_at      TEXT NOT NULL
);
CREATE INDEX waiting_list_by_program ON waiting_list(program_id);
-- What the committee records about a person beside their answers: the day
-- they gave consent to be matched, its reason for overriding an eligibility
-- rule, and when the retention period erased their details.
ALTER TABLE people ADD COLUMN consent_given_on TEXT;
ALTER TABLE people ADD COLUMN eligibility_override TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN erased_at TEXT;
-- A question's kind beyond the CHECK of `kind` (which cannot change without
-- rebuilding a table criteria reference): 'consent' ("I agree that…"),
-- stored with kind 'yes_no'. NULL: the kind is `kind`.
ALTER TABLE questions ADD COLUMN kind_name TEXT;
