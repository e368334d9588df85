package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/taqrir/taqrir/internal/app"
	"github.com/taqrir/taqrir/internal/fetch"
	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/store"
)

// Options tune a worker. The zero value is fine.
type Options struct {
	// Workers is how many jobs run at once; default GOMAXPROCS.
	Workers int
	// Stored, when set, is told of every item an ingest job put in the
	// store, once committed.
	Stored func(origin string, r store.PutResult)
	// Log receives River's warnings and the follow-up jobs' notes.
	Log io.Writer
	// JobTimeout bounds one job (its context is cancelled, and it is
	// retried); default 2 min.
	JobTimeout time.Duration
	// RescueAfter: a job still marked running after this long (its worker
	// died) is run again; default 5 min, and always longer than JobTimeout.
	RescueAfter time.Duration
	// Every is how often the due sources are queued and the stories and
	// saved searches follow the store; default 5 s.
	Every time.Duration
	// AllowPrivate lets fetches reach loopback, private and link-local
	// addresses (a command-line choice, like ingest --allow-private).
	AllowPrivate bool
	// MaxBytes is the largest page fetched; default source.MaxItemSize.
	MaxBytes int64
	// Ready, when set, is called once the worker takes jobs.
	Ready func()
}

// Run works the queue in the database at url until ctx is done, with d
// (opened on that database: app.Options.DB) for the store and the
// application state. The jobs running when ctx ends are given a few
// seconds to finish; what is cut short is run again by another worker.
func Run(ctx context.Context, d *app.Data, url string, o Options) error {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.JobTimeout <= 0 {
		o.JobTimeout = 2 * time.Minute
	}
	if o.RescueAfter <= 0 {
		o.RescueAfter = 5 * time.Minute
	}
	if o.RescueAfter <= o.JobTimeout {
		o.RescueAfter = o.JobTimeout + time.Second
	}
	if o.Every <= 0 {
		o.Every = 5 * time.Second
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = source.MaxItemSize
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	pool, err := connect(ctx, url)
	if err != nil {
		return err
	}
	defer pool.Close()
	fx, err := d.OpenFetching(fetch.Options{AllowPrivate: o.AllowPrivate, MaxBytes: o.MaxBytes})
	if err != nil {
		return err
	}
	note := func(format string, args ...any) { fmt.Fprintf(o.Log, format, args...) }

	w := river.NewWorkers()
	river.AddWorker(w, &ingestWorker{st: d.Store, stored: o.Stored})
	river.AddWorker(w, &fetchWorker{fx: fx})
	river.AddWorker(w, &pollWorker{d: d, fx: fx, note: note})
	river.AddWorker(w, &scheduleWorker{d: d})
	river.AddWorker(w, &storiesWorker{d: d})
	river.AddWorker(w, &savedWorker{d: d, pool: pool})
	every := river.PeriodicInterval(o.Every)
	periodic := []*river.PeriodicJob{
		river.NewPeriodicJob(every, func() (river.JobArgs, *river.InsertOpts) { return SchedulePollsArgs{}, nil }, &river.PeriodicJobOpts{ID: KindSchedulePolls, RunOnStart: true}),
		river.NewPeriodicJob(every, func() (river.JobArgs, *river.InsertOpts) { return StoriesArgs{}, nil }, &river.PeriodicJobOpts{ID: KindStories}),
		river.NewPeriodicJob(every, func() (river.JobArgs, *river.InsertOpts) { return SavedArgs{}, nil }, &river.PeriodicJobOpts{ID: KindSaved}),
	}
	c, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Logger:               logger(o.Log),
		Workers:              w,
		Queues:               map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: o.Workers}},
		PeriodicJobs:         periodic,
		RetryPolicy:          backoff{},
		JobTimeout:           o.JobTimeout,
		RescueStuckJobsAfter: o.RescueAfter,
		FetchCooldown:        20 * time.Millisecond,
	})
	if err != nil {
		return fmt.Errorf("jobs: %w", err)
	}
	// River stops on its own context's end without waiting for the jobs;
	// it runs on one that outlives ctx so the stop below is graceful.
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	if err := c.Start(runCtx); err != nil {
		return fmt.Errorf("jobs: %w", err)
	}
	if o.Ready != nil {
		o.Ready()
	}
	<-ctx.Done()
	soft, cancelSoft := context.WithTimeout(runCtx, 10*time.Second)
	defer cancelSoft()
	if err := c.Stop(soft); err != nil {
		hard, cancelHard := context.WithTimeout(runCtx, 5*time.Second)
		defer cancelHard()
		return errors.Join(c.StopAndCancel(hard), fx.Settle(ingest.Summary{}))
	}
	return fx.Settle(ingest.Summary{})
}

// Result is what an ingest job records as its output (River's job
// metadata): the store's verdict on the item.
type Result struct {
	ID      string `json:"id"`
	Outcome string `json:"outcome"`
	Seq     int64  `json:"seq"`
	CopyOf  string `json:"copy_of,omitempty"`
}

type ingestWorker struct {
	river.WorkerDefaults[IngestArgs]
	st     store.Store
	stored func(origin string, r store.PutResult)
}

// Work extracts the item and puts it in the store. Run twice, the second
// put finds the same raw bytes and is Unchanged.
func (w *ingestWorker) Work(ctx context.Context, job *river.Job[IngestArgs]) error {
	r, err := Ingest(ctx, w.st, job.Args.Item())
	if errors.Is(err, errBadItem) {
		return river.JobCancel(err) // retrying cannot mend the item
	} else if err != nil {
		return err
	}
	if w.stored != nil {
		w.stored(job.Args.Origin, r)
	}
	return river.RecordOutput(ctx, Result{ID: r.ID, Outcome: r.Outcome.String(), Seq: r.Seq, CopyOf: r.CopyOf})
}

var errBadItem = errors.New("bad item")

// Ingest extracts one raw item, reads its facts and puts it in st (one
// transaction), as ingest.Run does for each item of a batch. Putting the
// same item twice stores it once: the second is Unchanged, and its facts
// are not read (ingest.PrepareFor). An item that cannot be extracted is
// an error wrapping errBadItem.
func Ingest(ctx context.Context, st store.Store, it source.Item) (store.PutResult, error) {
	rec, _, err := ingest.PrepareFor(ctx, st, it, time.Now)
	if err != nil {
		return store.PutResult{}, fmt.Errorf("%s: %w: %w", it.Origin, errBadItem, err)
	}
	res, err := ingest.Put(ctx, st, []store.Record{rec})
	if err != nil {
		return store.PutResult{}, err
	}
	return res[0], nil
}

type fetchWorker struct {
	river.WorkerDefaults[FetchArgs]
	fx *app.Fetching
}

// Work fetches the page and queues its bytes (unique by hash: a page
// fetched twice is ingested once).
func (w *fetchWorker) Work(ctx context.Context, job *river.Job[FetchArgs]) error {
	it := w.fx.Fetcher.Item(ctx, job.Args.URL)
	if it.Err != nil {
		return it.Err // retried with backoff, a few times
	}
	if it.NotModified {
		return river.RecordOutput(ctx, "not modified")
	}
	_, err := river.ClientFromContext[pgx.Tx](ctx).Insert(ctx, IngestFor(it), nil)
	if err == nil {
		err = w.fx.Settle(ingest.Summary{}) // the validator it answered with
	}
	return err
}

type pollWorker struct {
	river.WorkerDefaults[PollArgs]
	d    *app.Data
	fx   *app.Fetching
	note func(string, ...any)
}

// Work reads the source (a feed's new entries, or the page) and queues
// every item read; the feed's entries are marked seen once queued.
func (w *pollWorker) Work(ctx context.Context, job *river.Job[PollArgs]) error {
	srcs := w.d.Sources()
	list, err := srcs.List()
	if err != nil {
		return err
	}
	var src *app.Source
	for i := range list {
		if list[i].Name == job.Args.Name {
			src = &list[i]
		}
	}
	if src == nil {
		return river.JobCancel(fmt.Errorf("no source named %q", job.Args.Name)) // removed meanwhile
	}
	var urls, feeds []string
	if src.Feed {
		feeds = []string{src.URL}
	} else {
		urls = []string{src.URL}
	}
	client := river.ClientFromContext[pgx.Tx](ctx)
	var sum ingest.Summary
	var batch []river.InsertManyParams
	err = w.fx.Items(urls, feeds)(ctx, func(it source.Item) error {
		sum.Items++
		switch {
		case it.Err != nil:
			sum.Failed++
			sum.Failures = append(sum.Failures, ingest.Failure{Origin: it.Origin, Reason: it.Err.Error()})
		case it.NotModified:
			sum.Unchanged++
		default:
			batch = append(batch, river.InsertManyParams{Args: IngestFor(it)})
		}
		return nil
	})
	if err == nil && len(batch) > 0 {
		_, err = client.InsertMany(ctx, batch)
	}
	if err != nil {
		// Nothing was queued: what the feed gave is taken again next time.
		for _, it := range batch {
			sum.Failures = append(sum.Failures, ingest.Failure{Origin: it.Args.(IngestArgs).Origin})
		}
	}
	result := fmt.Sprintf("%d queued, %d unchanged, %d failed", len(batch), sum.Unchanged, sum.Failed)
	if err != nil {
		result = err.Error()
	}
	if serr := w.fx.Settle(sum); serr != nil {
		result += "; " + serr.Error()
	}
	w.note("taqrir: worker: %s: %s\n", src.Name, result)
	if derr := srcs.Done(src.Name, time.Now(), result); derr != nil && err == nil {
		err = derr
	}
	return err
}

type scheduleWorker struct {
	river.WorkerDefaults[SchedulePollsArgs]
	d *app.Data
}

// Work queues a poll of every source whose interval has passed since its
// last reading (a poll already queued is not queued twice).
func (w *scheduleWorker) Work(ctx context.Context, job *river.Job[SchedulePollsArgs]) error {
	list, err := w.d.Sources().List()
	if err != nil {
		return err
	}
	now := time.Now()
	var batch []river.InsertManyParams
	for _, s := range list {
		if s.Last.IsZero() || now.Sub(s.Last) >= s.Interval {
			batch = append(batch, river.InsertManyParams{Args: PollArgs{Name: s.Name}})
		}
	}
	if len(batch) == 0 {
		return nil
	}
	_, err = river.ClientFromContext[pgx.Tx](ctx).InsertMany(ctx, batch)
	return err
}

type storiesWorker struct {
	river.WorkerDefaults[StoriesArgs]
	d *app.Data
}

// Work catches the stories up with the store from their own watermark.
func (w *storiesWorker) Work(ctx context.Context, job *river.Job[StoriesArgs]) error {
	_, err := w.d.CatchUpStories(ctx)
	return err
}

type savedWorker struct {
	river.WorkerDefaults[SavedArgs]
	d    *app.Data
	pool *pgxpool.Pool
}

// Work matches the saved searches against every article stored (or
// updated) since the mark, then moves the mark, all under the mark's row
// lock: two runs at once take turns, and a run cut short before its
// commit is redone whole (an alert may then be sent twice, never lost).
func (w *savedWorker) Work(ctx context.Context, job *river.Job[SavedArgs]) error {
	return pgx.BeginFunc(ctx, w.pool, func(tx pgx.Tx) error {
		var mark int64
		if err := tx.QueryRow(ctx, `SELECT seq FROM job_marks WHERE name = $1 FOR UPDATE`, KindSaved).Scan(&mark); err != nil {
			return err
		}
		if list, err := w.d.Saved().List(); err != nil {
			return err
		} else if len(list) == 0 {
			// Nothing to match: move the mark without indexing anything.
			top, err := w.d.Store.MaxSeq(ctx)
			if err != nil || top <= mark {
				return err
			}
			_, err = tx.Exec(ctx, `UPDATE job_marks SET seq = $1 WHERE name = $2`, top, KindSaved)
			return err
		}
		// The replica must hold what the searches run over.
		if _, err := w.d.SyncIndex(ctx); err != nil {
			return err
		}
		top := mark
		var ids []string
		err := w.d.Store.Scan(ctx, mark, func(seq int64, a news.Article) error {
			ids = append(ids, a.ID)
			top = seq
			return nil
		})
		if err != nil || top == mark {
			return err
		}
		for len(ids) > 0 { // one restricted search per saved search and chunk
			n := min(len(ids), 500)
			if err := w.d.Saved().Match(ctx, ids[:n], time.Now()); err != nil {
				return err
			}
			ids = ids[n:]
		}
		_, err = tx.Exec(ctx, `UPDATE job_marks SET seq = $1 WHERE name = $2`, top, KindSaved)
		return err
	})
}
