// JSON Pointers (RFC 6901) for the package's JS: the sync runner, the mock
// vendor and the CLI read and write records through these, and nothing
// else splits a pointer. `-` as a segment stands for every item of an array
// where the Rust side declares it so (record keys of batch endpoints).

/** "/a/b~1c" -> ["a", "b/c"]; "" -> []. */
export function segments(pointer) {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const own = (node, key) => node !== null && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, key);

/** The value at `pointer` in `root` (own properties only), or undefined. */
export function getAt(root, pointer) {
  let node = root;
  for (const s of segments(pointer)) {
    if (!own(node, s)) return undefined;
    node = node[s];
  }
  return node;
}

/** Whether `root` carries a value at `pointer`: present and not null. */
export function carries(root, pointer) {
  const v = getAt(root, pointer);
  return v !== undefined && v !== null;
}

/**
 * A copy of `root` with `value` at `pointer`: objects and arrays along the
 * path are copied (created where missing), everything else is shared. The
 * caller's record is never changed.
 */
export function setAt(root, pointer, value) {
  const segs = segments(pointer);
  const copy = (node, i) => {
    if (i === segs.length) return value;
    const base = node !== null && typeof node === 'object' ? node : {};
    const out = Array.isArray(base) ? base.slice() : { ...base };
    out[segs[i]] = copy(own(base, segs[i]) ? base[segs[i]] : undefined, i + 1);
    return out;
  };
  return copy(root, 0);
}

/** The record's identity keys at `pointer` (an array, or a `-` segment, gives one key per item). */
export function recordKeys(input, pointer) {
  if (!pointer) return [];
  const segs = segments(pointer);
  const out = [];
  const key = (x) => {
    if (typeof x === 'string' || typeof x === 'number') out.push(String(x));
  };
  const walk = (node, i) => {
    if (i === segs.length) {
      if (Array.isArray(node)) node.forEach(key);
      else key(node);
      return;
    }
    if (segs[i] === '-') {
      if (Array.isArray(node)) for (const item of node) walk(item, i + 1);
      return;
    }
    if (own(node, segs[i])) walk(node[segs[i]], i + 1);
  };
  walk(input, 0);
  return out;
}
