#!/usr/bin/env bash
# Bounded fuzz run of every target, self-contained: installs the nightly
# toolchain and cargo-fuzz when missing, writes the seed corpus from
# tests/fixtures and the registry (with a dictionary of the registry's keys,
# corpus/registry.dict), runs each target for FUZZ_SECONDS (default 30) and prints
# its exec count. Exits non-zero on any crash (the input is saved under
# fuzz/artifacts/<target>/). `make fuzz` runs it with FUZZ_SECONDS=300.
set -euo pipefail
cd "$(dirname "$0")"

seconds="${FUZZ_SECONDS:-30}"
targets=(validate build_request parse_response)

# The Makefile's pinned nightly (NIGHTLY) when run through make.
nightly="${NIGHTLY:-nightly}"
if ! rustup run "$nightly" rustc --version >/dev/null 2>&1; then
  echo "fuzz: installing the $nightly toolchain (minimal profile)"
  rustup toolchain install "$nightly" --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  # --locked first; plain as the fallback when the lock names a yanked crate.
  cargo install cargo-fuzz --locked || cargo install cargo-fuzz
fi

# The library is safe Rust: no sanitizer needed, which keeps the exec rate
# about five times higher than with the default AddressSanitizer.
# The harness's own checks first (they catch a broken oracle, not the library).
cargo test --quiet
cargo "+$nightly" fuzz build -O -s none
# Fails when an endpoint of the registry gets no seed (it would not be fuzzed).
cargo run --quiet --example seed_corpus

status=0
summary=()
for t in "${targets[@]}"; do
  log="$(mktemp)"
  echo "fuzz: $t for ${seconds}s"
  if cargo "+$nightly" fuzz run -O -s none "$t" -- \
      -max_total_time="$seconds" -dict=corpus/registry.dict -timeout=10 \
      -print_final_stats=1 >"$log" 2>&1; then
    result=ok
  else
    result=CRASH
    status=1
    grep -E "panicked|SUMMARY|Test unit written" "$log" | head -20 || true
  fi
  execs="$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)"
  summary+=("$t: ${execs:-?} execs in ${seconds}s ($result)")
  rm -f "$log"
done

printf 'fuzz: %s\n' "${summary[@]}"
exit "$status"
