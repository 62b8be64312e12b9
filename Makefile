# orderdash — see README.md. Every target works on a fresh machine with Go.
GO      ?= go
ARGS    ?=
PKGS    ?= ./...
BENCH   ?= .

.PHONY: run build test bench lint fmt clean

run: ## open the dashboard (the demo stores when there is no config file)
	$(GO) run ./cmd/orderdash $(ARGS)

build: ## build bin/orderdash
	$(GO) build -trimpath -o bin/orderdash ./cmd/orderdash

test: ## vet, then every test with the race detector
	$(GO) vet $(PKGS)
	$(GO) test -race -count=1 -timeout 20m $(PKGS)

bench: ## every benchmark, with allocations
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem -timeout 30m $(PKGS)

lint: ## formatting and vet
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin
