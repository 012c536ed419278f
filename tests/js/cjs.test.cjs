// The packed package through require(): no init needed, and the same
// module instance (one RosterguardError class) as import.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const rg = require('rosterguard');

test('require() works without init', () => {
  assert.ok(rg.endpoints().length >= 4);
  const r = rg.validate('ekuaibao.updateStaff', { path: { staffId: 'a' }, query: { accessToken: 't' }, body: { name: '张三' } });
  assert.equal(r.ok, true);
  const req = rg.buildRequest('ekuaibao.updateStaff', { path: { staffId: 'a/b' }, query: { accessToken: 't' }, body: { name: '张三' } });
  assert.match(req.url, /\/\$a%2Fb\?accessToken=t$/);
  assert.throws(() => rg.buildRequest('ekuaibao.updateStaff', {}), rg.RosterguardError);
});

test('import() and require() share one instance', async () => {
  const esm = await import('rosterguard');
  assert.equal(esm.RosterguardError, rg.RosterguardError);
  assert.equal(esm.validate, rg.validate);
  try {
    esm.validate('nope', {});
  } catch (e) {
    assert.ok(e instanceof rg.RosterguardError);
  }
});

test('package.json: conditional exports, types first in each condition, no side effects', () => {
  const pkg = require('rosterguard/package.json');
  const dot = pkg.exports['.'];
  assert.deepEqual(Object.keys(dot), ['node', 'browser', 'default']);
  // One types file per condition (publint): .d.mts for import, .d.cts for require.
  assert.deepEqual(dot.node.import, { types: './index.d.mts', default: './node.mjs' });
  assert.deepEqual(dot.node.require, { types: './index.d.cts', default: './node.cjs' });
  assert.deepEqual(dot.browser, { types: './index.d.ts', default: './web.js' });
  assert.deepEqual(dot.default, { types: './index.d.ts', default: './web.js' });
  assert.equal(pkg.sideEffects, false);
  assert.ok(pkg.files.includes('README.md'));
});

test('require() of rosterguard/sync and rosterguard/mock (Node with require(esm): 20.19+, 22.12+)', () => {
  if (!process.features.require_module) return; // older Node: await import('rosterguard/sync'), as the README says
  const { sync } = require('rosterguard/sync');
  const { startMockVendor } = require('rosterguard/mock');
  assert.equal(typeof sync, 'function');
  assert.equal(typeof startMockVendor, 'function');
});
