package parallel

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
)

func TestForVisitsEachItemOnce(t *testing.T) {
	for _, tc := range []struct{ n, workers int }{{0, 4}, {1, 4}, {7, 3}, {100, 1}, {1000, 8}, {5, 0}} {
		t.Run(fmt.Sprintf("%d/%d", tc.n, tc.workers), func(t *testing.T) {
			seen := make([]int32, tc.n)
			if err := For(context.Background(), tc.n, tc.workers, func(w, i int) error {
				if tc.workers > 0 && w >= tc.workers {
					t.Errorf("worker %d of %d", w, tc.workers)
				}
				atomic.AddInt32(&seen[i], 1)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			for i, c := range seen {
				if c != 1 {
					t.Fatalf("item %d visited %d times", i, c)
				}
			}
		})
	}
}

func TestForStopsOnErrorAndCancel(t *testing.T) {
	boom := errors.New("boom")
	var calls atomic.Int32
	err := For(context.Background(), 1000, 1, func(_, i int) error {
		calls.Add(1)
		if i == 10 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) || calls.Load() != 11 {
		t.Errorf("err %v after %d calls; want boom after 11", err, calls.Load())
	}
	ctx, cancel := context.WithCancel(context.Background())
	calls.Store(0)
	err = For(ctx, 1000, 2, func(_, i int) error {
		if calls.Add(1) == 5 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || calls.Load() > 10 {
		t.Errorf("after cancel: err %v, %d calls", err, calls.Load())
	}
}

func TestWorkers(t *testing.T) {
	if w := Workers(0, 32); w != 1 {
		t.Errorf("Workers(0) = %d", w)
	}
	if w := Workers(1<<20, 1); w < 1 {
		t.Errorf("Workers(big) = %d", w)
	}
}

func ExampleFor() {
	words := []string{"غزة", "القاهرة", "الدوحة"}
	lengths := make([]int, len(words))
	_ = For(context.Background(), len(words), Workers(len(words), 1), func(_, i int) error {
		lengths[i] = len([]rune(words[i]))
		return nil
	})
	fmt.Println(lengths)
	// Output: [3 7 6]
}
