// The browser build (web.js), loaded in Node from the installed package:
// clear error before init(), idempotent init, then the same results as the
// Node build. (The headless-Chromium run of the wasm is `make test-wasm-chrome`.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as nodeBuild from 'rosterguard';
import { seed } from './fixtures.mjs';

const require = createRequire(import.meta.url);
const dir = dirname(require.resolve('rosterguard/package.json'));

test('web build: error before init, idempotent init, same results', async () => {
  const web = await import(pathToFileURL(join(dir, 'web.js')).href);
  assert.throws(
    () => web.validate('ekuaibao.updateStaff', {}),
    (e) => e instanceof web.RosterguardError && e.kind === 'not_initialized' && /init\(\)/.test(e.message),
  );
  const bytes = readFileSync(join(dir, 'web/rosterguard_bg.wasm'));
  const a = web.init(bytes);
  const b = web.init(bytes);
  assert.equal(a, b, 'one pending promise');
  await a;
  await web.init();
  const input = seed('dingtalk.updateEmployeeRoster');
  assert.deepEqual(web.validate('dingtalk.updateEmployeeRoster', input), nodeBuild.validate('dingtalk.updateEmployeeRoster', input));
  const wr = web.buildRequest('dingtalk.updateEmployeeRoster', input);
  const nr = nodeBuild.buildRequest('dingtalk.updateEmployeeRoster', input);
  assert.deepEqual(wr, nr);
  assert.deepEqual(web.endpoints(), nodeBuild.endpoints());
});

test('web glue has no eval / new Function (CSP without unsafe-eval)', () => {
  for (const f of ['web.js', 'api.js', 'web/rosterguard.js']) {
    const text = readFileSync(join(dir, f), 'utf8');
    assert.doesNotMatch(text, /\beval\s*\(|\bFunction\s*\(/, f);
  }
});
