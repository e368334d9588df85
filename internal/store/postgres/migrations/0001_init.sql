-- taqrir's store in PostgreSQL: the same tables as the SQLite driver's,
-- created whole (SQLite's migrations 0001-0004 in one).
--
-- Times are RFC 3339 text exactly as in SQLite: an article moves between
-- the drivers byte for byte, and a publication time keeps its outlet's own
-- offset, so the month it counts in (Stats) is the outlet's month, as in
-- the embedded store. Lists are JSON text (not jsonb, which refuses
-- \u0000 and reorders nothing we need). Ids and sources sort by bytes
-- (COLLATE "C") whatever the database's locale: id prefixes resolve as a
-- range of the primary key, and Stats lists sources as SQLite does.

-- Raw input, content-addressed and compressed (deflate), kept for reprocess.
CREATE TABLE raw_items (
    sha256       text COLLATE "C" PRIMARY KEY,
    format       text NOT NULL,
    origin       text NOT NULL,
    size         bigint NOT NULL,
    data         bytea NOT NULL,
    received_at  text NOT NULL,
    url          text NOT NULL DEFAULT '',
    content_type text NOT NULL DEFAULT ''
);

-- seq is the change sequence: it grows whenever an article is inserted or
-- its content changes, and every consumer (the index, stories, saved
-- searches) remembers the last seq it applied. It is handed out only
-- under the lock on seq_counter's one row, which each writing transaction
-- holds until it commits: seq order is commit order (see doc.go).
CREATE TABLE seq_counter (
    id   int PRIMARY KEY CHECK (id = 1),
    last bigint NOT NULL
);
INSERT INTO seq_counter (id, last) VALUES (1, 0);

CREATE TABLE articles (
    id            text COLLATE "C" PRIMARY KEY,
    seq           bigint NOT NULL,
    url           text NOT NULL DEFAULT '',
    canonical_url text NOT NULL DEFAULT '',
    source        text COLLATE "C" NOT NULL DEFAULT '',
    title         text NOT NULL,
    byline        text NOT NULL DEFAULT '',
    published     text,
    language      text NOT NULL DEFAULT '',
    paragraphs    text NOT NULL,
    captions      text NOT NULL DEFAULT '[]',
    credits       text NOT NULL DEFAULT '[]',
    origin        text NOT NULL DEFAULT '',
    ingested_at   text NOT NULL,
    raw_sha256    text COLLATE "C" NOT NULL REFERENCES raw_items(sha256),
    content_hash  text NOT NULL,
    -- Facts read out of the article, deflated JSON as in SQLite.
    facts         bytea NOT NULL DEFAULT '\x7b7d',
    -- The original's id for a copy, '' for an original.
    copy_of       text COLLATE "C" NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX articles_seq ON articles(seq);
CREATE INDEX articles_canonical_url ON articles(canonical_url);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_raw_sha256 ON articles(raw_sha256);
CREATE INDEX articles_source_published ON articles(source, published);
CREATE INDEX articles_copy_of ON articles(copy_of);
