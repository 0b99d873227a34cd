package lsp

import (
	"context"
	"reflect"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"go.lsp.dev/protocol"

	"github.com/kclx-dev/kclx/kcl/workspace"
	"github.com/kclx-dev/kclx/lsp/source"
)

// diagnoser computes and publishes diagnostics of open files, debounced:
// a burst of edits yields one computation, on the latest snapshot, once
// the client has been quiet for the configured delay. Edited files come
// first; the other open files are rechecked in the background, giving way
// to requests, and a new change interrupts the run (the next one starts
// over on the newer snapshot).
type diagnoser struct {
	s    *Server
	kick chan struct{}
	gen  atomic.Uint64 // incremented by every change

	mu        sync.Mutex
	pending   map[string]bool // paths whose version changed
	all       bool            // recheck every open file
	published map[string]publishedDiags
}

type publishedDiags struct {
	version int32
	diags   []protocol.Diagnostic
}

func newDiagnoser(s *Server) *diagnoser {
	return &diagnoser{s: s, kick: make(chan struct{}, 1), pending: map[string]bool{}, published: map[string]publishedDiags{}}
}

// schedule marks path as edited; every other open file is rechecked too,
// since an edit may change what they see.
func (d *diagnoser) schedule(path string) {
	d.mu.Lock()
	d.pending[path] = true
	d.all = true
	d.mu.Unlock()
	d.gen.Add(1)
	d.wake()
}

// scheduleAll rechecks every open file.
func (d *diagnoser) scheduleAll() {
	d.mu.Lock()
	d.all = true
	d.mu.Unlock()
	d.gen.Add(1)
	d.wake()
}

func (d *diagnoser) wake() {
	select {
	case d.kick <- struct{}{}:
	default:
	}
}

// closed clears the diagnostics of a closed document.
func (d *diagnoser) closed(path string, uri protocol.DocumentURI) {
	d.mu.Lock()
	delete(d.pending, path)
	_, had := d.published[path]
	delete(d.published, path)
	d.mu.Unlock()
	if had {
		d.s.notify("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: uri, Diagnostics: []protocol.Diagnostic{}})
	}
}

func (d *diagnoser) loop(ctx context.Context) {
	delay := d.s.opts.DiagnosticsDelay
	for {
		select {
		case <-ctx.Done():
			return
		case <-d.kick:
		}
		// Debounce: wait until no new change arrived for delay.
		for delay > 0 {
			t := time.NewTimer(delay)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-d.kick:
				t.Stop()
				continue
			case <-t.C:
			}
			break
		}
		d.run(ctx)
	}
}

// run computes diagnostics on the current snapshot and publishes those
// that changed (always those of edited files, with their new version).
func (d *diagnoser) run(ctx context.Context) {
	d.mu.Lock()
	pending := d.pending
	all := d.all
	d.pending = map[string]bool{}
	d.all = false
	d.mu.Unlock()

	gen := d.gen.Load()
	snap := d.s.session.Snapshot()
	var paths []string
	if all {
		for _, o := range snap.Overlays() {
			paths = append(paths, o.Path)
		}
	} else {
		for p := range pending {
			paths = append(paths, p)
		}
	}
	// Edited files first: their feedback is what the user waits for.
	sort.SliceStable(paths, func(i, j int) bool { return pending[paths[i]] && !pending[paths[j]] })
	background := false
	for i, path := range paths {
		if ctx.Err() != nil {
			return
		}
		if !pending[path] {
			// Background work: give way to requests in flight (a client
			// that got the diagnostics it waited for asks next), and stop
			// when a newer change makes this snapshot stale.
			if !background {
				background = true
				time.Sleep(backgroundQuiet)
			}
			d.s.waitRequests(ctx, backgroundQuiet, 200*time.Millisecond)
		}
		if d.gen.Load() != gen {
			d.mu.Lock()
			for _, p := range paths[i:] {
				if pending[p] {
					d.pending[p] = true
				}
			}
			d.all = d.all || all
			d.mu.Unlock()
			d.wake()
			return
		}
		o, ok := snap.Overlay(path)
		if !ok {
			continue
		}
		diags := d.s.computeDiagnostics(ctx, snap, path)
		d.mu.Lock()
		prev, had := d.published[path]
		same := had && prev.version == o.Version && reflect.DeepEqual(prev.diags, diags)
		if !same {
			d.published[path] = publishedDiags{version: o.Version, diags: diags}
		}
		d.mu.Unlock()
		if same && !pending[path] {
			continue
		}
		version := o.Version
		d.s.notify("textDocument/publishDiagnostics", publishDiagnosticsParams{
			URI: d.s.uriOf(path), Version: &version, Diagnostics: diags,
		})
	}
}

// backgroundQuiet is how long background diagnostics wait after the last
// request was answered.
const backgroundQuiet = 5 * time.Millisecond

// waitRequests waits, at most max, until no request is running and none
// was answered for quiet: background work gives way to a client that is
// busy asking.
func (s *Server) waitRequests(ctx context.Context, quiet, max time.Duration) {
	deadline := time.Now().Add(max)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		s.mu.Lock()
		busy := len(s.inflight) > 0 || time.Since(s.lastDone) < quiet
		s.mu.Unlock()
		if !busy {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

// computeDiagnostics returns the LSP diagnostics of path.
func (s *Server) computeDiagnostics(ctx context.Context, snap *workspace.Snapshot, path string) (out []protocol.Diagnostic) {
	out = []protocol.Diagnostic{}
	defer func() {
		if p := recover(); p != nil {
			s.log.Printf("panic computing diagnostics of %s: %v", path, p)
		}
	}()
	m, err := s.mapperFor(snap, path)
	if err != nil {
		return out
	}
	for _, d := range source.Diagnostics(ctx, snap, path) {
		pd := protocol.Diagnostic{
			Range:    m.rangeOf(d.Start, d.End),
			Severity: protocol.DiagnosticSeverity(d.Severity),
			Code:     d.Code,
			Source:   "kcl",
			Message:  d.Message,
			Data:     d.Data,
		}
		if d.Unnecessary {
			pd.Tags = []protocol.DiagnosticTag{protocol.DiagnosticTagUnnecessary}
		}
		for _, r := range d.Related {
			rm, err := s.mapperFor(snap, r.Path)
			if err != nil {
				continue
			}
			pd.RelatedInformation = append(pd.RelatedInformation, protocol.DiagnosticRelatedInformation{
				Location: protocol.Location{URI: s.uriOf(r.Path), Range: rm.rangeOf(r.Start, r.End)},
				Message:  r.Message,
			})
		}
		out = append(out, pd)
	}
	return out
}
