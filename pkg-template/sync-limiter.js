// The pacing units of rosterguard/sync: the rate limiter and how long a
// throttled reply asks us to wait.

/** The window of ratePerSecond, ms. */
export const RATE_WINDOW_MS = 1000;
const MAX_RETRY_AFTER_MS = 600000;

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
 * How long a reply asks to wait before the next request, ms, or undefined:
 * Retry-After, or the endpoint's own reset header (seconds; Feishu's
 * x-ogw-ratelimit-reset, declared in the vendor file), whichever is longer.
 */
export function replyWaitMs(headers, resetHeader) {
  if (!headers || typeof headers.get !== 'function') return undefined;
  const a = retryAfterMs(headers.get('retry-after'));
  const raw = resetHeader ? headers.get(resetHeader) : null;
  const b = raw !== null && raw !== undefined && /^\s*\d+\s*$/.test(String(raw)) ? retryAfterMs(String(raw).trim()) : undefined;
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
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
export function createLimiter(rate, windowMs = RATE_WINDOW_MS, now = () => performance.now()) {
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
      const t = now();
      const wait = stamps[head] + window - t;
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
        stamps[slot] = now();
        wake();
      });
    }
  };
  const wake = () => {
    if (timer !== undefined) clearTimeout(timer);
    pump();
  };
  return {
    acquire(stopped = () => false) {
      return new Promise((resolve) => {
        waiters.push({ resolve, stopped });
        if (timer === undefined) pump();
      });
    },
    /** Re-checks the waiters now (after a stop). */
    wake,
  };
}

/**
 * The endpoint's finer limits (endpoints()[i].fieldRates): one limiter per
 * rule. limitersFor(input) lists those whose fields the input carries.
 */
export function createFieldLimiters(fieldRates, carries) {
  const rules = (fieldRates || []).map((r) => ({ pointers: r.pointers, limiter: createLimiter(r.perSecond) }));
  return {
    limitersFor(input) {
      return rules.filter((r) => r.pointers.some((p) => carries(input, p))).map((r) => r.limiter);
    },
    wake() {
      for (const r of rules) r.limiter.wake();
    },
  };
}
