// rosterguard vs ajv, in one Node process and one run (make bench).
//
// Payloads: the Fxiaoke and Ekuaibao doc examples (tests/fixtures), a
// Fxiaoke variant with 10 errors, and 100 000 generated Ekuaibao staff
// records. Workloads: (1) rosterguard validate per call, (2) ajv 8
// (2020-12, allErrors) compiled from rosterguard's own jsonSchema(),
// (3) ajv + JSON.stringify building the body and URL, (4) rosterguard
// buildRequest per call, (5) buildMany on the whole batch. Each figure is
// the median of several runs; ns per item and items per second.
//
// Run from a project that has the packed package installed (make bench
// does that); ROSTERGUARD_REPO points at the repository for the fixtures.
// BENCH_QUICK=1 shrinks the runs (for a smoke test); BENCH_JSON=<file>
// writes the figures as JSON too.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import os from 'node:os';
import * as rg from 'rosterguard';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;
const repo = process.env.ROSTERGUARD_REPO ?? process.cwd();
const quick = process.env.BENCH_QUICK === '1';
const RUNS = quick ? 3 : 7;
const BATCH_RUNS = quick ? 2 : 5;
const N = quick ? 10_000 : 100_000;
const RUN_MS = quick ? 30 : 150;

const fixture = (f) => JSON.parse(readFileSync(join(repo, 'tests/fixtures', f), 'utf8')).input;
const FX = 'fxiaoke.updateMember';
const EK = 'ekuaibao.updateStaff';

// ---- payloads --------------------------------------------------------------
const fxDoc = fixture(`${FX}/seed.json`);
const ekDoc = fixture(`${EK}/seed-by-id.json`);
const fxBad = structuredClone(fxDoc);
Object.assign(fxBad.body.user, {
  gender: 'X', // enum
  email: 'bad@', // format
  hireDate: '2020-02-30', // format
  mainDepartmentId: -1, // range
  attachingDepartmentIds: [1, 1, -3], // duplicate, range
  openUserId: '', // empty (required)
  qq: true, // type
  nope: 1, // unknown_field
  birthDate: 'yesterday', // format
});
const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '勇', '军', '杰'];
const DEPTS = ['xgJ3wajigF25H0', 'xgJ3wajigF25H1', 'xgJ3wajigF25H2', 'xgJ3wajigF25H3'];
function staff(i) {
  const phone = `155${String(10_000_000 + i).padStart(8, '0')}`;
  const dept = DEPTS[i % DEPTS.length];
  return {
    path: { staffId: `JOYbpjPP-E2Q00:${i.toString(36).padStart(8, '0')}` },
    query: { accessToken: 'ID_3D5RavktZRM:xgJ3wajigF25H0' },
    body: {
      name: SURNAMES[i % SURNAMES.length] + GIVEN[i % GIVEN.length] + GIVEN[(i >> 4) % GIVEN.length],
      cellphone: phone,
      email: `staff${i}@example.com`,
      code: `E${i}`,
      defaultDepartment: dept,
      departments: i % 3 === 0 ? [dept, DEPTS[(i + 1) % DEPTS.length]] : [dept],
      modifyAccountPhone: false,
      staffCustomForm: { rankType: 'ID_3D5RavktTRM', base: '[{"key":"8","label":"北京市/海淀区"}]' },
    },
  };
}
const records = Array.from({ length: N }, (_, i) => staff(i));

// ---- ajv, compiled from rosterguard's own schema -----------------------------
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
const ajvFor = { [FX]: ajv.compile(rg.jsonSchema(FX)), [EK]: ajv.compile(rg.jsonSchema(EK)) };
// What a hand-written sync script does: check with ajv, then build the request.
const handBuild = {
  [FX]: (input) => ({
    method: 'POST',
    url: `https://open.fxiaoke.com/cgi/crm/v2/data/update?thirdTraceId=${Math.random().toString(36).slice(2)}`,
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
function ajvBuild(id, input) {
  const check = ajvFor[id];
  if (!check(input)) return { ok: false, errors: check.errors };
  return handBuild[id](input);
}

// Sanity: the payloads are what they claim to be.
const fxBadReport = rg.validate(FX, fxBad);
if (fxBadReport.errors.length !== 10) {
  throw new Error(`the bad payload has ${fxBadReport.errors.length} errors, not 10: ${JSON.stringify(fxBadReport.errors.map((e) => [e.path, e.code]))}`);
}
for (const [id, input] of [[FX, fxDoc], [EK, ekDoc], [EK, records[0]], [EK, records[N - 1]]]) {
  if (!rg.validate(id, input).ok || !ajvFor[id](input)) throw new Error(`${id}: payload not valid`);
}
if (ajvFor[FX](fxBad)) throw new Error('ajv accepts the bad payload');

// ---- timing ------------------------------------------------------------------
let sink = 0;
const keep = (v) => {
  sink = (sink + (v && typeof v === 'object' ? 1 : 0)) | 0;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Median ns per call of fn over RUNS runs of about RUN_MS each. */
function perCall(fn) {
  let iters = 1;
  for (;;) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < iters; i++) keep(fn());
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (ms > RUN_MS / 4) {
      iters = Math.max(1, Math.round((iters * RUN_MS) / ms));
      break;
    }
    iters *= 4;
  }
  const runs = [];
  for (let r = 0; r < RUNS; r++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < iters; i++) keep(fn());
    runs.push(Number(process.hrtime.bigint() - t) / iters);
  }
  return median(runs);
}

/** Median ns per item of fn(i) over all N records, BATCH_RUNS runs (one warm-up). */
function perRecord(fn) {
  const runs = [];
  for (let r = 0; r <= BATCH_RUNS; r++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < N; i++) keep(fn(records[i]));
    if (r > 0) runs.push(Number(process.hrtime.bigint() - t) / N);
  }
  return median(runs);
}

/** Median ns per item of one whole-batch call, BATCH_RUNS runs (one warm-up). */
function perBatch(fn) {
  const runs = [];
  for (let r = 0; r <= BATCH_RUNS; r++) {
    const t = process.hrtime.bigint();
    keep(fn());
    if (r > 0) runs.push(Number(process.hrtime.bigint() - t) / N);
  }
  return median(runs);
}

const mib = (b) => `${(b / 1048576).toFixed(1)} MiB`;

// ---- peak memory of the batch run (first, so that the process peak is its own)
const memBefore = process.memoryUsage();
const maxRssBefore = process.resourceUsage().maxRSS * 1024;
const batchText = JSON.stringify(records);
const batchResult = rg.buildMany(EK, batchText);
const memAfter = process.memoryUsage();
const maxRssAfter = process.resourceUsage().maxRSS * 1024;
if (batchResult.length !== N || !batchResult.every((o) => o.ok)) throw new Error('buildMany: not every record built');
const memory = {
  batchTextBytes: Buffer.byteLength(batchText),
  rssBefore: memBefore.rss,
  peakRss: maxRssAfter,
  peakRssGrowth: maxRssAfter - maxRssBefore,
  heapUsedBefore: memBefore.heapUsed,
  heapUsedWithResult: memAfter.heapUsed,
  external: memAfter.external,
  arrayBuffers: memAfter.arrayBuffers,
};

// ---- the workloads --------------------------------------------------------------
const encoder = new TextEncoder();
const scratch = new Uint8Array(1 << 20);
const OK_REPORT = '{"ok":true,"errors":[],"warnings":[]}';
const single = [];
for (const [label, id, input] of [
  ['Fxiaoke doc example', FX, fxDoc],
  ['Ekuaibao doc example', EK, ekDoc],
  ['Fxiaoke, 10 errors', FX, fxBad],
]) {
  const valid = label !== 'Fxiaoke, 10 errors';
  const row = { label, id };
  row.rgValidate = perCall(() => rg.validate(id, input));
  row.ajvValidate = perCall(() => ajvFor[id](input) && ajvFor[id]);
  row.ajvBuild = perCall(() => ajvBuild(id, input));
  row.rgBuild = perCall(() => {
    try {
      return rg.buildRequest(id, input);
    } catch (e) {
      if (valid || e.kind !== 'invalid') throw e;
      return e.report;
    }
  });
  // Floors: what a call costs before any rule runs. The text crossing is
  // what the fast path pays in JS alone (JSON.stringify, UTF-8 encoding
  // into wasm memory, JSON.parse of the smallest report); the empty call
  // is one round trip through the module with nothing to check.
  row.floorText = perCall(() => {
    encoder.encodeInto(JSON.stringify(input), scratch);
    return JSON.parse(OK_REPORT);
  });
  row.floorCall = perCall(() => rg.validateMany(id, '[]'));
  single.push(row);
}

const batch = { n: N };
batch.rgValidate = perRecord((r) => rg.validate(EK, r));
batch.ajvValidate = perRecord((r) => ajvFor[EK](r) && ajvFor[EK]);
batch.ajvBuild = perRecord((r) => ajvBuild(EK, r));
batch.rgBuild = perRecord((r) => rg.buildRequest(EK, r));
batch.stringify = perBatch(() => ({ s: JSON.stringify(records) }));
batch.validateMany = perBatch(() => rg.validateMany(EK, batchText));
batch.buildMany = perBatch(() => rg.buildMany(EK, batchText));
batch.buildManyWithStringify = batch.buildMany + batch.stringify;
// The parse floor inside the module: parseResponse parses one record's JSON
// text with the same serde_json the batch uses and reads two fields from it
// (one call per record, so it also carries the per-call round trip).
{
  const texts = records.map((r) => JSON.stringify(r));
  const runs = [];
  for (let r = 0; r <= BATCH_RUNS; r++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < N; i++) keep(rg.parseResponse(EK, 200, texts[i]));
    if (r > 0) runs.push(Number(process.hrtime.bigint() - t) / N);
  }
  batch.parseFloor = median(runs);
}

// ---- report ------------------------------------------------------------------------
const ns = (x) => x.toFixed(0).padStart(9);
const ips = (x) => Math.round(1e9 / x).toLocaleString('en-US').padStart(11);
const ratio = (a, b) => `${(a / b).toFixed(2)}x`.padStart(7);
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`rosterguard benchmark — node ${process.version}, ${os.cpus().length} × ${cpu}`);
console.log(`median of ${RUNS} runs (single payloads) / ${BATCH_RUNS} runs (${N.toLocaleString('en-US')} records)\n`);

console.log('per call, ns per item (items per second); ratio = rosterguard time / ajv time (lower is better)');
console.log(`${'payload'.padEnd(26)} ${'workload'.padEnd(30)} ${'ns/item'.padStart(9)} ${'items/s'.padStart(11)} ${'vs ajv'.padStart(7)}`);
const rows = (label, r) => {
  const lines = [
    ['(1) rosterguard validate', r.rgValidate, ratio(r.rgValidate, r.ajvValidate)],
    ['(2) ajv validate', r.ajvValidate, ''],
    ['(3) ajv + JSON.stringify', r.ajvBuild, ''],
    ['(4) rosterguard buildRequest', r.rgBuild, ratio(r.rgBuild, r.ajvBuild)],
  ];
  lines.forEach(([w, x, q], i) => console.log(`${(i ? '' : label).padEnd(26)} ${w.padEnd(30)} ${ns(x)} ${ips(x)} ${q.padStart(7)}`));
};
for (const r of single) rows(r.label, r);
rows(`${N.toLocaleString('en-US')} staff, per call`, batch);
console.log(`${`${N.toLocaleString('en-US')} staff, batch`.padEnd(26)} ${'    validateMany(text)'.padEnd(30)} ${ns(batch.validateMany)} ${ips(batch.validateMany)} ${ratio(batch.validateMany, batch.ajvValidate)}`);
console.log(`${''.padEnd(26)} ${'(5) buildMany(text)'.padEnd(30)} ${ns(batch.buildMany)} ${ips(batch.buildMany)} ${ratio(batch.buildMany, batch.ajvBuild)}`);
console.log(`${''.padEnd(26)} ${'    JSON.stringify(records)'.padEnd(30)} ${ns(batch.stringify)} ${ips(batch.stringify)}`);
console.log(`${''.padEnd(26)} ${'    stringify + buildMany'.padEnd(30)} ${ns(batch.buildManyWithStringify)} ${ips(batch.buildManyWithStringify)} ${ratio(batch.buildManyWithStringify, batch.ajvBuild)}`);

console.log('\nfloors: ns per call before any rule runs (text crossing = JSON.stringify + UTF-8 encode + JSON.parse of an empty report, in JS only)');
for (const r of single) {
  console.log(`${r.label.padEnd(26)} text crossing ${ns(r.floorText)}, empty wasm call ${ns(r.floorCall)}; sum ${ratio(r.floorText + r.floorCall, r.ajvValidate)} ajv validate (target <= 3x)`);
}
console.log(`${`${N.toLocaleString('en-US')} staff`.padEnd(26)} parse of one record in wasm (parseResponse) ${ns(batch.parseFloor)}; buildMany at 2x ajv + JSON.stringify needs <= ${ns(batch.ajvBuild / 2)}`);

const fxRow = single[0];
const targets = {
  validateVsAjv: fxRow.rgValidate / fxRow.ajvValidate,
  validateVsAjvEkuaibao: single[1].rgValidate / single[1].ajvValidate,
  buildManyThroughputVsAjvBuild: batch.ajvBuild / batch.buildMany,
  buildManyWithStringifyVsAjvBuild: batch.ajvBuild / batch.buildManyWithStringify,
};
console.log('\ntargets:');
console.log(`  single validate <= 3x ajv: Fxiaoke doc ${targets.validateVsAjv.toFixed(2)}x, Ekuaibao doc ${targets.validateVsAjvEkuaibao.toFixed(2)}x`);
console.log(`  buildMany >= 2x ajv + JSON.stringify throughput: ${targets.buildManyThroughputVsAjvBuild.toFixed(2)}x (${targets.buildManyWithStringifyVsAjvBuild.toFixed(2)}x counting JSON.stringify of the batch)`);

console.log(`\npeak memory of the batch run (buildMany on ${N.toLocaleString('en-US')} records, ${mib(memory.batchTextBytes)} of JSON text):`);
console.log(`  RSS ${mib(memory.rssBefore)} before, peak ${mib(memory.peakRss)} (+${mib(memory.peakRssGrowth)});` +
  ` JS heap ${mib(memory.heapUsedBefore)} -> ${mib(memory.heapUsedWithResult)} holding the ${N.toLocaleString('en-US')} results;` +
  ` external ${mib(memory.external)} (wasm memory included)`);

if (process.env.BENCH_JSON) {
  writeFileSync(process.env.BENCH_JSON, JSON.stringify({ node: process.version, cpu, runs: RUNS, batchRuns: BATCH_RUNS, single, batch, targets, memory }, null, 2));
}
if (sink === 42.5) console.log(sink);
