// The demo page: picks an endpoint, renders its form from describe(),
// keeps the input envelope in step with the controls, validates live and
// shows the request and reply decoding. All rules come from the package.
import {
  init,
  endpoints,
  describe,
  validate,
  validateField,
  buildRequest,
  parseResponse,
  redact,
  RosterguardError,
} from './pkg/web.js';
import { h } from './dom.js';
import { UI } from './i18n.js';
import { renderForm, labelOf } from './form.js';
import {
  buildTree,
  getAt,
  hasAt,
  integerValue,
  isAtOrBelow,
  nodeFor,
  parsePointer,
  removeAt,
  renameKey,
  setAt,
  toPointer,
} from './model.js';

const $ = (id) => document.getElementById(id);

const state = {
  lang: 'en',
  id: '',
  list: [], // endpoints()
  examples: [], // examples/index.json
  per: new Map(), // id -> {desc, tree, input, touched: Set, showAll}
  slots: new Map(),
  report: null,
  request: null, // the built (unredacted) request when valid
  cfConflict: null,
  optionError: null,
};

const t = () => UI[state.lang];
const cur = () => state.per.get(state.id);
const titleOf = (e) => (state.lang === 'zh-CN' ? e.titleZh || e.title : e.title);

function endpointState(id) {
  let s = state.per.get(id);
  if (!s) {
    const desc = describe(id);
    s = { desc, tree: buildTree(desc.fields), input: {}, touched: new Set(), showAll: false };
    state.per.set(id, s);
  }
  return s;
}

function options() {
  const o = { locale: state.lang };
  const urlPath = $('opt-urlPath').value;
  if (urlPath !== '') o.urlPath = urlPath;
  return o;
}

// ---- static texts ----------------------------------------------------------

function applyTexts() {
  const s = t();
  document.documentElement.lang = state.lang;
  for (const el of document.querySelectorAll('[data-i18n]')) {
    const v = s[el.dataset.i18n];
    if (typeof v === 'string') el.textContent = v;
  }
  $('pv-body').setAttribute('aria-label', s.previewBody);
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang));
  document.title = state.lang === 'zh-CN' ? 'rosterguard — 管理表单演示' : 'rosterguard — admin form demo';
}

function renderPicker() {
  const sel = $('endpoint');
  sel.replaceChildren();
  const groups = new Map();
  for (const e of state.list) {
    const title = titleOf(e);
    const m = /^(.+?)[:：]\s*(.+)$/.exec(title);
    const vendor = m ? m[1] : e.vendor;
    if (!groups.has(e.vendor)) {
      const g = h('optgroup', { label: vendor });
      groups.set(e.vendor, g);
      sel.append(g);
    }
    groups.get(e.vendor).append(h('option', { value: e.id }, `${m ? m[2] : title}  (${e.id})`));
  }
  sel.value = state.id;
}

function renderHead() {
  const e = state.list.find((x) => x.id === state.id);
  $('ep-title').textContent = titleOf(e);
  $('ep-method').textContent = e.method;
  $('ep-path').textContent = e.path;
  $('ep-doc').href = e.docUrl;
  $('opt-urlPath').placeholder = e.path;
  const dep = $('ep-deprecation');
  dep.hidden = !e.deprecated;
  dep.replaceChildren();
  if (e.deprecated) {
    dep.append(h('strong', null, t().deprecated, ': '), (state.lang === 'zh-CN' ? e.deprecationZh : e.deprecation) ?? '');
  }
  const box = $('examples');
  box.replaceChildren();
  const mine = state.examples.filter((x) => x.endpoint === state.id);
  for (const ex of mine) {
    box.append(
      h(
        'button',
        { type: 'button', class: 'secondary', 'data-example': ex.file, title: ex.source },
        mine.length > 1 && ex.name ? t().loadExampleNamed(ex.name) : t().loadExample,
      ),
    );
  }
}

// ---- form ------------------------------------------------------------------

function render(focus) {
  const s = cur();
  state.slots = renderForm($('form'), {
    tree: s.tree,
    input: s.input,
    lang: state.lang,
    t: t(),
    cfConflict: state.cfConflict,
  });
  if (focus) restoreFocus(focus);
}

function restoreFocus({ id, start, end, ptr }) {
  let el = id ? document.getElementById(id) : null;
  if (!el && ptr !== undefined) el = controlFor(ptr);
  if (!el) return;
  el.focus();
  if (start !== undefined && typeof el.setSelectionRange === 'function') {
    try {
      el.setSelectionRange(start, end);
    } catch {
      // not a text control
    }
  }
}

/** The control to focus for an issue path: the field's own, else the first inside its block. */
function controlFor(ptr) {
  let p = ptr;
  for (;;) {
    const slot = state.slots.get(p);
    if (slot) {
      return slot.control ?? slot.container.querySelector('input, select, textarea, button') ?? slot.container;
    }
    if (p === '') return null;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

function slotFor(path) {
  let p = path;
  for (;;) {
    if (state.slots.has(p)) return p;
    if (p === '') return '';
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

function touchedAtOrBelow(ptr) {
  for (const x of cur().touched) if (isAtOrBelow(x, ptr)) return true;
  return false;
}

/**
 * A plain "required" (the field's own flag, not a cross-field rule) is
 * shown on a field only once the user has been there or loaded an example:
 * a fresh form does not start red. The summary lists it regardless.
 */
function visibleOnField(issue) {
  const plainRequired = issue.code === 'required' && !(issue.params && issue.params.because);
  return !plainRequired || cur().showAll || touchedAtOrBelow(issue.path);
}

/** Human path of an issue: "Group 1 › Section 2 › Field 1 › Value". */
function pathLabel(path) {
  const s = cur();
  if (path === '') return t().input;
  const found = nodeFor(s.tree, parsePointer(path));
  if (!found) return path;
  const parts = [];
  const { trail } = found;
  trail.forEach(([node, seg], i) => {
    const last = i === trail.length - 1;
    if (node.key === '-') parts.push(t().item(labelOf(node, state.lang), Number(seg) + 1));
    else if (node.meta.keyPrefix) parts.push(`${labelOf(node, state.lang)} ${seg}`);
    else if (last) parts.push(labelOf(node, state.lang));
  });
  return parts.join(' › ');
}

// ---- validation --------------------------------------------------------------

function runValidate(input) {
  state.optionError = null;
  try {
    return validate(state.id, input, options());
  } catch (e) {
    if (e instanceof RosterguardError && e.kind === 'invalid_option') {
      state.optionError = e.message;
      return validate(state.id, input, { locale: state.lang });
    }
    throw e;
  }
}

/**
 * Validates the whole input (submit state, every field's messages); the
 * field being edited gets its messages from validateField with the whole
 * current input, so cross-field rules apply to it too.
 */
function refresh(editPtr) {
  const s = cur();
  // The field's current value (it may have gone since, e.g. its row was removed).
  const segs = editPtr === undefined ? null : parsePointer(editPtr);
  const edit = segs && hasAt(s.input, segs) ? { ptr: editPtr, value: getAt(s.input, segs) } : null;
  const report = runValidate(s.input);
  state.report = report;
  const issues = [
    ...report.errors.map((i) => ({ ...i, level: 'error' })),
    ...report.warnings.map((i) => ({ ...i, level: 'warning' })),
  ];
  let perField = issues;
  if (edit && !state.optionError) {
    const r = validateField(state.id, edit.ptr, edit.value, s.input, options());
    perField = [
      ...issues.filter((i) => !isAtOrBelow(i.path, edit.ptr)),
      ...r.errors.map((i) => ({ ...i, level: 'error' })),
      ...r.warnings.map((i) => ({ ...i, level: 'warning' })),
    ];
  }
  showFieldMessages(perField);
  syncControls();
  showPreview(report);
  showSummary(report);
  showOptionError();
}

function showFieldMessages(issues) {
  const bySlot = new Map();
  for (const issue of issues) {
    if (!visibleOnField(issue)) continue;
    const key = slotFor(issue.path);
    if (!bySlot.has(key)) bySlot.set(key, []);
    bySlot.get(key).push(issue);
  }
  for (const [ptr, slot] of state.slots) {
    const list = bySlot.get(ptr) ?? [];
    // Errors first, then warnings, each in report (input) order.
    list.sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
    const keep = slot.msgs.querySelector('.page-msg');
    slot.msgs.replaceChildren(
      ...(keep ? [keep] : []),
      ...list.map((i) =>
        h(
          'li',
          { class: `msg ${i.level}`, 'data-code': i.code, 'data-path': i.path },
          h('span', { class: 'msg-tag' }, i.level === 'error' ? t().error : t().warning),
          ' ',
          i.path !== ptr && !slot.control ? h('span', { class: 'msg-where' }, pathLabel(i.path), ': ') : null,
          i.message,
        ),
      ),
    );
    const hasError = list.some((i) => i.level === 'error');
    slot.container.classList.toggle('has-error', hasError);
    slot.container.classList.toggle('has-warning', !hasError && list.length > 0);
    if (slot.control) {
      if (hasError) slot.control.setAttribute('aria-invalid', 'true');
      else slot.control.removeAttribute('aria-invalid');
    }
  }
}

/** Clear buttons and placeholders follow whether each field is sent. */
function syncControls() {
  const s = cur();
  const e = state.list.find((x) => x.id === state.id);
  for (const el of $('form').querySelectorAll('input[data-ptr]')) {
    const segs = parsePointer(el.dataset.ptr);
    const present = hasAt(s.input, segs);
    const node = nodeFor(s.tree, segs)?.node;
    let ph = '';
    if (!present) ph = el.dataset.ptr === '/baseUrl' ? t().defaultIs(e.defaultBaseUrl) : node?.meta.required ? '' : t().notSent;
    else if (getAt(s.input, segs) === '') ph = t().sendsEmpty;
    el.placeholder = ph;
  }
  for (const b of $('form').querySelectorAll('button.clear[data-ptr]')) {
    b.hidden = !hasAt(s.input, parsePointer(b.dataset.ptr));
  }
}

function showSummary(report) {
  const s = t();
  $('status-line').textContent = s.counts(report.errors.length, report.warnings.length);
  $('status-line').className = 'status-line ' + (report.ok ? (report.warnings.length ? 'warn' : 'ok') : 'bad');
  const item = (i, level) =>
    h(
      'li',
      { class: `msg ${level}` },
      h(
        'button',
        { type: 'button', class: 'link', 'data-goto': i.path },
        h('span', { class: 'msg-tag' }, level === 'error' ? s.error : s.warning),
        ' ',
        h('span', { class: 'msg-where' }, pathLabel(i.path)),
        ': ',
        i.message,
      ),
    );
  $('summary-errors').replaceChildren(...report.errors.map((i) => item(i, 'error')));
  $('summary-warnings').replaceChildren(...report.warnings.map((i) => item(i, 'warning')));
  $('submit').disabled = !report.ok || state.optionError !== null;
}

function showOptionError() {
  const el = $('opt-urlPath');
  const msgs = $('opt-urlPath-msg');
  if (state.optionError) {
    el.setAttribute('aria-invalid', 'true');
    msgs.replaceChildren(h('li', { class: 'msg error' }, h('span', { class: 'msg-tag' }, t().error), ' ', state.optionError));
  } else {
    el.removeAttribute('aria-invalid');
    msgs.replaceChildren();
  }
}

function showPreview(report) {
  state.request = null;
  if (report.ok && !state.optionError) {
    try {
      state.request = buildRequest(state.id, cur().input, options());
    } catch (e) {
      // validate() checks an option's form; some endpoint-specific needs
      // (Ekuaibao's urlPath must hold {staffId}) only show when building.
      if (!(e instanceof RosterguardError)) throw e;
      if (e.kind === 'invalid_option') state.optionError = e.message;
    }
  }
  $('preview-body').hidden = state.request === null;
  $('preview-empty').hidden = state.request !== null;
  $('copy-out').hidden = true;
  $('copy-status').textContent = '';
  if (state.request === null) return;
  const shown = redact(state.request);
  $('pv-method').textContent = shown.method;
  $('pv-url').textContent = shown.url;
  // A request the vendor documents without a body (WeCom deleteUser) has none.
  let pretty = shown.body ?? '';
  try {
    pretty = JSON.stringify(JSON.parse(shown.body), null, 2);
  } catch {
    // shown as it is
  }
  $('pv-body').textContent = pretty;
}

// ---- events --------------------------------------------------------------------

function valueOf(el) {
  switch (el.dataset.kind) {
    case 'integer':
      return integerValue(el.value);
    case 'boolean':
      return el.value === '' ? undefined : el.value === 'true';
    default:
      return el.value;
  }
}

function onInput(ev) {
  const el = ev.target;
  const s = cur();
  if (el.dataset.kind === 'cfname') return renameCustom(el);
  if (!el.dataset.ptr || !el.dataset.kind) return;
  const ptr = el.dataset.ptr;
  const segs = parsePointer(ptr);
  const value = valueOf(el);
  s.touched.add(ptr);
  if (value === undefined) {
    removeAt(s.input, segs);
    return refresh();
  }
  setAt(s.input, segs, value);
  refresh(ptr);
}

/**
 * Renaming a u_<name> row renames the key in place (order kept) and moves
 * the row's pointer in the DOM without re-rendering, so that typing, and an
 * IME composing Chinese characters, is not disturbed. A name another row
 * already has is refused: a JSON object cannot hold the same key twice.
 */
function renameCustom(el) {
  const s = cur();
  const parentSegs = parsePointer(el.dataset.parent);
  const obj = getAt(s.input, parentSegs);
  const from = el.dataset.key;
  const to = el.dataset.prefix + el.value;
  const row = el.closest('[data-slot]');
  const msgs = row.querySelector('ul.msgs');
  msgs.querySelector('.page-msg')?.remove();
  el.removeAttribute('aria-invalid');
  state.cfConflict = null;
  if (to !== from && Object.hasOwn(obj, to)) {
    state.cfConflict = { id: el.id, text: el.value };
    el.setAttribute('aria-invalid', 'true');
    msgs.prepend(h('li', { class: 'msg error page-msg' }, h('span', { class: 'msg-tag' }, t().error), ' ', t().nameTaken));
  } else if (to !== from) {
    renameKey(obj, from, to);
    const oldPtr = toPointer([...parentSegs, from]);
    const newPtr = toPointer([...parentSegs, to]);
    el.dataset.key = to;
    row.dataset.slot = newPtr;
    for (const x of row.querySelectorAll('[data-ptr]')) x.dataset.ptr = newPtr;
    const slot = state.slots.get(oldPtr);
    state.slots.delete(oldPtr);
    if (slot) state.slots.set(newPtr, slot);
    s.touched.add(newPtr);
  }
  refresh();
}

let pointerDown = false;

/**
 * Leaving a field marks it visited and shows its messages. When the focus
 * leaves because a button is being clicked, the refresh waits for the click:
 * a message appearing between press and release would move the button away.
 */
function onFocusOut(ev) {
  const el = ev.target;
  if (!el.dataset || !el.dataset.ptr || !el.dataset.kind) return;
  const ptr = el.dataset.ptr;
  cur().touched.add(ptr);
  if (pointerDown && ev.relatedTarget instanceof Element && ev.relatedTarget.closest('button')) {
    window.addEventListener('pointerup', () => setTimeout(() => refresh(ptr)), { once: true });
    return;
  }
  refresh(ptr);
}

/** Keeps "touched" marks on the right rows when an array item goes. */
function shiftTouched(arrayPtr, removed) {
  const s = cur();
  const next = new Set();
  for (const p of s.touched) {
    if (!p.startsWith(arrayPtr + '/')) {
      next.add(p);
      continue;
    }
    const rest = p.slice(arrayPtr.length + 1);
    const cut = rest.indexOf('/');
    const idx = Number(cut < 0 ? rest : rest.slice(0, cut));
    const tail = cut < 0 ? '' : rest.slice(cut);
    if (idx < removed) next.add(p);
    else if (idx > removed) next.add(`${arrayPtr}/${idx - 1}${tail}`);
  }
  s.touched = next;
}

function firstControlIn(ptr) {
  const slot = state.slots.get(ptr);
  return slot ? slot.control ?? slot.container.querySelector('input, select, textarea') : null;
}

function onClick(ev) {
  const btn = ev.target.closest('button');
  if (!btn) return;
  const s = cur();
  const action = btn.dataset.action;
  const ptr = btn.dataset.ptr;
  if (action === 'toggle-secret') {
    const input = $(btn.dataset.for);
    const show = input.type === 'password';
    input.type = show ? 'text' : 'password';
    btn.setAttribute('aria-pressed', String(show));
    btn.textContent = show ? t().hide : t().show;
    return;
  }
  if (!action || ptr === undefined) return;
  const segs = parsePointer(ptr);
  if (action === 'clear') {
    removeAt(s.input, segs);
    s.touched.add(ptr);
    render({ ptr });
  } else if (action === 'add') {
    const node = nodeFor(s.tree, segs)?.node;
    let list = getAt(s.input, segs);
    if (!Array.isArray(list)) {
      list = [];
      setAt(s.input, segs, list);
    }
    const type = node?.item?.meta.type;
    list.push(type === 'object' ? {} : '');
    const itemPtr = toPointer([...segs, String(list.length - 1)]);
    render();
    const el = firstControlIn(itemPtr);
    if (el) el.focus();
  } else if (action === 'remove') {
    const parentSegs = segs.slice(0, -1);
    const parent = getAt(s.input, parentSegs);
    const parentPtr = toPointer(parentSegs);
    if (Array.isArray(parent)) {
      const idx = Number(segs[segs.length - 1]);
      parent.splice(idx, 1);
      shiftTouched(parentPtr, idx);
      s.touched.add(parentPtr);
      render();
      const next = firstControlIn(toPointer([...parentSegs, String(Math.min(idx, parent.length - 1))]));
      (next ?? state.slots.get(parentPtr)?.container.querySelector('button.add'))?.focus();
    } else {
      // a prefixed (u_<name>) row
      delete parent[segs[segs.length - 1]];
      state.cfConflict = null;
      render();
      state.slots.get(parentPtr)?.container.querySelector('button[data-action="add-prefixed"]')?.focus();
    }
  } else if (action === 'add-prefixed') {
    const prefix = btn.dataset.prefix;
    const obj = getAt(s.input, segs);
    if (obj && typeof obj === 'object' && Object.hasOwn(obj, prefix)) {
      // A row without a name is already there: go to it.
      const el = [...$('form').querySelectorAll('input[data-kind="cfname"]')].find((i) => i.dataset.key === prefix);
      el?.focus();
      return;
    }
    setAt(s.input, [...segs, prefix], '');
    render();
    const el = [...$('form').querySelectorAll('input[data-kind="cfname"]')].find((i) => i.dataset.key === prefix);
    el?.focus();
  } else if (action === 'as-rows') {
    const parsed = JSON.parse(String(getAt(s.input, segs)));
    setAt(s.input, segs, parsed);
    render();
    firstControlIn(toPointer([...segs, '0'])).focus();
  }
  refresh();
}

function gotoIssue(path) {
  const s = cur();
  s.touched.add(path);
  refresh();
  const el = controlFor(path);
  if (el) {
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
  }
}

function onSubmit(ev) {
  ev.preventDefault();
  refresh();
  if (!state.request) return;
  const shown = redact(state.request);
  $('submit-result').textContent = t().built(shown.method, shown.url);
  $('preview-title').focus();
}

async function loadExample(file) {
  const res = await fetch(new URL('pkg/' + file, document.baseURI));
  if (!res.ok) throw new Error(`${file}: HTTP ${res.status}`);
  const ex = await res.json();
  const s = cur();
  s.input = structuredClone(ex.input);
  s.touched = new Set();
  s.showAll = true;
  state.cfConflict = null;
  render();
  refresh();
  $('submit-result').textContent = t().exampleLoaded(ex.source);
}

function switchEndpoint(id) {
  state.id = id;
  endpointState(id);
  state.cfConflict = null;
  $('submit-result').textContent = '';
  renderHead();
  render();
  refresh();
  saveHash();
}

function switchLang(lang) {
  if (!UI[lang]) return;
  state.lang = lang;
  applyTexts();
  renderPicker();
  renderHead();
  render();
  refresh();
  saveHash();
}

function saveHash() {
  const q = new URLSearchParams({ endpoint: state.id, lang: state.lang });
  history.replaceState(null, '', '#' + q.toString());
}

function shellQuote(s) {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function copyText(kind) {
  if (!state.request) return;
  const req = $('copy-secret').checked ? state.request : redact(state.request);
  const headers = Object.entries(req.headers);
  const text =
    kind === 'curl'
      ? [
          // -g: Ekuaibao's [id1,id2] path segment is not a curl glob.
          `curl${req.url.includes('[') ? ' -g' : ''} -X ${req.method} ${shellQuote(req.url)}`,
          ...headers.map(([k, v]) => `  -H ${shellQuote(`${k}: ${v}`)}`),
          ...(req.body === undefined ? [] : [`  --data-raw ${shellQuote(req.body)}`]),
        ].join(' \\\n')
      : `await fetch(${JSON.stringify(req.url)}, {\n  method: ${JSON.stringify(req.method)},\n  headers: ${JSON.stringify(
          req.headers,
        )},${req.body === undefined ? '' : `\n  body: ${JSON.stringify(req.body)},`}\n});`;
  const out = $('copy-out');
  out.value = text;
  const manual = () => {
    out.hidden = false;
    out.focus();
    out.select();
    $('copy-status').textContent = t().copyManual;
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(() => {
      out.hidden = true;
      $('copy-status').textContent = t().copyOk;
    }, manual);
  } else manual();
}

function decodeReply() {
  const out = $('reply-out');
  const s = t();
  const status = integerValue($('reply-status').value.trim());
  out.hidden = false;
  if (typeof status !== 'number' || status < 100 || status > 599) {
    out.replaceChildren(h('dt', null, s.error), h('dd', { class: 'bad' }, s.replyBadStatus));
    return;
  }
  const r = parseResponse(state.id, status, $('reply-text').value);
  const row = (k, v, cls) => [h('dt', null, k), h('dd', { class: cls ?? null }, v)];
  out.replaceChildren(
    ...row(s.result, r.ok ? `✓ ${s.replyOk}` : `✗ ${s.replyFail}`, r.ok ? 'ok' : 'bad'),
    ...row(s.vendorCode, r.vendorCode ?? s.none),
    ...row(s.message, r.message ?? s.none),
    ...row(s.retryable, r.retryable ? s.yes : s.no),
    ...row(s.traceId, r.traceId ?? s.none),
  );
}

// ---- start ---------------------------------------------------------------------

async function main() {
  const hash = new URLSearchParams(location.hash.slice(1));
  const wanted = hash.get('lang') ?? (navigator.language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');
  state.lang = UI[wanted] ? wanted : 'en';
  applyTexts();
  await init();
  state.list = endpoints();
  try {
    const res = await fetch(new URL('pkg/examples/index.json', document.baseURI));
    state.examples = res.ok ? await res.json() : [];
  } catch {
    state.examples = [];
  }
  const id = hash.get('endpoint');
  state.id = state.list.some((e) => e.id === id) ? id : state.list[0].id;
  renderPicker();
  $('loading').hidden = true;
  $('main').hidden = false;
  switchEndpoint(state.id);

  $('endpoint').addEventListener('change', (e) => switchEndpoint(e.target.value));
  for (const b of document.querySelectorAll('[data-lang]')) b.addEventListener('click', () => switchLang(b.dataset.lang));
  $('reset').addEventListener('click', () => {
    const s = cur();
    s.input = {};
    s.touched = new Set();
    s.showAll = false;
    state.cfConflict = null;
    $('submit-result').textContent = '';
    render();
    refresh();
  });
  $('examples').addEventListener('click', (e) => {
    const b = e.target.closest('button[data-example]');
    if (b) loadExample(b.dataset.example).catch(fatal);
  });
  document.addEventListener('pointerdown', () => (pointerDown = true), true);
  document.addEventListener('pointerup', () => (pointerDown = false), true);
  document.addEventListener('pointercancel', () => (pointerDown = false), true);
  const form = $('form');
  form.addEventListener('input', onInput);
  form.addEventListener('focusout', onFocusOut);
  form.addEventListener('click', onClick);
  form.addEventListener('submit', onSubmit);
  $('opt-urlPath').addEventListener('input', () => refresh());
  for (const list of [$('summary-errors'), $('summary-warnings')]) {
    list.addEventListener('click', (e) => {
      const b = e.target.closest('button[data-goto]');
      if (b) gotoIssue(b.dataset.goto);
    });
  }
  $('copy-curl').addEventListener('click', () => copyText('curl'));
  $('copy-fetch').addEventListener('click', () => copyText('fetch'));
  $('reply-decode').addEventListener('click', decodeReply);
  document.body.dataset.ready = 'true';
}

function fatal(e) {
  const el = $('fatal');
  el.hidden = false;
  el.textContent = t().fatal(e && e.message ? e.message : String(e));
  $('loading').hidden = true;
  console.error(e);
}

main().catch(fatal);

