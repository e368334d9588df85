package server

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"time"

	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestOpenAPIMatchesHandlers: every path and method openapi.json documents
// is a registered handler, and every API handler is documented.
func TestOpenAPIMatchesHandlers(t *testing.T) {
	var spec struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPI, &spec); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(spec.OpenAPI, "3.") {
		t.Errorf("openapi = %q, want 3.x", spec.OpenAPI)
	}
	var documented []string
	for p, ops := range spec.Paths {
		for m := range ops {
			documented = append(documented, strings.ToUpper(m)+" "+p)
		}
	}
	s := New(nilData(t), Options{Loopback: true})
	var registered []string
	for _, r := range s.APIRoutes() {
		if r != "/api/" { // the catch-all that answers 404 in JSON
			registered = append(registered, r)
		}
	}
	slices.Sort(documented)
	slices.Sort(registered)
	if !slices.Equal(documented, registered) {
		for _, d := range documented {
			if !slices.Contains(registered, d) {
				t.Errorf("openapi.json documents %s, which no handler serves", d)
			}
		}
		for _, r := range registered {
			if !slices.Contains(documented, r) {
				t.Errorf("the handler %s is not documented in openapi.json", r)
			}
		}
	}
}

func TestAPI(t *testing.T) {
	f := newFixture(t, Options{})
	q := url.QueryEscape
	tests := []struct {
		name, path string
		status     int
		has        []string // substrings of the body
	}{
		{"search", "/api/v1/search?q=" + q("امريكا"), 200, []string{`"hits"`, `"total"`, `"sources"`, `"months"`, `"entities"`, "<mark>"}},
		{"search without facets or highlights", "/api/v1/search?q=" + q("امريكا") + "&facets=false&highlight=false", 200, []string{`"sources": []`, `"snippet": ""`}},
		{"search filters", "/api/v1/search?q=" + q("مفاوضات") + "&since=2025-04&until=2025-04&sort=newest&source=" + q("الواحة نيوز"), 200, []string{`"hits"`}},
		{"search needs q", "/api/v1/search", 400, []string{`"code": "bad_request"`, "q is missing"}},
		{"limit over the cap", "/api/v1/search?q=x&limit=1000", 400, []string{"limit"}},
		{"offset over the cap", "/api/v1/search?q=x&offset=20000", 400, []string{"offset"}},
		{"bad sort", "/api/v1/search?q=x&sort=random", 400, []string{"sort"}},
		{"empty date range", "/api/v1/search?q=x&since=2025-05&until=2025-04", 400, []string{"date range is empty"}},
		{"stopwords only", "/api/v1/search?q=" + q("في"), 400, []string{"stopword"}},
		{"long query", "/api/v1/search?q=" + strings.Repeat("a", 2000), 400, []string{"at most"}},
		{"article", "/api/v1/articles/" + f.hostID[:8], 200, []string{`"entities"`, `"claims"`, `"paragraphs"`}},
		{"no article", "/api/v1/articles/0000000000000000", 404, []string{`"not_found"`}},
		{"bad id", "/api/v1/articles/zz", 400, []string{`"bad_request"`}},
		{"report json", "/api/v1/report?q=" + q("هدنة السودان"), 200, []string{`"summary"`, `"timeline"`}},
		{"report md", "/api/v1/report?q=" + q("هدنة السودان") + "&format=md", 200, []string{"# "}},
		{"report html links to the article view", "/api/v1/report?q=" + q("هدنة السودان") + "&format=html", 200, []string{`href="/articles/`, `?hl=`}},
		{"report bad format", "/api/v1/report?q=x&format=pdf", 400, []string{"format"}},
		{"report needs q or story", "/api/v1/report", 400, []string{"q (or story) is missing"}},
		{"stories", "/api/v1/stories?limit=2", 200, []string{`"stories"`, `"total"`}},
		{"no story", "/api/v1/stories/0000000000000000", 404, []string{"not_found"}},
		{"entity", "/api/v1/entities/" + url.PathEscape("قطر"), 200, []string{`"aliases"`, `"articles"`, `"claims"`, `"timeline"`}},
		{"stats", "/api/v1/stats", 200, []string{`"articles"`, `"groups"`}},
		{"volume", "/api/v1/volume", 200, []string{`"months"`, `"by_source"`}},
		{"health", "/api/v1/health", 200, []string{`"status": "ok"`}},
		{"metrics", "/api/v1/metrics", 200, []string{"# TYPE taqrir_http_requests_total counter", "taqrir_indexed_articles"}},
		{"openapi", "/api/v1/openapi.json", 200, []string{`"openapi"`}},
		{"sources", "/api/v1/sources", 200, []string{`"sources"`}},
		{"saved", "/api/v1/saved", 200, []string{`"saved"`}},
		{"unknown API path", "/api/v1/nothing", 404, []string{`"not_found"`}},
		{"export bad format", "/api/v1/export?q=x&format=xls", 400, []string{"format"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := f.get(t, tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("GET %s: %d, want %d: %.300s", tt.path, resp.StatusCode, tt.status, body)
			}
			for _, h := range tt.has {
				if !strings.Contains(body, h) {
					t.Errorf("GET %s: the answer has no %q: %.400s", tt.path, h, body)
				}
			}
			if resp.Header.Get("X-RateLimit-Limit") == "" || resp.Header.Get("X-RateLimit-Remaining") == "" {
				t.Error("no rate-limit headers")
			}
			if tt.status >= 400 {
				var e struct {
					Error struct{ Code, Message string } `json:"error"`
				}
				if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
					t.Errorf("error body %q is not {error:{code,message}}", body)
				}
			}
		})
	}
	// The search JSON is search --json's: the same keys as index.Result.
	_, body := f.get(t, "/api/v1/search?q="+q("امريكا"))
	var keys map[string]json.RawMessage
	json.Unmarshal([]byte(body), &keys)
	for _, k := range []string{"hits", "total", "sources", "months", "entities", "took_ns", "parsed", "relaxed"} {
		if _, ok := keys[k]; !ok {
			t.Errorf("search JSON has no %q", k)
		}
	}
}

func TestWritesNeedAToken(t *testing.T) {
	f := newFixture(t, Options{})
	line := `{"title":"خبر للاختبار عن الموانئ","text":"أعلنت هيئة الموانئ توسعة جديدة للرصيف الشمالي.","source":"اختبار"}`
	if resp, _ := f.do(t, "POST", "/api/v1/ingest", "application/x-ndjson", line, false); resp.StatusCode != 401 {
		t.Errorf("ingest without a token: %d, want 401", resp.StatusCode)
	}
	req, _ := http.NewRequest("POST", f.ts.URL+"/api/v1/ingest", strings.NewReader(line))
	req.Header.Set("Authorization", "Bearer tq_wrong")
	req.Header.Set("Content-Type", "application/x-ndjson")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 401 {
		t.Errorf("ingest with a wrong token: %v %v, want 401", resp.StatusCode, err)
	}
	resp, body := f.do(t, "POST", "/api/v1/ingest", "application/x-ndjson", line, true)
	if resp.StatusCode != 200 || !strings.Contains(body, `"new": 1`) {
		t.Fatalf("ingest with the token: %d %s", resp.StatusCode, body)
	}
	if resp, _ := f.do(t, "POST", "/api/v1/ingest", "application/pdf", "x", true); resp.StatusCode != 415 {
		t.Errorf("a PDF body: %d, want 415", resp.StatusCode)
	}
	// URLs are fetched through the SSRF guard: this very server is loopback.
	resp, body = f.do(t, "POST", "/api/v1/ingest", "text/uri-list", f.ts.URL+"/api/v1/health\n", true)
	if resp.StatusCode != 200 || !strings.Contains(body, "loopback") || !strings.Contains(body, `"failed": 1`) {
		t.Errorf("posting a loopback URL: %d %s; want it refused by the guard", resp.StatusCode, body)
	}
	for _, p := range []struct{ method, path, ctype, body string }{
		{"POST", "/api/v1/saved", "application/json", `{"name":"x","query":"قطر"}`},
		{"DELETE", "/api/v1/saved/x", "", ""},
		{"POST", "/api/v1/sources", "application/json", `{"name":"x","url":"https://example.com/rss","interval":"10m"}`},
		{"DELETE", "/api/v1/sources/x", "", ""},
	} {
		if resp, _ := f.do(t, p.method, p.path, p.ctype, p.body, false); resp.StatusCode != 401 {
			t.Errorf("%s %s without a token: %d, want 401", p.method, p.path, resp.StatusCode)
		}
	}
}

func TestBodyLimit(t *testing.T) {
	f := newFixture(t, Options{MaxBody: 1000})
	resp, body := f.do(t, "POST", "/api/v1/ingest", "text/plain", strings.Repeat("كلمة ", 500), true)
	if resp.StatusCode != 413 {
		t.Errorf("a body over the limit: %d %s, want 413", resp.StatusCode, body)
	}
}

func TestReadsAwayFromLoopback(t *testing.T) {
	f := newFixture(t, Options{OpenReads: false, Loopback: false})
	f.s.opt.Loopback = false // as if bound to 0.0.0.0
	if resp, _ := f.get(t, "/api/v1/stats"); resp.StatusCode != 401 {
		t.Errorf("a read without a token off loopback: %d, want 401", resp.StatusCode)
	}
	if resp, _ := f.do(t, "GET", "/api/v1/stats", "", "", true); resp.StatusCode != 200 {
		t.Errorf("a read with a token: %d", resp.StatusCode)
	}
	if resp, _ := f.get(t, "/search?q=x"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("a UI page without a token: %d %s, want a redirect to /login", resp.StatusCode, resp.Header.Get("Location"))
	}
	f.s.opt.OpenReads = true
	if resp, _ := f.get(t, "/api/v1/stats"); resp.StatusCode != 200 {
		t.Errorf("--open-reads: %d", resp.StatusCode)
	}
}

// TestHostCheck: on loopback a request must name the loopback as its
// Host, so a page of another site that rebinds its name to 127.0.0.1
// cannot read the API.
func TestHostCheck(t *testing.T) {
	f := newFixture(t, Options{Hosts: []string{"taqrir.local"}})
	for host, want := range map[string]int{"evil.example": 421, "evil.example:80": 421, "localhost:1": 200, "127.0.0.1": 200, "[::1]:8080": 200, "taqrir.local": 200} {
		req, _ := http.NewRequest("GET", f.ts.URL+"/api/v1/health", nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: %d, want %d", host, resp.StatusCode, want)
		}
	}
}

func TestRateLimit(t *testing.T) {
	f := newFixture(t, Options{Rate: 0.001, Burst: 3})
	var codes []int
	for range 5 {
		resp, _ := f.get(t, "/api/v1/health")
		codes = append(codes, resp.StatusCode)
		if resp.StatusCode == 429 && resp.Header.Get("Retry-After") == "" {
			t.Error("a 429 without Retry-After")
		}
	}
	if !slices.Equal(codes, []int{200, 200, 200, 429, 429}) {
		t.Errorf("codes %v, want three answers then 429s", codes)
	}
}

func TestExport(t *testing.T) {
	f := newFixture(t, Options{})
	line := `{"title":"=HYPERLINK(\"http://evil.example\")","text":"مفاوضات الموانئ مستمرة.","source":"@اختبار","url":"https://example.com/p"}`
	if resp, body := f.do(t, "POST", "/api/v1/ingest", "application/x-ndjson", line, true); resp.StatusCode != 200 {
		t.Fatal(body)
	}
	resp, body := f.get(t, "/api/v1/export?q="+url.QueryEscape("مفاوضات الموانئ")+"&format=csv")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("export: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("CSV: %v %q", err, body)
	}
	if !slices.Equal(rows[0], articleHeader) {
		t.Errorf("header %v", rows[0])
	}
	found := false
	for _, r := range rows[1:] {
		for _, c := range r {
			if c != "" && strings.ContainsRune("=+-@", rune(c[0])) {
				t.Errorf("cell %q starts with a formula character", c)
			}
		}
		if r[3] == `'=HYPERLINK("http://evil.example")` && r[2] == "'@اختبار" {
			found = true
		}
	}
	if !found {
		t.Errorf("the formula article is not in the export, neutralised: %v", rows)
	}
	resp, body = f.get(t, "/api/v1/export?q="+url.QueryEscape("هدنة السودان")+"&format=jsonl")
	lines := strings.Split(strings.TrimSpace(body), "\n")
	var first map[string]string
	if resp.StatusCode != 200 || json.Unmarshal([]byte(lines[0]), &first) != nil || first["id"] == "" {
		t.Errorf("JSONL export: %d %.200s", resp.StatusCode, body)
	}
	for _, what := range []string{"actors", "figures", "claims"} {
		resp, body := f.get(t, "/api/v1/export?q="+url.QueryEscape("هدنة السودان")+"&what="+what)
		if resp.StatusCode != 200 || strings.Count(body, "\n") < 2 {
			t.Errorf("export of the report's %s: %d %.200s", what, resp.StatusCode, body)
		}
	}
	_, body = f.get(t, "/api/v1/stories?limit=1")
	var st struct {
		Stories []struct{ ID string } `json:"stories"`
	}
	json.Unmarshal([]byte(body), &st)
	resp, body = f.get(t, "/api/v1/export?story="+st.Stories[0].ID)
	if resp.StatusCode != 200 || strings.Count(body, "\n") < 2 {
		t.Errorf("export of a story: %d %.200s", resp.StatusCode, body)
	}
}

func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+2": "'+2", "-3": "'-3", "@SUM": "'@SUM", "\t=x": "'\t=x", "نص": "نص", "": "", "a=b": "a=b"} {
		if got := SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSavedSearchFeed: a saved search's Atom feed gains an article when
// one it matches is ingested, and only then.
func TestSavedSearchFeed(t *testing.T) {
	f := newFixture(t, Options{})
	resp, body := f.do(t, "POST", "/api/v1/saved", "application/json", `{"name":"ports","query":"الموانئ","source":""}`, true)
	if resp.StatusCode != 201 {
		t.Fatalf("save: %d %s", resp.StatusCode, body)
	}
	if resp, _ := f.do(t, "POST", "/api/v1/saved", "application/json", `{"name":"ports","query":"قطر"}`, true); resp.StatusCode != 409 {
		t.Errorf("the same name again: %d, want 409", resp.StatusCode)
	}
	if resp, _ := f.do(t, "POST", "/api/v1/saved", "application/json", `{"name":"bad name","query":"قطر"}`, true); resp.StatusCode != 400 {
		t.Errorf("a bad name: %d, want 400", resp.StatusCode)
	}
	entries := func() []string {
		resp, body := f.get(t, "/feeds/ports.atom")
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/atom+xml") {
			t.Fatalf("feed: %d %s", resp.StatusCode, body)
		}
		var feed struct {
			Entries []struct {
				Title string `xml:"title"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal([]byte(body), &feed); err != nil {
			t.Fatalf("the feed is not XML: %v", err)
		}
		var out []string
		for _, e := range feed.Entries {
			out = append(out, e.Title)
		}
		return out
	}
	if got := entries(); len(got) != 0 {
		t.Errorf("a new saved search's feed: %v, want empty (older articles are not new matches)", got)
	}
	f.do(t, "POST", "/api/v1/ingest", "application/x-ndjson", `{"title":"توسعة الموانئ","text":"أعلنت هيئة الموانئ توسعة جديدة.","source":"اختبار"}`+"\n"+`{"title":"طقس","text":"أمطار غزيرة على السواحل.","source":"اختبار"}`, true)
	if got := entries(); !slices.Equal(got, []string{"توسعة الموانئ"}) {
		t.Errorf("feed after the ingest: %v, want the one matching article", got)
	}
	if resp, _ := f.get(t, "/feeds/nosuch.atom"); resp.StatusCode != 404 {
		t.Errorf("an unknown feed: %d", resp.StatusCode)
	}
}

func TestUIPages(t *testing.T) {
	f := newFixture(t, Options{})
	q := url.QueryEscape
	_, sb := f.get(t, "/api/v1/stories?limit=1")
	var st struct {
		Stories []struct{ ID string } `json:"stories"`
	}
	json.Unmarshal([]byte(sb), &st)
	pages := []struct {
		path string
		has  []string
	}{
		{"/", []string{`lang="ar" dir="rtl"`, "<svg"}},
		{"/?lang=en", []string{`lang="en" dir="ltr"`, "Stories"}},
		{"/search?q=" + q("امريكا"), []string{"<mark>", `class="facets"`, "/report?q="}},
		{"/search?q=" + q("في"), []string{`class="error"`}},
		{"/articles/" + f.hostID, []string{`class="body"`}},
		{"/stories", []string{"/stories/"}},
		{"/stories/" + st.Stories[0].ID, []string{"/report?story="}},
		{"/entities/" + url.PathEscape("قطر"), []string{"قطر"}},
		{"/report?q=" + q("هدنة السودان"), []string{`dir="rtl"`, `href="/articles/`}},
		{"/report?story=" + st.Stories[0].ID, []string{`dir="rtl"`}},
		{"/saved", []string{"/login?next=/saved"}},
		{"/login", []string{`type="password"`}},
	}
	for _, p := range pages {
		resp, body := f.get(t, p.path)
		if resp.StatusCode >= 300 && !strings.Contains(p.path, "=%D9%81%D9%8A") {
			t.Errorf("GET %s: %d", p.path, resp.StatusCode)
		}
		if !strings.Contains(resp.Header.Get("Content-Security-Policy"), "script-src 'none'") {
			t.Errorf("GET %s: no CSP forbidding scripts", p.path)
		}
		for _, h := range p.has {
			if !strings.Contains(body, h) {
				t.Errorf("GET %s: no %q in the page", p.path, h)
			}
		}
	}
}

// TestCitedSentence: an article reached from a report's citation marks the
// cited sentence with the anchor the link names.
func TestCitedSentence(t *testing.T) {
	f := newFixture(t, Options{})
	_, body := f.get(t, "/report?q="+url.QueryEscape("هدنة السودان"))
	m := regexp.MustCompile(`href="(/articles/[0-9a-f]+\?hl=(\d+)-\d+#s-(\d+))"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("the report page has no citation to the article view")
	}
	_, page := f.get(t, strings.ReplaceAll(m[1], "&amp;", "&"))
	if !strings.Contains(page, `id="s-`+m[2]+`"`) || !strings.Contains(page, "cited") {
		t.Errorf("the article page has no cited sentence anchored s-%s", m[2])
	}
	if resp, _ := f.get(t, "/articles/"+f.hostID+"?hl=9-3"); resp.StatusCode != 400 {
		t.Errorf("a reversed hl: %d, want 400", resp.StatusCode)
	}
	if resp, _ := f.get(t, "/articles/"+f.hostID+"?hl=0-99999999"); resp.StatusCode != 200 {
		t.Errorf("an hl past the text: %d, want the page without a mark", resp.StatusCode)
	}
}

// TestHostileArticleInert: the payloads of the hostile page never come out
// as markup, in any page or export.
func TestHostileArticleInert(t *testing.T) {
	f := newFixture(t, Options{})
	q := url.QueryEscape("مفاوضات التهدئة")
	for _, p := range []string{"/articles/" + f.hostID, "/search?q=" + q, "/report?q=" + q, "/api/v1/report?format=html&q=" + q, "/stories", "/entities/" + url.PathEscape("العاصمة")} {
		_, body := f.get(t, p)
		if bad := activeMarkup(body); bad != "" {
			t.Errorf("GET %s: the page holds active markup: %s", p, bad)
		}
	}
}

// activeMarkup names the first element or attribute of page that could
// run script: a <script>, an on* handler, a javascript: URL; "" for none.
func activeMarkup(page string) string {
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if tok.Data == "script" || tok.Data == "iframe" || tok.Data == "object" || tok.Data == "embed" {
				return "<" + tok.Data + ">"
			}
			for _, a := range tok.Attr {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				if strings.HasPrefix(a.Key, "on") || strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:text/html") {
					return tok.Data + " " + a.Key + "=" + a.Val
				}
			}
		}
	}
}

func TestUISignInAndCSRF(t *testing.T) {
	f := newFixture(t, Options{})
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(f.ts.URL+"/login", url.Values{"token": {f.token}, "next": {"//evil.example/"}})
	if err != nil {
		t.Fatal(err)
	}
	var session *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == sessionCookie {
			session = ck
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteStrictMode {
		t.Fatalf("sign-in cookie %+v: want HttpOnly, SameSite=Strict", session)
	}
	if loc := resp.Header.Get("Location"); loc != "/" {
		t.Errorf("next=//evil.example/ redirected to %q, want /", loc)
	}
	post := func(form url.Values) int {
		req, _ := http.NewRequest("POST", f.ts.URL+"/saved", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(session)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post(url.Values{"name": {"a"}, "q": {"قطر"}}); code != 403 {
		t.Errorf("a form without the CSRF token: %d, want 403", code)
	}
	if code := post(url.Values{"name": {"a"}, "q": {"قطر"}, "csrf": {f.s.csrfToken(f.token)}}); code != 303 {
		t.Errorf("a form with the CSRF token: %d, want 303", code)
	}
	if _, err := f.d.Saved().Get("a"); err != nil {
		t.Error(err)
	}
	resp, _ = c.PostForm(f.ts.URL+"/login", url.Values{"token": {"tq_nope"}})
	if resp.StatusCode != 401 {
		t.Errorf("a wrong token at sign-in: %d", resp.StatusCode)
	}
}

// TestFontProvenance: the served font is the file FONT.md describes.
func TestFontProvenance(t *testing.T) {
	b, err := os.ReadFile("static/Amiri-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	note, err := os.ReadFile("static/FONT.md")
	if err != nil || !strings.Contains(string(note), hex.EncodeToString(sum[:])) {
		t.Errorf("static/FONT.md does not name the font's SHA-256 %x", sum)
	}
	if _, err := os.Stat("static/OFL.txt"); err != nil {
		t.Error("no licence beside the font")
	}
}

// TestTimeout: a request past its time limit is answered 503 with the
// timeout code, not left running.
func TestTimeout(t *testing.T) {
	f := newFixture(t, Options{Timeout: time.Nanosecond})
	resp, body := f.get(t, "/api/v1/search?q="+url.QueryEscape("امريكا OR ايران OR ليب* OR مباحثات"))
	if resp.StatusCode != 503 || !strings.Contains(body, `"timeout"`) {
		t.Errorf("a search past its limit: %d %s, want 503 timeout", resp.StatusCode, body)
	}
}
