# Learnwork: `make run` opens the app, `make test` runs every test.
# Both install what they need first (apt packages with sudo when not root,
# npm packages from the lock file).

SHELL := /bin/bash
GO ?= go
TAGS := desktop,production,webkit2_41
BIN := build/bin/learnwork
WAILS_VERSION := $(shell awk '$$1 == "github.com/wailsapp/wails/v2" {print $$2}' go.mod)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_BUILD := build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev
APT_TEST := xvfb xauth tesseract-ocr tesseract-ocr-eng imagemagick xdotool chromium
FRONTEND_SRC := $(shell find frontend/src frontend/wailsjs -type f 2>/dev/null) frontend/index.html frontend/vite.config.ts frontend/package-lock.json

.PHONY: run build test bench deps deps-test tools check-tools bindings dev clean

run: build
	./$(BIN)

build: deps $(BIN)

$(BIN): frontend/dist/index.html $(shell find . -name '*.go' -not -path './frontend/*') go.mod go.sum
	$(GO) build -tags $(TAGS) -trimpath -o $(BIN) .

frontend/dist/index.html: frontend/node_modules/.installed $(FRONTEND_SRC)
	cd frontend && npm run build --silent

frontend/node_modules/.installed: frontend/package-lock.json
	@# npm ci would refuse: the registry here serves only this platform's optional packages,
	@# so the lock file lists no others. npm install keeps the locked versions.
	cd frontend && npm install --no-audit --no-fund --loglevel=error
	touch $@

# apt packages, installed only when missing.
deps: check-tools
	@./.ci/apt-ensure $(APT_BUILD)

deps-test: deps
	@./.ci/apt-ensure $(APT_TEST)

check-tools:
	@command -v $(GO) >/dev/null || { echo "Go 1.26 or newer is needed: https://go.dev/dl/"; exit 1; }
	@command -v npm >/dev/null || { echo "Node.js 20 or newer with npm is needed: https://nodejs.org/"; exit 1; }

test: deps-test frontend/node_modules/.installed
	@echo "== gofmt"
	@out=$$(gofmt -l $$(find . -name '*.go' -not -path './frontend/*')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	@echo "== go vet"
	$(GO) vet ./...
	@echo "== go test -race"
	$(GO) test -race -timeout 20m ./...
	$(GO) test -run '^$$' -fuzz '^FuzzImport$$' -fuzztime 20s ./app/ # hostile bytes through import into a store on disk (issue 18)
	@echo "== sync simulation: 5,000 seeded schedules of 3 devices"
	$(GO) test -count=1 -timeout 15m -run 'TestSimulation$$' ./sync/sim/
	@echo "== frontend: type check and unit tests"
	cd frontend && npm run check --silent && npm test --silent
	@echo "== production build"
	$(MAKE) --no-print-directory $(BIN)
	@echo "== the real window under Xvfb, and the main flows in Chromium"
	LEARNWORK_BINARY=$(BIN) $(GO) test -count=1 -timeout 25m -run 'TestWindow|TestEndToEnd' -v .

bench:
	$(GO) test -run '^$$' -bench . -benchmem -timeout 60m ./...

# The Wails CLI, pinned to go.mod's version: for `make dev` and `make bindings`.
tools:
	@[ "$$($(GO) env GOPATH)/bin/wails version 2>/dev/null)" = "$(WAILS_VERSION)" ] || $(GO) install github.com/wailsapp/wails/v2/cmd/wails@$(WAILS_VERSION)

bindings: tools
	$$($(GO) env GOPATH)/bin/wails generate module

dev: deps tools frontend/node_modules/.installed
	$$($(GO) env GOPATH)/bin/wails dev -tags webkit2_41

clean:
	rm -rf build/bin frontend/dist/assets frontend/dist/index.html test-output
