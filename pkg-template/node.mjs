// rosterguard, Node build (import): re-exports the require() build so that
// ESM and CJS callers share one module instance and one RosterguardError.
import cjs from './node.cjs';

export const {
  endpoints,
  validate,
  buildRequest,
  validateMany,
  buildMany,
  buildManyNdjson,
  validateField,
  parseResponse,
  describe,
  jsonSchema,
  schema,
  redact,
  RosterguardError,
  init,
  initSync,
} = cjs;
