// Renders an endpoint's form from describe()'s field tree and the current
// input. Nothing here knows a vendor or a field name: every control, label,
// help text, enum suggestion, array and nested block comes from the
// metadata, so an endpoint added in Rust gets its form with no page change.
//
// Every control carries data-ptr (its concrete JSON Pointer) and data-kind
// (how its text becomes a value); every place a message can show is a
// "slot" registered under its pointer, so issues are routed by path.
import { h, idFor } from './dom.js';
import { getAt, hasAt, toPointer } from './model.js';

const txt = (t, lang) => (t ? (lang === 'zh-CN' ? t.zh || t.en : t.en || t.zh) : '');

/** Shows a value the input holds as the text of a control. */
export function display(v) {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The label of a node for the current language. */
export function labelOf(node, lang) {
  return txt(node.meta.label, lang) || node.key;
}

/**
 * Builds the form into `formEl`. Returns the slots: pointer ->
 * {msgs, control, container, labelText}.
 */
export function renderForm(formEl, { tree, input, lang, t, cfConflict }) {
  const slots = new Map();
  formEl.replaceChildren();
  const rootMsgs = h('ul', { class: 'msgs', id: 'form-msgs' });
  formEl.append(rootMsgs);
  slots.set('', { msgs: rootMsgs, control: null, container: formEl, labelText: t.input });

  // The wire name next to the label, unless the label already shows it as a word.
  const keyTag = (node, label) =>
    node.key && node.key !== '-' && !label.split(/\s+/).includes(node.key) ? [' ', h('code', { class: 'key' }, node.key)] : null;
  const badges = (node) => (node.meta.required ? h('span', { class: 'badge req' }, t.required) : null);
  // Inside arrays the same help would repeat on every row: it shows on the
  // first row only; later rows keep a hidden copy for aria-describedby
  // (assistive technology reads hidden description targets).
  const helpShown = new Set();
  const help = (node, id) => {
    const text = txt(node.meta.help, lang);
    if (!text) return null;
    const repeated = node.meta.pointer.includes('/-') && helpShown.has(node.meta.pointer);
    helpShown.add(node.meta.pointer);
    return h('p', { class: 'help', id, hidden: repeated }, text);
  };
  const describedBy = (msgsId, helpEl) => [msgsId, helpEl ? helpEl.id : null].filter(Boolean).join(' ');

  function register(ptr, msgs, control, container, labelText) {
    slots.set(ptr, { msgs, control, container, labelText });
  }

  /** A scalar control (text / integer / boolean) for `node` at `segs`. */
  function scalar(node, segs, opts = {}) {
    const ptr = toPointer(segs);
    const id = idFor(ptr);
    const present = hasAt(input, segs);
    const value = getAt(input, segs);
    const label = opts.label ?? labelOf(node, lang);
    const msgsId = id + '--msgs';
    const helpEl = opts.noHelp ? null : help(node, id + '--help');
    const meta = node.meta;
    const common = {
      id,
      'data-ptr': ptr,
      'aria-describedby': describedBy(msgsId, helpEl),
      'aria-required': meta.required ? 'true' : null,
    };
    let control;
    const extra = [];
    if (meta.type === 'boolean') {
      control = h(
        'select',
        { ...common, 'data-kind': 'boolean' },
        h('option', { value: '' }, t.boolUnset),
        h('option', { value: 'true' }, 'true'),
        h('option', { value: 'false' }, 'false'),
      );
      control.value = value === true ? 'true' : value === false ? 'false' : '';
    } else {
      const isInt = meta.type === 'integer';
      const listId = meta.enum ? id + '--list' : null;
      control = h('input', {
        ...common,
        type: meta.secret ? 'password' : 'text',
        'data-kind': isInt ? 'integer' : 'string',
        inputmode: isInt ? 'numeric' : null,
        list: listId,
        autocomplete: 'off',
        spellcheck: 'false',
        value: display(value),
      });
      if (listId) extra.push(h('datalist', { id: listId }, meta.enum.map((v) => h('option', { value: String(v) }))));
      if (meta.secret) {
        extra.push(
          h(
            'button',
            {
              type: 'button',
              class: 'ghost small',
              'data-action': 'toggle-secret',
              'data-for': id,
              'aria-pressed': 'false',
              'aria-label': t.showLabel(label),
            },
            t.show,
          ),
        );
      }
    }
    // Array rows have their remove button instead (removing = not sending).
    const clear =
      meta.type === 'boolean' || opts.row
        ? null
        : h(
            'button',
            {
              type: 'button',
              class: 'clear',
              'data-action': 'clear',
              'data-ptr': ptr,
              'aria-label': t.clear(label),
              title: t.clear(label),
              hidden: !present,
            },
            '×',
          );
    const msgs = h('ul', { class: 'msgs', id: msgsId });
    const wrap = h(
      opts.row ? 'li' : 'div',
      { class: opts.row ? 'row scalar' : 'field', 'data-slot': ptr },
      h('div', { class: 'label-row' }, h('label', { for: id }, label, keyTag(node, label)), opts.noBadges ? null : badges(node)),
      h('div', { class: 'control-row' }, control, extra, clear, opts.remove ?? null),
      msgs,
      helpEl,
    );
    register(ptr, msgs, control, wrap, label);
    return wrap;
  }

  function removeButton(ptr, label) {
    return h(
      'button',
      { type: 'button', class: 'remove', 'data-action': 'remove', 'data-ptr': ptr, 'aria-label': t.remove(label), title: t.remove(label) },
      '−',
    );
  }

  function clearBlock(node, segs, label) {
    if (node.meta.required || !hasAt(input, segs)) return null;
    const ptr = toPointer(segs);
    return h('button', { type: 'button', class: 'ghost small', 'data-action': 'clear', 'data-ptr': ptr }, t.clear(label));
  }

  /** An array: its rows and an add button (items follow node.item). */
  function array(node, segs, value) {
    const ptr = toPointer(segs);
    const id = idFor(ptr);
    const label = labelOf(node, lang);
    const itemLabel = labelOf(node.item, lang);
    const helpEl = help(node, id + '--help');
    const msgs = h('ul', { class: 'msgs', id: id + '--msgs' });
    const items = Array.isArray(value) ? value : [];
    const rows = items.map((_, i) => {
      const itemSegs = [...segs, String(i)];
      const rowLabel = t.item(itemLabel, i + 1);
      const rm = removeButton(toPointer(itemSegs), rowLabel);
      if (node.item.meta.type === 'object') return item(node.item, itemSegs, rowLabel, rm);
      return scalar(node.item, itemSegs, { row: true, label: rowLabel, noHelp: true, noBadges: true, remove: rm });
    });
    const add = h(
      'button',
      { type: 'button', class: 'add', 'data-action': 'add', 'data-ptr': ptr },
      '+ ',
      t.add(itemLabel),
    );
    const fs = h(
      'fieldset',
      { class: 'array', 'data-slot': ptr, id, 'aria-describedby': describedBy(msgs.id, helpEl) },
      h('legend', null, label, keyTag(node, label), ' ', badges(node)),
      helpEl,
      msgs,
      rows.length ? h('ol', { class: 'rows' }, rows) : null,
      h('div', { class: 'array-actions' }, add, clearBlock(node, segs, label)),
    );
    register(ptr, msgs, null, fs, label);
    return fs;
  }

  /** An array item that is an object: a fieldset with a remove button. */
  function item(node, segs, rowLabel, rm) {
    const ptr = toPointer(segs);
    const msgs = h('ul', { class: 'msgs', id: idFor(ptr, 'msgs') });
    const leafOnly = node.children.every((c) => c.meta.type !== 'object' && c.meta.type !== 'array' && !c.item);
    const fs = h(
      'fieldset',
      { class: leafOnly ? 'item inline' : 'item', 'data-slot': ptr, id: idFor(ptr), 'aria-describedby': msgs.id },
      h('legend', null, rowLabel),
      h('div', { class: 'item-tools' }, rm),
      msgs,
      h('div', { class: 'item-body' }, node.children.map((c) => field(c, [...segs, c.key]))),
    );
    register(ptr, msgs, null, fs, rowLabel);
    return h('li', { class: 'row object' }, fs);
  }

  /** A nested object or a section. */
  function object(node, segs, cls) {
    const ptr = toPointer(segs);
    const id = idFor(ptr);
    const label = labelOf(node, lang);
    const helpEl = help(node, id + '--help');
    const msgs = h('ul', { class: 'msgs', id: id + '--msgs' });
    const fs = h(
      'fieldset',
      { class: cls, 'data-slot': ptr, id, 'aria-describedby': describedBy(msgs.id, helpEl) },
      h('legend', null, label, keyTag(node, label), ' ', badges(node)),
      helpEl,
      msgs,
      node.children.map((c) => field(c, [...segs, c.key])),
      node.prefixed ? prefixedRows(node, segs) : null,
      cls === 'object' ? h('div', { class: 'array-actions' }, clearBlock(node, segs, label)) : null,
    );
    register(ptr, msgs, null, fs, label);
    return fs;
  }

  /** Prefixed keys (Ekuaibao's u_<name>): rows of name + value. */
  function prefixedRows(node, segs) {
    const tpl = node.prefixed;
    const prefix = tpl.meta.keyPrefix;
    const obj = getAt(input, segs);
    const keys = obj && typeof obj === 'object' && !Array.isArray(obj) ? Object.keys(obj).filter((k) => k.startsWith(prefix)) : [];
    const parentPtr = toPointer(segs);
    const base = idFor(toPointer([...segs, tpl.key]));
    const label = labelOf(tpl, lang);
    const helpEl = help(tpl, base + '--help');
    const rows = keys.map((key, i) => {
      const vSegs = [...segs, key];
      const ptr = toPointer(vSegs);
      const rowLabel = t.item(label, i + 1);
      const nameId = `${base}--${i}-name`;
      const valueId = `${base}--${i}-value`;
      const msgsId = `${base}--${i}-msgs`;
      const conflict = cfConflict && cfConflict.id === nameId;
      const nameInput = h('input', {
        id: nameId,
        type: 'text',
        class: 'cf-name',
        'data-kind': 'cfname',
        'data-parent': parentPtr,
        'data-key': key,
        'data-prefix': prefix,
        value: conflict ? cfConflict.text : key.slice(prefix.length),
        autocomplete: 'off',
        spellcheck: 'false',
        'aria-describedby': msgsId + (helpEl ? ' ' + helpEl.id : ''),
        'aria-invalid': conflict ? 'true' : null,
      });
      const valueInput = h('input', {
        id: valueId,
        type: 'text',
        'data-kind': tpl.meta.type === 'integer' ? 'integer' : 'string',
        'data-ptr': ptr,
        value: display(obj[key]),
        autocomplete: 'off',
        spellcheck: 'false',
        'aria-describedby': msgsId,
      });
      const msgs = h('ul', { class: 'msgs', id: msgsId });
      if (conflict) msgs.append(h('li', { class: 'msg error page-msg' }, h('span', { class: 'msg-tag' }, t.error), ' ', t.nameTaken));
      const li = h(
        'li',
        { class: 'row prefixed', 'data-slot': ptr },
        h('div', { class: 'cf-grid' },
          h('div', { class: 'cf-cell' },
            h('label', { for: nameId }, rowLabel, ' · ', t.fieldName),
            h('div', { class: 'prefix-input' }, h('span', { class: 'prefix', 'aria-hidden': 'true' }, prefix), nameInput)),
          h('div', { class: 'cf-cell' },
            h('label', { for: valueId }, rowLabel, ' · ', t.fieldValue),
            h('div', { class: 'control-row' }, valueInput, removeButton(ptr, rowLabel)))),
        msgs,
      );
      register(ptr, msgs, valueInput, li, `${label} ${key}`);
      return li;
    });
    return h(
      'div',
      { class: 'prefixed-block' },
      h('p', { class: 'sublabel' }, label, ' ', h('code', { class: 'key' }, prefix + '…')),
      helpEl,
      rows.length ? h('ol', { class: 'rows' }, rows) : null,
      h('div', { class: 'array-actions' },
        h('button', { type: 'button', class: 'add', 'data-action': 'add-prefixed', 'data-ptr': parentPtr, 'data-prefix': prefix }, '+ ', t.add(label))),
    );
  }

  /**
   * A value that is a list or its JSON text (Ekuaibao's base): rows while
   * it is absent or a list; a text control (sent as it is) when the input
   * holds text, with a button to switch to rows.
   */
  function listOrText(node, segs) {
    const value = getAt(input, segs);
    if (value === undefined || Array.isArray(value)) return array(node, segs, value);
    const ptr = toPointer(segs);
    const label = labelOf(node, lang);
    const wrap = scalar({ ...node, meta: { ...node.meta, type: 'string' } }, segs, {});
    let rows = null;
    try {
      const parsed = JSON.parse(String(value));
      if (Array.isArray(parsed) && parsed.every((x) => x && typeof x === 'object' && !Array.isArray(x))) rows = parsed;
    } catch {
      rows = null;
    }
    wrap.append(
      h('p', { class: 'help' }, rows ? t.asRowsHelp : t.asRowsBad),
      rows
        ? h('button', { type: 'button', class: 'ghost small', 'data-action': 'as-rows', 'data-ptr': ptr, 'aria-label': `${t.asRows}: ${label}` }, t.asRows)
        : null,
    );
    return wrap;
  }

  function field(node, segs) {
    const type = node.meta.type;
    if (type === 'object') return object(node, segs, 'object');
    if (type === 'array') return array(node, segs, getAt(input, segs));
    if (node.item) return listOrText(node, segs); // e.g. "string|array"
    return scalar(node, segs);
  }

  for (const node of tree.children) {
    if (node.meta.type === 'object' && node.segments.length === 1) formEl.append(object(node, node.segments, 'section'));
    else formEl.append(field(node, node.segments));
  }
  return slots;
}
