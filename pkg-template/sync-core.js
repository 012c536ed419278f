// rosterguard/sync: the bulk-sync runner, shared by the Node entry
// (sync-node.mjs: journal and state on disk) and the browser one
// (sync-web.js: no files). It sends each record's request (built by the
// package's own buildRequest), throttles to the endpoint's rate and its finer
// per-field limits, retries what parseResponse calls retryable, refreshes the
// token, and yields one final outcome per record. No validation rule and no
// vendor fact lives here: the rates, token field, record key, operation,
// idempotency key and reply codes come from endpoints() and parseResponse.
//
// The units, each with its own tests: sync-options.js (the options table),
// sync-limiter.js (pacing), sync-token.js (the token), sync-ledger.js (journal
// and state), pointer.js (JSON Pointers); this file is the main loop.
import { carries, getAt, recordKeys, setAt } from './pointer.js';
import { readOptions } from './sync-options.js';
import { createFieldLimiters, createLimiter, replyWaitMs } from './sync-limiter.js';
import { createTokenSource, scrubText } from './sync-token.js';
import { openLedger, requestText, stateKey } from './sync-ledger.js';

const MAX_BACKOFF_MS = 30000;

// Network errors that say the request never reached the server: not
// ambiguous. Any other error after fetch() started may have been applied.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** The endpoints() entry of `endpointId` with the sync metadata; throws the package's misuse error for an unknown id. */
export function endpointMeta(api, endpointId) {
  const info = typeof endpointId === 'string' ? api.endpoints().find((e) => e.id === endpointId) : undefined;
  if (!info) {
    api.validate(endpointId, {}); // throws RosterguardError unknown_endpoint, as every other call does
    throw new api.RosterguardError(`rosterguard: unknown endpoint ${String(endpointId)}`, 'unknown_endpoint');
  }
  for (const f of ['ratePerSecond', 'tokenPointer', 'recordKey']) {
    if (info[f] === undefined) {
      throw new api.RosterguardError(`rosterguard: endpoint ${endpointId} has no ${f} in endpoints()`, 'internal');
    }
  }
  return info;
}

/** 32 hex digits of `text` (two 64-bit FNV-1a lanes): the digest where the host has no crypto. */
export function hash128(text) {
  let a = 0xcbf29ce484222325n;
  let b = 0x84222325cbf29ce4n;
  const mask = 0xffffffffffffffffn;
  for (let i = 0; i < text.length; i++) {
    const c = BigInt(text.charCodeAt(i));
    a = ((a ^ c) * 0x100000001b3n) & mask;
    b = ((b ^ (c + 0x9dn)) * 0x100000001b3n) & mask;
  }
  return a.toString(16).padStart(16, '0') + b.toString(16).padStart(16, '0');
}

/** A digest as a UUID (version 4 layout): stable for the same digest. */
export function uuidFrom(hex) {
  const h = hex.padEnd(32, '0');
  const variant = ((parseInt(h[16], 16) & 3) | 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Whether a failed reply settles the record after all: a create answered
 * "already exists", or a delete answered "not found". Only after an
 * ambiguous attempt (sent, no reply) is that our own earlier attempt;
 * otherwise it is a real conflict.
 */
export function settledBy(operation, reply) {
  return (operation === 'create' && reply.alreadyExists === true) || (operation === 'delete' && reply.notFound === true);
}

function scrubReply(reply, secrets) {
  if (!reply) return reply;
  return { ...reply, message: scrubText(reply.message, secrets), traceId: scrubText(reply.traceId, secrets) };
}

function networkReply(message) {
  return {
    ok: false,
    vendorCode: null,
    message,
    retryable: true,
    traceId: null,
    tokenExpired: false,
    reason: null,
    alreadyExists: false,
    notFound: false,
  };
}

/**
 * Builds `sync(endpointId, records, options)` over the package API `api`
 * (endpoints, buildRequest, parseResponse, redact, validate,
 * RosterguardError, init) and the host's files: `journal(path, {readOnly})`,
 * `state(path, {endpointId, readOnly})` (Node: sync-node.mjs; absent where
 * there is no file system) and `digest(text)` (default hash128).
 */
export function createSync(api, host) {
  const { RosterguardError } = api;
  const digest = host.digest ?? hash128;

  return async function* sync(endpointId, records, options = {}) {
    const { values, build: buildOptions } = readOptions(api, options, { fileSystem: Boolean(host.journal) });
    if (typeof api.init === 'function') await api.init();
    const meta = endpointMeta(api, endpointId);
    const fetchFn = values.fetch ?? globalThis.fetch;
    if (typeof fetchFn !== 'function') throw new RosterguardError('rosterguard/sync: no fetch (pass options.fetch)', 'invalid_option');
    const { concurrency, maxAttempts, timeoutMs, backoffMs, signal } = values;
    const dryRun = values.dryRun === true;
    const rate = values.ratePerSecond ?? meta.ratePerSecond;
    if (records === null || records === undefined || (typeof records[Symbol.iterator] !== 'function' && typeof records[Symbol.asyncIterator] !== 'function')) {
      throw new RosterguardError('rosterguard/sync: records must be an array, an iterable or an async iterable', 'invalid_argument');
    }

    const tokenPointer = meta.tokenPointer;
    const operation = meta.operation ?? 'update';
    const idempotencyKey = meta.idempotencyKey ?? null;
    const tokens = createTokenSource(api, values.getToken, meta.tokenPrefix ?? '');
    const secrets = tokens.secrets;
    await tokens.start();

    const iterator =
      typeof records[Symbol.asyncIterator] === 'function' ? records[Symbol.asyncIterator]() : records[Symbol.iterator]();
    // Opened last before the loop, whose `finally` closes it (and releases its locks).
    const ledger = openLedger(api, host, endpointId, values);
    const { journal, state } = ledger;
    /** What identifies a record across runs: its content without the token. */
    const digestOf = (record) => {
      let text;
      try {
        text = JSON.stringify(getAt(record, tokenPointer) === undefined ? record : setAt(record, tokenPointer, null));
      } catch {
        text = undefined;
      }
      return digest(text === undefined ? String(record) : text);
    };

    const stop = new AbortController(); // ends in-flight requests when the consumer leaves early
    const inflight = new Set(); // one AbortController per request on the wire
    const stopped = () => stop.signal.aborted || (signal ? signal.aborted : false);
    const limiter = createLimiter(rate);
    const fieldLimiters = createFieldLimiters(meta.fieldRates, carries);
    const sleepers = new Set();
    const onAbort = () => {
      limiter.wake();
      fieldLimiters.wake();
      for (const s of sleepers) s();
    };
    if (signal) signal.addEventListener('abort', onAbort);
    const sleep = (ms) =>
      new Promise((resolve) => {
        if (stopped()) return resolve(false);
        const done = (v) => {
          clearTimeout(t);
          sleepers.delete(wake);
          resolve(v);
        };
        const wake = () => done(false);
        const t = setTimeout(() => done(true), ms);
        sleepers.add(wake);
      });

    /** The record as sent: the idempotency key filled from the record (stable across retries and reruns) when it has none. */
    const prepare = (record) => {
      if (idempotencyKey === null || record === null || typeof record !== 'object') return record;
      if (getAt(record, idempotencyKey) !== undefined) return record;
      return setAt(record, idempotencyKey, uuidFrom(digestOf(record)));
    };
    const withToken = (record) => {
      let input = record;
      if (values.baseUrl !== undefined && input !== null && typeof input === 'object') input = { ...input, baseUrl: values.baseUrl };
      const token = tokens.value();
      if (token !== undefined) input = setAt(input, tokenPointer, token);
      return input;
    };
    const build = (input) => {
      try {
        return { request: api.buildRequest(endpointId, input, buildOptions) };
      } catch (e) {
        if (e instanceof RosterguardError && e.kind === 'invalid') return { report: e.report };
        throw e;
      }
    };

    /** One HTTP attempt: {reply, wait?, ambiguous} (ambiguous: sent, and no reply says what became of it). */
    async function send(request, recordSecrets) {
      const ctl = new AbortController();
      inflight.add(ctl);
      const timer = setTimeout(() => ctl.abort(), timeoutMs);
      try {
        const res = await fetchFn(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          signal: ctl.signal,
        });
        const text = await res.text();
        const reply = api.parseResponse(endpointId, res.status, text);
        // 504: a gateway gave up waiting; the vendor behind it may have applied it.
        return { reply, wait: replyWaitMs(res.headers, meta.rateResetHeader), ambiguous: res.status === 504 };
      } catch (e) {
        if (ctl.signal.aborted && !stop.signal.aborted) return { reply: networkReply(`no reply within ${timeoutMs} ms`), ambiguous: true };
        const cause = e && e.cause ? e.cause : e;
        const what = (cause && (cause.code || cause.message)) || String(e);
        return { reply: networkReply(scrubText(`network error: ${what}`, recordSecrets)), ambiguous: !NOT_SENT.has(cause && cause.code) };
      } finally {
        clearTimeout(timer);
        inflight.delete(ctl);
      }
    }

    /** Sends one valid record until it is final; undefined when stopped before it finished. */
    async function run(index, input, first, ownToken) {
      const recordSecrets = ownToken ? new Set([...secrets, ownToken]) : secrets;
      const limiters = [...fieldLimiters.limitersFor(input), limiter];
      let attempts = 0;
      let request = first.request;
      let gen = tokens.generation();
      let reply;
      let ambiguousBefore = false;
      for (;;) {
        if (request === undefined) {
          gen = tokens.generation();
          const b = build(withToken(input));
          if (!b.request) return { index, status: 'invalid', attempts, report: b.report }; // cannot happen: same record
          request = b.request;
        }
        const releases = [];
        for (const l of limiters) {
          const release = await l.acquire(stopped);
          if (!release) {
            for (const r of releases) r();
            return undefined;
          }
          releases.push(release);
        }
        attempts++;
        let r;
        try {
          r = await send(request, recordSecrets);
        } finally {
          for (const release of releases) release();
        }
        if (stop.signal.aborted) return undefined;
        reply = r.reply;
        request = undefined;
        if (reply.ok) return { index, status: 'sent', attempts, reply: scrubReply(reply, recordSecrets) };
        if (settledBy(operation, reply)) {
          if (ambiguousBefore) return { index, status: 'sent', attempts, appliedEarlier: true, reply: scrubReply(reply, recordSecrets) };
          break; // a real conflict
        }
        if (r.ambiguous) ambiguousBefore = true;
        if (attempts >= maxAttempts) break;
        if (reply.tokenExpired) {
          if (!values.getToken) break;
          try {
            await tokens.refresh(gen);
          } catch (e) {
            reply = { ...networkReply(e.message), retryable: false };
            break;
          }
          continue;
        }
        if (!reply.retryable) break;
        const exp = Math.min(MAX_BACKOFF_MS, backoffMs * 2 ** (attempts - 1));
        const jittered = exp / 2 + Math.random() * (exp / 2);
        const wait = r.wait === undefined ? jittered : r.wait + Math.random() * backoffMs;
        if (!(await sleep(wait))) return undefined;
      }
      return { index, status: 'failed', attempts, reply: scrubReply(reply, recordSecrets) };
    }

    const ready = []; // finished outcomes not yet yielded
    const active = new Set();
    let notify;
    let wakeup = new Promise((r) => (notify = r));
    let failure; // a journal or state write that failed, rethrown by the loop
    const finish = (outcome, memo) => {
      if (outcome === undefined) return;
      try {
        if (journal && !dryRun && outcome.status !== 'skipped') journal.append({ ...outcome, keys: memo.keys, digest: memo.journalDigest });
        // Only what the vendor accepted updates the state.
        if (state && !dryRun && outcome.status === 'sent' && memo.stateKey !== undefined) state.set(memo.stateKey, memo.stateDigest);
      } catch (e) {
        failure = failure ?? e;
      }
      ready.push(outcome);
    };
    let index = 0;
    let exhausted = false;
    try {
      for (;;) {
        if (failure) throw failure;
        while (ready.length) yield ready.shift();
        if (stopped() && active.size === 0) break;
        if (!exhausted && !stopped() && active.size < concurrency) {
          const next = await iterator.next();
          if (next.done) {
            exhausted = true;
            continue;
          }
          const i = index++;
          const record = next.value;
          const ownToken = getAt(record, tokenPointer);
          if (typeof ownToken === 'string' && ownToken !== '') secrets.add(ownToken);
          const memo = { keys: recordKeys(record, meta.recordKey) };
          if (journal) {
            memo.journalDigest = digestOf(record);
            if (journal.sent.has(i)) {
              const was = journal.sent.get(i);
              if (was !== undefined && was !== memo.journalDigest) {
                throw new RosterguardError(
                  `rosterguard/sync: record ${i} differs from the one the journal lists as sent (a different input file?)`,
                  'invalid_argument',
                );
              }
              finish({ index: i, status: 'skipped', attempts: 0 }, memo);
              continue;
            }
          }
          const input = prepare(record);
          const first = build(withToken(input));
          if (first.report) {
            finish({ index: i, status: 'invalid', attempts: 0, report: first.report }, memo);
            continue;
          }
          if (state) {
            memo.stateKey = stateKey(memo.keys);
            if (memo.stateKey !== undefined) {
              const again = build(withToken(input)).request;
              memo.stateDigest = digest(requestText(api, first.request, again));
              if (state.get(memo.stateKey) === memo.stateDigest) {
                finish({ index: i, status: 'unchanged', attempts: 0 }, memo);
                continue;
              }
            }
          }
          if (dryRun) {
            finish({ index: i, status: 'planned', attempts: 0 }, memo);
            continue;
          }
          const task = run(i, input, first, typeof ownToken === 'string' ? ownToken : undefined).then(
            (outcome) => finish(outcome, memo),
            (e) => finish({ index: i, status: 'failed', attempts: 0, reply: { ...networkReply(scrubText(String(e && e.message), secrets)), retryable: false } }, memo),
          );
          active.add(task);
          task.finally(() => {
            active.delete(task);
            notify();
          });
          continue;
        }
        if (active.size === 0) break;
        await wakeup;
        wakeup = new Promise((r) => (notify = r));
      }
    } finally {
      if (signal) signal.removeEventListener('abort', onAbort);
      if (active.size) {
        stop.abort();
        for (const ctl of inflight) ctl.abort();
        onAbort();
        await Promise.allSettled([...active]);
      }
      ledger.close();
      if (!exhausted && typeof iterator.return === 'function') {
        try {
          await iterator.return();
        } catch {
          // the input's own cleanup failed: nothing more to do here
        }
      }
    }
  };
}
