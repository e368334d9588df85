package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"time"
)

// Post sends body to rawURL (a webhook) through the same guarded client as
// Get: the SSRF guard on every connection (redirects included), the
// per-host interval, and retries with backoff after a
// 5xx, 429 or network error. robots.txt is not asked: a webhook's owner
// asked for it. It returns the final HTTP status.
func (f *Fetcher) Post(ctx context.Context, rawURL, contentType string, body []byte) (int, error) {
	u, err := parseURL(rawURL)
	if err != nil {
		return 0, err
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, f.opt.Deadline)
	defer cancel()
	var lastErr error
	for attempt := 0; ; attempt++ {
		if err := f.wait(ctx, u.Host); err != nil {
			return 0, deadlineErr(parent, ctx, err, f.opt.Deadline)
		}
		status, after, err := f.post(ctx, u, contentType, body)
		if err == nil {
			return status, nil
		}
		lastErr = deadlineErr(parent, ctx, err, f.opt.Deadline)
		if attempt >= f.opt.Retries || !retryable(ctx, err) {
			return status, lastErr
		}
		delay := f.opt.Backoff << attempt
		delay += time.Duration(rand.Int64N(int64(delay)/4 + 1))
		if after > 0 {
			if after > f.opt.MaxWait {
				return status, lastErr
			}
			delay = max(delay, after)
		}
		if err := sleep(ctx, delay); err != nil {
			return status, deadlineErr(parent, ctx, err, f.opt.Deadline)
		}
	}
}

func (f *Fetcher) post(ctx context.Context, u *url.URL, contentType string, body []byte) (int, time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, f.opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return 0, 0, fmt.Errorf("%w %q: %v", ErrURL, u, err)
	}
	req.Header.Set("User-Agent", f.opt.UserAgent)
	req.Header.Set("Content-Type", contentType)
	resp, err := f.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		var be *blockedError
		if errors.As(err, &be) {
			err = be
		}
		return 0, 0, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, retryAfter(resp.Header.Get("Retry-After")), &statusError{code: resp.StatusCode, status: resp.Status, url: u.String()}
	}
	return resp.StatusCode, 0, nil
}
