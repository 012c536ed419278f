// rosterguard/sync: the bulk-sync runner, shared by the Node entry
// (sync-node.mjs: journal on disk) and the browser one (sync-web.js: no
// journal). It sends each record's request (built by the package's own
// buildRequest), throttles to the endpoint's rate, retries what parseResponse
// calls retryable, refreshes the token, and yields one final outcome per
// record. No validation rule and no vendor fact lives here: the endpoint's
// rate, token field, record key and reply codes come from endpoints() and
// parseResponse.

const KNOWN_OPTIONS = new Set([
  'fetch',
  'baseUrl',
  'concurrency',
  'ratePerSecond',
  'maxAttempts',
  'getToken',
  'journal',
  'signal',
  'timeoutMs',
  'backoffMs',
  'locale',
  'allowUnknown',
  'urlPath',
]);

/** The window of ratePerSecond, ms. */
export const RATE_WINDOW_MS = 1000;
const MAX_BACKOFF_MS = 30000;
const MAX_RETRY_AFTER_MS = 600000;

/** "/a/b~1c" -> ["a", "b/c"]. */
export function pointerSegments(pointer) {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at `pointer` in `root`, or undefined. */
export function getAt(root, pointer) {
  let node = root;
  for (const s of pointerSegments(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Object.prototype.hasOwnProperty.call(node, s) ? node[s] : undefined;
  }
  return node;
}

/** A copy of `root` with `value` at `pointer` (objects copied along the path, created where missing; the rest shared). */
export function setAt(root, pointer, value) {
  const segs = pointerSegments(pointer);
  const copy = (node, i) => {
    if (i === segs.length) return value;
    const base = node !== null && typeof node === 'object' ? node : {};
    const out = Array.isArray(base) ? base.slice() : { ...base };
    out[segs[i]] = copy(base[segs[i]], i + 1);
    return out;
  };
  return copy(root, 0);
}

/** The record's identity keys (recordKey pointer; an array gives one key per item). */
export function recordKeys(input, pointer) {
  if (!pointer) return [];
  const segs = pointerSegments(pointer);
  const out = [];
  const key = (x) => {
    if (typeof x === 'string' || typeof x === 'number') out.push(String(x));
  };
  // A `-` segment is every item of an array (Ekuaibao's /body/staffList/-/id).
  const walk = (node, i) => {
    if (i === segs.length) {
      if (Array.isArray(node)) node.forEach(key);
      else key(node);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    if (segs[i] === '-') {
      if (Array.isArray(node)) for (const item of node) walk(item, i + 1);
      return;
    }
    if (Object.prototype.hasOwnProperty.call(node, segs[i])) walk(node[segs[i]], i + 1);
  };
  walk(input, 0);
  return out;
}

/** The endpoints() entry of `endpointId` with the sync metadata; throws the package's misuse error for an unknown id. */
export function endpointMeta(api, endpointId) {
  const info = typeof endpointId === 'string' ? api.endpoints().find((e) => e.id === endpointId) : undefined;
  if (!info) {
    api.validate(endpointId, {}); // throws RosterguardError unknown_endpoint, as every other call does
    throw new api.RosterguardError(`rosterguard: unknown endpoint ${String(endpointId)}`, 'unknown_endpoint');
  }
  const meta = info;
  for (const f of ['ratePerSecond', 'tokenPointer', 'recordKey']) {
    if (meta[f] === undefined) {
      throw new api.RosterguardError(`rosterguard: endpoint ${endpointId} has no ${f} in endpoints()`, 'internal');
    }
  }
  return meta;
}

/** parseResponse, with `tokenExpired` always present. */
export function replyOutcome(api, endpointId, status, text) {
  return api.parseResponse(endpointId, status, text);
}

/** Retry-After (delta seconds or an HTTP date) in ms, or undefined. */
export function retryAfterMs(value, now = Date.now()) {
  if (value === null || value === undefined || value === '') return undefined;
  const text = String(value).trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}

/**
 * At most `rate` requests in any window of `windowMs` *as the server counts
 * them*, whatever the network delays: each request holds a slot of a ring of
 * `rate` slots from its start until its reply, error or timeout, and is
 * stamped then (a moment the server has certainly received it by); a new
 * request starts only `windowMs` after the stamp of the request `rate` places
 * before it. So any two requests `rate` apart arrive at least `windowMs`
 * apart. Throughput is rate × windowMs / (windowMs + latency).
 *
 * acquire(stopped) resolves to a release() function to call with the reply,
 * or to undefined when `stopped()` became true while waiting. FIFO.
 */
export function createLimiter(rate, windowMs = RATE_WINDOW_MS) {
  if (rate === Infinity) return { acquire: async () => () => {}, wake() {} };
  const n = Math.max(1, Math.floor(rate));
  // rate < 1 (e.g. 0.5/s): one request per 1/rate seconds.
  const window = rate < 1 ? windowMs / rate : windowMs;
  const stamps = new Array(n).fill(-Infinity); // ring: Infinity while its request is on the wire
  let head = 0;
  const waiters = [];
  let timer;
  const pump = () => {
    timer = undefined;
    while (waiters.length) {
      const w = waiters[0];
      if (w.stopped()) {
        waiters.shift();
        w.resolve(undefined);
        continue;
      }
      const now = performance.now();
      const wait = stamps[head] + window - now;
      if (wait === Infinity) return; // a release() pumps again
      if (wait > 0) {
        timer = setTimeout(pump, Math.ceil(wait));
        return;
      }
      const slot = head;
      stamps[slot] = Infinity;
      head = (head + 1) % n;
      waiters.shift();
      let released = false;
      w.resolve(() => {
        if (released) return;
        released = true;
        stamps[slot] = performance.now();
        wake();
      });
    }
  };
  const wake = () => {
    if (timer !== undefined) clearTimeout(timer);
    pump();
  };
  return {
    acquire(stopped) {
      return new Promise((resolve) => {
        waiters.push({ resolve, stopped });
        if (timer === undefined) pump();
      });
    },
    /** Re-checks the waiters now (after a stop). */
    wake,
  };
}

function positive(api, name, v, { integer = false, allowInfinity = false } = {}) {
  const ok =
    typeof v === 'number' && v > 0 && (allowInfinity ? v === Infinity || Number.isFinite(v) : Number.isFinite(v)) &&
    (!integer || v === Infinity || Number.isInteger(v));
  if (!ok) throw new api.RosterguardError(`rosterguard/sync: option ${name} must be a positive ${integer ? 'integer' : 'number'}`, 'invalid_option');
  return v;
}

/** `text` with every secret replaced by "***". */
function scrubText(text, secrets) {
  if (typeof text !== 'string') return text;
  let out = text;
  for (const s of secrets) if (s && out.includes(s)) out = out.split(s).join('***');
  return out;
}

function scrubReply(reply, secrets) {
  if (!reply) return reply;
  return { ...reply, message: scrubText(reply.message, secrets), traceId: scrubText(reply.traceId, secrets) };
}

function networkReply(message) {
  return { ok: false, vendorCode: null, message, retryable: true, traceId: null, tokenExpired: false };
}

/**
 * Builds `sync(endpointId, records, options)` over the package API `api`
 * (endpoints, buildRequest, parseResponse, validate, RosterguardError, init)
 * and the host's `journal(path)` (Node: see sync-node.mjs; undefined where
 * there is no file system) and `digest(text)`.
 */
export function createSync(api, host) {
  const { RosterguardError } = api;

  return async function* sync(endpointId, records, options = {}) {
    if (options === null || typeof options !== 'object') {
      throw new RosterguardError('rosterguard/sync: options must be an object', 'invalid_option');
    }
    for (const k of Object.keys(options)) {
      if (!KNOWN_OPTIONS.has(k)) {
        throw new RosterguardError(
          `rosterguard/sync: unknown option ${JSON.stringify(k)} (known: ${[...KNOWN_OPTIONS].join(', ')})`,
          'invalid_option',
        );
      }
    }
    if (typeof api.init === 'function') await api.init();
    const meta = endpointMeta(api, endpointId);
    const fetchFn = options.fetch ?? globalThis.fetch;
    if (typeof fetchFn !== 'function') throw new RosterguardError('rosterguard/sync: no fetch (pass options.fetch)', 'invalid_option');
    const concurrency = positive(api, 'concurrency', options.concurrency ?? 4, { integer: true });
    const rate = positive(api, 'ratePerSecond', options.ratePerSecond ?? meta.ratePerSecond, { allowInfinity: true });
    const maxAttempts = positive(api, 'maxAttempts', options.maxAttempts ?? 5, { integer: true });
    const timeoutMs = positive(api, 'timeoutMs', options.timeoutMs ?? 30000);
    const backoffMs = positive(api, 'backoffMs', options.backoffMs ?? 500);
    const getToken = options.getToken;
    if (getToken !== undefined && typeof getToken !== 'function') {
      throw new RosterguardError('rosterguard/sync: getToken must be a function returning the token', 'invalid_option');
    }
    if (options.baseUrl !== undefined && typeof options.baseUrl !== 'string') {
      throw new RosterguardError('rosterguard/sync: baseUrl must be a string', 'invalid_option');
    }
    const buildOptions = {};
    for (const k of ['locale', 'allowUnknown', 'urlPath']) if (options[k] !== undefined) buildOptions[k] = options[k];
    const signal = options.signal;
    if (records === null || records === undefined || (typeof records[Symbol.iterator] !== 'function' && typeof records[Symbol.asyncIterator] !== 'function')) {
      throw new RosterguardError('rosterguard/sync: records must be an array, an iterable or an async iterable', 'invalid_argument');
    }

    const tokenPointer = meta.tokenPointer;
    const tokenPrefix = meta.tokenPrefix ?? '';
    const secrets = new Set();
    // The token: fetched once now, again when a reply says it expired.
    let token;
    let tokenGen = 0;
    let refreshing;
    const fetchToken = async () => {
      let t;
      try {
        t = await getToken();
      } catch (e) {
        const msg = e && e.message ? e.message : String(e);
        throw new RosterguardError(`rosterguard/sync: getToken failed: ${scrubText(msg, secrets)}`, 'invalid_argument');
      }
      if (typeof t !== 'string' || t === '') throw new RosterguardError('rosterguard/sync: getToken must return a non-empty string', 'invalid_argument');
      const bare = tokenPrefix && t.startsWith(tokenPrefix) ? t.slice(tokenPrefix.length) : t;
      secrets.add(bare);
      secrets.add(t);
      return tokenPrefix && !t.startsWith(tokenPrefix) ? tokenPrefix + t : t;
    };
    if (getToken) token = await fetchToken();
    /** A new token unless one newer than generation `gen` is there already (one refresh for many expired replies). */
    const refresh = (gen) => {
      if (gen < tokenGen) return Promise.resolve();
      if (!refreshing) {
        refreshing = fetchToken().then(
          (t) => {
            token = t;
            tokenGen++;
            refreshing = undefined;
          },
          (e) => {
            refreshing = undefined;
            throw e;
          },
        );
      }
      return refreshing;
    };

    const journal = options.journal === undefined ? undefined : openJournal(options.journal);
    function openJournal(path) {
      if (typeof path !== 'string' || path === '') throw new RosterguardError('rosterguard/sync: journal must be a file path', 'invalid_option');
      if (!host.journal) throw new RosterguardError('rosterguard/sync: the journal option needs Node (a file system)', 'invalid_option');
      return host.journal(path);
    }
    /** What identifies a record across runs: its content without the token. */
    const digestOf = (record) => {
      let text;
      try {
        text = JSON.stringify(getAt(record, tokenPointer) === undefined ? record : setAt(record, tokenPointer, null));
      } catch {
        text = undefined;
      }
      return host.digest(text === undefined ? String(record) : text);
    };

    const stop = new AbortController(); // ends in-flight requests when the consumer leaves early
    const inflight = new Set(); // one AbortController per request on the wire
    const stopped = () => stop.signal.aborted || (signal ? signal.aborted : false);
    const limiter = createLimiter(rate);
    const sleepers = new Set();
    const onAbort = () => {
      limiter.wake();
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

    const withToken = (record) => {
      let input = record;
      if (options.baseUrl !== undefined && input !== null && typeof input === 'object') input = { ...input, baseUrl: options.baseUrl };
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
        const headers = res.headers;
        const after = headers && typeof headers.get === 'function' ? retryAfterMs(headers.get('retry-after')) : undefined;
        return { reply: replyOutcome(api, endpointId, res.status, text), retryAfter: after };
      } catch (e) {
        if (ctl.signal.aborted && !stop.signal.aborted) return { reply: networkReply(`no reply within ${timeoutMs} ms`) };
        const cause = e && e.cause ? e.cause : e;
        const what = (cause && (cause.code || cause.message)) || String(e);
        return { reply: networkReply(scrubText(`network error: ${what}`, recordSecrets)) };
      } finally {
        clearTimeout(timer);
        inflight.delete(ctl);
      }
    }

    /** Sends one valid record until it is final; undefined when stopped before it finished. */
    async function run(index, record, first, ownToken) {
      const recordSecrets = ownToken ? new Set([...secrets, ownToken]) : secrets;
      let attempts = 0;
      let request = first.request;
      let gen = tokenGen;
      let reply;
      for (;;) {
        if (request === undefined) {
          gen = tokenGen;
          const b = build(withToken(record));
          if (!b.request) return { index, status: 'invalid', attempts, report: b.report }; // cannot happen: same record
          request = b.request;
        }
        const release = await limiter.acquire(stopped);
        if (!release) return undefined;
        attempts++;
        let r;
        try {
          r = await send(request, recordSecrets);
        } finally {
          release();
        }
        if (stop.signal.aborted) return undefined;
        reply = r.reply;
        request = undefined;
        if (reply.ok) return { index, status: 'sent', attempts, reply: scrubReply(reply, recordSecrets) };
        if (attempts >= maxAttempts) break;
        if (reply.tokenExpired) {
          if (!getToken) break;
          try {
            await refresh(gen);
          } catch (e) {
            reply = { ...networkReply(e.message), retryable: false };
            break;
          }
          continue;
        }
        if (!reply.retryable) break;
        const exp = Math.min(MAX_BACKOFF_MS, backoffMs * 2 ** (attempts - 1));
        const jittered = exp / 2 + Math.random() * (exp / 2);
        const wait = r.retryAfter === undefined ? jittered : r.retryAfter + Math.random() * backoffMs;
        if (!(await sleep(wait))) return undefined;
      }
      return { index, status: 'failed', attempts, reply: scrubReply(reply, recordSecrets) };
    }

    const iterator =
      typeof records[Symbol.asyncIterator] === 'function' ? records[Symbol.asyncIterator]() : records[Symbol.iterator]();
    const ready = []; // finished outcomes not yet yielded
    const active = new Set();
    let notify;
    let wakeup = new Promise((r) => (notify = r));
    let failure; // a journal write that failed, rethrown by the loop
    const finish = (outcome, keys, digest) => {
      if (outcome === undefined) return;
      if (journal && outcome.status !== 'skipped') {
        try {
          journal.append({ ...outcome, keys, digest });
        } catch (e) {
          failure = failure ?? e;
        }
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
          const digest = journal ? digestOf(record) : undefined;
          const keys = recordKeys(record, meta.recordKey);
          if (journal && journal.sent.has(i)) {
            const was = journal.sent.get(i);
            if (was !== undefined && was !== digest) {
              throw new RosterguardError(
                `rosterguard/sync: record ${i} differs from the one the journal lists as sent (a different input file?)`,
                'invalid_argument',
              );
            }
            finish({ index: i, status: 'skipped', attempts: 0 });
            continue;
          }
          const first = build(withToken(record));
          if (first.report) {
            finish({ index: i, status: 'invalid', attempts: 0, report: first.report }, keys, digest);
            continue;
          }
          const task = run(i, record, first, typeof ownToken === 'string' ? ownToken : undefined).then(
            (outcome) => finish(outcome, keys, digest),
            (e) => finish({ index: i, status: 'failed', attempts: 0, reply: { ...networkReply(scrubText(String(e && e.message), secrets)), retryable: false } }, keys, digest),
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
      if (journal) journal.close();
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
