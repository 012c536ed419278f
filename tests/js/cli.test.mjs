// The rosterguard command line (bin of the installed package): exit codes,
// locales, masked tokens, sync against the mock with a journal, a TTY bar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockVendor } from 'rosterguard/mock';
import { badDingtalk, DINGTALK, dingtalk } from './sync-helpers.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const bin = join(here, 'node_modules/.bin/rosterguard');
const tmp = mkdtempSync(join(tmpdir(), 'rg-cli-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

const file = (name, text) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};
const run = (args, { input, env } = {}) => spawnSync(bin, args, { input, env: { ...process.env, ...env }, encoding: 'utf8' });
/** The CLI without blocking the event loop (the mock runs in this process). */
const runAsync = (args, env = {}) =>
  new Promise((resolve) => {
    const p = spawn(bin, args, { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('exit', (status) => resolve({ status, stdout, stderr }));
  });

const TOKEN = 'cli-secret-token-777';
const good = [dingtalk(1, { token: TOKEN }), dingtalk(2, { token: TOKEN })];
const mixed = [dingtalk(1, { token: TOKEN }), badDingtalk(2, { token: TOKEN }), dingtalk(3, { token: TOKEN })];

test('check: exit 0 / 1 / 2, JSON array or NDJSON, issues in the chosen locale', () => {
  const arr = file('good.json', JSON.stringify(good));
  assert.equal(run(['check', '--endpoint', DINGTALK, arr]).status, 0);
  const nd = file('mixed.ndjson', mixed.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const zh = run(['check', '--endpoint', DINGTALK, '--locale', 'zh-CN', nd]);
  assert.equal(zh.status, 1);
  assert.match(zh.stdout, /第 1 条（第 2 行）/);
  assert.match(zh.stdout, /sys00-confirmJoinTime|\/value/);
  assert.match(zh.stdout, /[\u4e00-\u9fff]/);
  const en = run(['check', '--endpoint', DINGTALK, '-'], { input: JSON.stringify(mixed) });
  assert.equal(en.status, 1);
  assert.match(en.stdout, /record 1: 1 error/);
  const json = run(['check', '--endpoint', DINGTALK, '--json', nd]);
  assert.equal(json.status, 1);
  const lines = json.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((r) => [r.index, r.ok]), [[0, true], [1, false], [2, true]]);
  // Misuse: exit 2.
  assert.equal(run(['check', arr]).status, 2, 'no --endpoint');
  assert.equal(run(['check', '--endpoint', 'nope.nope', arr]).status, 2);
  assert.equal(run(['check', '--endpoint', DINGTALK]).status, 2, 'no FILE');
  assert.equal(run(['check', '--endpoint', DINGTALK, file('bad.ndjson', '{"a":\n')]).status, 2);
  assert.equal(run(['check', '--endpoint', DINGTALK, '--frobnicate', arr]).status, 2);
  assert.equal(run(['check', '--endpoint', DINGTALK, join(tmp, 'missing.json')]).status, 2);
  assert.equal(run(['frobnicate']).status, 2);
});

test('build: requests as NDJSON, tokens masked unless --unmasked', () => {
  const nd = file('mixed2.ndjson', mixed.map((r) => JSON.stringify(r)).join('\n'));
  const masked = run(['build', '--endpoint', DINGTALK, nd]);
  assert.equal(masked.status, 1, 'one record is invalid');
  assert.ok(!masked.stdout.includes(TOKEN) && !masked.stderr.includes(TOKEN));
  const reqs = masked.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(reqs.map((r) => r.index), [0, 2]);
  assert.match(reqs[0].url, /access_token=\*\*\*/);
  assert.equal(reqs[0].method, 'POST');
  assert.match(masked.stderr, /record 1/);
  const plain = run(['build', '--endpoint', DINGTALK, '--unmasked', '--base-url', 'http://127.0.0.1:9', file('g.json', JSON.stringify(good))]);
  assert.equal(plain.status, 0);
  assert.ok(plain.stdout.includes(TOKEN));
  assert.match(plain.stdout, /http:\/\/127\.0\.0\.1:9\/topapi/);
});

test('sync: tokens only from the environment; journal rerun skips; no token in any output', { timeout: 30000 }, async () => {
  assert.equal(run(['sync', '--endpoint', DINGTALK, '--token', TOKEN, '-']).status, 2);
  assert.equal(run(['sync', '--endpoint', DINGTALK, `--token=${TOKEN}`, '-']).status, 2);
  assert.equal(run(['sync', '--endpoint', DINGTALK, '-'], { input: '[]' }).status, 2, 'no --token-env');
  assert.equal(run(['sync', '--endpoint', DINGTALK, '--token-env', 'RG_UNSET_VAR', '-'], { input: '[]' }).status, 2);

  const mock = await startMockVendor({ endpoint: DINGTALK, ratePerSecond: 1000, acceptToken: (t) => t === TOKEN });
  try {
    const records = Array.from({ length: 60 }, (_, i) => (i === 7 ? badDingtalk(i) : dingtalk(i)));
    const nd = file('sync.ndjson', records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const journal = join(tmp, 'cli-journal.ndjson');
    const args = ['sync', '--endpoint', DINGTALK, '--token-env', 'RG_TEST_TOKEN', '--base-url', mock.url, '--journal', journal, '--rate', '500', nd];
    const first = await runAsync(args, { RG_TEST_TOKEN: TOKEN });
    assert.equal(first.status, 1, first.stderr); // one invalid record
    assert.match(first.stderr, /sent 59, unchanged 0, skipped 0, invalid 1, failed 0/);
    assert.equal(mock.stats().updates, 59);
    const second = await runAsync([...args.slice(0, -1), '--json', nd], { RG_TEST_TOKEN: TOKEN });
    assert.equal(second.status, 1);
    const outs = second.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(outs.filter((o) => o.status === 'skipped').length, 59);
    assert.equal(outs.filter((o) => o.status === 'invalid').length, 1);
    assert.equal(mock.stats().updates, 59, 'nothing sent twice');
    for (const out of [first.stdout, first.stderr, second.stdout, second.stderr]) assert.ok(!out.includes(TOKEN));
  } finally {
    await mock.close();
  }
});

test('sync on a TTY: a progress bar with done/total, rate and failures, then the summary', { timeout: 30000 }, async (t) => {
  if (spawnSync('script', ['--version']).status !== 0) return t.skip('no script(1) to give the CLI a terminal');
  const mock = await startMockVendor({ endpoint: DINGTALK, ratePerSecond: 1000 });
  try {
    const nd = file('tty.ndjson', Array.from({ length: 30 }, (_, i) => JSON.stringify(dingtalk(i))).join('\n') + '\n');
    const cmd = `${bin} sync --endpoint ${DINGTALK} --token-env RG_TTY_TOKEN --base-url ${mock.url} --rate 40 ${nd}`;
    const r = await new Promise((resolve) => {
      const p = spawn('script', ['-qec', cmd, '/dev/null'], { env: { ...process.env, RG_TTY_TOKEN: 'tty-token-1' } });
      let out = '';
      p.stdout.on('data', (d) => (out += d));
      p.on('exit', (status) => resolve({ status, out }));
    });
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /\[#+\.*\] \d+\/30 +[\d.]+\/s +failed 0/);
    assert.match(r.out, /\[#{24}\] 30\/30/);
    assert.match(r.out, /sent 30, unchanged 0, skipped 0, invalid 0, failed 0/);
    assert.ok(!r.out.includes('tty-token-1'));
  } finally {
    await mock.close();
  }
});

test('sync --state / --dry-run: the plan counts what would be sent; unchanged records are not requested; zh-CN summary', { timeout: 30000 }, async () => {
  const mock = await startMockVendor({ endpoint: DINGTALK, ratePerSecond: 1000 });
  try {
    const state = join(tmp, 'cli.state');
    const write = (name, recs) => file(name, recs.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const night1 = write('n1.ndjson', Array.from({ length: 20 }, (_, i) => dingtalk(i)));
    const args = (f, ...more) => ['sync', '--endpoint', DINGTALK, '--token-env', 'RG_TEST_TOKEN', '--base-url', mock.url, '--state', state, '--rate', '500', ...more, f];
    const first = await runAsync(args(night1), { RG_TEST_TOKEN: TOKEN });
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stderr, /sent 20, unchanged 0, skipped 0, invalid 0, failed 0/);
    const night2Recs = Array.from({ length: 20 }, (_, i) => (i < 3 ? dingtalk(i, { date: '2023-05-06' }) : dingtalk(i)));
    night2Recs.push(badDingtalk(20));
    const night2 = write('n2.ndjson', night2Recs);
    const requests = mock.stats().requests;
    const dry = await runAsync(args(night2, '--dry-run'), { RG_TEST_TOKEN: TOKEN });
    assert.equal(dry.status, 1, 'one record is invalid');
    assert.match(dry.stderr, /dry run, nothing sent: would send 3, unchanged 17, skipped 0, invalid 1/);
    assert.equal(mock.stats().requests, requests, 'the dry run sent something');
    const zh = await runAsync(args(night2, '--locale', 'zh-CN'), { RG_TEST_TOKEN: TOKEN });
    assert.match(zh.stderr, /已发送 3，未变 17，跳过 0，无效 1，失败 0/);
    assert.equal(mock.stats().requests, requests + 3, 'only the changed records were requested');
    for (const out of [first.stderr, dry.stderr, zh.stderr, zh.stdout]) assert.ok(!out.includes(TOKEN));
  } finally {
    await mock.close();
  }
});

test('sync: a permission failure is named in the record line and the summary, in both locales', { timeout: 20000 }, async () => {
  const { createServer } = await import('node:http');
  // A vendor that answers every request with Feishu's 41050 (no user authority).
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end('{"code":41050,"msg":"no user authority error"}');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${server.address().port}`;
    const rec = { path: { user_id: 'ou_1' }, body: { name: '张三' } };
    const f = file('feishu.ndjson', JSON.stringify(rec) + '\n');
    const args = ['sync', '--endpoint', 'feishu.patchUser', '--token-env', 'RG_TEST_TOKEN', '--base-url', url, f];
    const en = await runAsync(args, { RG_TEST_TOKEN: TOKEN });
    assert.equal(en.status, 1, en.stderr);
    assert.match(en.stderr, /record 0: failed after 1 attempt: not authorised/);
    assert.match(en.stderr, /of the failures: 1 not authorised, 0 out of quota/);
    const zh = await runAsync([...args.slice(0, -1), '--locale', 'zh-CN', f], { RG_TEST_TOKEN: TOKEN });
    assert.match(zh.stderr, /无权限/);
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test('standard input is streamed: the first record is checked before the input ends', { timeout: 20000 }, async () => {
  const p = spawn(bin, ['check', '--endpoint', DINGTALK, '--json', '-']);
  let out = '';
  const first = new Promise((resolve) => p.stdout.on('data', (d) => ((out += d), out.includes('\n') && resolve())));
  p.stdin.write(JSON.stringify(dingtalk(1, { token: TOKEN })) + '\n');
  await first; // stdin is still open
  assert.deepEqual(JSON.parse(out.split('\n')[0]).index, 0);
  // A JSON array streams too: items are split at their top-level commas.
  p.stdin.end();
  await new Promise((r) => p.on('exit', r));
  const q = spawn(bin, ['check', '--endpoint', DINGTALK, '--json', '-']);
  let qout = '';
  const qfirst = new Promise((resolve) => q.stdout.on('data', (d) => ((qout += d), qout.includes('\n') && resolve())));
  q.stdin.write('[' + JSON.stringify(dingtalk(1, { token: TOKEN })) + ',\n');
  await qfirst;
  q.stdin.end(JSON.stringify(badDingtalk(2, { token: TOKEN })) + ']');
  const status = await new Promise((r) => q.on('exit', r));
  assert.equal(status, 1);
  assert.deepEqual(qout.trim().split('\n').map((l) => JSON.parse(l).ok), [true, false]);
});
