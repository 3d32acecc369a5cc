# Learnwork: `make run` opens the app, `make test` runs every test,
# `make package` makes the installable packages in dist/. Each installs what
# it needs first (apt packages with sudo when not root, npm packages from
# the lock file).

SHELL := /bin/bash
GO ?= go
TAGS := desktop,production,webkit2_41
BIN := build/bin/learnwork
WAILS_VERSION := $(shell awk '$$1 == "github.com/wailsapp/wails/v2" {print $$2}' go.mod)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# WEBKIT=4.0 builds the Linux packages for systems with WebKitGTK 4.0 only.
WEBKIT ?= 4.1
APT_BUILD := build-essential pkg-config libgtk-3-dev libwebkit2gtk-$(WEBKIT)-dev
APT_TEST := xvfb xauth tesseract-ocr tesseract-ocr-eng imagemagick xdotool chromium
APT_PACKAGE := imagemagick desktop-file-utils appstream nsis
# What --version says and the packages carry. The version is wails.json's
# productVersion (it also goes into the Windows exe and installer); a
# release tag is v and that. The date is the commit's, so a build is the
# same wherever it runs.
VERSION ?= $(shell sed -n 's/.*"productVersion": *"\([^"]*\)".*/\1/p' wails.json)
COMMIT ?= $(or $(shell git rev-parse --short=12 HEAD 2>/dev/null),unknown)
BUILD_DATE ?= $(or $(shell TZ=UTC git log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ 2>/dev/null),unknown)
LDFLAGS := -X main.version=$(VERSION) -X main.commit=$(COMMIT) -X main.date=$(BUILD_DATE)
DIST ?= dist
STAGE := build/package/linux-$(VERSION)-webkit$(WEBKIT)
ifeq ($(WEBKIT),4.0)
PKG_TAGS := desktop,production
PKG_DEPS := DEB_WEBKIT=libwebkit2gtk-4.0-37 RPM_WEBKIT='libwebkit2gtk-4.0.so.37()(64bit)'
PKG_NAME := learnwork-webkit2gtk-4.0
else
PKG_TAGS := $(TAGS)
PKG_DEPS := DEB_WEBKIT=libwebkit2gtk-4.1-0 RPM_WEBKIT='libwebkit2gtk-4.1.so.0()(64bit)'
PKG_NAME := learnwork
endif
NFPM := $(GO) tool -modfile=build/tools/nfpm/go.mod nfpm
ACTIONLINT := $(GO) tool -modfile=build/tools/actionlint/go.mod actionlint
WAILS = $$($(GO) env GOPATH)/bin/wails
FRONTEND_SRC := $(shell find frontend/src frontend/wailsjs -type f 2>/dev/null) frontend/index.html frontend/vite.config.ts frontend/package-lock.json

.PHONY: run build test bench deps deps-test tools check-tools bindings dev clean lint \
	package package-linux package-windows package-mac test-package version \
	test-go test-window test-fmt test-vet test-lint test-race test-fuzz test-sim \
	test-frontend test-build test-browser test-packages

run: build
	./$(BIN)

build: deps $(BIN)

$(BIN): frontend/dist/index.html $(shell find . -name '*.go' -not -path './frontend/*') go.mod go.sum
	$(GO) build -tags $(TAGS) -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) .

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

# make test runs its stages in two lanes at once, each stage's output
# printed whole when it ends, with how long it took: the Go lane (gofmt,
# vet, lint, the race tests, the fuzzing, the simulation) and the window
# lane (the frontend's checks, the production build, the window and the
# browser flows, the packages). Neither needs the other's results, and
# each alone leaves much of the second core idle (tests waiting on
# servers, pages and windows). TEST_JOBS=1 runs them one after the other.
TEST_JOBS ?= 2
TIMED := ./.ci/stage
test: deps-test frontend/node_modules/.installed
	@$(MAKE) --no-print-directory -j$(TEST_JOBS) --output-sync=target test-go test-window

test-go: test-sim
test-window: test-packages

test-fmt:
	@$(TIMED) gofmt bash -c 'out=$$(gofmt -l $$(find . -name "*.go" -not -path "./frontend/*")); [ -z "$$out" ] || { echo "gofmt would change:"; echo "$$out"; exit 1; }'

test-vet: test-fmt
	@$(TIMED) "go vet" $(GO) vet ./...

test-lint: test-vet
	@$(TIMED) lint $(MAKE) --no-print-directory lint

test-race: test-lint
	@$(TIMED) "go test -race" $(GO) test -race -timeout 20m ./...

# Hostile bytes through import into a store on disk (issue 18).
test-fuzz: test-race
	@# A count, not a time: Go 1.26's fuzzing can report its own -fuzztime
	@# deadline as a failure when a worker is mid-input (go.dev/issue/75804).
	@$(TIMED) "fuzz import: 500 inputs" $(GO) test -run '^$$' -fuzz '^FuzzImport$$' -fuzztime 500x ./app/

test-sim: test-fuzz
	@$(TIMED) "sync simulation: 5,000 seeded schedules of 3 devices" $(GO) test -count=1 -timeout 15m -run 'TestSimulation$$' ./sync/sim/

test-frontend:
	@$(TIMED) "frontend: type check and unit tests" bash -c 'cd frontend && npm run check --silent && npm test --silent'

test-build: test-frontend
	@$(TIMED) "production build" $(MAKE) --no-print-directory $(BIN)

test-browser: test-build
	@$(TIMED) "the real window under Xvfb, and the main flows in Chromium" \
		env LEARNWORK_BINARY=$(BIN) $(GO) test -count=1 -timeout 25m -run 'TestWindowScreens|TestEndToEnd|TestLayout' -v .

test-packages: test-browser
	@$(TIMED) "packages: build them" $(MAKE) --no-print-directory package
	@$(TIMED) "packages: install the .deb over an older one, run it, open its window, remove it" $(MAKE) --no-print-directory test-package

# Every package builds for Windows and macOS too, and the workflows are sound.
lint:
	@echo "== go vet for windows/amd64 and darwin/arm64"
	GOOS=windows GOARCH=amd64 $(GO) vet ./...
	GOOS=darwin GOARCH=arm64 $(GO) vet ./...
	@echo "== actionlint"
	$(ACTIONLINT) -shellcheck= -pyflakes= .github/workflows/*.yml

# dist/: the .deb and .rpm, the Windows exe and installer, SHA256SUMS.
package:
	rm -rf $(DIST)
	@# One after the other, also under make -j: each may install apt packages.
	$(MAKE) --no-print-directory package-linux
	$(MAKE) --no-print-directory package-windows
	cd $(DIST) && rm -f SHA256SUMS && sha256sum -- * > SHA256SUMS
	@ls -l $(DIST)

# The .deb and .rpm: the binary stripped, the desktop entry and AppStream
# metainfo validated, the icon in every hicolor size.
package-linux: deps frontend/dist/index.html
	@./.ci/apt-ensure $(APT_PACKAGE)
	desktop-file-validate build/linux/io.github.learnwork.Learnwork.desktop
	appstreamcli validate --no-net build/linux/io.github.learnwork.Learnwork.metainfo.xml
	rm -rf $(STAGE) && mkdir -p $(STAGE) $(DIST)
	$(GO) build -tags $(PKG_TAGS) -trimpath -ldflags "-s -w $(LDFLAGS)" -o $(STAGE)/learnwork .
	for s in 16 22 24 32 48 64 128 256 512; do \
		mkdir -p $(STAGE)/hicolor/$${s}x$$s/apps && \
		convert build/appicon.png -resize $${s}x$$s $(STAGE)/hicolor/$${s}x$$s/apps/learnwork.png || exit 1; \
	done
	VERSION=$(VERSION) ARCH=amd64 STAGE=$(STAGE) $(PKG_DEPS) $(NFPM) package -f build/linux/nfpm.yaml -p deb -t $(DIST)/$(PKG_NAME)_$(VERSION)_amd64.deb
	VERSION=$(VERSION) ARCH=amd64 STAGE=$(STAGE) $(PKG_DEPS) $(NFPM) package -f build/linux/nfpm.yaml -p rpm -t $(DIST)/$(PKG_NAME)-$(VERSION)-1.x86_64.rpm

# wails build with the frontend built already. Wails rewrites its runtime
# files in frontend/wailsjs on every build, new time, mode dropped: when the
# bytes are the same the old files go back, so the frontend is not built again.
define wails-build
	rm -rf build/package/wailsjs-runtime && mkdir -p build/package && cp -a frontend/wailsjs/runtime build/package/wailsjs-runtime
	$(WAILS) build -s -m -skipbindings -nosyncgomod -trimpath -nocolour -ldflags "$(LDFLAGS)" $(1)
	if diff -r build/package/wailsjs-runtime frontend/wailsjs/runtime >/dev/null; then \
		rm -rf frontend/wailsjs/runtime && mv build/package/wailsjs-runtime frontend/wailsjs/runtime; fi
endef

# The Windows exe and its NSIS installer (Start menu entry, uninstaller),
# cross-built by the pinned Wails CLI.
package-windows: tools frontend/dist/index.html
	@./.ci/apt-ensure $(APT_PACKAGE)
	@[ "$(VERSION)" = "$$(sed -n 's/.*"productVersion": *"\([^"]*\)".*/\1/p' wails.json)" ] || { echo "VERSION $(VERSION) is not wails.json's productVersion, which the Windows files carry"; exit 1; }
	mkdir -p $(DIST)
	$(call wails-build,-platform windows/amd64 -nsis -installscope user)
	cp build/bin/learnwork.exe $(DIST)/learnwork-$(VERSION)-windows-amd64.exe
	cp build/bin/Learnwork-amd64-installer.exe $(DIST)/learnwork-$(VERSION)-windows-amd64-setup.exe

# On a Mac (Xcode command line tools, Go, Node): Learnwork.app for Apple
# silicon and Intel in one, and a .dmg with it. Signed ad hoc only (no
# Apple developer ID): the first start needs right-click > Open.
package-mac: tools frontend/dist/index.html
	$(call wails-build,-platform darwin/universal)
	mkdir -p $(DIST) build/package/dmg && rm -rf build/package/dmg/*
	codesign --force --deep --sign - --entitlements build/darwin/entitlements.plist build/bin/Learnwork.app
	cp -R build/bin/Learnwork.app build/package/dmg/ && ln -s /Applications build/package/dmg/Applications
	hdiutil create -volname Learnwork -srcfolder build/package/dmg -ov -format UDZO $(DIST)/learnwork-$(VERSION)-macos-universal.dmg
	cd $(DIST) && shasum -a 256 learnwork-$(VERSION)-macos-universal.dmg > learnwork-$(VERSION)-macos-universal.dmg.sha256

version:
	@echo $(VERSION)

# After make package, as root or with sudo: installs the .deb over an older
# one, runs it, opens its window, removes it (.ci/package-test).
test-package: deps-test
	./.ci/package-test $(VERSION)

bench:
	$(GO) test -run '^$$' -bench . -benchmem -timeout 60m ./...

# The Wails CLI, pinned to go.mod's version: for `make dev`, `make bindings` and the Windows and macOS packages.
tools:
	@[ "$$($(GO) env GOPATH)/bin/wails version 2>/dev/null)" = "$(WAILS_VERSION)" ] || $(GO) install github.com/wailsapp/wails/v2/cmd/wails@$(WAILS_VERSION)

bindings: tools
	$$($(GO) env GOPATH)/bin/wails generate module

dev: deps tools frontend/node_modules/.installed
	$$($(GO) env GOPATH)/bin/wails dev -tags webkit2_41

clean:
	rm -rf build/bin build/package dist frontend/dist/assets frontend/dist/index.html test-output
