// Through JS: prototype keys never pollute what the library returns,
// hostile ids and tokens cannot move a built URL's host, path segments or
// query keys (checked with the WHATWG URL parser fetch uses), tokens never
// reach messages or thrown errors, and big inputs cost a bounded, clear result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as rg from 'rosterguard';
import { seed } from './fixtures.mjs';

const EK = 'ekuaibao.updateStaff';
const DT = 'dingtalk.updateEmployeeRoster';
const FX = 'fxiaoke.updateMember';

test('__proto__ / constructor / prototype keys: plain unknown fields, no pollution', () => {
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    const input = seed(EK);
    // JSON.parse makes "__proto__" an own property, as a sync script reading a file would.
    input.body = { ...input.body, ...JSON.parse(`{"${key}": {"polluted": true}}`) };
    const report = rg.validate(EK, input);
    assert.ok(
      report.errors.some((e) => e.path === `/body/${key}` && e.code === 'unknown_field'),
      JSON.stringify(report.errors),
    );
    const lenient = rg.buildRequest(EK, input, { allowUnknown: true });
    const body = JSON.parse(lenient.body);
    assert.deepEqual(Object.getOwnPropertyDescriptor(body, key)?.value, { polluted: true });
    // Nothing the library returned, and no prototype, picked it up.
    for (const o of [report, lenient, lenient.headers, {}, []]) assert.equal(o.polluted, undefined);
    assert.equal(Object.getPrototypeOf(report), Object.prototype);
  }
});

test('hostile staffId, tokens and thirdTraceId stay inside their URL part', () => {
  const hostile = ['a/b', 'a?b=c', 'a#frag', '%2e%2e', '..', 'x\r\nHost: evil', '张三', 'a&accessToken=x', ' lead'];
  for (const h of hostile) {
    const input = seed(EK);
    input.path = { staffId: h };
    input.query = { accessToken: `tok${h}`, type: 'code' };
    const req = rg.buildRequest(EK, input);
    assert.ok(!/[\r\n]/.test(req.url), req.url);
    const url = new URL(req.url);
    assert.equal(url.host, 'app.ekuaibao.com');
    const segs = url.pathname.split('/');
    assert.equal(segs.length, 7, req.url);
    assert.equal(decodeURIComponent(segs[6]), `$${h}`);
    assert.deepEqual([...url.searchParams.keys()], ['accessToken', 'type']);
    assert.equal(url.searchParams.get('accessToken'), `tok${h}`);
    assert.equal(url.hash, '');

    const fx = seed(FX);
    fx.query = { thirdTraceId: h };
    const freq = rg.buildRequest(FX, fx);
    const furl = new URL(freq.url);
    assert.equal(furl.host, 'open.fxiaoke.com');
    assert.equal(furl.pathname, '/cgi/crm/v2/data/update');
    assert.deepEqual([...furl.searchParams.entries()], [['thirdTraceId', h]]);
  }
  const fx = seed(FX);
  fx.query = { thirdTraceId: '' };
  assert.ok(rg.validate(FX, fx).errors.some((e) => e.path === '/query/thirdTraceId' && e.code === 'empty'));
});

test('tokens never appear in messages, params or thrown errors', () => {
  const SECRET = 'SECRET-TOKEN-123';
  const cases = [
    [EK, (i) => { i.query.accessToken = SECRET; i.body.email = ''; }],
    [DT, (i) => { i.query.access_token = SECRET; i.body.agentid = -1; }],
    [FX, (i) => { i.body.corpAccessToken = SECRET; i.body.user.gender = 'X'; }],
  ];
  for (const [id, breakIt] of cases) {
    const input = seed(id);
    breakIt(input);
    for (const locale of ['en', 'zh-CN']) {
      const report = rg.validate(id, input, { locale });
      assert.ok(!report.ok);
      assert.ok(!JSON.stringify(report).includes(SECRET), JSON.stringify(report));
      try {
        rg.buildRequest(id, input, { locale });
        assert.fail('built');
      } catch (e) {
        assert.ok(e instanceof rg.RosterguardError);
        assert.ok(!String(e.message).includes(SECRET) && !JSON.stringify(e.report).includes(SECRET));
      }
    }
    // A valid request masks its token for logging.
    const ok = seed(id);
    const put = { [EK]: (i) => { i.query.accessToken = SECRET; }, [DT]: (i) => { i.query.access_token = SECRET; }, [FX]: (i) => { i.body.corpAccessToken = SECRET; } };
    put[id](ok);
    const req = rg.buildRequest(id, ok);
    assert.ok(JSON.stringify(req).includes(SECRET), 'the real request carries the token');
    assert.ok(!JSON.stringify(rg.redact(req)).includes(SECRET));
  }
});

test('a 50 MB string and a 1 000 000-item array: clear results, module still works', () => {
  const input = seed(EK);
  input.body.note = 'x'.repeat(50 * 1024 * 1024);
  const r = rg.validate(EK, input);
  assert.deepEqual(r.errors.map((e) => [e.path, e.code]), [['/body/note', 'range']]);

  const big = seed(EK);
  big.body.departments = Array.from({ length: 1000000 }, (_, i) => `d${i}`);
  big.body.defaultDepartment = 'd999999';
  assert.equal(rg.validate(EK, big).ok, true);
  big.body.departments[999999] = 'd0';
  big.body.defaultDepartment = 'd0';
  const dup = rg.validate(EK, big);
  assert.deepEqual(dup.errors.map((e) => [e.path, e.code]), [['/body/departments/999999', 'duplicate']]);
  assert.equal(rg.validate(EK, seed(EK)).ok, true);
});

test('numbers JSON cannot carry exactly: 2^53+1 and -0', () => {
  const input = seed(DT);
  input.body.agentid = 2 ** 53 + 2;
  const r = rg.validate(DT, input);
  assert.ok(r.errors.some((e) => e.path === '/body/agentid'), JSON.stringify(r.errors));
  const z = seed(FX);
  z.body.user.mainDepartmentId = -0;
  assert.equal(JSON.parse(rg.buildRequest(FX, z).body).user.mainDepartmentId, 0);
});
