package server

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/taqrir/taqrir/internal/app"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/store"
)

// apiError is an error with the HTTP status and the stable code an API
// client sees.
type apiError struct {
	Status  int
	Code    string
	Message string
}

func (e *apiError) Error() string { return e.Message }

func badRequest(msg string) *apiError { return &apiError{http.StatusBadRequest, "bad_request", msg} }

// classify turns an error of the application layer into an apiError.
func classify(err error) *apiError {
	var ae *apiError
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.Is(err, store.ErrNotFound), errors.Is(err, app.ErrNoStory), errors.Is(err, app.ErrUnknown):
		return &apiError{http.StatusNotFound, "not_found", err.Error()}
	case errors.Is(err, store.ErrBadID), errors.Is(err, index.ErrEmptyQuery), errors.Is(err, index.ErrBadRequest):
		return &apiError{http.StatusBadRequest, "bad_request", err.Error()}
	case errors.Is(err, store.ErrAmbiguousID):
		return &apiError{http.StatusConflict, "ambiguous_id", err.Error()}
	case errors.Is(err, app.ErrExists):
		return &apiError{http.StatusConflict, "exists", err.Error()}
	case errors.Is(err, errTimeout):
		return &apiError{http.StatusServiceUnavailable, "timeout", "the request took longer than its time limit; narrow it (fewer words, a date range)"}
	}
	return &apiError{http.StatusInternalServerError, "internal", err.Error()}
}

var errTimeout = errors.New("server: request timed out")

// writeJSON writes v as JSON, Arabic and <> left as they are.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// writeError writes {"error": {"code", "message"}}.
func writeError(w http.ResponseWriter, err error) {
	e := classify(err)
	if e.Status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "1")
	}
	writeJSON(w, e.Status, map[string]any{"error": map[string]string{"code": e.Code, "message": e.Message}})
}
