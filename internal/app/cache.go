package app

import (
	"context"
	"fmt"
	"sync"

	"github.com/taqrir/taqrir/internal/report"
)

// reportCacheSize is how many reports a data directory keeps built.
const reportCacheSize = 32

// reportCache keeps the latest reports built, each valid while the store
// has not changed since (its seq is the store's highest then): a report is
// costly (every article's facts read and compared), and a reader asks for
// the same one again (the page, then its export).
type reportCache struct {
	mu      sync.Mutex
	entries map[string]cached
	order   []string // oldest first
}

type cached struct {
	seq int64
	rep *report.Report
}

// get returns the report built for key at seq, or builds it. Reports are
// shared: callers must not change them.
func (c *reportCache) get(ctx context.Context, seqOf func(context.Context) (int64, error), key string, build func() (*report.Report, error)) (*report.Report, error) {
	seq, err := seqOf(ctx)
	if err != nil {
		return build()
	}
	c.mu.Lock()
	if e, ok := c.entries[key]; ok && e.seq == seq {
		c.mu.Unlock()
		return e.rep, nil
	}
	c.mu.Unlock()
	rep, err := build()
	if err != nil {
		return rep, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]cached{}
	}
	if _, ok := c.entries[key]; !ok {
		c.order = append(c.order, key)
	}
	c.entries[key] = cached{seq, rep}
	for len(c.order) > reportCacheSize {
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
	return rep, nil
}

func reportKey(kind string, parts ...any) string { return fmt.Sprintf("%s%#v", kind, parts) }
