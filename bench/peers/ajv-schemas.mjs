// ajv 8 peer: JSON Schemas written by hand (not rosterguard's jsonSchema()),
// with the rules rosterguard applies to fxiaoke.updateMember and
// ekuaibao.updateStaff (src/vendors/fxiaoke.rs, src/vendors/ekuaibao.rs):
// types, required fields, "" rejected where the vendor rejects it, enums,
// formats, ranges, unknown fields refused; the cross-field rules run in code
// (cross.mjs). Not reproduced: rosterguard's coercions (a number given for a
// string field, a digit string for an id) and normalisations, which the
// bench payloads do not use; here they are type errors.
import { createRequire } from 'node:module';
import { ekuaibaoCross } from './cross.mjs';
import { isBaseUrl, isCellphone, isCityListText, isEmail, isMillisOrDate, MAX_SAFE } from './formats.mjs';

const require = createRequire(import.meta.url);
const Ajv = require('ajv').default;
const addFormats = require('ajv-formats').default;

const FX = 'fxiaoke.updateMember';
const EK = 'ekuaibao.updateStaff';

// Optional fields: null means "not sent" (rosterguard drops it).
const opt = (type) => ({ type: [type, 'null'] });
const required = { type: 'string', minLength: 1 };
// "" means "no change" for these Fxiaoke fields, so the formats pass "" (see addFormats below).
const dropFormat = (format) => ({ type: ['string', 'null'], format });
// "" is refused (minLength) for these Ekuaibao fields.
const rejectFormat = (format) => ({ type: ['string', 'null'], minLength: 1, format });
const baseUrl = { type: 'string', pattern: '\\S', format: 'rg-base-url' };
const int = { type: 'integer', minimum: 0, maximum: MAX_SAFE };

const fxiaoke = {
  type: 'object',
  additionalProperties: false,
  required: ['body'],
  properties: {
    baseUrl,
    query: {
      type: 'object',
      additionalProperties: false,
      properties: { thirdTraceId: { type: ['string', 'null'], minLength: 1 } },
    },
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['corpAccessToken', 'corpId', 'user'],
      properties: {
        corpAccessToken: required,
        corpId: required,
        user: {
          type: 'object',
          additionalProperties: false,
          required: ['openUserId'],
          properties: {
            openUserId: required,
            account: opt('string'),
            name: opt('string'),
            fullName: opt('string'),
            position: opt('string'),
            gender: { enum: ['M', 'F', '', null] },
            mobile: opt('string'),
            email: dropFormat('rg-email'),
            qq: opt('string'),
            weixin: opt('string'),
            // A non-negative safe integer, or "" / null (no change): maxLength 0 applies to strings only.
            mainDepartmentId: { type: ['integer', 'string', 'null'], minimum: 0, maximum: MAX_SAFE, maxLength: 0 },
            attachingDepartmentIds: { type: ['array', 'null'], maxItems: 500, uniqueItems: true, items: int },
            employeeNumber: opt('string'),
            hireDate: dropFormat('rg-millis-or-date'),
            birthDate: dropFormat('rg-millis-or-date'),
            startWorkDate: dropFormat('rg-millis-or-date'),
            leaderId: opt('string'),
          },
        },
      },
    },
  },
};

const city = {
  type: 'object',
  additionalProperties: false,
  required: ['key', 'label'],
  properties: { key: required, label: required },
};

const ekuaibao = {
  type: 'object',
  additionalProperties: false,
  required: ['path', 'query', 'body'],
  properties: {
    baseUrl,
    path: {
      type: 'object',
      additionalProperties: false,
      required: ['staffId'],
      properties: { staffId: required },
    },
    query: {
      type: 'object',
      additionalProperties: false,
      required: ['accessToken'],
      properties: { accessToken: required, type: { enum: ['id', 'code', null] } },
    },
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: { type: 'string', pattern: '\\S' }, // blank is empty
        enName: opt('string'),
        nickName: opt('string'),
        code: opt('string'),
        cellphone: rejectFormat('rg-cellphone'),
        email: rejectFormat('rg-email'),
        note: opt('string'),
        defaultDepartment: { type: ['string', 'null'], minLength: 1 },
        departments: { type: ['array', 'null'], minItems: 1, uniqueItems: true, items: required },
        modifyAccountPhone: opt('boolean'),
        modifyAccountEmail: opt('boolean'),
        staffCustomForm: {
          type: ['object', 'null'],
          additionalProperties: false,
          properties: {
            rankType: opt('string'),
            postType: opt('string'),
            // JSON text of [{key, label}], or that list itself.
            base: { type: ['string', 'array', 'null'], format: 'rg-city-list', items: city },
          },
          patternProperties: { '^u_.': opt('string') },
        },
      },
    },
  },
};

/** Compiles both schemas; returns { [id]: input => ({ ok, errors }) } and the raw ajv checks. */
export function makeAjvPeer() {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv, ['date']);
  const date = ajv.formats.date;
  const isDate = typeof date === 'function' ? date : date.validate;
  ajv.addFormat('rg-email', (s) => s === '' || isEmail(s));
  ajv.addFormat('rg-millis-or-date', (s) => s === '' || isMillisOrDate(s, isDate));
  ajv.addFormat('rg-cellphone', (s) => s === '' || isCellphone(s));
  ajv.addFormat('rg-city-list', isCityListText);
  ajv.addFormat('rg-base-url', isBaseUrl);
  const checkFx = ajv.compile(fxiaoke);
  const checkEk = ajv.compile(ekuaibao);
  const OK = Object.freeze({ ok: true, errors: [] });
  return {
    [FX]: (input) => (checkFx(input) ? OK : { ok: false, errors: checkFx.errors }),
    [EK]: (input) => {
      const valid = checkEk(input);
      const cross = ekuaibaoCross(input?.body);
      if (valid && cross.length === 0) return OK;
      return { ok: false, errors: valid ? cross : [...checkEk.errors, ...cross] };
    },
  };
}
