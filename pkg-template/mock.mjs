// rosterguard/mock (Node only): a fake vendor on 127.0.0.1 for tests and
// dry runs. Each request is read back into the input envelope ({path, query,
// headers?, body}) and checked with the package's own validate; the reply is
// the vendor's own shape (endpoints() `mockReplies`). It enforces a rate
// limit with the vendor's throttle reply (and the endpoint's finer per-field
// limits), keeps the users a create or delete changes, and injects faults at
// a given rate. No vendor fact lives here: paths, path marker, token field,
// record key, operation, idempotency key, limits and replies come from
// endpoints() / jsonSchema().
import { createServer } from 'node:http';
import * as api from './node.mjs';
import { carries, getAt, recordKeys } from './pointer.js';
import { endpointMeta } from './sync-core.js';

const FAULT_KINDS = ['5xx', '429', 'throttled', 'busy', 'tokenExpired', 'slow', 'reset', 'lost', 'late'];
// 'lost' and 'late' apply the request, then drop its reply or send it after
// slowMs: only when asked for, as they make a retried update apply twice.
const DEFAULT_KINDS = FAULT_KINDS.filter((k) => k !== 'lost' && k !== 'late');

/** A small seeded PRNG (mulberry32), so that a fault pattern can be replayed. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const misuse = (msg) => new api.RosterguardError(`rosterguard/mock: ${msg}`, 'invalid_option');

/** "/a/{x}/b" -> [{literal: "a"}, {param: "x"}, {literal: "b"}] */
function templateSegments(path) {
  return path
    .split('/')
    .slice(1)
    .map((s) => {
      const m = /^\{([^}]+)\}$/.exec(s);
      return m ? { param: m[1] } : { literal: s };
    });
}

/**
 * Starts the fake vendor. Resolves to {url, port, stats(), close(), expireTokens()}.
 * See mock.d.ts for the options.
 */
export async function startMockVendor(options = {}) {
  if (options === null || typeof options !== 'object') throw misuse('options must be an object');
  const known = new Set(['endpoint', 'faults', 'port', 'host', 'ratePerSecond', 'tokenExpiresEvery', 'acceptToken', 'lifetimeMs', 'urlPath', 'users']);
  for (const k of Object.keys(options)) if (!known.has(k)) throw misuse(`unknown option ${JSON.stringify(k)}`);
  const endpointId = options.endpoint;
  const meta = endpointMeta(api, endpointId);
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw misuse('the mock listens on 127.0.0.1 only');
  const rate = options.ratePerSecond ?? meta.ratePerSecond;
  if (!(typeof rate === 'number' && rate > 0)) throw misuse('ratePerSecond must be a positive number');
  const faults = options.faults ?? {};
  const faultRate = faults.rate ?? 0;
  if (!(typeof faultRate === 'number' && faultRate >= 0 && faultRate <= 1)) throw misuse('faults.rate must be in [0, 1]');
  const kinds = faults.kinds ?? DEFAULT_KINDS;
  for (const k of kinds) if (!FAULT_KINDS.includes(k)) throw misuse(`unknown fault kind ${JSON.stringify(k)} (known: ${FAULT_KINDS.join(', ')})`);
  if (faultRate > 0 && kinds.length === 0) throw misuse('faults.kinds is empty');
  const retryAfterSeconds = faults.retryAfterSeconds ?? 1;
  const slowMs = faults.slowMs ?? 35000;
  const random = prng(faults.seed ?? (Math.random() * 2 ** 32) >>> 0);
  const tokenExpiresEvery = options.tokenExpiresEvery;
  const acceptToken = options.acceptToken;
  const lifetimeMs = options.lifetimeMs ?? 600000;
  const replies = meta.mockReplies;
  const tokenPrefix = meta.tokenPrefix ?? '';
  const operation = meta.operation ?? 'update';
  const idempotencyKey = meta.idempotencyKey ?? null;
  const resetHeader = meta.rateResetHeader ?? null;
  const fieldRates = (meta.fieldRates ?? []).map((r) => ({ ...r, last: -Infinity, minGapMs: Infinity, requests: 0 }));
  // The users that exist (record keys): what a create adds and a delete removes.
  if (options.users !== undefined && !Array.isArray(options.users)) throw misuse('users must be an array of record keys');
  const users = new Set((options.users ?? []).map(String));
  const idempotent = new Set(); // idempotency keys of creates applied

  const method = meta.method;
  const template = templateSegments(options.urlPath ?? meta.path);
  const schema = api.jsonSchema(endpointId);
  const sections = schema && schema.properties ? schema.properties : {};
  const headerNames = sections.headers && sections.headers.properties ? Object.keys(sections.headers.properties) : [];
  // What the URL carries before each path parameter (Ekuaibao's literal `$`), from endpoints().
  const pathMarker = meta.pathMarker ?? '';
  // A request the vendor documents without a body (WeCom deleteUser) has none to read.
  const hasBody = Boolean(sections.body);
  // A property's JSON Schema type; an optional field that accepts null is `anyOf: [{type}, {type: 'null'}]`.
  const typeOf = (p) => p?.type ?? p?.anyOf?.map((a) => a.type).find((t) => t && t !== 'null');
  const propertyTypes = (section) =>
    new Map(Object.entries(sections[section]?.properties ?? {}).map(([k, v]) => [k, typeOf(v)]));
  // Ekuaibao's staffIds: an array written [id1,id2] in one segment; query booleans as true/false.
  const pathKinds = propertyTypes('path');
  const queryKinds = propertyTypes('query');

  const stats = {
    requests: 0,
    updates: 0,
    created: 0,
    deleted: 0,
    throttled: 0,
    fieldThrottled: 0,
    invalid: 0,
    tokenRejected: 0,
    faults: Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])),
    maxInAnySecond: 0,
    keys: new Map(),
  };
  const arrivals = []; // arrival times within the last second
  let arrivalsHead = 0;
  const expired = new Set();
  const seenTokens = new Set();
  const timers = new Set();

  const keyStats = (k) => {
    let s = stats.keys.get(k);
    if (!s) stats.keys.set(k, (s = { requests: 0, updates: 0, creates: 0, deletes: 0, lastUpdateAt: 0 }));
    return s;
  };
  const send = (res, reply, message, headers = {}) => {
    let body = reply.body;
    if (message !== undefined) body = body.split('{{message}}').join(JSON.stringify(message).slice(1, -1));
    res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
    res.end(body);
  };
  const plain = (res, status, text, headers = {}) => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
    res.end(text);
  };

  /** The request read back into the input envelope, or a reason why not. */
  function envelope(url, headers, bodyText) {
    const segs = url.pathname.split('/').slice(1);
    if (segs.length !== template.length) return { notFound: true };
    const path = {};
    for (let i = 0; i < segs.length; i++) {
      const t = template[i];
      if (t.literal !== undefined) {
        if (segs[i] !== t.literal) return { notFound: true };
      } else {
        path[t.param] = segs[i];
      }
    }
    const query = {};
    for (const [k, v] of url.searchParams) {
      query[k] = queryKinds.get(k) === 'boolean' && (v === 'true' || v === 'false') ? v === 'true' : v;
    }
    let body;
    if (hasBody) {
      try {
        body = JSON.parse(bodyText);
      } catch {
        return { badBody: true };
      }
    }
    const input = {};
    if (Object.keys(path).length) input.path = path;
    if (Object.keys(query).length) input.query = query;
    if (headerNames.length) {
      const h = {};
      for (const name of headerNames) {
        const v = headers[name.toLowerCase()];
        if (v !== undefined) h[name] = v;
      }
      if (Object.keys(h).length) input.headers = h;
    }
    if (hasBody) input.body = body;
    // Path parameters: strip the marker the builder writes before the value, then decode.
    for (const name of Object.keys(path)) {
      let seg = path[name];
      if (seg.startsWith(pathMarker)) seg = seg.slice(pathMarker.length);
      if (pathKinds.get(name) === 'array' && seg.startsWith('[') && seg.endsWith(']')) {
        path[name] = seg.slice(1, -1).split(',').map((x) => {
          try {
            return decodeURIComponent(x);
          } catch {
            return x;
          }
        });
        continue;
      }
      try {
        path[name] = decodeURIComponent(seg);
      } catch {
        path[name] = seg;
      }
    }
    return { input };
  }
  function arrive() {
    const now = performance.now();
    arrivals.push(now);
    while (arrivalsHead < arrivals.length && now - arrivals[arrivalsHead] >= 1000) arrivalsHead++;
    if (arrivalsHead > 4096) {
      arrivals.splice(0, arrivalsHead);
      arrivalsHead = 0;
    }
    const inWindow = arrivals.length - arrivalsHead;
    if (inWindow > stats.maxInAnySecond) stats.maxInAnySecond = inWindow;
    return inWindow;
  }

  function handle(req, res, bodyText, inWindow) {
    let url;
    try {
      url = new URL(req.url, 'http://127.0.0.1');
    } catch {
      return plain(res, 400, 'bad request line');
    }
    if (req.method !== method) return plain(res, 405, `method ${req.method} not allowed`, { Allow: method });
    const env = envelope(url, req.headers, bodyText);
    if (env.notFound) return plain(res, 404, 'not found');
    if (env.badBody) {
      stats.invalid++;
      return send(res, replies.invalid, 'the body is not JSON');
    }
    const input = env.input;
    const keys = recordKeys(input, meta.recordKey);
    for (const k of keys) keyStats(k).requests++;
    const throttledHeaders = resetHeader ? { [resetHeader]: String(retryAfterSeconds) } : {};
    if (inWindow > rate) {
      stats.throttled++;
      return send(res, replies.throttled, undefined, throttledHeaders);
    }
    // The finer limits: a request carrying a limited field within 1/perSecond
    // of the previous such request is throttled, as the vendor would.
    const now = performance.now();
    for (const f of fieldRates) {
      if (!f.pointers.some((p) => carries(input, p))) continue;
      f.requests++;
      const gap = now - f.last;
      if (gap < f.minGapMs) f.minGapMs = gap;
      f.last = now;
      if (gap < 1000 / f.perSecond) {
        stats.fieldThrottled++;
        return send(res, replies.throttled, undefined, throttledHeaders);
      }
    }
    if (faultRate > 0 && random() < faultRate) {
      const kind = kinds[Math.floor(random() * kinds.length)];
      stats.faults[kind]++;
      switch (kind) {
        case '5xx':
          return plain(res, random() < 0.5 ? 502 : 503, 'upstream unavailable');
        case '429':
          return plain(res, 429, 'too many requests', { 'Retry-After': String(retryAfterSeconds) });
        case 'throttled':
          return send(res, replies.throttled, undefined, throttledHeaders);
        case 'busy':
          return send(res, replies.busy);
        case 'tokenExpired':
          stats.tokenRejected++;
          return send(res, replies.tokenExpired);
        case 'reset':
          req.socket.destroy();
          return undefined;
        case 'slow': {
          // A gateway timeout after slowMs, the update not applied (whether a
          // client that gave up earlier would see it applied is a race the
          // mock does not play: see "Delivery" in the README).
          const t = setTimeout(() => {
            timers.delete(t);
            if (!res.destroyed) plain(res, 504, 'gateway timeout');
          }, slowMs);
          timers.add(t);
          return undefined;
        }
        case 'lost':
          // Applied, then the connection drops before the reply.
          answer(req, { destroyed: false, writeHead() {}, end() {} }, input, keys);
          req.socket.destroy();
          return undefined;
        case 'late': {
          // Applied now, the reply sent after slowMs (a client may have given up).
          const held = { status: 0, headers: {}, body: '', destroyed: false };
          answer(req, { ...held, writeHead: (st, h) => Object.assign(held, { status: st, headers: h }), end: (b) => (held.body = b) }, input, keys);
          const t = setTimeout(() => {
            timers.delete(t);
            if (!res.destroyed && held.status) {
              res.writeHead(held.status, held.headers);
              res.end(held.body);
            }
          }, slowMs);
          timers.add(t);
          return undefined;
        }
      }
    }
    return answer(req, res, input, keys);
  }

  function answer(req, res, input, keys) {
    // A client that hung up before its request was handled changes nothing.
    if (res.destroyed || req.socket.destroyed) return undefined;
    let token = getAt(input, meta.tokenPointer);
    if (typeof token === 'string' && tokenPrefix && token.startsWith(tokenPrefix)) token = token.slice(tokenPrefix.length);
    if (typeof token === 'string' && token !== '') {
      if (expired.has(token) || (acceptToken && !acceptToken(token))) {
        stats.tokenRejected++;
        return send(res, replies.tokenExpired);
      }
      seenTokens.add(token);
    }
    const report = api.validate(endpointId, input, options.urlPath ? { urlPath: options.urlPath } : undefined);
    if (!report.ok) {
      stats.invalid++;
      const e = report.errors[0];
      return send(res, replies.invalid, `${e.path}: ${e.message}`);
    }
    if (operation === 'create') {
      const token = idempotencyKey === null ? undefined : getAt(input, idempotencyKey);
      if (token !== undefined && idempotent.has(String(token))) return send(res, replies.ok); // the same create again: its result
      if (keys.some((k) => users.has(k))) return send(res, replies.exists ?? replies.invalid, 'exists');
      if (token !== undefined) idempotent.add(String(token));
      for (const k of keys) {
        users.add(k);
        keyStats(k).creates++;
      }
      stats.created++;
    } else if (operation === 'delete') {
      if (!keys.every((k) => users.has(k))) return send(res, replies.notFound ?? replies.invalid, 'not found');
      for (const k of keys) {
        users.delete(k);
        keyStats(k).deletes++;
      }
      stats.deleted++;
    }
    stats.updates++;
    const at = performance.timeOrigin + performance.now();
    for (const k of keys) {
      const ks = keyStats(k);
      ks.updates++;
      ks.lastUpdateAt = at;
    }
    if (tokenExpiresEvery && stats.updates % tokenExpiresEvery === 0) expireTokens();
    return send(res, replies.ok);
  }

  /** Every token seen so far stops working (the next request with one gets the expired-token reply). */
  function expireTokens() {
    for (const t of seenTokens) expired.add(t);
    seenTokens.clear();
  }

  const sockets = new Set();
  const server = createServer((req, res) => {
    stats.requests++;
    const inWindow = arrive();
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > 1 << 20) {
        req.socket.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      try {
        handle(req, res, Buffer.concat(chunks).toString('utf8'), inWindow);
      } catch (e) {
        if (!res.headersSent) plain(res, 500, `mock error: ${e && e.message}`);
      }
    });
    req.on('error', () => {});
  });
  server.keepAliveTimeout = 5000;
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (_e, s) => s.destroy());

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = server.address().port;
  let closing;
  const close = () => {
    if (!closing) {
      clearTimeout(lifetime);
      for (const t of timers) clearTimeout(t);
      timers.clear();
      closing = new Promise((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
    }
    return closing;
  };
  // Stops by itself after lifetimeMs even if nobody calls close().
  const lifetime = setTimeout(close, lifetimeMs);
  lifetime.unref();

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats: () => ({
      ...stats,
      faults: { ...stats.faults },
      keys: Object.fromEntries([...stats.keys].map(([k, v]) => [k, { ...v }])),
      users: [...users],
      fieldRates: fieldRates.map((f) => ({ pointers: f.pointers, perSecond: f.perSecond, requests: f.requests, minGapMs: f.minGapMs })),
    }),
    expireTokens,
    close,
  };
}

export default startMockVendor;
