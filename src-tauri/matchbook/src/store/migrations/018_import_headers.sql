-- Each import keeps its column titles once; the raw rows it stores are then
-- arrays of cells in the same order instead of objects repeating every
-- title (a third of a 10,000-row program file). Rows stored before keep
-- their objects; readers take both.
ALTER TABLE imports ADD COLUMN headers_json TEXT;
