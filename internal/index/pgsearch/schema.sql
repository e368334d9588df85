-- pgsearch: the search index in PostgreSQL (package pgsearch). Idempotent:
-- applied under an advisory lock whenever the index is opened.
CREATE TABLE IF NOT EXISTS search_docs (
	id           text COLLATE "C" PRIMARY KEY,
	seq          bigint NOT NULL,
	title        text NOT NULL,
	body         text NOT NULL,
	source       text NOT NULL,
	source_key   text COLLATE "C" NOT NULL,
	published    timestamptz,
	month        text COLLATE "C" NOT NULL,
	entity_names text[] NOT NULL,
	title_len    int NOT NULL,
	body_len     int NOT NULL,
	cap_len      int NOT NULL,
	tsv          tsvector NOT NULL,
	etsv         tsvector NOT NULL
);
CREATE INDEX IF NOT EXISTS search_docs_tsv ON search_docs USING gin (tsv);
CREATE INDEX IF NOT EXISTS search_docs_etsv ON search_docs USING gin (etsv);
CREATE INDEX IF NOT EXISTS search_docs_source ON search_docs (source_key);
CREATE INDEX IF NOT EXISTS search_docs_published ON search_docs (published);
CREATE TABLE IF NOT EXISTS search_state (
	one       boolean PRIMARY KEY DEFAULT true CHECK (one),
	seq       bigint NOT NULL,
	docs      bigint NOT NULL,
	title_len bigint NOT NULL,
	body_len  bigint NOT NULL,
	cap_len   bigint NOT NULL,
	version   text NOT NULL
);
