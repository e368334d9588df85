package server

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taqrir/taqrir/internal/app"
)

// TestWebhooks: a batch of new matches is posted as JSON, retried after a
// server error; without --allow-private the SSRF guard refuses a loopback
// target.
func TestWebhooks(t *testing.T) {
	var mu sync.Mutex
	var got []webhookBody
	calls := 0
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		if calls == 1 {
			w.WriteHeader(http.StatusServiceUnavailable) // the first attempt fails: retried
			return
		}
		var b webhookBody
		json.NewDecoder(r.Body).Decode(&b)
		if r.Header.Get("Content-Type") == "application/json" {
			got = append(got, b)
		}
	}))
	defer recv.Close()
	s := app.SavedSearch{Name: "ports", Query: "الموانئ", Webhook: recv.URL + "/hook"}
	batch := []app.Match{{ID: "0123456789abcdef", Title: "توسعة الموانئ", Matched: time.Now()}}

	var log bytes.Buffer
	h := newWebhooks(context.Background(), &log, true, 10*time.Millisecond)
	h.send(s, batch)
	h.wait()
	mu.Lock()
	if calls != 2 || len(got) != 1 || got[0].Saved != "ports" || len(got[0].Matches) != 1 || got[0].Matches[0].Title != "توسعة الموانئ" {
		t.Errorf("calls %d, received %+v; want one retry and the batch", calls, got)
	}
	mu.Unlock()

	log.Reset()
	guarded := newWebhooks(context.Background(), &log, false, 10*time.Millisecond)
	guarded.send(s, batch)
	guarded.wait()
	if !strings.Contains(log.String(), "loopback") {
		t.Errorf("a loopback webhook without --allow-private: log %q, want it refused", log.String())
	}
	mu.Lock()
	if calls != 2 {
		t.Errorf("the guarded webhook reached the receiver (%d calls)", calls)
	}
	mu.Unlock()
}
