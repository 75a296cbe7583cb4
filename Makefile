# Matchbook: every task a developer or a committee's helper needs, on Debian/Ubuntu.
# macOS and Windows: install Tauri's prerequisites, then use the cargo commands in README.md.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
CARGO ?= cargo

.PHONY: run test test-deps deps lint bench dist clean

deps:
	@scripts/install-deps.sh build

test-deps:
	@scripts/install-deps.sh test

## Build and open the window on the default program file.
run: deps
	$(CARGO) run -p matchbook-app --bin matchbook

## Every check CI runs: format, lints (warnings are errors), unit, command-line and window tests.
test: test-deps lint
	$(CARGO) test --workspace --all-targets

lint:
	scripts/check-ui.sh
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

## Speed measurements on release builds.
bench:
	scripts/bench.sh

## Release build and Linux bundles (.deb; AppImage, MSI/NSIS and DMG are configured for their platforms).
dist: deps
	npm ci --no-audit --no-fund
	npx tauri build --bundles deb
	@ls -l target/release/matchbook target/release/bundle/deb/*.deb

clean:
	$(CARGO) clean
