// The fixture cases of tests/fixtures/ for the Node tests: the same
// resolution as tests/common/mod.rs (seeds as they are; cases.json entries
// applied to their base with `set` / `remove` JSON Pointers).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const repo = process.env.ROSTERGUARD_REPO;
if (!repo) throw new Error('set ROSTERGUARD_REPO to the repository root (make test-pkg does)');
export const fixtureDir = join(repo, 'tests/fixtures');

export function readFixture(name) {
  return JSON.parse(readFileSync(join(fixtureDir, name), 'utf8'));
}

function segments(pointer) {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`bad pointer ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Sets `value` at `pointer`, creating objects on the way (as pointer::set). */
export function setAt(root, pointer, value) {
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

export function getAt(root, pointer) {
  let node = root;
  for (const s of segments(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[Array.isArray(node) ? Number(s) : s];
  }
  return node;
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
          for (const [ptr, v] of Object.entries(c.set ?? {})) setAt(input, ptr, v);
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
