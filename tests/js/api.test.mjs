// The packed package, imported as ES module: every export, the fixture
// suite, RosterguardError and Standard Schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as rg from 'rosterguard';
import { readdirSync } from 'node:fs';
import { allCases, fixtureDir, getAt, pairs, seed } from './fixtures.mjs';

// The registry's ids, in its order; every fixture folder is one of them.
const IDS = rg.endpoints().map((e) => e.id);

test('exports exactly the documented API', () => {
  assert.deepEqual(Object.keys(rg).sort(), [
    'RosterguardError', 'buildMany', 'buildManyNdjson', 'buildRequest', 'describe', 'endpoints', 'init', 'initSync',
    'jsonSchema', 'parseResponse', 'redact', 'schema', 'validate', 'validateField', 'validateMany',
  ]);
});

test('endpoints() lists every endpoint (one per fixture folder) as plain objects', () => {
  const eps = rg.endpoints();
  assert.deepEqual([...IDS].sort(), readdirSync(fixtureDir).sort());
  for (const k of ['fxiaoke.updateMember', 'dingtalk.updateEmployeeRoster', 'ekuaibao.updateStaff']) assert.ok(IDS.includes(k), k);
  for (const e of eps) {
    assert.equal(Object.getPrototypeOf(e), Object.prototype);
    for (const k of ['id', 'vendor', 'title', 'method', 'docUrl', 'recordKey', 'tokenPointer', 'tokenPrefix']) {
      assert.equal(typeof e[k], 'string', `${e.id} ${k}`);
    }
    assert.equal(typeof e.deprecated, 'boolean');
    assert.ok(e.ratePerSecond > 0, `${e.id} ratePerSecond`);
    for (const kind of ['ok', 'invalid', 'throttled', 'busy', 'tokenExpired']) {
      const r = e.mockReplies[kind];
      assert.equal(typeof r.status, 'number', `${e.id} ${kind}`);
      assert.ok(r.body.length > 0, `${e.id} ${kind}`);
    }
  }
});

function checkRequest(c, req) {
  const want = c.request;
  assert.equal(req.method, want.method, c.name);
  // A seed that states headers states all of them.
  if (want.headers) assert.deepEqual(req.headers, want.headers, c.name);
  else assert.equal(req.headers['Content-Type'], 'application/json');
  const [head, tail] = want.url.split('{traceId}');
  if (tail === undefined) {
    assert.equal(req.url, want.url, c.name);
  } else {
    assert.ok(req.url.startsWith(head) && req.url.endsWith(tail), `${c.name}: ${req.url}`);
    assert.match(req.url.slice(head.length, req.url.length - tail.length), /^[A-Za-z0-9_-]{16,}$/);
  }
  // Same body, same key order.
  assert.equal(req.body, JSON.stringify(want.body), c.name);
}

test('fixture suite: validate and buildRequest give the expected issues and requests', () => {
  const cases = allCases();
  assert.ok(cases.length >= 5);
  for (const c of cases) {
    const report = rg.validate(c.endpoint, c.input, c.options);
    assert.deepEqual(pairs(report.errors), c.errors, c.name);
    if (c.warnings) assert.deepEqual(pairs(report.warnings), c.warnings, c.name);
    assert.equal(report.ok, c.errors.length === 0);
    for (const i of [...report.errors, ...report.warnings]) {
      assert.ok(i.message.length > 0);
      assert.equal(Object.getPrototypeOf(i.params), Object.prototype, 'params is a plain object');
    }
    if (report.ok) {
      const req = rg.buildRequest(c.endpoint, c.input, c.options);
      if (c.request) checkRequest(c, req);
    } else {
      assert.throws(
        () => rg.buildRequest(c.endpoint, c.input, c.options),
        (e) => e instanceof rg.RosterguardError && e.kind === 'invalid' && assert.deepEqual(e.report, report) === undefined,
      );
    }
  }
});

test('messages in zh-CN', () => {
  const input = structuredClone(seed('ekuaibao.updateStaff'));
  delete input.body.name;
  const en = rg.validate('ekuaibao.updateStaff', input);
  const zh = rg.validate('ekuaibao.updateStaff', input, { locale: 'zh-CN' });
  assert.deepEqual(pairs(en.errors), [['/body/name', 'required']]);
  assert.deepEqual(pairs(zh.errors), pairs(en.errors));
  assert.match(zh.errors[0].message, /必填/);
  assert.doesNotMatch(en.errors[0].message, /必填/);
});

test('buildRequest: a fetch-ready request; RosterguardError with .report when invalid', () => {
  const req = rg.buildRequest('ekuaibao.updateStaff', seed('ekuaibao.updateStaff'));
  assert.deepEqual(Object.keys(req), ['method', 'url', 'headers', 'body']);
  assert.equal(req.method, 'PUT');
  assert.deepEqual(req.headers, { 'Content-Type': 'application/json' });
  assert.doesNotThrow(() => new Request(req.url, req));
  const bad = structuredClone(seed('ekuaibao.updateStaff'));
  bad.body.email = 'nope';
  try {
    rg.buildRequest('ekuaibao.updateStaff', bad, { locale: 'zh-CN' });
    assert.fail('no throw');
  } catch (e) {
    assert.ok(e instanceof rg.RosterguardError);
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'RosterguardError');
    assert.equal(e.kind, 'invalid');
    assert.equal(e.report.ok, false);
    assert.deepEqual(pairs(e.report.errors), [['/body/email', 'format']]);
    assert.match(e.message, /email/);
  }
});

test('misuse throws RosterguardError with a kind', () => {
  const input = seed('ekuaibao.updateStaff');
  const kind = (fn) => {
    try {
      fn();
    } catch (e) {
      assert.ok(e instanceof rg.RosterguardError, String(e));
      assert.ok(e.message.length > 0);
      return e.kind;
    }
    return 'no throw';
  };
  assert.equal(kind(() => rg.validate('nosuch.updateUser', input)), 'unknown_endpoint');
  try {
    rg.buildRequest('nosuch.updateUser', input);
  } catch (e) {
    for (const id of IDS) assert.ok(e.message.includes(id), 'names the known ids');
  }
  assert.equal(kind(() => rg.validate(42, input)), 'invalid_argument');
  assert.equal(kind(() => rg.validate('ekuaibao.updateStaff', input, { locale: 'fr' })), 'invalid_option');
  assert.equal(kind(() => rg.validate('ekuaibao.updateStaff', input, { colour: 'red' })), 'invalid_option');
  assert.equal(kind(() => rg.validate('ekuaibao.updateStaff', input, 'zh-CN')), 'invalid_option');
  assert.equal(kind(() => rg.validate('ekuaibao.updateStaff', input, { locale: NaN })), 'invalid_option');
  assert.equal(kind(() => rg.validateField('ekuaibao.updateStaff', 'body/name', 'x', input)), 'invalid_pointer');
  assert.equal(kind(() => rg.validateField('ekuaibao.updateStaff', 7, 'x', input)), 'invalid_argument');
  assert.equal(kind(() => rg.parseResponse('ekuaibao.updateStaff', '200', '{}')), 'invalid_argument');
  assert.equal(kind(() => rg.parseResponse('ekuaibao.updateStaff', 200, undefined)), 'invalid_argument');
  assert.equal(kind(() => rg.describe('nope')), 'unknown_endpoint');
  assert.equal(kind(() => rg.jsonSchema('nope')), 'unknown_endpoint');
  assert.equal(kind(() => rg.schema('nope')), 'unknown_endpoint');
  assert.equal(kind(() => rg.redact({ url: 1 })), 'invalid_argument');
});

test('validateField: one field, cross-field rules with the rest of the input', () => {
  const input = seed('ekuaibao.updateStaff');
  const ok = rg.validateField('ekuaibao.updateStaff', '/body/email', 'a@example.com', input);
  assert.deepEqual(ok, { ok: true, errors: [], warnings: [] });
  const bad = rg.validateField('ekuaibao.updateStaff', '/body/email', 'not an email', input, { locale: 'zh-CN' });
  assert.deepEqual(pairs(bad.errors), [['/body/email', 'format']]);
  // Cross-field: the default department must be one of the departments given in input.
  const cross = rg.validateField('ekuaibao.updateStaff', '/body/defaultDepartment', 'elsewhere', input);
  assert.deepEqual(pairs(cross.errors), [['/body/defaultDepartment', 'not_in']]);
  // Without input: only that field's own rules.
  const alone = rg.validateField('ekuaibao.updateStaff', '/body/email', 'a@example.com');
  assert.equal(alone.ok, true);
  const typeErr = rg.validateField('ekuaibao.updateStaff', '/body/email', NaN, input);
  assert.deepEqual(pairs(typeErr.errors), [['/body/email', 'type']]);
});

test('parseResponse decodes replies and never throws on the body', () => {
  const ok = rg.parseResponse('fxiaoke.updateMember', 200, '{"errorCode":0,"errorMessage":"success"}');
  assert.equal(ok.ok, true);
  assert.deepEqual(Object.keys(ok).sort(), ['alreadyExists', 'message', 'notFound', 'ok', 'reason', 'retryable', 'tokenExpired', 'traceId', 'vendorCode']);
  const fail = rg.parseResponse('fxiaoke.updateMember', 200, '{"errorCode":14001,"errorMessage":"x"}');
  assert.equal(fail.ok, false);
  for (const body of ['', 'garbage', '{', '[]', 'null', '\u0000', '{"errcode":"0"}', '"'.repeat(10000)]) {
    for (const id of IDS) {
      const r = rg.parseResponse(id, 200, body);
      assert.equal(r.ok === true || r.ok === false, true);
    }
  }
  assert.equal(rg.parseResponse('dingtalk.updateEmployeeRoster', 503, '').retryable, true);
});

test('redact masks tokens for logging', () => {
  const req = rg.buildRequest('fxiaoke.updateMember', seed('fxiaoke.updateMember'));
  const safe = rg.redact(req);
  assert.match(JSON.parse(safe.body).corpAccessToken, /^\*+$/);
  assert.equal(safe.method, req.method);
  const dt = rg.redact(rg.buildRequest('dingtalk.updateEmployeeRoster', seed('dingtalk.updateEmployeeRoster')));
  assert.match(dt.url, /access_token=\*\*\*/);
});

test('schema(): Standard Schema v1', () => {
  for (const id of IDS) {
    const s = rg.schema(id);
    const std = s['~standard'];
    assert.equal(std.version, 1);
    assert.equal(std.vendor, 'rosterguard');
    assert.equal(typeof std.validate, 'function');
    const good = std.validate(seed(id));
    assert.equal(good.issues, undefined, id);
    // An endpoint without a body (WeCom deleteUser) gives its input back as it is.
    const info = rg.endpoints().find((e) => e.id === id);
    const hasBody = rg.describe(id).fields.some((f) => f.pointer === '/body');
    assert.equal(typeof good.value.body, hasBody ? 'object' : 'undefined', `${id} (${info.method})`);
  }
  const input = structuredClone(seed('ekuaibao.updateStaff'));
  input.body.cellphone = '+852 1234 5678';
  input.body.departments = ['a', 'b'];
  input.body.defaultDepartment = 'c';
  const s = rg.schema('ekuaibao.updateStaff', { locale: 'zh-CN' })['~standard'];
  const r = s.validate(input);
  assert.deepEqual(r.issues.map((i) => i.path), [['body', 'defaultDepartment']]);
  assert.equal(typeof r.issues[0].message, 'string');
  input.body.defaultDepartment = 'a';
  const v = s.validate(input);
  assert.equal(v.issues, undefined);
  // The value is what is sent: normalised phone, dropped empty code.
  assert.equal(v.value.body.cellphone, '(852)12345678');
  assert.equal('code' in v.value.body, false);
  // Array items become numeric path segments.
  input.body.departments = ['a', ''];
  assert.deepEqual(s.validate(input).issues.map((i) => i.path), [['body', 'departments', 1]]);
  // Not an object at all.
  assert.deepEqual(s.validate(undefined).issues.map((i) => i.path), [undefined]);
  assert.throws(() => rg.schema('ekuaibao.updateStaff', { locale: 'xx' }), rg.RosterguardError);
});

test('init() is a resolved no-op in Node', async () => {
  await rg.init();
  await rg.init();
  rg.initSync();
  assert.equal(rg.validate('ekuaibao.updateStaff', seed('ekuaibao.updateStaff')).ok, true);
});

// ---- these depend on the real metadata (src/meta/) ----

/** Pointers of the object-property leaves of an input, outside arrays. */
function leafPointers(v, base = '') {
  if (Array.isArray(v)) return [];
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => leafPointers(x, `${base}/${k}`));
  return [base];
}

test('describe(): every field of the seeds, with labels in both languages [metadata]', () => {
  const jsType = (v) => (typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v);
  for (const id of IDS) {
    const meta = rg.describe(id);
    const seedInput = seed(id);
    for (const ptr of leafPointers(seedInput)) {
      if (ptr === '/baseUrl') continue;
      // A free-form custom field matches its template (keyPattern).
      const field =
        meta.fields.find((f) => f.pointer === ptr) ??
        meta.fields.find((f) => f.keyPattern && ptr.startsWith(f.pointer.slice(0, f.pointer.lastIndexOf('/') + 1)) && new RegExp(f.keyPattern, 'u').test(ptr.slice(ptr.lastIndexOf('/') + 1)));
      assert.ok(field, `${id}: describe() lacks ${ptr}`);
      // The seed's value has the declared type, or one it is coerced from.
      const value = getAt(seedInput, ptr);
      const type = jsType(value);
      const declared = field.type.split('|');
      const fits =
        declared.includes(type) ||
        (type === 'integer' && declared.includes('number')) ||
        field.coerces.some((c) => c.from === (type === 'integer' ? 'number' : type)) ||
        (value === null && field.nullable);
      assert.ok(fits, `${id}: ${ptr} holds a ${type}, describe() says ${field.type}`);
      assert.ok(field.label.en && field.label.zh, `${id}: ${ptr} lacks a label`);
    }
    assert.ok(meta.fields.some((f) => /[\u4e00-\u9fff]/.test(f.label.zh)), `${id}: no zh-CN label`);
  }
});
