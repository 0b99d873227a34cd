package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"syscall"
	"time"
)

// The evaluator checks its memory and step budgets between expressions
// (eval.Options.MaxMemory, MaxSteps). A few operations can still grow the
// heap or run long inside one step: copying or printing a value that
// shares sub-values exponentially often, a builtin working on a huge
// value. The watchdog of `kclx run` is the last line of defence: it ends
// the process with a diagnostic when the live heap passes the memory
// limit (so the machine never runs out of memory) or the run passes its
// timeout.

// maxDefaultMemory caps the default memory limit.
const maxDefaultMemory = 4 << 30

// defaultMaxMemory is half the physical memory, at most 4 GiB.
func defaultMaxMemory() int64 {
	var si syscall.Sysinfo_t
	if err := syscall.Sysinfo(&si); err == nil && si.Totalram > 0 {
		total := int64(si.Totalram) * int64(si.Unit)
		if total > 0 {
			return min(total/2, maxDefaultMemory)
		}
	}
	return maxDefaultMemory
}

// watchdogInterval is how often the watchdog samples the heap.
const watchdogInterval = 5 * time.Millisecond

// watchdogExit ends the process; tests replace it.
var watchdogExit = func(code int) { os.Exit(code) }

// startWatchdog watches the heap (limit in bytes; <= 0: no limit) and the
// wall time (timeout; 0: none) until the returned stop function is called.
// It also makes the garbage collector work harder near the limit.
func startWatchdog(stderr io.Writer, limit int64, timeout time.Duration) (stop func()) {
	if limit <= 0 && timeout <= 0 {
		return func() {}
	}
	if limit > 0 {
		// the collector's soft limit sits above the hard one: near the
		// hard limit the collector does not thrash, the watchdog decides
		old := debug.SetMemoryLimit(limit + limit/4)
		defer func() {
			prev := stop
			stop = func() { prev(); debug.SetMemoryLimit(old) }
		}()
	}
	done := make(chan struct{})
	var once sync.Once
	start := time.Now()
	go func() {
		tick := time.NewTicker(watchdogInterval)
		defer tick.Stop()
		samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			if timeout > 0 && time.Since(start) > timeout {
				fmt.Fprintf(stderr, "error[E3M38]: EvaluationError\nthe run took longer than the timeout of %s\n", timeout)
				watchdogExit(1)
				return
			}
			if limit <= 0 {
				continue
			}
			metrics.Read(samples[:1])
			if int64(samples[0].Value.Uint64()) <= limit {
				continue
			}
			runtime.GC() // count live data only
			metrics.Read(samples)
			if live := int64(samples[1].Value.Uint64()); live > limit {
				fmt.Fprintf(stderr, "error[E3M38]: EvaluationError\nmemory limit exceeded: the run holds %d MiB, more than the limit of %d MiB (see --max-memory)\n", live>>20, limit>>20)
				watchdogExit(1)
				return
			}
		}
	}()
	return func() { once.Do(func() { close(done) }) }
}
