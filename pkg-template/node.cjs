'use strict';
// rosterguard, Node build (require): the wasm module is instantiated
// synchronously when this file loads, so no init() is needed.
const raw = require('./node/rosterguard.cjs');
const { RosterguardError, createApi } = require('./api.cjs');
const META = require('./meta.cjs');

const api = createApi(raw, () => {}, META);
exports.endpoints = api.endpoints;
exports.validate = api.validate;
exports.buildRequest = api.buildRequest;
exports.validateMany = api.validateMany;
exports.buildMany = api.buildMany;
exports.validateField = api.validateField;
exports.parseResponse = api.parseResponse;
exports.describe = api.describe;
exports.jsonSchema = api.jsonSchema;
exports.schema = api.schema;
exports.redact = api.redact;
exports.RosterguardError = RosterguardError;
/** Nothing to do in Node; present so that isomorphic code can always `await init()`. */
exports.init = () => Promise.resolve();
/** Nothing to do in Node. */
exports.initSync = () => {};
