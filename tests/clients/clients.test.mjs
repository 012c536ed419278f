// Real clients agree: for the same input, the request rosterguard builds
// equals, on the wire, the one that a vendor client nobody here wrote sends:
// Feishu's official node SDK (@larksuiteoapi/node-sdk) and the Python WeCom
// client wechatpy (run from the venv of `make test-clients`). Both clients
// and the packed package send to one recording server on 127.0.0.1, which
// answers each endpoint's success sample; the test compares the method, the
// decoded path, the query (decoded key/value pairs, in any order), the token
// and the body (parsed JSON, or none).
//
// Inputs: each endpoint's fixtures (tests/fixtures/<id>/): its doc-example
// seeds, and the cases that pass validation. A value that rosterguard
// rewrites (warnings `coerced`, `dropped_empty`, `normalized`: e.g. gender
// "2" -> 2) reaches the client as rosterguard sends it, as a caller of the
// client would have written it.
// Header differences that the comparison leaves out (Content-Type,
// User-Agent) are printed as diagnostics.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as rg from 'rosterguard';
import lark from '@larksuiteoapi/node-sdk';
import { allCases } from './fixtures.mjs';

// Never through a proxy from the environment: the server is on 127.0.0.1.
process.env.NO_PROXY = process.env.no_proxy = '127.0.0.1,localhost';

// Each pinned endpoint id and the client call that makes the same request.
const CLIENT_CALLS = {
  'feishu.patchUser': { client: 'feishu', op: 'patch' },
  'feishu.createUser': { client: 'feishu', op: 'create' },
  'feishu.deleteUser': { client: 'feishu', op: 'delete' },
  'wecom.updateUser': { client: 'wecom', op: 'update' },
  'wecom.createUser': { client: 'wecom', op: 'create' },
  // These two methods take the user ids only: no undocumented field can go
  // with them, so inputs that pass only with allowUnknown are left out.
  'wecom.deleteUser': { client: 'wecom', op: 'delete', fixedArgs: true },
  'wecom.batchDeleteUser': { client: 'wecom', op: 'batch_delete', fixedArgs: true },
};
const PYTHON = process.env.CLIENTS_PYTHON;
const FEISHU_TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';
const TIMEOUT = 60_000;
// Warnings that say the value sent is not the value given.
const REWRITES = new Set(['coerced', 'dropped_empty', 'normalized']);

// ---- the recording server ---------------------------------------------------

const log = [];
const state = { reply: { status: 200, body: '{}' }, tenantToken: '' };
let server;
let base;

before(async () => {
  server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      log.push({ method: req.method, url: req.url, headers: req.headers, body: raw.toString('utf8'), size: raw.length });
      const { pathname } = new URL(req.url, 'http://127.0.0.1');
      let reply = state.reply;
      if (pathname.startsWith('/__mark__/')) reply = { status: 200, body: '{}' };
      // The reply of Feishu 自建应用获取 tenant_access_token (open.feishu.cn/document/server-docs/
      // authentication-management/access-token/tenant_access_token_internal, 2025-03-26) § 响应体示例.
      if (pathname === FEISHU_TOKEN_PATH) {
        reply = { status: 200, body: JSON.stringify({ code: 0, msg: 'ok', tenant_access_token: state.tenantToken, expire: 7200 }) };
      }
      res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(reply.body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(() => new Promise((resolve) => server.close(resolve)));

// ---- what is compared -------------------------------------------------------

const unescape = (s) => s.replace(/~1/g, '/').replace(/~0/g, '~');
const byKey = (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

/** A recorded request as compared: {method, path, query, token, body}. */
function wire(rec, info) {
  const url = new URL(rec.url, 'http://127.0.0.1');
  const [, section, name] = info.tokenPointer.split('/').map(unescape);
  let token;
  if (section === 'headers') token = rec.headers[name.toLowerCase()] ?? null;
  else if (section === 'query') token = url.searchParams.getAll(name);
  let body = '(no body)';
  if (rec.size > 0) {
    try {
      body = JSON.parse(rec.body);
    } catch {
      body = `(not JSON) ${rec.body}`;
    }
  }
  return {
    method: rec.method,
    // Segments, each decoded: an encoded "/" stays inside its segment.
    path: url.pathname.split('/').map(decodeURIComponent),
    query: [...url.searchParams].sort(byKey),
    token,
    body,
  };
}

/** The headers the comparison leaves out, to print. */
function headerNote(rec) {
  const h = rec.headers;
  return `Content-Type ${h['content-type'] === undefined ? '(none)' : JSON.stringify(h['content-type'])}` +
    (h['user-agent'] === undefined ? '' : `, User-Agent ${JSON.stringify(h['user-agent'])}`);
}

/** The requests logged from `start` on, without the marks and token fetches. */
function apiRequests(start) {
  return log.slice(start).filter((r) => !r.url.startsWith('/__mark__/') && !r.url.startsWith(FEISHU_TOKEN_PATH));
}

// ---- the inputs -------------------------------------------------------------

/**
 * The inputs for one endpoint: every fixture input that passes validation
 * (options other than allowUnknown/locale would change what is sent in a way
 * no client call can), each with rosterguard's request for it.
 */
function inputsFor(id, { fixedArgs = false }) {
  const out = [];
  for (const c of allCases()) {
    if (c.endpoint !== id || c.errors.length > 0) continue;
    const { allowUnknown, locale, ...other } = c.options;
    if (Object.keys(other).length > 0 || (fixedArgs && allowUnknown)) continue;
    const options = allowUnknown === undefined ? undefined : { allowUnknown };
    const report = rg.validate(id, c.input, options);
    if (!report.ok) continue;
    const request = rg.buildRequest(id, { ...c.input, baseUrl: base }, options);
    const input = structuredClone(c.input);
    // A value rosterguard rewrites goes to the client as rosterguard sends it.
    const rewritten = new Set(report.warnings.filter((w) => REWRITES.has(w.code)).map((w) => w.path.split('/')[1]));
    if (rewritten.has('body') && request.body !== undefined) input.body = JSON.parse(request.body);
    if (rewritten.has('query')) input.query = Object.fromEntries(new URL(request.url).searchParams);
    out.push({ name: c.name, input, request, rewritten: rewritten.size > 0 });
  }
  return out;
}

/** Sends rosterguard's request to the server; returns what it recorded. */
async function sendOurs(request) {
  const start = log.length;
  const init = { method: request.method, headers: request.headers };
  if (request.body !== undefined) init.body = request.body;
  const res = await fetch(request.url, { ...init, signal: AbortSignal.timeout(10_000) });
  await res.text();
  const got = apiRequests(start);
  assert.equal(got.length, 1, 'rosterguard: one request');
  return got[0];
}

// ---- the clients --------------------------------------------------------------

const APP = { appId: 'cli_slkdjalasdkjasd', appSecret: 'dskLLdkasdjlasdKK' };

/** A token cache of one client's own, so that each case fetches its token. */
class OwnCache {
  values = new Map();
  async get(key) {
    return this.values.get(key);
  }
  async set(key, value) {
    this.values.set(key, value);
    return true;
  }
}

/**
 * Feishu: a user_access_token (u-…) goes in with the SDK's
 * withUserAccessToken; any other token is a tenant_access_token, which the
 * SDK fetches from the server with the app's id and secret first.
 */
async function feishuCall(op, input) {
  const auth = input.headers?.Authorization ?? '';
  const token = auth.replace(/^Bearer /, '');
  const client = new lark.Client({
    ...APP,
    domain: base,
    cache: new OwnCache(),
    loggerLevel: lark.LoggerLevel.error,
  });
  const payload = {};
  if (input.path !== undefined) payload.path = input.path;
  if (input.query !== undefined) payload.params = input.query;
  if (input.body !== undefined) payload.data = input.body;
  state.tenantToken = token;
  const start = log.length;
  const res = await client.contact.v3.user[op](payload, token.startsWith('u-') ? lark.withUserAccessToken(token) : undefined);
  assert.equal(res?.code, 0, `the SDK's call succeeded: ${JSON.stringify(res)}`);
  const fetches = log.slice(start).filter((r) => r.url.startsWith(FEISHU_TOKEN_PATH));
  assert.equal(fetches.length, token.startsWith('u-') ? 0 : 1, 'tenant token fetched once, user token never');
  for (const f of fetches) {
    assert.equal(f.method, 'POST');
    assert.deepEqual(JSON.parse(f.body), { app_id: APP.appId, app_secret: APP.appSecret });
  }
  const got = apiRequests(start);
  assert.equal(got.length, 1, 'the SDK: one request');
  return got[0];
}

/**
 * The SDK puts path values into the URL as given (fillApiPath replaces
 * `:user_id` with the raw value): a value with "/", "?", "#", "%", spaces or
 * non-ASCII characters changes the URL's path or query. A caller must
 * encode it; the SDK is then given encodeURIComponent(value). That the raw
 * value goes wrong is checked too, so that a future SDK that encodes is noticed.
 */
async function feishuChecked(op, input, ours, info, notes) {
  const raw = input.input.path ?? {};
  const encoded = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, encodeURIComponent(String(v))]));
  if (Object.entries(raw).every(([k, v]) => encoded[k] === v)) return feishuCall(op, input.input);
  const asGiven = wire(await feishuCall(op, input.input), info);
  assert.notDeepEqual(asGiven.path, ours.path, `${input.name}: the SDK now encodes path values: give them raw`);
  notes.add(
    `${input.name}: the SDK sends path values unencoded (path ${JSON.stringify(asGiven.path.join('/'))}, ` +
      `query ${JSON.stringify(asGiven.query)}); given encodeURIComponent(value), its request equals rosterguard's`,
  );
  return feishuCall(op, { ...input.input, path: encoded });
}

/** WeCom: one Python run makes every call; the marks split the log. */
async function wecomCalls(op, inputs) {
  assert.ok(PYTHON, 'set CLIENTS_PYTHON to the venv python (make test-clients does)');
  const start = log.length;
  const spec = { base, calls: inputs.map((i) => ({ op, query: i.input.query, body: i.input.body })) };
  const child = spawn(PYTHON, [fileURLToPath(new URL('./wecom_client.py', import.meta.url))], {
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: TIMEOUT - 5_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.end(JSON.stringify(spec));
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.equal(code, 0, `wechatpy driver exited ${code}: ${stderr}`);
  const results = stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(results.length, inputs.length, 'one result per call');
  const perCall = [];
  for (const rec of log.slice(start)) {
    if (rec.url.startsWith('/__mark__/')) perCall.push([]);
    else perCall.at(-1).push(rec);
  }
  return results.map((r, i) => {
    assert.ok(r.ok && r.result?.errcode === 0, `${inputs[i].name}: wechatpy: ${JSON.stringify(r)}`);
    assert.equal(perCall[i].length, 1, `${inputs[i].name}: wechatpy: one request`);
    return perCall[i][0];
  });
}

// ---- the tests ---------------------------------------------------------------

const INFO = new Map(rg.endpoints().map((e) => [e.id, e]));

for (const [id, { client, op, fixedArgs }] of Object.entries(CLIENT_CALLS)) {
  test(`${id}: rosterguard's requests equal ${client === 'feishu' ? '@larksuiteoapi/node-sdk' : 'wechatpy'} ${op}'s`, { timeout: TIMEOUT }, async (t) => {
    const info = INFO.get(id);
    assert.ok(info, `${id} is not in endpoints()`);
    state.reply = info.mockReplies.ok;
    const inputs = inputsFor(id, { fixedArgs });
    assert.ok(inputs.some((i) => i.name.includes('/seed')), 'the doc-example seed is among the inputs');
    const theirs = client === 'feishu' ? [] : await wecomCalls(op, inputs);
    const notes = new Set();
    for (const [k, input] of inputs.entries()) {
      const ours = await sendOurs(input.request);
      const their = client === 'feishu' ? await feishuChecked(op, input, wire(ours, info), info, notes) : theirs[k];
      assert.deepEqual(wire(ours, info), wire(their, info), `${input.name}: on the wire`);
      notes.add(`${id}: headers not compared: client ${headerNote(their)}; rosterguard ${headerNote(ours)}`);
    }
    t.diagnostic(`${id}: ${inputs.length} inputs equal on the wire (${inputs.filter((i) => i.rewritten).length} with values rosterguard rewrites)`);
    for (const n of notes) t.diagnostic(n);
  });
}
