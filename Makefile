# orderdash — see README.md. Every target works on a fresh machine with Go
# (`make lint` also needs staticcheck; .ci/run installs the pinned one).
GO       ?= go
ARGS     ?=
PKGS     ?= ./...
BENCH    ?= .
FUZZTIME ?= 20s
STATICCHECK ?= staticcheck
# The flags every build of the program uses: `make run` and `make build`
# share them, so the second reuses the first's build cache.
BUILDFLAGS ?= -trimpath
# The staticcheck release .ci/run installs; it must build with this Go.
STATICCHECK_VERSION := v0.8.2

.DEFAULT_GOAL := help
.PHONY: help run build test bench fuzz lint fmt clean

help: ## list the targets (what plain `make` does)
	@awk 'BEGIN {FS = ":[^#]*## "} /^[a-z][a-z-]*:[^#]*## / {printf "  make %-6s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

run: ## open the dashboard (the demo stores when there is no config file)
	$(GO) run $(BUILDFLAGS) ./cmd/orderdash $(ARGS)

build: ## build bin/orderdash
	$(GO) build $(BUILDFLAGS) -o bin/orderdash ./cmd/orderdash

test: ## vet, then every test with the race detector (fuzz seeds included)
	$(GO) vet $(PKGS)
	@pg_isready -q -d "$${ORDERDASH_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/test}" 2>/dev/null || \
		echo "*** PostgreSQL does not answer at \$$ORDERDASH_TEST_POSTGRES (or 127.0.0.1:5432/test): its tests are SKIPPED (docs/team.md) ***"
	$(GO) test -race -count=1 -timeout 20m $(PKGS)

bench: ## every benchmark, with allocations
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem -timeout 30m $(PKGS)

fuzz: ## run every fuzz target for FUZZTIME each (default 20s), one at a time
	GO=$(GO) FUZZTIME=$(FUZZTIME) bash .ci/fuzz

lint: ## gofmt check, go vet and staticcheck
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	@command -v $(STATICCHECK) >/dev/null || { echo "staticcheck not found: go install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)"; exit 1; }
	$(STATICCHECK) $(PKGS)

fmt: ## gofmt every Go file
	gofmt -w $$(git ls-files '*.go')

clean: ## remove bin/
	rm -rf bin
