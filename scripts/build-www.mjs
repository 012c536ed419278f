#!/usr/bin/env node
// Prepares the demo page's generated files in www/pkg/ (git-ignored), run
// by `make www` and `make test-www` after `make pkg`:
//   - the browser build of the package (web.js and its modules, web/ glue + .wasm);
//   - the doc examples: the `input` of every tests/fixtures/<id>/seed*.json,
//     with examples/index.json listing them, so that a new endpoint's seed
//     shows up on the page without a page change.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const out = join(root, 'www', 'pkg');
const fixtures = join(root, 'tests', 'fixtures');

if (!existsSync(join(pkg, 'web.js'))) {
  console.error('build-www: pkg/ is missing: run `make pkg` first');
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'web'), { recursive: true });
// The browser build: the package's ES modules at its root (web.js and what
// it imports; the Node entry points are .cjs / .mjs) and web/ (glue + wasm).
for (const dir of ['', 'web']) {
  for (const f of readdirSync(join(pkg, dir))) {
    if (dir === '' ? f.endsWith('.js') : /\.(js|wasm)$/.test(f)) copyFileSync(join(pkg, dir, f), join(out, dir, f));
  }
}

const index = [];
for (const id of readdirSync(fixtures).sort()) {
  const dir = join(fixtures, id);
  let files;
  try {
    files = readdirSync(dir).filter((f) => /^seed.*\.json$/.test(f)).sort();
  } catch {
    continue; // not a folder
  }
  for (const file of files) {
    const seed = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    if (seed.input === undefined) continue;
    const endpoint = seed.endpoint ?? id;
    // "seed-by-code.json" -> "by-code"; "seed.json" -> "".
    const name = file.replace(/^seed-?/, '').replace(/\.json$/, '');
    const rel = `examples/${endpoint}/${file}`;
    mkdirSync(join(out, 'examples', endpoint), { recursive: true });
    writeFileSync(join(out, rel), JSON.stringify({ endpoint, source: seed.source ?? '', input: seed.input }, null, 2) + '\n');
    index.push({ endpoint, name, source: seed.source ?? '', file: rel });
  }
}
writeFileSync(join(out, 'examples', 'index.json'), JSON.stringify(index, null, 2) + '\n');
console.log(`build-www: www/pkg/ ready (${index.length} doc examples)`);
