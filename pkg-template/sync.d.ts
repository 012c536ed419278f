// Types of `rosterguard/sync` (Node and browsers; the journal needs Node).
import type { EndpointId, Locale, ReplyOutcome, Report } from './index.js';

/** A record: the same envelope as buildRequest's input ({baseUrl?, path?, query?, headers?, body}). */
export type SyncRecord = unknown;

/** What `fetch` the runner calls: globalThis.fetch or a stand-in with the same shape. */
export type SyncFetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignalLike },
) => Promise<{ status: number; text(): Promise<string>; headers?: { get(name: string): string | null } }>;

/** The part of AbortSignal the runner reads (typed loosely: no DOM or Node types needed). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Options of `sync` (all optional). Written by `make pkg` from the options table (sync-options.js). */
export interface SyncOptions {
  // SYNC_OPTIONS
}

/** A parseResponse outcome; `tokenExpired` is always set here. */
export interface SyncReply extends ReplyOutcome {
  tokenExpired: boolean;
}

/**
 * One record's final outcome. `index` is its position in the input.
 * - sent: the vendor accepted it. `appliedEarlier: true` when an earlier
 *   attempt of a create (or delete) got no reply and the vendor now says the
 *   record exists (or is gone): that attempt applied it; `reply` is that
 *   last reply.
 * - unchanged: the state remembers the same request as accepted; not sent.
 * - planned: a dry run would send it.
 * - invalid: not sent; `report` says why.
 * - failed: `reply` says why; `reply.reason` is "quota" or "permission" when
 *   the app is out of quota or not allowed, rather than the record at fault.
 * - skipped: the journal lists it as sent.
 */
export type SyncOutcome =
  | { index: number; status: 'sent'; attempts: number; reply: SyncReply; appliedEarlier?: true; report?: undefined }
  | { index: number; status: 'invalid'; attempts: 0; report: Report; reply?: undefined }
  | { index: number; status: 'failed'; attempts: number; reply: SyncReply; report?: undefined }
  | { index: number; status: 'unchanged' | 'planned' | 'skipped'; attempts: 0; report?: undefined; reply?: undefined };

/** Sends every record; yields exactly one final outcome per record (not necessarily in input order). */
export declare function sync(
  endpointId: EndpointId,
  records: Iterable<SyncRecord> | AsyncIterable<SyncRecord>,
  options?: SyncOptions,
): AsyncGenerator<SyncOutcome, void, undefined>;

export default sync;
