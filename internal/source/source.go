package source

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// Format names how a raw item is encoded.
type Format string

// The formats of raw items.
const (
	FormatText  Format = "txt"   // a whole .txt file: optional "key: value" headers, title line, body
	FormatJSONL Format = "jsonl" // one JSON object of a .jsonl file
)

// MaxItemSize is the largest raw item (one .txt file or one .jsonl line) we
// accept. A news article is tens of kilobytes; anything this big is a
// mistake (a dump, a log, a binary) and is rejected with a clear error
// rather than filling the store with one giant "article".
const MaxItemSize = 8 << 20

// Item is one raw input item.
type Item struct {
	Origin string // "path" or "path:line"; "-" or "-:line" for stdin
	Format Format
	Data   []byte
	Err    error // set when the item could not be read; Data is then nil
}

// ErrUnsupported is returned for files whose extension we do not ingest.
var ErrUnsupported = errors.New("source: unsupported file type")

// FormatOf returns the format of a path by its extension.
func FormatOf(path string) (Format, bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".text":
		return FormatText, true
	case ".jsonl", ".ndjson":
		return FormatJSONL, true
	}
	return "", false
}

// Walk expands paths (files, directories walked recursively, "-" for stdin)
// and sends every raw item to fn in a stable order. stdinFormat says how to
// read "-". Problems with one file are sent as an Item with Err set, so a bad
// file never stops the batch; Walk returns an error only when ctx is done or
// fn returns one.
func Walk(ctx context.Context, paths []string, stdin io.Reader, stdinFormat Format, fn func(Item) error) error {
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		if p == "-" {
			if err := readStream(ctx, "-", stdinFormat, stdin, fn); err != nil {
				return err
			}
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			if err := fn(Item{Origin: p, Err: fmt.Errorf("cannot read: %w", unwrapPathErr(err))}); err != nil {
				return err
			}
			continue
		}
		if !info.IsDir() {
			if err := readFile(ctx, p, true, fn); err != nil {
				return err
			}
			continue
		}
		var files []string
		werr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return fn(Item{Origin: path, Err: fmt.Errorf("cannot read: %w", unwrapPathErr(err))})
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if _, ok := FormatOf(path); ok && !strings.HasPrefix(d.Name(), ".") {
				files = append(files, path)
			}
			return nil
		})
		if werr != nil {
			return werr
		}
		sort.Strings(files)
		for _, f := range files {
			if err := readFile(ctx, f, false, fn); err != nil {
				return err
			}
		}
	}
	return nil
}

func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// WalkFS is Walk over a file system (the embedded sample corpus): root is
// walked recursively and origins are paths inside fsys.
func WalkFS(ctx context.Context, fsys fs.FS, root string, fn func(Item) error) error {
	var files []string
	err := fs.WalkDir(fsys, root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if _, ok := FormatOf(path); ok && !d.IsDir() {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, p := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		format, _ := FormatOf(p)
		f, err := fsys.Open(p)
		if err != nil {
			if err := fn(Item{Origin: p, Err: fmt.Errorf("cannot read: %w", unwrapPathErr(err))}); err != nil {
				return err
			}
			continue
		}
		err = readStream(ctx, p, format, f, fn)
		f.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// readFile reads one file. explicit is true when the user named the file,
// in which case an unknown extension is an error; inside a directory such
// files are skipped silently.
func readFile(ctx context.Context, path string, explicit bool, fn func(Item) error) error {
	format, ok := FormatOf(path)
	if !ok {
		if !explicit {
			return nil
		}
		return fn(Item{Origin: path, Err: fmt.Errorf("%w %q (taqrir ingests .txt and .jsonl)", ErrUnsupported, filepath.Ext(path))})
	}
	f, err := os.Open(path)
	if err != nil {
		return fn(Item{Origin: path, Err: fmt.Errorf("cannot read: %w", unwrapPathErr(err))})
	}
	defer f.Close()
	return readStream(ctx, path, format, f, fn)
}

func readStream(ctx context.Context, name string, format Format, r io.Reader, fn func(Item) error) error {
	switch format {
	case FormatJSONL:
		return readLines(ctx, name, r, fn)
	default:
		data, err := io.ReadAll(io.LimitReader(r, MaxItemSize+1))
		if err != nil {
			return fn(Item{Origin: name, Err: fmt.Errorf("cannot read: %w", err)})
		}
		if len(data) > MaxItemSize {
			return fn(Item{Origin: name, Err: fmt.Errorf("file too large for one article (over %d MiB); split it or use .jsonl", MaxItemSize>>20)})
		}
		if err := Check(data); err != nil {
			return fn(Item{Origin: name, Err: err})
		}
		return fn(Item{Origin: name, Format: FormatText, Data: data})
	}
}

// readLines sends each non-blank line of a .jsonl stream as an item. Lines
// longer than MaxItemSize are reported and skipped without being held in
// memory whole.
func readLines(ctx context.Context, name string, r io.Reader, fn func(Item) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var buf []byte
	for line := 1; ; line++ {
		if line%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		buf = buf[:0]
		tooLong := false
		var rerr error
		for {
			chunk, isPrefix, err := br.ReadLine()
			if err != nil {
				rerr = err
				break
			}
			if !tooLong {
				if len(buf)+len(chunk) > MaxItemSize {
					tooLong = true
					buf = buf[:0]
				} else {
					buf = append(buf, chunk...)
				}
			}
			if !isPrefix {
				break
			}
		}
		origin := fmt.Sprintf("%s:%d", name, line)
		if rerr != nil && rerr != io.EOF {
			return fn(Item{Origin: origin, Err: fmt.Errorf("cannot read: %w", rerr)})
		}
		if rerr == io.EOF && len(buf) == 0 && !tooLong {
			if line == 1 {
				return fn(Item{Origin: name, Err: errors.New("empty file")})
			}
			return nil
		}
		var item Item
		switch {
		case tooLong:
			item = Item{Origin: origin, Err: fmt.Errorf("line too long for one article (over %d MiB)", MaxItemSize>>20)}
		case len(bytes.TrimSpace(buf)) == 0:
			item.Origin = "" // blank line: nothing to ingest
		default:
			data := bytes.Clone(bytes.TrimSpace(buf))
			if err := Check(data); err != nil {
				item = Item{Origin: origin, Err: err}
			} else {
				item = Item{Origin: origin, Format: FormatJSONL, Data: data}
			}
		}
		if item.Origin != "" {
			if err := fn(item); err != nil {
				return err
			}
		}
		if rerr == io.EOF {
			return nil
		}
	}
}

// Check reports why data cannot be a text item: empty, binary (NUL bytes or
// many control characters), or invalid UTF-8 (with the byte offset of the
// first bad sequence).
func Check(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return errors.New("empty file")
	}
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return errors.New("binary file (contains NUL bytes), not text")
	}
	ctrl := 0
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctrl++
		}
	}
	if ctrl*20 > len(head) {
		return errors.New("binary file (mostly control bytes), not text")
	}
	if !utf8.Valid(data) {
		off := firstInvalid(data)
		return fmt.Errorf("invalid UTF-8 at byte %d; convert the file to UTF-8 (e.g. iconv -f windows-1256 -t utf-8 for old Arabic pages)", off)
	}
	return nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}
