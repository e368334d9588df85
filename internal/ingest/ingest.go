package ingest

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/taqrir/taqrir/internal/arabic"
	"github.com/taqrir/taqrir/internal/facts"

	"github.com/taqrir/taqrir/internal/extract"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/store"
)

// Options tune a run. The zero value is fine.
type Options struct {
	Workers   int // extraction goroutines; default GOMAXPROCS
	BatchSize int // records per store transaction; default 512
	// FlushEvery stores a partial batch after this long; default 2s. Each
	// batch is one store transaction and one index segment: at 500ms a
	// 2-core machine stored ~150 articles a batch and bleve's merging of
	// the small segments cost more CPU than indexing them (issue 15); at
	// 2s a fast run fills whole batches. An item is reported stored only
	// once its batch is committed, so this moves no durability line.
	FlushEvery time.Duration
	// Progress, when set, is called from the writer after each batch.
	Progress func(Summary)
	// Stored, when set, is called for every record once its batch is
	// committed to the store (before it is indexed).
	Stored func(origin string, r store.PutResult)
	// Note, when set, is told about an item that landed but that the user
	// should know about (a .txt file decoded from windows-1256). It is
	// called from Run's goroutine, never concurrently.
	Note func(origin, msg string)
	// Now is the ingestion clock (tests); default time.Now.
	Now func() time.Time
}

// Failure is an item that was skipped.
type Failure struct {
	Origin string `json:"origin"`
	Reason string `json:"reason"`
}

func (f Failure) String() string { return f.Origin + ": " + f.Reason }

// Summary counts a run's outcomes.
type Summary struct {
	New int `json:"new"`
	// Copies are new articles repeating the text of another source's
	// article (store.Copy): stored and indexed like New ones.
	Copies    int           `json:"copies"`
	Unchanged int           `json:"unchanged"`
	Updated   int           `json:"updated"`
	Failed    int           `json:"failed"`
	Failures  []Failure     `json:"failures"`
	Items     int           `json:"items"`
	Duration  time.Duration `json:"duration_ns"`
}

// String is the one-line human summary.
func (s Summary) String() string {
	line := fmt.Sprintf("%d new, %s, %d unchanged, %d failed", s.New, arabic.CountEnglish(s.Copies, "copy", "copies"), s.Unchanged, s.Failed)
	if s.Updated > 0 {
		line += fmt.Sprintf(", %d updated", s.Updated)
	}
	return line
}

type work struct {
	n    int // order of the item in the input, for stable failure lists
	item source.Item
	rec  store.Record
	note string // something the user should know about an item that landed
	err  error
}

// Run ingests the items src produces (source.Options.Paths, .FS, or a
// Func of the caller's) into st and ix. It returns an error only when the run
// itself cannot go on (context cancelled, store or index failing); a bad
// item is a Failure in the summary and the rest of the batch lands.
func Run(ctx context.Context, st store.Store, ix *index.Index, src source.Func, opt Options) (Summary, error) {
	start := time.Now()
	arabic.Prepare() // every table now: an ingest analyses whole articles
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.BatchSize <= 0 {
		opt.BatchSize = 512
	}
	if opt.FlushEvery <= 0 {
		opt.FlushEvery = 2 * time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	// Repair what an interrupted earlier run left unindexed.
	if err := Sync(ctx, st, ix); err != nil {
		return Summary{}, err
	}
	// An empty store holds none of the items: asking it for each (about
	// 3% of a fresh ingest's CPU on the real corpus) would buy nothing.
	top, err := st.MaxSeq(ctx)
	if err != nil {
		return Summary{}, err
	}
	ask := top > 0
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	items := make(chan work, opt.Workers*4)
	done := make(chan work, opt.Workers*4)
	var walkErr error
	go func() {
		defer close(items)
		n := 0
		send := func(it source.Item) error {
			n++
			select {
			case items <- work{n: n, item: it}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		walkErr = src(ctx, send)
	}()
	var wg sync.WaitGroup
	for range opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for w := range items {
				if !w.item.NotModified {
					if ask {
						w.rec, w.note, w.err = PrepareFor(ctx, st, w.item, opt.Now)
					} else {
						w.rec, w.note, w.err = Prepare(w.item, opt.Now)
					}
				}
				select {
				case done <- w:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	// The index is applied on its own goroutine, one batch behind the
	// store, so analysis for the index overlaps the next store commit. Order
	// is kept (one indexer), and a crash between the two is healed by Sync.
	toIndex := make(chan []index.Entry, 1)
	indexErr := make(chan error, 1)
	go func() {
		for entries := range toIndex {
			if err := ix.Apply(entries); err != nil {
				indexErr <- err
				for range toIndex { // let the writer finish; Sync heals the index later
				}
				return
			}
		}
		indexErr <- nil
	}()
	indexClosed := false
	closeIndex := func() error {
		if indexClosed {
			return nil
		}
		indexClosed = true
		close(toIndex)
		return <-indexErr
	}
	defer closeIndex()

	sum := Summary{Failures: []Failure{}}
	var batch []work
	var failOrder []int
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		// Workers finish out of order; a batch is stored in input order, so
		// of two items with the same text from two sources the earlier in
		// the input is the original (when both land in one batch).
		sort.Slice(batch, func(i, j int) bool { return batch[i].n < batch[j].n })
		recs := make([]store.Record, len(batch))
		for i := range batch {
			recs[i] = batch[i].rec
		}
		res, err := Put(ctx, st, recs)
		if err != nil {
			return err
		}
		var entries []index.Entry
		for i, r := range res {
			switch r.Outcome {
			case store.New:
				sum.New++
			case store.Updated:
				sum.Updated++
			case store.Copy:
				sum.Copies++
			default:
				sum.Unchanged++
			}
			if opt.Stored != nil {
				opt.Stored(batch[i].item.Origin, r)
			}
			if r.Outcome != store.Unchanged {
				a := recs[i].Article
				a.ID, a.CopyOf = r.ID, r.CopyOf
				entries = append(entries, index.Entry{Seq: r.Seq, Article: a})
			}
		}
		batch = batch[:0]
		if len(entries) > 0 {
			select {
			case toIndex <- entries:
			case err := <-indexErr:
				close(toIndex)
				indexClosed = true
				return err
			}
		}
		if opt.Progress != nil {
			opt.Progress(sum)
		}
		return nil
	}
	tick := time.NewTicker(opt.FlushEvery)
	defer tick.Stop()
loop:
	for {
		select {
		case w, ok := <-done:
			if !ok {
				break loop
			}
			sum.Items++
			if w.note != "" && opt.Note != nil {
				opt.Note(w.item.Origin, w.note)
			}
			if w.item.NotModified && w.item.Err == nil {
				sum.Unchanged++ // a conditional GET said the page is as we last fetched it
				continue
			}
			if w.err != nil {
				sum.Failed++
				sum.Failures = append(sum.Failures, Failure{Origin: w.item.Origin, Reason: w.err.Error()})
				failOrder = append(failOrder, w.n)
				continue
			}
			batch = append(batch, w)
			if len(batch) >= opt.BatchSize {
				if err := flush(); err != nil {
					return sum, err
				}
			}
		case <-tick.C:
			if err := flush(); err != nil {
				return sum, err
			}
		case <-ctx.Done():
			return sum, ctx.Err()
		}
	}
	if err := flush(); err != nil {
		return sum, err
	}
	if err := closeIndex(); err != nil {
		return sum, err
	}
	if walkErr != nil {
		return sum, walkErr
	}
	sortFailures(sum.Failures, failOrder)
	sum.Duration = time.Since(start)
	return sum, nil
}

// Prepare turns a raw item into a store record (extraction and facts: the
// CPU-bound part of ingest, done outside any store transaction), with a note
// for the user when the item was read in a legacy encoding. Run calls it on
// its workers; a job queue's ingest worker calls it for one item.
func Prepare(it source.Item, now func() time.Time) (store.Record, string, error) {
	rec, note, err := extractItem(it, now)
	if err == nil {
		facts.ExtractArticle(&rec.Article)
	}
	return rec, note, err
}

// PrepareFor is Prepare for putting into st: an item st already holds as
// it is (a repeated feed, a re-run over the same files) has its facts
// left unextracted and is marked FactsPending, since Put would throw them
// away. When st cannot tell, the facts are extracted. Put its records
// with Put.
func PrepareFor(ctx context.Context, st store.Store, it source.Item, now func() time.Time) (store.Record, string, error) {
	rec, note, err := extractItem(it, now)
	if err != nil {
		return rec, note, err
	}
	if held, err := st.Holds(ctx, &rec); err == nil && held {
		rec.FactsPending = true
	} else {
		facts.ExtractArticle(&rec.Article)
	}
	return rec, note, nil
}

// Put puts records PrepareFor made into st (st.Put): when st refuses
// those whose facts are pending because it no longer holds them as
// PrepareFor found (another process removed or rewrote an article since),
// their facts are extracted, in recs, and the batch goes again.
func Put(ctx context.Context, st store.Store, recs []store.Record) ([]store.PutResult, error) {
	res, err := st.Put(ctx, recs)
	if !errors.Is(err, store.ErrFactsPending) {
		return res, err
	}
	for i := range recs {
		if recs[i].FactsPending {
			facts.ExtractArticle(&recs[i].Article)
			recs[i].FactsPending = false
		}
	}
	return st.Put(ctx, recs)
}

// extractItem is Prepare without the facts.
func extractItem(it source.Item, now func() time.Time) (store.Record, string, error) {
	if it.Err != nil {
		return store.Record{}, "", it.Err
	}
	res, err := extract.ItemMeta(it.Format, it.Data, extract.PageMeta{URL: it.URL, ContentType: it.ContentType})
	if err != nil {
		return store.Record{}, "", err
	}
	note := res.Note()
	sha := news.RawSHA256(it.Data)
	t := now().UTC()
	a := res.Article
	a.RawSHA256 = sha
	a.IngestedAt = t
	a.Origin = it.Origin
	return store.Record{
		Raw: store.Raw{SHA256: sha, Format: string(it.Format), Origin: it.Origin, Data: it.Data,
			URL: it.URL, ContentType: it.ContentType, Packed: store.Compress(it.Data), ReceivedAt: t},
		Article:     a,
		ContentHash: res.ContentHash,
	}, note, nil
}

// sortFailures puts failures back in input order (workers finish out of order).
func sortFailures(fs []Failure, order []int) {
	idx := make([]int, len(fs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return order[idx[a]] < order[idx[b]] })
	sorted := make([]Failure, len(fs))
	for i, j := range idx {
		sorted[i] = fs[j]
	}
	copy(fs, sorted)
}
