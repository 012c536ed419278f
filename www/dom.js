// A small element builder: h('p', {class: 'x', id: 'y'}, 'text', child).
// Attributes are set with setAttribute (never innerHTML), `false` / null /
// undefined attributes are left out, and `true` sets an empty attribute.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'value' && (tag === 'input' || tag === 'textarea' || tag === 'select')) el.value = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** A stable, valid element id for a JSON Pointer (plus a suffix). */
export function idFor(pointer, suffix = '') {
  const safe = pointer.replace(/[^A-Za-z0-9_-]/g, (c) => (c === '/' ? '.' : `_${c.codePointAt(0).toString(16)}_`));
  return `f${safe}${suffix ? '--' + suffix : ''}`;
}
