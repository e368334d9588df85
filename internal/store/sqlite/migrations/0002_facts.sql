-- Facts read out of each article (entities, dates, quantities, claims), as
-- one JSON object with byte offsets into the article body. '{}' until the
-- facts stage has run (reprocess fills it for articles stored before).
ALTER TABLE articles ADD COLUMN facts TEXT NOT NULL DEFAULT '{}';
