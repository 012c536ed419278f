// [metadata] jsonSchema(id) compiles with ajv (draft 2020-12, allErrors)
// and agrees with validate() on every fixture input: valid iff report.ok.
// Formats are annotations, as 2020-12 has them by default: the schema
// must say what it checks with assertion keywords (pattern, enum, …).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as rg from 'rosterguard';
import { allCases } from './fixtures.mjs';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;

test('jsonSchema() compiles and agrees with validate() on every fixture [metadata]', () => {
  const ajv = new Ajv2020({ allErrors: true, validateFormats: false });
  const compiled = new Map();
  for (const e of rg.endpoints()) {
    const schema = rg.jsonSchema(e.id);
    assert.equal(typeof schema, 'object');
    assert.ok(Object.keys(schema).length > 0, `${e.id}: empty schema`);
    compiled.set(e.id, ajv.compile(schema));
  }
  let checked = 0;
  for (const c of allCases()) {
    // The schema describes the default options; allowUnknown changes what is valid.
    if (c.options.allowUnknown) continue;
    const check = compiled.get(c.endpoint);
    const ok = rg.validate(c.endpoint, c.input, c.options).ok;
    assert.equal(
      check(c.input),
      ok,
      `${c.name}: ajv says ${check(c.input)}, validate says ${ok}\n${JSON.stringify(check.errors, null, 1)}`,
    );
    checked++;
  }
  assert.ok(checked >= 5);
});
