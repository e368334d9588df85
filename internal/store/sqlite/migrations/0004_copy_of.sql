-- A copy: an article whose title and body an article of another source
-- already had when it arrived (a syndicated or re-published text). It is
-- stored as an article of its own, so its outlet counts, and copy_of names
-- the original (an article whose copy_of is empty). '' for an original.
ALTER TABLE articles ADD COLUMN copy_of TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_copy_of ON articles(copy_of);
