// Package fetch is taqrir's one way onto the network: a polite HTTP
// fetcher (its own User-Agent, robots.txt obeyed and cached per host, a
// per-host request interval, timeouts, a body size limit, at most five
// redirects, retries with exponential backoff that honour Retry-After,
// conditional GET from remembered ETag and Last-Modified) with an SSRF
// guard in its dialer: loopback, private, link-local, cloud-metadata and
// other internal addresses are refused after DNS resolution, on every
// connection and so on every redirect, unless AllowPrivate is set. It
// never interprets what it fetches beyond the Content-Type, never connects
// through a proxy (the guard must see the real address), and never
// fetches a page robots.txt forbids.
package fetch
