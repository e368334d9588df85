package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/taqrir/taqrir/internal/app"
	"github.com/taqrir/taqrir/internal/arabic"
)

// RunOptions say how Run listens and monitors.
type RunOptions struct {
	Addr         string // host:port; port 0 picks one
	OpenReads    bool
	Hosts        []string
	AllowPrivate bool          // the monitor and webhooks may reach internal addresses (command line only)
	MonitorTick  time.Duration // how often the monitor looks for due sources (default 10s)
	// Follow, when positive, is how often the index catches up with a
	// store other processes write (app.Data.Follow): with a shared
	// PostgreSQL store, where workers ingest and read the sources, the
	// server then runs no monitor of its own.
	Follow time.Duration
	Log    io.Writer
	// Ready, when set, is told the base URL once the server listens.
	Ready func(url string)
}

// Run serves d on o.Addr until ctx is done: the API and UI, the monitoring
// of the data directory's sources, and the saved searches' webhooks. The
// base URL is recorded in the data directory while it runs, for the CLI.
func Run(ctx context.Context, d *app.Data, o RunOptions) error {
	if o.Log == nil {
		o.Log = io.Discard
	}
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return fmt.Errorf("serve: listen on %s: %w", o.Addr, err)
	}
	tcp := ln.Addr().(*net.TCPAddr)
	s := New(d, Options{Loopback: tcp.IP.IsLoopback(), OpenReads: o.OpenReads, Hosts: o.Hosts})
	arabic.Prepare() // a server analyses every query: all tables now
	hooks := newWebhooks(ctx, o.Log, o.AllowPrivate, 0)
	d.Saved().Alert = hooks.send
	base := "http://" + ln.Addr().String()
	if err := app.WriteServeAddr(d.Dir, base); err != nil {
		ln.Close()
		return err
	}
	defer app.RemoveServeAddr(d.Dir)
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute,
		BaseContext: func(net.Listener) context.Context { return ctx }}
	// The command line's way in: a unix socket only the owner can open.
	sock := d.Path(app.SocketFile)
	os.Remove(sock) // a socket left by a killed server: we hold the lock, so it is no one's
	var unixSrv *http.Server
	if uln, err := net.Listen("unix", sock); err != nil {
		fmt.Fprintf(o.Log, "taqrir: no command-line socket (%v): commands on this directory will wait for serve to stop\n", err)
	} else if err := os.Chmod(sock, 0o600); err != nil {
		uln.Close()
	} else {
		unixSrv = &http.Server{Handler: s.Trusted(), ReadHeaderTimeout: 10 * time.Second,
			BaseContext: func(net.Listener) context.Context { return ctx }}
		go unixSrv.Serve(uln)
		defer os.Remove(sock)
	}
	mctx, stopMonitor := context.WithCancel(ctx)
	monitorDone := make(chan struct{})
	go func() {
		defer close(monitorDone)
		if o.Follow > 0 {
			d.Follow(mctx, o.Follow)
			return
		}
		if err := d.Monitor(mctx, o.AllowPrivate, o.MonitorTick); err != nil {
			fmt.Fprintf(o.Log, "taqrir: monitor stopped: %v\n", err)
		}
	}()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if !tcp.IP.IsLoopback() && !o.OpenReads {
		fmt.Fprintf(o.Log, "taqrir: not on loopback: every request needs a token (taqrir token create NAME)\n")
	}
	if o.Ready != nil {
		o.Ready(base)
	}
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	serr := srv.Shutdown(sctx)
	if unixSrv != nil {
		serr = errors.Join(serr, unixSrv.Shutdown(sctx))
	}
	stopMonitor()
	<-monitorDone
	hooks.wait()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return errors.Join(err, serr)
}
