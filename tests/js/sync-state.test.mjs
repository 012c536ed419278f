// rosterguard/sync's state, dry runs, file locks, per-field limits and
// exactly-once creates, counted over real HTTP on 127.0.0.1 against
// rosterguard/mock: unchanged records are never requested, dry runs send
// nothing, a second process is refused, a kill never tears the state, the
// Feishu department/freeze requests arrive at least 1 s apart, and lost
// create replies never make a second user.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { endpoints, RosterguardError, validate } from 'rosterguard';
import { sync } from 'rosterguard/sync';
import { startMockVendor } from 'rosterguard/mock';
import { badDingtalk, collect, countBy, DINGTALK, dingtalk, localFetch, sleep } from './sync-helpers.mjs';
import { fixtureDir, readFixture } from './fixtures.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'rg-state-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

const TOKEN = 'state-secret-token-4242';
const base = (mock, extra = {}) => ({ fetch: localFetch, baseUrl: mock.url, ratePerSecond: 500, concurrency: 16, backoffMs: 10, getToken: () => TOKEN, ...extra });
const requestsPerKey = (mock) => Object.fromEntries(Object.entries(mock.stats().keys).map(([k, v]) => [k, v.requests]));

test('state: unchanged records are never requested; changed and failed ones are; dry runs send nothing; no token in the file', { timeout: 60000 }, async () => {
  const N = 200;
  const file = join(tmp, 'nightly.state');
  const mock = await startMockVendor({ endpoint: DINGTALK, ratePerSecond: 1000 });
  try {
    const records = (changed = new Set(), date = '2021-03-04') => Array.from({ length: N }, (_, i) => dingtalk(i, changed.has(i) ? { date } : {}));

    // Night 1: everything is new.
    const first = await collect(sync(DINGTALK, records(), base(mock, { state: file })));
    assert.deepEqual(countBy(first), { sent: N, invalid: 0, failed: 0, skipped: 0 });
    assert.equal(mock.stats().requests, N);
    const text = readFileSync(file, 'utf8');
    assert.ok(!text.includes(TOKEN), 'no token in the state');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines[0].endpoint, DINGTALK);
    assert.equal(lines.length, N + 1);
    assert.ok(!existsSync(`${file}.lock`), 'the lock is released');

    // Night 2: nothing changed: nothing is requested.
    const second = await collect(sync(DINGTALK, records(), base(mock, { state: file, getToken: () => 'another-token' })));
    assert.deepEqual(countBy(second), { sent: 0, invalid: 0, failed: 0, skipped: 0, unchanged: N });
    assert.equal(mock.stats().requests, N, 'unchanged records were requested');

    // Night 3: 8 records changed; 3 of them fail (connection refused, not retried).
    const changed = new Set([0, 1, 2, 3, 4, 5, 6, 7]);
    const refuse = new Set(['u5', 'u6', 'u7']);
    const flaky = (url, init) => {
      if (refuse.has(JSON.parse(init.body).param.userid)) {
        const e = new TypeError('fetch failed');
        e.cause = { code: 'ECONNREFUSED' };
        return Promise.reject(e);
      }
      return localFetch(url, init);
    };
    const before3 = requestsPerKey(mock);
    const third = await collect(sync(DINGTALK, records(changed), base(mock, { state: file, fetch: flaky, maxAttempts: 1 })));
    assert.deepEqual(countBy(third), { sent: 5, invalid: 0, failed: 3, skipped: 0, unchanged: N - 8 });
    const after3 = requestsPerKey(mock);
    for (let i = 0; i < N; i++) assert.equal(after3[`u${i}`] - before3[`u${i}`], i < 5 ? 1 : 0, `u${i}`);

    // Night 4: the same input: only the 3 that failed are sent again.
    const fourth = await collect(sync(DINGTALK, records(changed), base(mock, { state: file })));
    assert.deepEqual(countBy(fourth), { sent: 3, invalid: 0, failed: 0, skipped: 0, unchanged: N - 3 });
    const after4 = requestsPerKey(mock);
    for (let i = 0; i < N; i++) assert.equal(after4[`u${i}`] - after3[`u${i}`], i >= 5 && i < 8 ? 1 : 0, `u${i}`);

    // A dry run: 5 changed, 1 invalid: planned, unchanged and invalid; nothing sent, the file untouched.
    const stateBefore = readFileSync(file, 'utf8');
    const requestsBefore = mock.stats().requests;
    const plan = records(changed);
    for (const i of [10, 11, 12, 13, 14]) plan[i] = dingtalk(i, { date: '2022-01-01' });
    plan[20] = badDingtalk(20);
    const dry = await collect(sync(DINGTALK, plan, base(mock, { state: file, dryRun: true })));
    assert.deepEqual(countBy(dry), { sent: 0, invalid: 1, failed: 0, skipped: 0, unchanged: N - 6, planned: 5 });
    assert.deepEqual(dry.filter((o) => o.status === 'planned').map((o) => o.index).sort((a, b) => a - b), [10, 11, 12, 13, 14]);
    assert.equal(mock.stats().requests, requestsBefore, 'a dry run sent something');
    assert.equal(readFileSync(file, 'utf8'), stateBefore);
    // Without a state, a dry run plans every valid record.
    const bare = await collect(sync(DINGTALK, records(), base(mock, { dryRun: true })));
    assert.deepEqual(countBy(bare), { sent: 0, invalid: 0, failed: 0, skipped: 0, planned: N });
    assert.equal(mock.stats().requests, requestsBefore);

    // A state file of another endpoint is refused.
    await assert.rejects(collect(sync('wecom.updateUser', [], { state: file, fetch: localFetch })), (e) => e.kind === 'invalid_option' && e.message.includes(file));
  } finally {
    await mock.close();
  }
});

/** Runs sync-child.mjs; resolves {status, signal, stdout} and exposes the child. */
function child(args, env) {
  const p = spawn(process.execPath, [join(here, 'sync-child.mjs'), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  p.stdout.on('data', (d) => (stdout += d));
  p.stderr.on('data', (d) => (stderr += d));
  const done = new Promise((resolve) => p.on('exit', (status, signal) => resolve({ status, signal, stdout, stderr })));
  return { p, done, out: () => stdout };
}

test('a second process given the same state or journal file refuses at the start, naming the file; a dead owner is no obstacle', { timeout: 30000 }, async () => {
  const mock = await startMockVendor({ endpoint: DINGTALK, ratePerSecond: 1000 });
  try {
    for (const option of ['state', 'journal']) {
      const file = join(tmp, `held.${option}`);
      const holder = child([mock.url, file, '1'], { RG_TOKEN: TOKEN, RG_FILE_OPTION: option, RG_HOLD: '1' });
      for (let i = 0; i < 200 && !holder.out().includes('holding'); i++) await sleep(25);
      assert.ok(holder.out().includes('holding'), 'the holder did not start');
      await assert.rejects(
        collect(sync(DINGTALK, [dingtalk(1)], base(mock, { [option]: file }))),
        (e) => e instanceof RosterguardError && e.kind === 'invalid_option' && e.message.includes(file) && /in use/.test(e.message),
      );
      // A second run in this very process is refused too.
      const it = sync(DINGTALK, (async function* () {
        yield dingtalk(2);
        await sleep(300);
      })(), base(mock, { [option]: join(tmp, `mine.${option}`) }));
      const firstOut = it.next();
      await sleep(50);
      await assert.rejects(collect(sync(DINGTALK, [dingtalk(3)], base(mock, { [option]: join(tmp, `mine.${option}`) }))), /in use/);
      await firstOut;
      await collect(it);
      // The holder is killed: its lock is stale, the next run proceeds.
      holder.p.kill('SIGKILL');
      await holder.done;
      const after = await collect(sync(DINGTALK, [dingtalk(0), dingtalk(4)], base(mock, { [option]: file })));
      after.sort((a, b) => a.index - b.index);
      assert.deepEqual(after.map((o) => o.status), [option === 'state' ? 'unchanged' : 'skipped', 'sent']);
    }
    await assert.rejects(collect(sync(DINGTALK, [], { state: join(tmp, 'same'), journal: join(tmp, 'same') })), /two files/);
  } finally {
    await mock.close();
  }
});

test('SIGKILL during a run with state: the file is never torn; the rerun sends exactly the records it does not list', { timeout: 60000 }, async () => {
  const N = 3000;
  const file = join(tmp, 'killed.state');
  const mock = await startMockVendor({ endpoint: DINGTALK, ratePerSecond: 2000 });
  try {
    const run = child([mock.url, file, String(N)], { RG_TOKEN: TOKEN, RG_FILE_OPTION: 'state' });
    for (let i = 0; i < 400 && mock.stats().updates < N / 4; i++) await sleep(10);
    run.p.kill('SIGKILL');
    const r = await run.done;
    assert.equal(r.signal, 'SIGKILL', `the child ended first: ${r.stdout} ${r.stderr}`);
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
    const parsed = [];
    lines.forEach((l, i) => {
      try {
        parsed.push(JSON.parse(l));
      } catch {
        assert.equal(i, lines.length - 1, 'only the last line may be cut short');
      }
    });
    const listed = new Set(parsed.slice(1).map((e) => e.k));
    assert.ok(listed.size > 0 && listed.size < N, `${listed.size} listed`);
    const before = requestsPerKey(mock);
    const rest = await collect(sync(DINGTALK, Array.from({ length: N }, (_, i) => dingtalk(i)), base(mock, { state: file, ratePerSecond: 2000, concurrency: 32 })));
    const c = countBy(rest);
    assert.equal(c.unchanged, listed.size);
    assert.equal(c.sent, N - listed.size);
    const after = requestsPerKey(mock);
    for (let i = 0; i < N; i++) {
      const k = `u${i}`;
      assert.equal((after[k] ?? 0) - (before[k] ?? 0), listed.has(k) ? 0 : 1, k);
    }
  } finally {
    await mock.close();
  }
});

test('Feishu: requests carrying department_ids or is_frozen arrive at least 1 s apart; the others keep the endpoint rate', { timeout: 30000 }, async () => {
  const id = 'feishu.patchUser';
  const meta = endpoints().find((e) => e.id === id);
  assert.ok(meta.fieldRates.length >= 1);
  const seed = readFixture(`${id}/${readdirSync(join(fixtureDir, id)).find((f) => f.startsWith('seed'))}`).input;
  const user = (i, limited) => {
    const input = structuredClone(seed);
    input.path.user_id = `ou_${String(i).padStart(30, '0')}`;
    if (!limited) {
      delete input.body.department_ids;
      delete input.body.orders;
      delete input.body.is_frozen;
    }
    return input;
  };
  const records = [];
  for (let i = 0; i < 16; i++) records.push(user(i, i % 4 === 0)); // 4 limited, 12 not
  assert.ok(records.every((r) => validate(id, r).ok));
  const mock = await startMockVendor({ endpoint: id, ratePerSecond: 200 });
  try {
    const started = performance.now();
    const out = await collect(sync(id, records, { fetch: localFetch, baseUrl: mock.url, getToken: () => 'feishu-token', concurrency: 8 }));
    const seconds = (performance.now() - started) / 1000;
    const stats = mock.stats();
    assert.deepEqual(countBy(out), { sent: 16, invalid: 0, failed: 0, skipped: 0 });
    assert.equal(stats.fieldThrottled, 0, 'the mock refused a department/freeze change as too early');
    assert.equal(stats.throttled, 0);
    const rule = stats.fieldRates[0];
    assert.equal(rule.requests, 4);
    assert.ok(rule.minGapMs >= 1000, `two department/freeze changes ${rule.minGapMs.toFixed(0)} ms apart`);
    assert.ok(seconds >= 3, `${seconds} s for 4 limited requests`);
    // The 12 others were not held back behind them: all applied before the last limited one.
    const lastLimited = Math.max(...records.filter((_, i) => i % 4 === 0).map((r) => stats.keys[r.path.user_id].lastUpdateAt));
    for (const r of records.filter((_, i) => i % 4 !== 0)) assert.ok(stats.keys[r.path.user_id].lastUpdateAt < lastLimited);
    console.log(`# feishu: 4 department/freeze requests, min gap ${rule.minGapMs.toFixed(0)} ms; 12 others; ${seconds.toFixed(1)} s`);
  } finally {
    await mock.close();
  }
});

/** A valid record for `e` whose record key is `n`-th distinct value, from the doc example. */
function recordFor(e, seed, n) {
  const segs = e.recordKey.slice(1).split('/');
  for (const make of [(i) => `rg${i}`, (i) => `rg-user-${i}`, (i) => String(13000000000 + i)]) {
    const input = structuredClone(seed);
    let node = input;
    for (const s of segs.slice(0, -1)) node = node[s];
    node[segs.at(-1)] = make(n);
    if (validate(e.id, input).ok) return input;
  }
  return undefined;
}

test('exactly-once creates: 1 000 creates, 20 % of the replies lost or late, one user per record, one outcome each', { timeout: 120000 }, async (t) => {
  const creates = endpoints().filter((e) => e.operation === 'create' && !e.recordKey.includes('/-'));
  assert.ok(creates.length >= 3, 'the lifecycle create endpoints are in endpoints()');
  const N = 1000;
  for (const e of creates) {
    const seedFile = readdirSync(join(fixtureDir, e.id)).find((f) => f.startsWith('seed'));
    const seed = readFixture(`${e.id}/${seedFile}`).input;
    const records = Array.from({ length: N }, (_, i) => recordFor(e, seed, i));
    assert.ok(records.every(Boolean), `${e.id}: no valid record key value found`);
    const mock = await startMockVendor({ endpoint: e.id, ratePerSecond: 5000, faults: { rate: 0.2, kinds: ['lost', 'late'], slowMs: 2500, seed: 7 } });
    try {
      const out = await collect(
        sync(e.id, records, { fetch: localFetch, baseUrl: mock.url, getToken: () => 'create-token', ratePerSecond: 2000, concurrency: 64, timeoutMs: 1500, maxAttempts: 10, backoffMs: 5 }),
      );
      const stats = mock.stats();
      assert.equal(out.length, N);
      assert.equal(new Set(out.map((o) => o.index)).size, N, 'one outcome per record');
      const keys = Object.entries(stats.keys);
      const duplicates = keys.filter(([, v]) => v.creates > 1).length;
      assert.equal(duplicates, 0, `${e.id}: ${duplicates} users created twice`);
      assert.equal(stats.created, new Set(stats.users).size);
      const c = countBy(out);
      const earlier = out.filter((o) => o.appliedEarlier).length;
      assert.equal(c.sent + c.failed, N);
      // Every record whose create was applied ends sent; a failure is one the vendor never applied.
      // A record fails only when every attempt went unanswered (a loaded machine); never on a conflict.
      for (const o of out.filter((x) => x.status === 'failed')) assert.ok(o.reply.retryable && !o.reply.alreadyExists, JSON.stringify(o));
      assert.ok(c.failed <= N / 100, `${e.id}: ${c.failed} failed`);
      assert.ok(stats.faults.lost + stats.faults.late > N / 10, `${e.id}: only ${stats.faults.lost + stats.faults.late} faults`);
      console.log(`# ${e.id}: ${N} creates, ${stats.faults.lost} lost and ${stats.faults.late} late replies, ${earlier} settled by "already exists", ${duplicates} duplicates, ${c.failed} failed`);
    } finally {
      await mock.close();
    }
  }
});

test("Feishu's x-ogw-ratelimit-reset on a 429 is waited out before the record is sent again", { timeout: 20000 }, async () => {
  const { createServer } = await import('node:http');
  const id = 'feishu.patchUser';
  const throttled = endpoints().find((e) => e.id === id).mockReplies.throttled;
  const ok = endpoints().find((e) => e.id === id).mockReplies.ok;
  const arrivals = [];
  // The first request gets Feishu's 429 with a reset of 2 s (and no Retry-After), the next one ok.
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      arrivals.push(performance.now());
      if (arrivals.length === 1) {
        res.writeHead(throttled.status, { 'Content-Type': 'application/json', 'x-ogw-ratelimit-reset': '2' });
        res.end(throttled.body);
      } else {
        res.writeHead(ok.status, { 'Content-Type': 'application/json' });
        res.end(ok.body);
      }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    const out = await collect(
      sync(id, [{ path: { user_id: 'ou_1' }, body: { name: '张三' } }], {
        fetch: localFetch,
        baseUrl: `http://127.0.0.1:${server.address().port}`,
        getToken: () => 'feishu-token',
        backoffMs: 10,
      }),
    );
    assert.equal(out[0].status, 'sent');
    assert.equal(out[0].attempts, 2);
    assert.ok(arrivals[1] - arrivals[0] >= 2000, `sent again after ${(arrivals[1] - arrivals[0]).toFixed(0)} ms`);
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test('a lock file never written in full: refused while fresh, taken over once older than 10 s', async () => {
  const { utimesSync, writeFileSync } = await import('node:fs');
  const file = join(tmp, 'half.state');
  writeFileSync(`${file}.lock`, '');
  const plan = () => collect(sync(DINGTALK, [dingtalk(1)], { state: file, dryRun: true, getToken: () => TOKEN, fetch: () => Promise.reject(new Error('no request in a dry run')) }));
  await assert.rejects(plan(), (e) => e.kind === 'invalid_option' && e.message.includes(file) && /lock being taken/.test(e.message));
  const old = new Date(Date.now() - 20000);
  utimesSync(`${file}.lock`, old, old);
  const out = await plan();
  assert.equal(out[0].status, 'planned');
  assert.ok(!existsSync(`${file}.lock`));
});
