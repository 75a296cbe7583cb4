-- Issue 31: a third goal, "No one would trade" (stable). The goal column's
-- CHECK cannot be changed in place (and match_versions cannot be rebuilt
-- without its matches), so the goal is kept in goal_name from now on; the
-- old column stays for the CHECK's sake and says 'total' for a stable version.
ALTER TABLE match_versions ADD COLUMN goal_name TEXT;
UPDATE match_versions SET goal_name = goal;
