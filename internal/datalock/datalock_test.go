package datalock

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestAcquireRefusesAndNamesTheHolder(t *testing.T) {
	dir := t.TempDir()
	held, err := Acquire(dir, "taqrir ingest ./news", 0)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = Acquire(dir, "taqrir reindex", 0)
	var he *HeldError
	if !errors.As(err, &he) || !errors.Is(err, ErrHeld) {
		t.Fatalf("second Acquire: %v, want a HeldError", err)
	}
	if he.PID != os.Getpid() || he.Command != "taqrir ingest ./news" || !strings.Contains(err.Error(), strconv.Itoa(os.Getpid())) {
		t.Errorf("holder %+v, message %q", he, err)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("refused after %s, want at once", el)
	}
	// With --wait, it gets the lock once the holder lets go.
	go func() {
		time.Sleep(150 * time.Millisecond)
		held.Release()
	}()
	l, err := Acquire(dir, "taqrir reindex", 5*time.Second)
	if err != nil {
		t.Fatalf("waiting Acquire: %v", err)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	if err := (*Lock)(nil).Release(); err != nil {
		t.Errorf("nil Release: %v", err)
	}
}
