#!/usr/bin/env node
// rosterguard command line: check, build and sync records given as a JSON
// array or NDJSON (a file, or - for standard input). Node built-ins only
// (util.parseArgs, readline); no dependency.
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import * as api from './node.mjs';
import { sync } from './sync-node.mjs';

const USAGE = `usage:
  rosterguard check --endpoint ID [--locale en|zh-CN] [--json] [--allow-unknown] [--url-path P] FILE|-
  rosterguard build --endpoint ID [--unmasked] [--base-url U] [--locale L] [--allow-unknown] [--url-path P] FILE|-
  rosterguard sync  --endpoint ID --token-env VAR [--base-url U] [--journal F] [--concurrency N]
                    [--rate N] [--max-attempts N] [--timeout-ms N] [--json] [--locale L] FILE|-
  rosterguard endpoints

FILE holds a JSON array of inputs or one input per line (NDJSON); - reads standard input.
check: exit 0 when every record is valid, 1 when any has errors, 2 on misuse.
build: one request per line ({index, method, url, headers, body}), tokens masked unless --unmasked.
sync:  sends every record (token from the environment variable VAR, never from the command line);
       --journal F makes a rerun skip what was sent. Exit 0 when every record was sent or skipped,
       1 when any is invalid or failed, 2 on misuse, 130 when interrupted.
`;

const TEXT = {
  en: {
    record: (i, line) => `record ${i}${line ? ` (line ${line})` : ''}`,
    errors: (n) => `${n} error${n === 1 ? '' : 's'}`,
    checkSummary: (bad, n) => (bad ? `${bad} of ${n} records have errors` : `all ${n} records are valid`),
    failed: (a, m) => `failed after ${a} attempt${a === 1 ? '' : 's'}: ${m}`,
    invalid: 'invalid, not sent:',
    stopping: 'stopping: requests on the wire finish, nothing new is sent (Ctrl-C again to quit at once)',
  },
  'zh-CN': {
    record: (i, line) => `第 ${i} 条${line ? `（第 ${line} 行）` : ''}`,
    errors: (n) => `${n} 个错误`,
    checkSummary: (bad, n) => (bad ? `${n} 条中有 ${bad} 条有错误` : `${n} 条全部有效`),
    failed: (a, m) => `尝试 ${a} 次后失败：${m}`,
    invalid: '无效，未发送：',
    stopping: '正在停止：已发出的请求会完成，不再发送新请求（再按 Ctrl-C 立即退出）',
  },
};

class Misuse extends Error {}

function fail(message) {
  throw new Misuse(message);
}

/** Reads FILE or - as text. */
function readText(source) {
  try {
    return readFileSync(source === '-' ? 0 : source, 'utf8');
  } catch (e) {
    return fail(`cannot read ${source === '-' ? 'standard input' : source}: ${e.code || e.message}`);
  }
}

/** The records of a JSON array or NDJSON text: [{value, line}]. */
function parseRecords(text, source) {
  const start = text.search(/\S/);
  if (start >= 0 && text[start] === '[') {
    let arr;
    try {
      arr = JSON.parse(text);
    } catch (e) {
      return fail(`${source}: not a JSON array (${e.message})`);
    }
    if (!Array.isArray(arr)) return fail(`${source}: not a JSON array`);
    return arr.map((value) => ({ value, line: undefined }));
  }
  const out = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].trim();
    if (l === '') continue;
    try {
      out.push({ value: JSON.parse(l), line: i + 1 });
    } catch (e) {
      return fail(`${source}, line ${i + 1}: not JSON (${e.message})`);
    }
  }
  return out;
}

/** Streams the records of a file or stdin: JSON arrays are read whole, NDJSON line by line. */
async function streamRecords(source) {
  const open = () => (source === '-' ? process.stdin : createReadStream(source, { encoding: 'utf8' }));
  if (source !== '-') {
    // Peek at the first character, and count lines for the progress bar.
    let first;
    let lines = 0;
    try {
      for await (const chunk of createReadStream(source, { encoding: 'utf8' })) {
        if (first === undefined) {
          const at = chunk.search(/\S/);
          if (at >= 0) first = chunk[at];
        }
        if (first === '[') break;
        for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) lines++;
      }
    } catch (e) {
      return fail(`cannot read ${source}: ${e.code || e.message}`);
    }
    if (first === '[') {
      const recs = parseRecords(readText(source), source);
      return { total: recs.length, records: recs.map((r) => r.value) };
    }
    return { total: lines || undefined, records: ndjson(open(), source) };
  }
  // stdin: an array is read whole; NDJSON is streamed.
  const text = readText('-');
  const recs = parseRecords(text, 'standard input');
  return { total: recs.length, records: recs.map((r) => r.value) };
}

async function* ndjson(stream, source) {
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  for await (const raw of rl) {
    n++;
    const l = raw.trim();
    if (l === '') continue;
    try {
      yield JSON.parse(l);
    } catch (e) {
      fail(`${source}, line ${n}: not JSON (${e.message})`);
    }
  }
}

function common(values) {
  if (!values.endpoint) fail('--endpoint ID is required (rosterguard endpoints lists them)');
  const ids = api.endpoints().map((e) => e.id);
  if (!ids.includes(values.endpoint)) fail(`unknown endpoint ${values.endpoint} (known: ${ids.join(', ')})`);
  const locale = values.locale ?? 'en';
  if (locale !== 'en' && locale !== 'zh-CN') fail('--locale is en or zh-CN');
  const options = { locale };
  if (values['allow-unknown']) options.allowUnknown = true;
  if (values['url-path'] !== undefined) options.urlPath = values['url-path'];
  return { endpoint: values.endpoint, locale, options };
}

function onePositional(positionals) {
  if (positionals.length !== 1) fail('give exactly one FILE, or - for standard input');
  return positionals[0];
}

function number(values, name, integer = true) {
  const v = values[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!(n > 0) || (integer && !Number.isInteger(n))) fail(`--${name} must be a positive ${integer ? 'integer' : 'number'}`);
  return n;
}

const write = (stream, text) =>
  new Promise((resolve) => {
    if (stream.write(text)) resolve();
    else stream.once('drain', resolve);
  });

function issueLines(issues) {
  return issues.map((e) => `  ${e.path || '/'}  ${e.code}  ${e.message}`).join('\n');
}

async function check(values, positionals) {
  const { endpoint, locale, options } = common(values);
  const source = onePositional(positionals);
  const recs = parseRecords(readText(source), source);
  const t = TEXT[locale];
  let bad = 0;
  for (let i = 0; i < recs.length; i++) {
    const report = api.validate(endpoint, recs[i].value, options);
    if (!report.ok) bad++;
    if (values.json) {
      await write(process.stdout, JSON.stringify({ index: i, ...report }) + '\n');
    } else if (!report.ok) {
      await write(process.stdout, `${t.record(i, recs[i].line)}: ${t.errors(report.errors.length)}\n${issueLines(report.errors)}\n`);
    }
  }
  if (!values.json) await write(process.stdout, t.checkSummary(bad, recs.length) + '\n');
  return bad ? 1 : 0;
}

async function build(values, positionals) {
  const { endpoint, locale, options } = common(values);
  const source = onePositional(positionals);
  const recs = parseRecords(readText(source), source);
  const t = TEXT[locale];
  let bad = 0;
  for (let i = 0; i < recs.length; i++) {
    let input = recs[i].value;
    if (values['base-url'] !== undefined && input !== null && typeof input === 'object') input = { ...input, baseUrl: values['base-url'] };
    const report = api.validate(endpoint, input, options);
    if (!report.ok) {
      bad++;
      process.stderr.write(`${t.record(i, recs[i].line)}: ${t.errors(report.errors.length)}\n${issueLines(report.errors)}\n`);
      continue;
    }
    const req = api.buildRequest(endpoint, input, options);
    const shown = values.unmasked ? req : api.redact(req);
    await write(process.stdout, JSON.stringify({ index: i, ...shown }) + '\n');
  }
  return bad ? 1 : 0;
}

function bar(done, total, width = 24) {
  if (!total) return '';
  const filled = Math.min(width, Math.round((done / total) * width));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] `;
}

async function runSync(values, positionals) {
  const { endpoint, locale, options } = common(values);
  const source = onePositional(positionals);
  const envName = values['token-env'];
  if (!envName) fail('--token-env VAR is required: the token is read from that environment variable, never from the command line');
  const token = process.env[envName];
  if (!token) fail(`the environment variable ${envName} is not set or empty`);
  const t = TEXT[locale];
  const { total, records } = await streamRecords(source);
  const ac = new AbortController();
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write(`\n${t.stopping}\n`);
    ac.abort();
  };
  process.on('SIGINT', onSigint);
  const opts = {
    ...options,
    getToken: async () => process.env[envName] || token,
    signal: ac.signal,
  };
  if (values['base-url'] !== undefined) opts.baseUrl = values['base-url'];
  if (values.journal !== undefined) opts.journal = values.journal;
  const c = number(values, 'concurrency');
  if (c !== undefined) opts.concurrency = c;
  const r = number(values, 'rate', false);
  if (r !== undefined) opts.ratePerSecond = r;
  const m = number(values, 'max-attempts');
  if (m !== undefined) opts.maxAttempts = m;
  const to = number(values, 'timeout-ms');
  if (to !== undefined) opts.timeoutMs = to;

  const tty = process.stderr.isTTY && !values.json;
  const counts = { sent: 0, invalid: 0, failed: 0, skipped: 0 };
  let done = 0;
  const started = performance.now();
  let lastDraw = 0;
  const draw = (force) => {
    if (!tty) return;
    const now = performance.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    const secs = (now - started) / 1000;
    const rate = secs > 0 ? (counts.sent + counts.failed) / secs : 0;
    const line = `${bar(done, total)}${done}/${total ?? '?'}  ${rate.toFixed(1)}/s  failed ${counts.failed}  invalid ${counts.invalid}  skipped ${counts.skipped}`;
    process.stderr.write(`\r\x1b[2K${line}`);
  };
  try {
    for await (const o of sync(endpoint, records, opts)) {
      done++;
      counts[o.status]++;
      if (values.json) {
        await write(process.stdout, JSON.stringify(o) + '\n');
      } else if (o.status === 'failed' || o.status === 'invalid') {
        if (tty) process.stderr.write('\r\x1b[2K');
        const what =
          o.status === 'failed'
            ? t.failed(o.attempts, o.reply && o.reply.message)
            : `${t.invalid}\n${issueLines(o.report.errors)}`;
        process.stderr.write(`${t.record(o.index)}: ${what}\n`);
      }
      draw(false);
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
  draw(true);
  const secs = (performance.now() - started) / 1000;
  if (tty) process.stderr.write('\n');
  process.stderr.write(
    `sent ${counts.sent}, skipped ${counts.skipped}, invalid ${counts.invalid}, failed ${counts.failed}` +
      `${total !== undefined && done < total ? `, not finished ${total - done}` : ''} in ${secs.toFixed(1)} s\n`,
  );
  if (interrupted) return 130;
  return counts.failed || counts.invalid ? 1 : 0;
}

const OPTIONS = {
  endpoint: { type: 'string' },
  locale: { type: 'string' },
  json: { type: 'boolean' },
  'allow-unknown': { type: 'boolean' },
  'url-path': { type: 'string' },
  'base-url': { type: 'string' },
  unmasked: { type: 'boolean' },
  'token-env': { type: 'string' },
  journal: { type: 'string' },
  concurrency: { type: 'string' },
  rate: { type: 'string' },
  'max-attempts': { type: 'string' },
  'timeout-ms': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};
const ALLOWED = {
  check: ['endpoint', 'locale', 'json', 'allow-unknown', 'url-path'],
  build: ['endpoint', 'locale', 'allow-unknown', 'url-path', 'base-url', 'unmasked'],
  sync: ['endpoint', 'locale', 'allow-unknown', 'url-path', 'base-url', 'token-env', 'journal', 'concurrency', 'rate', 'max-attempts', 'timeout-ms', 'json'],
  endpoints: [],
};

async function main(argv) {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (!Object.prototype.hasOwnProperty.call(ALLOWED, command)) fail(`unknown command ${command}`);
  if (rest.some((a) => a === '--token' || a.startsWith('--token='))) {
    fail('tokens are never taken from the command line: put it in an environment variable and pass --token-env VAR');
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    return fail(e.message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  for (const k of Object.keys(values)) if (!ALLOWED[command].includes(k)) fail(`--${k} does not apply to ${command}`);
  switch (command) {
    case 'check':
      return check(values, positionals);
    case 'build':
      return build(values, positionals);
    case 'sync':
      return runSync(values, positionals);
    case 'endpoints':
      for (const e of api.endpoints()) process.stdout.write(`${e.id}\t${e.method} ${e.path}\t${e.title}\n`);
      return 0;
  }
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    if (e instanceof Misuse) {
      process.stderr.write(`rosterguard: ${e.message}\n${USAGE.split('\n')[0]} … (rosterguard help)\n`);
      process.exitCode = 2;
    } else {
      // Never print a token: the message of a RosterguardError never holds one, and sync scrubs its own.
      process.stderr.write(`rosterguard: ${e && e.message ? e.message : String(e)}\n`);
      process.exitCode = e instanceof api.RosterguardError && e.kind !== 'internal' ? 2 : 1;
    }
  },
);
