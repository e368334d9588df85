package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/taqrir/taqrir/internal/app"
	"github.com/taqrir/taqrir/internal/fetch"
)

// webhooks posts each new batch of a saved search's matches to its
// webhook, off the ingesting goroutine, through the fetcher's SSRF guard
// (AllowPrivate only when serve was started with --allow-private) with its
// retries and backoff.
type webhooks struct {
	ctx     context.Context
	log     io.Writer
	fetcher *fetch.Fetcher
	wg      sync.WaitGroup
	sem     chan struct{}
}

// newWebhooks makes the poster; allowPrivate is serve's command-line
// --allow-private, never anything a request can set.
func newWebhooks(ctx context.Context, log io.Writer, allowPrivate bool, backoff time.Duration) *webhooks {
	f := fetch.New(fetch.Options{Interval: 100 * time.Millisecond, Timeout: 10 * time.Second, Backoff: backoff, AllowPrivate: allowPrivate})
	return &webhooks{ctx: ctx, log: log, fetcher: f, sem: make(chan struct{}, 4)}
}

// webhookBody is what a webhook receives.
type webhookBody struct {
	Saved   string      `json:"saved"`
	Query   string      `json:"query"`
	Feed    string      `json:"feed"`
	Matches []app.Match `json:"matches"`
}

func (h *webhooks) send(s app.SavedSearch, batch []app.Match) {
	if s.Webhook == "" {
		return
	}
	body, err := json.Marshal(webhookBody{Saved: s.Name, Query: s.Query, Feed: "/feeds/" + s.Name + ".atom", Matches: batch})
	if err != nil {
		return
	}
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		select {
		case h.sem <- struct{}{}:
			defer func() { <-h.sem }()
		case <-h.ctx.Done():
			return
		}
		if _, err := h.fetcher.Post(h.ctx, s.Webhook, "application/json", body); err != nil {
			fmt.Fprintf(h.log, "taqrir: webhook of saved search %s: %v\n", s.Name, err)
		}
	}()
}

func (h *webhooks) wait() { h.wg.Wait() }
