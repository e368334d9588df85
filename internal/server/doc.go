// Package server is `taqrir serve`'s HTTP side: the JSON API under
// /api/v1 (documented by openapi.json, which a test checks against the
// handlers), the right-to-left web UI rendered with html/template, the
// Atom feeds of saved searches and the Prometheus metrics. Its handlers
// are thin: they parse a request, call the application layer
// (internal/app) and write the answer.
//
// It must never hold domain logic of its own, run a script in a page it
// serves (the Content-Security-Policy forbids every script), put untrusted
// text into a page unescaped, let a write through without a token, or let
// an HTTP request reach an internal address (fetches and webhooks go
// through internal/fetch's SSRF guard; --allow-private is a command-line
// choice only).
package server
