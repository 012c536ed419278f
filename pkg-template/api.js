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
  const api = {
    endpoints: () => call('endpoints', []),
    validate: (endpointId, input, options) => call('validate', [endpointId, input, options]),
    buildRequest: (endpointId, input, options) => call('buildRequest', [endpointId, input, options]),
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
              // The value a form submits: the envelope with the body as it will be sent.
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
