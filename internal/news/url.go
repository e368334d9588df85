package news

import (
	"net/url"
	"sort"
	"strings"
)

// trackingParams are query parameters that never change which article a URL
// names; they are dropped so two shares of one article get one id.
var trackingParams = map[string]bool{
	"utm_source": true, "utm_medium": true, "utm_campaign": true, "utm_term": true,
	"utm_content": true, "fbclid": true, "gclid": true, "ref": true, "amp": true,
}

// CanonicalizeURL lowercases scheme and host, makes http https (a site
// serves one article under both), drops the fragment, default ports,
// tracking parameters, "www." and a trailing slash, and sorts the remaining
// query. It returns "" for an empty or unparsable URL.
func CanonicalizeURL(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme == "http" {
		u.Scheme = "https"
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimPrefix(host, "www.")
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	q := u.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		if !trackingParams[strings.ToLower(k)] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		for j, v := range q[k] {
			if i+j > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(k) + "=" + url.QueryEscape(v))
		}
	}
	// The path is kept decoded, so /خبر and /%D8%AE%D8%A8%D8%B1 are one URL.
	s := u.Scheme + "://" + host + strings.TrimSuffix(u.Path, "/")
	if b.Len() > 0 {
		s += "?" + b.String()
	}
	return s
}
