// The crossing writes plain inputs as a tape (the structure, then every
// string as one UTF-8 run). Whatever it writes must read back as the same
// value: validate / buildRequest through the tape give the same answer as
// validateMany / buildMany, which take JSON text and parse it in the
// module. Strings here: ASCII, non-ASCII first, last and in the middle,
// astral characters (surrogate pairs), long strings that make the buffer
// grow, and keys of each kind; lone surrogates anywhere take the walk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as rg from 'rosterguard';
import { allCases, seed } from './fixtures.mjs';

const ID = 'ekuaibao.updateStaff';
const STRINGS = [
  '',
  'plain ascii',
  '张三',
  'a张',
  '张a',
  'ab张cd',
  '😀',
  'x😀y',
  '😀'.repeat(40),
  '😀'.repeat(200),
  `张${'a'.repeat(300)}`,
  'é',
  '\u007f\u0080\u07ff\u0800\uffff',
  'a'.repeat(20000),
  '张'.repeat(9000),
  `${'a'.repeat(17000)}张`,
  '"\\\n\t\u0000',
];

function variants() {
  const out = [];
  for (const s of STRINGS) {
    const base = seed(ID);
    base.body.name = s;
    base.body.staffCustomForm = { ...base.body.staffCustomForm, [`k${s.slice(0, 30)}`]: s };
    out.push(base);
    const keyed = seed(ID);
    keyed.body[s.slice(0, 50) || 'empty'] = s;
    out.push(keyed);
  }
  return out;
}

test('validate through the tape equals validateMany through JSON text', () => {
  for (const input of variants()) {
    const viaTape = rg.validate(ID, input);
    const [viaText] = rg.validateMany(ID, JSON.stringify([input]));
    assert.deepEqual(viaTape, viaText, JSON.stringify(input).slice(0, 200));
    // Key order too: the report's JSON is part of the contract.
    assert.equal(JSON.stringify(viaTape), JSON.stringify(viaText));
  }
});

// The module answers a validate with an answer tape that the glue turns
// into objects (readAnswer); validateMany's reports are JSON text. Both must
// give the same report, key order included, for every fixture case of every
// endpoint, each with its body's fields broken one by one, in both locales.
test('validate reports through the answer tape equal validateMany reports, byte for byte', () => {
  const bad = [null, '', '  ', ' x"\n\u0001é😀 ', -1, 1.5, 2 ** 53 - 1, [], {}, true, ['a', 1], { __proto__: null, x: 1 }];
  let compared = 0;
  for (const c of allCases()) {
    const inputs = [c.input];
    const body = c.input && typeof c.input.body === 'object' && c.input.body;
    for (const key of body ? Object.keys(body) : []) {
      for (const b of bad) inputs.push({ ...c.input, body: { ...body, [key]: b } });
    }
    for (const input of inputs) {
      for (const locale of ['en', 'zh-CN']) {
        const options = { ...c.options, locale };
        const viaTape = rg.validate(c.endpoint, input, options);
        const [viaText] = rg.validateMany(c.endpoint, JSON.stringify([input]), options);
        assert.equal(JSON.stringify(viaTape), JSON.stringify(viaText), c.name);
        compared++;
      }
    }
  }
  assert.ok(compared > 5000, String(compared));
});

test('buildRequest through the tape equals buildMany through JSON text', () => {
  for (const input of variants()) {
    const [viaText] = rg.buildMany(ID, JSON.stringify([input]));
    if (!viaText.ok) continue;
    assert.deepEqual(rg.buildRequest(ID, input), viaText.request);
    assert.equal(JSON.parse(viaText.request.body).name, input.body.name);
  }
});

// The tape's strings are checked for lone surrogates once, joined: a lone
// high one ending a key, a value or an item must not pair with a lone low
// one starting the next string (that once threw "the input tape is damaged").
test('lone surrogates on both sides of a string boundary are reported, not paired', () => {
  const cases = [
    (x) => {
      x.body.staffCustomForm = { 'k\uD83D': '\uDE00v' };
    },
    (x) => {
      x.body.staffCustomForm = { k: 'v\uD83D', '\uDE00k': 'v' };
    },
    (x) => {
      x.body.departments = ['a\uD83D', '\uDE00b'];
    },
    (x) => {
      x.body.name = '\uD83D';
      x.body.code = '\uDE00';
    },
  ];
  for (const edit of cases) {
    const input = seed(ID);
    edit(input);
    const r = rg.validate(ID, input);
    assert.ok(
      r.errors.some((e) => e.code === 'type' && e.params.actual === 'lone surrogate'),
      JSON.stringify(r.errors),
    );
    assert.throws(() => rg.buildRequest(ID, input), (e) => e.kind === 'invalid');
  }
});

test('a lone surrogate after ASCII or after other text is reported, not replaced', () => {
  const lone = ['ab\uD800', '张\uDC00x', '😀\uD83D', 'a'.repeat(20000) + '\uD800', '\uDBFF\uDBFF'];
  for (const s of [...lone, '张'.repeat(300) + '\uD800', '\uD800' + '张'.repeat(300)]) {
    const input = seed(ID);
    input.body.name = s;
    const r = rg.validate(ID, input);
    assert.ok(
      r.errors.some((e) => e.path === '/body/name' && e.params.actual === 'lone surrogate'),
      JSON.stringify(r.errors),
    );
  }
});
