# wfconnect: build, run and test. `make run` opens the app; `make test` runs every test.
GO      ?= go
TAGS    := migrated_fynedo
BIN     := bin/wfconnect
PKGS    := ./...

.PHONY: deps build run test test-unit test-keyring test-smoke bench fmt-check vet clean

deps:
	@bash .ci/deps.sh

build:
	$(GO) build -tags $(TAGS) -o $(BIN) .

run: deps build
	./$(BIN)

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi; echo "gofmt: clean"

vet:
	$(GO) vet -tags $(TAGS) $(PKGS)

test-unit:
	$(GO) test -race -tags $(TAGS) -count=1 $(PKGS)

# The same tests that need the real Secret Service, in a throwaway dbus session
# with an unlocked gnome-keyring.
test-keyring: build
	@bash .ci/keyring-tests.sh

# Starts bin/wfconnect under Xvfb, waits for its window, screenshots it, quits it.
test-smoke: build
	@bash .ci/smoke.sh

test: deps fmt-check vet test-unit test-keyring test-smoke
	@echo "make test: all passed"

bench:
	@bash .ci/bench.sh

clean:
	rm -rf bin dist testdata/failed
