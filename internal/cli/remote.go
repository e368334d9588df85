package cli

import (
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
	"strings"

	taqapp "github.com/taqrir/taqrir/internal/app"
	"github.com/taqrir/taqrir/internal/datalock"
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
