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
	"mime"
	"net/http/httputil"
	"os"
	"path/filepath"
	"strings"

	"github.com/nlnwa/gowarc/v3"
)

// maxWARCErrors stops reading a WARC file that is broken record after
// record: past this many the file is not a WARC (or is damaged beyond
// use), and reporting every further byte scan would only flood the output.
const maxWARCErrors = 100

// readWARC sends every HTML response record of a WARC stream (plain, or
// gzipped record by record) as an item of FormatHTML whose origin is
// "name@offset". Other records (requests, metadata, images, redirects)
// are skipped. A broken record is one failed item and reading goes on
// with the next record; a file that ends mid-record ends the walk after
// reporting it.
func (o Options) readWARC(ctx context.Context, name string, r io.Reader, fn func(Item) error) error {
	// gowarc holds each record's block in a buffer that spills to a
	// temporary file past its memory bound, before we see the record: a
	// 5 MB .warc.gz whose one record inflates to 5 GiB wrote a 5 GiB file.
	// The buffer may hold the item limit (and the HTTP header) in memory;
	// its spill directory is a path under a file, where no file can be
	// created, so a larger record fails there, before any byte is written.
	limit := o.max() + warcHeaderSlack
	wr, err := gowarc.NewWarcFileReaderFromStream(r, 0,
		gowarc.WithBufferMaxMemBytes(limit), gowarc.WithBufferTmpDir(noSpillDir))
	if err != nil {
		return fn(Item{Origin: name, Err: fmt.Errorf("cannot read WARC: %w", err)})
	}
	defer wr.Close()
	records, errs := 0, 0
	lastEnd := int64(-1)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := wr.Next()
		if err == io.EOF && rec.WarcRecord == nil {
			if records == 0 && errs == 0 {
				return fn(Item{Origin: name, Err: errors.New("empty file (no WARC records)")})
			}
			return nil
		}
		origin := fmt.Sprintf("%s@%d", name, rec.Offset)
		if err != nil && isSpill(err) {
			rec.Close()
			errs++
			lastEnd = max(lastEnd, rec.Offset+rec.Size)
			if ferr := fn(Item{Origin: origin, Err: fmt.Errorf("%w: a WARC record over %d bytes (the item size limit, --max-page-bytes) is not read", ErrTooLarge, o.max())}); ferr != nil {
				return ferr
			}
			if errs >= maxWARCErrors {
				return nil
			}
			continue
		}
		if err != nil {
			rec.Close()
			errs++
			stuck := rec.Offset+rec.Size <= lastEnd
			lastEnd = max(lastEnd, rec.Offset+rec.Size)
			end := errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || errors.Is(err, gowarc.ErrNoRecord) ||
				errors.Is(err, ErrGzip) || stuck || errs >= maxWARCErrors
			if records == 0 && errors.Is(err, gowarc.ErrNoRecord) {
				return fn(Item{Origin: name, Err: errors.New("not a WARC file (no WARC/1.x record found)")})
			}
			if ferr := fn(Item{Origin: origin, Err: warcErr(err)}); ferr != nil {
				return ferr
			}
			if end {
				return nil
			}
			continue
		}
		records++
		lastEnd = rec.Offset + rec.Size
		it, ok := o.warcItem(origin, rec)
		rec.Close()
		if !ok {
			continue
		}
		if err := fn(it); err != nil {
			return err
		}
	}
}

// warcHeaderSlack is room for a record's HTTP header on top of its page.
const warcHeaderSlack = 64 << 10

// noSpillDir is where gowarc would spill a record too large for memory:
// a path under the null device, which is a file, so creating anything in it
// fails (ENOTDIR) and nothing reaches the disk.
var noSpillDir = filepath.Join(os.DevNull, "taqrir-warc-no-spill")

// isSpill reports whether err is gowarc failing to spill into noSpillDir:
// the record is larger than the item limit.
func isSpill(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) && strings.HasPrefix(pe.Path, noSpillDir)
}

func warcErr(err error) error {
	if errors.Is(err, ErrGzip) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("broken WARC record: the file ends inside it (%v)", err)
	}
	var ce flate.CorruptInputError
	if errors.As(err, &ce) || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) {
		return fmt.Errorf("broken WARC record: damaged gzip member (%v)", err)
	}
	return fmt.Errorf("broken WARC record: %v", err)
}

// warcItem turns a record into an item when it is an HTML page: a 2xx
// HTTP response (or a resource record) with an HTML content type. ok is
// false for records that are not pages; a page that cannot be read is an
// item with Err set.
func (o Options) warcItem(origin string, rec gowarc.Record) (Item, bool) {
	wrec := rec.WarcRecord
	for _, v := range rec.Validation {
		var cl *gowarc.ContentLengthError
		var de *gowarc.DigestError
		if errors.As(v, &cl) {
			h := wrec.WarcHeader().Get(gowarc.ContentLength)
			if h == "" || cl.Expected == cl.Actual {
				return Item{Origin: origin, Err: errors.New("broken WARC record: its header has no valid Content-Length (or a line that is not a field)")}, true
			}
			if strings.Trim(h, "0123456789") != "" {
				return Item{Origin: origin, Err: fmt.Errorf("broken WARC record: Content-Length %q is not a number", h)}, true
			}
			return Item{Origin: origin, Err: fmt.Errorf("broken WARC record: Content-Length is %d but the record holds %d bytes", cl.Expected, cl.Actual)}, true
		}
		if errors.As(v, &de) && wrec.Type() == gowarc.Response {
			return Item{Origin: origin, Err: fmt.Errorf("broken WARC record: content damaged (%v)", v)}, true
		}
	}
	target := strings.Trim(wrec.WarcHeader().Get(gowarc.WarcTargetURI), "<>")
	var ctype string
	var body io.Reader
	switch wrec.Type() {
	case gowarc.Response:
		hb, ok := wrec.Block().(gowarc.HttpResponseBlock)
		if !ok {
			return Item{}, false // a non-HTTP response (dns:, ftp…)
		}
		if c := hb.HttpStatusCode(); c < 200 || c > 299 {
			return Item{}, false // redirects, errors: not pages
		}
		h := hb.HttpHeader()
		if h != nil {
			ctype = h.Get("Content-Type")
		}
		if !isHTML(ctype) {
			return Item{}, false
		}
		r, err := hb.PayloadBytes()
		if err != nil {
			return Item{Origin: origin, URL: target, Err: fmt.Errorf("broken WARC record: %v", err)}, true
		}
		br := bufio.NewReader(r)
		body = br
		if h != nil {
			if strings.EqualFold(h.Get("Transfer-Encoding"), "chunked") && looksChunked(br) {
				body = httputil.NewChunkedReader(br)
			}
			switch enc := strings.ToLower(strings.TrimSpace(h.Get("Content-Encoding"))); enc {
			case "", "identity":
			case "gzip", "x-gzip":
				zr, err := openGzip(body)
				if err != nil {
					return Item{Origin: origin, URL: target, Err: fmt.Errorf("page body: %w", gzipErr(err))}, true
				}
				defer zr.Close()
				body = zr
			case "deflate":
				body = flate.NewReader(body)
			default:
				return Item{Origin: origin, URL: target, Err: fmt.Errorf("page body: Content-Encoding %q is not supported", enc)}, true
			}
		}
	case gowarc.Resource:
		ctype = wrec.WarcHeader().Get(gowarc.ContentType)
		if !isHTML(ctype) {
			return Item{}, false
		}
		r, err := wrec.Block().RawBytes()
		if err != nil {
			return Item{Origin: origin, URL: target, Err: fmt.Errorf("broken WARC record: %v", err)}, true
		}
		body = r
	default:
		return Item{}, false
	}
	data, err := ReadPage(body, o.max())
	if err == nil {
		err = CheckPage(data)
	}
	if err != nil {
		return Item{Origin: origin, URL: target, ContentType: ctype, Err: err}, true
	}
	return Item{Origin: origin, Format: FormatHTML, Data: data, URL: target, ContentType: ctype}, true
}

// looksChunked peeks whether a body still carries chunked framing (many
// crawlers store it de-chunked but keep the header).
func looksChunked(br *bufio.Reader) bool {
	head, _ := br.Peek(20)
	line, _, ok := bytes.Cut(head, []byte("\r\n"))
	if !ok || len(line) == 0 {
		return false
	}
	for _, c := range bytes.TrimSpace(line) {
		if !strings.ContainsRune("0123456789abcdefABCDEF", rune(c)) {
			return false
		}
	}
	return true
}

// isHTML reports whether a Content-Type names an HTML page.
func isHTML(ctype string) bool {
	mt, _, err := mime.ParseMediaType(ctype)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.SplitN(ctype, ";", 2)[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}
