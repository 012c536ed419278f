#!/usr/bin/env node
// rosterguard command line: check, build and sync records given as a JSON
// array or NDJSON (a file, or - for standard input), read as a stream
// either way. Node built-ins only (util.parseArgs); no dependency. The
// sync flags come from the options table (sync-options.js).
import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import * as api from './node.mjs';
import { sync } from './sync-node.mjs';
import { parseFlag, SYNC_OPTIONS } from './sync-options.js';

/** The table's options that are CLI flags, by command. */
const TABLE_FLAGS = SYNC_OPTIONS.filter((o) => o.flag);
const flagsOf = (command) => TABLE_FLAGS.filter((o) => (o.commands ?? ['sync']).includes(command));
const ARG = { string: 'S', path: 'F', locale: 'L', positiveInteger: 'N', positiveNumber: 'N', positiveOrInfinity: 'N' };
const usageFlags = (command, skip = []) =>
  flagsOf(command)
    .filter((o) => !skip.includes(o.flag))
    .map((o) => (o.kind === 'boolean' ? `[--${o.flag}]` : `[--${o.flag} ${ARG[o.kind] ?? 'V'}]`))
    .join(' ');

const USAGE = `usage:
  rosterguard check --endpoint ID [--json] ${usageFlags('check')} FILE|-
  rosterguard build --endpoint ID [--unmasked] ${usageFlags('build')} FILE|-
  rosterguard sync  --endpoint ID --token-env VAR [--json]
                    ${usageFlags('sync')} FILE|-
  rosterguard endpoints

FILE holds a JSON array of inputs or one input per line (NDJSON); - reads standard input.
check: exit 0 when every record is valid, 1 when any has errors, 2 on misuse.
build: one request per line ({index, method, url, headers, body}), tokens masked unless --unmasked.
sync:  sends every record (token from the environment variable VAR, never from the command line).
       --state F sends only the records whose request changed since the vendor last accepted it;
       --journal F resumes one interrupted run of the same input; --dry-run sends nothing and
       prints the plan. Exit 0 when every record was sent, unchanged, planned or skipped, 1 when
       any is invalid or failed, 2 on misuse, 130 when interrupted.
`;

const STATUSES = ['sent', 'unchanged', 'planned', 'skipped', 'invalid', 'failed'];

const TEXT = {
  en: {
    record: (i, line) => `record ${i}${line ? ` (line ${line})` : ''}`,
    errors: (n) => `${n} error${n === 1 ? '' : 's'}`,
    checkSummary: (bad, n) => (bad ? `${bad} of ${n} records have errors` : `all ${n} records are valid`),
    failed: (a, m) => `failed after ${a} attempt${a === 1 ? '' : 's'}: ${m}`,
    reason: { permission: 'not authorised (the app lacks the permission or scope)', quota: 'out of quota (the call quota is used up)' },
    invalid: 'invalid, not sent:',
    stopping: 'stopping: requests on the wire finish, nothing new is sent (Ctrl-C again to quit at once)',
    progress: (done, total, rate, c) =>
      `${done}/${total ?? '?'}  ${rate.toFixed(1)}/s  failed ${c.failed}  invalid ${c.invalid}  unchanged ${c.unchanged}  skipped ${c.skipped}`,
    summary: (c, left, secs) =>
      `sent ${c.sent}, unchanged ${c.unchanged}, skipped ${c.skipped}, invalid ${c.invalid}, failed ${c.failed}` +
      `${left ? `, not finished ${left}` : ''} in ${secs.toFixed(1)} s`,
    reasons: (r) => `of the failures: ${r.permission} not authorised, ${r.quota} out of quota`,
    plan: (c) => `dry run, nothing sent: would send ${c.planned}, unchanged ${c.unchanged}, skipped ${c.skipped}, invalid ${c.invalid}`,
  },
  'zh-CN': {
    record: (i, line) => `第 ${i} 条${line ? `（第 ${line} 行）` : ''}`,
    errors: (n) => `${n} 个错误`,
    checkSummary: (bad, n) => (bad ? `${n} 条中有 ${bad} 条有错误` : `${n} 条全部有效`),
    failed: (a, m) => `尝试 ${a} 次后失败：${m}`,
    reason: { permission: '无权限（应用缺少该权限或不在通讯录权限范围内）', quota: '调用额度已用完' },
    invalid: '无效，未发送：',
    stopping: '正在停止：已发出的请求会完成，不再发送新请求（再按 Ctrl-C 立即退出）',
    progress: (done, total, rate, c) =>
      `${done}/${total ?? '?'}  ${rate.toFixed(1)}/秒  失败 ${c.failed}  无效 ${c.invalid}  未变 ${c.unchanged}  跳过 ${c.skipped}`,
    summary: (c, left, secs) =>
      `已发送 ${c.sent}，未变 ${c.unchanged}，跳过 ${c.skipped}，无效 ${c.invalid}，失败 ${c.failed}` +
      `${left ? `，未完成 ${left}` : ''}，用时 ${secs.toFixed(1)} 秒`,
    reasons: (r) => `失败中：无权限 ${r.permission}，额度用完 ${r.quota}`,
    plan: (c) => `试运行，未发送任何请求：将发送 ${c.planned}，未变 ${c.unchanged}，跳过 ${c.skipped}，无效 ${c.invalid}`,
  },
};

class Misuse extends Error {}

function fail(message) {
  throw new Misuse(message);
}

const isSpace = (c) => c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\uFEFF';

function parseItem(text, where) {
  try {
    return JSON.parse(text);
  } catch (e) {
    return fail(`${where}: not JSON (${e.message})`);
  }
}

/** The items of a JSON array, split at its top-level commas as the text streams in: {value, line: undefined}. */
async function* arrayItems(chunks, source, parse) {
  let started = false;
  let ended = false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let buf = '';
  let n = 0;
  for await (const chunk of chunks) {
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (ended) {
        if (!isSpace(c)) fail(`${source}: text after the JSON array`);
        continue;
      }
      if (!started) {
        if (c === '[') {
          started = true;
          from = i + 1;
        } else if (!isSpace(c)) fail(`${source}: not a JSON array`);
        continue;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '[' || c === '{') depth++;
      else if ((c === ']' || c === '}') && depth > 0) depth--;
      else if (depth === 0 && (c === ',' || c === ']')) {
        const text = buf + chunk.slice(from, i);
        buf = '';
        from = i + 1;
        if (text.trim() !== '') yield { value: parse ? parseItem(text, `${source}, item ${n}`) : undefined, line: undefined, n: n++ };
        else if (c === ',' || n > 0) fail(`${source}: not a JSON array (an empty item)`);
        if (c === ']') ended = true;
      }
    }
    if (started && !ended) buf += chunk.slice(from);
  }
  if (!ended) fail(`${source}: not a JSON array (it does not end)`);
}

/** The lines of NDJSON text as it streams in: {value, line}. */
async function* ndjsonItems(chunks, source, parse) {
  let rest = '';
  let line = 0;
  const one = (raw) => {
    line++;
    const l = raw.trim();
    if (l === '') return undefined;
    return { value: parse ? parseItem(l, `${source}, line ${line}`) : undefined, line };
  };
  for await (const chunk of chunks) {
    rest += chunk;
    let at;
    while ((at = rest.indexOf('\n')) >= 0) {
      const item = one(rest.slice(0, at));
      rest = rest.slice(at + 1);
      if (item) yield item;
    }
  }
  const item = one(rest);
  if (item) yield item;
}

/** The records of FILE or - (standard input), streamed: a JSON array or NDJSON, told apart by the first character. */
async function* records(source, parse = true) {
  const name = source === '-' ? 'standard input' : source;
  const stream = source === '-' ? process.stdin : createReadStream(source);
  stream.setEncoding('utf8');
  const it = stream[Symbol.asyncIterator]();
  const next = async () => {
    try {
      return await it.next();
    } catch (e) {
      return fail(`cannot read ${name}: ${e.code || e.message}`);
    }
  };
  const head = [];
  let first;
  for (;;) {
    const r = await next();
    if (r.done) break;
    head.push(r.value);
    const at = r.value.search(/[^\s\uFEFF]/);
    if (at >= 0) {
      first = r.value[at];
      break;
    }
  }
  const chunks = (async function* () {
    yield* head;
    for (;;) {
      const r = await next();
      if (r.done) return;
      yield r.value;
    }
  })();
  try {
    yield* first === '[' ? arrayItems(chunks, name, parse) : ndjsonItems(chunks, name, parse);
  } finally {
    if (source !== '-') stream.destroy();
  }
}

/** How many records FILE holds (for the progress bar); undefined for standard input. */
async function countRecords(source) {
  if (source === '-') return undefined;
  let n = 0;
  for await (const _ of records(source, false)) n++;
  return n;
}

function common(values) {
  if (!values.endpoint) fail('--endpoint ID is required (rosterguard endpoints lists them)');
  const ids = api.endpoints().map((e) => e.id);
  if (!ids.includes(values.endpoint)) fail(`unknown endpoint ${values.endpoint} (known: ${ids.join(', ')})`);
  const locale = values.locale ?? 'en';
  if (locale !== 'en' && locale !== 'zh-CN') fail('--locale is en or zh-CN');
  return { endpoint: values.endpoint, locale, t: TEXT[locale] };
}

/** The options of the table given as flags to `command`. */
function tableOptions(values, command) {
  const out = {};
  for (const o of flagsOf(command)) {
    if (values[o.flag] === undefined) continue;
    const r = parseFlag(o, values[o.flag]);
    if (r.error) fail(r.error);
    out[o.name] = r.value;
  }
  return out;
}

function onePositional(positionals) {
  if (positionals.length !== 1) fail('give exactly one FILE, or - for standard input');
  return positionals[0];
}

const write = (stream, text) =>
  new Promise((resolve) => {
    if (stream.write(text)) resolve();
    else stream.once('drain', resolve);
  });

function issueLines(issues) {
  return issues.map((e) => `  ${e.path || '/'}  ${e.code}  ${e.message}`).join('\n');
}

/**
 * check and build: each record validated once, in the chosen locale;
 * `onValid(index, input)` prints what the command prints for a valid one.
 */
async function eachRecord(values, positionals, command, { onValid, onInvalid }) {
  const { endpoint, t } = common(values);
  const { baseUrl, ...options } = tableOptions(values, command);
  const source = onePositional(positionals);
  let bad = 0;
  let index = 0;
  for await (const { value, line } of records(source)) {
    const i = index++;
    const input = baseUrl !== undefined && value !== null && typeof value === 'object' ? { ...value, baseUrl } : value;
    const ok = await onValid(endpoint, i, input, options);
    if (ok !== true) {
      bad++;
      await onInvalid(`${t.record(i, line)}: ${t.errors(ok.errors.length)}\n${issueLines(ok.errors)}\n`);
    }
  }
  return { bad, total: index, t };
}

async function check(values, positionals) {
  const { bad, total, t } = await eachRecord(values, positionals, 'check', {
    onValid: async (endpoint, i, input, options) => {
      const report = api.validate(endpoint, input, options);
      if (values.json) await write(process.stdout, JSON.stringify({ index: i, ...report }) + '\n');
      return report.ok || report;
    },
    onInvalid: (text) => (values.json ? undefined : write(process.stdout, text)),
  });
  if (!values.json) await write(process.stdout, t.checkSummary(bad, total) + '\n');
  return bad ? 1 : 0;
}

async function build(values, positionals) {
  const { bad } = await eachRecord(values, positionals, 'build', {
    onValid: async (endpoint, i, input, options) => {
      let req;
      try {
        req = api.buildRequest(endpoint, input, options);
      } catch (e) {
        if (e instanceof api.RosterguardError && e.kind === 'invalid') return e.report;
        throw e;
      }
      const shown = values.unmasked ? req : api.redact(req);
      await write(process.stdout, JSON.stringify({ index: i, ...shown }) + '\n');
      return true;
    },
    onInvalid: (text) => write(process.stderr, text),
  });
  return bad ? 1 : 0;
}

function bar(done, total, width = 24) {
  if (!total) return '';
  const filled = Math.min(width, Math.round((done / total) * width));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] `;
}

async function runSync(values, positionals) {
  const { endpoint, t } = common(values);
  const source = onePositional(positionals);
  const envName = values['token-env'];
  if (!envName) fail('--token-env VAR is required: the token is read from that environment variable, never from the command line');
  const token = process.env[envName];
  if (!token) fail(`the environment variable ${envName} is not set or empty`);
  const opts = tableOptions(values, 'sync');
  const total = await countRecords(source);
  const ac = new AbortController();
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write(`\n${t.stopping}\n`);
    ac.abort();
  };
  process.on('SIGINT', onSigint);
  opts.getToken = async () => process.env[envName] || token;
  opts.signal = ac.signal;

  const tty = process.stderr.isTTY && !values.json;
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  const reasons = { permission: 0, quota: 0 };
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
    process.stderr.write(`\r\x1b[2K${bar(done, total)}${t.progress(done, total, rate, counts)}`);
  };
  const values_ = (async function* () {
    for await (const r of records(source)) yield r.value;
  })();
  try {
    for await (const o of sync(endpoint, values_, opts)) {
      done++;
      counts[o.status]++;
      const reason = o.status === 'failed' && o.reply ? o.reply.reason : null;
      if (reason && reasons[reason] !== undefined) reasons[reason]++;
      if (values.json) {
        await write(process.stdout, JSON.stringify(o) + '\n');
      } else if (o.status === 'failed' || o.status === 'invalid') {
        if (tty) process.stderr.write('\r\x1b[2K');
        const what =
          o.status === 'failed'
            ? t.failed(o.attempts, reason ? `${t.reason[reason]}: ${o.reply.message}` : o.reply && o.reply.message)
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
  const left = total !== undefined && done < total ? total - done : 0;
  process.stderr.write((opts.dryRun ? t.plan(counts) : t.summary(counts, left, secs)) + '\n');
  if (reasons.permission || reasons.quota) process.stderr.write(t.reasons(reasons) + '\n');
  if (interrupted) return 130;
  return counts.failed || counts.invalid ? 1 : 0;
}

/** parseArgs options: the CLI's own flags plus the table's. */
const OWN = {
  endpoint: { type: 'string' },
  json: { type: 'boolean' },
  unmasked: { type: 'boolean' },
  'token-env': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};
const OPTIONS = {
  ...OWN,
  ...Object.fromEntries(TABLE_FLAGS.map((o) => [o.flag, { type: o.kind === 'boolean' ? 'boolean' : 'string' }])),
};
const ALLOWED = {
  check: ['endpoint', 'json', ...flagsOf('check').map((o) => o.flag)],
  build: ['endpoint', 'unmasked', ...flagsOf('build').map((o) => o.flag)],
  sync: ['endpoint', 'token-env', 'json', ...flagsOf('sync').map((o) => o.flag)],
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
