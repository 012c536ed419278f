// The form's state is the input envelope itself (a plain object): fields
// the user never touched are absent, a touched field holds exactly what
// its control holds. These helpers read and write it by JSON Pointer, and
// turn describe()'s flat field list into a tree to render from.

/** "/a/b~1c" -> ["a", "b/c"] (RFC 6901). */
export function parsePointer(pointer) {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** ["a", "b/c"] -> "/a/b~1c". */
export function toPointer(segments) {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The value at `segments`, or undefined. */
export function getAt(root, segments) {
  let v = root;
  for (const s of segments) {
    if (Array.isArray(v)) v = v[Number(s)];
    else if (isObject(v)) v = Object.hasOwn(v, s) ? v[s] : undefined;
    else return undefined;
  }
  return v;
}

/** Whether a value is present at `segments` (null counts as present). */
export function hasAt(root, segments) {
  let v = root;
  for (const s of segments) {
    if (Array.isArray(v)) {
      if (!(Number(s) < v.length)) return false;
      v = v[Number(s)];
    } else if (isObject(v) && Object.hasOwn(v, s)) v = v[s];
    else return false;
  }
  return true;
}

/** Sets the value at `segments`, creating missing objects on the way. */
export function setAt(root, segments, value) {
  let v = root;
  for (let i = 0; i < segments.length - 1; i++) {
    const s = segments[i];
    if (Array.isArray(v)) {
      const n = Number(s);
      if (!isObject(v[n]) && !Array.isArray(v[n])) v[n] = {};
      v = v[n];
    } else {
      if (!isObject(v[s]) && !Array.isArray(v[s])) v[s] = {};
      v = v[s];
    }
  }
  const last = segments[segments.length - 1];
  if (Array.isArray(v)) v[Number(last)] = value;
  else v[last] = value;
}

/**
 * Removes the value at `segments` (an array item is spliced out). Objects
 * left empty by removing a member are removed too, up to the first array
 * item or the root, so that clearing the last field of an optional object
 * leaves nothing behind.
 */
export function removeAt(root, segments) {
  if (segments.length === 0) return;
  const parent = getAt(root, segments.slice(0, -1));
  const last = segments[segments.length - 1];
  if (Array.isArray(parent)) {
    parent.splice(Number(last), 1);
    return;
  }
  if (!isObject(parent)) return;
  delete parent[last];
  if (Object.keys(parent).length === 0 && segments.length > 1) {
    const grand = getAt(root, segments.slice(0, -2));
    if (isObject(grand)) removeAt(root, segments.slice(0, -1));
  }
}

/** Renames an object member in place, keeping the members' order. */
export function renameKey(object, from, to) {
  const entries = Object.entries(object).map(([k, v]) => [k === from ? to : k, v]);
  for (const k of Object.keys(object)) delete object[k];
  for (const [k, v] of entries) object[k] = v;
}

/**
 * describe().fields -> a tree of nodes {meta, key, segments, children,
 * item (array item template), prefixed (template of prefixed keys such as
 * Ekuaibao's u_*)}. The root's children are baseUrl and the sections.
 */
export function buildTree(fields) {
  const root = { meta: null, key: '', segments: [], children: [], item: null, prefixed: null };
  const byPointer = new Map([['', root]]);
  for (const meta of fields) {
    const segments = parsePointer(meta.pointer);
    const parent = byPointer.get(toPointer(segments.slice(0, -1)));
    if (!parent) continue; // describe() lists parents first; anything else is skipped
    const node = { meta, key: meta.key, segments, children: [], item: null, prefixed: null };
    byPointer.set(meta.pointer, node);
    if (meta.key === '-') parent.item = node;
    else if (meta.keyPrefix) parent.prefixed = node;
    else parent.children.push(node);
  }
  return root;
}

/**
 * The template node for a concrete path such as /body/param/groups/0/group_id
 * (array indexes follow the item template, prefixed keys their template),
 * with the trail of nodes and concrete segments walked. Null when the path
 * leaves the tree.
 */
export function nodeFor(root, segments) {
  let node = root;
  const trail = [];
  for (const s of segments) {
    let next = null;
    if (node.item && /^(0|[1-9][0-9]*)$/.test(s)) next = node.item;
    else next = node.children.find((c) => c.key === s) ?? null;
    if (!next && node.prefixed && s.startsWith(node.prefixed.meta.keyPrefix)) next = node.prefixed;
    if (!next) return null;
    trail.push([next, s]);
    node = next;
  }
  return { node, trail };
}

/**
 * What an integer control sends: a number when the text is a plain
 * integer JavaScript holds exactly, otherwise the text itself (so that
 * the validator explains what is wrong with it, or coerces it with a
 * warning, e.g. "007").
 */
export function integerValue(text) {
  if (/^-?(0|[1-9][0-9]*)$/.test(text)) {
    const n = Number(text);
    if (Number.isSafeInteger(n)) return n;
  }
  return text;
}

/** Whether `inner` is `outer` or below it (pointer strings). */
export function isAtOrBelow(inner, outer) {
  return inner === outer || inner.startsWith(outer + '/') || outer === '';
}
