// The units of rosterguard/sync, each on its own (no HTTP): the pointer
// module, the options table, the limiter, the reply wait, the token source,
// the ledger's request digest, and the main loop's create / delete logic
// over an injected endpoint table (operation, idempotency key) and a fake
// fetch that applies a request and then loses its reply.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as api from 'rosterguard';

// The units are files of the installed package, not entry points of it.
const pkgDir = dirname(createRequire(import.meta.url).resolve('rosterguard/package.json'));
const unit = (f) => import(join(pkgDir, f));
const { carries, getAt, recordKeys, segments, setAt } = await unit('pointer.js');
const { SYNC_OPTIONS, parseFlag, readOptions, typescriptMembers } = await unit('sync-options.js');
const { createLimiter, replyWaitMs, retryAfterMs } = await unit('sync-limiter.js');
const { createTokenSource, scrubText } = await unit('sync-token.js');
const { requestText, stateKey } = await unit('sync-ledger.js');
const { createSync, hash128, settledBy, uuidFrom } = await unit('sync-core.js');

test('pointer: segments, getAt (own properties only), carries, setAt copies, recordKeys with -', () => {
  assert.deepEqual(segments(''), []);
  assert.deepEqual(segments('/a~1b/c~0d/0'), ['a/b', 'c~d', '0']);
  const rec = { body: { list: [{ id: 'x' }, { id: 7 }, { id: null }], nil: null }, __proto__: { inherited: 1 } };
  assert.equal(getAt(rec, '/body/list/1/id'), 7);
  assert.equal(getAt(rec, '/inherited'), undefined);
  assert.equal(getAt(rec, '/body/list/9/id'), undefined);
  assert.ok(carries(rec, '/body/list'));
  assert.ok(!carries(rec, '/body/nil'));
  assert.ok(!carries(rec, '/body/absent'));
  const copy = setAt(rec, '/query/token', 't');
  assert.equal(copy.query.token, 't');
  assert.equal(rec.query, undefined, 'the record is not changed');
  assert.equal(copy.body, rec.body, 'untouched branches are shared');
  const arr = setAt({ a: [1, 2] }, '/a/1', 3);
  assert.deepEqual(arr, { a: [1, 3] });
  assert.ok(Array.isArray(arr.a));
  assert.deepEqual(recordKeys(rec, '/body/list/-/id'), ['x', '7']);
  assert.deepEqual(recordKeys({ ids: ['a', 'b'] }, '/ids'), ['a', 'b']);
  assert.deepEqual(recordKeys(rec, ''), []);
});

test('options table: one row per option, checks with the option named, defaults, Node-only files, CLI flags, types', () => {
  const names = SYNC_OPTIONS.map((o) => o.name);
  assert.equal(new Set(names).size, names.length);
  for (const o of SYNC_OPTIONS) assert.ok(o.doc && o.ts && o.kind, o.name);
  const { values, build } = readOptions(api, { locale: 'zh-CN', concurrency: 2 }, { fileSystem: true });
  assert.equal(values.concurrency, 2);
  assert.equal(values.maxAttempts, 5);
  assert.equal(values.timeoutMs, 30000);
  assert.deepEqual(build, { locale: 'zh-CN' });
  const refuses = (opts, re, fileSystem = true) =>
    assert.throws(() => readOptions(api, opts, { fileSystem }), (e) => e instanceof api.RosterguardError && e.kind === 'invalid_option' && re.test(e.message));
  refuses({ nope: 1 }, /unknown option "nope"/);
  refuses({ concurrency: 1.5 }, /concurrency must be a positive integer/);
  refuses({ ratePerSecond: 0 }, /ratePerSecond/);
  refuses({ dryRun: 'yes' }, /dryRun must be true or false/);
  refuses({ state: '' }, /state must be a file path/);
  refuses({ state: 'f' }, /state option needs Node/, false);
  refuses(null, /options must be an object/);
  assert.equal(readOptions(api, { ratePerSecond: Infinity }, { fileSystem: true }).values.ratePerSecond, Infinity);
  // CLI flags and the types come from the same rows.
  const rate = SYNC_OPTIONS.find((o) => o.name === 'ratePerSecond');
  assert.deepEqual(parseFlag(rate, '2.5'), { value: 2.5 });
  assert.match(parseFlag(rate, '0').error, /--rate/);
  assert.deepEqual(parseFlag(SYNC_OPTIONS.find((o) => o.name === 'dryRun'), true), { value: true });
  const ts = typescriptMembers();
  for (const n of names) assert.match(ts, new RegExp(`\\b${n}\\?: `));
});

test('limiter: any two requests `rate` apart start at least a window apart, counted from the reply; FIFO; stop', async () => {
  const rate = 3;
  const windowMs = 120;
  const limiter = createLimiter(rate, windowMs);
  const starts = [];
  const order = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 9 }, async (_, i) => {
      const release = await limiter.acquire(() => false);
      starts.push(performance.now() - t0);
      order.push(i);
      await new Promise((r) => setTimeout(r, 10)); // "latency"
      release();
    }),
  );
  assert.deepEqual(order, [0, 1, 2, 3, 4, 5, 6, 7, 8], 'first come, first served');
  for (let i = rate; i < starts.length; i++) {
    // started >= window after the reply (start + latency) of the one `rate` places before
    assert.ok(starts[i] - starts[i - rate] >= windowMs + 10 - 2, `${i}: ${starts[i] - starts[i - rate]} ms`);
  }
  assert.ok(starts[2] < windowMs / 2, 'the first `rate` start at once');
  // A slot held (request on the wire) holds back the next round until released.
  const one = createLimiter(1, 50);
  const release = await one.acquire();
  let second = false;
  const p = one.acquire().then((r) => {
    second = true;
    return r;
  });
  await new Promise((r) => setTimeout(r, 120));
  assert.equal(second, false, 'no start while the previous request is on the wire');
  release();
  (await p)();
  // Stopped while waiting: resolves undefined.
  let stop = false;
  const held = await one.acquire();
  const waiting = one.acquire(() => stop);
  stop = true;
  one.wake();
  assert.equal(await waiting, undefined);
  held();
  // Infinity: no wait; below 1/s: one per 1/rate s.
  const inf = createLimiter(Infinity);
  for (let i = 0; i < 100; i++) (await inf.acquire())();
  const slow = createLimiter(0.5, 40); // one per 80 ms
  (await slow.acquire())();
  const t1 = performance.now();
  (await slow.acquire())();
  assert.ok(performance.now() - t1 >= 75);
});

test('reply wait: Retry-After (seconds or date) and the declared reset header, the longer wins', () => {
  const h = (o) => ({ get: (k) => o[k] ?? null });
  assert.equal(retryAfterMs('2'), 2000);
  assert.equal(retryAfterMs(new Date(Date.now() + 3000).toUTCString()) > 1000, true);
  assert.equal(retryAfterMs('soon'), undefined);
  assert.equal(replyWaitMs(h({ 'x-ogw-ratelimit-reset': '3' }), 'x-ogw-ratelimit-reset'), 3000);
  assert.equal(replyWaitMs(h({ 'x-ogw-ratelimit-reset': '3' }), null), undefined, 'only the declared header counts');
  assert.equal(replyWaitMs(h({ 'retry-after': '1', 'x-ogw-ratelimit-reset': '4' }), 'x-ogw-ratelimit-reset'), 4000);
  assert.equal(replyWaitMs(h({ 'retry-after': '5', 'x-ogw-ratelimit-reset': 'x' }), 'x-ogw-ratelimit-reset'), 5000);
  assert.equal(replyWaitMs(undefined, 'x'), undefined);
  // Feishu declares its header in the vendor file; the JS only reads it.
  const feishu = api.endpoints().find((e) => e.id === 'feishu.patchUser');
  assert.equal(feishu.rateResetHeader, 'x-ogw-ratelimit-reset');
  assert.deepEqual(feishu.fieldRates.map((r) => [r.pointers, r.perSecond]), [[['/body/department_ids', '/body/is_frozen'], 1]]);
  assert.match(feishu.fieldRates[0].source, /open\.feishu\.cn.*2025-11-20/);
});

test('token source: one refresh for many expired replies, the prefix added, failures scrubbed', async () => {
  let calls = 0;
  const src = createTokenSource(api, async () => `tok${++calls}`, 'Bearer ');
  await src.start();
  assert.equal(src.value(), 'Bearer tok1');
  const gen = src.generation();
  await Promise.all([src.refresh(gen), src.refresh(gen), src.refresh(gen)]);
  assert.equal(calls, 2, 'one refresh');
  await src.refresh(gen); // an old generation: already refreshed
  assert.equal(calls, 2);
  assert.ok(src.secrets.has('tok2') && src.secrets.has('tok1'));
  assert.equal(scrubText('x tok2 y', src.secrets), 'x *** y');
  const bad = createTokenSource(api, async () => {
    throw new Error('cannot reach the token server with secret-123');
  });
  await assert.rejects(bad.start(), (e) => e.kind === 'invalid_argument' && /getToken failed/.test(e.message));
  const none = createTokenSource(api, undefined);
  await none.start();
  assert.equal(none.value(), undefined);
});

test('ledger: the state key of a record; the request digest leaves out the token and generated parts', () => {
  assert.equal(stateKey([]), undefined);
  assert.equal(stateKey(['u1']), 'u1');
  assert.equal(stateKey(['a', 'b']), '["a","b"]');
  const req = (token, trace) => ({
    method: 'POST',
    url: `http://127.0.0.1/x?access_token=${token}&thirdTraceId=${trace}&a=1`,
    headers: { 'Content-Type': 'application/json' },
    body: '{"x":1}',
  });
  const one = requestText(api, req('t1', 'aaa'), req('t1', 'bbb'));
  const two = requestText(api, req('t2', 'ccc'), req('t2', 'ddd'));
  assert.equal(one, two);
  assert.ok(!one.includes('t1') && !one.includes('aaa'));
  assert.notEqual(one, requestText(api, { ...req('t1', 'a'), body: '{"x":2}' }, { ...req('t1', 'b'), body: '{"x":2}' }));
});

test('digests: hash128 is stable, uuidFrom has the UUID layout', () => {
  assert.equal(hash128('abc'), hash128('abc'));
  assert.notEqual(hash128('abc'), hash128('abd'));
  assert.match(hash128(''), /^[0-9a-f]{32}$/);
  assert.match(uuidFrom(hash128('x')), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

// ---- the main loop over an injected endpoint table -------------------------

/** A fake package API with one endpoint of `operation`, and a fake vendor behind a fetch. */
function fakeWorld(operation, { idempotencyKey = null, lose = () => false, users = [] } = {}) {
  const existing = new Set(users);
  const tokens = new Set();
  const log = { requests: 0, applied: 0, perKey: new Map() };
  const info = {
    id: 'fake.op',
    ratePerSecond: Infinity,
    tokenPointer: '/query/token',
    tokenPrefix: '',
    recordKey: '/body/id',
    operation,
    idempotencyKey,
    fieldRates: [],
    rateResetHeader: null,
  };
  const fakeApi = {
    RosterguardError: api.RosterguardError,
    endpoints: () => [info],
    validate: () => ({ ok: true, errors: [], warnings: [] }),
    redact: (r) => r,
    buildRequest: (_id, input) => ({
      method: 'POST',
      url: `http://127.0.0.1/op?${new URLSearchParams(input.query ?? {})}`,
      headers: {},
      body: JSON.stringify(input.body),
    }),
    parseResponse: (_id, status, text) => {
      const r = JSON.parse(text);
      return {
        ok: r.code === 0,
        vendorCode: String(r.code),
        message: r.msg,
        retryable: r.code === 1,
        traceId: null,
        tokenExpired: false,
        reason: null,
        alreadyExists: r.code === 2,
        notFound: r.code === 3,
      };
    },
  };
  const fetch = async (url, init) => {
    log.requests++;
    const id = JSON.parse(init.body).id;
    const key = new URL(url).searchParams.get('client_token');
    let reply;
    let appliedNow = false;
    if (key && tokens.has(key)) reply = { code: 0, msg: 'same create' };
    else if (operation === 'create' && existing.has(id)) reply = { code: 2, msg: 'exists' };
    else if (operation === 'delete' && !existing.has(id)) reply = { code: 3, msg: 'not found' };
    else {
      if (operation === 'create') existing.add(id);
      else existing.delete(id);
      if (key) tokens.add(key);
      log.applied++;
      log.perKey.set(id, (log.perKey.get(id) ?? 0) + 1);
      reply = { code: 0, msg: 'ok' };
      appliedNow = true;
    }
    // Applied, then the connection drops before the reply.
    if (appliedNow && lose(id, log.perKey.get(id))) {
      const e = new TypeError('fetch failed');
      e.cause = { code: 'UND_ERR_SOCKET' };
      throw e;
    }
    return { status: 200, text: async () => JSON.stringify(reply), headers: { get: () => null } };
  };
  return { sync: createSync(fakeApi, {}), fetch, log, existing };
}

const run = async (w, records, opts = {}) => {
  const out = [];
  for await (const o of w.sync('fake.op', records, { fetch: w.fetch, backoffMs: 1, ...opts })) out.push(o);
  return out.sort((a, b) => a.index - b.index);
};

test('create: a lost reply then "already exists" is sent (applied earlier); "already exists" alone is a conflict', async () => {
  let lost = 0;
  const w = fakeWorld('create', {
    users: ['old'],
    lose: (id, applied) => id.startsWith('l') && applied === 1 && lost++ < 100,
  });
  const out = await run(w, [{ body: { id: 'l1' } }, { body: { id: 'n1' } }, { body: { id: 'old' } }]);
  assert.deepEqual(
    out.map((o) => [o.index, o.status, o.appliedEarlier ?? false]),
    [
      [0, 'sent', true],
      [1, 'sent', false],
      [2, 'failed', false],
    ],
  );
  assert.equal(out[0].attempts, 2);
  assert.equal(out[2].attempts, 1, 'a real conflict is not retried');
  assert.equal(out[2].reply.alreadyExists, true);
  assert.deepEqual([...w.log.perKey.values()], [1, 1], 'each created once');
});

test('delete: a lost reply then "not found" is sent (applied earlier); "not found" alone fails', async () => {
  const w = fakeWorld('delete', { users: ['a', 'b'], lose: (id, applied) => id === 'a' && applied === 1 });
  const out = await run(w, [{ body: { id: 'a' } }, { body: { id: 'b' } }, { body: { id: 'gone' } }]);
  assert.deepEqual(
    out.map((o) => [o.status, o.appliedEarlier ?? false]),
    [
      ['sent', true],
      ['sent', false],
      ['failed', false],
    ],
  );
  assert.equal(w.existing.size, 0);
});

test('updates are untouched by "already exists" / "not found" flags: a failure stays a failure', async () => {
  const w = fakeWorld('update', { lose: (id, applied) => applied === 1 });
  const out = await run(w, [{ body: { id: 'x' } }]);
  assert.equal(out[0].status, 'sent');
  assert.equal(out[0].appliedEarlier, undefined);
  assert.equal(settledBy('update', { alreadyExists: true, notFound: true }), false);
  assert.equal(settledBy('create', { alreadyExists: true }), true);
  assert.equal(settledBy('delete', { notFound: true }), true);
});

test('idempotency key: set from the record when it has none, the same across retries and reruns; kept when given', async () => {
  const seen = [];
  const w = fakeWorld('create', { idempotencyKey: '/query/client_token', lose: (id, applied) => applied === 1 && id === 'r1' });
  const inner = w.fetch;
  const fetch = (url, init) => {
    seen.push(new URL(url).searchParams.get('client_token'));
    return inner(url, init);
  };
  const records = [{ body: { id: 'r1' } }, { body: { id: 'r2' }, query: { client_token: 'mine' } }];
  const out = await run(w, records, { fetch });
  assert.deepEqual(out.map((o) => o.status), ['sent', 'sent']);
  const r1 = seen.filter((t) => t !== 'mine');
  assert.equal(r1.length, 2, 'r1 was retried');
  assert.equal(r1[0], r1[1], 'the same key on the retry');
  assert.match(r1[0], /^[0-9a-f-]{36}$/);
  assert.ok(seen.includes('mine'));
  assert.equal(records[0].query, undefined, "the caller's record is not changed");
  // A rerun of the same record carries the same key: the vendor answers with the first result.
  const again = await run(w, [{ body: { id: 'r1' } }], { fetch });
  assert.equal(again[0].status, 'sent');
  assert.equal(seen.at(-1), r1[0]);
  assert.equal(w.log.perKey.get('r1'), 1, 'created once');
});

test('dry run over the injected table: nothing fetched, every record planned', async () => {
  const w = fakeWorld('update');
  const out = await run(w, [{ body: { id: 'a' } }, { body: { id: 'b' } }], { dryRun: true });
  assert.deepEqual(out.map((o) => o.status), ['planned', 'planned']);
  assert.equal(w.log.requests, 0);
});
