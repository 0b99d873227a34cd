package source

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/workspace"
)

func TestTmpReplay(t *testing.T) {
	data, err := os.ReadFile("/tmp/k2.json")
	if err != nil {
		t.Skip()
	}
	var rep struct {
		RequestSamples []struct {
			Method, File string
			Line, Character int
			Ms float64
		}
	}
	json.Unmarshal(data, &rep)
	root, _ := filepath.Abs("../../../shared/corpus/konfig")
	pkgs, _ := filepath.Abs("../../../shared/corpus/kcl-pkgs")
	s := workspace.NewSession(workspace.Options{FS: loader.OSFS{}, PkgPath: pkgs, Folders: []string{root}})
	snap := s.Snapshot()
	type res struct{ d time.Duration; what string }
	var all []res
	for _, r := range rep.RequestSamples {
		i := strings.Index(r.File, "konfig/")
		path := filepath.Join(root, r.File[i+len("konfig/"):])
		f, err := snap.Parse(path)
		if err != nil {
			t.Fatal(err)
		}
		off := f.Tok.LineStart(r.Line+1) + r.Character
		if off > len(f.Src) { off = len(f.Src) }
		snap.Unit(path).Check()
		start := time.Now()
		ctx := context.Background()
		switch {
		case strings.HasSuffix(r.Method, "completion"):
			Completion(ctx, snap, path, CompletionRequest{Offset: off})
		case strings.HasSuffix(r.Method, "hover"):
			HoverAt(ctx, snap, path, off)
		default:
			Definition(ctx, snap, path, off)
		}
		all = append(all, res{time.Since(start), r.Method + " " + r.File[i:] + " " + string(rune('0'+r.Line%10))})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].d > all[j].d })
	for _, r := range all[:10] {
		t.Log(r.d, r.what)
	}
}
