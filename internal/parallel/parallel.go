package parallel

import (
	"context"
	"errors"
	"runtime"
	"sync"
)

// Workers is how many goroutines suit n items when each should have at
// least perWorker of them to be worth starting: between 1 and GOMAXPROCS.
func Workers(n, perWorker int) int {
	return min(runtime.GOMAXPROCS(0), max(1, n/max(1, perWorker)))
}

// For calls fn(w, i) for every i in [0, n) on workers goroutines, worker w
// taking i = w, w+workers, …. A worker stops at its first error or when
// ctx is done; For waits for all of them and returns ctx's error, else the
// errors joined (nil when none).
func For(ctx context.Context, n, workers int, fn func(w, i int) error) error {
	workers = max(1, min(workers, n))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				if ctx.Err() != nil {
					return
				}
				if err := fn(w, i); err != nil {
					errs[w] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return errors.Join(errs...)
}
