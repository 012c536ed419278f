'use strict';
// rosterguard, Node build (require): the wasm module is instantiated
// synchronously when this file loads, so no init() is needed.
const raw = require('./node/rosterguard.cjs');
const { RosterguardError, createApi } = require('./api.cjs');
// The generated data (describe/jsonSchema ~560 KB, sync facts ~20 KB) is
// read on first use: loading it at import was most of a cold start.
let describeData;
let infoData;
const DESCRIBE = () => describeData || (describeData = require('./describe-data.cjs'));
const INFO = () => infoData || (infoData = require('./info-data.cjs'));

const api = createApi(raw, () => {});
exports.endpoints = () => api.endpointsWith(INFO());
exports.validate = api.validate;
exports.buildRequest = api.buildRequest;
exports.validateMany = api.validateMany;
exports.buildMany = api.buildMany;
exports.buildManyNdjson = api.buildManyNdjson;
exports.validateField = api.validateField;
exports.parseResponse = api.parseResponse;
exports.describe = (endpointId) => api.metadata(DESCRIBE(), 'describe', endpointId);
exports.jsonSchema = (endpointId) => api.metadata(DESCRIBE(), 'jsonSchema', endpointId);
exports.schema = api.schema;
exports.redact = api.redact;
exports.RosterguardError = RosterguardError;
/** Nothing to do in Node; present so that isomorphic code can always `await init()`. */
exports.init = () => Promise.resolve();
/** Nothing to do in Node. */
exports.initSync = () => {};
