-- The state documents (package statedoc): in PostgreSQL mode every piece
-- of state besides the store lives here, not in a data directory, so no
-- server or worker keeps anything it alone knows. One row per document,
-- named as its file is in the embedded mode (tokens.json,
-- saved-searches.json, sources.json, fetch-validators.json,
-- feeds-seen.json, stories.gob), its bytes exactly the file's.
--
-- An update reads the row FOR UPDATE and writes it in one transaction, so
-- two processes updating one document never lose a change. body is NULL
-- only inside the transaction that creates a row (it holds the row's lock
-- from its insert); no committed row has a NULL body.
CREATE TABLE state_docs (
    name       text COLLATE "C" PRIMARY KEY,
    body       bytea,
    updated_at timestamptz NOT NULL DEFAULT now()
);
-- Stored out of line uncompressed: the stories' state is tens of MB,
-- rewritten by every catch-up, and pglz gains nothing on its gob (the
-- 32 MB state of 10k articles stayed 32 MB) while costing the server about
-- twice the CPU per write (1.4-1.6 s against 0.56-0.83 s, three rounds
-- alternated, measured from the backend's /proc CPU time). Uncompressed,
-- Head reads only the first chunk. The JSON documents are a few KB.
ALTER TABLE state_docs ALTER COLUMN body SET STORAGE EXTERNAL;
