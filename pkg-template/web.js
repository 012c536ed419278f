// rosterguard, browser / bundler build: call `await init()` once, then use
// the API synchronously. Loads ./web/rosterguard_bg.wasm next to this file
// (bundlers follow the `new URL(..., import.meta.url)` in the glue); works
// under a CSP of `script-src 'self' 'wasm-unsafe-eval'`.
import * as raw from './web/rosterguard.js';
import { RosterguardError, createApi } from './api.js';
// Two generated data modules, each imported only by the functions that read
// it: a form that calls neither describe() nor endpoints() ships neither.
import DESCRIBE from './describe-data.js';
import INFO from './info-data.js';

let ready = false;
let pending;

/**
 * Instantiates the wasm module. Idempotent: later calls return the same
 * promise. `moduleOrPath` (optional): URL, Response, bytes or a compiled
 * WebAssembly.Module, for hosts where the default URL does not work.
 */
export function init(moduleOrPath) {
  if (ready) return Promise.resolve();
  if (pending === undefined) {
    const arg = moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath };
    pending = raw.default(arg).then(
      () => {
        ready = true;
      },
      (e) => {
        pending = undefined;
        throw e;
      },
    );
  }
  return pending;
}

/** Synchronous init from bytes or a compiled WebAssembly.Module. */
export function initSync(module) {
  if (!ready) {
    raw.initSync({ module });
    ready = true;
  }
}

function ensureReady() {
  if (!ready) {
    throw new RosterguardError(
      'rosterguard is not initialised: call `await init()` once before using it (browser build)',
      'not_initialized',
    );
  }
}

const api = createApi(raw, ensureReady);
/** Every endpoint, with its sync facts (rate, token field, record key, sample replies). */
export function endpoints() {
  return api.endpointsWith(INFO);
}
export const validate = api.validate;
export const buildRequest = api.buildRequest;
export const validateMany = api.validateMany;
export const buildMany = api.buildMany;
export const buildManyNdjson = api.buildManyNdjson;
export const validateField = api.validateField;
export const parseResponse = api.parseResponse;
/** Field metadata for building forms. */
export function describe(endpointId) {
  return api.metadata(DESCRIBE, 'describe', endpointId);
}
/** A JSON Schema (2020-12) of the endpoint's input envelope. */
export function jsonSchema(endpointId) {
  return api.metadata(DESCRIBE, 'jsonSchema', endpointId);
}
export const schema = api.schema;
export const redact = api.redact;
export { RosterguardError };
