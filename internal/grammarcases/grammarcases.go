package grammarcases

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Case is one case of the kcl-grammar corpus.
type Case struct {
	Name    string   // path relative to the corpus
	Dir     string   // absolute case directory
	Entries []string // main.k and the .k files named in settings.yaml
	Success bool     // has stdout.golden
}

// List lists the corpus cases under dir.
func List(t testing.TB, dir string) []Case {
	var out []Case
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "main.k" {
			return nil
		}
		cdir := filepath.Dir(path)
		c := Case{Dir: cdir, Entries: []string{"main.k"}}
		c.Name, _ = filepath.Rel(dir, cdir)
		if _, err := os.Stat(filepath.Join(cdir, "stdout.golden")); err == nil {
			c.Success = true
		} else if _, err := os.Stat(filepath.Join(cdir, "stderr.golden")); err != nil {
			return nil
		}
		if b, err := os.ReadFile(filepath.Join(cdir, "settings.yaml")); err == nil {
			for _, line := range strings.Split(string(b), "\n") {
				opts, ok := strings.CutPrefix(strings.TrimSpace(line), "kcl_options:")
				if !ok {
					continue
				}
				fields := strings.Fields(opts)
				for i := 0; i < len(fields); i++ {
					f := fields[i]
					if strings.HasPrefix(f, "-") {
						// flags with values: skip their values
						switch f {
						case "-D", "-Y", "-S", "-O", "-E":
							for i+1 < len(fields) && !strings.HasPrefix(fields[i+1], "-") {
								i++
							}
						}
						continue
					}
					if strings.HasSuffix(f, ".k") {
						c.Entries = append(c.Entries, f)
					}
				}
			}
		}
		out = append(out, c)
		return nil
	})
	return out
}
