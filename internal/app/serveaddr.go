package app

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/google/renameio/v2"
)

// ServeAddrFile holds the address of the `taqrir serve` that owns the data
// directory, while it runs.
const ServeAddrFile = "serve.addr"

// WriteServeAddr records the base URL of the server that owns dir.
func WriteServeAddr(dir, url string) error {
	return renameio.WriteFile(filepath.Join(dir, ServeAddrFile), []byte(url+"\n"), 0o644)
}

// RemoveServeAddr forgets it, when the server stops.
func RemoveServeAddr(dir string) { os.Remove(filepath.Join(dir, ServeAddrFile)) }

// ServeAddr is the base URL of the server recorded in dir, "" for none.
func ServeAddr(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, ServeAddrFile))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}
