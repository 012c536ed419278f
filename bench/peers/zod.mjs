// zod 4 peer: the rules of ajv-schemas.mjs (the same fields, formats,
// ranges and unknown-field policy), with the Ekuaibao cross-field rules in
// superRefine. `compile` is true for z.compile's ahead-of-time clone, when
// the installed zod has it.
import { z } from 'zod';
import { isBaseUrl, isCellphone, isCityList, isCityListText, isEmail, isMillisOrDate } from './formats.mjs';

const FX = 'fxiaoke.updateMember';
const EK = 'ekuaibao.updateStaff';

const opt = (s) => s.nullable().optional();
const required = z.string().min(1);
const str = opt(z.string());
const dropFormat = (f) => opt(z.string().refine((s) => s === '' || f(s), 'format'));
const rejectFormat = (f) => opt(z.string().min(1).refine((s) => s === '' || f(s), 'format'));
const baseUrl = z.string().regex(/\S/).refine(isBaseUrl, 'format').optional();
const id = z.int().min(0);

const fxiaoke = z.strictObject({
  baseUrl,
  query: z.strictObject({ thirdTraceId: opt(z.string().min(1)) }).optional(),
  body: z.strictObject({
    corpAccessToken: required,
    corpId: required,
    user: z.strictObject({
      openUserId: required,
      account: str,
      name: str,
      fullName: str,
      position: str,
      gender: opt(z.enum(['M', 'F', ''])),
      mobile: str,
      email: dropFormat(isEmail),
      qq: str,
      weixin: str,
      mainDepartmentId: opt(z.union([id, z.literal('')])),
      attachingDepartmentIds: opt(
        z
          .array(id)
          .max(500)
          .superRefine((ids, ctx) => {
            const seen = new Set();
            ids.forEach((v, i) => {
              if (seen.has(v)) ctx.addIssue({ code: 'custom', message: 'duplicate', path: [i] });
              seen.add(v);
            });
          }),
      ),
      employeeNumber: str,
      hireDate: dropFormat(isMillisOrDate),
      birthDate: dropFormat(isMillisOrDate),
      startWorkDate: dropFormat(isMillisOrDate),
      leaderId: str,
    }),
  }),
});

const city = z.strictObject({ key: required, label: required });
const sent = (v) => v !== undefined && v !== null;

const ekBody = z
  .strictObject({
    name: z.string().regex(/\S/, 'empty'),
    enName: str,
    nickName: str,
    code: str,
    cellphone: rejectFormat(isCellphone),
    email: rejectFormat(isEmail),
    note: str,
    defaultDepartment: opt(z.string().min(1)),
    departments: opt(
      z
        .array(required)
        .min(1)
        .superRefine((ds, ctx) => {
          const seen = new Set();
          ds.forEach((v, i) => {
            if (seen.has(v)) ctx.addIssue({ code: 'custom', message: 'duplicate', path: [i] });
            seen.add(v);
          });
        }),
    ),
    modifyAccountPhone: opt(z.boolean()),
    modifyAccountEmail: opt(z.boolean()),
    staffCustomForm: opt(
      z
        .object({
          rankType: str,
          postType: str,
          base: opt(z.union([z.string().refine(isCityListText, 'format'), z.array(city).refine(isCityList, 'format')])),
        })
        .catchall(str)
        .superRefine((form, ctx) => {
          for (const k of Object.keys(form)) {
            if (k !== 'rankType' && k !== 'postType' && k !== 'base' && !(k.startsWith('u_') && k.length > 2)) {
              ctx.addIssue({ code: 'custom', message: 'unknown_field', path: [k] });
            }
          }
        }),
    ),
  })
  // Cross-field rules (src/vendors/ekuaibao.rs CROSS_RULES); they run when
  // the fields they read have no issue of their own, as zod decides.
  .superRefine((b, ctx) => {
    const hasDepts = sent(b.departments);
    const hasDefault = sent(b.defaultDepartment);
    if (hasDepts && !hasDefault) ctx.addIssue({ code: 'custom', message: 'together', path: ['defaultDepartment'] });
    if (hasDefault && !hasDepts) ctx.addIssue({ code: 'custom', message: 'together', path: ['departments'] });
    if (hasDepts && hasDefault && !b.departments.includes(b.defaultDepartment)) {
      ctx.addIssue({ code: 'custom', message: 'not_in', path: ['defaultDepartment'] });
    }
    if (b.modifyAccountPhone === true && !sent(b.cellphone)) ctx.addIssue({ code: 'custom', message: 'required', path: ['cellphone'] });
    if (b.modifyAccountEmail === true && !sent(b.email)) ctx.addIssue({ code: 'custom', message: 'required', path: ['email'] });
  });

const ekuaibao = z.strictObject({
  baseUrl,
  path: z.strictObject({ staffId: required }),
  query: z.strictObject({ accessToken: required, type: opt(z.enum(['id', 'code'])) }),
  body: ekBody,
});

const OK = Object.freeze({ ok: true, errors: [] });
const wrap = (schema) => (input) => {
  const r = schema.safeParse(input);
  return r.success ? OK : { ok: false, errors: r.error.issues };
};

/** { [id]: input => ({ ok, errors }) }; with compile, z.compile's clones (null when zod has no compile). */
export function makeZodPeer({ compile = false } = {}) {
  if (compile) {
    if (typeof z.compile !== 'function') return null;
    return { [FX]: wrap(z.compile(fxiaoke)), [EK]: wrap(z.compile(ekuaibao)) };
  }
  return { [FX]: wrap(fxiaoke), [EK]: wrap(ekuaibao) };
}
