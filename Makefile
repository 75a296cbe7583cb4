# Matchbook: every task a developer or a committee's helper needs, on Debian/Ubuntu.
# macOS and Windows: install Tauri's prerequisites, then use the cargo commands in README.md.
SHELL := /bin/bash
# cargo's own bin folder, wherever CARGO_HOME puts it (tauri-driver is installed there).
export PATH := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(HOME)/.cargo/bin:$(PATH)
CARGO ?= cargo

.PHONY: run test test-deps deps dist-deps lint bench dist clean

deps:
	@scripts/install-deps.sh build

test-deps:
	@scripts/install-deps.sh test

## Build and open the window on the default program file.
run: deps
	$(CARGO) run -p matchbook-app --bin matchbook

## Every check CI runs, cheapest first so a slip fails in seconds: the steps
## that download tools, from empty caches as on a newcomer's machine (the
## feature-set check and actionlint), the interface's syntax, formatting; then ONE
## build that compiles the tests with clippy as the compiler of Matchbook's own
## crates (warnings are errors), so dependencies are compiled once, not once
## for clippy and again for the tests; then the unit, command-line and window tests.
## (Not --all-targets: that would also build the app as a test harness with no tests.)
test: test-deps
	scripts/check-fresh.sh
	scripts/check-ui.sh
	$(CARGO) fmt --all --check
	driver=$$(scripts/clippy-driver.sh) && RUSTC_WORKSPACE_WRAPPER="$$driver" CLIPPY_ARGS="$(CLIPPY_ARGS)" \
	  $(CARGO) test --workspace --lib --tests --examples

# clippy-driver reads its lint flags from CLIPPY_ARGS, each followed by this separator.
CLIPPY_ARGS := -D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__

## The same checks without running tests (what a developer runs before committing).
lint:
	scripts/check-ui.sh
	scripts/actionlint.sh
	$(CARGO) fmt --all --check
	scripts/check-feature-sets.sh
	$(CARGO) clippy --workspace --all-targets -- -D warnings

## Speed measurements on release builds.
bench: deps
	scripts/bench.sh

## Release build and the Linux packages (.deb, .AppImage), each installed into
## a throwaway folder and run (scripts/check-dist.sh). Windows and macOS
## installers come from .github/workflows/release.yml on a version tag.
dist: dist-deps
	scripts/dist.sh

dist-deps:
	@scripts/install-deps.sh dist

clean:
	$(CARGO) clean
