//! The JavaScript boundary: the one module that converts JS values in and
//! out and calls the core. No rule logic lives here.
//!
//! Inputs are walked by hand (not through serde) so that every value JSON
//! cannot carry (`undefined` in an array, `NaN`, `Infinity`, BigInt,
//! functions, symbols, Dates, Maps, Sets, class instances, cycles, strings
//! with lone UTF-16 surrogates, absurd nesting, getters or proxies that
//! throw) becomes a `type` error at its JSON Pointer instead of a crash or a
//! silently different payload. Results go back as plain objects through
//! `JSON.parse` of the core's serde output, which keeps maps as plain objects
//! and costs no extra dependency.
//!
//! Misuse (unknown endpoint, bad option, bad pointer, wrong argument type,
//! invalid input given to `buildRequest`) is thrown as a plain object
//! `{rosterguardError: kind, message, report?}`, which the hand-written JS
//! wrapper (`pkg-template/api.js`) turns into a `RosterguardError`.

use std::cell::{Cell, RefCell};

use crate::leaf::json::{write_value, Fields, WriteJson};
use js_sys::{Array, JsString, Reflect, JSON};
use serde_json::{Map, Number, Value};
use wasm_bindgen::prelude::*;

use crate::api;
use crate::engine::request;
use crate::leaf::answer::Answer;
use crate::leaf::entropy;
use crate::leaf::limits::{JS_FAST_MAX_DEPTH, JS_MAX_DEPTH, JS_MAX_ITEMS};
use crate::leaf::pointer;
use crate::leaf::text::Locale;
use crate::leaf::tree::Json;
use crate::model::endpoint::Endpoint;
use crate::model::options::Options;
use crate::report::{Code, Ctx, Error, Issue, Params, Report};

#[wasm_bindgen]
extern "C" {
    // `catch` everywhere a proxy trap or a getter could throw: an exception
    // unwinding through wasm would leave the walk half done.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(o: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(v: &JsValue) -> Result<bool, JsValue>;
    // Web Crypto, called directly: getrandom's `js` backend carries Node
    // `require("crypto")` detection glue (~2.4 KiB gzip of wasm and JS).
    #[wasm_bindgen(catch, js_namespace = crypto, js_name = getRandomValues)]
    fn get_random_values(buf: &mut [u8]) -> Result<JsValue, JsValue>;
}

/// Random bytes for the trace id stream: `crypto.getRandomValues`
/// (browsers, workers, Deno, Node 19+), or, where there is no global
/// `crypto` (Node 18 without `--experimental-global-webcrypto`),
/// `Math.random()` draws. Trace ids must be unique, not secret.
fn random_fill(buf: &mut [u8]) -> bool {
    if get_random_values(buf).is_ok() {
        return true;
    }
    for b in buf.iter_mut() {
        *b = (js_sys::Math::random() * 256.0) as u8;
    }
    true
}

/// Installs the boundary's entropy source in the core (once; cheap after).
fn ready() {
    entropy::install(random_fill);
}

/// A JS value converted to JSON, with the problems found on the way.
struct Converted {
    /// The value; each bad value is replaced by `null` so that the core can
    /// still run on the rest and order issues by their place in the input.
    value: Value,
    /// Pointers of the bad values (their issues replace the core's there).
    bad: Vec<String>,
    /// The `type` issues of the bad values.
    ctx: Ctx,
}

/// Walks one JS value into JSON.
struct Walker {
    bad: Vec<String>,
    ctx: Ctx,
    /// Objects and arrays on the current path, to detect cycles (`===`).
    ancestors: Vec<JsValue>,
}

fn convert(v: &JsValue, base: &str) -> Converted {
    let mut w = Walker {
        bad: Vec::new(),
        ctx: Ctx::new(false),
        ancestors: Vec::new(),
    };
    let mut path = base.to_owned();
    let value = w.value(v, &mut path);
    Converted {
        value,
        bad: w.bad,
        ctx: w.ctx,
    }
}

/// A JS string as Rust text, or `None` when it holds a lone surrogate.
/// `as_string` replaces those with U+FFFD, so only a string that then holds
/// U+FFFD needs the slow code-unit check.
fn js_text(v: &JsValue) -> Option<String> {
    let s = v.as_string()?;
    if s.contains('\u{FFFD}') && !v.unchecked_ref::<JsString>().is_valid_utf16() {
        return None;
    }
    Some(s)
}

impl Walker {
    fn reject(&mut self, path: &str, actual: &'static str) -> Value {
        self.ctx.error(
            path,
            Code::Type,
            Params::Type {
                expected: "JSON value",
                actual,
            },
        );
        self.bad.push(path.to_owned());
        Value::Null
    }

    fn value(&mut self, v: &JsValue, path: &mut String) -> Value {
        if v.is_undefined() {
            return self.reject(path, "undefined");
        }
        if v.is_null() {
            return Value::Null;
        }
        if let Some(b) = v.as_bool() {
            return Value::Bool(b);
        }
        if let Some(n) = v.as_f64() {
            return self.number(n, path);
        }
        if v.is_string() {
            return match js_text(v) {
                Some(s) => Value::String(s),
                None => self.reject(path, "lone surrogate"),
            };
        }
        if v.is_bigint() {
            return self.reject(path, "bigint");
        }
        if v.is_symbol() {
            return self.reject(path, "symbol");
        }
        if v.is_function() {
            return self.reject(path, "function");
        }
        if !v.is_object() {
            return self.reject(path, "unreadable");
        }
        if self.ancestors.iter().any(|a| a == v) {
            return self.reject(path, "cycle");
        }
        if self.ancestors.len() >= JS_MAX_DEPTH {
            return self.reject(path, "too deep");
        }
        match is_array(v) {
            Ok(true) => self.array(v, path),
            Ok(false) => self.object(v, path),
            Err(_) => self.reject(path, "unreadable"),
        }
    }

    fn number(&mut self, n: f64, path: &str) -> Value {
        if n.is_nan() {
            return self.reject(path, "NaN");
        }
        if n.is_infinite() {
            return self.reject(path, if n > 0.0 { "Infinity" } else { "-Infinity" });
        }
        // Safe integers (and -0) become JSON integers, as JSON.stringify writes them.
        const SAFE: f64 = 9_007_199_254_740_991.0;
        if n.fract() == 0.0 && n.abs() <= SAFE {
            return Value::from(n as i64);
        }
        Number::from_f64(n).map_or(Value::Null, Value::Number)
    }

    fn array(&mut self, v: &JsValue, path: &mut String) -> Value {
        let len = match Reflect::get(v, &JsValue::from_str("length")).map(|l| l.as_f64()) {
            Ok(Some(len)) => len,
            _ => return self.reject(path, "unreadable"),
        };
        if len > JS_MAX_ITEMS as f64 {
            self.ctx.error(
                path,
                Code::MaxItems,
                Params::MaxItems {
                    max: JS_MAX_ITEMS,
                    actual: len as usize,
                },
            );
            self.bad.push(path.clone());
            return Value::Null;
        }
        let len = len as u32;
        self.ancestors.push(v.clone());
        let mut items = Vec::with_capacity(len.min(1024) as usize);
        let mark = path.len();
        for i in 0..len {
            pointer::push_index(path, i as usize);
            let item = match Reflect::get_u32(v, i) {
                Ok(item) => self.value(&item, path),
                Err(_) => self.reject(path, "unreadable"),
            };
            items.push(item);
            path.truncate(mark);
        }
        self.ancestors.pop();
        Value::Array(items)
    }

    fn object(&mut self, v: &JsValue, path: &mut String) -> Value {
        // Plain objects have Object.prototype (of any realm) or null as
        // prototype; everything else (Date, Map, class instances, boxed
        // primitives) would not survive JSON the same way.
        let plain = match Reflect::get_prototype_of(v) {
            Ok(proto) if proto.is_null() => true,
            Ok(proto) => match Reflect::get_prototype_of(&proto) {
                Ok(grand) => grand.is_null(),
                Err(_) => return self.reject(path, "unreadable"),
            },
            Err(_) => return self.reject(path, "unreadable"),
        };
        if !plain {
            let kind = if v.is_instance_of::<js_sys::Date>() {
                "Date"
            } else if v.is_instance_of::<js_sys::Map>() {
                "Map"
            } else if v.is_instance_of::<js_sys::Set>() {
                "Set"
            } else {
                "class instance"
            };
            return self.reject(path, kind);
        }
        let keys = match object_keys(v) {
            Ok(keys) => keys,
            Err(_) => return self.reject(path, "unreadable"),
        };
        self.ancestors.push(v.clone());
        let mut map = Map::new();
        let mark = path.len();
        for key in keys.iter() {
            let Some(name) = js_text(&key) else {
                // The pointer needs some spelling of the key: the lossy one.
                pointer::push(path, &key.as_string().unwrap_or_default());
                self.reject(path, "lone surrogate");
                path.truncate(mark);
                continue;
            };
            pointer::push(path, &name);
            let item = match Reflect::get(v, &key) {
                // A property holding undefined is absent, as in JSON.stringify.
                Ok(item) if item.is_undefined() => None,
                Ok(item) => Some(self.value(&item, path)),
                Err(_) => Some(self.reject(path, "unreadable")),
            };
            if let Some(item) = item {
                map.insert(name, item);
            }
            path.truncate(mark);
        }
        self.ancestors.pop();
        Value::Object(map)
    }
}

impl Converted {
    /// Whether the value came through unchanged.
    fn is_clean(&self) -> bool {
        self.bad.is_empty()
    }

    /// Whether `path` is at or below a bad value.
    fn covers(&self, path: &str) -> bool {
        self.bad.iter().any(|b| pointer::is_at_or_below(path, b))
    }

    /// The core's report with the conversion issues put in: the core's
    /// issues at the placeholders are replaced by the conversion's, and
    /// everything is in input order.
    /// [`Converted::merge`] ordered by the converted input itself, moved
    /// out rather than copied (the copy was a whole second input per call).
    fn merge_own(mut self, report: Report, locale: Locale) -> Report {
        let order = std::mem::take(&mut self.value);
        self.merge(report, locale, &order)
    }

    fn merge(self, report: Report, locale: Locale, order: &Value) -> Report {
        if self.is_clean() {
            return report;
        }
        let Converted { bad, ctx, .. } = self;
        let own = ctx.finish(locale);
        let keep = |list: Vec<Issue>| -> Vec<Issue> {
            list.into_iter()
                .filter(|i| !bad.iter().any(|b| pointer::is_at_or_below(&i.path, b)))
                .collect()
        };
        let mut errors = keep(report.errors);
        errors.extend(own.errors);
        // Each path ranked once, not once per comparison.
        let order = Json::view(order, 0, usize::MAX);
        let mut ranks = pointer::DocumentOrder::new(&order);
        let errors = crate::report::sorted_by_rank(errors, |i| ranks.rank(&i.path));
        let warnings = keep(report.warnings);
        Report {
            ok: errors.is_empty(),
            errors,
            warnings,
        }
    }
}

/// A misuse error for the JS wrapper to rethrow as `RosterguardError`:
/// `{"rosterguardError", "message", "report"}`.
fn misuse(kind: &str, message: String, report: Option<&Report>) -> JsValue {
    let mut out = Vec::with_capacity(128);
    let mut f = Fields::new(&mut out);
    f.str("rosterguardError", kind).str("message", &message);
    match report {
        Some(r) => r.write_json(f.key("report")),
        None => f.key("report").extend_from_slice(b"null"),
    }
    f.end();
    parse_text(out).unwrap_or_else(|e| e)
}

fn core_error(e: Error) -> JsValue {
    let kind = match &e {
        Error::UnknownEndpoint { .. } => "unknown_endpoint",
        Error::Invalid(_) => "invalid",
        Error::InvalidPointer { .. } => "invalid_pointer",
        Error::InvalidOption { .. } => "invalid_option",
        Error::InvalidBatch { .. } => "invalid_argument",
    };
    let report = match &e {
        Error::Invalid(r) => Some(r),
        _ => None,
    };
    misuse(kind, e.to_string(), report)
}

fn bad_argument(message: &str) -> JsValue {
    misuse("invalid_argument", message.to_owned(), None)
}

/// Serialises a core result into a plain JS value, through the crate's
/// own writers (no serde_json serialiser in the wasm).
fn to_js<T: WriteJson + ?Sized>(v: &T) -> Result<JsValue, JsValue> {
    let mut out = Vec::with_capacity(256);
    v.write_json(&mut out);
    parse_text(out)
}

/// `JSON.parse` of text the writers wrote.
fn parse_text(out: Vec<u8>) -> Result<JsValue, JsValue> {
    // The writers write UTF-8 only.
    JSON::parse(&String::from_utf8(out).unwrap_or_default())
}

/// [`to_js`] through serde, for what only `meta` builds return.
#[cfg(feature = "meta")]
fn to_js_serde<T: serde::Serialize + ?Sized>(v: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(v).map_err(|e| JsValue::from_str(&e.to_string()))?;
    JSON::parse(&text)
}

/// The string argument `v`, or an `invalid_argument` error that says `why`.
fn string_arg(v: &JsValue, why: &str) -> Result<String, JsValue> {
    v.as_string().ok_or_else(|| bad_argument(why))
}

fn endpoint_id(v: &JsValue) -> Result<String, JsValue> {
    let id = string_arg(
        v,
        "the endpoint id must be a string, e.g. \"ekuaibao.updateStaff\"",
    )?;
    api::endpoint(&id).map_err(core_error)?;
    Ok(id)
}

fn options(v: &JsValue) -> Result<Options, JsValue> {
    if v.is_undefined() {
        return Ok(Options::default());
    }
    let conv = convert(v, "");
    if let Some(path) = conv.bad.first() {
        return Err(misuse(
            "invalid_option",
            format!("options{path}: not a JSON value"),
            None,
        ));
    }
    // By hand, not serde: see Options::from_json.
    Options::from_json(&conv.value).map_err(core_error)
}

/// Every endpoint: `[{id, vendor, title, titleZh, method, docUrl, deprecated, …}]`.
#[wasm_bindgen]
pub fn endpoints() -> Result<JsValue, JsValue> {
    #[cfg(not(feature = "meta"))]
    return to_js(&api::endpoint_infos());
    #[cfg(feature = "meta")]
    to_js_serde(&api::endpoint_infos())
}

/// Every endpoint's id, comma-separated, in the order of `endpoints()`
/// (no id holds a comma): what the glue's fast path needs to find an
/// endpoint's index, without building `endpoints()`' objects (0.85 ms of
/// a cold start, most of the first validate's own time).
#[wasm_bindgen(js_name = endpointIds)]
pub fn endpoint_ids() -> String {
    comma_joined(api::endpoints().iter().map(|ep| ep.id))
}

/// `items` joined by commas, for the tables the glue reads once and splits.
/// Pushed one by one, not `join`ed: `join` alone is ~1 KB of wasm.
fn comma_joined<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(item);
    }
    out
}

/// The input policy's limits, for the JS glue's fast path:
/// `[maxDepth, maxItems, fastMaxDepth]` (see `leaf::limits`).
#[wasm_bindgen(js_name = inputLimits)]
pub fn input_limits() -> Vec<u32> {
    vec![
        JS_MAX_DEPTH as u32,
        JS_MAX_ITEMS as u32,
        JS_FAST_MAX_DEPTH as u32,
    ]
}

/// The keys of `params` objects, comma-separated, in the order of their
/// indexes in answer tapes (`report::params::KEYS`; no key holds a comma).
#[wasm_bindgen(js_name = answerKeys)]
pub fn answer_keys() -> String {
    comma_joined(crate::report::params::KEYS.iter().copied())
}

thread_local! {
    /// [`api::input_keys`], made by the first [`input_keys`] call (leaked:
    /// one table for the module's life, which tape trees borrow from).
    /// Until then the glue sends every key as text, and a tape that names a
    /// known key is damaged.
    static INPUT_KEYS: Cell<&'static [&'static str]> = const { Cell::new(&[]) };
}

/// The keys the rules name, comma-separated (no key holds a comma): the
/// glue writes an input key found here as `KNOWN_KEY` plus its index
/// (`leaf::tree::Json::from_tape_with`). Listing them takes ~1 ms the
/// first time, mostly compiling the code that does it, so the glue asks
/// only once a process has made a few calls, not on a cold start's first.
#[wasm_bindgen(js_name = inputKeys)]
pub fn input_keys() -> String {
    let mut keys = INPUT_KEYS.with(Cell::get);
    if keys.is_empty() {
        keys = Vec::leak(api::input_keys());
        INPUT_KEYS.with(|k| k.set(keys));
    }
    comma_joined(keys.iter().copied())
}

thread_local! {
    /// The bytes of the fast path: the glue writes a call's options and
    /// input text into `input`, the call answers in `output` (JSON text)
    /// or, for a validate, in `answer`. All are reused from call to call,
    /// so a call allocates nothing to cross.
    static IO: RefCell<Io> = RefCell::new(Io::default());
}

#[derive(Default)]
struct Io {
    input: Vec<u8>,
    output: Vec<u8>,
    /// A batch window's request bodies, when they are written apart from
    /// its results (see [`batch_start`]); copied after them in `output`.
    bodies: Vec<u8>,
    answer: Answer,
}

/// Above this, a buffer is given back after the call that needed it
/// (a large batch must not keep its peak in linear memory's free lists).
const KEEP_BYTES: usize = 1 << 20;

/// Empties an answer buffer, giving a large one back.
fn fresh<T>(buf: &mut Vec<T>) {
    if buf.capacity().saturating_mul(std::mem::size_of::<T>()) > KEEP_BYTES {
        *buf = Vec::new();
    }
    buf.clear();
}

/// Makes room for `len` bytes of input; returns where the glue writes them.
#[wasm_bindgen(js_name = ioInput)]
pub fn io_input(len: u32) -> u32 {
    IO.with(|io| {
        let mut io = io.borrow_mut();
        let len = len as usize;
        if io.input.capacity() > KEEP_BYTES && len <= KEEP_BYTES {
            // A large input's buffer is handed back once a small one follows.
            io.input = Vec::new();
        }
        if io.input.len() < len {
            io.input.resize(len, 0);
        }
        io.input.as_mut_ptr() as u32
    })
}

/// Where the last answer's text starts (its length was the call's result).
#[wasm_bindgen(js_name = ioOutput)]
pub fn io_output() -> u32 {
    IO.with(|io| io.borrow().output.as_ptr() as u32)
}

/// The length of the last batch window's bodies, in bytes: they follow
/// its results at [`io_output`] (see [`batch_start`]).
#[wasm_bindgen(js_name = bodiesLen)]
pub fn bodies_len() -> u32 {
    IO.with(|io| io.borrow().bodies.len() as u32)
}

/// The module's linear memory, for the glue's views of the buffers.
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

fn tape(bytes: &[u8]) -> Result<Json<'_>, JsValue> {
    match Json::from_tape_with(bytes, INPUT_KEYS.with(Cell::get)) {
        Ok((v, used)) if used == bytes.len() => Ok(v),
        _ => Err(bad_argument("the input tape is damaged")),
    }
}

/// The fast path of `validate` and `buildRequest`: the glue has written
/// the options (`options_len` bytes; none: the defaults) and then the
/// input (`input_len` bytes) at [`io_input`], each as the tape that
/// [`Json::from_tape`] reads. `index` is the endpoint's place in
/// `endpoints()`. Returns 0 when `build` is false and the input is valid
/// without warnings; for another validate, the address of its answer
/// tape's header (see `answer_header`): the Report; for `build`, the
/// length of the JSON text at [`io_output`] of the batch item
/// `{ok: true, request, warnings}` / `{ok: false, report}`.
#[wasm_bindgen(js_name = checkTape)]
pub fn check_tape(
    index: u32,
    options_len: u32,
    input_len: u32,
    build: bool,
) -> Result<u32, JsValue> {
    ready();
    let ep = *api::endpoints()
        .get(index as usize)
        .ok_or_else(|| bad_argument("no endpoint at that index"))?;
    IO.with(|io| {
        let io = &mut *io.borrow_mut();
        let (opt_len, in_len) = (options_len as usize, input_len as usize);
        let bytes = io.input.get(..opt_len + in_len).unwrap_or_default();
        let (opt_bytes, in_bytes) = bytes.split_at(opt_len.min(bytes.len()));
        let opts = if opt_len == 0 {
            Options::default()
        } else {
            Options::from_json(&tape(opt_bytes)?.to_value()).map_err(core_error)?
        };
        ep.check_options(&opts).map_err(core_error)?;
        let tree = tape(in_bytes)?;
        if !build {
            let answer = &mut io.answer;
            fresh(&mut answer.words);
            fresh(&mut answer.text);
            if !api::write_validate(ep, &tree, &opts, answer) {
                return Ok(0);
            }
            return Ok(answer_header(answer));
        }
        let output = &mut io.output;
        fresh(output);
        api::batch::write_build(output, ep, &tree, &opts).map_err(core_error)?;
        Ok(output.len() as u32)
    })
}

/// Appends the header of a validate's answer tape to its words: where its
/// text starts, the text's length in bytes and where its words start.
/// Returns the header's address (never 0: the words come before it), so
/// that the glue finds the whole answer with no call besides the check's
/// (two calls for the addresses were ~1 % of a validate with warnings).
fn answer_header(answer: &mut Answer) -> u32 {
    // Reserved first, so that the words do not move while it is written.
    answer.words.reserve(3);
    let words = answer.words.as_ptr() as u32;
    let header = answer.words.len();
    answer.words.push(answer.text.as_ptr() as u32);
    answer.count(answer.text.len());
    answer.words.push(words);
    answer
        .words
        .get(header)
        .map_or(0, |w| w as *const u32 as u32)
}

thread_local! {
    /// The batch being pushed piece by piece (see [`batch_start`]).
    static BATCH: RefCell<Option<BatchRun>> = const { RefCell::new(None) };
}

struct BatchRun {
    stream: api::batch::Stream,
    ep: &'static Endpoint,
    opts: Options,
    build: bool,
    sep: u8,
    /// Bodies go to [`Io::bodies`], their lengths in their place.
    apart: bool,
}

/// Starts a batch for the endpoint at `index` of `endpoints()`, with the
/// options tape of `options_len` bytes at [`io_input`] (none: defaults).
/// Each result is written as JSON followed by `,` or, with `ndjson`, by a
/// line break. With `bodies_apart` (for `build` without `ndjson`), each
/// request's body is written raw after the results instead, and its length
/// in UTF-16 units in its place (`"body":288`), for the glue to cut out of
/// one decoded string. Then [`batch_push`] the JSON array text, piece by
/// piece.
#[wasm_bindgen(js_name = batchStart)]
pub fn batch_start(
    index: u32,
    options_len: u32,
    build: bool,
    ndjson: bool,
    bodies_apart: bool,
) -> Result<(), JsValue> {
    ready();
    let ep = *api::endpoints()
        .get(index as usize)
        .ok_or_else(|| bad_argument("no endpoint at that index"))?;
    let opts = IO.with(|io| {
        let io = io.borrow();
        match io.input.get(..options_len as usize) {
            Some([]) | None => Ok(Options::default()),
            Some(bytes) => Options::from_json(&tape(bytes)?.to_value()).map_err(core_error),
        }
    })?;
    ep.check_options(&opts).map_err(core_error)?;
    BATCH.with(|b| {
        *b.borrow_mut() = Some(BatchRun {
            stream: api::batch::Stream::default(),
            ep,
            opts,
            build,
            sep: if ndjson { b'\n' } else { b',' },
            apart: build && !ndjson && bodies_apart,
        })
    });
    Ok(())
}

/// Pushes the next `len` bytes of the batch's JSON array text (written at
/// [`io_input`], whole characters); `last` when no more follow. Returns the
/// length of the results of the items completed, written at [`io_output`]
/// (with bodies apart, their bodies follow: [`bodies_len`] bytes).
/// A text that is not a JSON array ends the batch with a misuse error.
#[wasm_bindgen(js_name = batchPush)]
pub fn batch_push(len: u32, last: bool) -> Result<u32, JsValue> {
    BATCH.with(|b| {
        let mut slot = b.borrow_mut();
        let run = slot
            .as_mut()
            .ok_or_else(|| bad_argument("no batch was started"))?;
        let pushed = IO.with(|io| {
            let mut io = io.borrow_mut();
            let Io {
                input,
                output,
                bodies,
                ..
            } = &mut *io;
            fresh(output);
            fresh(bodies);
            let BatchRun {
                stream,
                ep,
                opts,
                build,
                sep,
                apart,
            } = run;
            let bytes = input.get(..len as usize).unwrap_or_default();
            stream
                .push(bytes, last, &mut |item| {
                    let bodies = if *apart { Some(&mut *bodies) } else { None };
                    api::batch::write_result(output, bodies, ep, &item, opts, *build, *sep)
                })
                .map(|()| {
                    let len = output.len() as u32;
                    // One buffer for the glue to read: a copy of ~30 KiB
                    // per 32 KiB window, and one export fewer.
                    output.extend_from_slice(bodies);
                    len
                })
        });
        if last || pushed.is_err() {
            *slot = None;
        }
        pushed.map_err(core_error)
    })
}

/// Validates `input` for the endpoint; returns the Report `{ok, errors, warnings}`.
#[wasm_bindgen]
pub fn validate(endpoint: JsValue, input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let id = endpoint_id(&endpoint)?;
    let opts = self::options(&options)?;
    let conv = convert(&input, "");
    let report = api::validate(&id, &conv.value, &opts).map_err(core_error)?;
    to_js(&conv.merge_own(report, opts.locale))
}

/// Validates and builds the fetch-ready request `{method, url, headers, body}`;
/// throws (kind `invalid`, with the report) when the input has errors.
#[wasm_bindgen(js_name = buildRequest)]
pub fn build_request(
    endpoint: JsValue,
    input: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    ready();
    let id = endpoint_id(&endpoint)?;
    let opts = self::options(&options)?;
    let conv = convert(&input, "");
    if !conv.is_clean() {
        // Never build from a payload that is not what the caller holds.
        let report = api::validate(&id, &conv.value, &opts).map_err(core_error)?;
        let report = conv.merge_own(report, opts.locale);
        return Err(core_error(Error::Invalid(report)));
    }
    let request = api::build_request(&id, &conv.value, &opts).map_err(core_error)?;
    to_js(&request)
}

/// The issues for one field (at or below `pointer`), for live form feedback.
/// `input`, when given, supplies the other fields for cross-field rules.
#[wasm_bindgen(js_name = validateField)]
pub fn validate_field(
    endpoint: JsValue,
    pointer: JsValue,
    value: JsValue,
    input: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let id = endpoint_id(&endpoint)?;
    let ptr = string_arg(
        &pointer,
        "the pointer must be a string such as \"/body/email\"",
    )?;
    let opts = self::options(&options)?;
    let val = convert(&value, &ptr);
    let doc = if input.is_undefined() || input.is_null() {
        None
    } else {
        Some(convert(&input, ""))
    };
    let report = api::validate_field(&id, &ptr, &val.value, doc.as_ref().map(|d| &d.value), &opts)
        .map_err(core_error)?;
    // Issues of bad values elsewhere in `input` are not this field's.
    let (mut order, report) = match doc {
        Some(doc) => {
            let errors = report
                .errors
                .into_iter()
                .filter(|i| !doc.covers(&i.path))
                .collect::<Vec<_>>();
            let warnings = report
                .warnings
                .into_iter()
                .filter(|i| !doc.covers(&i.path))
                .collect();
            let r = Report {
                ok: errors.is_empty(),
                errors,
                warnings,
            };
            (doc.value, r)
        }
        None => (Value::Object(Map::new()), report),
    };
    pointer::set(&mut order, &ptr, val.value.clone());
    to_js(&val.merge(report, opts.locale, &order))
}

/// Decodes a vendor reply: `{ok, vendorCode, message, retryable, traceId, tokenExpired}`.
#[wasm_bindgen(js_name = parseResponse)]
pub fn parse_response(
    endpoint: JsValue,
    http_status: JsValue,
    body_text: JsValue,
) -> Result<JsValue, JsValue> {
    let id = endpoint_id(&endpoint)?;
    let status = http_status
        .as_f64()
        .filter(|s| s.fract() == 0.0 && (0.0..=999.0).contains(s))
        .ok_or_else(|| bad_argument("httpStatus must be an integer HTTP status such as 200"))?;
    // A reply body is vendor text, not caller input: a lone surrogate in it
    // may become U+FFFD, which cannot change what the reply means.
    let body = string_arg(
        &body_text,
        "bodyText must be a string (await response.text())",
    )?;
    let outcome = api::parse_response(&id, status as u16, &body).map_err(core_error)?;
    to_js(&outcome)
}

/// Field metadata for building forms (only in builds with the `meta`
/// feature; the npm package ships this as data instead).
#[cfg(feature = "meta")]
#[wasm_bindgen]
pub fn describe(endpoint: JsValue) -> Result<JsValue, JsValue> {
    let id = endpoint_id(&endpoint)?;
    to_js_serde(&crate::meta::describe(&id).map_err(core_error)?)
}

/// A JSON Schema (2020-12) of the endpoint's input envelope (only with the
/// `meta` feature, as above).
#[cfg(feature = "meta")]
#[wasm_bindgen(js_name = jsonSchema)]
pub fn json_schema(endpoint: JsValue) -> Result<JsValue, JsValue> {
    let id = endpoint_id(&endpoint)?;
    to_js_serde(&crate::meta::json_schema(&id).map_err(core_error)?)
}

/// A copy of a built request that is safe to log: tokens replaced by `***`.
#[wasm_bindgen]
pub fn redact(request: JsValue) -> Result<JsValue, JsValue> {
    const SHAPE: &str =
        "redact() takes a request built by buildRequest: {method, url, headers, body}";
    let conv = convert(&request, "");
    let Value::Object(map) = conv.value else {
        return Err(bad_argument(SHAPE));
    };
    let text = |key: &str| match map.get(key) {
        Some(Value::String(s)) if conv.bad.is_empty() => Ok(s.clone()),
        _ => Err(bad_argument(SHAPE)),
    };
    let (method, url) = (text("method")?, text("url")?);
    // A request built without a body (WeCom deleteUser) has no body key.
    let body = match map.get("body") {
        None => None,
        Some(_) => Some(text("body")?),
    };
    // Secret headers (Feishu's Authorization) masked; other headers as given.
    let secrets = api::secret_keys();
    let headers = match map.get("headers") {
        Some(Value::Object(h)) => Value::Object(
            h.iter()
                .map(|(k, v)| {
                    let secret = request::is_secret_header(&secrets, k);
                    let v = if secret {
                        Value::from(request::MASK)
                    } else {
                        v.clone()
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        other => other.cloned().unwrap_or(Value::Null),
    };
    let mut out = Vec::with_capacity(256);
    let mut f = Fields::new(&mut out);
    f.str("method", &method)
        .str("url", &request::redact_url_with(&url, &secrets));
    write_value(f.key("headers"), &headers);
    if let Some(b) = body {
        f.str("body", &request::redact_body(&b, &secrets));
    }
    f.end();
    parse_text(out)
}
