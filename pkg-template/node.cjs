'use strict';
// rosterguard, Node build (require): the wasm module is instantiated
// synchronously when this file loads, so no init() is needed.
const raw = require('./node/rosterguard.cjs');
const { RosterguardError, createApi } = require('./api.cjs');
const DESCRIBE = require('./describe-data.cjs');
const INFO = require('./info-data.cjs');

const api = createApi(raw, () => {});
exports.endpoints = () => api.endpointsWith(INFO);
exports.validate = api.validate;
exports.buildRequest = api.buildRequest;
exports.validateMany = api.validateMany;
exports.buildMany = api.buildMany;
exports.buildManyNdjson = api.buildManyNdjson;
exports.validateField = api.validateField;
exports.parseResponse = api.parseResponse;
exports.describe = (endpointId) => api.metadata(DESCRIBE, 'describe', endpointId);
exports.jsonSchema = (endpointId) => api.metadata(DESCRIBE, 'jsonSchema', endpointId);
exports.schema = api.schema;
exports.redact = api.redact;
exports.RosterguardError = RosterguardError;
/** Nothing to do in Node; present so that isomorphic code can always `await init()`. */
exports.init = () => Promise.resolve();
/** Nothing to do in Node. */
exports.initSync = () => {};
