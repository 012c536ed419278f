# rosterguard: `make demo` runs the main job, `make test` runs every check.
SHELL := /bin/bash
.DEFAULT_GOAL := test
CARGO ?= cargo

.PHONY: demo test test-native fmt-check clippy

demo:
	$(CARGO) run --quiet --example demo

test: fmt-check clippy test-native

fmt-check:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --all-targets -- -D warnings

test-native:
	$(CARGO) test

# Fuzz each target for FUZZ_SECONDS (default 300); installs nightly and cargo-fuzz when missing.
FUZZ_SECONDS ?= 300
.PHONY: fuzz
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash fuzz/smoke.sh
