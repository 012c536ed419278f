// End-to-end tests of the demo page (www/) in Debian's headless Chromium,
// driven by playwright-core, against the page's own server and CSP.
// Expected messages come from the Node build of the same package, so the
// tests check that the right message lands on the right field, in the
// right language, without restating the library's wording.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  control,
  expected,
  fieldMessages,
  launch,
  maskTokens,
  messageTexts,
  openPage,
  readJson,
  rg,
  selectEndpoint,
  setLang,
  startServer,
  screenshot,
} from './harness.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'";
let server;
let browser;

before(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
  await browser?.close();
  server?.stop();
});

const errorsAt = async (page, ptr) => messageTexts(await fieldMessages(page, ptr), 'error');
const warningsAt = async (page, ptr) => messageTexts(await fieldMessages(page, ptr), 'warning');
const previewBody = (page) => page.textContent('#pv-body');
const pretty = (v) => JSON.stringify(v, null, 2);

/** The page's describedby wiring for a control: the ids it points at exist and include the messages list. */
async function describedBy(page, ptr) {
  return control(page, ptr).evaluate((el) => {
    const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    const slot = el.closest('[data-slot]');
    const msgs = [...slot.children].find((c) => c.matches('ul.msgs'));
    return { ids, allExist: ids.every((id) => document.getElementById(id)), msgsId: msgs?.id ?? null };
  });
}

test('served with the CSP; no inline script or style; a form for every endpoint from describe()', async () => {
  const res = await fetch(server.url);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-security-policy'), CSP);
  assert.match(res.headers.get('content-type'), /^text\/html/);
  const html = await res.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'no inline <script>');
  assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i, 'no inline style or handler');
  const wasm = await fetch(new URL('pkg/web/rosterguard_bg.wasm', server.url));
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  assert.equal((await fetch(new URL('serve.mjs', server.url))).status, 404);
  assert.equal((await fetch(new URL('..%2fMakefile', server.url))).status, 404);

  const { page, response, done } = await openPage(browser, server.url);
  assert.equal(response.headers()['content-security-policy'], CSP);
  const ids = rg.endpoints().map((e) => e.id);
  // Grouped by vendor (an optgroup each), in registry order within a vendor.
  const vendors = [...new Set(rg.endpoints().map((e) => e.vendor))];
  const grouped = vendors.flatMap((v) => rg.endpoints().filter((e) => e.vendor === v).map((e) => e.id));
  assert.deepEqual(await page.$$eval('#endpoint option', (os) => os.map((o) => o.value)), grouped);
  for (const id of ids) {
    await selectEndpoint(page, id);
    // Every field outside arrays / prefixed keys has its block or control on the page.
    const want = rg
      .describe(id)
      .fields.map((f) => f.pointer)
      .filter((p) => !p.includes('/-') && !/\/[^/]*\*$/.test(p));
    const have = new Set(await page.$$eval('#form [data-slot]', (els) => els.map((e) => e.dataset.slot)));
    assert.deepEqual(want.filter((p) => !have.has(p)), [], `${id}: fields without a control`);
    // Every form control has a label.
    const unlabelled = await page.$$eval('input, select, textarea', (els) =>
      els.filter((e) => e.labels.length === 0 && !e.getAttribute('aria-label')).map((e) => e.id || e.outerHTML),
    );
    assert.deepEqual(unlabelled, [], `${id}: controls without a label`);
    // A fresh form is not red: required fields say so only once visited.
    assert.equal(await page.locator('#form .msg.error').count(), 0);
    assert.ok(await page.locator('#summary-errors li').count() > 0, 'the summary lists what is missing');
    assert.equal(await page.isDisabled('#submit'), true);
  }
  await done('01-load');
});

test('Fxiaoke: a bad gender shows its message on the gender field in en and zh; fixed, the exact request', async () => {
  const id = 'fxiaoke.updateMember';
  const { page, done } = await openPage(browser, server.url, { endpoint: id });
  await control(page, '/query/thirdTraceId').fill('trace-1');
  await control(page, '/body/corpAccessToken').fill('tok-123');
  await control(page, '/body/corpId').fill('corp1');
  await control(page, '/body/user/openUserId').fill('fsuid_1');
  await control(page, '/body/user/gender').fill('X');
  const input = {
    query: { thirdTraceId: 'trace-1' },
    body: { corpAccessToken: 'tok-123', corpId: 'corp1', user: { openUserId: 'fsuid_1', gender: 'X' } },
  };
  const en = expected(id, input, '/body/user/gender', 'en');
  assert.equal(en.length, 1);
  assert.match(en[0], /M, F/);
  assert.deepEqual(await errorsAt(page, '/body/user/gender'), en);
  assert.equal(await control(page, '/body/user/gender').getAttribute('aria-invalid'), 'true');
  const wiring = await describedBy(page, '/body/user/gender');
  assert.ok(wiring.allExist && wiring.ids.includes(wiring.msgsId), 'aria-describedby points at the messages');
  assert.equal(await page.isDisabled('#submit'), true);
  assert.equal(await page.isVisible('#preview-body'), false);
  // Only the gender field is in error.
  assert.deepEqual(await page.$$eval('#form .msg.error', (els) => els.map((e) => e.dataset.path)), ['/body/user/gender']);

  await setLang(page, 'zh-CN');
  const zh = expected(id, input, '/body/user/gender', 'zh-CN');
  assert.match(zh[0], /只能取以下值之一/);
  assert.deepEqual(await errorsAt(page, '/body/user/gender'), zh);
  const genderLabel = rg.describe(id).fields.find((f) => f.pointer === '/body/user/gender').label;
  assert.equal(await control(page, '/body/user/gender').evaluate((el) => el.labels[0].textContent), `${genderLabel.zh} gender`);
  await screenshot(page, '02-fxiaoke-gender-zh');
  await setLang(page, 'en');
  assert.deepEqual(await errorsAt(page, '/body/user/gender'), en);

  // An integer list: text that is not an integer is sent as text (the validator says why).
  await page.click('button[data-action="add"][data-ptr="/body/user/attachingDepartmentIds"]');
  const row = '/body/user/attachingDepartmentIds/0';
  assert.equal(await page.evaluate(() => document.activeElement.dataset.ptr), row, 'focus moves to the new row');
  await control(page, row).fill('x');
  const rowInput = { ...input, body: { ...input.body, user: { ...input.body.user, attachingDepartmentIds: ['x'] } } };
  assert.deepEqual(await errorsAt(page, row), expected(id, rowInput, row, 'en'));
  await control(page, row).fill('7');
  assert.deepEqual(await errorsAt(page, row), []);

  await control(page, '/body/user/gender').fill('M');
  assert.deepEqual(await errorsAt(page, '/body/user/gender'), []);
  assert.equal(await control(page, '/body/user/gender').getAttribute('aria-invalid'), null);
  assert.equal(await page.isEnabled('#submit'), true);
  assert.equal(await page.textContent('#pv-method'), 'POST');
  assert.equal(await page.textContent('#pv-url'), 'https://open.fxiaoke.com/cgi/crm/v2/data/update?thirdTraceId=trace-1');
  assert.equal(
    await previewBody(page),
    pretty({ corpAccessToken: '***', corpId: 'corp1', user: { openUserId: 'fsuid_1', gender: 'M', attachingDepartmentIds: [7] } }),
  );
  await page.click('#submit');
  assert.match(await page.textContent('#submit-result'), /POST https:\/\/open\.fxiaoke\.com\/cgi\/crm\/v2\/data\/update\?thirdTraceId=trace-1/);
  // The urlPath option (the deprecation note's advice) changes the URL only.
  await page.fill('#opt-urlPath', '/cgi/user/update');
  assert.equal(await page.textContent('#pv-url'), 'https://open.fxiaoke.com/cgi/user/update?thirdTraceId=trace-1');
  await page.fill('#opt-urlPath', 'cgi/user/update');
  assert.equal(await page.getAttribute('#opt-urlPath', 'aria-invalid'), 'true');
  assert.match(await page.textContent('#opt-urlPath-msg'), /urlPath/);
  assert.equal(await page.isDisabled('#submit'), true);
  await page.fill('#opt-urlPath', '');
  assert.equal(await page.isEnabled('#submit'), true);
  await done('03-fxiaoke-fixed');
});

test('Ekuaibao: empty email, department not in the list, both-or-neither, phone needed; en and zh; fixed, the exact request', async () => {
  const id = 'ekuaibao.updateStaff';
  const { page, done } = await openPage(browser, server.url, { endpoint: id, permissions: ['clipboard-read', 'clipboard-write'] });
  // Leaving an empty required field shows its message, and a click on a
  // button below it (the message moves it down) still lands.
  await control(page, '/body/name').click();
  await page.click('button[data-action="add"][data-ptr="/body/departments"]');
  assert.equal(await control(page, '/body/departments/0').count(), 1, 'the click added a row');
  assert.deepEqual(await errorsAt(page, '/body/name'), expected(id, {}, '/body/name', 'en'));
  await control(page, '/path/staffId').fill('s1');
  await control(page, '/query/accessToken').fill('tok');
  await control(page, '/body/name').fill('张三');
  await control(page, '/body/email').fill('a@b.cn');
  await control(page, '/body/email').fill('');
  await control(page, '/body/departments/0').fill('D1');
  await control(page, '/body/defaultDepartment').fill('D2');
  await page.selectOption('[data-ptr="/body/modifyAccountPhone"]', 'true');
  const input = {
    path: { staffId: 's1' },
    query: { accessToken: 'tok' },
    body: { name: '张三', email: '', departments: ['D1'], defaultDepartment: 'D2', modifyAccountPhone: true },
  };
  const check = async (locale) => {
    for (const ptr of ['/body/email', '/body/defaultDepartment', '/body/cellphone']) {
      const want = expected(id, input, ptr, locale);
      assert.equal(want.length, 1, ptr);
      assert.deepEqual(await errorsAt(page, ptr), want, `${ptr} (${locale})`);
      assert.equal(await control(page, ptr).getAttribute('aria-invalid'), 'true', ptr);
    }
    assert.deepEqual(await errorsAt(page, '/body/departments'), []);
    assert.deepEqual(await errorsAt(page, '/body/departments/0'), []);
  };
  await check('en');
  assert.match((await errorsAt(page, '/body/email'))[0], /empty/);
  assert.equal(await control(page, '/body/email').getAttribute('placeholder'), 'sends ""');
  assert.equal(await page.isDisabled('#submit'), true);
  await setLang(page, 'zh-CN');
  await check('zh-CN');
  assert.match((await errorsAt(page, '/body/defaultDepartment'))[0], /departments 中的一项/);
  await screenshot(page, '04-ekuaibao-errors-zh');

  // Both or neither: without departments, the error is on departments.
  await page.click('button[data-action="clear"][data-ptr="/body/departments"]');
  const noDepts = { ...input, body: { ...input.body } };
  delete noDepts.body.departments;
  const together = (locale) => expected(id, noDepts, '/body/departments', locale);
  assert.match(together('zh-CN')[0], /同时/);
  assert.deepEqual(await errorsAt(page, '/body/departments'), together('zh-CN'));
  await setLang(page, 'en');
  assert.deepEqual(await errorsAt(page, '/body/departments'), together('en'));
  assert.deepEqual(await errorsAt(page, '/body/defaultDepartment'), []);

  // Fix everything; warnings stay visible and do not block.
  await page.selectOption('[data-ptr="/body/modifyAccountPhone"]', '');
  assert.deepEqual(await errorsAt(page, '/body/cellphone'), []);
  await page.click('button.clear[data-ptr="/body/email"]');
  assert.deepEqual(await errorsAt(page, '/body/email'), []);
  assert.equal(await control(page, '/body/email').inputValue(), '');
  assert.equal(await control(page, '/body/email').getAttribute('placeholder'), 'not sent');
  await page.click('button[data-action="add"][data-ptr="/body/departments"]');
  await control(page, '/body/departments/0').fill('D2');
  await page.click('button[data-action="add"][data-ptr="/body/staffCustomForm/base"]');
  await control(page, '/body/staffCustomForm/base/0/key').fill('8');
  await control(page, '/body/staffCustomForm/base/0/label').fill('北京市/海淀区');
  await page.click('button[data-action="add-prefixed"]');
  await page.keyboard.type('项目');
  await control(page, '/body/staffCustomForm/u_项目').fill('P1');
  // A second row cannot take the same name (one key per name in JSON).
  await page.click('button[data-action="add-prefixed"]');
  await page.keyboard.type('项目');
  const nameInput = page.locator('input.cf-name').nth(1);
  assert.equal(await nameInput.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('.page-msg').count(), 1);
  await page.keyboard.type('2');
  assert.equal(await nameInput.getAttribute('aria-invalid'), null);
  assert.equal(await page.locator('.page-msg').count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('cf-name')), true, 'typing keeps the focus');
  await page.click('button[data-action="remove"][data-ptr="/body/staffCustomForm/u_项目2"]');

  assert.deepEqual(await page.$$eval('#form .msg.error', (els) => els.map((e) => e.dataset.path)), []);
  const normalized = await fieldMessages(page, '/body/staffCustomForm/base');
  assert.deepEqual(normalized.map((m) => [m.level, m.code]), [['warning', 'normalized']]);
  assert.equal(await page.isEnabled('#submit'), true);
  assert.equal(await page.textContent('#pv-method'), 'PUT');
  const url = 'https://app.ekuaibao.com/api/openapi/v1.1/staffs/update/$s1?accessToken=***';
  assert.equal(await page.textContent('#pv-url'), url);
  const body = {
    name: '张三',
    defaultDepartment: 'D2',
    departments: ['D2'],
    staffCustomForm: { base: '[{"key":"8","label":"北京市/海淀区"}]', u_项目: 'P1' },
  };
  assert.equal(await previewBody(page), pretty(body));
  // A urlPath that validate() accepts but this endpoint cannot use (no {staffId}) blocks too.
  await page.fill('#opt-urlPath', '/api/x');
  assert.match(await page.textContent('#opt-urlPath-msg'), /\{staffId\}/);
  assert.equal(await page.isDisabled('#submit'), true);
  await page.fill('#opt-urlPath', '');
  assert.equal(await page.isEnabled('#submit'), true);

  // Copy as curl / fetch: the exact body, token masked unless asked for.
  await page.click('#copy-curl');
  await page.waitForFunction(() => document.getElementById('copy-status').textContent !== '');
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(
    curl,
    `curl -X PUT '${url}' \\\n  -H 'Content-Type: application/json' \\\n  --data-raw '${JSON.stringify(body)}'`,
  );
  await page.check('#copy-secret');
  await page.click('#copy-fetch');
  await page.waitForFunction(() => document.getElementById('copy-out').value.includes('fetch('));
  const fetchText = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(fetchText.startsWith(`await fetch(${JSON.stringify(url.replace('***', 'tok'))}, {`), fetchText);
  assert.ok(fetchText.includes(`body: ${JSON.stringify(JSON.stringify(body))}`), fetchText);
  await done('05-ekuaibao-fixed');
});

test('DingTalk by keyboard only: logical tab order, groups > sections > field rows, visible focus, Enter submits', async () => {
  const id = 'dingtalk.updateEmployeeRoster';
  const { page, done } = await openPage(browser, server.url, { endpoint: id });
  const active = () =>
    page.evaluate(() => {
      const e = document.activeElement;
      return { tag: e.tagName, id: e.id, ptr: e.dataset.ptr ?? null, action: e.dataset.action ?? null, text: e.textContent.trim() };
    });
  // Tab order = document order of the visible focusable elements.
  const focusables = await page.$$eval('a[href], button:not([disabled]), input, select, textarea', (els) =>
    els.filter((e) => e.offsetParent !== null && !e.hidden).map((e) => e.id || e.textContent.trim()),
  );
  const seen = [];
  for (let i = 0; i < 14; i++) {
    await page.keyboard.press('Tab');
    const a = await active();
    seen.push(a.id || a.text);
  }
  assert.deepEqual(seen, focusables.slice(0, seen.length), "tab order follows the page");
  assert.equal(seen[0], 'Skip to the form');

  async function tabTo(pred, what, max = 40) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      if (pred(await active())) return;
    }
    assert.fail(`Tab never reached ${what}`);
  }
  await page.focus('#endpoint');
  await tabTo((a) => a.ptr === '/query/access_token', 'access_token');
  await page.keyboard.type('tok');
  await tabTo((a) => a.ptr === '/body/agentid', 'agentid');
  await page.keyboard.type('1234');
  await tabTo((a) => a.ptr === '/body/param/userid', 'userid');
  await page.keyboard.type('u1');
  await tabTo((a) => a.action === 'add' && a.ptr === '/body/param/groups', 'Add group');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  assert.equal((await active()).ptr, '/body/param/groups/0/group_id');
  await page.keyboard.type('sys03');
  await tabTo((a) => a.action === 'add' && a.ptr === '/body/param/groups/0/sections', 'Add section');
  await page.keyboard.press('Space');
  assert.equal((await active()).ptr, '/body/param/groups/0/sections/0/old_index');
  await tabTo((a) => a.action === 'add' && a.ptr === '/body/param/groups/0/sections/0/section', 'Add field');
  await page.keyboard.press('Enter');
  const f0 = '/body/param/groups/0/sections/0/section/0';
  assert.equal((await active()).ptr, `${f0}/field_code`);
  await page.keyboard.type('sys03-graduationTime');
  await tabTo((a) => a.ptr === `${f0}/value`, 'value');
  await page.keyboard.type('2020-13-01');
  const bad = {
    query: { access_token: 'tok' },
    body: {
      agentid: 1234,
      param: {
        userid: 'u1',
        groups: [{ group_id: 'sys03', sections: [{ section: [{ field_code: 'sys03-graduationTime', value: '2020-13-01' }] }] }],
      },
    },
  };
  const want = expected(id, bad, `${f0}/value`, 'en');
  assert.equal(want.length, 1);
  assert.deepEqual(await errorsAt(page, `${f0}/value`), want);
  assert.equal(await page.isDisabled('#submit'), true);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2020-09-01');
  assert.deepEqual(await errorsAt(page, `${f0}/value`), []);
  // A section without old_index: a warning on the section, and submit stays enabled.
  const sectionPtr = '/body/param/groups/0/sections/0';
  const warn = expected(id, bad, sectionPtr, 'en', 'warnings');
  assert.deepEqual(await warningsAt(page, sectionPtr), warn);
  assert.equal(await page.isEnabled('#submit'), true);

  // Add a second field row and remove it again, by keyboard.
  await tabTo((a) => a.action === 'add' && a.ptr === '/body/param/groups/0/sections/0/section', 'Add field');
  await page.keyboard.press('Enter');
  assert.equal((await active()).ptr, `${sectionPtr}/section/1/field_code`);
  assert.equal(await page.isDisabled('#submit'), true, 'an empty row is an error');
  await page.keyboard.press('Shift+Tab');
  assert.equal((await active()).action, 'remove');
  await page.keyboard.press('Enter');
  assert.notEqual((await active()).tag, 'BODY', 'focus stays in the form');
  assert.equal(await page.isEnabled('#submit'), true);

  await page.focus(`[data-ptr="${f0}/value"]`);
  await page.keyboard.press('Enter'); // implicit submission
  assert.equal((await active()).id, 'preview-title');
  assert.match(await page.textContent('#submit-result'), /access_token=\*\*\*/);
  assert.equal(await page.textContent('#pv-url'), 'https://oapi.dingtalk.com/topapi/smartwork/hrm/employee/v2/update?access_token=***');
  const good = structuredClone(bad.body);
  good.param.groups[0].sections[0].section[0].value = '2020-09-01';
  assert.equal(await previewBody(page), pretty(good));
  await done('06-dingtalk-keyboard');
});

test('every doc example loads with zero errors and builds the documented request', async () => {
  const index = readJson('www/pkg/examples/index.json');
  const ids = rg.endpoints().map((e) => e.id);
  assert.deepEqual([...new Set(index.map((x) => x.endpoint))].sort(), [...ids].sort(), 'an example for every endpoint');
  const { page, done } = await openPage(browser, server.url);
  for (const [n, ex] of index.entries()) {
    const fixture = readJson(`tests/fixtures/${ex.endpoint}/${ex.file.split('/').pop()}`);
    await selectEndpoint(page, ex.endpoint);
    await page.click(`#examples button[data-example="${ex.file}"]`);
    await page.waitForFunction((src) => document.getElementById('submit-result').textContent.includes(src), ex.source);
    assert.equal(await page.locator('#summary-errors li').count(), 0, ex.file);
    assert.equal(await page.locator('#form .msg.error').count(), 0, ex.file);
    assert.equal(await page.isEnabled('#submit'), true, ex.file);
    const shown = await page.$$eval('#form .msg.warning', (els) => els.map((e) => [e.dataset.path, e.dataset.code]));
    assert.deepEqual(shown, fixture.warnings, `${ex.file}: warnings on their fields`);
    assert.equal(await page.textContent('#pv-method'), fixture.request.method);
    const url = await page.textContent('#pv-url');
    // Tokens masked; the Fxiaoke trace id, generated when not given, is a UUID v4.
    const wantUrl = fixture.request.url
      .replace(/([?&](?:access_token|accessToken)=)[^&]*/, '$1***')
      .replace(/[.?*+^$()|[\]\\{}]/g, '\\$&')
      .replace('\\{traceId\\}', '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}');
    assert.match(url, new RegExp(`^${wantUrl}$`), ex.file);
    // A request without a body (WeCom deleteUser, Ekuaibao setStaffActive) shows none.
    const wantBody = fixture.request.body === undefined ? '' : pretty(maskTokens(fixture.request.body));
    assert.equal(await previewBody(page), wantBody, ex.file);
    await screenshot(page, `07-example-${n}-${ex.endpoint}${ex.name ? '-' + ex.name : ''}`);
  }
  await done('07-examples');
});

test('reply panel decodes a pasted vendor reply with parseResponse', async () => {
  const id = 'ekuaibao.updateStaff';
  const { page, done } = await openPage(browser, server.url, { endpoint: id, lang: 'zh-CN' });
  const body = '{"errorCode":400,"errorMessage":"员工名称不能为空"}';
  await page.fill('#reply-status', '400');
  await page.fill('#reply-text', body);
  await page.click('#reply-decode');
  const want = rg.parseResponse(id, 400, body);
  const dd = await page.$$eval('#reply-out dd', (els) => els.map((e) => e.textContent));
  assert.equal(dd.length, 5);
  assert.match(dd[0], want.ok ? /成功/ : /失败/);
  assert.equal(dd[1], want.vendorCode ?? '—');
  assert.equal(dd[2], want.message ?? '—');
  assert.equal(dd[3], want.retryable ? '是' : '否');
  await page.fill('#reply-status', 'abc');
  await page.click('#reply-decode');
  assert.match(await page.textContent('#reply-out'), /100 到 599/);
  await page.fill('#reply-status', '200');
  await page.fill('#reply-text', '{"value":true}');
  await page.click('#reply-decode');
  const ok = rg.parseResponse(id, 200, '{"value":true}');
  assert.match((await page.$$eval('#reply-out dd', (els) => els.map((e) => e.textContent)))[0], ok.ok ? /成功/ : /失败/);
  await done('08-reply');
});
