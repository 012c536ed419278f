// rosterguard/sync against rosterguard/mock over real HTTP on 127.0.0.1.
// Counts, not timings: every record ends exactly once, nothing is updated
// twice, the server never sees more than the rate in any second, a killed
// run resumes from its journal without sending again what was sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { endpoints, RosterguardError } from 'rosterguard';
import { sync } from 'rosterguard/sync';
import { startMockVendor } from 'rosterguard/mock';
import { badDingtalk, collect, countBy, DINGTALK, dingtalk, localFetch, readJournal, sleep } from './sync-helpers.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'rg-sync-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

test('10 000 records, 20 % faults, the token expiring mid-run: each ends once, none updated twice, never over the rate', { timeout: 90000 }, async () => {
  const N = 10000;
  // Raised on both sides, so that the run takes seconds; below what this
  // process (client and server on one event loop) can serve, so that no
  // plain request queues past the timeout (a timed-out request the server
  // did apply would be sent again: at-least-once, see the README).
  const RATE = 1000;
  const mock = await startMockVendor({
    endpoint: DINGTALK,
    ratePerSecond: RATE,
    faults: { rate: 0.2, seed: 13, slowMs: 3100, retryAfterSeconds: 1 },
    tokenExpiresEvery: 3000,
  });
  // Warm-up (JIT, wasm tier-up, connections), outside the counts below.
  await collect(sync(DINGTALK, Array.from({ length: 200 }, (_, i) => dingtalk(`w${i}`)), { fetch: localFetch, baseUrl: mock.url, ratePerSecond: 400, concurrency: 64, maxAttempts: 10, backoffMs: 20, getToken: () => 'warm-up' }));
  const warm = mock.stats();
  const invalidAt = (i) => i % 997 === 5;
  let tokens = 0;
  const issued = [];
  try {
    const records = (function* () {
      for (let i = 0; i < N; i++) yield invalidAt(i) ? badDingtalk(i) : dingtalk(i);
    })();
    const started = performance.now();
    const outcomes = [];
    const yieldedAt = new Map();
    const run = sync(DINGTALK, records, {
        fetch: localFetch,
        baseUrl: mock.url,
        concurrency: 64,
        ratePerSecond: RATE,
        maxAttempts: 10,
        backoffMs: 20,
        // Above what a loaded 2-core machine takes to answer, below slowMs.
        timeoutMs: 3000,
        getToken: async () => {
          const t = `tok-${++tokens}-${Math.random().toString(36).slice(2)}`;
          issued.push(t);
          return t;
        },
      });
    for await (const o of run) {
      outcomes.push(o);
      yieldedAt.set(o.index, performance.timeOrigin + performance.now());
    }
    const seconds = (performance.now() - started) / 1000;
    const stats = mock.stats();

    // Exactly one final outcome per record.
    assert.equal(outcomes.length, N);
    const seen = new Set(outcomes.map((o) => o.index));
    assert.equal(seen.size, N);
    for (let i = 0; i < N; i++) assert.ok(seen.has(i), `no outcome for ${i}`);

    const invalid = outcomes.filter((o) => o.status === 'invalid');
    const expectedInvalid = Array.from({ length: N }, (_, i) => i).filter(invalidAt);
    assert.deepEqual(invalid.map((o) => o.index).sort((a, b) => a - b), expectedInvalid);
    for (const o of invalid) {
      assert.equal(o.attempts, 0);
      assert.ok(o.report.errors.some((e) => e.code === 'format'));
      assert.equal(stats.keys[`u${o.index}`], undefined, 'an invalid record reached the server');
    }
    const counts = countBy(outcomes);
    // A record fails only when all its 10 attempts met faults or timeouts (rare; more
    // likely on a loaded machine): then its last reply is a retryable one.
    for (const o of outcomes.filter((x) => x.status === 'failed')) {
      assert.equal(o.attempts, 10, JSON.stringify(o));
      assert.equal(o.reply.retryable || o.reply.tokenExpired, true, JSON.stringify(o));
    }
    assert.ok(counts.failed <= 10, `${counts.failed} failed`);
    assert.equal(counts.sent + counts.failed, N - expectedInvalid.length);

    // The runner never sends a record again after its success: the server
    // saw at most `attempts` requests for it, and a record sent in one
    // attempt is updated exactly once. (A record is applied twice only when
    // an earlier attempt timed out on the client after the server applied
    // it, or reached the server late: at-least-once, counted below.)
    let twice = 0;
    let late = 0;
    let applied = 0;
    for (const o of outcomes) {
      if (o.status !== 'sent') continue;
      const k = stats.keys[`u${o.index}`];
      assert.ok(k.updates >= 1, `u${o.index} sent but never applied`);
      assert.ok(k.requests <= o.attempts, `u${o.index}: ${k.requests} requests for ${o.attempts} attempts`);
      if (o.attempts === 1) assert.equal(k.updates, 1, `u${o.index}: one attempt, ${k.updates} updates`);
      if (k.lastUpdateAt > yieldedAt.get(o.index)) late++;
      if (k.updates > 1) twice++;
      applied += k.updates;
      assert.ok(o.attempts >= 1 && o.attempts <= 10);
      assert.equal(o.reply.ok, true);
    }
    assert.equal(stats.updates - warm.updates, applied, 'updates of records that were not sent');
    // Only an attempt that timed out can apply twice (asserted per record
    // above); how many time out depends on the machine's load, so this bound
    // only catches a runner that retries what it should not.
    assert.ok(twice < N / 50, `${twice} records applied twice (timeouts)`);

    // Never more than the rate in any 1 s window: the server never throttled.
    assert.ok(stats.maxInAnySecond <= RATE, `server saw ${stats.maxInAnySecond} in one second`);
    assert.equal(stats.throttled, 0);

    // Faults of every kind happened, retries made up for them, the token was refreshed.
    // ('lost' and 'late' apply an update before failing: only on request.)
    for (const [kind, n] of Object.entries(stats.faults)) {
      if (kind === 'lost' || kind === 'late') assert.equal(n, 0);
      else assert.ok(n - warm.faults[kind] > 50, `only ${n} ${kind} faults`);
    }
    assert.ok(stats.requests - warm.requests > N * 1.15, `${stats.requests} requests`);
    assert.ok(tokens >= 4, `getToken called ${tokens} times (3 expiries + the start)`);

    // No token in any outcome.
    const text = JSON.stringify(outcomes);
    for (const t of issued) assert.ok(!text.includes(t), 'a token leaked into an outcome');
    console.log(
      `# 10k run: ${seconds.toFixed(1)} s, ${stats.requests} requests, faults ${JSON.stringify(stats.faults)}, ` +
        `${tokens} tokens, max ${stats.maxInAnySecond} in a second, ${twice} applied twice (${late} of them after the success, from an attempt that timed out)`,
    );
  } finally {
    await mock.close();
  }
});

test('at the documented rate (DingTalk, no override on either side) the server never throttles', { timeout: 20000 }, async () => {
  const mock = await startMockVendor({ endpoint: DINGTALK });
  try {
    const outcomes = await collect(
      sync(DINGTALK, Array.from({ length: 45 }, (_, i) => dingtalk(i)), {
        fetch: localFetch,
        baseUrl: mock.url,
        concurrency: 16,
        getToken: () => 'documented-rate-token',
      }),
    );
    const stats = mock.stats();
    assert.equal(countBy(outcomes).sent, 45);
    assert.equal(stats.requests, 45);
    assert.equal(stats.throttled, 0);
    assert.ok(stats.maxInAnySecond <= 20, `${stats.maxInAnySecond} in one second`);
    assert.ok(stats.maxInAnySecond >= 15, 'the runner should use the documented rate, not crawl');
  } finally {
    await mock.close();
  }
});

test('SIGKILL in the middle, rerun with the same journal: finishes, nothing sent again once journaled as sent', { timeout: 60000 }, async () => {
  const N = 1500;
  const mock = await startMockVendor({
    endpoint: DINGTALK,
    ratePerSecond: 1000,
    faults: { rate: 0.1, seed: 7, kinds: ['5xx', '429', 'busy', 'throttled', 'reset'], retryAfterSeconds: 1 },
  });
  const journal = join(tmp, 'kill.ndjson');
  const child = (env = {}) =>
    spawn(process.execPath, [join(here, 'sync-child.mjs'), mock.url, journal, String(N)], {
      cwd: here,
      env: { ...process.env, RG_TOKEN: 'kill-test-token-0001', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const finished = (p) =>
    new Promise((resolve) => {
      let out = '';
      let err = '';
      p.stdout.on('data', (d) => (out += d));
      p.stderr.on('data', (d) => (err += d));
      p.on('exit', (code, signal) => resolve({ code, signal, out, err }));
    });
  try {
    // Run 1: killed once about a third of the records are journaled.
    const first = child();
    const firstDone = finished(first);
    const deadline = Date.now() + 30000;
    for (;;) {
      let size = 0;
      try {
        size = statSync(journal).size;
      } catch {
        // not created yet
      }
      if (size > 0 && readJournal(journal).length >= N / 3) break;
      assert.ok(Date.now() < deadline, 'the first run made no progress');
      await sleep(20);
    }
    first.kill('SIGKILL');
    const r1 = await firstDone;
    assert.equal(r1.signal, 'SIGKILL');
    const before = readJournal(journal);
    const sentBefore = new Set(before.filter((e) => e.status === 'sent').map((e) => e.index));
    assert.ok(sentBefore.size >= N / 3 - 10 && sentBefore.size < N, `${sentBefore.size} sent before the kill`);
    const statsBefore = mock.stats();

    // Run 2: the same journal.
    const r2 = await finished(child());
    assert.equal(r2.code, 0, r2.err);
    const counts = JSON.parse(r2.out.trim().split('\n').pop());
    assert.equal(counts.skipped, sentBefore.size);
    assert.equal(counts.sent + counts.skipped, N, JSON.stringify(counts));
    assert.equal(counts.failed + counts.invalid, 0);

    // What was journaled as sent was not requested again.
    const statsAfter = mock.stats();
    for (const i of sentBefore) {
      assert.equal(statsAfter.keys[`u${i}`].requests, statsBefore.keys[`u${i}`].requests, `u${i} sent again`);
      assert.equal(statsAfter.keys[`u${i}`].updates, 1);
    }
    // Every record is journaled as sent exactly once over both runs.
    const sentLines = readJournal(journal).filter((e) => e.status === 'sent');
    assert.equal(sentLines.length, N);
    assert.equal(new Set(sentLines.map((e) => e.index)).size, N);
    // Only records on the wire at the kill can have been applied twice (at most the concurrency).
    const twice = Object.values(statsAfter.keys).filter((k) => k.updates > 1).length;
    assert.ok(twice <= 8, `${twice} records applied twice`);
    assert.ok(!readFileSync(journal, 'utf8').includes('kill-test-token-0001'), 'the token is in the journal');
  } finally {
    await mock.close();
  }
});

test('invalid records are never sent; their reports are in the outcome', { timeout: 20000 }, async () => {
  const mock = await startMockVendor({ endpoint: DINGTALK, ratePerSecond: 1000 });
  try {
    const records = [];
    for (let i = 0; i < 40; i++) records.push(i % 4 === 1 ? badDingtalk(i) : dingtalk(i));
    records.push(null, 'text', { body: {} }, { query: { access_token: 'x' } });
    const outcomes = await collect(
      sync(DINGTALK, records, { fetch: localFetch, baseUrl: mock.url, ratePerSecond: 1000, getToken: () => 'inv-token', locale: 'zh-CN' }),
    );
    const counts = countBy(outcomes);
    assert.deepEqual(counts, { sent: 30, invalid: 14, failed: 0, skipped: 0 });
    const stats = mock.stats();
    assert.equal(stats.requests, 30);
    assert.equal(stats.invalid, 0);
    for (const o of outcomes.filter((x) => x.status === 'invalid')) {
      assert.equal(o.attempts, 0);
      assert.equal(o.report.ok, false);
      assert.ok(o.report.errors.length > 0);
      assert.match(o.report.errors[0].message, /[\u4e00-\u9fff]/, 'zh-CN messages');
      if (o.index < 40) assert.equal(stats.keys[`u${o.index}`], undefined);
    }
  } finally {
    await mock.close();
  }
});

test('abort via signal: no new request after it, what finished is yielded, the iteration ends', { timeout: 20000 }, async () => {
  const mock = await startMockVendor({ endpoint: DINGTALK, ratePerSecond: 1000 });
  try {
    const ac = new AbortController();
    const outcomes = [];
    let atAbort;
    const it = sync(DINGTALK, Array.from({ length: 500 }, (_, i) => dingtalk(i)), {
      fetch: localFetch,
      baseUrl: mock.url,
      ratePerSecond: 100,
      concurrency: 6,
      signal: ac.signal,
      getToken: () => 'abort-token',
    });
    for await (const o of it) {
      outcomes.push(o);
      if (outcomes.length === 40) {
        ac.abort();
        atAbort = mock.stats().requests;
      }
    }
    const atEnd = mock.stats().requests;
    await sleep(300);
    assert.equal(mock.stats().requests, atEnd, 'requests after the iteration ended');
    assert.ok(atEnd - atAbort <= 6, `${atEnd - atAbort} requests after the abort`);
    assert.ok(outcomes.length >= 40 && outcomes.length < 60, `${outcomes.length} outcomes`);
    assert.equal(new Set(outcomes.map((o) => o.index)).size, outcomes.length);
    assert.ok(outcomes.every((o) => o.status === 'sent'));
    // Every request that reached the server has its outcome.
    assert.equal(mock.stats().updates, outcomes.length);
  } finally {
    await mock.close();
  }
});

test('memory stays flat: an async-iterable input is pulled only as far as the in-flight window', { timeout: 30000 }, async () => {
  const mock = await startMockVendor({ endpoint: DINGTALK, ratePerSecond: 5000 });
  try {
    let pulled = 0;
    let yielded = 0;
    let worst = 0;
    const records = (async function* () {
      for (let i = 0; i < 3000; i++) {
        pulled++;
        yield dingtalk(i);
      }
    })();
    for await (const o of sync(DINGTALK, records, {
      fetch: localFetch,
      baseUrl: mock.url,
      concurrency: 8,
      ratePerSecond: 5000,
      getToken: () => 'window-token',
    })) {
      assert.equal(o.status, 'sent');
      yielded++;
      worst = Math.max(worst, pulled - yielded);
    }
    assert.equal(yielded, 3000);
    // In flight at most `concurrency`, plus the one being yielded.
    assert.ok(worst <= 9, `read ${worst} records ahead of the outcomes`);
  } finally {
    await mock.close();
  }
});

test('getToken replaces the token records carry; expired without getToken fails at once; tokens never leak', async () => {
  const mock = await startMockVendor({
    endpoint: DINGTALK,
    ratePerSecond: 1000,
    acceptToken: (t) => t.startsWith('fresh-'),
  });
  try {
    const stale = (i) => dingtalk(i, { token: 'stale-token-in-record' });
    let calls = 0;
    const ok = await collect(
      sync(DINGTALK, [stale(1), stale(2), stale(3)], {
        fetch: localFetch,
        baseUrl: mock.url,
        ratePerSecond: 1000,
        getToken: async () => `fresh-${++calls}`,
      }),
    );
    assert.deepEqual(countBy(ok), { sent: 3, invalid: 0, failed: 0, skipped: 0 });
    assert.equal(calls, 1, 'getToken once at the start');

    // The mock expires every token: one refresh for many expired replies, then the retry works.
    mock.expireTokens();
    const again = await collect(
      sync(DINGTALK, [stale(4), stale(5), stale(6), stale(7)], {
        fetch: localFetch,
        baseUrl: mock.url,
        ratePerSecond: 1000,
        concurrency: 4,
        getToken: async () => `fresh-${++calls}`,
      }),
    );
    assert.equal(countBy(again).sent, 4);

    // Without getToken the record's own (refused) token is sent once: tokenExpired is final.
    const refused = await collect(sync(DINGTALK, [stale(8)], { fetch: localFetch, baseUrl: mock.url, ratePerSecond: 1000 }));
    assert.equal(refused[0].status, 'failed');
    assert.equal(refused[0].attempts, 1);
    assert.equal(refused[0].reply.tokenExpired, true);
    assert.equal(refused[0].reply.retryable, false);
    assert.ok(!JSON.stringify([ok, again, refused]).includes('stale-token-in-record'));
  } finally {
    await mock.close();
  }

  // A vendor that echoes the token in its message: the outcome shows *** instead.
  const echo = async (url) => {
    const token = new URL(url).searchParams.get('access_token');
    return new Response(JSON.stringify({ errcode: 40035, errmsg: `bad token ${token} here` }), { status: 200 });
  };
  const [o] = await collect(sync(DINGTALK, [dingtalk(1)], { fetch: echo, getToken: () => 'SECRET-ECHO-42' }));
  assert.equal(o.status, 'failed');
  assert.equal(o.reply.message, 'bad token *** here');
});

test('Retry-After is honoured; attempts stop at maxAttempts; non-retryable replies are not retried', { timeout: 20000 }, async () => {
  const mock = await startMockVendor({ endpoint: DINGTALK, ratePerSecond: 1000 });
  try {
    const times = [];
    let first = true;
    const fetch429 = async (url, init) => {
      times.push(performance.now());
      if (first) {
        first = false;
        return new Response('', { status: 429, headers: { 'Retry-After': '1' } });
      }
      return localFetch(url, init);
    };
    const [o] = await collect(
      sync(DINGTALK, [dingtalk(1)], { baseUrl: mock.url, fetch: fetch429, backoffMs: 1, getToken: () => 't' }),
    );
    assert.equal(o.status, 'sent');
    assert.equal(o.attempts, 2);
    assert.ok(times[1] - times[0] >= 990, `retried after ${times[1] - times[0]} ms`);
  } finally {
    await mock.close();
  }

  let calls = 0;
  const always503 = async () => {
    calls++;
    return new Response('busy', { status: 503 });
  };
  const [f] = await collect(sync(DINGTALK, [dingtalk(1)], { fetch: always503, maxAttempts: 3, backoffMs: 1, getToken: () => 't' }));
  assert.deepEqual([f.status, f.attempts, calls, f.reply.retryable], ['failed', 3, 3, true]);

  calls = 0;
  const refuse = async () => {
    calls++;
    return new Response('{"errcode":60121,"errmsg":"找不到该用户"}', { status: 200 });
  };
  const [g] = await collect(sync(DINGTALK, [dingtalk(1)], { fetch: refuse, backoffMs: 1, getToken: () => 't' }));
  assert.deepEqual([g.status, g.attempts, calls, g.reply.vendorCode], ['failed', 1, 1, '60121']);
});

test('journal: a record that differs from the one journaled as sent is an error; misuse is reported', async () => {
  const journal = join(tmp, 'mismatch.ndjson');
  const okFetch = async () => new Response('{"errcode":0,"errmsg":"ok"}', { status: 200 });
  const first = await collect(sync(DINGTALK, [dingtalk(1), dingtalk(2)], { fetch: okFetch, journal, getToken: () => 'j1' }));
  assert.equal(countBy(first).sent, 2);
  // The same records with another token: skipped (the token is not part of a record's identity).
  const again = await collect(sync(DINGTALK, [dingtalk(1), dingtalk(2)], { fetch: okFetch, journal, getToken: () => 'j2' }));
  assert.deepEqual(countBy(again), { sent: 0, invalid: 0, failed: 0, skipped: 2 });
  await assert.rejects(
    collect(sync(DINGTALK, [dingtalk(9)], { fetch: okFetch, journal, getToken: () => 'j3' })),
    (e) => e instanceof RosterguardError && /differs/.test(e.message),
  );
  // A line cut short by a kill is ignored, and the next line starts on its own.
  writeFileSync(journal, readFileSync(journal, 'utf8') + '{"index":5,"stat');
  const more = await collect(sync(DINGTALK, [dingtalk(1), dingtalk(2), dingtalk(3)], { fetch: okFetch, journal, getToken: () => 'j4' }));
  assert.deepEqual(countBy(more), { sent: 1, invalid: 0, failed: 0, skipped: 2 });
  assert.equal(readJournal(journal).filter((e) => e.status === 'sent').length, 3);

  const kind = (k) => (e) => e instanceof RosterguardError && e.kind === k;
  await assert.rejects(collect(sync('nope.nope', [])), kind('unknown_endpoint'));
  await assert.rejects(collect(sync(DINGTALK, [], { concurency: 2 })), kind('invalid_option'));
  await assert.rejects(collect(sync(DINGTALK, [], { concurrency: 0 })), kind('invalid_option'));
  await assert.rejects(collect(sync(DINGTALK, 42)), kind('invalid_argument'));
  // The endpoint's documented rate is in its metadata (the runner's default).
  assert.ok(endpoints().length >= 4);
});

test('every endpoint syncs against its mock; a batch counts each item as a record key', { timeout: 60000 }, async () => {
  // One small run per endpoint of the registry, from its doc example: the
  // token field, its prefix, the record key and the reply shapes all come
  // from endpoints() (nothing here names a vendor's fields).
  const { readdirSync } = await import('node:fs');
  const { fixtureDir, readFixture, recordKeys } = await import('./fixtures.mjs');
  for (const e of endpoints()) {
    const seedFile = readdirSync(join(fixtureDir, e.id)).find((f) => f.startsWith('seed'));
    const input = readFixture(`${e.id}/${seedFile}`).input;
    // A delete needs its users to exist on the mock first.
    const users = e.operation === 'delete' ? recordKeys(input, e.recordKey) : [];
    const mock = await startMockVendor({ endpoint: e.id, port: 0, ratePerSecond: 200, users });
    try {
      let tokens = 0;
      const outcomes = await collect(
        sync(e.id, [structuredClone(input), structuredClone(input)], {
          baseUrl: mock.url,
          fetch: localFetch,
          ratePerSecond: 200,
          getToken: async () => `fresh-${++tokens}`,
        }),
      );
      // The same record twice: an update applies twice; a create with an
      // idempotency key gets its first result again; any other create or
      // delete meets a real conflict the second time (nothing was ambiguous).
      const twice = e.operation === 'update' || e.operation === 'status' || e.idempotencyKey !== null;
      const expected = twice ? { sent: 2, invalid: 0, failed: 0, skipped: 0 } : { sent: 1, invalid: 0, failed: 1, skipped: 0 };
      assert.deepEqual(countBy(outcomes), expected, `${e.id}: ${JSON.stringify(outcomes)}`);
      const conflict = outcomes.find((o) => o.status === 'failed');
      if (conflict) {
        const flag = e.operation === 'create' ? 'alreadyExists' : 'notFound';
        assert.equal(conflict.reply[flag], true, `${e.id}: ${JSON.stringify(conflict)}`);
        assert.equal(conflict.reply.retryable, false, `${e.id}: a conflict is not retried`);
      }
      const keys = Object.keys(mock.stats().keys);
      assert.ok(keys.length >= 1, `${e.id}: no record key counted (${e.recordKey})`);
      if (e.recordKey.includes('/-/')) assert.ok(keys.length >= 2, `${e.id}: each item is a key`);
    } finally {
      await mock.close();
    }
  }
});
