package storage

import (
	"cmp"
	"fmt"
	"runtime"
	"sync"
)

// parallel runs fn(0..n-1) on every core, giving each worker at least perWorker
// calls, and returns the first error; a panic in fn becomes an error instead of
// ending the process.
func parallel(n, perWorker int, fn func(i int) error) error {
	workers := min(runtime.GOMAXPROCS(0), max(1, n/perWorker))
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					mu.Lock()
					first = cmp.Or(first, fmt.Errorf("import worker panicked: %v", r))
					mu.Unlock()
				}
			}()
			for i := w; i < n; i += workers {
				if err := fn(i); err != nil {
					mu.Lock()
					first = cmp.Or(first, err)
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	return first
}
