//! Leaves: texts, JSON Pointers, limits, string syntaxes, URL encoding and
//! entropy. Nothing here knows about issues, fields or endpoints.

pub mod answer;
pub mod checks;
pub mod entropy;
pub mod format;
pub mod json;
pub mod limits;
pub mod pointer;
pub mod text;
pub mod tree;
pub mod url;

#[cfg(test)]
pub(crate) mod testing;
