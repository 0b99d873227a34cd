package lsp

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/kclx-dev/kclx/lsp/source"
)

func documentLink(ctx context.Context, s *Server, r *request) (any, error) {
	var p protocol.DocumentLinkParams
	if err := decode(r, &p); err != nil {
		return nil, err
	}
	f, m, err := fileFor(r.snap, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	out := []protocol.DocumentLink{}
	for _, l := range source.DocumentLinks(r.snap, f) {
		out = append(out, protocol.DocumentLink{Range: m.rangeOf(l.Start, l.End), Target: protocol.DocumentURI(pathToURI(l.Target))})
	}
	return out, nil
}

// commandRun is the Run code lens command.
const commandRun = source.CommandRun

func codeLens(ctx context.Context, s *Server, r *request) (any, error) {
	var p protocol.CodeLensParams
	if err := decode(r, &p); err != nil {
		return nil, err
	}
	f, m, err := fileFor(r.snap, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	out := []protocol.CodeLens{}
	for _, l := range source.CodeLenses(r.snap, f) {
		args := make([]any, len(l.Args))
		for i, a := range l.Args {
			if path, ok := a.(string); ok {
				a = string(s.uriOf(path))
			}
			args[i] = a
		}
		pos := m.position(l.Offset)
		out = append(out, protocol.CodeLens{
			Range:   protocol.Range{Start: pos, End: pos},
			Command: &protocol.Command{Title: l.Title, Command: l.Command, Arguments: args},
		})
	}
	return out, nil
}

// executeCommand runs a server command. kclx.run evaluates a file with
// `kclx run` in a child process (an explicit user action, never part of
// analysis) and shows the output in the client's log.
func executeCommand(ctx context.Context, s *Server, r *request) (any, error) {
	var p protocol.ExecuteCommandParams
	if err := decode(r, &p); err != nil {
		return nil, err
	}
	switch p.Command {
	case commandRun:
		if len(p.Arguments) != 1 {
			return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s takes one argument, the document URI", commandRun)
		}
		uri, _ := p.Arguments[0].(string)
		path := uriToPath(protocol.DocumentURI(uri))
		exe, err := os.Executable()
		if err != nil {
			return nil, err
		}
		runCtx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(runCtx, exe, "run", path)
		out, err := cmd.CombinedOutput()
		msg := string(out)
		typ := protocol.MessageTypeInfo
		if err != nil {
			typ = protocol.MessageTypeError
			msg = fmt.Sprintf("kclx run %s: %v\n%s", path, err, out)
		}
		s.notify("window/logMessage", protocol.LogMessageParams{Type: typ, Message: msg})
		if err != nil {
			s.notify("window/showMessage", protocol.ShowMessageParams{Type: typ, Message: fmt.Sprintf("kclx run failed: %v (see the output log)", err)})
		}
		return nil, nil
	}
	return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "unknown command %q", p.Command)
}
