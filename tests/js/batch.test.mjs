// validateMany / buildMany: one JSON text in, one result per item, in
// order, equal to what the per-item calls give; misuse throws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as rg from 'rosterguard';
import { allCases, readFixture } from './fixtures.mjs';

/** The fixture cases grouped by endpoint and options (one batch per group). */
function batches() {
  const groups = new Map();
  for (const c of allCases()) {
    const key = `${c.endpoint} ${JSON.stringify(c.options)}`;
    if (!groups.has(key)) groups.set(key, { endpoint: c.endpoint, options: c.options, cases: [] });
    groups.get(key).cases.push(c);
  }
  return [...groups.values()];
}

/** The URL without its random trace id (a fresh one per request). */
const stable = (req) => ({ ...req, url: req.url.replace(/([?&][A-Za-z]*[Tt]race[A-Za-z]*=)[A-Za-z0-9_-]+/, '$1*') });

test('validateMany equals validate item by item, in order, on every fixture case', () => {
  let n = 0;
  for (const b of batches()) {
    const inputs = b.cases.map((c) => c.input);
    const reports = rg.validateMany(b.endpoint, JSON.stringify(inputs), b.options);
    assert.equal(reports.length, inputs.length);
    reports.forEach((r, i) => assert.deepEqual(r, rg.validate(b.endpoint, inputs[i], b.options), b.cases[i].name));
    n += inputs.length;
  }
  assert.ok(n >= 50, `only ${n} cases`);
});

test('buildMany equals buildRequest item by item, in order, on every fixture case', () => {
  for (const b of batches()) {
    const inputs = b.cases.map((c) => c.input);
    const outcomes = rg.buildMany(b.endpoint, JSON.stringify(inputs), b.options);
    assert.equal(outcomes.length, inputs.length);
    outcomes.forEach((o, i) => {
      const name = b.cases[i].name;
      const report = rg.validate(b.endpoint, inputs[i], b.options);
      if (report.ok) {
        assert.deepEqual(o, { ok: true, request: o.request, warnings: report.warnings }, name);
        assert.deepEqual(stable(o.request), stable(rg.buildRequest(b.endpoint, inputs[i], b.options)), name);
      } else {
        assert.deepEqual(o, { ok: false, report }, name);
      }
    });
  }
});

test('one bad item never stops the others', () => {
  const good = readFixture('ekuaibao.updateStaff/seed-by-id.json').input;
  const bad = structuredClone(good);
  bad.body.email = '';
  const text = JSON.stringify([good, bad, 'not an object', null, 42, [], good]);
  const reports = rg.validateMany('ekuaibao.updateStaff', text);
  assert.deepEqual(reports.map((r) => r.ok), [true, false, false, false, false, false, true]);
  assert.equal(reports[1].errors[0].path, '/body/email');
  const built = rg.buildMany('ekuaibao.updateStaff', text, { locale: 'zh-CN' });
  assert.deepEqual(built.map((o) => o.ok), [true, false, false, false, false, false, true]);
  assert.equal(built[0].request.method, 'PUT');
  assert.equal(built[0].request.body, built[6].request.body);
  assert.equal(built[1].report.errors[0].code, 'empty');
  assert.match(built[1].report.errors[0].message, /[\u4e00-\u9fff]/, 'zh-CN message');
  assert.deepEqual(rg.validateMany('ekuaibao.updateStaff', '[]'), []);
  assert.deepEqual(rg.buildMany('ekuaibao.updateStaff', ' [ ] '), []);
});

test('misuse throws RosterguardError', () => {
  const kind = (k) => (e) => e instanceof rg.RosterguardError && e.kind === k;
  for (const f of [rg.validateMany, rg.buildMany]) {
    assert.throws(() => f('ekuaibao.updateStaff', '{}'), kind('invalid_argument'));
    assert.throws(() => f('ekuaibao.updateStaff', '[1,'), kind('invalid_argument'));
    assert.throws(() => f('ekuaibao.updateStaff', ''), kind('invalid_argument'));
    assert.throws(() => f('ekuaibao.updateStaff', [{}]), kind('invalid_argument'), 'an array, not its text');
    assert.throws(() => f('ekuaibao.updateStaff'), kind('invalid_argument'));
    assert.throws(() => f('nope.nope', '[]'), (e) => kind('unknown_endpoint')(e) && /ekuaibao\.updateStaff/.test(e.message));
    assert.throws(() => f('ekuaibao.updateStaff', '[]', { locale: 'fr' }), kind('invalid_option'));
  }
});

/** What buildRequest throws for an invalid case: kind, message and report. */
function thrown(c) {
  try {
    rg.buildRequest(c.endpoint, c.input, c.options);
  } catch (e) {
    assert.ok(e instanceof rg.RosterguardError, c.name);
    return { kind: e.kind, message: e.message, report: e.report };
  }
  return assert.fail(`${c.name}: buildRequest did not throw`);
}

test('validate / buildRequest: the JSON-text fast path gives what the careful walk gives', () => {
  // Inputs of plain JSON cross as JSON.stringify text; a toJSON on
  // Object.prototype sends every input through the walk in wasm instead.
  const fast = allCases().map((c) => {
    const report = rg.validate(c.endpoint, c.input, c.options);
    return { report, request: report.ok ? stable(rg.buildRequest(c.endpoint, c.input, c.options)) : thrown(c) };
  });
  Object.defineProperty(Object.prototype, 'toJSON', { value: () => 'x', configurable: true, enumerable: false });
  let slow;
  try {
    slow = allCases().map((c) => {
      const report = rg.validate(c.endpoint, c.input, c.options);
      return { report, request: report.ok ? stable(rg.buildRequest(c.endpoint, c.input, c.options)) : thrown(c) };
    });
  } finally {
    delete Object.prototype.toJSON;
  }
  assert.deepEqual(fast, slow);
  // Values the text would change take the walk: a fraction, undefined in an array, a Date.
  const base = readFixture('ekuaibao.updateStaff/seed-by-id.json').input;
  for (const [v, code] of [[1.5, 'type'], [[undefined], 'type'], [new Date(0), 'type'], [2 ** 60, 'type']]) {
    const input = structuredClone(base);
    input.body.modifyAccountPhone = v;
    const r = rg.validate('ekuaibao.updateStaff', input);
    assert.ok(r.errors.some((e) => e.path.startsWith('/body/modifyAccountPhone') && e.code === code), JSON.stringify(r.errors));
  }
});
