// Values JSON cannot carry, hostile objects and odd arguments: each gives a
// clear `type` error at its path or a clear RosterguardError, never a crash,
// never a silently different payload; the module keeps working after each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as rg from 'rosterguard';
import { seed } from './fixtures.mjs';

const ID = 'ekuaibao.updateStaff';

function stillWorks() {
  assert.equal(rg.validate(ID, seed(ID)).ok, true, 'module still works');
  assert.equal(typeof rg.buildRequest(ID, seed(ID)).url, 'string');
}

class Staff {
  constructor() {
    this.name = 'x';
  }
}
const cyclic = {};
cyclic.self = cyclic;
const cyclicArr = [];
cyclicArr.push(cyclicArr);
const throwing = {
  get boom() {
    throw new Error('getter');
  },
};
const revoked = Proxy.revocable({}, {});
revoked.revoke();
const trapping = new Proxy({}, {
  ownKeys() {
    throw new Error('trap');
  },
});
let deep = 'leaf';
for (let i = 0; i < 100000; i++) deep = [deep];
let deepObj = {};
for (let i = 0; i < 5000; i++) deepObj = { a: deepObj };
const sparse = [];
sparse.length = 5;
const huge = [];
huge.length = 4294967295;

// [label, value, expected params.actual (null: any type error below the field)]
const VALUES = [
  ['NaN', NaN, 'NaN'],
  ['Infinity', Infinity, 'Infinity'],
  ['-Infinity', -Infinity, '-Infinity'],
  ['BigInt', 10n, 'bigint'],
  ['function', () => 1, 'function'],
  ['symbol', Symbol('s'), 'symbol'],
  ['Date', new Date(0), 'Date'],
  ['Map', new Map([['a', 1]]), 'Map'],
  ['Set', new Set([1]), 'Set'],
  ['class instance', new Staff(), 'class instance'],
  ['boxed string', new String('x'), 'class instance'],
  ['RegExp', /x/, 'class instance'],
  ['typed array', new Uint8Array(2), 'class instance'],
  ['Promise', Promise.resolve(1), 'class instance'],
  ['Error', new Error('x'), 'class instance'],
  ['lone high surrogate', 'ab\uD800cd', 'lone surrogate'],
  ['lone low surrogate', '\uDC00', 'lone surrogate'],
  ['throwing getter', throwing, null],
  ['revoked proxy', revoked.proxy, 'unreadable'],
  ['trapping proxy', trapping, 'unreadable'],
  ['cyclic object', cyclic, null],
  ['cyclic array', cyclicArr, null],
  ['deep array', deep, null],
  ['deep object', deepObj, null],
  ['sparse array', sparse, null],
];

test('values JSON cannot carry are type errors at their path', () => {
  for (const field of ['name', 'note', 'departments', 'staffCustomForm']) {
    for (const [label, value, actual] of VALUES) {
      const input = structuredClone(seed(ID));
      input.body[field] = value;
      for (const locale of ['en', 'zh-CN']) {
        const report = rg.validate(ID, input, { locale });
        assert.equal(report.ok, false, `${field} = ${label}`);
        const own = report.errors.filter((e) => e.code === 'type' && e.path.startsWith(`/body/${field}`));
        assert.ok(own.length >= 1, `${field} = ${label}: ${JSON.stringify(report.errors)}`);
        if (actual) {
          assert.deepEqual(own[0].params, { expected: 'JSON value', actual }, label);
          assert.equal(own[0].path, `/body/${field}`, label);
        }
        for (const e of own) assert.ok(e.message.length > 0 && !e.message.includes('\uFFFD'));
        assert.throws(
          () => rg.buildRequest(ID, input, { locale }),
          (e) => e instanceof rg.RosterguardError && e.kind === 'invalid' && e.report.ok === false,
          label,
        );
      }
      stillWorks();
    }
  }
});

test('specific paths: array items, cycles, sparse arrays, keys', () => {
  const input = structuredClone(seed(ID));
  input.body.departments = ['a', undefined, NaN];
  input.body.defaultDepartment = 'a';
  let r = rg.validate(ID, input);
  assert.deepEqual(r.errors.map((e) => [e.path, e.code, e.params.actual]), [
    ['/body/departments/1', 'type', 'undefined'],
    ['/body/departments/2', 'type', 'NaN'],
  ]);
  input.body.departments = cyclicArr;
  r = rg.validate(ID, input);
  assert.ok(r.errors.some((e) => e.path === '/body/departments/0' && e.params.actual === 'cycle'));
  input.body.departments = huge;
  r = rg.validate(ID, input);
  assert.ok(r.errors.some((e) => e.path === '/body/departments' && e.code === 'max_items'));
  // A key with a lone surrogate.
  const odd = structuredClone(seed(ID));
  odd.body.staffCustomForm['u_\uD800'] = 'x';
  r = rg.validate(ID, odd);
  assert.ok(r.errors.some((e) => e.code === 'type' && e.params.actual === 'lone surrogate'), JSON.stringify(r.errors));
  // Shared (not cyclic) references are fine, as in JSON.stringify.
  const shared = ['d1'];
  const ok = structuredClone(seed(ID));
  ok.body.departments = shared;
  ok.body.defaultDepartment = 'd1';
  ok.body.staffCustomForm = { rankType: 'r' };
  assert.equal(rg.validate(ID, { ...ok, extraRef: undefined }).ok, true);
  stillWorks();
});

test('undefined properties are absent, as in JSON.stringify; -0 is 0', () => {
  const input = structuredClone(seed(ID));
  input.body.note = undefined;
  const req = rg.buildRequest(ID, input);
  assert.equal('note' in JSON.parse(req.body), false);
  const dt = structuredClone(seed('dingtalk.updateEmployeeRoster'));
  dt.body.agentid = -0;
  const minusZero = rg.validate('dingtalk.updateEmployeeRoster', dt);
  dt.body.agentid = 0;
  assert.deepEqual(minusZero, rg.validate('dingtalk.updateEmployeeRoster', dt));
  // Safe integers stay integers in the built body.
  const ek = structuredClone(seed('fxiaoke.updateMember'));
  const built = rg.buildRequest('fxiaoke.updateMember', ek).body;
  assert.equal(built, JSON.stringify(JSON.parse(built)));
});

test('the root and the envelope can be anything', () => {
  for (const v of [undefined, null, 0, '', [], NaN, 1n, () => {}, Symbol(), new Date(), cyclic, deep, 'x'.repeat(1e6)]) {
    const r = rg.validate(ID, v);
    assert.equal(r.ok, false);
    assert.ok(r.errors.length >= 1);
    assert.throws(() => rg.buildRequest(ID, v), rg.RosterguardError);
    for (const id of rg.endpoints().map((e) => e.id)) rg.validate(id, { body: v, query: v, path: v });
  }
  stillWorks();
});

test('odd arguments are misuse errors, never crashes', () => {
  const odd = [undefined, null, 1, NaN, {}, [], () => {}, Symbol(), 1n, 'x\uD800', new Date()];
  for (const a of odd) {
    for (const call of [
      () => rg.validate(a, {}),
      () => rg.buildRequest(a, {}),
      () => rg.validate(ID, {}, a),
      () => rg.validateField(ID, a, 1),
      () => rg.validateField(ID, '/body/name', a, a, a),
      () => rg.parseResponse(ID, a, a),
      () => rg.describe(a),
      () => rg.jsonSchema(a),
      () => rg.redact(a),
      () => rg.schema(ID)['~standard'].validate(a),
    ]) {
      try {
        call();
      } catch (e) {
        assert.ok(e instanceof rg.RosterguardError, `${String(e)}`);
        assert.notEqual(e.kind, 'internal', e.message);
      }
    }
  }
  stillWorks();
});

test('tokens never leak into messages', () => {
  const input = structuredClone(seed(ID));
  input.query.accessToken = 'SECRET-TOKEN-123';
  input.body.email = 'SECRET-TOKEN-123';
  for (const locale of ['en', 'zh-CN']) {
    const r = rg.validate(ID, input, { locale });
    assert.ok(!JSON.stringify(r).includes('SECRET-TOKEN'), JSON.stringify(r));
  }
});
