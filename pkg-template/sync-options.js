// The options of rosterguard/sync, stated once. This table drives the
// runner's checks (readOptions), the CLI's flags (cli.mjs) and the
// SyncOptions interface of sync.d.ts (written from it by `make pkg`).
//
// kind: how the value is checked. flag: the CLI flag (absent: none).
// commands: the CLI commands that take the flag (default: sync). build:
// passed on to buildRequest. nodeOnly: needs a file system.

export const SYNC_OPTIONS = [
  { name: 'fetch', kind: 'function', ts: 'SyncFetch', doc: 'Default: globalThis.fetch.' },
  {
    name: 'baseUrl',
    kind: 'string',
    ts: 'string',
    flag: 'base-url',
    commands: ['build', 'sync'],
    doc: "Base URL applied to every record (replaces the record's own).",
  },
  { name: 'concurrency', kind: 'positiveInteger', default: 4, ts: 'number', flag: 'concurrency', doc: 'Requests in flight at once (default 4).' },
  {
    name: 'ratePerSecond',
    kind: 'positiveOrInfinity',
    ts: 'number',
    flag: 'rate',
    doc: "Requests started per second at most (default: the endpoint's documented limit, endpoints()[i].ratePerSecond; Infinity: no limit). Finer per-field limits (endpoints()[i].fieldRates) always apply.",
  },
  {
    name: 'maxAttempts',
    kind: 'positiveInteger',
    default: 5,
    ts: 'number',
    flag: 'max-attempts',
    doc: 'HTTP attempts per record at most (default 5); only retryable replies, timeouts and network errors are retried.',
  },
  {
    name: 'getToken',
    kind: 'function',
    ts: '() => string | Promise<string>',
    doc: 'Returns the token; called once at the start and again when a reply says the token expired. It replaces the token the records carry.',
  },
  {
    name: 'journal',
    kind: 'path',
    nodeOnly: true,
    ts: 'string',
    flag: 'journal',
    doc: 'Node only: NDJSON file of final outcomes, to resume one interrupted run of the same input: records it lists as sent (by index) are yielded as skipped. One process at a time.',
  },
  {
    name: 'state',
    kind: 'path',
    nodeOnly: true,
    ts: 'string',
    flag: 'state',
    doc: 'Node only: file remembering, per record key, a digest of the last request the vendor accepted (never the token). A record whose request is the same is yielded as unchanged and not sent. One process at a time.',
  },
  {
    name: 'dryRun',
    kind: 'boolean',
    ts: 'boolean',
    flag: 'dry-run',
    doc: 'Send nothing: each record ends invalid, unchanged (with state) or planned (skipped with a journal that lists it). No file is written; getToken is still called, as the requests are built.',
  },
  {
    name: 'signal',
    kind: 'signal',
    ts: 'AbortSignalLike',
    doc: 'Stops new requests; requests on the wire finish and their outcomes are yielded, then the iteration ends.',
  },
  { name: 'timeoutMs', kind: 'positiveNumber', default: 30000, ts: 'number', flag: 'timeout-ms', doc: 'Per request, ms (default 30000).' },
  {
    name: 'backoffMs',
    kind: 'positiveNumber',
    default: 500,
    ts: 'number',
    doc: 'Base of the exponential backoff between attempts, ms (default 500; jittered, capped at 30 s; Retry-After and the vendor reset header win).',
  },
  {
    name: 'locale',
    kind: 'locale',
    build: true,
    ts: 'Locale',
    flag: 'locale',
    commands: ['check', 'build', 'sync'],
    doc: 'Passed to buildRequest: message language of `report` (and of the CLI).',
  },
  {
    name: 'allowUnknown',
    kind: 'boolean',
    build: true,
    ts: 'boolean',
    flag: 'allow-unknown',
    commands: ['check', 'build', 'sync'],
    doc: 'Passed to buildRequest.',
  },
  {
    name: 'urlPath',
    kind: 'string',
    build: true,
    ts: 'string',
    flag: 'url-path',
    commands: ['check', 'build', 'sync'],
    doc: 'Passed to buildRequest.',
  },
];

const BY_NAME = new Map(SYNC_OPTIONS.map((o) => [o.name, o]));

const CHECKS = {
  function: (v) => typeof v === 'function' || 'a function',
  string: (v) => typeof v === 'string' || 'a string',
  path: (v) => (typeof v === 'string' && v !== '') || 'a file path',
  boolean: (v) => typeof v === 'boolean' || 'true or false',
  locale: (v) => typeof v === 'string' || 'a locale (en or zh-CN)',
  signal: (v) => (v !== null && typeof v === 'object' && typeof v.addEventListener === 'function') || 'an AbortSignal',
  positiveInteger: (v) => (typeof v === 'number' && Number.isInteger(v) && v > 0) || 'a positive integer',
  positiveNumber: (v) => (typeof v === 'number' && Number.isFinite(v) && v > 0) || 'a positive number',
  positiveOrInfinity: (v) => (typeof v === 'number' && v > 0 && (Number.isFinite(v) || v === Infinity)) || 'a positive number',
};

/**
 * The options checked against the table, with defaults: {values, build}
 * where `build` holds those passed on to buildRequest. Throws the package's
 * invalid_option error naming the option.
 */
export function readOptions(api, options, { fileSystem }) {
  const fail = (msg) => {
    throw new api.RosterguardError(`rosterguard/sync: ${msg}`, 'invalid_option');
  };
  if (options === null || typeof options !== 'object') fail('options must be an object');
  const values = {};
  const build = {};
  for (const k of Object.keys(options)) {
    const spec = BY_NAME.get(k);
    if (!spec) fail(`unknown option ${JSON.stringify(k)} (known: ${SYNC_OPTIONS.map((o) => o.name).join(', ')})`);
    const v = options[k];
    if (v === undefined) continue;
    const ok = CHECKS[spec.kind](v);
    if (ok !== true) fail(`option ${k} must be ${ok}`);
    if (spec.nodeOnly && !fileSystem) fail(`the ${k} option needs Node (a file system)`);
    values[k] = v;
    if (spec.build) build[k] = v;
  }
  for (const o of SYNC_OPTIONS) if (values[o.name] === undefined && o.default !== undefined) values[o.name] = o.default;
  return { values, build };
}

/** A CLI flag's text turned into the option's value, or an error message. */
export function parseFlag(spec, text) {
  if (spec.kind === 'boolean') return { value: text === true };
  if (spec.kind === 'positiveInteger' || spec.kind === 'positiveNumber' || spec.kind === 'positiveOrInfinity') {
    const n = Number(text);
    const ok = CHECKS[spec.kind === 'positiveOrInfinity' ? 'positiveNumber' : spec.kind](n);
    return ok === true ? { value: n } : { error: `--${spec.flag} must be ${ok}` };
  }
  return { value: text };
}

/** The SyncOptions members for sync.d.ts, one per table row. */
export function typescriptMembers(indent = '  ') {
  return SYNC_OPTIONS.map((o) => `${indent}/** ${o.doc} */\n${indent}${o.name}?: ${o.ts};`).join('\n');
}
