// Shared by the sync, mock and CLI tests: records for the endpoints and small helpers.
import { readFileSync } from 'node:fs';

export const DINGTALK = 'dingtalk.updateEmployeeRoster';

/** A valid DingTalk roster update for user `u<i>` (no token: the runner writes it). */
export function dingtalk(i, { token, date = '2020-02-02' } = {}) {
  const input = {
    body: {
      agentid: 123456,
      param: {
        userid: `u${i}`,
        groups: [
          {
            group_id: 'sys00',
            sections: [
              {
                old_index: 0,
                section: [
                  { field_code: 'sys00-name', value: `员工${i}` },
                  { field_code: 'sys00-confirmJoinTime', value: date },
                ],
              },
            ],
          },
        ],
      },
    },
  };
  if (token !== undefined) input.query = { access_token: token };
  return input;
}

/** An invalid one (a date that does not exist): never to be sent. */
export const badDingtalk = (i, opts) => dingtalk(i, { ...opts, date: '2020-02-30' });

/** Collects every outcome of an async iterable. */
export async function collect(it) {
  const out = [];
  for await (const o of it) out.push(o);
  return out;
}

/** Status -> count (sent, invalid, failed, skipped always; unchanged and planned when any). */
export function countBy(outcomes) {
  const c = { sent: 0, invalid: 0, failed: 0, skipped: 0 };
  for (const o of outcomes) c[o.status] = (c[o.status] ?? 0) + 1;
  return c;
}

/** The journal's entries (lines cut short are left out, as the runner does). */
export function readJournal(path) {
  const out = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      // cut short by a kill
    }
  }
  return out;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** fetch for 127.0.0.1 only: a test that forgot its baseUrl fails instead of reaching a vendor. */
export function localFetch(url, init) {
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1') return Promise.reject(new Error(`test fetch refused: ${host} is not 127.0.0.1`));
  return globalThis.fetch(url, init);
}
