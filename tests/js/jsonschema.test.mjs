// [metadata] jsonSchema(id) compiles with ajv 8 (draft 2020-12, strict,
// allErrors) and agrees with validate() on every fixture input: ajv accepts
// iff report.ok, except that an input whose every error is one of
// describe(id).jsonSchemaGaps (rules JSON Schema cannot state; pointer `-`
// matches any index) must be accepted by ajv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as rg from 'rosterguard';
import { allCases } from './fixtures.mjs';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;

const matches = (pattern, path) => {
  const a = pattern.split('/');
  const b = path.split('/');
  return a.length === b.length && a.every((seg, i) => seg === b[i] || (seg === '-' && /^\d+$/.test(b[i])));
};

test('jsonSchema() compiles and agrees with validate() on every fixture [metadata]', () => {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  const compiled = new Map();
  const gaps = new Map();
  for (const e of rg.endpoints()) {
    const schema = rg.jsonSchema(e.id);
    assert.equal(typeof schema, 'object');
    assert.ok(Object.keys(schema).length > 0, `${e.id}: empty schema`);
    compiled.set(e.id, ajv.compile(schema));
    gaps.set(e.id, rg.describe(e.id).jsonSchemaGaps ?? []);
  }
  let checked = 0;
  let viaGaps = 0;
  for (const c of allCases()) {
    // The schema describes the default options; allowUnknown changes what is valid.
    if (c.options.allowUnknown) continue;
    const check = compiled.get(c.endpoint);
    const report = rg.validate(c.endpoint, c.input, c.options);
    const schemaOk = check(c.input);
    const onlyGaps =
      !report.ok && report.errors.every((e) => gaps.get(c.endpoint).some((g) => g.code === e.code && matches(g.pointer, e.path)));
    if (onlyGaps && schemaOk) {
      viaGaps++;
    } else {
      assert.equal(
        schemaOk,
        report.ok,
        `${c.name}: ajv says ${schemaOk}, validate says ${report.ok}\n` +
          `${JSON.stringify(report.errors.map((e) => [e.path, e.code]))}\n${JSON.stringify(check.errors?.slice(0, 3))}`,
      );
    }
    checked++;
  }
  assert.ok(checked >= 5);
  console.log(`jsonSchema cross-check: ${checked} fixtures, ${viaGaps} decided by jsonSchemaGaps`);
});
