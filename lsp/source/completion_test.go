package source

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/workspace"
)

// TestLongCompletionLists: in a package of many schemas, completion
// answers at most maxCompletionItems items matching the word typed,
// marks the list incomplete, and leaves the schemas' details to
// ResolveCompletion.
func TestLongCompletionLists(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 800; i++ {
		fmt.Fprintf(&b, "schema Model%03d:\n    \"\"\"Model number %d.\"\"\"\n    field%d: int\n\n", i, i, i)
	}
	src := b.String() + "x = Mod\ny = Model7\n"
	mem := &loader.MemFS{}
	mem.WriteFile("/ws/main.k", []byte(src))
	snap := workspace.NewSession(workspace.Options{FS: mem, Folders: []string{"/ws"}}).Snapshot()
	ctx := context.Background()

	list := Completion(ctx, snap, "/ws/main.k", CompletionRequest{Offset: strings.Index(src, "Mod\n") + 3})
	if !list.Incomplete || len(list.Items) != maxCompletionItems {
		t.Fatalf("x = Mod|: incomplete %v, %d items", list.Incomplete, len(list.Items))
	}
	var model *CompletionItem
	for i := range list.Items {
		if list.Items[i].Label == "Model001" {
			model = &list.Items[i]
		}
	}
	if model == nil || model.Resolve == nil || model.Detail != "" {
		t.Fatalf("Model001 item = %+v", model)
	}
	detail, doc := ResolveCompletion(ctx, snap, *model.Resolve)
	if !strings.Contains(detail, "schema Model001:") || !strings.Contains(detail, "field1: int") || doc != "Model number 1." {
		t.Errorf("resolved detail %q doc %q", detail, doc)
	}

	// The word typed narrows the list: Model7xx, and Model07x are
	// fuzzy matches of "model7".
	list = Completion(ctx, snap, "/ws/main.k", CompletionRequest{Offset: strings.Index(src, "Model7\n") + 6})
	if len(list.Items) == 0 || len(list.Items) >= maxCompletionItems {
		t.Fatalf("y = Model7|: %d items", len(list.Items))
	}
	for _, it := range list.Items {
		if !fuzzyMatch(strings.ToLower(it.Label), "model7") {
			t.Errorf("item %q does not match the word", it.Label)
		}
	}
}
