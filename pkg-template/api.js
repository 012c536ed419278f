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
// already (what forms and parsed files hold) crosses into wasm as
// JSON.stringify text, as a one-item validateMany / buildMany batch (no
// extra entry points in the wasm): one string copy and serde_json's parser, instead of
// one call from wasm into JS per value, key and prototype. plainJson only
// answers "is JSON.stringify exact here?"; when it is unsure (undefined in
// an array, NaN, a fraction or an unsafe integer, a class instance, a lone
// surrogate, deep nesting, a cycle, a getter that throws, a toJSON) the
// input takes the careful walk in wasm, which reports the value at its
// pointer. Reads only; no rule lives here.
const stringify = JSON.stringify;
// The input policy lives in Rust (leaf::limits); read once from the module.
let fastMaxDepth = 0;
let fastMaxItems = 0;
const LONE_SURROGATE = /[\uD800-\uDFFF]/;
const wellFormed =
  typeof ''.isWellFormed === 'function' ? (s) => s.isWellFormed() : (s) => !LONE_SURROGATE.test(s);

function plainJson(v, depth) {
  switch (typeof v) {
    case 'string':
      return wellFormed(v);
    case 'number':
      // Integers only: serde_json (without float_roundtrip) could read a
      // fraction back a bit apart from what the walk would take.
      return Number.isSafeInteger(v);
    case 'boolean':
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (v === null) return true;
  if (depth >= fastMaxDepth) return false;
  const proto = Object.getPrototypeOf(v);
  if (proto === Array.prototype) {
    const n = v.length;
    if (n > fastMaxItems) return false;
    for (let i = 0; i < n; i++) if (!plainJson(v[i], depth + 1)) return false;
    return true;
  }
  if (proto !== Object.prototype && proto !== null) return false;
  const keys = Object.keys(v);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (!wellFormed(k)) return false;
    const item = v[k];
    // undefined properties are absent both in JSON.stringify and in the walk.
    if (item !== undefined && !plainJson(item, depth + 1)) return false;
  }
  return true;
}

/** The input's JSON text when JSON.stringify gives exactly what the wasm walk would, else undefined. */
function fastText(input) {
  if (input === null || typeof input !== 'object') return undefined;
  if ('toJSON' in Object.prototype || 'toJSON' in Array.prototype) return undefined;
  try {
    return plainJson(input, 0) ? stringify(input) : undefined;
  } catch {
    return undefined; // a getter or proxy threw: the walk reports it at its pointer
  }
}

/**
 * Builds the public API over the wasm-bindgen exports `raw`; `ensureReady`
 * throws when the module is not instantiated yet. `meta` maps each endpoint
 * id to its describe() / jsonSchema() output as JSON text, generated at build
 * time from the same Rust field tables (keeps that code out of the wasm).
 */
export function createApi(raw, ensureReady, meta) {
  const call = (name, args) => {
    ensureReady();
    try {
      return raw[name](...args);
    } catch (e) {
      throw rethrow(e);
    }
  };
  const metadata = (kind, endpointId) => {
    ensureReady();
    if (typeof endpointId === 'string' && Object.prototype.hasOwnProperty.call(meta, endpointId)) {
      return JSON.parse(meta[endpointId][kind]);
    }
    // Not a known id: the module reports the misuse exactly as every other call does.
    call('validate', [endpointId, {}]);
    throw new RosterguardError(`rosterguard: no ${kind} data for ${String(endpointId)}`, 'internal');
  };
  const limits = () => {
    if (fastMaxDepth === 0) {
      const [, maxItems, fastDepth] = raw.inputLimits();
      fastMaxDepth = fastDepth;
      fastMaxItems = maxItems;
    }
  };
  const api = {
    // The sync facts (rate, token field, record key, sample replies) are
    // generated data, like describe(): merged here, not carried by the wasm.
    endpoints: () =>
      call('endpoints', []).map((e) =>
        Object.prototype.hasOwnProperty.call(meta, e.id) ? { ...e, ...JSON.parse(meta[e.id].info) } : e,
      ),
    validate: (endpointId, input, options) => {
      ensureReady();
      limits();
      const text = fastText(input);
      return text === undefined
        ? call('validate', [endpointId, input, options])
        : call('validateMany', [endpointId, '[' + text + ']', options])[0];
    },
    buildRequest: (endpointId, input, options) => {
      ensureReady();
      limits();
      const text = fastText(input);
      if (text === undefined) return call('buildRequest', [endpointId, input, options]);
      const [item] = call('buildMany', [endpointId, '[' + text + ']', options]);
      if (item.ok) return item.request;
      // The message of the core's Error::Invalid, which buildRequest throws.
      const { errors } = item.report;
      const first = errors.length ? `; first at ${stringify(errors[0].path)}: ${errors[0].message}` : '';
      throw new RosterguardError(`the input has ${errors.length} error(s)${first}`, 'invalid', item.report);
    },
    validateMany: (endpointId, inputsJsonText, options) =>
      call('validateMany', [endpointId, inputsJsonText, options]),
    buildMany: (endpointId, inputsJsonText, options) => call('buildMany', [endpointId, inputsJsonText, options]),
    validateField: (endpointId, pointer, value, input, options) =>
      call('validateField', [endpointId, pointer, value, input, options]),
    parseResponse: (endpointId, httpStatus, bodyText) =>
      call('parseResponse', [endpointId, httpStatus, bodyText]),
    describe: (endpointId) => metadata('describe', endpointId),
    jsonSchema: (endpointId) => metadata('jsonSchema', endpointId),
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
