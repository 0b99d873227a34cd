package lsp

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/segmentio/encoding/json"
	"go.lsp.dev/jsonrpc2"
)

// stream is a jsonrpc2.Stream with LSP's Content-Length framing that also
// tells the server when it has consumed every message the client has
// already sent (see idle). The server uses this to start requests only
// after the cancellations that follow them in the same burst are seen.
//
// Writes are queued and written by a goroutine of their own, so that the
// read loop never waits for the client to read: a client that is busy
// writing to the server (a burst of edits) cannot deadlock it.
type stream struct {
	r    *bufio.Reader
	w    io.Writer
	c    io.Closer
	idle func()

	mu      sync.Mutex
	cond    *sync.Cond
	queue   [][]byte
	closing bool
	werr    error
	flushed chan struct{}
}

func newStream(rwc io.ReadWriteCloser, idle func()) *stream {
	s := &stream{r: bufio.NewReaderSize(rwc, 64<<10), w: rwc, c: rwc, idle: idle, flushed: make(chan struct{})}
	s.cond = sync.NewCond(&s.mu)
	go s.writeLoop()
	return s
}

// writeLoop writes queued messages in order until the stream closes and
// the queue is empty.
func (s *stream) writeLoop() {
	defer close(s.flushed)
	for {
		s.mu.Lock()
		for len(s.queue) == 0 && !s.closing {
			s.cond.Wait()
		}
		if len(s.queue) == 0 {
			s.mu.Unlock()
			return
		}
		msg := s.queue[0]
		s.queue[0] = nil
		s.queue = s.queue[1:]
		failed := s.werr != nil
		s.mu.Unlock()
		if failed {
			continue
		}
		if _, err := s.w.Write(msg); err != nil {
			s.mu.Lock()
			s.werr = err
			s.mu.Unlock()
		}
	}
}

// completeMessageBuffered reports whether the reader holds a whole framed
// message, so that reading it will not block.
func (s *stream) completeMessageBuffered() bool {
	n := s.r.Buffered()
	if n == 0 {
		return false
	}
	b, _ := s.r.Peek(n)
	end := bytes.Index(b, []byte("\r\n\r\n"))
	if end < 0 {
		return false
	}
	length := -1
	for _, line := range strings.Split(string(b[:end]), "\r\n") {
		name, value, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			if v, err := strconv.Atoi(strings.TrimSpace(value)); err == nil {
				length = v
			}
		}
	}
	return length >= 0 && n >= end+4+length
}

// Read implements jsonrpc2.Stream.
func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	if s.idle != nil && !s.completeMessageBuffered() {
		s.idle()
	}
	var total, length int64 = 0, -1
	for {
		line, err := s.r.ReadString('\n')
		total += int64(len(line))
		if err != nil {
			if err == io.EOF && total == 0 {
				return nil, total, io.EOF
			}
			return nil, total, fmt.Errorf("reading header: %w", err)
		}
		line = strings.TrimSpace(line)
		if line == "" {
			if length < 0 {
				continue // tolerate stray blank lines between messages
			}
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, total, fmt.Errorf("invalid header line %q", line)
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			v, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
			if err != nil || v < 0 || v > 1<<30 {
				return nil, total, fmt.Errorf("invalid Content-Length %q", value)
			}
			length = v
		}
	}
	data := make([]byte, length)
	if _, err := io.ReadFull(s.r, data); err != nil {
		return nil, total, fmt.Errorf("reading message body: %w", err)
	}
	total += length
	msg, err := jsonrpc2.DecodeMessage(data)
	if err != nil {
		// A malformed message must not end the session: hand the
		// server a notification it will log and ignore.
		n, _ := jsonrpc2.NewNotification(methodBadMessage, err.Error())
		return n, total, nil
	}
	return msg, total, nil
}

// Write implements jsonrpc2.Stream.
func (s *stream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	data, err := json.Marshal(msg)
	if err != nil {
		return 0, fmt.Errorf("marshaling message: %w", err)
	}
	var buf bytes.Buffer
	buf.Grow(len(data) + 32)
	fmt.Fprintf(&buf, "Content-Length: %d\r\n\r\n", len(data))
	buf.Write(data)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.werr != nil {
		return 0, s.werr
	}
	if s.closing {
		return 0, io.ErrClosedPipe
	}
	s.queue = append(s.queue, buf.Bytes())
	s.cond.Signal()
	return int64(buf.Len()), nil
}

// Close implements jsonrpc2.Stream: queued messages are written (for at
// most a few seconds) before the connection closes.
func (s *stream) Close() error {
	s.mu.Lock()
	already := s.closing
	s.closing = true
	s.cond.Broadcast()
	s.mu.Unlock()
	if !already {
		select {
		case <-s.flushed:
		case <-time.After(5 * time.Second):
		}
	}
	return s.c.Close()
}

// methodBadMessage is the method of the notification that stands for an
// input message that could not be decoded.
const methodBadMessage = "$/kclx/badMessage"
