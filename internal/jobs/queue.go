package jobs

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/store/postgres"
)

// The job kinds (the kind column of river_job).
const (
	KindIngest        = "ingest_raw"
	KindFetch         = "fetch_url"
	KindPoll          = "poll_source"
	KindSchedulePolls = "schedule_polls"
	KindStories       = "assign_stories"
	KindSaved         = "match_saved"
)

// queued are the states in which a job is still to be done: uniqueness
// by these lets a job be queued again once it has finished.
var queued = []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending,
	rivertype.JobStateRunning, rivertype.JobStateRetryable, rivertype.JobStateScheduled}

// IngestArgs is one raw item to ingest.
type IngestArgs struct {
	SHA256      string `json:"sha256" river:"unique"`
	Format      string `json:"format"`
	Origin      string `json:"origin"`
	URL         string `json:"url,omitempty"`
	ContentType string `json:"content_type,omitempty"`
	Data        []byte `json:"data"`
}

// Kind implements river.JobArgs.
func (IngestArgs) Kind() string { return KindIngest }

// InsertOpts makes an item unique by its bytes while queued, running or
// done and not yet cleaned away (River's default states): the same file
// queued twice is queued once, and a second copy is Unchanged in the store
// anyway.
func (IngestArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// Item is the raw item the job carries.
func (a IngestArgs) Item() source.Item {
	return source.Item{Origin: a.Origin, Format: source.Format(a.Format), Data: a.Data, URL: a.URL, ContentType: a.ContentType}
}

// IngestFor is the job for a raw item.
func IngestFor(it source.Item) IngestArgs {
	return IngestArgs{SHA256: news.RawSHA256(it.Data), Format: string(it.Format), Origin: it.Origin,
		URL: it.URL, ContentType: it.ContentType, Data: it.Data}
}

// FetchArgs is one page to fetch and ingest.
type FetchArgs struct {
	URL string `json:"url"`
}

// Kind implements river.JobArgs.
func (FetchArgs) Kind() string { return KindFetch }

// InsertOpts: unique by URL while queued or running; a few attempts (a
// refused or missing page does not come back by retrying for a day).
func (FetchArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 5, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: queued}}
}

// PollArgs is one monitored source to read.
type PollArgs struct {
	Name string `json:"name"`
}

// Kind implements river.JobArgs.
func (PollArgs) Kind() string { return KindPoll }

// InsertOpts: unique by source while queued or running.
func (PollArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: queued}}
}

// SchedulePollsArgs queues the sources that are due.
type SchedulePollsArgs struct{}

// Kind implements river.JobArgs.
func (SchedulePollsArgs) Kind() string { return KindSchedulePolls }

// InsertOpts: one at a time.
func (SchedulePollsArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 1, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: queued}}
}

// StoriesArgs catches the stories up with the store.
type StoriesArgs struct{}

// Kind implements river.JobArgs.
func (StoriesArgs) Kind() string { return KindStories }

// InsertOpts: one at a time.
func (StoriesArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: queued}}
}

// SavedArgs matches the saved searches against what was stored since
// their last match.
type SavedArgs struct{}

// Kind implements river.JobArgs.
func (SavedArgs) Kind() string { return KindSaved }

// InsertOpts: one at a time.
func (SavedArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: queued}}
}

// backoff is the retry policy: 1 s after the first failure, doubling to at
// most 10 min, ±10% so that jobs failing together (the database
// restarting) do not come back together.
type backoff struct{}

func (backoff) NextRetry(job *rivertype.JobRow) time.Time {
	d := time.Second << min(max(len(job.Errors), 0), 10)
	d = min(d, 10*time.Minute)
	d += time.Duration((rand.Float64() - 0.5) * 0.2 * float64(d))
	return time.Now().UTC().Add(d)
}

// Queue is a connection to the job queue, for queueing work.
type Queue struct {
	pool   *pgxpool.Pool
	client *river.Client[pgx.Tx]
}

// Open connects to the queue in the database at url (postgres://…): the
// store's migrations and River's are applied first.
func Open(ctx context.Context, url string, log io.Writer) (*Queue, error) {
	pool, err := connect(ctx, url)
	if err != nil {
		return nil, err
	}
	c, err := river.NewClient(riverpgxv5.New(pool), &river.Config{Logger: logger(log), RetryPolicy: backoff{}})
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("jobs: %w", err)
	}
	return &Queue{pool: pool, client: c}, nil
}

// connect opens a pool on url with the store's and River's schemas in
// place and the job marks started.
func connect(ctx context.Context, url string) (*pgxpool.Pool, error) {
	st, err := postgres.Open(ctx, url) // the store's migrations, 0003_jobs among them
	if err != nil {
		return nil, err
	}
	top, err := st.MaxSeq(ctx)
	st.Close()
	if err != nil {
		return nil, err
	}
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	err = postgres.WithMigrationLock(ctx, pool, func() error {
		m, err := rivermigrate.New(riverpgxv5.New(pool), &rivermigrate.Config{Logger: logger(io.Discard)})
		if err != nil {
			return err
		}
		if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
			return fmt.Errorf("river migrations: %w", err)
		}
		// Saved searches alert on what is stored from now on, not on the
		// store's past.
		_, err = pool.Exec(ctx, `INSERT INTO job_marks (name, seq) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, KindSaved, top)
		return err
	})
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("jobs: %w", err)
	}
	return pool, nil
}

// logger sends River's warnings and errors to w.
func logger(w io.Writer) *slog.Logger {
	if w == nil {
		w = io.Discard
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// Close closes the connections.
func (q *Queue) Close() { q.pool.Close() }

// Enqueued counts what a call queued.
type Enqueued struct {
	Queued int `json:"queued"`
	// Duplicates were already queued, running or recently done (the same
	// raw bytes, URL or source).
	Duplicates int `json:"duplicates"`
	// Failed items could not be read (they never reach the queue).
	Failed   int              `json:"failed"`
	Failures []ingest.Failure `json:"failures"`
}

func (e Enqueued) String() string {
	return fmt.Sprintf("%d queued, %d already queued, %d failed", e.Queued, e.Duplicates, e.Failed)
}

// enqueueBatch is how many jobs one insert carries.
const enqueueBatch = 200

// Items queues every raw item src produces as an ingest job; an item the
// source could not read is a failure, counted and not queued.
func (q *Queue) Items(ctx context.Context, src source.Func) (Enqueued, error) {
	e := Enqueued{Failures: []ingest.Failure{}}
	var batch []river.InsertManyParams
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := q.insert(ctx, batch, &e)
		batch = batch[:0]
		return err
	}
	err := src(ctx, func(it source.Item) error {
		if it.Err != nil {
			e.Failed++
			e.Failures = append(e.Failures, ingest.Failure{Origin: it.Origin, Reason: it.Err.Error()})
			return nil
		}
		batch = append(batch, river.InsertManyParams{Args: IngestFor(it)})
		if len(batch) >= enqueueBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	return e, err
}

// URLs queues a fetch job for every URL.
func (q *Queue) URLs(ctx context.Context, urls []string) (Enqueued, error) {
	e := Enqueued{Failures: []ingest.Failure{}}
	var batch []river.InsertManyParams
	for _, u := range urls {
		batch = append(batch, river.InsertManyParams{Args: FetchArgs{URL: u}})
	}
	if len(batch) == 0 {
		return e, nil
	}
	return e, q.insert(ctx, batch, &e)
}

// Poll queues a poll of the source named name now.
func (q *Queue) Poll(ctx context.Context, name string) error {
	_, err := q.client.Insert(ctx, PollArgs{Name: name}, nil)
	return err
}

func (q *Queue) insert(ctx context.Context, batch []river.InsertManyParams, e *Enqueued) error {
	res, err := q.client.InsertMany(ctx, batch)
	if err != nil {
		return fmt.Errorf("jobs: queue: %w", err)
	}
	for _, r := range res {
		if r.UniqueSkippedAsDuplicate {
			e.Duplicates++
		} else {
			e.Queued++
		}
	}
	return nil
}

// Counts are the jobs of the work kinds (ingest, fetch, poll) by state.
type Counts struct {
	// Waiting are yet to run or to be retried (available, scheduled,
	// retryable, pending); Running are being worked.
	Waiting, Running int64
	// Done completed; Failed were cancelled or discarded after their last
	// attempt.
	Done, Failed int64
}

// Pending is what is left to do: waiting and running jobs.
func (c Counts) Pending() int64 { return c.Waiting + c.Running }

// Counts counts the work jobs by state.
func (q *Queue) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	err := q.pool.QueryRow(ctx, `SELECT
		count(*) FILTER (WHERE state IN ('available', 'scheduled', 'retryable', 'pending')),
		count(*) FILTER (WHERE state = 'running'),
		count(*) FILTER (WHERE state = 'completed'),
		count(*) FILTER (WHERE state IN ('cancelled', 'discarded'))
		FROM river_job WHERE kind = ANY($1)`, []string{KindIngest, KindFetch, KindPoll}).
		Scan(&c.Waiting, &c.Running, &c.Done, &c.Failed)
	if err != nil {
		return c, fmt.Errorf("jobs: counts: %w", err)
	}
	return c, nil
}
