-- The number of mentees a mentor agreed with the committee, when it differs
-- from their application's answer. Kept apart from `capacity` (the answer)
-- so importing the application again never undoes the committee's change.
ALTER TABLE people ADD COLUMN capacity_agreed INTEGER;
