package eval

import (
	"math/big"
	"runtime"
	"runtime/metrics"
)

// Resource limits for untrusted programs. The cheap checks happen where a
// value is built (checkSize, checkPow, the builtins' size checks through
// builtins.Settings.MaxItems); the step and memory budgets are checked
// every budgetInterval+1 expressions (checkBudget).

// budgetInterval+1 is how often (in evaluated expressions) the step and
// memory budgets are checked; a power of two minus one.
const budgetInterval = 1<<12 - 1

// heapSample reads the bytes of heap objects (live and not yet swept).
var heapSample = []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}

func heapBytes() int64 {
	metrics.Read(heapSample)
	if heapSample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(heapSample[0].Value.Uint64())
}

// checkBudget fails when the evaluation ran more than MaxSteps
// expressions or the heap holds more than MaxMemory bytes of live data.
func (e *Evaluator) checkBudget() {
	if e.opts.MaxSteps > 0 && e.steps > e.opts.MaxSteps {
		e.failf("evaluation step limit exceeded: more than %d expressions evaluated", e.opts.MaxSteps)
	}
	if e.opts.MaxMemory > 0 && heapBytes() > e.opts.MaxMemory {
		runtime.GC() // count live data only
		if heapBytes() > e.opts.MaxMemory {
			e.failf("memory limit exceeded: the evaluation holds more than %d MiB", e.opts.MaxMemory>>20)
		}
	}
}

// reserve checks, before a large allocation of n bytes, that it keeps
// the heap within MaxMemory.
func (e *Evaluator) reserve(n int64) {
	if e.opts.MaxMemory <= 0 || n < 1<<20 {
		return
	}
	if n > e.opts.MaxMemory || heapBytes()+n > e.opts.MaxMemory {
		runtime.GC()
		if n > e.opts.MaxMemory || heapBytes()+n > e.opts.MaxMemory {
			e.failf("memory limit exceeded: %d MiB more would exceed the limit of %d MiB", n>>20, e.opts.MaxMemory>>20)
		}
	}
}

// checkSize fails when a list of n items or a string of n bytes is too
// large to build.
func (e *Evaluator) checkSize(n int) {
	if n > e.opts.MaxItems || n < 0 {
		e.failf("value too large: %d items exceed the limit of %d", n, e.opts.MaxItems)
	}
}

// checkRepeat checks the size of n repetitions of a value of size each,
// without overflowing.
func (e *Evaluator) checkRepeat(n int64, each int) {
	if each == 0 || n <= 0 {
		return
	}
	if n > int64(e.opts.MaxItems)/int64(each) {
		e.failf("value too large: %d × %d items exceed the limit of %d", n, each, e.opts.MaxItems)
	}
}

// maxPowBits bounds the size of an exact integer power: a larger result
// overflows 64 bits anyway, and computing it would take very long.
const maxPowBits = 1 << 14

// checkPow fails for x ** y (y >= 0) whose exact value would have more
// than maxPowBits bits, with upstream's overflow message shape.
func (e *Evaluator) checkPow(x, y int64) {
	if x == 0 || x == 1 || x == -1 {
		return
	}
	bits := int64(new(big.Int).Abs(big.NewInt(x)).BitLen() - 1)
	if bits > 0 && y > maxPowBits/bits || bits == 0 && y > maxPowBits {
		e.failf("%d ** %d: A 64 bit integer overflow", x, y)
	}
}
