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

// SocketFile is the unix socket of the `taqrir serve` that owns the data
// directory: the command line talks to the server through it while it
// runs. Only the directory's owner can connect (mode 0600), so what comes
// through it needs no token.
const SocketFile = "serve.sock"

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
