package source

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Format names how a raw item is encoded.
type Format string

// The formats of raw items.
const (
	FormatText  Format = "txt"   // a whole .txt file: optional "key: value" headers, title line, body
	FormatJSONL Format = "jsonl" // one JSON object of a .jsonl file
	FormatHTML  Format = "html"  // one HTML page: a .html file, a fetched page or a WARC response record
	// FormatWARC is a container, never an item's format: each HTML response
	// record of a .warc file becomes an item of FormatHTML.
	FormatWARC Format = "warc"
)

// MaxItemSize is the default largest raw item (one .txt file, .jsonl line
// or HTML page) we accept. A news article is tens of kilobytes and a page
// rarely above a few megabytes; anything this big is a mistake (a dump, a
// log, a binary) and is rejected with a clear error rather than filling
// the store with one giant "article". Options.MaxItemBytes overrides it.
const MaxItemSize = 8 << 20

// Item is one raw input item.
type Item struct {
	Origin string // "path", "path:line", "path@offset" (a WARC record) or a URL; "-" or "-:line" for stdin
	Format Format
	Data   []byte
	// URL is where a page came from: the final URL of a fetched page or a
	// WARC record's target URI. ContentType is its HTTP Content-Type
	// header, when known (it may name the charset). Both empty for files.
	URL         string
	ContentType string
	// NotModified is set (with no Data) when a conditional GET said the
	// page has not changed since it was last fetched.
	NotModified bool
	Err         error // set when the item could not be read; Data is then nil
}

// ErrUnsupported is returned for files whose extension we do not ingest.
var ErrUnsupported = errors.New("source: unsupported file type")

// FormatOf returns the format of a path by its extension; a final .gz
// (compressed with gzip) is looked through.
func FormatOf(path string) (Format, bool) {
	name := strings.ToLower(path)
	name = strings.TrimSuffix(name, ".gz")
	switch filepath.Ext(name) {
	case ".txt", ".text":
		return FormatText, true
	case ".jsonl", ".ndjson":
		return FormatJSONL, true
	case ".html", ".htm", ".xhtml":
		return FormatHTML, true
	case ".warc":
		return FormatWARC, true
	}
	return "", false
}

func gzipped(path string) bool { return strings.HasSuffix(strings.ToLower(path), ".gz") }

// Options say how to read input. The zero value reads stdin as .txt with
// the default size limit.
type Options struct {
	Stdin       io.Reader
	StdinFormat Format // how to read "-"; default txt
	// MaxItemBytes is the largest item accepted (uncompressed); default
	// MaxItemSize.
	MaxItemBytes int64
}

// Func produces raw items: it calls send for every item, in order, and
// returns when send returns an error (or ctx is done). Paths and FS make
// one; the command line combines files, fetched URLs and feeds in one.
type Func func(ctx context.Context, send func(Item) error) error

// Paths is the Func that walks paths as Walk does.
func (o Options) Paths(paths ...string) Func {
	return func(ctx context.Context, send func(Item) error) error { return o.Walk(ctx, paths, send) }
}

// FS is the Func that walks roots inside fsys as WalkFS does (the embedded
// sample corpus).
func (o Options) FS(fsys fs.FS, roots ...string) Func {
	return func(ctx context.Context, send func(Item) error) error {
		for _, r := range roots {
			if err := o.WalkFS(ctx, fsys, r, send); err != nil {
				return err
			}
		}
		return nil
	}
}

func (o Options) max() int64 {
	if o.MaxItemBytes <= 0 {
		return MaxItemSize
	}
	return o.MaxItemBytes
}

// Walk is Options{Stdin: stdin, StdinFormat: stdinFormat}.Walk.
func Walk(ctx context.Context, paths []string, stdin io.Reader, stdinFormat Format, fn func(Item) error) error {
	return Options{Stdin: stdin, StdinFormat: stdinFormat}.Walk(ctx, paths, fn)
}

// Walk expands paths (files, directories walked recursively, "-" for stdin)
// and sends every raw item to fn in a stable order. Problems with one file
// (or one WARC record) are sent as an Item with Err set, so a bad file never
// stops the batch; Walk returns an error only when ctx is done or fn returns
// one.
func (o Options) Walk(ctx context.Context, paths []string, fn func(Item) error) error {
	stdinFormat := o.StdinFormat
	if stdinFormat == "" {
		stdinFormat = FormatText
	}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		if p == "-" {
			if o.Stdin == nil {
				return errors.New("source: no standard input")
			}
			if err := o.readStream(ctx, "-", stdinFormat, o.Stdin, fn); err != nil {
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
			if err := o.readFile(ctx, p, true, fn); err != nil {
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
			if err := o.readFile(ctx, f, false, fn); err != nil {
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

// WalkFS is Options{}.WalkFS.
func WalkFS(ctx context.Context, fsys fs.FS, root string, fn func(Item) error) error {
	return Options{}.WalkFS(ctx, fsys, root, fn)
}

// WalkFS is Walk over a file system (the embedded sample corpus): root is
// walked recursively and origins are paths inside fsys.
func (o Options) WalkFS(ctx context.Context, fsys fs.FS, root string, fn func(Item) error) error {
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
		f, err := fsys.Open(p)
		if err != nil {
			if err := fn(Item{Origin: p, Err: fmt.Errorf("cannot read: %w", unwrapPathErr(err))}); err != nil {
				return err
			}
			continue
		}
		err = o.readOpened(ctx, p, f, fn)
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
func (o Options) readFile(ctx context.Context, path string, explicit bool, fn func(Item) error) error {
	if _, ok := FormatOf(path); !ok {
		if !explicit {
			return nil
		}
		return fn(Item{Origin: path, Err: fmt.Errorf("%w %q (taqrir ingests .txt, .jsonl, .html, .htm and .warc, optionally .gz)", ErrUnsupported, filepath.Ext(path))})
	}
	f, err := os.Open(path)
	if err != nil {
		return fn(Item{Origin: path, Err: fmt.Errorf("cannot read: %w", unwrapPathErr(err))})
	}
	defer f.Close()
	return o.readOpened(ctx, path, f, fn)
}

// readOpened reads an opened file whose name has a known extension,
// looking through gzip.
func (o Options) readOpened(ctx context.Context, path string, r io.Reader, fn func(Item) error) error {
	format, _ := FormatOf(path)
	// A .warc.gz is gzipped record by record; the WARC reader opens each
	// member itself, so a damaged member costs one record, not the rest.
	if gzipped(path) && format != FormatWARC {
		zr, err := openGzip(r)
		if err != nil {
			return fn(Item{Origin: path, Err: gzipErr(err)})
		}
		defer zr.Close()
		r = zr
	}
	return o.readStream(ctx, path, format, r, fn)
}

// A gzip stream that expands more than maxGzipRatio times its compressed
// size, past maxGzipSlack bytes, is a bomb, not news: text compresses about
// 4:1 (ANT's JSONL 4.5:1), while a gigabyte of blank lines fits in a
// megabyte and would cost minutes of reading to find nothing.
const (
	maxGzipRatio = 100
	maxGzipSlack = 32 << 20
)

// ErrGzipBomb marks a gzip stream that expands past maxGzipRatio.
var ErrGzipBomb = errors.New("source: gzip expands too much")

// gzipReader names a damaged gzip stream in its errors and stops a bomb.
type gzipReader struct {
	r   *gzip.Reader
	in  *countingReader // the compressed bytes read so far
	out int64
}

// openGzip opens a gzip stream for reading through gzipReader: the one way
// taqrir looks through gzip (files, pages saved gzipped, WARC bodies).
func openGzip(r io.Reader) (*gzipReader, error) {
	in := &countingReader{r: r}
	zr, err := gzip.NewReader(in)
	if err != nil {
		return nil, err
	}
	return &gzipReader{r: zr, in: in}, nil
}

// Close closes the gzip stream (not the reader under it).
func (g *gzipReader) Close() error { return g.r.Close() }

func (g *gzipReader) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	g.out += int64(n)
	if g.out > maxGzipSlack && g.out > maxGzipRatio*g.in.n {
		return n, fmt.Errorf("%w: %d bytes from %d compressed, over %d times (a gzip bomb?)", ErrGzipBomb, g.out, g.in.n, maxGzipRatio)
	}
	if err != nil && err != io.EOF {
		err = gzipErr(err)
	}
	return n, err
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// ErrGzip marks a damaged or truncated gzip file.
var ErrGzip = errors.New("source: bad gzip data")

func gzipErr(err error) error {
	switch {
	case errors.Is(err, ErrGzip), errors.Is(err, ErrGzipBomb):
		return err
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return fmt.Errorf("%w: truncated (the file ends in the middle of the compressed stream)", ErrGzip)
	case errors.Is(err, gzip.ErrHeader):
		return fmt.Errorf("%w: not a gzip file (named .gz)", ErrGzip)
	case errors.Is(err, gzip.ErrChecksum):
		return fmt.Errorf("%w: checksum mismatch (the file is damaged)", ErrGzip)
	}
	var ce flate.CorruptInputError
	if errors.As(err, &ce) {
		return fmt.Errorf("%w: corrupt at compressed byte %d", ErrGzip, int64(ce))
	}
	return fmt.Errorf("cannot read: %w", err)
}

func (o Options) readStream(ctx context.Context, name string, format Format, r io.Reader, fn func(Item) error) error {
	switch format {
	case FormatJSONL:
		return o.readLines(ctx, name, r, fn)
	case FormatWARC:
		return o.readWARC(ctx, name, r, fn)
	case FormatHTML:
		br := bufio.NewReader(r)
		if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
			// A gzipped page saved without .gz (curl without --compressed).
			zr, err := openGzip(br)
			if err != nil {
				return fn(Item{Origin: name, Err: gzipErr(err)})
			}
			defer zr.Close()
			r = zr
		} else {
			r = br
		}
		data, err := ReadPage(r, o.max())
		if err == nil {
			err = CheckPage(data)
		}
		if err != nil {
			return fn(Item{Origin: name, Err: err})
		}
		return fn(Item{Origin: name, Format: FormatHTML, Data: data})
	default:
		max := o.max()
		data, err := io.ReadAll(io.LimitReader(r, max+1))
		if err != nil {
			return fn(Item{Origin: name, Err: readErr(err)})
		}
		if int64(len(data)) > max {
			n, err := io.Copy(io.Discard, r)
			if err != nil {
				return fn(Item{Origin: name, Err: readErr(err)})
			}
			return fn(Item{Origin: name, Err: fmt.Errorf("file too large for one article: %d bytes, over the limit of %d (--max-page-bytes); split it or use .jsonl", int64(len(data))+n, max)})
		}
		if err := CheckText(data); err != nil {
			return fn(Item{Origin: name, Err: err})
		}
		return fn(Item{Origin: name, Format: FormatText, Data: data})
	}
}

func readErr(err error) error {
	if errors.Is(err, ErrGzip) {
		return err
	}
	return fmt.Errorf("cannot read: %w", err)
}

// ErrTooLarge marks a page over the size limit.
var ErrTooLarge = errors.New("source: page too large")

// ReadPage reads a whole page of at most max bytes. Past the limit it
// reads on without keeping anything, to say how big the page was.
func ReadPage(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, readErr(err)
	}
	if int64(len(data)) <= max {
		return data, nil
	}
	n, err := io.Copy(io.Discard, r)
	if err != nil {
		return nil, readErr(err)
	}
	return nil, TooLarge(int64(len(data))+n, max)
}

// TooLarge is the error for a page of size bytes over the limit max.
func TooLarge(size, max int64) error {
	return fmt.Errorf("%w: page is %d bytes, over the limit of %d (--max-page-bytes)", ErrTooLarge, size, max)
}

// CheckPage reports why data cannot be an HTML page: empty, or binary (an
// image, a PDF, an archive… named .html). Unlike Check it does not demand
// UTF-8: a page may declare another charset, which extraction decodes.
func CheckPage(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return errors.New("empty file")
	}
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	ct := http.DetectContentType(head)
	if strings.HasPrefix(ct, "text/") {
		return nil
	}
	if ct == "application/octet-stream" {
		return errors.New("binary file (control bytes), not an HTML page")
	}
	return fmt.Errorf("binary file (looks like %s), not an HTML page", strings.SplitN(ct, ";", 2)[0])
}

// readLines sends each non-blank line of a .jsonl stream as an item. Lines
// longer than MaxItemSize are reported and skipped without being held in
// memory whole.
func (o Options) readLines(ctx context.Context, name string, r io.Reader, fn func(Item) error) error {
	max := o.max()
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
				if int64(len(buf)+len(chunk)) > max {
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
		origin := func() string { return name + ":" + strconv.Itoa(line) } // only for an item: a blank line costs nothing
		if rerr != nil && rerr != io.EOF {
			return fn(Item{Origin: origin(), Err: readErr(rerr)})
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
			item = Item{Origin: origin(), Err: fmt.Errorf("line too long for one article (over the limit of %d bytes, --max-page-bytes)", max)}
		case len(bytes.TrimSpace(buf)) == 0:
			item.Origin = "" // blank line: nothing to ingest
		default:
			data := bytes.Clone(bytes.TrimSpace(buf))
			if err := Check(data); err != nil {
				item = Item{Origin: origin(), Err: err}
			} else {
				item = Item{Origin: origin(), Format: FormatJSONL, Data: data}
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

// Check reports why data cannot be a UTF-8 text item (a .jsonl line):
// CheckText's reasons, or invalid UTF-8 (with the byte offset of the first
// bad sequence).
func Check(data []byte) error {
	if err := CheckText(data); err != nil {
		return err
	}
	if !utf8.Valid(data) {
		off := FirstInvalid(data)
		return fmt.Errorf("invalid UTF-8 at byte %d; convert the file to UTF-8 (e.g. iconv -f windows-1256 -t utf-8 for old Arabic pages)", off)
	}
	return nil
}

// CheckText reports why data cannot be a .txt item: empty, or binary (NUL
// bytes or many control characters). Like CheckPage it does not demand
// UTF-8: package extract decodes a legacy Arabic code page.
func CheckText(data []byte) error {
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
	return nil
}

// FirstInvalid is the offset of the first byte of b that is not UTF-8, or
// -1 when b is valid UTF-8.
func FirstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}
