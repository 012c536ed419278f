// rosterguard, browser / bundler build: call `await init()` once, then use
// the API synchronously. Loads ./web/rosterguard_bg.wasm next to this file
// (bundlers follow the `new URL(..., import.meta.url)` in the glue); works
// under a CSP of `script-src 'self' 'wasm-unsafe-eval'`.
import * as raw from './web/rosterguard.js';
import { RosterguardError, createApi } from './api.js';
import META from './meta.js';

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

const api = createApi(raw, ensureReady, META);
export const endpoints = api.endpoints;
export const validate = api.validate;
export const buildRequest = api.buildRequest;
export const validateMany = api.validateMany;
export const buildMany = api.buildMany;
export const validateField = api.validateField;
export const parseResponse = api.parseResponse;
export const describe = api.describe;
export const jsonSchema = api.jsonSchema;
export const schema = api.schema;
export const redact = api.redact;
export { RosterguardError };
