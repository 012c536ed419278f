// rosterguard: the JS-side API shared by the web and Node builds. The wasm
// module does the work; this file only turns thrown misuse objects into
// RosterguardError, guards the web build against use before init(), and
// adapts a Report to Standard Schema v1. No validation rule lives here.
//
// Written as an ES module; `make pkg` derives api.cjs from it for Node's
// require() so both entry points share one RosterguardError class.

/**
 * Thrown on misuse (unknown endpoint id, bad option, bad pointer, wrong
 * argument type, use before init) and by buildRequest when the input has
 * errors (`kind === 'invalid'`, with the Report in `.report`).
 */
export class RosterguardError extends Error {
  constructor(message, kind, report) {
    super(message);
    this.name = 'RosterguardError';
    /** What went wrong: unknown_endpoint, invalid, invalid_pointer, invalid_option, invalid_argument, not_initialized, internal. */
    this.kind = kind;
    /** The validation Report, for `kind === 'invalid'`. */
    this.report = report === null ? undefined : report;
  }
}

function rethrow(e) {
  if (e !== null && typeof e === 'object' && typeof e.rosterguardError === 'string') {
    return new RosterguardError(String(e.message), e.rosterguardError, e.report);
  }
  if (e instanceof RosterguardError) return e;
  // Anything else is a bug in rosterguard (a trap in the wasm module).
  const err = new RosterguardError(
    'rosterguard: internal error (' + (e && e.message ? e.message : String(e)) + '); please report it',
    'internal',
  );
  err.cause = e;
  return err;
}

/** "/body/departments/0" -> ["body", "departments", 0] (Standard Schema path). */
function pointerToPath(pointer) {
  if (pointer === '') return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((s) => {
      const key = s.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^(0|[1-9][0-9]{0,8})$/.test(key) ? Number(key) : key;
    });
}

// The fast path of validate / buildRequest. An input that is plain JSON
// already (what forms and parsed files hold) crosses into wasm as a tape
// written straight into linear memory (createCrossing), instead of one call
// from wasm into JS per value, key and prototype. Anything the tape writer
// is unsure of (undefined in an array, NaN, a fraction or an unsafe
// integer, a class instance, a lone surrogate, deep nesting, a cycle, a
// getter that throws) takes the careful walk in wasm, which reports the
// value at its pointer. Reads only; no rule lives here.
const stringify = JSON.stringify;
// The input policy lives in Rust (leaf::limits); read once from the module.
let fastMaxDepth = 0;
let fastMaxItems = 0;
// A key's word in a tape with this bit set is an index into the module's
// inputKeys() (see createCrossing).
const KNOWN_KEY = 0x80000000;
const KEYS_AFTER = 16;
const LONE_SURROGATE = /[\uD800-\uDFFF]/;
const wellFormed =
  typeof ''.isWellFormed === 'function' ? (s) => s.isWellFormed() : (s) => !LONE_SURROGATE.test(s);

/** What validate returns for every valid input without warnings: one shared, frozen report. */
const VALID = Object.freeze({ ok: true, errors: Object.freeze([]), warnings: Object.freeze([]) });

// Tags of the tape the fast path writes into linear memory (read by the
// module's Json::from_tape): plain JSON values only, so that no JSON text is
// written here or parsed there.
const NULL = 0;
const FALSE = 1;
const TRUE = 2;
const INT = 3;
const STRING = 4;
const ARRAY = 5;
const OBJECT = 6;

// The answer tape's tags beyond those: a number, as its JSON text; an
// object whose keys are indexes into the module's table of params keys.
const NUMBER = 7;
const KEYED = 8;

/**
 * The report of a validate's answer tape (the module's leaf::answer),
 * from `words` at `at` and the strings' `text`: objects made here, with
 * each string cut out of `text`, instead of JSON.parse of the report's
 * JSON text, which cost ~0.35 µs per object (9.9 µs against 2.6 µs for
 * the 7 issues of the Ekuaibao bad example). Words: ok, the numbers of
 * errors and warnings, then per issue the UTF-16 lengths of its path, code
 * and message, and its params as a tagged value (objects: count, then key
 * length and value each; keyed objects: count, then the key's index in
 * `keys` and value each).
 */
function readAnswer(words, at, text, keys) {
  // The reader's state lives in `answer` below, not in closures that every
  // call would allocate (2-6 % of a validate with errors, callgrind;
  // BENCHMARKS.md).
  answer.words = words;
  answer.at = at;
  answer.text = text;
  answer.cut = 0;
  answer.keys = keys;
  try {
    const ok = words[answer.at++] === 1;
    const errorCount = words[answer.at++];
    const warningCount = words[answer.at++];
    const errors = readIssues(errorCount);
    return { ok, errors, warnings: readIssues(warningCount) };
  } finally {
    // Hold no report's text or memory view between calls.
    answer.words = answer.text = answer.keys = undefined;
  }
}

/** The state of the answer being read (see readAnswer). */
const answer = { words: undefined, at: 0, text: undefined, cut: 0, keys: undefined };

/** The next string of the answer: its UTF-16 length is the next word. */
function readStr() {
  const end = answer.cut + answer.words[answer.at++];
  const s = answer.text.slice(answer.cut, end);
  answer.cut = end;
  return s;
}

/** The next `n` issues of the answer. */
function readIssues(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const path = readStr();
    const code = readStr();
    const message = readStr();
    out.push({ path, code, message, params: readValue() });
  }
  return out;
}

/** The next tagged value of the answer. */
function readValue() {
  switch (answer.words[answer.at++]) {
    case NULL:
      return null;
    case FALSE:
      return false;
    case TRUE:
      return true;
    case NUMBER:
      // Number() reads a JSON number text as JSON.parse does.
      return Number(readStr());
    case STRING:
      return readStr();
    case ARRAY: {
      const n = answer.words[answer.at++];
      const a = [];
      for (let i = 0; i < n; i++) a.push(readValue());
      return a;
    }
    case OBJECT: {
      const n = answer.words[answer.at++];
      const o = {};
      for (let i = 0; i < n; i++) {
        const key = readStr();
        const v = readValue();
        // An own "__proto__" key, as JSON.parse makes it, not a prototype.
        if (key === '__proto__') {
          Object.defineProperty(o, key, { value: v, enumerable: true, writable: true, configurable: true });
        } else {
          o[key] = v;
        }
      }
      return o;
    }
    case KEYED: {
      const n = answer.words[answer.at++];
      const o = {};
      for (let i = 0; i < n; i++) {
        const key = answer.keys[answer.words[answer.at++]];
        if (key === undefined) throw new Error('the answer tape is damaged');
        o[key] = readValue();
      }
      return o;
    }
    default:
      throw new Error('the answer tape is damaged');
  }
}

// writeValue's answers besides a position: the value must take the walk,
// or the buffer is too small (the caller grows it and writes again).
const WALK = -1;
const GROW = -2;
const f64 = new Float64Array(1);
const f64Bytes = new Uint8Array(f64.buffer);
const encoder = new TextEncoder();

const u32At = (b, at, n) => {
  b[at] = n & 255;
  b[at + 1] = (n >>> 8) & 255;
  b[at + 2] = (n >>> 16) & 255;
  b[at + 3] = n >>> 24;
};

/**
 * Whether `s` ends in a high surrogate, which is then lone. The tape's
 * strings are checked for lone surrogates once, joined, and a lone high
 * one at the end of a string would pair with a lone low one at the start
 * of the next (the module would then cut a character in two).
 */
const endsHigh = (s) => {
  const last = s.charCodeAt(s.length - 1);
  return last >= 0xd800 && last <= 0xdbff;
};

/** Writes the UTF-16 length of `s` at `p` and pools `s`, a key or a string value (see writeValue). */
function writeText(b, p, s, pool) {
  if (endsHigh(s)) return WALK;
  u32At(b, p, s.length);
  pool.push(s);
  return p + 4;
}

/** Writes the string `s` at `p` (see writeValue). */
function writeString(b, p, s, pool) {
  b[p] = STRING;
  return writeText(b, p + 1, s, pool);
}

/**
 * Whether an item of an object or array is a string that fits at `p`: it
 * is written by writeString there and then, without a recursive call of
 * writeValue (V8 inlines the one, not the other: a valid validate's tape
 * takes ~12 % less time to write).
 */
const leaf = (item, p, b) => typeof item === 'string' && p + 5 <= b.length;

/**
 * Writes `v`'s structure into `b` at `p` and collects its strings, in
 * order, into `pool` (a string's entry holds its UTF-16 length; the texts
 * follow the structure as one UTF-8 run, see writeTape); a key that `known`
 * maps is written as its word instead. Returns the end, WALK or GROW.
 */
function writeValue(b, p, v, depth, pool, known) {
  if (p + 9 > b.length) return GROW;
  switch (typeof v) {
    case 'string':
      return writeString(b, p, v, pool);
    case 'number':
      // Integers only: a fraction takes the walk, as JSON text could
      // read back a bit apart.
      if (!Number.isSafeInteger(v)) return WALK;
      b[p] = INT;
      f64[0] = v;
      b.set(f64Bytes, p + 1);
      return p + 9;
    case 'boolean':
      b[p] = v ? TRUE : FALSE;
      return p + 1;
    case 'object':
      break;
    default:
      return WALK;
  }
  if (v === null) {
    b[p] = NULL;
    return p + 1;
  }
  if (depth >= fastMaxDepth) return WALK;
  const proto = Object.getPrototypeOf(v);
  if (proto === Array.prototype) {
    const n = v.length;
    if (n > fastMaxItems) return WALK;
    b[p] = ARRAY;
    u32At(b, p + 1, n);
    p += 5;
    for (let i = 0; i < n; i++) {
      const item = v[i];
      p = leaf(item, p, b) ? writeString(b, p, item, pool) : writeValue(b, p, item, depth + 1, pool, known);
      if (p < 0) return p;
    }
    return p;
  }
  if (proto !== Object.prototype && proto !== null) return WALK;
  b[p] = OBJECT;
  const countAt = p + 1;
  p += 5;
  let count = 0;
  // Object.keys, not for-in: a third fewer instructions (callgrind).
  const keys = Object.keys(v);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const item = v[k];
    // undefined properties are absent, in JSON.stringify and in the walk alike.
    if (item === undefined) continue;
    if (p + 4 > b.length) return GROW;
    const word = known.get(k);
    if (word !== undefined) {
      u32At(b, p, word);
      p += 4;
    } else {
      p = writeText(b, p, k, pool);
      if (p < 0) return p;
    }
    p = leaf(item, p, b) ? writeString(b, p, item, pool) : writeValue(b, p, item, depth + 1, pool, known);
    if (p < 0) return p;
    count++;
  }
  u32At(b, countAt, count);
  return p;
}

/**
 * Writes one tape at `p`: the structure's byte length, the structure, then
 * every string of it as one UTF-8 run, encoded by one TextEncoder call
 * (a third of the instructions of encoding string by string in JS).
 * Returns the end, WALK or GROW.
 */
function writeTape(b, p, v, known) {
  const pool = [];
  const start = p + 4;
  let end = writeValue(b, start, v, 0, pool, known);
  if (end < 0) return end;
  u32At(b, p, end - start);
  const text = pool.join('');
  if (!wellFormed(text)) return WALK; // a lone surrogate: the walk reports it at its pointer
  if (end + text.length * 3 > b.length) return GROW;
  return end + encoder.encodeInto(text, b.subarray(end)).written;
}

/**
 * The fast path's crossing: options and input are written as one tape into
 * a buffer in the module's linear memory (reused from call to call), and the
 * module answers with 0 (valid, no warnings), the address of a validate's
 * answer tape's header, or the length of a build's JSON text in a second
 * buffer. The
 * writer accepts exactly what the walk would read unchanged (plain objects
 * and arrays, strings without lone surrogates, booleans, null, safe
 * integers, within the depth and size limits) and gives up on anything
 * else, which then takes the walk; `busy`
 * sends a call made while another is crossing (from a getter) there too.
 */
function createCrossing(raw) {
  const decoder = new TextDecoder();
  // The bodies are cut out of the decoded text by length, so a leading
  // U+FEFF must stay in it.
  const bodiesDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let memory;
  // A view of the whole linear memory, for answer tapes' words; made again
  // when the memory grows (which detaches the old buffer).
  let words;
  let busy = false;
  let cap = 16384;
  // The params keys of answer tapes, read once from the module, each made
  // a property name (V8 internalizes it), so that every report's params
  // objects are built with the same strings.
  let keys;
  // The keys the module's rules name, each mapped to the word that stands
  // for it in a tape (its index with KNOWN_KEY set): such a key is neither
  // pooled, encoded nor cut out again (a valid validate runs ~10 % fewer
  // instructions). Read at the KEYS_AFTER-th tape, not the first: listing
  // them costs the module ~1 ms once, a twentieth of a cold start.
  let known = new Map();
  let tapes = 0;
  // The length of the last tape's options (the input's follows), kept here
  // rather than returned in an array that each call would allocate.
  let optionsLen = 0;
  /** The tape of options then input in linear memory: its whole length (see optionsLen), or WALK. */
  const write = (input, options) => {
    if (++tapes === KEYS_AFTER) {
      known = new Map(raw.inputKeys().split(',').map((k, i) => [k, KNOWN_KEY | i]));
    }
    for (;;) {
      // ioInput first: it may grow the memory, which detaches the old buffer.
      const ptr = raw.ioInput(cap);
      const b = new Uint8Array(memory.buffer, ptr, cap);
      let p = 0;
      try {
        if (options !== undefined) p = writeTape(b, 0, options, known);
        const o = p;
        if (p >= 0) p = writeTape(b, p, input, known);
        if (p >= 0) {
          optionsLen = o;
          return p;
        }
      } catch {
        return WALK; // a getter or proxy threw: the walk reports it at its pointer
      }
      if (p === WALK) return WALK;
      cap *= 4;
    }
  };
  return {
    /**
     * Runs checkTape on `input` (and `options` when given); returns
     * undefined when either must take the walk, else 0 (valid, no
     * warnings), a validate's report, or a build's answer as JSON text.
     */
    run(index, input, options, build) {
      if (busy || input === null || typeof input !== 'object') return undefined;
      if (options !== undefined && (options === null || typeof options !== 'object')) return undefined;
      busy = true;
      try {
        if (memory === undefined) memory = raw.wasmMemory();
        const end = write(input, options);
        // The module hands a large buffer back; ask for a small one next time.
        cap = 16384;
        if (end === WALK) return undefined;
        // A validate's answer: the address of its header; a build's: the length of its text.
        const len = raw.checkTape(index, optionsLen, end - optionsLen, build);
        if (len === 0) return 0;
        if (!build) {
          const buffer = memory.buffer;
          if (words === undefined || words.buffer !== buffer) words = new Uint32Array(buffer);
          // The header: where the text is, its length, where the words are.
          const h = len >>> 2;
          const text = decoder.decode(new Uint8Array(buffer, words[h], words[h + 1]));
          if (keys === undefined) keys = raw.answerKeys().split(',').map((k) => Object.keys({ [k]: 0 })[0]);
          return readAnswer(words, words[h + 2] >>> 2, text, keys);
        }
        const out = raw.ioOutput();
        return decoder.decode(new Uint8Array(memory.buffer, out, len));
      } finally {
        busy = false;
      }
    },
    /**
     * Streams the JSON array `text` through the module a window at a time
     * (memory holds one window and one item, whatever the batch's size) and
     * calls `chunk` with the results of each window's items, as JSON texts
     * each followed by `,` (or a line break with `ndjson`). With `apart`
     * (build only, not ndjson), each request body in them is replaced by
     * its length, and `chunk` gets the window's bodies as a second text
     * (see `many`). Returns false when the options must take the walk.
     */
    batch(index, text, options, build, ndjson, apart, chunk) {
      if (busy) return false;
      if (options !== undefined && (options === null || typeof options !== 'object')) return false;
      busy = true;
      try {
        if (memory === undefined) memory = raw.wasmMemory();
        const end = options === undefined ? 0 : write(options, undefined);
        cap = 16384;
        if (end === WALK) return false;
        raw.batchStart(index, end, build, ndjson, apart);
        let at = 0;
        for (;;) {
          const ptr = raw.ioInput(BATCH_WINDOW);
          const window = new Uint8Array(memory.buffer, ptr, BATCH_WINDOW);
          // encodeInto writes whole characters only and says how many it read.
          const { read, written } = encoder.encodeInto(at === 0 ? text : text.slice(at), window);
          at += read;
          const last = at >= text.length;
          const len = raw.batchPush(written, last);
          if (len > 0) {
            const out = raw.ioOutput();
            const items = decoder.decode(new Uint8Array(memory.buffer, out, len));
            if (apart) {
              const bodies = new Uint8Array(memory.buffer, out + len, raw.bodiesLen());
              chunk(items, bodiesDecoder.decode(bodies));
            } else {
              chunk(items);
            }
          }
          if (last) return true;
        }
      } finally {
        busy = false;
      }
    },
  };
}
// Bytes of batch text per crossing: large enough that the calls cost
// nothing (1 250 crossings for 40 MB: the same CPU time per record as
// 1 MiB windows), small enough that linear memory hardly grows (1.4 MiB
// at the peak of 100 000 records, 7.3 MiB with 1 MiB windows) and that
// each window's results are short-lived strings (peak RSS growth 3.3x
// the input instead of 3.7x).
const BATCH_WINDOW = 1 << 15;

/**
 * Builds the public API over the wasm-bindgen exports `raw`; `ensureReady`
 * throws when the module is not instantiated yet. The generated data
 * (describe() / jsonSchema() output and the sync facts, as JSON text by
 * endpoint id, made at build time from the same Rust declarations) is not
 * an argument: `metadata` and `endpointsWith` take it per call, so that a
 * bundle which never calls describe() or endpoints() leaves it out.
 */
export function createApi(raw, ensureReady) {
  const call = (name, args) => {
    ensureReady();
    try {
      return raw[name](...args);
    } catch (e) {
      throw rethrow(e);
    }
  };
  const metadata = (meta, kind, endpointId) => {
    ensureReady();
    if (typeof endpointId === 'string' && Object.prototype.hasOwnProperty.call(meta, endpointId)) {
      return JSON.parse(meta[endpointId][kind]);
    }
    // Not a known id: the module reports the misuse exactly as every other call does.
    call('validate', [endpointId, {}]);
    throw new RosterguardError(`rosterguard: no ${kind} data for ${String(endpointId)}`, 'internal');
  };
  let indexes;
  const limits = () => {
    if (fastMaxDepth === 0) {
      const [, maxItems, fastDepth] = raw.inputLimits();
      fastMaxDepth = fastDepth;
      fastMaxItems = maxItems;
    }
  };
  const crossing = createCrossing(raw);
  /** The endpoint's place in the module's list, or undefined for an unknown id. */
  const indexOf = (endpointId) => {
    ensureReady();
    if (indexes === undefined) {
      limits();
      indexes = new Map(raw.endpointIds().split(',').map((id, i) => [id, i]));
    }
    return indexes.get(endpointId);
  };
  /**
   * The answer of the fast path for a known endpoint id and plain-JSON
   * input and options; undefined when the call must take the walk (which
   * also reports misuse with its own words).
   */
  const fast = (endpointId, input, options, build) => {
    const index = indexOf(endpointId);
    if (index === undefined) return undefined;
    try {
      return crossing.run(index, input, options, build);
    } catch (e) {
      throw rethrow(e);
    }
  };
  /** Streams a batch (see createCrossing); false when it must take the walk. */
  const batch = (endpointId, text, options, build, ndjson, apart, chunk) => {
    const index = indexOf(endpointId);
    if (index === undefined || typeof text !== 'string') return false;
    try {
      return crossing.batch(index, text, options, build, ndjson, apart, chunk);
    } catch (e) {
      throw rethrow(e);
    }
  };
  /** The misuse error of a batch call the stream refused. */
  const refused = (endpointId, text, options) => {
    // The walk names an unknown id or unusable options in its own words.
    call('validate', [endpointId, {}, options]);
    if (typeof text !== 'string') {
      return new RosterguardError(
        'the batch must be JSON text of an array of inputs (JSON.stringify(inputs))',
        'invalid_argument',
      );
    }
    return new RosterguardError('options: not plain JSON values', 'invalid_option');
  };
  const many = (endpointId, text, options, build) => {
    const out = [];
    // buildMany's bodies come apart from the items' JSON (each is JSON text
    // itself, so inside the items it would be escaped by the module and
    // unescaped by JSON.parse: 15 % of a record's instructions, callgrind,
    // BENCHMARKS.md). Each item holds its body's length in UTF-16 units;
    // the body is cut from the window's bodies, decoded as one string (V8
    // makes sliced strings, so each window's bodies text lives as long as
    // its results, not the items' text).
    const ok = batch(endpointId, text, options, build, false, build, (c, bodies) => {
      const items = JSON.parse('[' + c.slice(0, -1) + ']');
      let at = 0;
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        if (build && item.ok) {
          const request = item.request;
          const n = request.body;
          if (n !== undefined) {
            request.body = bodies.slice(at, at + n);
            at += n;
          }
        }
        out.push(item);
      }
    });
    if (!ok) throw refused(endpointId, text, options);
    return out;
  };
  const api = {
    // The sync facts (rate, token field, record key, sample replies) are
    // generated data, like describe(): merged here, not carried by the wasm.
    /** endpoints() with each endpoint's generated `info` (sync facts) merged in. */
    endpointsWith: (meta) =>
      call('endpoints', []).map((e) =>
        Object.prototype.hasOwnProperty.call(meta, e.id) ? { ...e, ...JSON.parse(meta[e.id].info) } : e,
      ),
    validate: (endpointId, input, options) => {
      const answer = fast(endpointId, input, options, false);
      if (answer === 0) return VALID;
      return answer === undefined ? call('validate', [endpointId, input, options]) : answer;
    },
    buildRequest: (endpointId, input, options) => {
      const answer = fast(endpointId, input, options, true);
      if (answer === undefined) return call('buildRequest', [endpointId, input, options]);
      const item = JSON.parse(answer);
      if (item.ok) return item.request;
      // The message of the core's Error::Invalid, which buildRequest throws.
      const { errors } = item.report;
      const first = errors.length ? `; first at ${stringify(errors[0].path)}: ${errors[0].message}` : '';
      throw new RosterguardError(`the input has ${errors.length} error(s)${first}`, 'invalid', item.report);
    },
    validateMany: (endpointId, inputsJsonText, options) => many(endpointId, inputsJsonText, options, false),
    buildMany: (endpointId, inputsJsonText, options) => many(endpointId, inputsJsonText, options, true),
    /**
     * buildMany's results as NDJSON text, one JSON result a line, without
     * building a JS object per result: for callers that write them on.
     */
    buildManyNdjson: (endpointId, inputsJsonText, options) => {
      const lines = [];
      if (!batch(endpointId, inputsJsonText, options, true, true, false, (c) => lines.push(c))) {
        throw refused(endpointId, inputsJsonText, options);
      }
      return lines.join('');
    },
    validateField: (endpointId, pointer, value, input, options) =>
      call('validateField', [endpointId, pointer, value, input, options]),
    parseResponse: (endpointId, httpStatus, bodyText) =>
      call('parseResponse', [endpointId, httpStatus, bodyText]),
    /** describe() / jsonSchema() (`kind`) of `endpointId` from the generated data `meta`. */
    metadata,
    redact: (request) => call('redact', [request]),
    schema: (endpointId, options) => {
      // Misuse (unknown id, bad option) surfaces here, once, not on every keystroke.
      api.validate(endpointId, {}, options);
      return {
        '~standard': {
          version: 1,
          vendor: 'rosterguard',
          validate(value) {
            try {
              const request = api.buildRequest(endpointId, value, options);
              // The value a form submits: the envelope with the body as it will be sent
              // (an endpoint without a body, such as WeCom deleteUser, has none).
              if (request.body === undefined) return { value };
              return { value: { ...value, body: JSON.parse(request.body) } };
            } catch (e) {
              if (e instanceof RosterguardError && e.kind === 'invalid' && e.report) {
                return {
                  issues: e.report.errors.map((i) => ({
                    message: i.message,
                    path: pointerToPath(i.path),
                    code: i.code,
                    pointer: i.path,
                  })),
                };
              }
              throw e;
            }
          },
        },
      };
    },
  };
  return api;
}
