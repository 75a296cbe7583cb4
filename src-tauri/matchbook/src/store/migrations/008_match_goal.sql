-- The goal each computed version optimised (issue 17): the highest total,
-- or the weakest pair raised first. Versions computed before were "total".
ALTER TABLE match_versions ADD COLUMN goal TEXT NOT NULL DEFAULT 'total'
    CHECK (goal IN ('total', 'fairest'));
