// Cross-checks rosterguard's JSON Schemas against validate(): ajv (draft
// 2020-12, strict, allErrors, unicode patterns) must accept an input iff
// validate() reports no error. Inputs whose every validate() error is one
// of describe().jsonSchemaGaps (rules JSON Schema cannot state) are counted
// apart and expected to be accepted by ajv.
//
// Usage (ajv 8 installed anywhere, e.g. in a scratch dir; tests/meta/check.sh does all this):
//   cargo run --quiet --example schema_probes > /tmp/probes.json
//   NODE_PATH=/tmp/ajvcheck/node_modules node tests/meta/ajv_agreement.cjs /tmp/probes.json
// The same check fits the JS package: compile jsonSchema(id) with the options
// below, and for each fixture compare ajv's verdict with validate(id, input).ok,
// treating an input whose errors all match describe(id).jsonSchemaGaps
// ({code, pointer}, `-` = any index) as "ajv accepts".
// Exit status 1 on any disagreement.
'use strict';

const fs = require('fs');
const Ajv2020 = require('ajv/dist/2020').default;

const doc = JSON.parse(fs.readFileSync(process.argv[2] || 0, 'utf8'));
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validators = {};
for (const [id, schema] of Object.entries(doc.schemas)) {
  validators[id] = ajv.compile(schema);
}

const matches = (pattern, path) => {
  const a = pattern.split('/');
  const b = path.split('/');
  return a.length === b.length && a.every((seg, i) => seg === b[i] || (seg === '-' && /^\d+$/.test(b[i])));
};

const stats = { inputs: 0, agreed: 0, agreedValid: 0, agreedInvalid: 0, gaps: 0, fixtures: 0, fixturesAgreed: 0, fixtureGaps: 0 };
const failures = [];
for (const item of doc.inputs) {
  stats.inputs += 1;
  const isFixture = item.name.startsWith('fixture ');
  if (isFixture) stats.fixtures += 1;
  const validate = validators[item.endpoint];
  const schemaOk = validate(item.input);
  const gaps = doc.describe[item.endpoint].jsonSchemaGaps;
  const onlyGaps = !item.ok && item.errors.every(([path, code]) => gaps.some((g) => g.code === code && matches(g.pointer, path)));
  if (schemaOk === item.ok) {
    stats.agreed += 1;
    if (isFixture) stats.fixturesAgreed += 1;
    if (item.ok) stats.agreedValid += 1; else stats.agreedInvalid += 1;
  } else if (onlyGaps && schemaOk) {
    stats.gaps += 1;
    if (isFixture) stats.fixtureGaps += 1;
  } else {
    failures.push({ endpoint: item.endpoint, name: item.name, validateOk: item.ok, errors: item.errors, ajv: validate.errors && validate.errors.slice(0, 3).map((e) => `${e.instancePath} ${e.message}`) });
  }
}
for (const f of failures.slice(0, 40)) console.log(JSON.stringify(f));
console.log(JSON.stringify(stats), `disagreements: ${failures.length}`);
process.exit(failures.length ? 1 : 0);
