//! Form metadata, JSON Schema and TypeScript types, generated from the same
//! field tables the validator walks (so they cannot drift apart).
//!
//! STUB: filled in by the metadata work (issue 3).

use serde_json::{json, Value};

use crate::error::Error;

/// Field metadata for building forms: for every field its pointer, JSON
/// type, required flag, enum values, limits, en / zh-CN labels and help, and
/// doc citation.
pub fn describe(endpoint: &str) -> Result<Value, Error> {
    crate::endpoint(endpoint)?;
    Ok(json!({}))
}

/// A JSON Schema (2020-12) of the input envelope of `endpoint`.
pub fn json_schema(endpoint: &str) -> Result<Value, Error> {
    crate::endpoint(endpoint)?;
    Ok(json!({}))
}

/// TypeScript declarations of every endpoint's input type.
pub fn typescript_definitions() -> String {
    String::new()
}
