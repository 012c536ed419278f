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
