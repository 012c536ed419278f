// Typed usage of the package API, checked by `tsc --noEmit --strict`
// (make test-pkg). Compiles only if index.d.ts describes the API as used.
import {
  buildRequest,
  endpoints,
  init,
  parseResponse,
  redact,
  RosterguardError,
  schema,
  validate,
  validateField,
  validateMany,
  buildMany,
  describe,
  type BuildOutcome,
  jsonSchema,
  type EndpointId,
  type InputFor,
  type HttpRequest,
  type Issue,
  type Report,
  type ReplyOutcome,
  type StandardSchemaV1,
} from 'rosterguard';

export async function main(input: InputFor['ekuaibao.updateStaff'], form: unknown): Promise<void> {
  await init();
  const ids: EndpointId[] = endpoints().map((e) => e.id);
  const report: Report = validate('ekuaibao.updateStaff', form, { locale: 'zh-CN' });
  const first: Issue | undefined = report.errors[0];
  const msg: string | undefined = first?.message;
  const code: 'required' | string | undefined = first?.code;
  try {
    const req: HttpRequest = buildRequest('ekuaibao.updateStaff', input, { allowUnknown: true });
    const res = await fetch(req.url, req);
    const outcome: ReplyOutcome = parseResponse('ekuaibao.updateStaff', res.status, await res.text());
    if (outcome.retryable) console.log(redact(req).url);
  } catch (e) {
    if (e instanceof RosterguardError && e.kind === 'invalid') {
      const r: Report | undefined = e.report;
      console.log(r?.errors.length, e.message);
    }
  }
  const field: Report = validateField('ekuaibao.updateStaff', '/body/email', 'a@b.c', form);
  const s: StandardSchemaV1 = schema('ekuaibao.updateStaff');
  const result = schema('ekuaibao.updateStaff')['~standard'].validate(form);
  if (result.issues) {
    for (const i of result.issues) console.log(i.path, i.message, i.code, i.pointer);
  } else {
    const body: InputFor['ekuaibao.updateStaff']['body'] = result.value.body;
    console.log(body);
  }
  console.log(ids, msg, code, field.ok, s, describe('dingtalk.updateEmployeeRoster'), jsonSchema('fxiaoke.updateMember'));
  // describe() is typed: its id is an endpoint id, not `unknown`.
  const described: EndpointId = describe('feishu.patchUser').id;
  console.log(described);
  const reports: Report[] = validateMany('ekuaibao.updateStaff', JSON.stringify([input, input]), { locale: 'zh-CN' });
  const outcomes: BuildOutcome[] = buildMany('ekuaibao.updateStaff', JSON.stringify([input]));
  for (const o of outcomes) {
    if (o.ok) console.log(o.request.url, o.warnings.length);
    else console.log(o.report.errors.length);
  }
  console.log(reports.length);
  // @ts-expect-error the batch is JSON text, not an array
  validateMany('ekuaibao.updateStaff', [input]);
  // @ts-expect-error unknown endpoint ids are a type error
  validate('nosuch.updateUser', form);
  // @ts-expect-error unknown option
  validate('ekuaibao.updateStaff', form, { colour: 'red' });
  // @ts-expect-error locale is en or zh-CN
  validate('ekuaibao.updateStaff', form, { locale: 'fr' });
}
