package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"runtime/debug"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/workspace"
)

// Options configure a language server.
type Options struct {
	// FS is the disk the server reads; nil means the operating system's.
	FS loader.FS
	// PkgPath is the package cache ($KCL_PKG_PATH); "" means
	// loader.DefaultPkgPath().
	PkgPath string
	// Log receives the server's log lines (stderr in the CLI); nil
	// discards them.
	Log io.Writer
	// DiagnosticsDelay is how long the server waits after the last change
	// before it computes and publishes diagnostics (0 means the default,
	// negative means no wait).
	DiagnosticsDelay time.Duration
	// Name and Version are reported in serverInfo.
	Name, Version string
}

// ErrNoShutdown is returned by Serve when the client sent exit without a
// shutdown request first (the process should exit with status 1).
var ErrNoShutdown = errors.New("exit without shutdown")

// Server lifecycle states.
const (
	stateNew = iota
	stateInitialized
	stateShutdown
)

// Server is a KCL language server bound to one connection.
type Server struct {
	opts    Options
	log     *log.Logger
	conn    jsonrpc2.Conn
	stream  *stream
	session *workspace.Session
	diags   *diagnoser
	tokens  *tokenCache
	cfg     config

	mu       sync.Mutex
	state    int
	client   clientCapabilities
	inflight map[string]*request
	lastDone time.Time // when the last request was answered
	queued   []*request
	docs     map[string]*document // path → open document
	exit     chan struct{}
	exitOnce sync.Once

	// work tracks request and background goroutines, so that Serve
	// returns only when all of them are done.
	work sync.WaitGroup
	// bg is cancelled when the server stops.
	bg     context.Context
	stopBg context.CancelFunc
}

// document is an open text document.
type document struct {
	uri        protocol.DocumentURI
	path       string
	languageID string
	version    int32
}

// request is one client request, from the moment it is read until it is
// answered.
type request struct {
	key    string
	method string
	params json.RawMessage
	snap   *workspace.Snapshot
	ctx    context.Context
	cancel context.CancelFunc
	reply  jsonrpc2.Replier
}

// Serve runs a language server on rwc until the client sends exit or the
// connection closes. It returns nil after a clean shutdown-exit sequence,
// ErrNoShutdown after exit without shutdown, and the connection's error
// when the stream broke.
func Serve(ctx context.Context, rwc io.ReadWriteCloser, opts Options) error {
	s := newServer(opts)
	return s.run(ctx, rwc)
}

func newServer(opts Options) *Server {
	if opts.FS == nil {
		opts.FS = loader.OSFS{}
	}
	if opts.PkgPath == "" {
		opts.PkgPath = loader.DefaultPkgPath()
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.DiagnosticsDelay == 0 {
		opts.DiagnosticsDelay = 10 * time.Millisecond
	}
	if opts.Name == "" {
		opts.Name = "kclx"
	}
	s := &Server{
		opts:     opts,
		log:      log.New(opts.Log, "kclx lsp: ", log.LstdFlags|log.Lmicroseconds),
		inflight: map[string]*request{},
		docs:     map[string]*document{},
		exit:     make(chan struct{}),
		session:  workspace.NewSession(workspace.Options{FS: opts.FS, PkgPath: opts.PkgPath}),
		tokens:   newTokenCache(),
		cfg:      config{InlayHints: true},
	}
	s.bg, s.stopBg = context.WithCancel(context.Background())
	s.diags = newDiagnoser(s)
	return s
}

func (s *Server) run(ctx context.Context, rwc io.ReadWriteCloser) error {
	s.stream = newStream(rwc, s.flush)
	s.conn = jsonrpc2.NewConn(s.stream)
	s.conn.Go(ctx, s.handle)
	s.work.Add(1)
	go func() {
		defer s.work.Done()
		s.diags.loop(s.bg)
	}()

	var err error
	select {
	case <-s.exit:
		s.conn.Close()
		<-s.conn.Done()
	case <-s.conn.Done():
		if e := s.conn.Err(); e != nil && !errors.Is(e, io.EOF) {
			err = e
		}
	case <-ctx.Done():
		s.conn.Close()
		<-s.conn.Done()
		err = ctx.Err()
	}
	s.stopBg()
	s.cancelAll()
	s.work.Wait()
	if err == nil {
		s.mu.Lock()
		if s.state != stateShutdown {
			err = ErrNoShutdown
		}
		s.mu.Unlock()
	}
	return err
}

// cancelAll cancels every request in flight.
func (s *Server) cancelAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.inflight {
		r.cancel()
	}
	for _, r := range s.queued {
		r.cancel()
	}
}

// handle is the connection's handler. It runs on the read loop: it
// applies notifications at once, in order, and queues requests, which
// start (each in its own goroutine, on the snapshot current when they
// were read) once the client's burst of messages has been read.
func (s *Server) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
	defer func() {
		if r := recover(); r != nil {
			s.log.Printf("panic handling %s: %v\n%s", req.Method(), r, debug.Stack())
		}
	}()
	call, isCall := req.(*jsonrpc2.Call)
	if !isCall {
		s.handleNotification(ctx, req.Method(), req.Params())
		return nil
	}
	method := req.Method()
	params := bytes.Clone(req.Params())
	switch method {
	case "initialize":
		res, err := s.initialize(params)
		return reply(ctx, res, err)
	case "shutdown":
		s.mu.Lock()
		s.state = stateShutdown
		s.mu.Unlock()
		return reply(ctx, nil, nil)
	}
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	switch state {
	case stateNew:
		return reply(ctx, nil, jsonrpc2.NewError(jsonrpc2.ServerNotInitialized, "server not initialized"))
	case stateShutdown:
		return reply(ctx, nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "server is shutting down"))
	}
	if _, ok := handlerFor(method); !ok {
		return reply(ctx, nil, jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "method not supported: %s", method))
	}
	idJSON, _ := json.Marshal(idOf(call))
	rctx, cancel := context.WithCancel(s.bg)
	r := &request{
		key:    idKey(idJSON),
		method: method,
		params: params,
		snap:   s.session.Snapshot(),
		ctx:    rctx,
		cancel: cancel,
		reply:  reply,
	}
	s.mu.Lock()
	s.inflight[r.key] = r
	s.queued = append(s.queued, r)
	s.mu.Unlock()
	return nil
}

// idOf returns the id of a call as a value that marshals to its JSON.
func idOf(call *jsonrpc2.Call) *jsonrpc2.ID {
	id := call.ID()
	return &id
}

// idKey normalises a JSON request id (number or string).
func idKey(raw []byte) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return "s:" + s
		}
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		if i, err := n.Int64(); err == nil {
			return fmt.Sprintf("n:%d", i)
		}
	}
	return "r:" + string(raw)
}

// flush starts the queued requests. The stream calls it when no complete
// message is left to read, so that a $/cancelRequest sent right behind a
// request is seen before the request starts.
func (s *Server) flush() {
	s.mu.Lock()
	queued := s.queued
	s.queued = nil
	s.mu.Unlock()
	for _, r := range queued {
		if r.ctx.Err() != nil {
			s.finish(r, nil, nil)
			continue
		}
		s.work.Add(1)
		go s.serve(r)
	}
}

// serve runs one request. A panic in a handler is recovered, logged and
// answered with an internal error: one bad request never kills the
// server.
func (s *Server) serve(r *request) {
	defer s.work.Done()
	var (
		result any
		err    error
	)
	func() {
		defer func() {
			if p := recover(); p != nil {
				s.log.Printf("panic in %s: %v\n%s", r.method, p, debug.Stack())
				result, err = nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "internal error in %s: %v", r.method, p)
			}
		}()
		start := time.Now()
		h, _ := handlerFor(r.method)
		result, err = h(r.ctx, s, r)
		if d := time.Since(start); d > 500*time.Millisecond {
			s.log.Printf("%s took %v", r.method, d.Round(time.Millisecond))
		}
	}()
	s.finish(r, result, err)
}

// codeRequestCancelled is LSP's RequestCancelled error code.
const codeRequestCancelled jsonrpc2.Code = -32800

// finish answers r, with RequestCancelled if it was cancelled meanwhile.
func (s *Server) finish(r *request, result any, err error) {
	s.mu.Lock()
	delete(s.inflight, r.key)
	s.lastDone = time.Now()
	s.mu.Unlock()
	if r.ctx.Err() != nil {
		result, err = nil, jsonrpc2.NewError(codeRequestCancelled, "request cancelled")
	} else if err != nil {
		var je *jsonrpc2.Error
		if !errors.As(err, &je) {
			err = jsonrpc2.NewError(jsonrpc2.InternalError, err.Error())
		}
	}
	r.cancel()
	if rerr := r.reply(context.Background(), result, err); rerr != nil {
		s.log.Printf("replying to %s: %v", r.method, rerr)
	}
}

// handleNotification applies a notification (on the read loop).
func (s *Server) handleNotification(ctx context.Context, method string, params json.RawMessage) {
	switch method {
	case "exit":
		s.exitOnce.Do(func() { close(s.exit) })
		return
	case "$/cancelRequest":
		var p cancelParams
		if json.Unmarshal(params, &p) == nil {
			s.mu.Lock()
			r := s.inflight[idKey(p.ID)]
			s.mu.Unlock()
			if r != nil {
				r.cancel()
			}
		}
		return
	case methodBadMessage:
		s.log.Printf("ignoring malformed message: %s", params)
		return
	}
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	if state != stateInitialized {
		return // notifications before initialize and after shutdown are dropped
	}
	h, ok := notificationHandlers[method]
	if !ok {
		return // $/setTrace, $/progress, unknown notifications
	}
	if err := h(s, params); err != nil {
		s.log.Printf("%s: %v", method, err)
	}
}

// notify sends a notification to the client.
func (s *Server) notify(method string, params any) {
	if err := s.conn.Notify(context.Background(), method, params); err != nil {
		s.log.Printf("notify %s: %v", method, err)
	}
}

// call sends a request to the client and waits (bounded) for its answer.
// It must not be called on the read loop.
func (s *Server) call(ctx context.Context, method string, params, result any) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	_, err := s.conn.Call(ctx, method, params, result)
	return err
}

// goBackground runs fn in a goroutine that Serve waits for.
func (s *Server) goBackground(fn func(ctx context.Context)) {
	s.work.Add(1)
	go func() {
		defer s.work.Done()
		defer func() {
			if p := recover(); p != nil {
				s.log.Printf("panic in background task: %v\n%s", p, debug.Stack())
			}
		}()
		fn(s.bg)
	}()
}

// invalidParams returns the InvalidParams error for a decoding failure.
func invalidParams(err error) error {
	return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "invalid params: %v", err)
}

// decode unmarshals a request's params.
func decode(r *request, v any) error {
	if len(r.params) == 0 {
		return invalidParams(errors.New("missing params"))
	}
	if err := json.Unmarshal(r.params, v); err != nil {
		return invalidParams(err)
	}
	return nil
}
