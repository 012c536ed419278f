// What a browser downloads for a small form that uses rosterguard, measured
// on a real Vite production build (make size):
//   node scripts/size-bundle.mjs <project> <budget bytes> <target bytes>
// <project> has the packed package installed (scripts/install-pkg.sh). The
// form's entry imports init, validate and buildRequest under the browser /
// default export condition; Vite builds it offline. Counted: the entry
// chunk, every chunk it imports statically, and every .wasm emitted, each
// gzip -9. Chunks reached only through a dynamic import() are printed but
// not counted (the form does not load them). Exits 1 over the budget.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const [projectArg, budgetArg, targetArg] = process.argv.slice(2);
if (!projectArg || !budgetArg) {
  console.error('usage: node scripts/size-bundle.mjs <project> <budget bytes> [target bytes]');
  process.exit(2);
}
const project = resolve(projectArg);
const budget = Number(budgetArg);
const target = Number(targetArg ?? 0);

const src = join(project, 'form');
mkdirSync(src, { recursive: true });
writeFileSync(
  join(src, 'index.html'),
  `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>Update a staff member</title>
<form id="staff">
  <input name="staffId" required> <input name="name" required> <input name="cellphone">
  <button>Save</button>
</form>
<pre id="out"></pre>
<script type="module" src="./main.js"></script>
</html>
`,
);
writeFileSync(
  join(src, 'main.js'),
  `import { init, validate, buildRequest } from 'rosterguard';

const form = document.getElementById('staff');
const out = document.getElementById('out');
await init();
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const input = {
    path: { staffId: data.get('staffId') },
    query: { accessToken: sessionStorage.getItem('token') ?? '' },
    body: { name: data.get('name'), cellphone: data.get('cellphone') || undefined },
  };
  const report = validate('ekuaibao.updateStaff', input);
  out.textContent = report.ok
    ? JSON.stringify(buildRequest('ekuaibao.updateStaff', input), null, 2)
    : report.errors.map((e) => e.path + ': ' + e.message).join('\\n');
});
`,
);

const result = await build({
  root: src,
  configFile: false,
  logLevel: 'warn',
  build: { outDir: join(project, 'dist'), emptyOutDir: true, assetsInlineLimit: 0, target: 'es2022' },
});
const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);

const byName = new Map(outputs.map((o) => [o.fileName, o]));
const loaded = new Set();
const visit = (name) => {
  if (loaded.has(name)) return;
  loaded.add(name);
  for (const dep of byName.get(name)?.imports ?? []) visit(dep);
};
for (const o of outputs) if (o.type === 'chunk' && o.isEntry) visit(o.fileName);
for (const o of outputs) if (o.type === 'asset' && o.fileName.endsWith('.wasm')) loaded.add(o.fileName);

// GNU gzip -9, as the Makefile's information line and the figures of
// BENCHMARKS.md use (zlib's level 9 comes out ~0.4 % larger on the wasm).
const gzCache = new Map();
const gz = (o) => {
  if (!gzCache.has(o)) gzCache.set(o, execFileSync('gzip', ['-9c'], { input: o.type === 'chunk' ? o.code : o.source, maxBuffer: 1 << 28 }).length);
  return gzCache.get(o);
};
const raw = (o) => Buffer.byteLength(o.type === 'chunk' ? o.code : o.source);
let total = 0;
console.log('size: Vite build of a form importing { init, validate, buildRequest } from rosterguard (browser condition)');
for (const o of outputs.filter((x) => x.type === 'chunk' || x.fileName.endsWith('.wasm')).sort((a, b) => gz(b) - gz(a))) {
  const counted = loaded.has(o.fileName);
  if (counted) total += gz(o);
  console.log(`size:   ${o.fileName.padEnd(44)} ${String(gz(o)).padStart(7)} B gz ${String(raw(o)).padStart(8)} B raw${counted ? '' : '  (lazy: not counted)'}`);
}
const kib = (b) => (b / 1024).toFixed(1);
console.log(`size: total ${total} B gz = ${kib(total)} KiB (budget ${budget} B = ${kib(budget)} KiB; target ${target} B = ${kib(target)} KiB)`);
if (total > budget) {
  console.log(`size: over budget by ${total - budget} B`);
  process.exit(1);
}
