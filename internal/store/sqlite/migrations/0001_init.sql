-- Raw input, content-addressed and compressed (deflate), kept for reprocess.
CREATE TABLE raw_items (
    sha256      TEXT PRIMARY KEY,
    format      TEXT NOT NULL,
    origin      TEXT NOT NULL,
    size        INTEGER NOT NULL,
    data        BLOB NOT NULL,
    received_at TEXT NOT NULL
);

-- Articles. Lists (paragraphs, captions, credits) are JSON arrays.
-- seq is the change sequence: it grows whenever an article is inserted or
-- its content changes, and the index remembers the last seq it applied.
CREATE TABLE articles (
    id            TEXT PRIMARY KEY,
    seq           INTEGER NOT NULL,
    url           TEXT NOT NULL DEFAULT '',
    canonical_url TEXT NOT NULL DEFAULT '',
    source        TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL,
    byline        TEXT NOT NULL DEFAULT '',
    published     TEXT,
    language      TEXT NOT NULL DEFAULT '',
    paragraphs    TEXT NOT NULL,
    captions      TEXT NOT NULL DEFAULT '[]',
    credits       TEXT NOT NULL DEFAULT '[]',
    origin        TEXT NOT NULL DEFAULT '',
    ingested_at   TEXT NOT NULL,
    raw_sha256    TEXT NOT NULL REFERENCES raw_items(sha256),
    content_hash  TEXT NOT NULL
);
CREATE UNIQUE INDEX articles_seq ON articles(seq);
CREATE INDEX articles_canonical_url ON articles(canonical_url);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_raw_sha256 ON articles(raw_sha256);
CREATE INDEX articles_source_published ON articles(source, published);
