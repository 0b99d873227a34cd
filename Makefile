# kclx developer targets. `make help` lists them.

# ---------------------------------------------------------------------------
# Conformance ratchet: the minimum number of passing cases that
# `make conformance` (and so CI) demands of each scorer. When a change makes
# more cases pass, raise the number to the new count in the same commit.
# Never lower it: a drop is a regression.
FORMAT_MIN_PASS  := 66
GRAMMAR_MIN_PASS := 1340
LSP_MIN_PASS     := 175
IMPORT_MIN_PASS  := 89
# ---------------------------------------------------------------------------

GO       ?= go
SHARED   ?= ../shared
FUZZTIME ?= 10s
# Fuzz targets run by `make fuzz`, as package:FuzzFunc.
FUZZ_TARGETS ?= ./kcl/parser:FuzzParse ./kcl/syntax:FuzzScan ./kcl/sema:FuzzCheck ./formatter:FuzzFormat ./kcl/eval:FuzzEval

VERSION_PKG := github.com/kclx-dev/kclx/internal/version
# Empty when git or a commit is missing; the binary then falls back to its
# embedded build information (see internal/version).
VERSION ?= $(shell git describe --always --dirty 2>/dev/null)
COMMIT  ?= $(shell git rev-parse --verify --quiet HEAD 2>/dev/null)
LDFLAGS  = $(if $(VERSION),-X $(VERSION_PKG).Version=$(VERSION)) $(if $(COMMIT),-X $(VERSION_PKG).Commit=$(COMMIT))

.PHONY: help build test vet bench fuzz conformance lsp-check import-check clean

help:
	@echo 'make build        build bin/kclx'
	@echo 'make test         go test ./... (-count=1)'
	@echo 'make vet          go vet ./...'
	@echo 'make bench        benchmarks of ./kcl/...'
	@echo 'make fuzz         run each of FUZZ_TARGETS for FUZZTIME (default $(FUZZTIME))'
	@echo 'make conformance  score bin/kclx on $(SHARED)/corpus, gated by the ratchet'
	@echo 'make lsp-check    score kclx lsp on $(SHARED)/corpus/kcl-lsp (LSP_MIN_PASS)'
	@echo 'make import-check score kclx import on $(SHARED)/corpus/import (IMPORT_MIN_PASS)'
	@echo 'make clean        remove bin/'

build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/kclx ./cmd/kclx

test:
	$(GO) test -count=1 ./...

vet:
	$(GO) vet ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./kcl/...

fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; name=$${t#*:}; \
	  if ! $(GO) list "$$pkg" >/dev/null 2>&1; then \
	    echo "fuzz: skipping $$t: package $$pkg does not exist yet"; continue; \
	  fi; \
	  if ! grep -qs "^func $$name(" "$$pkg"/*_test.go; then \
	    echo "fuzz: skipping $$t: $$pkg has no $$name yet"; continue; \
	  fi; \
	  echo "$(GO) test -run '^\$$' -fuzz '^$$name\$$' -fuzztime $(FUZZTIME) $$pkg"; \
	  $(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) "$$pkg"; \
	done

conformance: build
	@test -d '$(SHARED)/tools/conformance' || { echo "conformance: $(SHARED)/tools/conformance not found (set SHARED=path/to/shared)"; exit 2; }
	$(GO) build -C '$(SHARED)/tools/conformance' -o '$(CURDIR)/bin/conformance' .
	@if bin/kclx fmt --help >/dev/null 2>&1; then \
	  echo "bin/conformance format --kclx bin/kclx --cases $(SHARED)/corpus/kcl-format --min-pass $(FORMAT_MIN_PASS)"; \
	  bin/conformance format --kclx bin/kclx --cases '$(SHARED)/corpus/kcl-format' --min-pass $(FORMAT_MIN_PASS); \
	else echo "skipping: kclx has no fmt yet"; fi
	@if bin/kclx run --help >/dev/null 2>&1; then \
	  echo "bin/conformance grammar --kclx bin/kclx --cases $(SHARED)/corpus/kcl-grammar --min-pass $(GRAMMAR_MIN_PASS)"; \
	  bin/conformance grammar --kclx bin/kclx --cases '$(SHARED)/corpus/kcl-grammar' --min-pass $(GRAMMAR_MIN_PASS); \
	else echo "skipping: kclx has no run yet"; fi
	@$(MAKE) --no-print-directory lsp-check
	@$(MAKE) --no-print-directory import-check

# lsp-check scores `kclx lsp` on the language-server scenarios with
# lspcheck, gated by LSP_MIN_PASS.
lsp-check: build
	@test -d '$(SHARED)/tools/lspcheck' || { echo "lsp-check: $(SHARED)/tools/lspcheck not found (set SHARED=path/to/shared)"; exit 2; }
	$(GO) build -C '$(SHARED)/tools/lspcheck' -o '$(CURDIR)/bin/lspcheck' .
	bin/lspcheck --server "bin/kclx lsp" --corpus '$(SHARED)/corpus/kcl-lsp' --min-pass $(LSP_MIN_PASS)

# import-check scores `kclx import` on the converter corpus with
# importcheck, gated by IMPORT_MIN_PASS (openapi-fixme cases are expected
# to fail: upstream marks them as not produced today).
import-check: build
	@test -d '$(SHARED)/tools/importcheck' || { echo "import-check: $(SHARED)/tools/importcheck not found (set SHARED=path/to/shared)"; exit 2; }
	$(GO) build -C '$(SHARED)/tools/importcheck' -o '$(CURDIR)/bin/importcheck' .
	bin/importcheck --kclx '$(CURDIR)/bin/kclx' --cases '$(SHARED)/corpus/import' --min-pass $(IMPORT_MIN_PASS)

clean:
	rm -rf bin
