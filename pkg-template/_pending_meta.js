// TEMPORARY SHIM (issue 13) — DELETE THIS FILE when the Rust side ships, in
// endpoints() entries, `ratePerSecond`, `tokenPointer`, `tokenPrefix`,
// `recordKey`, `mockReplies`, and, in parseResponse outcomes, `tokenExpired`.
//
// It is the only JS file with vendor facts in it. sync-core.js calls its two
// functions in exactly two places (endpointMeta and replyOutcome); after the
// merge, drop the import there and use the endpoints() entry and the
// parseResponse outcome as they are.
//
// withPendingMeta(info): fills each of the five fields an endpoints() entry
//   lacks (field by field; a field the entry has always wins).
// withPendingOutcome(id, outcome): only when the outcome has no
//   `tokenExpired` field: sets it (true for the vendor codes listed under
//   `tokenExpiredCodes`, false otherwise: the brief's fallback) and sets
//   `retryable` for the throttle / busy codes that today's Rust decoder does
//   not retry yet (`retryableCodes`; DingTalk 90018, 90002 and -1 per
//   vendor-notes "Corrections": the mock's throttled / busy replies use them).
//
// Placeholders (not documented anywhere we have): Ekuaibao's rate (10/s), its
// expired-token reply (401) and throttle reply (429); the "invalid" codes
// (DingTalk 40035, Fxiaoke 11001).

const DINGTALK = {
  ratePerSecond: 20,
  tokenPointer: '/query/access_token',
  tokenPrefix: '',
  recordKey: '/body/param/userid',
  mockReplies: {
    ok: { status: 200, body: '{"errcode":0,"errmsg":"ok","result":true,"success":true,"request_id":"mock-ok"}' },
    invalid: { status: 200, body: '{"errcode":40035,"errmsg":"{{message}}","request_id":"mock-invalid"}' },
    throttled: { status: 200, body: '{"errcode":90018,"errmsg":"当前应用调用该接口超过每秒调用上限","request_id":"mock-throttled"}' },
    busy: { status: 200, body: '{"errcode":-1,"errmsg":"系统繁忙","request_id":"mock-busy"}' },
    tokenExpired: { status: 200, body: '{"errcode":42001,"errmsg":"access_token超时","request_id":"mock-expired"}' },
  },
  tokenExpiredCodes: ['40014', '42001'],
  retryableCodes: ['90018', '90002', '-1'],
};

const FXIAOKE_REPLIES = {
  ok: { status: 200, body: '{"errorCode":0,"errorMessage":"success"}' },
  invalid: { status: 200, body: '{"errorCode":11001,"errorMessage":"{{message}}"}' },
  throttled: { status: 200, body: '{"errorCode":30004,"errorMessage":"每秒调用次数超过限制"}' },
  busy: { status: 200, body: '{"errorCode":-1,"errorMessage":"系统繁忙"}' },
  tokenExpired: { status: 200, body: '{"errorCode":20016,"errorMessage":"corpAccessToken不存在或已经过期"}' },
};

const PENDING = {
  'dingtalk.updateEmployeeRoster': DINGTALK,
  'fxiaoke.updateMember': {
    ratePerSecond: 5, // 100 calls per 20 s per API
    tokenPointer: '/body/corpAccessToken',
    tokenPrefix: '',
    recordKey: '/body/user/openUserId',
    mockReplies: FXIAOKE_REPLIES,
    tokenExpiredCodes: ['20016'],
    retryableCodes: [],
  },
  'fxiaoke.setMemberStatusBatch': {
    ratePerSecond: 5,
    tokenPointer: '/body/corpAccessToken',
    tokenPrefix: '',
    recordKey: '/body/openUserIds',
    mockReplies: FXIAOKE_REPLIES,
    tokenExpiredCodes: ['20016'],
    retryableCodes: [],
  },
  'ekuaibao.updateStaff': {
    ratePerSecond: 10,
    tokenPointer: '/query/accessToken',
    tokenPrefix: '',
    recordKey: '/path/staffId',
    mockReplies: {
      ok: { status: 200, body: '{"value":{"id":"mock"}}' },
      invalid: { status: 400, body: '{"errorCode":400,"errorMessage":"{{message}}","errorDetails":null,"code":null,"data":null}' },
      throttled: { status: 429, body: '{"errorCode":429,"errorMessage":"请求过于频繁","errorDetails":null,"code":null,"data":null}' },
      busy: { status: 503, body: '{"errorCode":503,"errorMessage":"服务繁忙","errorDetails":null,"code":null,"data":null}' },
      tokenExpired: { status: 401, body: '{"errorCode":401,"errorMessage":"accessToken已过期","errorDetails":null,"code":null,"data":null}' },
    },
    tokenExpiredCodes: ['401'],
    retryableCodes: [],
  },
};

const FIELDS = ['ratePerSecond', 'tokenPointer', 'tokenPrefix', 'recordKey', 'mockReplies'];

/** The endpoints() entry with the five sync fields filled where it lacks them. */
export function withPendingMeta(info) {
  const p = PENDING[info.id];
  if (!p) return info;
  const out = { ...info };
  for (const f of FIELDS) if (out[f] === undefined) out[f] = p[f];
  return out;
}

/** A parseResponse outcome with `tokenExpired` (and today's missing retryable codes) when it lacks the field. */
export function withPendingOutcome(endpointId, outcome) {
  if (outcome.tokenExpired !== undefined) return outcome;
  const p = PENDING[endpointId];
  const code = outcome.vendorCode;
  const tokenExpired = !outcome.ok && !!p && code !== null && p.tokenExpiredCodes.includes(code);
  const retryable = outcome.retryable || (!outcome.ok && !!p && code !== null && p.retryableCodes.includes(code));
  return { ...outcome, retryable: retryable && !tokenExpired, tokenExpired };
}
