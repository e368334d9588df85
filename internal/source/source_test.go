package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

type got struct {
	Origin string
	Format Format
	Err    string
}

func collect(t *testing.T, paths []string, stdin string, format Format) []got {
	t.Helper()
	var out []got
	err := Walk(context.Background(), paths, strings.NewReader(stdin), format, func(it Item) error {
		g := got{Origin: it.Origin, Format: it.Format}
		if it.Err != nil {
			g.Err = it.Err.Error()
		}
		out = append(out, g)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a/one.txt", []byte("عنوان\nنص"))
	write(t, dir, "a/lines.jsonl", []byte("{\"title\":\"x\"}\n\n{\"title\":\"y\"}\n"))
	write(t, dir, "a/.hidden/skip.txt", []byte("x"))
	write(t, dir, "a/notes.md", []byte("ignored inside a directory"))
	write(t, dir, "b/empty.txt", nil)
	write(t, dir, "b/bin.txt", []byte("\x00\x01\x02binary"))
	// A .txt file in a legacy code page passes: extract decodes it. A
	// .jsonl line must be UTF-8 (JSON is).
	write(t, dir, "b/latin1.txt", []byte("caf\xe9 \xc7\xe1\xd3\xe1\xc7\xe3"))
	write(t, dir, "b/legacy.jsonl", []byte("{\"title\":\"caf\xe9\"}\n"))
	md := write(t, dir, "c.md", []byte("named explicitly"))

	items := collect(t, []string{filepath.Join(dir, "a"), filepath.Join(dir, "b"), md, filepath.Join(dir, "missing.txt")}, "", FormatText)
	rel := func(p string) string { r, _ := filepath.Rel(dir, p); return r }
	for i := range items {
		if before, after, ok := strings.Cut(items[i].Origin, ":"); ok {
			items[i].Origin = rel(before) + ":" + after
		} else {
			items[i].Origin = rel(items[i].Origin)
		}
	}
	want := []got{
		{Origin: "a/lines.jsonl:1", Format: FormatJSONL},
		{Origin: "a/lines.jsonl:3", Format: FormatJSONL},
		{Origin: "a/one.txt", Format: FormatText},
		{Origin: "b/bin.txt", Err: "binary file (contains NUL bytes), not text"},
		{Origin: "b/empty.txt", Err: "empty file"},
		{Origin: "b/latin1.txt", Format: FormatText},
		{Origin: "b/legacy.jsonl:1", Err: "invalid UTF-8 at byte 13; convert the file to UTF-8 (e.g. iconv -f windows-1256 -t utf-8 for old Arabic pages)"},
		{Origin: "c.md", Err: `source: unsupported file type ".md" (taqrir ingests .txt, .jsonl, .html, .htm and .warc, optionally .gz)`},
		{Origin: "missing.txt", Err: "cannot read: no such file or directory"},
	}
	if diff := cmp.Diff(want, items); diff != "" {
		t.Errorf("Walk (-want +got):\n%s", diff)
	}
}

func TestStdin(t *testing.T) {
	items := collect(t, []string{"-"}, "{\"a\":1}\nnot json but a line\n", FormatJSONL)
	want := []got{{Origin: "-:1", Format: FormatJSONL}, {Origin: "-:2", Format: FormatJSONL}}
	if diff := cmp.Diff(want, items); diff != "" {
		t.Errorf("stdin jsonl (-want +got):\n%s", diff)
	}
	items = collect(t, []string{"-"}, "عنوان\nنص", FormatText)
	if len(items) != 1 || items[0].Origin != "-" || items[0].Err != "" {
		t.Errorf("stdin txt = %+v", items)
	}
}

func TestHugeInputs(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("نص طويل جدا "), (50<<20)/22)
	txt := write(t, dir, "huge.txt", big)
	// A 50 MB .jsonl with one giant line and a normal one after it.
	line := append(append([]byte(`{"title":"x","text":"`), big...), '"', '}', '\n')
	jl := write(t, dir, "huge.jsonl", append(line, []byte(`{"title":"ok"}`+"\n")...))
	items := collect(t, []string{txt, jl}, "", FormatText)
	if len(items) != 3 {
		t.Fatalf("got %d items, want 3: %+v", len(items), items)
	}
	if !strings.Contains(items[0].Err, "file too large") {
		t.Errorf("huge .txt: err = %q", items[0].Err)
	}
	if !strings.HasSuffix(items[1].Origin, "huge.jsonl:1") || !strings.Contains(items[1].Err, "line too long") {
		t.Errorf("huge line: %+v", items[1])
	}
	if !strings.HasSuffix(items[2].Origin, "huge.jsonl:2") || items[2].Err != "" {
		t.Errorf("line after the huge one: %+v", items[2])
	}
}

func TestWalkFS(t *testing.T) {
	fsys := fstest.MapFS{
		"s/a.txt":       {Data: []byte("عنوان\nنص")},
		"s/b.jsonl":     {Data: []byte("{}\n{}\n")},
		"s/README":      {Data: []byte("x")},
		"s/MANIFEST.md": {Data: []byte("x")},
	}
	var origins []string
	err := WalkFS(context.Background(), fsys, "s", func(it Item) error {
		origins = append(origins, it.Origin)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"s/a.txt", "s/b.jsonl:1", "s/b.jsonl:2"}, origins); diff != "" {
		t.Errorf("WalkFS (-want +got):\n%s", diff)
	}
}

func FuzzJSONLStream(f *testing.F) {
	f.Add([]byte("{\"a\":1}\n\n{\"b\":2}"))
	f.Add([]byte("\r\n\x00\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		last := 0
		err := Options{}.readLines(context.Background(), "f", bytes.NewReader(data), func(it Item) error {
			if it.Err == nil {
				if len(it.Data) == 0 || Check(it.Data) != nil {
					t.Fatalf("item %s passed with bad data %q", it.Origin, it.Data)
				}
				if !bytes.Contains(data, it.Data) {
					t.Fatalf("item %s data %q not in input", it.Origin, it.Data)
				}
			}
			var n int
			if _, err := fmt.Sscanf(strings.TrimPrefix(it.Origin, "f:"), "%d", &n); err == nil {
				if n <= last {
					t.Fatalf("line numbers out of order: %d after %d", n, last)
				}
				last = n
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func TestFuncs(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("عنوان\nنص"), 0o644); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"x/b.txt": {Data: []byte("عنوان\nنص")}, "y/c.txt": {Data: []byte("عنوان\nنص")}}
	for name, f := range map[string]Func{
		"paths": Options{}.Paths(dir),
		"fs":    Options{}.FS(fsys, "x", "y"),
	} {
		var origins []string
		if err := f(context.Background(), func(it Item) error {
			origins = append(origins, filepath.Base(it.Origin))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"paths": "a.txt", "fs": "b.txt c.txt"}[name]
		if got := strings.Join(origins, " "); got != want {
			t.Errorf("%s: origins %q, want %q", name, got, want)
		}
	}
}

// TestGzipBomb: a .jsonl.gz that expands a thousandfold (64 MiB of blank
// lines from 64 KiB) is stopped with an error naming the file, in well
// under the time reading it whole would take; ordinary compressed text,
// which expands a few times, reads as before.
func TestGzipBomb(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	chunk := bytes.Repeat([]byte{'\n'}, 1<<20)
	for range 64 {
		zw.Write(chunk)
	}
	zw.Close()
	bomb := filepath.Join(dir, "blank.jsonl.gz")
	if err := os.WriteFile(bomb, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var errs []error
	if err := (Options{}).Walk(context.Background(), []string{bomb}, func(it Item) error {
		if it.Err != nil {
			errs = append(errs, it.Err)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(errs) != 1 || !errors.Is(errs[0], ErrGzipBomb) {
		t.Fatalf("errors %v, want one ErrGzipBomb", errs)
	}
	b.Reset()
	zw = gzip.NewWriter(&b)
	line := []byte(`{"title":"عنوان","text":"نص الخبر كاملا عن الفيضانات في المدينة."}` + "\n")
	for i := range 2000 {
		fmt.Fprintf(zw, "%s", bytes.Replace(line, []byte("عنوان"), []byte(fmt.Sprintf("عنوان %d", i)), 1))
	}
	zw.Close()
	ok := filepath.Join(dir, "news.jsonl.gz")
	if err := os.WriteFile(ok, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	n := 0
	if err := (Options{}).Walk(context.Background(), []string{ok}, func(it Item) error {
		if it.Err != nil {
			t.Errorf("%s: %v", it.Origin, it.Err)
		}
		n++
		return nil
	}); err != nil || n != 2000 {
		t.Errorf("ordinary .jsonl.gz: %d items, %v", n, err)
	}
}
