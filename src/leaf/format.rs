//! A named string syntax: its check, its description and its pattern.

use crate::leaf::text::{meta_str, Text};

/// Result of a string format check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatResult {
    /// The value has the documented syntax.
    Ok,
    /// The value is accepted once rewritten to this canonical form (`normalized` warning).
    Normalized(String),
    /// The value does not have the documented syntax.
    Bad,
}

impl FormatResult {
    /// `Ok` when `good`, else `Bad`.
    pub const fn ok_if(good: bool) -> FormatResult {
        if good {
            FormatResult::Ok
        } else {
            FormatResult::Bad
        }
    }
}

/// A named string syntax with its check and a description for messages.
#[derive(Debug, Clone, Copy)]
pub struct Format {
    /// Stable name, reported as `params.format`.
    pub name: &'static str,
    /// The check.
    pub check: fn(&str) -> FormatResult,
    /// What a valid value looks like, completing "must be …".
    pub expected: Text,
    /// The same syntax as an ECMA-262 regular expression (for the `u` flag,
    /// unanchored: the generators wrap it in `^(?:…)$`). It matches every
    /// text the check accepts, including those it normalises, so that the
    /// JSON Schema and forms accept what the validator accepts. Kept next to
    /// the check; `tests/meta.rs` and the ajv cross-check compare the two.
    pub pattern: &'static str,
    /// Integer ranges (inclusive) whose decimal text the check accepts: the
    /// JSON numbers a string field with this format takes (numbers are
    /// coerced to their text before the check).
    pub integers: &'static [(i64, i64)],
}

impl Format {
    /// A syntax named `name`, checked by `check`, that completes "must be …"
    /// with `expected` and reads as the ECMA-262 `pattern`, which is
    /// metadata (see [`meta_str`]: no author has to remember it). It takes
    /// no JSON numbers until [`Format::integers`] says which.
    pub const fn new(
        name: &'static str,
        check: fn(&str) -> FormatResult,
        expected: Text,
        pattern: &'static str,
    ) -> Format {
        Format {
            name,
            check,
            expected,
            pattern: meta_str(pattern),
            integers: &[],
        }
    }

    /// Also takes the JSON integers in `ranges` (inclusive), as their text.
    pub const fn integers(mut self, ranges: &'static [(i64, i64)]) -> Format {
        self.integers = ranges;
        self
    }

    /// Whether a JSON integer (`None`: a number that is not one) stands for
    /// its text here: only those [`Format::integers`] declares.
    pub fn takes_integer(&self, n: Option<i64>) -> bool {
        n.is_some_and(|i| {
            self.integers
                .iter()
                .any(|(lo, hi)| (*lo..=*hi).contains(&i))
        })
    }
}

/// Asserts that `check` accepts every `good` value as it is and refuses
/// every `bad` one (the syntaxes' unit tests).
#[cfg(test)]
pub(crate) fn assert_checks(check: fn(&str) -> FormatResult, good: &[&str], bad: &[&str]) {
    for value in good {
        assert_eq!(check(value), FormatResult::Ok, "{value:?}");
    }
    for value in bad {
        assert_eq!(check(value), FormatResult::Bad, "{value:?}");
    }
}
