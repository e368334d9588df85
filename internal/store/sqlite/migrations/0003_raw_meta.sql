-- What is known of a raw item besides its bytes, so `taqrir reprocess` can
-- re-extract an HTML page exactly as ingest did: the page's URL (where it
-- was fetched from, or a WARC record's target URI) and its HTTP
-- Content-Type (which may name the charset). Empty for .txt and .jsonl.
ALTER TABLE raw_items ADD COLUMN url TEXT NOT NULL DEFAULT '';
ALTER TABLE raw_items ADD COLUMN content_type TEXT NOT NULL DEFAULT '';
