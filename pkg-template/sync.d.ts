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

/** Options of `sync` (all optional). */
export interface SyncOptions {
  /** Default: globalThis.fetch. */
  fetch?: SyncFetch;
  /** Base URL applied to every record (replaces the record's own). */
  baseUrl?: string;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Requests started per second at most (default: the endpoint's documented limit, endpoints()[i].ratePerSecond; Infinity: no limit). */
  ratePerSecond?: number;
  /** HTTP attempts per record at most (default 5); only retryable replies, timeouts and network errors are retried. */
  maxAttempts?: number;
  /** Returns the token; called once at the start and again when a reply says the token expired. It replaces the token the records carry. */
  getToken?: () => string | Promise<string>;
  /** Node only: NDJSON file of final outcomes; records it lists as sent are yielded as skipped and not sent again. */
  journal?: string;
  /** Stops new requests; requests on the wire finish and their outcomes are yielded, then the iteration ends. */
  signal?: AbortSignalLike;
  /** Per request, ms (default 30000). */
  timeoutMs?: number;
  /** Base of the exponential backoff between attempts, ms (default 500; jittered, capped at 30 s; Retry-After wins). */
  backoffMs?: number;
  /** Passed to buildRequest: message language of `report`. */
  locale?: Locale;
  /** Passed to buildRequest. */
  allowUnknown?: boolean;
  /** Passed to buildRequest. */
  urlPath?: string;
}

/** A parseResponse outcome; `tokenExpired` is always set here. */
export interface SyncReply extends ReplyOutcome {
  tokenExpired: boolean;
}

/** One record's final outcome. `index` is its position in the input. */
export type SyncOutcome =
  | { index: number; status: 'sent'; attempts: number; reply: SyncReply; report?: undefined }
  | { index: number; status: 'invalid'; attempts: 0; report: Report; reply?: undefined }
  | { index: number; status: 'failed'; attempts: number; reply: SyncReply; report?: undefined }
  | { index: number; status: 'skipped'; attempts: 0; report?: undefined; reply?: undefined };

/** Sends every record; yields exactly one final outcome per record (not necessarily in input order). */
export declare function sync(
  endpointId: EndpointId,
  records: Iterable<SyncRecord> | AsyncIterable<SyncRecord>,
  options?: SyncOptions,
): AsyncGenerator<SyncOutcome, void, undefined>;

export default sync;
