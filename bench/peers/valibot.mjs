// valibot 1 peer: the rules of ajv-schemas.mjs (the same fields, formats,
// ranges and unknown-field policy), with the Ekuaibao cross-field rules as
// forward(partialCheck(...)) so that they run even when an unrelated field
// has an issue.
import * as v from 'valibot';
import { isBaseUrl, isCellphone, isCityList, isCityListText, isEmail, isMillisOrDate, MAX_SAFE } from './formats.mjs';

const FX = 'fxiaoke.updateMember';
const EK = 'ekuaibao.updateStaff';

const opt = (s) => v.nullish(s);
const required = v.pipe(v.string(), v.minLength(1, 'empty'));
const str = opt(v.string());
const dropFormat = (f) => opt(v.pipe(v.string(), v.check((s) => s === '' || f(s), 'format')));
const rejectFormat = (f) => opt(v.pipe(v.string(), v.minLength(1, 'empty'), v.check((s) => s === '' || f(s), 'format')));
const baseUrl = v.optional(v.pipe(v.string(), v.regex(/\S/, 'empty'), v.check(isBaseUrl, 'format')));
const id = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_SAFE));
const unique = v.check((xs) => new Set(xs).size === xs.length, 'duplicate');

const fxiaoke = v.strictObject({
  baseUrl,
  query: v.optional(v.strictObject({ thirdTraceId: opt(required) })),
  body: v.strictObject({
    corpAccessToken: required,
    corpId: required,
    user: v.strictObject({
      openUserId: required,
      account: str,
      name: str,
      fullName: str,
      position: str,
      gender: opt(v.picklist(['M', 'F', ''])),
      mobile: str,
      email: dropFormat(isEmail),
      qq: str,
      weixin: str,
      mainDepartmentId: opt(v.union([id, v.literal('')])),
      attachingDepartmentIds: opt(v.pipe(v.array(id), v.maxLength(500), unique)),
      employeeNumber: str,
      hireDate: dropFormat(isMillisOrDate),
      birthDate: dropFormat(isMillisOrDate),
      startWorkDate: dropFormat(isMillisOrDate),
      leaderId: str,
    }),
  }),
});

const city = v.strictObject({ key: required, label: required });
const sent = (x) => x !== undefined && x !== null;
const CUSTOM_KEYS = new Set(['rankType', 'postType', 'base']);

const ekBody = v.pipe(
  v.strictObject({
    name: v.pipe(v.string(), v.regex(/\S/, 'empty')),
    enName: str,
    nickName: str,
    code: str,
    cellphone: rejectFormat(isCellphone),
    email: rejectFormat(isEmail),
    note: str,
    defaultDepartment: opt(required),
    departments: opt(v.pipe(v.array(required), v.minLength(1), unique)),
    modifyAccountPhone: opt(v.boolean()),
    modifyAccountEmail: opt(v.boolean()),
    staffCustomForm: opt(
      v.pipe(
        v.objectWithRest(
          {
            rankType: str,
            postType: str,
            base: opt(v.union([v.pipe(v.string(), v.check(isCityListText, 'format')), v.pipe(v.array(city), v.check(isCityList, 'format'))])),
          },
          str,
        ),
        v.check((form) => Object.keys(form).every((k) => CUSTOM_KEYS.has(k) || (k.startsWith('u_') && k.length > 2)), 'unknown_field'),
      ),
    ),
  }),
  // Cross-field rules (src/vendors/ekuaibao.rs CROSS_RULES).
  v.forward(
    v.partialCheck([['departments'], ['defaultDepartment']], (b) => sent(b.departments) || !sent(b.defaultDepartment), 'together'),
    ['departments'],
  ),
  v.forward(
    v.partialCheck([['departments'], ['defaultDepartment']], (b) => sent(b.defaultDepartment) || !sent(b.departments), 'together'),
    ['defaultDepartment'],
  ),
  v.forward(
    v.partialCheck(
      [['departments'], ['defaultDepartment']],
      (b) => !sent(b.departments) || !sent(b.defaultDepartment) || b.departments.includes(b.defaultDepartment),
      'not_in',
    ),
    ['defaultDepartment'],
  ),
  v.forward(
    v.partialCheck([['cellphone'], ['modifyAccountPhone']], (b) => b.modifyAccountPhone !== true || sent(b.cellphone), 'required'),
    ['cellphone'],
  ),
  v.forward(
    v.partialCheck([['email'], ['modifyAccountEmail']], (b) => b.modifyAccountEmail !== true || sent(b.email), 'required'),
    ['email'],
  ),
);

const ekuaibao = v.strictObject({
  baseUrl,
  path: v.strictObject({ staffId: required }),
  query: v.strictObject({ accessToken: required, type: opt(v.picklist(['id', 'code'])) }),
  body: ekBody,
});

const OK = Object.freeze({ ok: true, errors: [] });
const wrap = (schema) => (input) => {
  const r = v.safeParse(schema, input);
  return r.success ? OK : { ok: false, errors: r.issues };
};

/** { [id]: input => ({ ok, errors }) }. */
export function makeValibotPeer() {
  return { [FX]: wrap(fxiaoke), [EK]: wrap(ekuaibao) };
}
