// rosterguard against what a JS team would write instead, in one Node
// process and one run (make bench): every ratio of the speed/size targets,
// each printed with its target and PASS/FAIL. It prints; it never fails on
// a ratio.
//
// Peers (bench/peers/, the same rules as rosterguard, written by hand):
// ajv 8 (allErrors, ajv-formats, cross-field rules in code), zod 4
// (superRefine), valibot 1 (forward/partialCheck), and zod's z.compile
// clone as an extra anchor when the installed zod has it.
// Payloads: the Fxiaoke updateMember and Ekuaibao updateStaff doc examples
// (tests/fixtures), a bad variant of each (10 and 6 errors), and a batch of
// generated Ekuaibao staff records (20 000; 100 000 for the memory run).
//
// Run from a project that has the packed package installed (make bench
// does that); ROSTERGUARD_REPO points at the repository for the fixtures.
// BENCH_QUICK=1 shrinks every run (a smoke test); BENCH_JSON=<file> writes
// the figures as JSON too.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as rg from 'rosterguard';
import { makeAjvPeer } from './peers/ajv-schemas.mjs';
import { makeValibotPeer } from './peers/valibot.mjs';
import { makeZodPeer } from './peers/zod.mjs';
import { CLAIMED, EK, FX, ekBad, ekDoc, fixture, fxBad, fxDoc } from './payloads.mjs';
import { staff } from './records.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = process.env.ROSTERGUARD_REPO ?? process.cwd();
const quick = process.env.BENCH_QUICK === '1';
const RUNS = quick ? 3 : 15;
const RUN_MS = quick ? 20 : 60;
const BATCH = quick ? 2_000 : 20_000;
const BATCH_RUNS = quick ? 2 : 5;
const MEMORY_RECORDS = quick ? 10_000 : 100_000;
const COLD_RUNS = quick ? 3 : 7;

const batchText = JSON.stringify(Array.from({ length: BATCH }, (_, i) => staff(i)));

// ---- the peers, and what a hand-written sync script builds -------------------
const peers = { ajv: makeAjvPeer(), zod: makeZodPeer(), valibot: makeValibotPeer() };
const zodCompiled = makeZodPeer({ compile: true });
if (zodCompiled) peers['zod compile'] = zodCompiled;

const handBuild = {
  [FX]: (input) => ({
    method: 'POST',
    url: `https://open.fxiaoke.com/cgi/crm/v2/data/update?thirdTraceId=${encodeURIComponent(input.query?.thirdTraceId ?? randomUUID())}`,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input.body),
  }),
  [EK]: (input) => ({
    method: 'PUT',
    url: `https://app.ekuaibao.com/api/openapi/v1.1/staffs/update/$${encodeURIComponent(input.path.staffId)}?accessToken=${encodeURIComponent(input.query.accessToken)}`,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input.body),
  }),
};
/** ajv validate, then the hand-built request (or the errors). */
const ajvBuild = (id, input) => {
  const r = peers.ajv[id](input);
  return r.ok ? handBuild[id](input) : r;
};

// ---- sanity: every contender agrees on what the payloads are ----------------
const count = (r) => (r.ok ? 0 : r.errors.length);
const peerCounts = {};
for (const [label, id, input, claimed] of [
  ['fxDoc', FX, fxDoc, 0],
  ['ekDoc', EK, ekDoc, 0],
  ['fxBad', FX, fxBad, CLAIMED.fxBad],
  ['ekBad', EK, ekBad, CLAIMED.ekBad],
  ['batch record 0', EK, staff(0), 0],
  ['batch record n-1', EK, staff(BATCH - 1), 0],
]) {
  const r = rg.validate(id, input);
  if (r.errors.length !== claimed) {
    throw new Error(`${label}: rosterguard reports ${r.errors.length} errors, not ${claimed}: ${JSON.stringify(r.errors.map((e) => [e.path, e.code]))}`);
  }
  peerCounts[label] = { rosterguard: r.errors.length };
  for (const [name, p] of Object.entries(peers)) {
    const n = count(p[id](input));
    if ((n === 0) !== (claimed === 0)) throw new Error(`${label}: ${name} ${n ? 'rejects' : 'accepts'} it, rosterguard does not`);
    peerCounts[label][name] = n;
  }
}
// Every fixture case of the two endpoints (tests/fixtures/<id>/cases.json):
// each peer accepts exactly what rosterguard accepts. Skipped: cases with
// options, and those rosterguard accepts by coercing a value (a number for
// a string, a digit string for an id), which the peers do not reproduce.
const fixtureCases = { checked: 0, skippedCoerced: 0 };
{
  const at = (o, ptr) => {
    const keys = ptr.split('/').slice(1).map((k) => k.replaceAll('~1', '/').replaceAll('~0', '~'));
    let c = o;
    for (const k of keys.slice(0, -1)) c = c[k] ??= {};
    return [c, keys.at(-1)];
  };
  const mismatches = [];
  for (const id of [FX, EK]) {
    const { base, cases } = JSON.parse(readFileSync(join(repo, 'tests/fixtures', id, 'cases.json'), 'utf8'));
    const doc = fixture(`${id}/${base}`);
    for (const c of cases) {
      if (c.options) continue;
      const input = structuredClone(c.input !== undefined ? c.input : doc);
      for (const p of c.remove ?? []) {
        const [o, k] = at(input, p);
        delete o[k];
      }
      for (const [p, v] of Object.entries(c.set ?? {})) {
        const [o, k] = at(input, p);
        o[k] = v;
      }
      const r = rg.validate(id, input);
      if (r.warnings.some((w) => w.code === 'coerced')) {
        fixtureCases.skippedCoerced++;
        continue;
      }
      fixtureCases.checked++;
      for (const [name, p] of Object.entries(peers)) {
        if (p[id](input).ok !== r.ok) mismatches.push(`${id} "${c.name}": rosterguard ${r.ok ? 'accepts' : 'rejects'}, ${name} does not`);
      }
    }
  }
  if (mismatches.length) throw new Error(`the peers' rules differ from rosterguard's:\n${mismatches.join('\n')}`);
}
{
  const built = rg.buildMany(EK, batchText);
  if (built.length !== BATCH || !built.every((o) => o.ok)) throw new Error('buildMany: not every batch record built');
}

// ---- timing ------------------------------------------------------------------
let sink = 0;
const keep = (v) => {
  sink = (sink + (v && typeof v === 'object' ? 1 : 0)) | 0;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const now = () => process.hrtime.bigint();

/** Iterations of fn that take about RUN_MS. */
function calibrate(fn) {
  let iters = 1;
  for (;;) {
    const t = now();
    for (let i = 0; i < iters; i++) keep(fn());
    const ms = Number(now() - t) / 1e6;
    if (ms > RUN_MS / 4) return Math.max(1, Math.round((iters * RUN_MS) / ms));
    iters *= 4;
  }
}

/**
 * Median ns per call of each function. The contenders take turns, one run
 * each per round, so that a change in the machine's load hits them alike.
 */
function compare(fns) {
  const entries = Object.entries(fns);
  const iters = entries.map(([, fn]) => calibrate(fn));
  const runs = entries.map(() => []);
  // One untimed round first, so that every contender runs optimised code.
  for (let r = -1; r < RUNS; r++) {
    entries.forEach(([, fn], k) => {
      const n = iters[k];
      const t = now();
      for (let i = 0; i < n; i++) keep(fn());
      if (r >= 0) runs[k].push(Number(now() - t) / n);
    });
  }
  return Object.fromEntries(entries.map(([name], k) => [name, median(runs[k])]));
}

const rgBuild = (id, input) => () => rg.buildRequest(id, input);
const payloads = {
  'Fxiaoke doc example': { id: FX, input: fxDoc, valid: true },
  'Ekuaibao doc example': { id: EK, input: ekDoc, valid: true },
  'Fxiaoke, 10 errors': { id: FX, input: fxBad, valid: false },
  'Ekuaibao, 6 errors': { id: EK, input: ekBad, valid: false },
};
const single = {};
for (const [label, { id, input, valid }] of Object.entries(payloads)) {
  const fns = { rosterguard: () => rg.validate(id, input) };
  for (const [name, p] of Object.entries(peers)) fns[name] = () => p[id](input);
  if (valid) {
    fns['rosterguard buildRequest'] = rgBuild(id, input);
    fns['ajv + hand build'] = () => ajvBuild(id, input);
  }
  single[label] = compare(fns);
}

// (4) batch: JSON text in, requests out.
function batchPeer(text) {
  const records = JSON.parse(text);
  const out = new Array(records.length);
  for (let i = 0; i < records.length; i++) out[i] = ajvBuild(EK, records[i]);
  return out;
}
const batch = { records: BATCH, textBytes: Buffer.byteLength(batchText) };
{
  const fns = { buildMany: () => rg.buildMany(EK, batchText), 'JSON.parse + ajv + hand build': () => batchPeer(batchText) };
  const runs = { buildMany: [], 'JSON.parse + ajv + hand build': [] };
  for (let r = 0; r <= BATCH_RUNS; r++) {
    for (const [name, fn] of Object.entries(fns)) {
      const t = now();
      keep(fn());
      if (r > 0) runs[name].push(Number(now() - t) / BATCH);
    }
  }
  batch.nsPerRecord = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, median(v)]));
}

// ---- (5) cold start, each in a fresh child process -------------------------------
// The child prints ms from before its import to after its first answer.
const child = (code, args = []) => execFileSync(process.execPath, [...args, '--input-type=module', '-e', code], { cwd: process.cwd(), encoding: 'utf8' });
const ekDocJson = JSON.stringify(ekDoc);
const coldCode = {
  'rosterguard import + first validate': `
    const t = performance.now();
    const rg = await import('rosterguard');
    const r = rg.validate(${JSON.stringify(EK)}, ${ekDocJson});
    if (!r.ok) throw new Error('not ok');
    console.log(performance.now() - t);`,
  'ajv import + compile + first validate': `
    const t = performance.now();
    const { makeAjvPeer } = await import(${JSON.stringify(join(here, 'peers/ajv-schemas.mjs'))});
    const r = makeAjvPeer()[${JSON.stringify(EK)}](${ekDocJson});
    if (!r.ok) throw new Error('not ok');
    console.log(performance.now() - t);`,
};
const coldRuns = Object.fromEntries(Object.keys(coldCode).map((k) => [k, []]));
for (let r = 0; r < COLD_RUNS; r++) {
  for (const [k, code] of Object.entries(coldCode)) coldRuns[k].push(Number(child(code).trim()));
}
const cold = Object.fromEntries(Object.entries(coldRuns).map(([k, v]) => [k, median(v)]));

// ---- (6) memory of buildMany over MEMORY_RECORDS records, in a child process -------
// The text is written to a file first, so that building it does not count.
// A worker thread samples the RSS every millisecond during the call: the
// peak is the call's own, whatever the process did before.
const tmp = mkdtempSync(join(os.tmpdir(), 'rg-bench-'));
let memory;
try {
  const textFile = join(tmp, 'records.json');
  writeFileSync(textFile, JSON.stringify(Array.from({ length: MEMORY_RECORDS }, (_, i) => staff(i))));
  const memCode = `
    import { readFileSync } from 'node:fs';
    import { createRequire } from 'node:module';
    import { join } from 'node:path';
    import { Worker } from 'node:worker_threads';
    // The package does not expose its wasm memory: catch it as the glue
    // instantiates the module (the last instance's memory export wins).
    let wasmMemory;
    const Instance = WebAssembly.Instance;
    WebAssembly.Instance = function (module, imports) {
      const instance = new Instance(module, imports);
      if (instance.exports.memory instanceof WebAssembly.Memory) wasmMemory = instance.exports.memory;
      return instance;
    };
    WebAssembly.Instance.prototype = Instance.prototype;
    const instantiate = WebAssembly.instantiate;
    WebAssembly.instantiate = async (...args) => {
      const out = await instantiate(...args);
      const memory = (out.instance ?? out).exports?.memory;
      if (memory instanceof WebAssembly.Memory) wasmMemory = memory;
      return out;
    };
    const require = createRequire(join(process.cwd(), 'x.js'));
    const rg = require('rosterguard');
    const wasmBytes = () => wasmMemory?.buffer.byteLength ?? null;
    const shared = new Float64Array(new SharedArrayBuffer(16));
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(\`
      const { workerData: { shared, flag }, parentPort } = process.getBuiltinModule('node:worker_threads');
      parentPort.postMessage('up');
      while (Atomics.load(flag, 0) === 0) {
        const rss = process.memoryUsage.rss();
        if (rss > shared[0]) shared[0] = rss;
        Atomics.wait(flag, 0, 0, 1);
      }
      parentPort.postMessage('done');\`, { eval: true, workerData: { shared, flag } });
    await new Promise((ok) => worker.once('message', ok));
    const text = readFileSync(${JSON.stringify(textFile)}, 'utf8');
    rg.validate(${JSON.stringify(EK)}, ${ekDocJson});
    globalThis.gc(); globalThis.gc();
    const before = { rss: process.memoryUsage.rss(), wasm: wasmBytes() };
    shared[0] = before.rss;
    let result = rg.buildMany(${JSON.stringify(EK)}, text);
    const peak = Math.max(shared[0], process.memoryUsage.rss());
    const built = result.length === ${MEMORY_RECORDS} && result.every((o) => o.ok);
    const afterCall = { rss: process.memoryUsage.rss(), wasm: wasmBytes() };
    result = null;
    globalThis.gc(); globalThis.gc();
    await new Promise((ok) => setTimeout(ok, 200));
    const released = { rss: process.memoryUsage.rss(), wasm: wasmBytes() };
    Atomics.store(flag, 0, 1); Atomics.notify(flag, 0);
    await new Promise((ok) => worker.once('message', ok));
    console.log(JSON.stringify({ textBytes: Buffer.byteLength(text), built, before, peak, afterCall, released,
      maxRss: process.resourceUsage().maxRSS * 1024 }));`;
  memory = JSON.parse(child(memCode, ['--expose-gc']).trim());
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
if (!memory.built) throw new Error('buildMany (memory run): not every record built');
memory.records = MEMORY_RECORDS;
memory.peakGrowth = memory.peak - memory.before.rss;
memory.peakGrowthPerInputByte = memory.peakGrowth / memory.textBytes;
// Handed back: once the results are dropped and collected, what the
// process keeps over its start (RSS, and the wasm memory when it could be
// read) is at most half the input text. A wasm memory never shrinks, so
// only a call that does not grow it much (or a fresh instance) gets there.
memory.keptRss = memory.released.rss - memory.before.rss;
memory.keptWasm = memory.released.wasm === null ? null : memory.released.wasm - memory.before.wasm;
memory.kept = Math.max(memory.keptRss, memory.keptWasm ?? 0);
memory.wasmStaysAtPeak = memory.keptWasm !== null && memory.keptWasm > 0 && memory.released.wasm >= memory.afterCall.wasm;

// ---- report ------------------------------------------------------------------------
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const us = (ns) => `${(ns / 1000).toFixed(2)} µs`.padStart(10);
const x = (r) => `${r.toFixed(2)}×`;
const mib = (b) => `${(b / 1048576).toFixed(1)} MiB`;
const targets = [];
/** One target line: the ratio, its bound, PASS/FAIL. */
function target(group, what, ratio, bound, kind) {
  const pass = kind === 'max' ? ratio <= bound : ratio >= bound;
  targets.push({ group, what, ratio, bound: `${kind === 'max' ? '<=' : '>='} ${bound}`, pass });
}
function info(group, what, ratio) {
  targets.push({ group, what, ratio, bound: 'information', pass: null });
}

console.log(`rosterguard benchmark — node ${process.version}, ${os.cpus().length} × ${cpu}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`median of ${RUNS} interleaved runs of ~${RUN_MS} ms per contender (single payloads); ${BATCH_RUNS} runs of the ${BATCH.toLocaleString('en-US')}-record batch`);
if (quick) console.log('BENCH_QUICK: a smoke run; its ratios are too short-timed to mean anything');
console.log(`peers: ajv 8 (allErrors, ajv-formats, cross rules in code), zod 4 (superRefine), valibot 1 (partialCheck)${zodCompiled ? ', zod z.compile (anchor)' : ''}; schemas in bench/peers/\n`);

console.log(`same rules: every peer accepts exactly what rosterguard accepts on ${fixtureCases.checked} fixture cases of the two endpoints (${fixtureCases.skippedCoerced} cases that rosterguard accepts by coercion skipped)`);
console.log('errors found on each payload (sanity, checked before timing):');
for (const [label, counts] of Object.entries(peerCounts)) {
  console.log(`  ${label.padEnd(18)} ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
}

console.log('\ntime per call (lower is better)');
for (const [label, t] of Object.entries(single)) {
  console.log(`  ${label}`);
  for (const [name, ns] of Object.entries(t)) console.log(`    ${name.padEnd(28)} ${us(ns)}`);
}
const bn = batch.nsPerRecord;
console.log(`  batch of ${BATCH.toLocaleString('en-US')} Ekuaibao records (${mib(batch.textBytes)} of JSON text), per record`);
for (const [name, ns] of Object.entries(bn)) console.log(`    ${name.padEnd(30)} ${us(ns)}  (${Math.round(1e9 / ns).toLocaleString('en-US')} records/s)`);
console.log('  cold start, fresh node process, median');
for (const [name, ms] of Object.entries(cold)) console.log(`    ${name.padEnd(38)} ${ms.toFixed(1).padStart(7)} ms`);

for (const label of ['Fxiaoke doc example', 'Ekuaibao doc example']) {
  const t = single[label];
  target('(1) validate, valid', `${label}: rosterguard / ajv`, t.rosterguard / t.ajv, 5, 'max');
  target('(1) validate, valid', `${label}: rosterguard / zod`, t.rosterguard / t.zod, 1, 'max');
  target('(1) validate, valid', `${label}: rosterguard / valibot`, t.rosterguard / t.valibot, 1, 'max');
  if (zodCompiled) info('(1) validate, valid', `${label}: rosterguard / zod compile`, t.rosterguard / t['zod compile']);
}
for (const label of ['Fxiaoke, 10 errors', 'Ekuaibao, 6 errors']) {
  const t = single[label];
  target('(2) validate, invalid', `${label}: rosterguard / zod`, t.rosterguard / t.zod, 1, 'max');
  target('(2) validate, invalid', `${label}: rosterguard / valibot`, t.rosterguard / t.valibot, 1, 'max');
  info('(2) validate, invalid', `${label}: rosterguard / ajv`, t.rosterguard / t.ajv);
  if (zodCompiled) info('(2) validate, invalid', `${label}: rosterguard / zod compile`, t.rosterguard / t['zod compile']);
}
for (const label of ['Fxiaoke doc example', 'Ekuaibao doc example']) {
  const t = single[label];
  target('(3) buildRequest', `${label}: buildRequest / (ajv + hand build)`, t['rosterguard buildRequest'] / t['ajv + hand build'], 6, 'max');
}
target('(4) batch', `buildMany throughput / (JSON.parse + ajv + hand build), ${BATCH.toLocaleString('en-US')} records`, bn['JSON.parse + ajv + hand build'] / bn.buildMany, 1.5, 'min');
target('(5) cold start', 'rosterguard import + first validate / ajv import + compile', cold['rosterguard import + first validate'] / cold['ajv import + compile + first validate'], 0.25, 'max');
target('(6) buildMany memory', `peak RSS growth / input text, ${MEMORY_RECORDS.toLocaleString('en-US')} records`, memory.peakGrowthPerInputByte, 3, 'max');
target('(6) buildMany memory', 'kept after the call and gc (max of RSS, wasm memory) / input text', memory.kept / memory.textBytes, 0.5, 'max');

console.log('\nratios (rosterguard / peer time unless said otherwise)');
let group = '';
for (const t of targets) {
  if (t.group !== group) console.log(`  ${(group = t.group)}`);
  const verdict = t.pass === null ? '' : t.pass ? 'PASS' : 'FAIL';
  console.log(`    ${t.what.padEnd(72)} ${x(t.ratio).padStart(8)}  ${t.bound.padEnd(11)} ${verdict}`);
}

const wasm = (m) => (m.wasm === null ? 'not exposed' : mib(m.wasm));
console.log(`\nbuildMany memory (${MEMORY_RECORDS.toLocaleString('en-US')} records, ${mib(memory.textBytes)} of JSON text, child process):`);
console.log(`  RSS ${mib(memory.before.rss)} before, peak ${mib(memory.peak)} (+${mib(memory.peakGrowth)} = ${x(memory.peakGrowthPerInputByte)} the input), ${mib(memory.afterCall.rss)} holding the results, ${mib(memory.released.rss)} after dropping them and gc`);
console.log(`  wasm memory ${wasm(memory.before)} before, ${wasm(memory.afterCall)} after the call, ${wasm(memory.released)} after gc`);
const kept = (b) => (b === null ? 'unknown' : `${b < 0 ? '-' : '+'}${mib(Math.abs(b))}`);
console.log(`  kept over the start after dropping the results and gc: RSS ${kept(memory.keptRss)}, wasm memory ${kept(memory.keptWasm)}` +
  `${memory.wasmStaysAtPeak ? ' (the wasm memory stays at its peak size)' : ''}; memory handed back: ${memory.kept <= memory.textBytes / 2 ? 'yes' : 'NO'}`);

const passed = targets.filter((t) => t.pass === true).length;
const failed = targets.filter((t) => t.pass === false).length;
console.log(`\ntargets: ${passed} PASS, ${failed} FAIL (the size target is make size's)`);

if (process.env.BENCH_JSON) {
  writeFileSync(
    process.env.BENCH_JSON,
    JSON.stringify({ node: process.version, cpu, loadavg: os.loadavg(), quick, runs: RUNS, runMs: RUN_MS, batchRuns: BATCH_RUNS, fixtureCases, errors: peerCounts, single, batch, cold, coldRuns, memory, targets }, null, 2),
  );
}
if (sink === 42.5) console.log(sink);
