package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	taqapp "github.com/taqrir/taqrir/internal/app"
	"github.com/taqrir/taqrir/internal/datalock"
	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/report"
	"github.com/taqrir/taqrir/internal/source"
)

// served is a `taqrir serve` that holds the data directory: commands that
// find the directory locked by it go through its API, over the unix socket
// it keeps in the directory, instead of failing.
type served struct {
	hc  *http.Client
	url string // the server's HTTP address, for messages
}

// servedBy returns the server holding the data directory when err is the
// lock's "in use" error and the holder is a serve with a socket; nil
// otherwise.
func (a *app) servedBy(err error) *served {
	if !errors.Is(err, datalock.ErrHeld) {
		return nil
	}
	sock := filepath.Join(a.dataDir, taqapp.SocketFile)
	if fi, serr := os.Stat(sock); serr != nil || fi.Mode()&os.ModeSocket == 0 {
		return nil
	}
	tr := &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "unix", sock)
	}}
	return &served{hc: &http.Client{Transport: tr}, url: taqapp.ServeAddr(a.dataDir)}
}

// do sends a request to the server and returns its body; an API error
// becomes an error with the server's message.
func (s *served) do(ctx context.Context, method, path string, q url.Values, ctype string, body io.Reader) (io.ReadCloser, error) {
	u := "http://taqrir" + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return nil, err
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := s.hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("the taqrir serve holding the data directory (%s) did not answer: %w", s.url, err)
	}
	if resp.StatusCode >= 300 {
		defer resp.Body.Close()
		var e struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		if json.Unmarshal(b, &e) == nil && e.Error.Message != "" {
			return nil, errors.New(e.Error.Message)
		}
		return nil, fmt.Errorf("taqrir serve: HTTP %d: %s", resp.StatusCode, strings.TrimSpace(string(b)))
	}
	return resp.Body, nil
}

// getJSON decodes a GET answer into v.
func (s *served) getJSON(ctx context.Context, path string, q url.Values, v any) error {
	body, err := s.do(ctx, http.MethodGet, path, q, "", nil)
	if err != nil {
		return err
	}
	defer body.Close()
	return json.NewDecoder(body).Decode(v)
}

// setNonEmpty sets q[k] when v is not empty.
func setNonEmpty(q url.Values, kv ...string) url.Values {
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			q.Set(kv[i], kv[i+1])
		}
	}
	return q
}

// report asks the server for the report on a story or a query (its JSON,
// rendered here as the command would).
func (s *served) report(ctx context.Context, storyID string, q report.Query, since, until, entity string, opts report.Options) (*report.Report, error) {
	v := setNonEmpty(url.Values{}, "format", "json", "story", storyID, "source", q.Source, "entity", strings.TrimSpace(entity),
		"since", since, "until", until, "limit", strconv.Itoa(opts.Limit), "min_confidence", strconv.FormatFloat(opts.MinConfidence, 'g', -1, 64))
	if storyID == "" {
		v.Set("q", q.Text)
	}
	if q.NoSynonyms {
		v.Set("synonyms", "false")
	}
	var rep report.Report
	if err := s.getJSON(ctx, "/api/v1/report", v, &rep); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return &rep, nil
}

// ingest posts what an ingest command names to the server: stdin and
// .txt, .jsonl and .html files as they are, URLs as a list it fetches
// (through its SSRF guard). Directories, archives and feeds are the
// server's own business (taqrir sources), not posted.
func (s *served) ingest(ctx context.Context, a *app, paths, urls, feeds []string, stdinFormat source.Format, allowPrivate bool, every time.Duration) (ingest.Summary, error) {
	var sum ingest.Summary
	switch {
	case len(feeds) > 0 || every > 0:
		return sum, fmt.Errorf("ingest: taqrir serve holds the data directory and monitors feeds itself: add them with taqrir sources add NAME URL")
	case allowPrivate:
		return sum, fmt.Errorf("ingest: taqrir serve holds the data directory, and --allow-private cannot be passed to it: stop serve, or restart it with --allow-private for its sources")
	}
	ctypes := map[source.Format]string{source.FormatText: "text/plain; charset=utf-8", source.FormatJSONL: "application/x-ndjson", source.FormatHTML: "text/html"}
	post := func(ctype string, q url.Values, body io.Reader) error {
		rc, err := s.do(ctx, http.MethodPost, "/api/v1/ingest", q, ctype, body)
		if err != nil {
			return fmt.Errorf("ingest: %w", err)
		}
		defer rc.Close()
		var part ingest.Summary
		if err := json.NewDecoder(rc).Decode(&part); err != nil {
			return fmt.Errorf("ingest: the server's answer: %w", err)
		}
		sum.New += part.New
		sum.Copies += part.Copies
		sum.Unchanged += part.Unchanged
		sum.Updated += part.Updated
		sum.Failed += part.Failed
		sum.Items += part.Items
		sum.Duration += part.Duration
		sum.Failures = append(sum.Failures, part.Failures...)
		return nil
	}
	for _, p := range paths {
		if p == "-" {
			if err := post(ctypes[stdinFormat], nil, a.stdin); err != nil {
				return sum, err
			}
			continue
		}
		f, ok := source.FormatOf(p)
		fi, err := os.Stat(p)
		if err != nil {
			return sum, fmt.Errorf("ingest: %w", err)
		}
		if !ok || fi.IsDir() || ctypes[f] == "" || strings.HasSuffix(strings.ToLower(p), ".gz") {
			// A directory, an archive or a .gz file: read here into items,
			// each posted to the server (JSONL lines in batches).
			if err := s.postItems(ctx, p, post, ctypes); err != nil {
				return sum, err
			}
			continue
		}
		file, err := os.Open(p)
		if err != nil {
			return sum, fmt.Errorf("ingest: %w", err)
		}
		err = post(ctypes[f], nil, file)
		file.Close()
		if err != nil {
			return sum, err
		}
	}
	if len(urls) > 0 {
		if err := post("text/uri-list", nil, strings.NewReader(strings.Join(urls, "\n"))); err != nil {
			return sum, err
		}
	}
	return sum, nil
}

// maxBatch is how many bytes of JSONL lines postItems sends at once.
const maxBatch = 4 << 20

// postItems reads path (a directory, a WARC archive, a .gz file) into raw
// items as a local ingest would, and posts each to the server: pages and
// texts one by one (a page with its URL), JSONL lines in batches. An item
// that cannot be read here is counted as failed with its origin.
func (s *served) postItems(ctx context.Context, path string, post func(ctype string, q url.Values, body io.Reader) error, ctypes map[source.Format]string) error {
	var batch bytes.Buffer
	flush := func() error {
		if batch.Len() == 0 {
			return nil
		}
		err := post(ctypes[source.FormatJSONL], nil, bytes.NewReader(batch.Bytes()))
		batch.Reset()
		return err
	}
	var readFailures []ingest.Failure
	err := source.Options{}.Walk(ctx, []string{path}, func(it source.Item) error {
		if it.Err != nil {
			readFailures = append(readFailures, ingest.Failure{Origin: it.Origin, Reason: it.Err.Error()})
			return nil
		}
		if it.Format == source.FormatJSONL {
			if batch.Len()+len(it.Data) > maxBatch {
				if err := flush(); err != nil {
					return err
				}
			}
			batch.Write(bytes.TrimRight(it.Data, "\r\n"))
			batch.WriteByte('\n')
			return nil
		}
		ctype := ctypes[it.Format]
		if ctype == "" {
			readFailures = append(readFailures, ingest.Failure{Origin: it.Origin, Reason: "no format the server takes"})
			return nil
		}
		var q url.Values
		if it.URL != "" && it.Format == source.FormatHTML {
			q = url.Values{"url": {it.URL}} // a WARC record's target
		}
		return post(ctype, q, bytes.NewReader(it.Data))
	})
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	if len(readFailures) > 0 {
		return fmt.Errorf("ingest: %s: %d item(s) could not be read, the first %s: %s", path, len(readFailures), readFailures[0].Origin, readFailures[0].Reason)
	}
	return flush()
}
