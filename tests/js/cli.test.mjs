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
