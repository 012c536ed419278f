#!/usr/bin/env bash
# Checks the generated metadata with real JavaScript tools:
#  1. ajv 8 (draft 2020-12, strict, allErrors, unicode patterns) accepts an
#     input iff rosterguard::validate reports no error, on every fixture and
#     ~28k generated probes (tests/meta/ajv_agreement.cjs);
#  2. the TypeScript declarations pass `tsc --noEmit --strict` together with
#     a typed usage file whose wrong values must fail (tests/meta/types_usage.ts).
# Usage: tests/meta/check.sh [scratch-dir]   (default: $TMPDIR/rosterguard-meta-check)
# ajv and typescript come from the repository's node_modules (pinned in
# package-lock.json; `make test-meta` installs them), else they are installed
# into the scratch dir (outside the repo) when missing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
scratch=${1:-${TMPDIR:-/tmp}/rosterguard-meta-check}
mkdir -p "$scratch"
modules="$root/node_modules"
if [ ! -f "$modules/ajv/package.json" ] || [ ! -x "$modules/.bin/tsc" ]; then
  modules="$scratch/node_modules"
  if [ ! -f "$modules/ajv/package.json" ] || [ ! -x "$modules/.bin/tsc" ]; then
    (cd "$scratch" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install --no-audit --no-fund --silent ajv@8 typescript@5)
  fi
fi
cd "$root"
cargo run --quiet --example schema_probes > "$scratch/probes.json"
NODE_PATH="$modules" node "$here/ajv_agreement.cjs" "$scratch/probes.json"
cargo run --quiet --example gen_types > "$scratch/rosterguard-types.d.ts"
cp "$here/types_usage.ts" "$scratch/types_usage.ts"
# describe()'s real output must fit the declared EndpointDescription.
node -e '
const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).describe;
process.stdout.write("import type { EndpointDescription } from \"./rosterguard-types\";\n" +
  "export const described: EndpointDescription[] = " + JSON.stringify(Object.values(d), null, 1) + ";\n");
' "$scratch/probes.json" > "$scratch/describe_output.ts"
"$modules/.bin/tsc" --noEmit --strict "$scratch/rosterguard-types.d.ts" "$scratch/types_usage.ts" "$scratch/describe_output.ts"
echo "tsc --strict: ok"
