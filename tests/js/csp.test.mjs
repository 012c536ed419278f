// The browser build in headless Chromium under a strict CSP
// (`script-src 'self' 'wasm-unsafe-eval'`, no 'unsafe-eval'): the page
// imports web.js, awaits init() and validates. A local server on 127.0.0.1
// serves the installed package; Chromium prints the resulting DOM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';

const require = createRequire(import.meta.url);
const dir = dirname(require.resolve('rosterguard/package.json'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const PAGE = `<!doctype html><meta charset="utf-8"><title>csp</title><body>
<pre id="out">pending</pre><script type="module" src="/page.js"></script>`;
const SCRIPT = `
import { init, validate, buildRequest, RosterguardError } from '/pkg/web.js';
const out = document.getElementById('out');
const result = {};
try { eval('1'); result.eval = 'allowed'; } catch (e) { result.eval = 'blocked'; }
try { validate('ekuaibao.updateStaff', {}); } catch (e) { result.beforeInit = e instanceof RosterguardError ? e.kind : String(e); }
try {
  await Promise.all([init(), init()]);
  const input = { path: { staffId: 'a' }, query: { accessToken: 't' }, body: { name: '张三', email: 'bad', hired: new Date(0) } };
  result.report = validate('ekuaibao.updateStaff', input, { locale: 'zh-CN' });
  delete input.body.hired; input.body.email = 'a@b.cn';
  result.url = buildRequest('ekuaibao.updateStaff', input).url;
} catch (e) { result.error = String(e); }
out.textContent = 'RESULT' + JSON.stringify(result) + 'END';
`;

function serve(csp) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const headers = { 'Content-Security-Policy': csp };
    if (url.pathname === '/') return res.writeHead(200, { ...headers, 'Content-Type': 'text/html' }).end(PAGE);
    if (url.pathname === '/page.js') return res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' }).end(SCRIPT);
    if (url.pathname.startsWith('/pkg/')) {
      const file = normalize(join(dir, url.pathname.slice(5)));
      if (!file.startsWith(dir)) return res.writeHead(403).end();
      try {
        const body = readFileSync(file);
        const type = file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
        return res.writeHead(200, { ...headers, 'Content-Type': type }).end(body);
      } catch {
        return res.writeHead(404).end();
      }
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function dumpDom(url) {
  const args = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--virtual-time-budget=15000', '--dump-dom', url,
  ];
  return new Promise((resolve, reject) =>
    execFile(CHROMIUM, args, { timeout: 60000 }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
  );
}

async function run(csp) {
  const server = await serve(csp);
  try {
    const dom = await dumpDom(`http://127.0.0.1:${server.address().port}/`);
    const m = /RESULT(.*)END/s.exec(dom);
    assert.ok(m, `no result in the page:\n${dom}`);
    return JSON.parse(m[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
  } finally {
    server.close();
  }
}

test("browser build works under script-src 'self' 'wasm-unsafe-eval'", { timeout: 120000 }, async () => {
  const r = await run("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'");
  assert.equal(r.eval, 'blocked', 'the CSP is in force');
  assert.equal(r.beforeInit, 'not_initialized');
  assert.equal(r.error, undefined);
  assert.deepEqual(
    r.report.errors.map((e) => [e.path, e.code]),
    [['/body/email', 'format'], ['/body/hired', 'type']],
  );
  assert.match(r.report.errors[0].message, /格式/);
  assert.equal(r.url, 'https://app.ekuaibao.com/api/openapi/v1.1/staffs/update/$a?accessToken=t');
});
