// Type declarations of the rosterguard package. `EndpointId`, `InputFor`
// (endpoint id -> input type) and the per-endpoint input interfaces below
// the GENERATED marker come from the Rust field tables
// (`rosterguard::typescript_definitions()`), written in by `make pkg`.

/** Message language. */
export type Locale = 'en' | 'zh-CN';

/** Options of validate, buildRequest, validateField and schema. */
export interface Options {
  /** Language of messages: "en" (default) or "zh-CN". */
  locale?: Locale;
  /** Report undocumented fields as warnings and send them as given, instead of rejecting them. */
  allowUnknown?: boolean;
  /** Replaces the endpoint's documented request path (must start with "/"). */
  urlPath?: string;
}

/** One finding. */
export interface Issue {
  /** RFC 6901 JSON Pointer into the input ("" is the input itself). */
  path: string;
  code: ErrorCode | WarningCode;
  /** Human-readable, in the requested locale; never echoes a token. */
  message: string;
  /** Code-specific parameters (allowed, min, max, expected, actual, …). */
  params: Record<string, unknown>;
}

/** The result of validation: `ok` is true iff `errors` is empty. */
export interface Report {
  ok: boolean;
  errors: Issue[];
  warnings: Issue[];
}

/** A fetch-ready request: `fetch(req.url, req)`. */
export interface HttpRequest {
  method: HttpMethod;
  url: string;
  /** `Content-Type` (absent without a body) and the headers the endpoint documents (e.g. Feishu's `Authorization`). */
  headers: Record<string, string>;
  /** The JSON body as text; absent for a request the vendor documents without a body (WeCom deleteUser). */
  body?: string;
}

/** What a vendor reply means. */
export interface ReplyOutcome {
  ok: boolean;
  vendorCode: string | null;
  message: string | null;
  /** Whether retrying the same request later may succeed. */
  retryable: boolean;
  traceId: string | null;
  /** Whether the vendor says the token is invalid or expired: refresh it and send again. */
  tokenExpired: boolean;
  /** Why a failure is not the request's fault: a call quota used up, or the app lacks the permission (scope, IP allow-list). Never retryable. */
  reason: 'quota' | 'permission' | null;
  /** Whether the vendor says the record to create exists already. */
  alreadyExists: boolean;
  /** Whether the vendor says the record does not exist. */
  notFound: boolean;
}

/** A rate for the requests that carry any of `pointers` (present and not null), on top of the endpoint's own. */
export interface FieldRate {
  /** JSON Pointers into the input. */
  pointers: string[];
  /** Requests per second at most among those. */
  perSecond: number;
  /** Where the limit comes from. */
  source: string;
}

/** Summary of an endpoint. */
export interface EndpointInfo {
  id: EndpointId;
  vendor: VendorId;
  title: string;
  titleZh: string;
  method: HttpMethod;
  docUrl: string;
  deprecated: boolean;
  deprecation: string | null;
  deprecationZh: string | null;
  defaultBaseUrl: string;
  path: string;
  /** What the call does to its record. */
  operation: 'create' | 'update' | 'delete' | 'status';
  /** Literal text the URL carries before each path parameter (Ekuaibao updateStaff's `$`); "" for none. */
  pathMarker: string;
  /** JSON Pointer of the vendor's idempotency key (Feishu createUser: "/query/client_token"), or null. */
  idempotencyKey: string | null;
  /** The vendor's documented call rate for this API, per second. */
  ratePerSecond: number;
  /** JSON Pointer of the token field (the secret field a sync runner fills), e.g. "/query/access_token". */
  tokenPointer: string | null;
  /** What a token starts with in that field ("Bearer " for an Authorization header, else ""). */
  tokenPrefix: string;
  /** JSON Pointer of the value identifying the record updated (an array: each item is one record). */
  recordKey: string;
  /** Sample vendor replies for mock servers; in `invalid.body`, `{{message}}` marks where the message goes. */
  mockReplies: Record<'ok' | 'invalid' | 'throttled' | 'busy' | 'tokenExpired', { status: number; body: string }> &
    Record<'exists' | 'notFound', { status: number; body: string } | null>;
  /** Finer limits for requests carrying given fields (Feishu: department_ids or is_frozen at 1/s). */
  fieldRates: FieldRate[];
  /** A response header giving the seconds to wait after a throttled reply, besides Retry-After (Feishu: x-ogw-ratelimit-reset), or null. */
  rateResetHeader: string | null;
}

/** Why a RosterguardError was thrown. */
export type ErrorKind =
  | 'unknown_endpoint'
  | 'invalid'
  | 'invalid_pointer'
  | 'invalid_option'
  | 'invalid_argument'
  | 'not_initialized'
  | 'internal';

/** Thrown on misuse, and by buildRequest when the input has errors (kind "invalid", with `.report`). */
export declare class RosterguardError extends Error {
  constructor(message: string, kind: ErrorKind, report?: Report);
  readonly name: 'RosterguardError';
  readonly kind: ErrorKind;
  /** The validation report, when kind is "invalid". */
  readonly report?: Report;
}

/** The Standard Schema v1 interface (standardschema.dev), inlined so that no dependency is needed. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}
export declare namespace StandardSchemaV1 {
  interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  type Result<Output> = SuccessResult<Output> | FailureResult;
  interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  interface PathSegment {
    readonly key: PropertyKey;
  }
  interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['input'];
  type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['output'];
}

/** A Standard Schema issue from rosterguard: also carries the code and the JSON Pointer. */
export interface SchemaIssue extends StandardSchemaV1.Issue {
  readonly path?: ReadonlyArray<string | number>;
  readonly code: ErrorCode;
  readonly pointer: string;
}

/** The result of a rosterguard Standard Schema validation (always synchronous). */
export type SchemaResult<K extends EndpointId> =
  | StandardSchemaV1.SuccessResult<InputFor[K]>
  | { readonly issues: ReadonlyArray<SchemaIssue>; readonly value?: undefined };

/** The `~standard` property of `schema(id)`. */
export interface SchemaProps<K extends EndpointId> extends StandardSchemaV1.Props<InputFor[K], InputFor[K]> {
  readonly vendor: 'rosterguard';
  readonly validate: (value: unknown) => SchemaResult<K>;
}

/** What `schema(id)` returns: synchronous Standard Schema v1. */
export interface RosterguardSchema<K extends EndpointId> extends StandardSchemaV1<InputFor[K], InputFor[K]> {
  readonly '~standard': SchemaProps<K>;
}

/** Every endpoint, in a stable order. */
export declare function endpoints(): EndpointInfo[];

/**
 * Validates an input (any JS value: a form's state, parsed JSON). Throws only on misuse.
 * A valid input without warnings gets one shared, frozen report: do not mutate reports.
 */
export declare function validate(endpointId: EndpointId, input: unknown, options?: Options): Report;

/** Validates and builds the fetch-ready request; throws RosterguardError (kind "invalid", `.report`) when invalid. */
export declare function buildRequest<K extends EndpointId>(
  endpointId: K,
  input: InputFor[K],
  options?: Options,
): HttpRequest;

/** One item of `buildMany`: its request, or its report when it has errors. */
export type BuildOutcome =
  | { ok: true; request: HttpRequest; warnings: Issue[] }
  | { ok: false; report: Report };

/**
 * Validates every input of a batch given as JSON text of an array (`JSON.stringify(inputs)`):
 * one Report per item, in order; one bad item never stops the others. One crossing of the
 * JS/wasm boundary for the whole batch: use it for bulk sync. Throws only on misuse
 * (unknown endpoint, bad option, text that is not a JSON array: kind "invalid_argument").
 */
export declare function validateMany(endpointId: EndpointId, inputsJsonText: string, options?: Options): Report[];

/**
 * Builds the request of every input of a batch given as JSON text of an array: per item
 * `{ok: true, request, warnings}` or `{ok: false, report}`, in order. Throws only on misuse.
 */
export declare function buildMany(endpointId: EndpointId, inputsJsonText: string, options?: Options): BuildOutcome[];

/**
 * `buildMany` with its results as NDJSON text: one `BuildOutcome` as JSON a line, in order,
 * without a JS object per result (for callers that write them on). Memory stays bounded by the
 * crossing's window, not by the batch's size, apart from the text returned.
 */
export declare function buildManyNdjson(endpointId: EndpointId, inputsJsonText: string, options?: Options): string;

/** The issues at or below `pointer` with `value` put there; `input` supplies the other fields for cross-field rules. */
export declare function validateField(
  endpointId: EndpointId,
  pointer: string,
  value: unknown,
  input?: unknown,
  options?: Options,
): Report;

/** Decodes a vendor reply (`await response.text()`); never throws on the body. */
export declare function parseResponse(endpointId: EndpointId, httpStatus: number, bodyText: string): ReplyOutcome;

/** Field metadata for building forms. */
export declare function describe(endpointId: EndpointId): EndpointDescription;

/** A JSON Schema (2020-12) of the input envelope. */
export declare function jsonSchema(endpointId: EndpointId): Record<string, unknown>;

/** A Standard Schema v1 object; its value on success is the input with the body as it will be sent. */
export declare function schema<K extends EndpointId>(endpointId: K, options?: Options): RosterguardSchema<K>;

/** A copy of a built request safe to log: tokens replaced by "***". */
export declare function redact(request: HttpRequest): HttpRequest;

/**
 * What `init()` accepts: the .wasm URL (string or URL), a fetch Response or a
 * promise of one, the module's bytes (ArrayBuffer / typed array) or a compiled
 * WebAssembly.Module. Typed loosely so that these declarations need neither
 * the DOM library nor Node's types.
 */
export type InitInput = string | ArrayBuffer | ArrayBufferView | object;

/**
 * Browser build: instantiates the wasm module (idempotent); call and await
 * once before anything else. Node: resolves at once.
 */
export declare function init(moduleOrPath?: InitInput): Promise<void>;

/** Synchronous init from bytes or a compiled WebAssembly.Module (browser build); a no-op in Node. */
export declare function initSync(module?: ArrayBuffer | ArrayBufferView | object): void;

// ---- GENERATED: per-endpoint input types (InputFor) ----
