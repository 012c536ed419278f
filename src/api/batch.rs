//! Batch entry points for bulk sync: many inputs in one JSON array text, one
//! result per item, in order. One bad item never stops the others.
//!
//! The array is streamed: each item is checked as soon as it is parsed and
//! its tree dropped before the next one, so memory holds one input at a time
//! (a 100 000-record batch parsed whole took ~10× its text in wasm memory).

use crate::leaf::tree::Json;
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

/// Calls `each` on every item of the JSON array `text`, one parsed item at a
/// time. `Err` when the text is not a JSON array (or `each` fails).
///
/// The items are found by a scan that only tracks strings and nesting, and
/// each is parsed by serde_json on its own; any text that is not a JSON
/// array leaves some slice that serde_json rejects, or a structure error
/// here. (Not a serde `Visitor`: its default methods link serde's
/// "invalid type" messages with float printing, ~14 KiB gzip of wasm.)
fn for_each_item(text: &str, each: &mut dyn FnMut(Json) -> Result<(), Error>) -> Result<(), Error> {
    let bytes = text.as_bytes();
    let Some(open) = bytes.iter().position(|b| !is_json_space(*b)) else {
        return Err(not_json("the text is empty"));
    };
    if bytes.get(open) != Some(&b'[') {
        return Err(Error::InvalidBatch {
            reason: "the batch must be JSON text of an array of inputs".into(),
        });
    }
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut start = open + 1;
    let mut index = 0usize;
    let mut item = |slice: &str, index: usize| -> Result<(), Error> {
        let value = Json::parse(slice).map_err(|e| not_json(&format!("item {index}: {e}")))?;
        each(value)
    };
    for (at, &b) in bytes.iter().enumerate().skip(open + 1) {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => depth += 1,
            b']' | b'}' if depth > 0 => depth -= 1,
            b',' if depth == 0 => {
                item(text.get(start..at).unwrap_or(""), index)?;
                index += 1;
                start = at + 1;
            }
            b']' => {
                let last = text.get(start..at).unwrap_or("");
                // `[]` has no item; `[1,]` has an empty last one (an error).
                if index > 0 || !last.bytes().all(is_json_space) {
                    item(last, index)?;
                }
                let rest = text.get(at + 1..).unwrap_or("");
                if !rest.bytes().all(is_json_space) {
                    return Err(not_json("text after the closing ]"));
                }
                return Ok(());
            }
            b'}' => return Err(not_json("unbalanced }")),
            _ => {}
        }
    }
    Err(not_json("the array is not closed"))
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

/// Validates every input of a JSON array text. `Err` only for an unknown
/// endpoint, an unusable option, or text that is not a JSON array.
pub fn validate_many(
    endpoint: &str,
    inputs_json: &str,
    options: &Options,
) -> Result<Vec<Report>, Error> {
    let ep = crate::api::endpoint(endpoint)?;
    ep.check_options(options)?;
    let mut out = Vec::new();
    for_each_item(inputs_json, &mut |input| {
        out.push(crate::api::validate_tree(ep, &input, options));
        Ok(())
    })?;
    Ok(out)
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
    let ep = crate::api::endpoint(endpoint)?;
    ep.check_options(options)?;
    let mut out = Vec::new();
    for_each_item(inputs_json, &mut |input| {
        out.push(build_one(ep, &input, options)?);
        Ok(())
    })?;
    Ok(out)
}

/// Writes the build outcome of one input as JSON (what a [`build_many`]
/// item serialises to).
pub(crate) fn write_build(
    out: &mut Vec<u8>,
    ep: &Endpoint,
    input: &Json,
    options: &Options,
) -> Result<(), Error> {
    serde_json::to_writer(&mut *out, &build_one(ep, input, options)?).map_err(|e| {
        Error::InvalidBatch {
            reason: e.to_string(),
        }
    })
}

/// Appends `item` to the JSON array text being written in `out`.
fn write_item<T: Serialize>(out: &mut Vec<u8>, item: &T) -> Result<(), Error> {
    out.push(if out.len() > 1 { b',' } else { b'[' });
    serde_json::to_writer(&mut *out, item).map_err(|e| Error::InvalidBatch {
        reason: e.to_string(),
    })
}

fn finish_array(mut out: Vec<u8>) -> Result<String, Error> {
    if out.is_empty() {
        out.push(b'[');
    }
    out.push(b']');
    // serde_json writes UTF-8 only, so this never fails; a fixed reason
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
    let ep = crate::api::endpoint(endpoint)?;
    ep.check_options(options)?;
    let mut out = Vec::with_capacity(inputs_json.len() / 2);
    for_each_item(inputs_json, &mut |input| {
        write_item(&mut out, &crate::api::validate_tree(ep, &input, options))
    })?;
    finish_array(out)
}

/// [`build_many`] with its results written as JSON array text, as
/// [`validate_many_json`].
pub fn build_many_json(
    endpoint: &str,
    inputs_json: &str,
    options: &Options,
) -> Result<String, Error> {
    let ep = crate::api::endpoint(endpoint)?;
    ep.check_options(options)?;
    let mut out = Vec::with_capacity(inputs_json.len() + inputs_json.len() / 2);
    for_each_item(inputs_json, &mut |input| {
        write_item(&mut out, &build_one(ep, &input, options)?)
    })?;
    finish_array(out)
}
