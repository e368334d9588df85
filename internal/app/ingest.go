package app

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime/debug"
	"sync"

	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/source"
	"github.com/taqrir/taqrir/internal/store"
)

// OnNew registers fn to be told the ids of the new articles (new and
// copies) of every ingest through this Data, after they are indexed: saved
// searches match them there. fn runs on the ingesting goroutine.
func (d *Data) OnNew(fn func(ctx context.Context, ids []string)) {
	d.hooksMu.Lock()
	defer d.hooksMu.Unlock()
	d.hooks = append(d.hooks, fn)
}

// Ingest runs items through the pipeline (ingest.Run), one ingest at a
// time, brings the stories up to date and tells the OnNew hooks which
// articles are new. opt.Stored, when set, is still called.
func (d *Data) Ingest(ctx context.Context, items source.Func, opt ingest.Options) (ingest.Summary, error) {
	d.ingMu.Lock()
	defer d.ingMu.Unlock()
	var mu sync.Mutex
	var ids []string
	stored := opt.Stored
	opt.Stored = func(origin string, r store.PutResult) {
		if r.Outcome == store.New || r.Outcome == store.Copy {
			mu.Lock()
			ids = append(ids, r.ID)
			mu.Unlock()
		}
		if stored != nil {
			stored(origin, r)
		}
	}
	restore := pipelineGC()
	sum, err := ingest.Run(ctx, d.Store, d.Index, items, opt)
	restore()
	d.CatchUpIfBehind(ctx)
	if len(ids) > 0 {
		d.hooksMu.Lock()
		hooks := append([]func(context.Context, []string){}, d.hooks...)
		d.hooksMu.Unlock()
		for _, h := range hooks {
			h(ctx, ids)
		}
	}
	return sum, err
}

// Posted is a body handed to ingest over HTTP (or any caller holding
// bytes): its format (txt, jsonl or html), and for a page the URL it
// came from and its Content-Type.
type Posted struct {
	Format      source.Format
	Data        []byte
	URL         string
	ContentType string
	Origin      string // how failures name it ("" for "posted")
	MaxBytes    int64  // largest item (0: source.MaxItemSize)
}

// Items splits a posted body into raw items, as the same bytes in a file
// of that format would be.
func (p Posted) Items() (source.Func, error) {
	origin := p.Origin
	if origin == "" {
		origin = "posted"
	}
	switch p.Format {
	case source.FormatHTML:
		if p.URL != "" {
			origin = p.URL
		}
		return func(ctx context.Context, send func(source.Item) error) error {
			it := source.Item{Origin: origin, Format: source.FormatHTML, Data: p.Data, URL: p.URL, ContentType: p.ContentType}
			if err := source.CheckPage(p.Data); err != nil {
				it.Data, it.Err = nil, err
			}
			return send(it)
		}, nil
	case source.FormatText, source.FormatJSONL:
		o := source.Options{Stdin: bytes.NewReader(p.Data), StdinFormat: p.Format, MaxItemBytes: p.MaxBytes}
		return func(ctx context.Context, send func(source.Item) error) error {
			return o.Walk(ctx, []string{"-"}, func(it source.Item) error {
				it.Origin = origin + it.Origin[1:] // "-:3" → "posted:3"
				return send(it)
			})
		}, nil
	}
	return nil, fmt.Errorf("ingest: format %q: want txt, jsonl or html", p.Format)
}

// PipelineGCPercent is the garbage collector's target while the ingest
// pipeline runs, unless GOGC is set. The pipeline's live heap is small
// (100–200 MB on the real corpus) and it allocates fast: at Go's default
// of 100 it collected 222 times over the 29,440 ANT articles, 8% of the
// process's time; at 200, 112 times and 4%, with the peak RSS (which the
// stories' catch-up after it sets) within this machine's noise (1.2–1.3
// GB either way); 300 took the peak to 1.4–1.5 GB. The previous target
// comes back before the catch-up.
const PipelineGCPercent = 200

// pipelineGC sets the collector's target for the pipeline and returns
// what puts it back.
func pipelineGC() func() {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	prev := debug.SetGCPercent(PipelineGCPercent)
	return func() { debug.SetGCPercent(prev) }
}
