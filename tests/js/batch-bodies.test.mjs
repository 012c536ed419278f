// buildMany takes each request body out of the results' JSON: the module
// writes the bodies raw, apart, and the glue cuts each out of one decoded
// string by the UTF-16 length left in its place. buildManyNdjson still
// writes every result whole, as JSON text, so its lines parsed are what
// buildMany returned before: the two must agree, key order included
// (compared as JSON.stringify text), on every endpoint, on strings that
// need escapes or two UTF-16 units, and on batches that span many windows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as rg from 'rosterguard';
import { allCases, fixtureDir, seed } from './fixtures.mjs';

/** Trace ids are fresh per request (Fxiaoke): masked on both sides. */
const stable = (text) => text.replace(/([?&][A-Za-z]*[Tt]race[A-Za-z]*=)[A-Za-z0-9_-]+/g, '$1*');

/** buildMany's results against buildManyNdjson's, as text (so key order counts). */
function agree(endpoint, inputs, options, label) {
  const text = JSON.stringify(inputs);
  const many = rg.buildMany(endpoint, text, options);
  const lines = rg.buildManyNdjson(endpoint, text, options).split('\n');
  assert.equal(lines.pop(), '', `${label}: NDJSON ends with a line break`);
  assert.equal(many.length, inputs.length, label);
  assert.equal(lines.length, inputs.length, label);
  let bodies = 0;
  many.forEach((item, i) => {
    assert.equal(stable(JSON.stringify(item)), stable(JSON.stringify(JSON.parse(lines[i]))), `${label} #${i}`);
    if (item.ok && item.request.body !== undefined) {
      assert.equal(typeof item.request.body, 'string', `${label} #${i}`);
      bodies++;
    }
  });
  return bodies;
}

const TRICKY = [
  '张三',
  '😀',
  'x😀y😀',
  '😀'.repeat(30),
  '"quoted" \\back\\slash\\',
  'tab\tline\nreturn\r\u0000\u0001\u001f\u007f',
  'line\u2028para\u2029',
  '\ufeffbom first',
  'é\u07ff\u0800\uffff\u{10000}\u{10ffff}',
  '',
];

/** Each endpoint's seed, with each top-level string of its body set to each tricky string. */
function trickyInputs(endpoint) {
  const base = seed(endpoint);
  const out = [base];
  const body = base.body && typeof base.body === 'object' && !Array.isArray(base.body) ? base.body : {};
  for (const [key, v] of Object.entries(body)) {
    if (typeof v !== 'string') continue;
    for (const s of TRICKY) {
      const input = structuredClone(base);
      input.body[key] = s;
      out.push(input);
    }
  }
  return out;
}

test('buildMany equals buildManyNdjson on every fixture case, key order included', () => {
  const groups = new Map();
  for (const c of allCases()) {
    const key = `${c.endpoint} ${JSON.stringify(c.options)}`;
    if (!groups.has(key)) groups.set(key, { endpoint: c.endpoint, options: c.options, inputs: [] });
    groups.get(key).inputs.push(c.input);
  }
  let bodies = 0;
  for (const g of groups.values()) bodies += agree(g.endpoint, g.inputs, g.options, g.endpoint);
  assert.ok(bodies >= 50, `only ${bodies} bodies`);
});

test('buildMany equals buildManyNdjson with escapes, CJK and astral characters in bodies, every endpoint', () => {
  const endpoints = readdirSync(fixtureDir).sort();
  assert.ok(endpoints.length >= 19, endpoints.join());
  let bodies = 0;
  let without = 0;
  for (const endpoint of endpoints) {
    const inputs = trickyInputs(endpoint);
    // Items without a request and without a body sit between those with one.
    inputs.splice(1, 0, null, 'x', {});
    const n = agree(endpoint, inputs, { locale: 'zh-CN' }, endpoint);
    if (n === 0) without++;
    bodies += n;
  }
  assert.ok(bodies >= 200, `only ${bodies} bodies`);
  assert.ok(without >= 1, 'an endpoint whose requests have no body');
});

/** Item sizes that drift across the 32 KiB window, strings long enough to span one, astral characters near every boundary. */
function windowed(id) {
  const inputs = [];
  for (let i = 0; i < 400; i++) {
    const input = seed(id);
    const s = TRICKY[i % TRICKY.length];
    input.body.name = `${'张'.repeat(i % 97)}${s}${'😀'.repeat(i % 13)}${i}`;
    if (i % 50 === 7) input.body.name = '😀'.repeat(20000 + i);
    if (i % 31 === 3) input.body.email = ''; // an invalid item: a report
    inputs.push(input);
  }
  return inputs;
}

test('buildMany over many windows: items and characters split across them', () => {
  const id = 'ekuaibao.updateStaff';
  const inputs = windowed(id);
  const text = JSON.stringify(inputs);
  assert.ok(Buffer.byteLength(text) > 10 * 32768, 'spans many windows');
  const bodies = agree(id, inputs, undefined, 'windows');
  assert.ok(bodies > 300, `${bodies}`);
});

test('buildMany: empty batches, and windows with no body at all', () => {
  assert.deepEqual(rg.buildMany('ekuaibao.updateStaff', '[]'), []);
  assert.deepEqual(rg.buildMany('ekuaibao.updateStaff', ' [ ] '), []);
  // Only reports, then only requests without a body (WeCom deleteUser).
  const reports = Array.from({ length: 3000 }, () => ({ body: 1 }));
  agree('ekuaibao.updateStaff', reports, undefined, 'reports only');
  const noBody = readdirSync(fixtureDir)
    .sort()
    .find((e) => {
      const [r] = rg.buildMany(e, JSON.stringify([seed(e)]));
      return r.ok && r.request.body === undefined;
    });
  assert.ok(noBody, 'an endpoint whose requests have no body');
  const items = Array.from({ length: 2000 }, () => seed(noBody));
  agree(noBody, items, undefined, noBody);
  const [one] = rg.buildMany(noBody, JSON.stringify([seed(noBody)]));
  assert.equal('body' in one.request, false, 'no body key at all');
});

test('the browser build (web.js) cuts the bodies out alike', async () => {
  const dir = dirname(createRequire(import.meta.url).resolve('rosterguard/package.json'));
  const web = await import(pathToFileURL(join(dir, 'web.js')).href);
  await web.init(readFileSync(join(dir, 'web/rosterguard_bg.wasm')));
  const id = 'ekuaibao.updateStaff';
  const text = JSON.stringify([...windowed(id), ...trickyInputs(id)]);
  const lines = rg.buildManyNdjson(id, text).split('\n').slice(0, -1);
  const many = web.buildMany(id, text);
  assert.equal(many.length, lines.length);
  many.forEach((item, i) => assert.equal(JSON.stringify(item), JSON.stringify(JSON.parse(lines[i])), `#${i}`));
});
