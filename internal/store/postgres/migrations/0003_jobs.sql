-- The job queue's own state (internal/jobs); River's tables come from its
-- own migrations (rivermigrate), applied under the same advisory lock.
-- job_marks: how far (in seq) a follow-up job has taken the store, e.g.
-- saved searches matched up to seq N. One row per follow-up.
CREATE TABLE job_marks (
	name text COLLATE "C" PRIMARY KEY,
	seq  bigint NOT NULL
);
