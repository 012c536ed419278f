// Types of `rosterguard/mock` (Node only): a fake vendor on 127.0.0.1.
import type { EndpointId } from './index.js';

/** Faults the mock injects. */
export type MockFaultKind = '5xx' | '429' | 'throttled' | 'busy' | 'tokenExpired' | 'slow' | 'reset' | 'lost' | 'late';

export interface MockFaults {
  /** Share of requests that get a fault, 0..1 (default 0). */
  rate?: number;
  /** Which faults, picked evenly (default: all but 'lost' and 'late', which apply the request and then drop its reply or send it after slowMs). */
  kinds?: MockFaultKind[];
  /** Seed of the fault pattern (default: random). */
  seed?: number;
  /** Retry-After of the 429 fault, seconds (default 1). */
  retryAfterSeconds?: number;
  /** Delay of the `slow` fault, ms (default 35000, past sync's default timeout), after which it answers 504 without applying the update; also the delay of the `late` fault's reply. */
  slowMs?: number;
}

export interface MockOptions {
  endpoint: EndpointId;
  faults?: MockFaults;
  /** 0 (default): a free port. */
  port?: number;
  /** Only '127.0.0.1'. */
  host?: '127.0.0.1';
  /** Requests accepted in any 1 s window; more get the vendor's throttle reply (default: the documented limit). */
  ratePerSecond?: number;
  /** After every N successful updates, every token seen so far expires. */
  tokenExpiresEvery?: number;
  /** Tokens for which this returns false get the vendor's expired-token reply. */
  acceptToken?: (token: string) => boolean;
  /** The mock closes itself after this long, ms (default 600000). */
  lifetimeMs?: number;
  /** The path the mock serves, as buildRequest's urlPath option. */
  urlPath?: string;
  /** Record keys of the users that exist at the start (what a delete finds and a create conflicts with). */
  users?: string[];
}

export interface MockStats {
  /** Every request received. */
  requests: number;
  /** Requests applied (updates, creates and deletes). */
  updates: number;
  /** Creates applied (endpoints() operation "create"). */
  created: number;
  /** Deletes applied (operation "delete"). */
  deleted: number;
  /** Requests refused by a finer per-field limit (endpoints() fieldRates). */
  fieldThrottled: number;
  /** Each finer limit: requests carrying its fields, and the shortest gap between two of them, ms. */
  fieldRates: { pointers: string[]; perSecond: number; requests: number; minGapMs: number }[];
  /** The users that exist now (record keys). */
  users: string[];
  /** Requests over the rate limit (answered with the vendor's throttle reply). */
  throttled: number;
  /** Requests that failed validation. */
  invalid: number;
  /** Expired-token replies (injected or real). */
  tokenRejected: number;
  /** Injected faults by kind. */
  faults: Record<MockFaultKind, number>;
  /** The most requests received in any 1 s window. */
  maxInAnySecond: number;
  /** Per record key (endpoints() recordKey): requests received, successful updates, and when the last one was applied (performance.timeOrigin + performance.now(), ms). */
  keys: Record<string, { requests: number; updates: number; creates: number; deletes: number; lastUpdateAt: number }>;
}

export interface MockVendor {
  /** http://127.0.0.1:PORT, to use as baseUrl. */
  readonly url: string;
  readonly port: number;
  stats(): MockStats;
  /** Every token seen so far expires now. */
  expireTokens(): void;
  /** Stops the server and drops its connections. */
  close(): Promise<void>;
}

export declare function startMockVendor(options: MockOptions): Promise<MockVendor>;
export default startMockVendor;
