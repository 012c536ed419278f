// The string syntaxes rosterguard checks for fxiaoke.updateMember and
// ekuaibao.updateStaff, written once in plain JS for the three peers
// (ajv, zod, valibot), as a JS team would write them next to its schema.
// Each follows the Rust check it names, so that every peer accepts and
// rejects what rosterguard does on the bench payloads and their variants.

// src/leaf/checks.rs check_email: dot-atom local part (≤ 64 bytes), a domain
// of ≥ 2 labels (letters, digits, hyphens, non-ASCII letters), ≤ 254 bytes.
const ATEXT = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+$/;
const LABEL = /^[\p{Alphabetic}\p{N}-]+$/u;
const utf8Length = (s) => Buffer.byteLength(s);
export function isEmail(s) {
  if (s.length > 254 || utf8Length(s) > 254) return false;
  const at = s.lastIndexOf('@');
  if (at < 0) return false;
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  if (local === '' || local.length > 64) return false;
  for (const atom of local.split('.')) if (atom === '' || !ATEXT.test(atom)) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  for (const l of labels) {
    if (l === '' || utf8Length(l) > 63 || l[0] === '-' || l[l.length - 1] === '-' || !LABEL.test(l)) return false;
    // ASCII must be letters, digits or '-'; non-ASCII letters and digits pass LABEL.
    for (const c of l) if (c < '\u0080' && !/[A-Za-z0-9-]/.test(c)) return false;
  }
  const tld = labels[labels.length - 1];
  return [...tld].length >= 2 && !/^[0-9]+$/.test(tld);
}

// src/leaf/checks.rs is_epoch_millis || is_iso_date. The date half is
// ajv-formats' "date" (full mode: a real calendar date), passed in by ajv;
// zod and valibot use the same check written out here.
const MILLIS = /^-?[0-9]{1,15}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export function isIsoDate(s) {
  const m = DATE.exec(s);
  if (!m) return false;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return y >= 1 && days !== undefined && d >= 1 && d <= days;
}
export const isMillisOrDate = (s, isDate = isIsoDate) => MILLIS.test(s) || isDate(s);

// src/vendors/ekuaibao.rs check_cellphone: mainland 1 + 10 digits, or
// "(area)number"; spellings it rewrites (+852 1234 5678, spaces, hyphens,
// U+3000) are accepted too.
const MAINLAND = /^1[0-9]{10}$/;
const FOREIGN = /^\([0-9]{1,4}\)[0-9]{1,15}$/;
const isSep = (c) => c === ' ' || c === '-' || c === '\u3000';
export function isCellphone(s) {
  if (MAINLAND.test(s) || FOREIGN.test(s)) return true;
  let a = 0;
  let b = s.length;
  while (a < b && isSep(s[a])) a++;
  while (b > a && isSep(s[b - 1])) b--;
  const trimmed = s.slice(a, b);
  let candidate;
  if (trimmed[0] === '+') {
    const rest = trimmed.slice(1);
    let end = -1;
    for (let i = 0; i < rest.length; i++) {
      if (isSep(rest[i]) || rest[i] === '(') {
        end = i;
        break;
      }
    }
    if (end < 0) return false;
    const cc = rest.slice(0, end);
    const number = [...rest.slice(end)].filter((c) => !isSep(c) && c !== '(' && c !== ')').join('');
    if (cc === '' || cc.length > 3 || !/^[0-9]+$/.test(cc)) return false;
    candidate = cc === '86' ? number : `(${cc})${number}`;
  } else {
    candidate = [...trimmed].filter((c) => !isSep(c)).join('');
  }
  return MAINLAND.test(candidate) || FOREIGN.test(candidate);
}

// src/vendors/ekuaibao.rs check_base: a list of {key, label}, both
// required non-empty strings, no other keys.
export function isCityList(items) {
  if (!Array.isArray(items)) return false;
  for (const it of items) {
    if (it === null || typeof it !== 'object' || Array.isArray(it)) return false;
    for (const k in it) if (k !== 'key' && k !== 'label') return false;
    if (typeof it.key !== 'string' || it.key === '' || typeof it.label !== 'string' || it.label === '') return false;
  }
  return true;
}
// The text form: JSON text of such a list.
export function isCityListText(s) {
  let v;
  try {
    v = JSON.parse(s);
  } catch {
    return false;
  }
  return isCityList(v);
}

// src/leaf/url.rs (the baseUrl option): https with a host, or http to a
// loopback host; optional port and path; no user info, query or fragment.
// Not on any bench payload; kept so that the rule set is complete.
export function isBaseUrl(s) {
  const m = /^(https?):\/\/([^/?#@\s]+)(\/[^?#\s]*)?$/i.exec(s);
  if (!m) return false;
  const hp = /^(\[[0-9A-Fa-f:.]+\]|[^:]+)(?::([0-9]{1,5}))?$/.exec(m[2]);
  if (!hp || (hp[2] !== undefined && +hp[2] > 65535)) return false;
  const host = hp[1].toLowerCase();
  if (m[1].toLowerCase() === 'https') return host.startsWith('[') || /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host);
  return host === 'localhost' || host === '[::1]' || /^127(\.[0-9]{1,3}){3}$/.test(host);
}

/** The largest integer rosterguard takes (2^53 − 1: above it a JS number is not exact). */
export const MAX_SAFE = Number.MAX_SAFE_INTEGER;
