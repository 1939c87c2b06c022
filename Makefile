# wfconnect: build, run and test. `make run` opens the app; `make test` runs every test.
GO      ?= go
TAGS    := migrated_fynedo
BIN     := bin/wfconnect
PKGS    := ./...

FYNE_TOOLS_VERSION := v1.7.4
FYNE    := $(shell $(GO) env GOPATH)/bin/fyne

.PHONY: deps build run test test-unit test-fuzz test-keyring test-smoke bench fmt-check vet clean package package-linux package-windows install screenshots check-jsclient fuzz

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
	@# Ctrl+C within a second is a timing promise: checked without the race detector too.
	$(GO) test -tags $(TAGS) -count=1 -run '^TestInterruptEndsCommand$$' ./cli/

# The same tests that need the real Secret Service, in a throwaway dbus session
# with an unlocked gnome-keyring.
test-keyring: build
	@bash .ci/keyring-tests.sh

# Starts bin/wfconnect under Xvfb, waits for its window, screenshots it, quits it.
test-smoke: build
	@bash .ci/smoke.sh

# Each fuzz target briefly, beyond its seed corpus (make fuzz runs them fully).
# A count, not a duration: Go 1.26's fuzz coordinator can report "context
# deadline exceeded" when a duration ends mid-input (go.dev/issue/75804), a
# failure with no failing input; a count has no deadline to race.
FUZZTIME_BRIEF ?= 10000x
test-fuzz:
	@$(MAKE) --no-print-directory fuzz FUZZTIME=$(FUZZTIME_BRIEF)

test: deps fmt-check vet test-unit test-fuzz test-keyring test-smoke
	@echo "make test: all passed"

bench: build
	@bash .ci/bench.sh
	@bash .ci/startup.sh

$(FYNE):
	$(GO) install fyne.io/tools/cmd/fyne@$(FYNE_TOOLS_VERSION)

# Double-click packages in dist/: the Linux tarball (binary, .desktop entry,
# icon and an install Makefile) and a Windows .exe with the icon embedded.
package: package-linux package-windows
	@ls -l dist
	@# Packaging must not touch the module files (it once left go.sum modified).
	@git diff --quiet -- go.mod go.sum FyneApp.toml 2>/dev/null || { echo "make package changed go.mod, go.sum or FyneApp.toml:"; git diff --stat -- go.mod go.sum FyneApp.toml; exit 1; }

package-linux: deps $(FYNE)
	mkdir -p dist
	# fyne package bumps Build in FyneApp.toml; keep the committed file as it is.
	cp FyneApp.toml dist/.FyneApp.toml.keep
	$(FYNE) package --os linux --release --tags $(TAGS) --icon assets/icon.png; s=$$?; cp dist/.FyneApp.toml.keep FyneApp.toml; exit $$s
	mv -f "Workfront Connect.tar.xz" dist/wfconnect-linux-amd64.tar.xz

package-windows: $(FYNE)
	WFCONNECT_WITH_MINGW=1 bash .ci/deps.sh
	mkdir -p dist
	cp FyneApp.toml dist/.FyneApp.toml.keep
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
		$(FYNE) package --os windows --release --tags $(TAGS) --icon assets/icon.png --app-id io.github.wfconnect.wfconnect; \
		s=$$?; cp dist/.FyneApp.toml.keep FyneApp.toml; exit $$s
	mv -f "Workfront Connect.exe" dist/wfconnect-windows-amd64.exe

# Installs the Linux package for the current user (~/.local).
install: package-linux
	rm -rf dist/linux && mkdir -p dist/linux && tar -xJf dist/wfconnect-linux-amd64.tar.xz -C dist/linux
	$(MAKE) -C dist/linux/wfconnect user-install

# Each fuzz target for FUZZTIME (default 60 s); their seed corpora also run in make test.
# A failing target fails the run (the output used to go through a pipe whose
# status was grep's).
FUZZTIME ?= 60s
fuzz:
	@set -e; for t in auth:FuzzNormalizeHost auth:FuzzPastedURL auth:FuzzTokenResponse auth:FuzzCallbackQuery workfront:FuzzAPIResponse store:FuzzProfilesFile; do \
		pkg=$${t%%:*}; name=$${t#*:}; echo "fuzz $$name ($(FUZZTIME))"; \
		if ! out=$$($(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) ./$$pkg/ 2>&1); then echo "$$out"; exit 1; fi; \
		echo "$$out" | grep -v '^fuzz: elapsed'; \
	done

# Workfront's official JS client (npm workfront-api) against wfsim; needs node and npm.
check-jsclient: build
	@bash .ci/jsclient.sh

# Regenerates the README's screenshots (docs/*.png) with Fyne's software
# renderer against the demo, in English (light and dark) and in Simplified Chinese.
screenshots:
	WFCONNECT_WITH_CJK=1 bash .ci/deps.sh
	WFCONNECT_SCREENSHOTS=$(CURDIR)/docs $(GO) test -tags $(TAGS) -count=1 -run TestScreenshots ./internal/ui/
	WFCONNECT_SCREENSHOTS=$(CURDIR)/docs WFCONNECT_SCREENSHOTS_VARIANT=dark $(GO) test -tags $(TAGS) -count=1 -run TestScreenshots ./internal/ui/
	LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 WFCONNECT_SCREENSHOTS=$(CURDIR)/docs WFCONNECT_SCREENSHOTS_LANG=zh-Hans \
		$(GO) test -tags $(TAGS) -count=1 -run TestScreenshots ./internal/ui/

clean:
	rm -rf bin dist testdata/failed
