package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/taqrir/taqrir/internal/app"
)

// serve runs `taqrir --data DIR serve` on a loopback port of the system's
// choosing, asks it every query of the set over the API (full searches,
// as the UI asks) and the stories list, then stops it and reads its peak
// RSS: the memory of serving, stated per 10k articles like the ingest's.
func (r *runner) serve(ctx context.Context) (Stage, error) {
	floor, err := r.floorRSS(ctx)
	if err != nil {
		return Stage{}, err
	}
	addrFile := filepath.Join(r.dataDir(), app.ServeAddrFile)
	os.Remove(addrFile)
	cmd := exec.CommandContext(ctx, r.opt.Exe, "--data", r.dataDir(), "serve", "--addr", "127.0.0.1:0")
	cost, err := r.measured(cmd)
	if err != nil {
		return Stage{}, err
	}
	var errb strings.Builder
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		return Stage{}, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	stop := func() {
		stopProcess(cmd.Process)
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}
	base, err := waitAddr(ctx, addrFile, done)
	if err != nil {
		stop()
		return Stage{}, fmt.Errorf("bench: taqrir serve: %w: %s", err, strings.TrimSpace(errb.String()))
	}
	// The command line's way in, the unix socket, where there is one: it
	// is not rate-limited, as the loopback port is for any client.
	client := http.DefaultClient
	via := "the loopback port"
	if sock := filepath.Join(r.dataDir(), app.SocketFile); fileExists(sock) {
		client = &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", sock)
		}}}
		via = "its unix socket (as the command line talks to it)"
	}
	get := func(path string) (time.Duration, error) {
		for try := 0; ; try++ {
			t0 := time.Now()
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
			if err != nil {
				return 0, err
			}
			resp, err := client.Do(req)
			if err != nil {
				return 0, err
			}
			_, err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			took := time.Since(t0)
			if resp.StatusCode == http.StatusTooManyRequests && try < 10 {
				time.Sleep(time.Second) // the rate limit: wait, and time the answer, not the refusal
				continue
			}
			if err == nil && resp.StatusCode != http.StatusOK {
				err = fmt.Errorf("GET %s: %s", path, resp.Status)
			}
			return took, err
		}
	}
	r.logf("serve: %d searches over the API", len(r.queries))
	var lat []time.Duration
	var reqErr error
	if _, reqErr = get("/api/v1/stories"); reqErr == nil {
		for _, q := range r.queries {
			v := url.Values{"q": {q.Text}}
			if q.Source != "" {
				v.Set("source", q.Source)
			}
			if !q.Since.IsZero() {
				v.Set("since", q.Since.Format("2006-01-02"))
			}
			if !q.Until.IsZero() {
				v.Set("until", q.Until.AddDate(0, 0, -1).Format("2006-01-02")) // the API's until is the last day
			}
			d, err := get("/api/v1/search?" + v.Encode())
			if err != nil {
				reqErr = err
				break
			}
			lat = append(lat, d)
		}
	}
	stop()
	if reqErr != nil {
		return Stage{}, fmt.Errorf("bench: taqrir serve: %w", reqErr)
	}
	_, rss := cost()
	slices.Sort(lat)
	return Stage{
		Name: "serve",
		How: fmt.Sprintf("`taqrir --data DIR serve` in a child process, asked the stories list and %d searches over HTTP through %s (facets and snippets on, as the UI asks), one at a time; "+
			"its own peak RSS (VmHWM) as it stopped, per 10k articles what is above the peak of `taqrir --version` (%.0f MB); latency is the HTTP round trip", len(lat), via, float64(floor)/mb),
		Figures: []Figure{
			{Key: "peak_rss_mb", Label: "peak RSS MB", Ours: float64(rss) / mb, Better: Lower},
			{Key: "peak_rss_mb_per_10k", Label: "peak RSS MB per 10k articles", Ours: per10k(rss, floor, r.corpus.Articles), Better: Lower},
			{Key: "search_p50_ms", Label: "API search p50 ms", Ours: percentile(lat, 50), Better: Lower},
			{Key: "search_p99_ms", Label: "API search p99 ms", Ours: percentile(lat, 99), Better: Lower},
		},
	}, nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// waitAddr waits for the server to record its base URL in file.
func waitAddr(ctx context.Context, file string, done <-chan error) (string, error) {
	deadline := time.After(2 * time.Minute)
	for {
		if b, err := os.ReadFile(file); err == nil && strings.HasPrefix(string(b), "http") {
			return strings.TrimSpace(string(b)), nil
		}
		select {
		case err := <-done:
			if err == nil {
				err = errors.New("exited")
			}
			return "", err
		case <-deadline:
			return "", errors.New("no address after 2 minutes")
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}
