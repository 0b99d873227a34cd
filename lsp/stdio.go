package lsp

import (
	"context"
	"errors"
	"io"
)

// stdio joins a reader and a writer into the connection Serve needs.
type stdio struct {
	io.Reader
	io.Writer
	closeIn io.Closer
}

func (s stdio) Close() error {
	if s.closeIn != nil {
		return s.closeIn.Close()
	}
	return nil
}

// RunStdio serves the LSP on in/out (a process's standard input and
// output). Closing in ends the session.
func RunStdio(ctx context.Context, in io.Reader, out io.Writer, opts Options) error {
	conn := stdio{Reader: in, Writer: out}
	if c, ok := in.(io.Closer); ok {
		conn.closeIn = c
	}
	err := Serve(ctx, conn, opts)
	if errors.Is(err, io.ErrClosedPipe) {
		err = nil
	}
	return err
}
