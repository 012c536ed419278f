// The fixture cases of tests/fixtures/ for the Node tests: the same
// resolution as tests/common/mod.rs (seeds as they are; cases.json entries
// applied to their base with `set` / `remove` JSON Pointers).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// Pointers are parsed by the package's one pointer module (a file of the
// installed package, not an entry point of it).
const pkgDir = dirname(createRequire(import.meta.url).resolve('rosterguard/package.json'));
const { getAt, recordKeys, segments } = await import(join(pkgDir, 'pointer.js'));
export { getAt, recordKeys };

const repo = process.env.ROSTERGUARD_REPO;
if (!repo) throw new Error('set ROSTERGUARD_REPO to the repository root (make test-pkg does)');
export const fixtureDir = join(repo, 'tests/fixtures');

export function readFixture(name) {
  return JSON.parse(readFileSync(join(fixtureDir, name), 'utf8'));
}

/**
 * Sets `value` at `pointer` in place, creating objects on the way and
 * appending for a last `-`, as the Rust test harness does (pointer::set):
 * the fixtures' own editing, unlike pointer.js's setAt, which copies.
 */
export function setIn(root, pointer, value) {
  const segs = segments(pointer);
  const last = segs.pop();
  let node = root;
  for (const s of segs) {
    if (Array.isArray(node)) {
      node = node[Number(s)];
    } else {
      if (node[s] === undefined || node[s] === null || typeof node[s] !== 'object') node[s] = {};
      node = node[s];
    }
    if (node === undefined) throw new Error(`cannot set ${pointer}`);
  }
  if (Array.isArray(node)) {
    if (last === '-') node.push(value);
    else node[Number(last)] = value;
  } else {
    node[last] = value;
  }
}

export function removeAt(root, pointer) {
  const segs = segments(pointer);
  const last = segs.pop();
  let node = root;
  for (const s of segs) node = node[Array.isArray(node) ? Number(s) : s];
  if (Array.isArray(node)) node.splice(Number(last), 1);
  else delete node[last];
}

/** Every case: {endpoint, name, input, options, errors, warnings?, request?}. */
export function allCases() {
  const out = [];
  for (const endpoint of readdirSync(fixtureDir).sort()) {
    for (const file of readdirSync(join(fixtureDir, endpoint)).sort()) {
      const fx = readFixture(`${endpoint}/${file}`);
      if (Array.isArray(fx.cases)) {
        const base = readFixture(`${endpoint}/${fx.base}`).input;
        for (const c of fx.cases) {
          const input = structuredClone('input' in c ? c.input : base);
          for (const [ptr, v] of Object.entries(c.set ?? {})) setIn(input, ptr, v);
          for (const ptr of c.remove ?? []) removeAt(input, ptr);
          out.push({
            endpoint,
            name: `${endpoint}/${file}: ${c.name}`,
            input,
            options: c.options ?? {},
            errors: c.errors ?? [],
            warnings: c.warnings,
          });
        }
      } else {
        out.push({
          endpoint: fx.endpoint,
          name: `${endpoint}/${file}`,
          input: fx.input,
          options: fx.options ?? {},
          errors: fx.errors ?? [],
          warnings: fx.warnings,
          request: fx.request,
        });
      }
    }
  }
  return out;
}

export const pairs = (issues) => issues.map((i) => [i.path, i.code]);

/** The seed input of an endpoint (first seed file). */
export function seed(endpoint) {
  const file = readdirSync(join(fixtureDir, endpoint)).filter((f) => f.startsWith('seed')).sort()[0];
  return readFixture(`${endpoint}/${file}`).input;
}
