-- Tracking reads goals and their progress per pair; these keep the dashboard
-- of a 500-pair program fast.
CREATE INDEX goals_by_match ON goals(match_id);
CREATE INDEX goal_updates_by_goal ON goal_updates(goal_id, date);
