//! Batch entry points for bulk sync: many inputs in one JSON array text, one
//! result per item, in order. One bad item never stops the others.
//!
//! The array is streamed: each item is checked as soon as it is parsed and
//! its tree dropped before the next one, so memory holds one input at a time
//! (a 100 000-record batch parsed whole took ~10× its text in wasm memory).

use crate::leaf::json::{Fields, WriteJson};
use crate::leaf::tree::{next_escape, Json};
use serde::Serialize;

use crate::engine::request::HttpRequest;
use crate::model::endpoint::Endpoint;
use crate::model::options::Options;
use crate::report::{Error, Report};

/// The outcome of building one batch item. Serialises to
/// `{"ok": true, "request": {...}, "warnings": [...]}` or
/// `{"ok": false, "report": {...}}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum BuildOutcome {
    /// The item is valid; here is its request.
    Built {
        /// Always true.
        ok: bool,
        /// The request.
        request: HttpRequest,
        /// The item's warnings.
        warnings: Vec<crate::report::Issue>,
    },
    /// The item has errors.
    Invalid {
        /// Always false.
        ok: bool,
        /// Its report.
        report: Report,
    },
}

impl WriteJson for BuildOutcome {
    fn write_json(&self, out: &mut Vec<u8>) {
        self.write_with(out, None);
    }
}

impl BuildOutcome {
    /// Writes the outcome, its request's body (if any) inline or, given
    /// `bodies`, apart (see [`HttpRequest::write_json_body_apart`]). An
    /// `Option`, not a closure: one copy of this code in the wasm.
    fn write_with(&self, out: &mut Vec<u8>, bodies: Option<&mut Vec<u8>>) {
        let mut f = Fields::new(out);
        match self {
            BuildOutcome::Built {
                ok,
                request: r,
                warnings,
            } => {
                f.bool("ok", *ok);
                match bodies {
                    Some(bodies) => r.write_json_body_apart(f.key("request"), bodies),
                    None => r.write_json(f.key("request")),
                }
                f.item("warnings", warnings)
            }
            BuildOutcome::Invalid { ok, report } => f.bool("ok", *ok).item("report", report),
        }
        .end();
    }
}

/// Calls `each` on every item of the JSON array `text`, one parsed item at a
/// time. `Err` when the text is not a JSON array (or `each` fails).
///
/// The items are found by a scan that only tracks strings and nesting, and
/// each is parsed by serde_json on its own; any text that is not a JSON
/// array leaves some slice that serde_json rejects, or a structure error
/// here. (Not a serde `Visitor`: its default methods link serde's
/// "invalid type" messages with float printing, ~14 KiB gzip of wasm.)
fn for_each_item(text: &str, each: &mut dyn FnMut(Json) -> Result<(), Error>) -> Result<(), Error> {
    Stream::default().push(text.as_bytes(), true, each)
}

/// The batch of a JSON array text that arrives in pieces: items are
/// checked as soon as they are whole, and only the unfinished one is
/// kept, so memory holds one piece and one item whatever the batch's size.
#[derive(Debug, Default)]
pub struct Stream {
    /// Bytes not yet consumed: the unfinished item, then what was pushed.
    pending: Vec<u8>,
    /// How far `pending` has been scanned.
    scanned: usize,
    /// Where the current item starts in `pending`.
    start: usize,
    depth: usize,
    in_string: bool,
    escaped: bool,
    opened: bool,
    closed: bool,
    /// Items handed out so far.
    index: usize,
}

impl Stream {
    /// Appends `bytes` (whole UTF-8 characters) and calls `each` with every
    /// item now complete, in order. `last`: no more bytes follow, so the
    /// array must be closed. `Err` when the text is not a JSON array (or
    /// `each` fails); the stream is then done.
    pub fn push(
        &mut self,
        bytes: &[u8],
        last: bool,
        each: &mut dyn FnMut(Json) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.pending.extend_from_slice(bytes);
        let mut at = self.scanned;
        while let Some(&b) = self.pending.get(at) {
            if self.closed {
                if !is_json_space(b) {
                    return Err(not_json("text after the closing ]"));
                }
            } else if !self.opened {
                if b == b'[' {
                    self.opened = true;
                    self.start = at + 1;
                } else if !is_json_space(b) {
                    return Err(Error::InvalidBatch {
                        reason: "the batch must be JSON text of an array of inputs".into(),
                    });
                }
            } else if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else {
                    // Most of a batch's bytes are inside strings: jump to
                    // the next byte that may matter, eight bytes a step (the
                    // byte loop was ~10 % of buildMany, `--cpu-prof`). It
                    // also stops at control characters, which matter to
                    // serde_json only.
                    let Some(i) = next_escape(&self.pending, at) else {
                        at = self.pending.len();
                        break;
                    };
                    at = i;
                    match self.pending.get(i) {
                        Some(b'\\') => self.escaped = true,
                        Some(b'"') => self.in_string = false,
                        _ => {}
                    }
                }
            } else {
                match b {
                    b'"' => self.in_string = true,
                    b'[' | b'{' => self.depth += 1,
                    b']' | b'}' if self.depth > 0 => self.depth -= 1,
                    b',' if self.depth == 0 => {
                        self.item(at, each)?;
                        self.start = at + 1;
                    }
                    b']' => {
                        let rest = self.pending.get(self.start..at).unwrap_or_default();
                        // `[]` has no item; `[1,]` has an empty last one (an error).
                        if self.index > 0 || !rest.iter().all(|b| is_json_space(*b)) {
                            self.item(at, each)?;
                        }
                        self.closed = true;
                    }
                    b'}' => return Err(not_json("unbalanced }")),
                    _ => {}
                }
            }
            at += 1;
        }
        // Keep only the unfinished item.
        let keep = if self.closed || !self.opened {
            at
        } else {
            self.start
        };
        self.pending.drain(..keep.min(self.pending.len()));
        self.start -= keep.min(self.start);
        self.scanned = at - keep;
        if last && !self.closed {
            return Err(not_json(if self.opened {
                "the array is not closed"
            } else {
                "the text is empty"
            }));
        }
        Ok(())
    }

    fn item(
        &mut self,
        end: usize,
        each: &mut dyn FnMut(Json) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let index = self.index;
        self.index += 1;
        let slice = self.pending.get(self.start..end).unwrap_or_default();
        let text = std::str::from_utf8(slice)
            .map_err(|_| not_json(&format!("item {index}: not UTF-8")))?;
        let value = Json::parse(text).map_err(|e| not_json(&format!("item {index}: {e}")))?;
        each(value)
    }
}

/// Appends the result of one batch item to `out`: its JSON, then `sep`.
/// Given `bodies`, a built request's body (if any) is appended there
/// instead, and its UTF-16 length written in its place (see
/// [`HttpRequest::write_json_body_apart`]).
pub fn write_result(
    out: &mut Vec<u8>,
    bodies: Option<&mut Vec<u8>>,
    ep: &Endpoint,
    input: &Json,
    options: &Options,
    build: bool,
    sep: u8,
) -> Result<(), Error> {
    if build {
        write_build_to(out, bodies, ep, input, options)?;
    } else {
        crate::api::validate_tree(ep, input, options).write_json(out);
    }
    out.push(sep);
    Ok(())
}

/// JSON's four white-space characters (not Unicode's).
fn is_json_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

fn not_json(why: &str) -> Error {
    let mut reason = String::from("the batch is not valid JSON: ");
    reason.push_str(why);
    Error::InvalidBatch { reason }
}

/// What a batch does with one input: [`build_one`], or validation. It is
/// handed the options too, so that `build_one` serves as it is.
type Each<T> = fn(&Endpoint, &Json, &Options) -> Result<T, Error>;

/// `each` of every input of a JSON array text, in order, once the
/// endpoint is known and the options usable.
fn map_items<T>(
    endpoint: &str,
    inputs_json: &str,
    options: &Options,
    each: Each<T>,
) -> Result<Vec<T>, Error> {
    let ep = crate::api::endpoint(endpoint)?;
    ep.check_options(options)?;
    let mut out = Vec::new();
    for_each_item(inputs_json, &mut |input| {
        out.push(each(ep, &input, options)?);
        Ok(())
    })?;
    Ok(out)
}

/// Validates every input of a JSON array text. `Err` only for an unknown
/// endpoint, an unusable option, or text that is not a JSON array.
pub fn validate_many(
    endpoint: &str,
    inputs_json: &str,
    options: &Options,
) -> Result<Vec<Report>, Error> {
    map_items(endpoint, inputs_json, options, |ep, input, options| {
        Ok(crate::api::validate_tree(ep, input, options))
    })
}

fn build_one(ep: &Endpoint, input: &Json, options: &Options) -> Result<BuildOutcome, Error> {
    match crate::api::build_tree(ep, input, options) {
        Ok(built) => Ok(BuildOutcome::Built {
            ok: true,
            request: built.request,
            warnings: built.report.warnings,
        }),
        Err(Error::Invalid(report)) => Ok(BuildOutcome::Invalid { ok: false, report }),
        Err(e) => Err(e),
    }
}

/// Builds the request of every input of a JSON array text; invalid items
/// carry their report instead.
pub fn build_many(
    endpoint: &str,
    inputs_json: &str,
    options: &Options,
) -> Result<Vec<BuildOutcome>, Error> {
    map_items(endpoint, inputs_json, options, build_one)
}

/// Writes the build outcome of one input as JSON (what a [`build_many`]
/// item serialises to).
pub fn write_build(
    out: &mut Vec<u8>,
    ep: &Endpoint,
    input: &Json,
    options: &Options,
) -> Result<(), Error> {
    write_build_to(out, None, ep, input, options)
}

/// [`write_build`], the body apart when `bodies` is given: one writer for
/// both ways (the wasm's size is a target too).
fn write_build_to(
    out: &mut Vec<u8>,
    bodies: Option<&mut Vec<u8>>,
    ep: &Endpoint,
    input: &Json,
    options: &Options,
) -> Result<(), Error> {
    build_one(ep, input, options)?.write_with(out, bodies);
    Ok(())
}

/// Appends `item` to the JSON array text being written in `out`.
fn write_item<T: WriteJson>(out: &mut Vec<u8>, item: &T) {
    out.push(if out.len() > 1 { b',' } else { b'[' });
    item.write_json(out);
}

fn finish_array(mut out: Vec<u8>) -> Result<String, Error> {
    if out.is_empty() {
        out.push(b'[');
    }
    out.push(b']');
    // Only JSON text (UTF-8) is written, so this never fails; a fixed reason
    // keeps Utf8Error's formatting out of the wasm.
    String::from_utf8(out).map_err(|_| Error::InvalidBatch {
        reason: "the results are not UTF-8".into(),
    })
}

/// [`validate_many`] with its results written as the text of one JSON
/// array, item by item: what the JS boundary hands to `JSON.parse`, without
/// holding every report (or every parsed input) at once.
pub fn validate_many_json(
    endpoint: &str,
    inputs_json: &str,
    options: &Options,
) -> Result<String, Error> {
    let capacity = inputs_json.len() / 2;
    json_items(
        endpoint,
        inputs_json,
        options,
        capacity,
        |ep, input, options| Ok(crate::api::validate_tree(ep, input, options)),
    )
}

/// [`build_many`] with its results written as JSON array text, as
/// [`validate_many_json`].
pub fn build_many_json(
    endpoint: &str,
    inputs_json: &str,
    options: &Options,
) -> Result<String, Error> {
    let capacity = inputs_json.len() + inputs_json.len() / 2;
    json_items(endpoint, inputs_json, options, capacity, build_one)
}

/// [`map_items`] written as the text of one JSON array, item by item, into
/// a buffer of `capacity` bytes to start.
fn json_items<T: WriteJson>(
    endpoint: &str,
    inputs_json: &str,
    options: &Options,
    capacity: usize,
    each: Each<T>,
) -> Result<String, Error> {
    let ep = crate::api::endpoint(endpoint)?;
    ep.check_options(options)?;
    let mut out = Vec::with_capacity(capacity);
    for_each_item(inputs_json, &mut |input| {
        write_item(&mut out, &each(ep, &input, options)?);
        Ok(())
    })?;
    finish_array(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));

    /// Each endpoint's doc examples (its `seed*` fixtures): endpoint id and input.
    fn seed_inputs() -> impl Iterator<Item = (&'static str, serde_json::Value)> {
        FIXTURES.iter().filter_map(|(name, text)| {
            let (id, file) = name.split_once('/')?;
            if !file.starts_with("seed") {
                return None;
            }
            let mut doc: serde_json::Value = serde_json::from_str(text).unwrap();
            Some((id, doc["input"].take()))
        })
    }

    /// `x` as the hand-written writer writes it, and as serde_json does.
    fn same<T: WriteJson + Serialize>(x: &T) {
        let mut out = Vec::new();
        x.write_json(&mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string(x).unwrap()
        );
    }

    /// The boundary's and the batch's hand-written JSON is serde_json's, for
    /// every output type, on each endpoint's doc examples, each with its
    /// body fields broken one at a time, in both locales; and on replies,
    /// malformed ones included.
    #[test]
    fn writers_agree_with_serde_json() {
        use crate::leaf::pointer;
        use serde_json::json;
        let bad = [
            json!(null),
            json!("  "),
            json!(" x\"\n\u{1}é "),
            json!(-1),
            json!(1.5),
            json!(1e300),
            json!(12345678901234567890u64),
            json!([]),
            json!({}),
            json!(true),
            json!("2020-13-01"),
            json!(["a", 1]),
        ];
        let zh = Options::from_json(&json!({"locale": "zh-CN"})).unwrap();
        let loose = Options::from_json(&json!({"allowUnknown": true})).unwrap();
        let mut runs = 0;
        for (id, input) in seed_inputs() {
            let input = &input;
            let mut inputs = vec![input.clone(), json!(null), json!({"body": 1})];
            let keys: Vec<String> = input["body"]
                .as_object()
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            for key in keys {
                for b in &bad {
                    let mut v = input.clone();
                    pointer::set(&mut v, &pointer::join("/body", &key), b.clone());
                    inputs.push(v);
                }
            }
            let ep = crate::api::endpoint(id).unwrap();
            for v in &inputs {
                for opts in [&Options::default(), &zh, &loose] {
                    let report = crate::api::validate(id, v, opts).unwrap();
                    same(&report);
                    // The wasm's validate answers with a tape written from the issues.
                    let mut answer = crate::leaf::answer::Answer::default();
                    if crate::api::write_validate(ep, &Json::view(v, 0, 99), opts, &mut answer) {
                        let text = crate::report::tests::read_report(&answer);
                        assert_eq!(text, serde_json::to_string(&report).unwrap());
                    } else {
                        assert!(report.ok && report.warnings.is_empty());
                    }
                    match crate::api::build_request(id, v, opts) {
                        Ok(r) => same(&r),
                        Err(Error::Invalid(r)) => same(&r),
                        Err(e) => panic!("{e}"),
                    }
                    let tree = Json::view(v, 0, 99);
                    same(&build_one(ep, &tree, opts).unwrap());
                    runs += 1;
                }
            }
            for status in [200, 400, 429, 500] {
                for body in [
                    "",
                    " ",
                    "x",
                    "[]",
                    "\"busy\"",
                    "{}",
                    "{\"errcode\":0,\"errmsg\":\"ok\"}",
                    "{\"code\":0,\"msg\":\"\\u0001\\\"\"}",
                    "{\"errcode\":\"60111\",\"errmsg\":\"no\",\"sub_code\":1}",
                    "{\"code\":99991663,\"message\":\"token\",\"requestId\":\"r\"}",
                    "{\"errcode\":1.5,\"errmsg\":null}",
                    "{\"a\":",
                ] {
                    same(&crate::api::parse_response(id, status, body).unwrap());
                }
            }
        }
        assert!(runs > 1000, "{runs}");
    }

    /// Results written with their bodies apart, the bodies cut back out of
    /// their run by the UTF-16 lengths left in their place (as the glue
    /// does), are the text `write_build` writes: on each endpoint's doc
    /// examples, with strings that need escapes or two UTF-16 units in
    /// every top-level body field, in both locales, several to a window.
    #[test]
    fn bodies_apart_splice_back_to_the_whole_text() {
        use crate::leaf::pointer;
        use serde_json::{json, Value};
        let tricky = [
            "张三",
            "😀x😀",
            "\"\\\n\t\u{1}\u{1f}\u{2028}\u{2029}",
            "\u{feff}a",
            "a\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}",
        ];
        let zh = Options::from_json(&json!({"locale": "zh-CN"})).unwrap();
        let (mut with_body, mut without) = (0, 0);
        for (id, input) in seed_inputs() {
            let input = &input;
            let mut inputs = vec![input.clone(), json!(null)];
            for (key, v) in input["body"].as_object().into_iter().flatten() {
                if v.is_string() {
                    for t in tricky {
                        let mut x = input.clone();
                        pointer::set(&mut x, &pointer::join("/body", key), json!(t));
                        inputs.push(x);
                    }
                }
            }
            let ep = crate::api::endpoint(id).unwrap();
            for opts in [&Options::default(), &zh] {
                let (mut out, mut bodies, mut want) = (Vec::new(), Vec::new(), Vec::new());
                for v in &inputs {
                    // Built once: a Fxiaoke URL holds a fresh trace id.
                    let outcome = build_one(ep, &Json::view(v, 0, 99), opts).unwrap();
                    write_item(&mut want, &outcome);
                    out.push(if out.is_empty() { b'[' } else { b',' });
                    outcome.write_with(&mut out, Some(&mut bodies));
                }
                out.push(b']');
                let want = finish_array(want).unwrap();
                let mut items: Value = serde_json::from_slice(&out).unwrap();
                let mut rest = std::str::from_utf8(&bodies).unwrap();
                for item in items.as_array_mut().unwrap() {
                    let Some(body) = item.pointer_mut("/request/body") else {
                        without += 1;
                        continue;
                    };
                    let mut units = body.as_u64().unwrap() as usize;
                    let cut = rest
                        .char_indices()
                        .find(|(_, c)| {
                            units
                                .checked_sub(c.len_utf16())
                                .map(|u| units = u)
                                .is_none()
                        })
                        .map_or(rest.len(), |(i, _)| i);
                    assert_eq!(units, 0, "{id}: a length inside a character");
                    *body = json!(&rest[..cut]);
                    rest = &rest[cut..];
                    with_body += 1;
                }
                assert_eq!(rest, "", "{id}: bodies left over");
                let got = serde_json::to_string(&items).unwrap();
                assert!(got == want, "{id}:\n{got}\n{want}");
            }
        }
        assert!(with_body > 100 && without > 10, "{with_body} {without}");
    }

    #[test]
    fn utf16_len_counts_as_js_does() {
        use crate::leaf::tree::utf16_len;
        let mut s = String::new();
        for c in ['a', 'é', '张', '😀', '\u{10ffff}', '\u{ffff}', '\u{80}'] {
            for n in 0..20 {
                s.push(c);
                assert_eq!(utf16_len(&s), s.encode_utf16().count(), "{s:?} {n}");
                for i in 0..s.len() {
                    if let (Some(a), Some(b)) = (s.get(..i), s.get(i..)) {
                        assert_eq!(utf16_len(a) + utf16_len(b), utf16_len(&s));
                    }
                }
            }
        }
    }

    /// A batch pushed in pieces, split anywhere between characters, yields
    /// the items and the errors of one push of the whole text.
    #[test]
    fn pieces_read_as_the_whole() {
        let texts = [
            r#" [ {"a":"x,]}\"[" , "b":[1,{"c":2}]}, 3 ,"赵六", [] ] "#,
            "[]",
            "[1,]",
            "[1",
            "",
            "x[1]",
            "[1] x",
            r#"[{"a":1}}]"#,
            r#"["a long string, with ] } [ { , inside \\\" and \" 张三😀 to the end", {"b\\":"\\"}]"#,
            r#"["a long string, with ] } [ { , inside \" and " 张三😀 after the end", 1]"#,
            "[\"raw \u{1} control, ] \\\" \", 2]",
        ];
        let run = |pieces: &[&str]| -> (Vec<String>, Option<Error>) {
            let mut got = Vec::new();
            let mut stream = Stream::default();
            let mut err = None;
            for (i, p) in pieces.iter().enumerate() {
                let last = i + 1 == pieces.len();
                if let Err(e) = stream.push(p.as_bytes(), last, &mut |v| {
                    got.push(v.to_json());
                    Ok(())
                }) {
                    err = Some(e);
                    break;
                }
            }
            (got, err)
        };
        for text in texts {
            let whole = run(&[text]);
            let cuts: Vec<usize> = (0..=text.len())
                .filter(|i| text.is_char_boundary(*i))
                .collect();
            for &a in &cuts {
                for &b in cuts.iter().filter(|&&b| b >= a) {
                    let pieces = [&text[..a], &text[a..b], &text[b..]];
                    assert_eq!(run(&pieces), whole, "{text:?} cut at {a}, {b}");
                }
            }
        }
    }
}
