package pgsearch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/taqrir/taqrir/internal/analyzer"
	"github.com/taqrir/taqrir/internal/eval"
	"github.com/taqrir/taqrir/internal/extract"
	"github.com/taqrir/taqrir/internal/index"
	"github.com/taqrir/taqrir/internal/ingest"
	"github.com/taqrir/taqrir/internal/news"
	"github.com/taqrir/taqrir/internal/searchbench"
	"github.com/taqrir/taqrir/internal/store"
	"github.com/taqrir/taqrir/internal/store/postgres"
	"github.com/taqrir/taqrir/internal/store/sqlite"
	"github.com/taqrir/taqrir/internal/testsuite"
)

// TestXQuAD scores the PostgreSQL index on XQuAD-R Arabic sentence
// retrieval (package eval's task: every sentence a document, every
// question a disjunction of its keys) beside bleve with the same analyzer,
// dev and test, and requires BM25 in PostgreSQL within one MRR@10 point
// of bleve on both.
func TestXQuAD(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes XQuAD-R twice per split; skipped with -short")
	}
	path := filepath.Join("..", "..", "..", eval.DefaultXQuADPath)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("XQuAD-R Arabic not found at %s: %v", path, err)
	}
	testsuite.PostgresURL(t)
	task, err := eval.LoadXQuAD(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var table strings.Builder
	fmt.Fprintf(&table, "%-5s %-36s %7s %6s %6s %5s\n", "split", "config", "MRR@10", "R@1", "R@10", "n")
	row := func(split eval.Split, name string, ranks []int) float64 {
		var mrr, r1, r10 float64
		for _, r := range ranks {
			if r > 0 {
				mrr += 1 / float64(r)
				r10++
				if r == 1 {
					r1++
				}
			}
		}
		n := float64(len(ranks))
		fmt.Fprintf(&table, "%-5s %-36s %7.1f %6.1f %6.1f %5d\n", split, name, 100*mrr/n, 100*r1/n, 100*r10/n, len(ranks))
		return 100 * mrr / n
	}
	for _, split := range []eval.Split{eval.SplitDev, eval.SplitTest} {
		part := task.Part(split)
		pg := open(t)
		entries := make([]index.Entry, len(part.Sentences))
		for i, s := range part.Sentences {
			entries[i] = index.Entry{Seq: int64(i + 1), Article: news.Article{ID: strconv.Itoa(i), Paragraphs: []string{s}}}
		}
		if err := pg.Apply(ctx, entries); err != nil {
			t.Fatal(err)
		}
		for _, syn := range []float64{0, index.SynonymBoost} {
			name := analyzer.Name
			if syn > 0 {
				name += "+syn"
			}
			bres, err := part.Run(ctx, eval.Config{Name: name, Analyzer: analyzer.Name, SynonymBoost: syn})
			if err != nil {
				t.Fatal(err)
			}
			bleveMRR := row(split, "bleve "+name, bres.Ranks)
			for _, rk := range []Ranking{BM25, RankCD} {
				pg.SetRanking(rk)
				ranks := make([]int, len(part.Questions))
				for i, q := range part.Questions {
					hits, err := pg.SearchAny(ctx, q.Text, syn, 10)
					if err != nil {
						t.Fatalf("%s: %v", q.ID, err)
					}
					for j, h := range hits {
						if h.ID == strconv.Itoa(q.Gold) {
							ranks[i] = j + 1
							break
						}
					}
				}
				label := "PostgreSQL BM25 " + name
				if rk == RankCD {
					label = "PostgreSQL ts_rank_cd " + name
				}
				m := row(split, label, ranks)
				if rk == BM25 && m < bleveMRR-1 {
					t.Errorf("%s %s: MRR@10 %.1f, bleve %.1f: more than one point below", split, label, m, bleveMRR)
				}
			}
			pg.SetRanking(BM25)
		}
	}
	t.Logf("XQuAD-R Arabic sentence retrieval:\n%s", table.String())
}

// BenchmarkSearchANT runs searchbench's committed query set (600 queries
// from ANT titles, a quarter each plain, source, date range and entity
// filtered) against the PostgreSQL index of the synthetic corpus and
// against the bleve index of the same articles, taking turns, with facets
// and snippets on and off. CPU per query counts this process and every
// process of the PostgreSQL cluster (the server runs on this machine).
//
//	TAQRIR_TEST_PG=postgres://… TAQRIR_SEARCHBENCH_N=100000 TAQRIR_SEARCHBENCH_DIR=/tmp/srch100k \
//	  go test -run '^$' -bench SearchANT -benchtime 1x -timeout 3h ./internal/index/pgsearch
//
// TAQRIR_PGSEARCH_SIDES (bleve,pg-bm25,pg-rankcd), TAQRIR_PGSEARCH_MODES
// (all,bare) and TAQRIR_PGSEARCH_ROUNDS (3) choose what runs.
//
// The PostgreSQL index lives in schema pgsearch_bench_N of the test
// database and is built (or completed) from the ANT pool with the seed
// searchbench uses; the bleve index is opened read-only from
// TAQRIR_SEARCHBENCH_DIR/taqrir.bleve (built by searchbench's benchmark).
func BenchmarkSearchANT(b *testing.B) {
	base := testsuite.PostgresURL(b)
	dir := os.Getenv("TAQRIR_SEARCHBENCH_DIR")
	if dir == "" {
		b.Skip("TAQRIR_SEARCHBENCH_DIR (a searchbench corpus directory) is not set")
	}
	n := 10000
	if v := os.Getenv("TAQRIR_SEARCHBENCH_N"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatal(err)
		}
	}
	rounds := 3
	if v := os.Getenv("TAQRIR_PGSEARCH_ROUNDS"); v != "" {
		rounds, _ = strconv.Atoi(v)
	}
	ctx := context.Background()
	pg := benchIndex(b, base, n, filepath.Join(dir, "taqrir.bleve"))
	bl, err := index.OpenReadOnly(filepath.Join(dir, "taqrir.bleve"))
	if err != nil {
		b.Fatal(err)
	}
	defer bl.Close()
	if c, _ := bl.Count(); int(c) != n {
		b.Fatalf("bleve index has %d articles, want %d", c, n)
	}
	// The same articles: the first and the last of PostgreSQL's are in
	// bleve's index.
	var first, last string
	if err := pg.pool.QueryRow(ctx, `SELECT (SELECT id FROM search_docs ORDER BY seq LIMIT 1), (SELECT id FROM search_docs ORDER BY seq DESC LIMIT 1)`).Scan(&first, &last); err != nil {
		b.Fatal(err)
	}
	if res, err := bl.Search(ctx, index.Request{All: true, IDs: []string{first, last}, IDsOnly: true}); err != nil || res.Total != 2 {
		b.Fatalf("bleve's index does not hold PostgreSQL's first and last articles (%d of 2, %v): not the same corpus", res.Total, err)
	}
	bl.SetCacheSize(0)
	if err := bl.PrepareFacets(); err != nil {
		b.Fatal(err)
	}
	qs, err := searchbench.Queries()
	if err != nil {
		b.Fatal(err)
	}
	server := serverClock(b, pg)
	type side struct {
		name string
		run  func(o searchbench.Options) (searchbench.Latency, error)
	}
	sides := []side{
		{"bleve", func(o searchbench.Options) (searchbench.Latency, error) { return searchbench.Run(ctx, bl, qs, o) }},
		{"pg-bm25", func(o searchbench.Options) (searchbench.Latency, error) {
			pg.SetRanking(BM25)
			return runPG(ctx, pg, qs, o)
		}},
		{"pg-rankcd", func(o searchbench.Options) (searchbench.Latency, error) {
			pg.SetRanking(RankCD)
			return runPG(ctx, pg, qs, o)
		}},
	}
	if v := os.Getenv("TAQRIR_PGSEARCH_SIDES"); v != "" {
		var keep []side
		for _, s := range sides {
			if slices.Contains(strings.Split(v, ","), s.name) {
				keep = append(keep, s)
			}
		}
		sides = keep
	}
	modes := []string{"all", "bare"}
	if v := os.Getenv("TAQRIR_PGSEARCH_MODES"); v != "" {
		modes = strings.Split(v, ",")
	}
	clock := func() time.Duration { return testsuite.CPUTime() + server() }
	for _, c := range []struct {
		name string
		o    searchbench.Options
	}{{"all", searchbench.Options{Facets: true, Highlights: true, CPUClock: clock}}, {"bare", searchbench.Options{CPUClock: clock}}} {
		if !slices.Contains(modes, c.name) {
			continue
		}
		// One untimed pass of each first (pages in memory, the document
		// frequency cache filled), then rounds taking turns.
		for _, s := range sides {
			l, err := s.run(c.o)
			if err != nil {
				b.Fatal(err)
			}
			logf(b, "%s/%s cold pass: %v", s.name, c.name, l)
		}
		for r := range rounds {
			for _, s := range sides {
				l, err := s.run(c.o)
				if err != nil {
					b.Fatal(err)
				}
				logf(b, "round %d %s/%s: %v (hits %d)", r+1, s.name, c.name, l, l.Hits)
			}
		}
	}
	sz, err := pg.Size(ctx)
	if err != nil {
		b.Fatal(err)
	}
	logf(b, "PostgreSQL index at %d articles: table %d B (%.0f B/article; tsvector column %.0f, title+body %.0f), GIN %d B (%.0f B/article), entity GIN %.0f B/article, b-trees %.0f B/article",
		sz.Docs, sz.Table, float64(sz.Table)/float64(sz.Docs), float64(sz.TSVector)/float64(sz.Docs), float64(sz.Text)/float64(sz.Docs),
		sz.GIN, float64(sz.GIN)/float64(sz.Docs), float64(sz.EntityGIN)/float64(sz.Docs), float64(sz.BTrees)/float64(sz.Docs))
	b.ReportMetric(0, "ns/op")
}

// runPG is searchbench.Run against the PostgreSQL index.
func runPG(ctx context.Context, pg *Index, qs []searchbench.Query, o searchbench.Options) (searchbench.Latency, error) {
	return searchbench.Measure(ctx, qs, o.CPUClock, func(ctx context.Context, q searchbench.Query) (uint64, error) {
		res, err := pg.Search(ctx, q.Request(o))
		return res.Total, err
	})
}

// benchIndex opens the PostgreSQL index of the first n synthetic articles
// (schema pgsearch_bench_n of the database at base), building what is
// missing from the ANT pool, and logs what the build cost. The bleve index
// at blevePath (searchbench's taqrir.bleve) is completed from the same
// articles in the same pass when it is short, so one pool build serves
// both sides.
func benchIndex(b *testing.B, base string, n int, blevePath string) *Index {
	ctx := context.Background()
	schema := "pgsearch_bench_" + strconv.Itoa(n)
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "CREATE SCHEMA IF NOT EXISTS "+schema); err != nil {
		b.Fatal(err)
	}
	conn.Close(ctx)
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	pg, err := Open(ctx, base+sep+"search_path="+schema)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { pg.Close() })
	have, err := pg.Count(ctx)
	if err != nil {
		b.Fatal(err)
	}
	tx, err := index.Open(blevePath)
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		if err := tx.Close(); err != nil {
			b.Fatal(err)
		}
	}()
	blHave, err := tx.Seq()
	if err != nil {
		b.Fatal(err)
	}
	if int(have) >= n && int(blHave) >= n {
		return pg
	}
	pgHave := int(have)
	have = int64(min(pgHave, int(blHave)))
	corpus := filepath.Join("..", "..", "..", searchbench.DefaultCorpus)
	start, cpu := time.Now(), testsuite.CPUTime()
	pool, err := searchbench.LoadPool(ctx, corpus, searchbench.PoolOptions{Step: 1, Entities: true})
	if err != nil {
		b.Fatal(err)
	}
	logf(b, "pool: %v, %v CPU", time.Since(start).Round(time.Second), (testsuite.CPUTime() - cpu).Round(time.Second))
	server := serverClock(b, pg)
	start, cpu, scpu := time.Now(), testsuite.CPUTime(), server()
	lo := int(have)
	err = pool.Build(ctx, 1, lo, n, 1000, func(arts []news.Article) error {
		// Each side gets the part of the batch it lacks, both at once.
		pgErr := make(chan error, 1)
		if k := pgHave - lo; k < len(arts) {
			k = max(k, 0)
			go func() { pgErr <- pg.Apply(ctx, searchbench.Entries(arts[k:], int64(lo+k)+1)) }()
		} else {
			pgErr <- nil
		}
		var err error
		if k := int(blHave) - lo; k < len(arts) {
			k = max(k, 0)
			err = tx.Apply(searchbench.Entries(arts[k:], int64(lo+k)+1))
		}
		lo += len(arts)
		return errors.Join(err, <-pgErr)
	}, func(done int) {
		if (int(have)+done)%10000 == 0 {
			logf(b, "pgsearch: %d articles, %v, client %v CPU, server %v CPU", int(have)+done, time.Since(start).Round(time.Second),
				(testsuite.CPUTime() - cpu).Round(time.Second), (server() - scpu).Round(time.Second))
		}
	})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := pg.pool.Exec(ctx, "VACUUM ANALYZE search_docs"); err != nil {
		b.Fatal(err)
	}
	logf(b, "pgsearch: built %d articles in %v (PostgreSQL from %d, bleve from %d): client %v CPU, server %v CPU (with VACUUM ANALYZE)", n-int(have),
		time.Since(start).Round(time.Second), pgHave, blHave, (testsuite.CPUTime() - cpu).Round(time.Second), (server() - scpu).Round(time.Second))
	return pg
}

// serverClock returns a clock of the CPU time (user + system) of every
// process of the PostgreSQL cluster behind pg: the postmaster and its
// children, found through a backend's parent. The server must run on
// this machine.
func serverClock(b *testing.B, pg *Index) func() time.Duration {
	var backend int
	if err := pg.pool.QueryRow(context.Background(), "SELECT pg_backend_pid()").Scan(&backend); err != nil {
		b.Fatal(err)
	}
	st, err := procStat(backend)
	if err != nil {
		b.Skipf("the PostgreSQL server is not on this machine: %v", err)
	}
	postmaster := st.ppid
	return func() time.Duration {
		var total time.Duration
		ents, _ := os.ReadDir("/proc")
		for _, e := range ents {
			pid, err := strconv.Atoi(e.Name())
			if err != nil {
				continue
			}
			st, err := procStat(pid)
			if err == nil && (pid == postmaster || st.ppid == postmaster) {
				total += st.cpu
			}
		}
		return total
	}
}

type pstat struct {
	ppid int
	cpu  time.Duration
}

// procStat reads a process's parent and CPU time from /proc/PID/stat
// (clock ticks of 1/100 s, as on Linux).
func procStat(pid int) (pstat, error) {
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return pstat{}, err
	}
	s := string(raw)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return pstat{}, fmt.Errorf("/proc/%d/stat: %q", pid, s)
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return pstat{}, fmt.Errorf("/proc/%d/stat: %q", pid, s)
	}
	ppid, _ := strconv.Atoi(f[1])
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	stt, _ := strconv.ParseInt(f[12], 10, 64)
	return pstat{ppid: ppid, cpu: time.Duration(ut+stt) * 10 * time.Millisecond}, nil
}

// BenchmarkReplica measures, on real articles, what each design costs per
// article besides search: the first TAQRIR_PGSEARCH_REPLICA_N (default
// 10,000) articles of an embedded data directory's store
// (TAQRIR_PGSEARCH_SQLITE, e.g. /tmp/ant/taqrir.db, opened read-only) are
// stored in PostgreSQL (store/postgres, batches of 100), then (a) a bleve
// replica catches up from PostgreSQL's seq (ingest.SyncCount, as a server
// does on open) and (b) the tsvector index is filled from the same scan.
// It logs wall time, this process's and the cluster's CPU, and the bytes
// per article of the PostgreSQL tables, the bleve replica and the
// tsvector index.
//
//	TAQRIR_TEST_PG=postgres://… TAQRIR_PGSEARCH_SQLITE=/tmp/ant/taqrir.db \
//	  go test -run '^$' -bench Replica -benchtime 1x ./internal/index/pgsearch
func BenchmarkReplica(b *testing.B) {
	path := os.Getenv("TAQRIR_PGSEARCH_SQLITE")
	if path == "" {
		b.Skip("TAQRIR_PGSEARCH_SQLITE (an embedded store's taqrir.db) is not set")
	}
	n := 10000
	if v := os.Getenv("TAQRIR_PGSEARCH_REPLICA_N"); v != "" {
		n, _ = strconv.Atoi(v)
	}
	ctx := context.Background()
	src, err := sqlite.OpenReadOnly(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	url := testsuite.PostgresSchema(b)
	st, err := postgres.Open(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	pg, err := Open(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	defer pg.Close()
	server := serverClock(b, pg)
	type clocks struct {
		wall        time.Time
		cpu, server time.Duration
	}
	now := func() clocks { return clocks{time.Now(), testsuite.CPUTime(), server()} }
	since := func(what string, c clocks, k int) {
		cpu, scpu := testsuite.CPUTime()-c.cpu, server()-c.server
		logf(b, "%s: %d articles in %v; CPU this process %v, PostgreSQL %v: %.2f ms CPU/article (%.0f articles per CPU-second)",
			what, k, time.Since(c.wall).Round(time.Millisecond), cpu.Round(time.Millisecond), scpu.Round(time.Millisecond),
			float64(cpu+scpu)/float64(time.Millisecond)/float64(k), float64(k)/(cpu+scpu).Seconds())
	}

	// The records, read before any clock runs.
	var recs []store.Record
	var bodyBytes int64
	errEnough := fmt.Errorf("enough")
	err = src.Scan(ctx, 0, func(_ int64, a news.Article) error {
		raw, err := src.Raw(ctx, a.RawSHA256)
		if err != nil {
			return err
		}
		recs = append(recs, store.Record{Raw: raw, Article: a, ContentHash: extract.ContentHash(a.Title, a.Body())})
		bodyBytes += int64(len(a.Title) + len(a.Body()))
		if len(recs) == n {
			return errEnough
		}
		return nil
	})
	if err != nil && !errors.Is(err, errEnough) {
		b.Fatal(err)
	}
	n = len(recs)
	logf(b, "%d real articles, %.0f bytes of title and body each on average", n, float64(bodyBytes)/float64(n))

	c := now()
	for lo := 0; lo < n; lo += 100 {
		if _, err := st.Put(ctx, recs[lo:min(lo+100, n)]); err != nil {
			b.Fatal(err)
		}
	}
	since("store.Put into PostgreSQL (batches of 100)", c, n)
	var artT, artI, rawT, rawI int64
	err = pg.pool.QueryRow(ctx, `SELECT pg_table_size('articles'), pg_indexes_size('articles'), pg_table_size('raw_items'), pg_indexes_size('raw_items')`).
		Scan(&artT, &artI, &rawT, &rawI)
	if err != nil {
		b.Fatal(err)
	}
	per := func(x int64) float64 { return float64(x) / float64(n) }
	logf(b, "PostgreSQL store per article: articles %.0f B + its indexes %.0f B, raw_items %.0f B + its indexes %.0f B; total %.0f B",
		per(artT), per(artI), per(rawT), per(rawI), per(artT+artI+rawT+rawI))
	if fi, err := os.Stat(path); err == nil {
		if total, err := src.Stats(ctx); err == nil && total.Articles > 0 {
			logf(b, "the SQLite file it came from: %.0f B per article (%d articles)", float64(fi.Size())/float64(total.Articles), total.Articles)
		}
	}

	// (a) A bleve replica catching up from PostgreSQL's seq.
	dir := b.TempDir()
	rep, err := index.Open(filepath.Join(dir, "index.bleve"))
	if err != nil {
		b.Fatal(err)
	}
	c = now()
	k, err := ingest.SyncCount(ctx, st, rep)
	if err != nil {
		b.Fatal(err)
	}
	since("(a) bleve replica catching up from PostgreSQL (ingest.SyncCount)", c, k)
	rep.Close()
	logf(b, "(a) bleve replica on disk: %.0f B per article", float64(dirSize(dir))/float64(n))

	// (b) The tsvector index filled from the same scan.
	c = now()
	var batch []index.Entry
	err = st.Scan(ctx, 0, func(seq int64, a news.Article) error {
		batch = append(batch, index.Entry{Seq: seq, Article: a})
		if len(batch) == 1000 {
			err := pg.Apply(ctx, batch)
			batch = batch[:0]
			return err
		}
		return nil
	})
	if err == nil {
		err = pg.Apply(ctx, batch)
	}
	if err != nil {
		b.Fatal(err)
	}
	since("(b) tsvector index filled from PostgreSQL (Scan + Apply, batches of 1,000)", c, n)
	if _, err := pg.pool.Exec(ctx, "VACUUM ANALYZE search_docs"); err != nil {
		b.Fatal(err)
	}
	sz, err := pg.Size(ctx)
	if err != nil {
		b.Fatal(err)
	}
	logf(b, "(b) tsvector index per article: table %.0f B (tsvector %.0f, title+body %.0f), GIN %.0f B, entity GIN %.0f B, b-trees %.0f B",
		per(sz.Table), per(sz.TSVector), per(sz.Text), per(sz.GIN), per(sz.EntityGIN), per(sz.BTrees))
	b.ReportMetric(0, "ns/op")
}

// dirSize is the bytes of the files under dir.
func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// logf logs a benchmark's figure as it is taken, to standard error too:
// the testing package keeps only the first ten lines a benchmark logs and
// prints them at its end, which loses a long run's figures.
func logf(b *testing.B, format string, args ...any) {
	b.Helper()
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	b.Logf(format, args...)
}
