// Shared setup of the end-to-end tests: the page's own server (www/serve.mjs)
// on a free loopback port, Debian's Chromium driven by playwright-core, a
// page per test that records console errors and page errors, screenshots.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHOTS = join(ROOT, 'tests', 'e2e', 'screenshots');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The Node build of the package just assembled in pkg/: the reference for messages. */
export const rg = createRequire(import.meta.url)(join(ROOT, 'pkg', 'node.cjs'));

/** Starts `node www/serve.mjs` with PORT=0; resolves {url, stop}. */
export function startServer() {
  const child = spawn(process.execPath, [join(ROOT, 'www', 'serve.mjs')], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 10000);
    const onData = (d) => {
      out += d;
      const m = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], stop: () => child.kill() });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${out}`));
    });
  });
}

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/**
 * Opens the page on `endpoint` in `lang`; returns {page, problems, done}.
 * `done(name)` saves tests/e2e/screenshots/<name>.png and asserts that no
 * console error and no uncaught page error happened.
 */
export async function openPage(browser, baseUrl, { endpoint, lang = 'en', permissions = [] } = {}) {
  const context = await browser.newContext({ viewport: { width: 1360, height: 1000 }, locale: 'en-US' });
  if (permissions.length) await context.grantPermissions(permissions, { origin: new URL(baseUrl).origin });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  const hash = new URLSearchParams({ ...(endpoint ? { endpoint } : {}), lang }).toString();
  const response = await page.goto(`${baseUrl}#${hash}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  return {
    page,
    response,
    problems,
    async done(name) {
      await screenshot(page, name);
      await context.close();
      assert.deepEqual(problems, [], 'no console errors or page errors');
    },
  };
}

/** Saves tests/e2e/screenshots/<name>.png of the whole page (scrolled to the top first, so that the sticky bar sits where it belongs). */
export async function screenshot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

// ---- page helpers (controls are found by their JSON Pointer) -----------------

export const control = (page, ptr) => page.locator(`[data-ptr="${ptr}"][data-kind]`);
/** The messages shown on the field / block whose pointer is `ptr`: [{level, code, text}]. */
export async function fieldMessages(page, ptr) {
  return page.$$eval(`[data-slot="${ptr}"]`, (els) => {
    const el = els[0];
    if (!el) return null;
    const list = [...el.children].find((c) => c.matches('ul.msgs'));
    return [...(list?.children ?? [])].map((li) => ({
      level: li.classList.contains('error') ? 'error' : 'warning',
      code: li.dataset.code ?? null,
      text: li.textContent,
    }));
  });
}

export async function selectEndpoint(page, id) {
  await page.selectOption('#endpoint', id);
  await page.waitForFunction((id) => document.getElementById('endpoint').value === id, id);
}

export async function setLang(page, lang) {
  await page.click(lang === 'zh-CN' ? '#lang-zh' : '#lang-en');
  await page.waitForFunction((lang) => document.documentElement.lang === lang, lang);
}

/** The message text a field shows, minus the "Error"/"Warning" tag. */
export function messageTexts(list, level = 'error') {
  return (list ?? []).filter((m) => m.level === level).map((m) => m.text.replace(/^\S+\s/, ''));
}

/** The message the library gives at `path` for `input` (the reference). */
export function expected(endpoint, input, path, locale, level = 'errors') {
  const report = rg.validate(endpoint, input, { locale });
  return report[level].filter((i) => i.path === path).map((i) => i.message);
}

export function readJson(rel) {
  return JSON.parse(readFileSync(join(ROOT, rel), 'utf8'));
}

/** Masks token values the way redact() does (for expected bodies). */
export function maskTokens(value) {
  if (Array.isArray(value)) return value.map(maskTokens);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, ['corpAccessToken', 'access_token', 'accessToken'].includes(k) ? '***' : maskTokens(v)]),
    );
  }
  return value;
}
