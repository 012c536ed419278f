//! Batch entry points for bulk sync: many inputs in one JSON array text, one
//! result per item, in order. One bad item never stops the others.

use serde::Serialize;
use serde_json::Value;

use crate::error::Error;
use crate::options::Options;
use crate::report::Report;
use crate::request::HttpRequest;

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
        warnings: Vec<crate::Issue>,
    },
    /// The item has errors.
    Invalid {
        /// Always false.
        ok: bool,
        /// Its report.
        report: Report,
    },
}

fn parse_array(inputs_json: &str) -> Result<Vec<Value>, Error> {
    match serde_json::from_str::<Value>(inputs_json) {
        Ok(Value::Array(items)) => Ok(items),
        Ok(_) => Err(Error::InvalidBatch {
            reason: "the batch must be a JSON array of inputs".into(),
        }),
        Err(e) => Err(Error::InvalidBatch {
            reason: format!("the batch is not valid JSON: {e}"),
        }),
    }
}

/// Validates every input of a JSON array text. `Err` only for an unknown
/// endpoint, an unusable option, or text that is not a JSON array.
pub fn validate_many(
    endpoint: &str,
    inputs_json: &str,
    options: &Options,
) -> Result<Vec<Report>, Error> {
    crate::endpoint(endpoint)?.check_options(options)?;
    parse_array(inputs_json)?
        .iter()
        .map(|input| crate::validate(endpoint, input, options))
        .collect()
}

/// Builds the request of every input of a JSON array text; invalid items
/// carry their report instead.
pub fn build_many(
    endpoint: &str,
    inputs_json: &str,
    options: &Options,
) -> Result<Vec<BuildOutcome>, Error> {
    crate::endpoint(endpoint)?.check_options(options)?;
    parse_array(inputs_json)?
        .iter()
        .map(|input| match crate::build(endpoint, input, options) {
            Ok(built) => Ok(BuildOutcome::Built {
                ok: true,
                request: built.request,
                warnings: built.report.warnings,
            }),
            Err(Error::Invalid(report)) => Ok(BuildOutcome::Invalid { ok: false, report }),
            Err(e) => Err(e),
        })
        .collect()
}
