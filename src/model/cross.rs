//! Cross-field rules: what each checks, as data. An object declares the
//! rules over its fields (`ObjectRule::cross`); the engine checks them
//! (`engine::cross`) and the generators describe them.

use crate::leaf::format::Format;
use crate::leaf::text::{Meta, Text};
use crate::report::Code;

/// One cross-field rule: what it checks (`kind`, over `pointers`), the
/// issue it reports and its words. The engine checks it
/// (`engine::cross`); `describe` and `json_schema` describe it.
#[derive(Debug, Clone, Copy)]
pub struct CrossRule {
    /// The issue code the rule reports.
    pub code: Code,
    /// The fields involved, as JSON Pointers into the input (`-` stands
    /// for any array index, bound alike in every pointer of the rule); the
    /// field the issue is reported at comes first (for
    /// [`CrossKind::Together`], either one, whichever is missing).
    pub pointers: &'static [&'static str],
    /// What is checked.
    pub kind: CrossKind,
    /// The rule in words.
    pub text: Text,
    /// Where the rule comes from.
    pub source: Meta,
}

impl CrossRule {
    /// A rule of `kind` over `pointers` that reports `code`; its words and
    /// citation are metadata, set with [`CrossRule::text`] and
    /// [`CrossRule::source`].
    pub const fn new(code: Code, kind: CrossKind, pointers: &'static [&'static str]) -> CrossRule {
        CrossRule {
            code,
            pointers,
            kind,
            text: Text::NONE,
            source: Meta::NONE,
        }
    }

    /// Sets the rule in words (metadata: [`Text::meta`]).
    pub const fn text(mut self, en: &'static str, zh: &'static str) -> CrossRule {
        self.text = Text::meta(en, zh);
        self
    }

    /// Sets the citation (metadata: [`Meta`]).
    pub const fn source(mut self, source: &'static str) -> CrossRule {
        self.source = Meta::new(source);
        self
    }
}

/// The kinds of cross-field rule. "Sent" means present and not `null`, as
/// the rules read the input; a value that failed its own field checks
/// takes no part in a comparison.
#[derive(Debug, Clone, Copy)]
pub enum CrossKind {
    /// Sibling fields `pointers[0]` and `pointers[1]` are both sent or neither is.
    Together,
    /// When the sibling boolean `pointers[1]` is `true`, `pointers[0]` must be sent.
    RequiredIfTrue,
    /// `pointers[0]` must equal one of the items of the array `pointers[1]`.
    MemberOf,
    /// The values at `pointers[0]` must be distinct within their innermost
    /// array (the last `-` of the pointer), compared as `by` reads them.
    Unique {
        /// How values are compared.
        by: UniqueBy,
    },
    /// When the sibling `pointers[1]` holds one of `values`, `pointers[0]`
    /// must have `format`.
    FormatWhen {
        /// The values of `pointers[1]` that trigger the check.
        values: &'static [&'static str],
        /// The syntax `pointers[0]` must have then.
        format: &'static Format,
    },
    /// `pointers[0]` must not hold one of `values`; the issue reads
    /// "must be `format`" (params `{"format": format.name}`).
    NoneOf {
        /// The refused values.
        values: &'static [&'static str],
        /// What is accepted, in words.
        format: &'static Format,
    },
    /// A `pointers[0]` text of the form `<prefix><digits>-…` (exactly
    /// `digits` ASCII digits, something after the `-`) must sit in the
    /// group whose id `pointers[1]` is `<prefix><digits>`.
    GroupPrefix {
        /// The literal start of a group id, e.g. `sys`.
        prefix: &'static str,
        /// How many digits follow it.
        digits: usize,
    },
    /// The arrays `pointers[0]` and `pointers[1]`, when both are sent,
    /// have as many items.
    SameLength,
    /// At least one of the sibling fields `pointers[0]` and `pointers[1]` is
    /// sent; when neither is, `required` at `pointers[0]` (params `{"or"}`).
    AtLeastOne,
    /// When `pointers[1]` is sent, `pointers[0]` must be sent too;
    /// `required` at `pointers[0]` (params `{"because": pointers[1]}`).
    RequiredWith,
    /// `pointers[0]` must not equal `pointers[1]` (compared as text);
    /// reported at `pointers[0]` (params `{"with": pointers[1]}`).
    Differ,
    /// Advice (a warning) at `pointers[0]` when its value (a string, or a
    /// number or boolean as its JSON text) is one of `values`; with a
    /// second pointer, not when `pointers[1]` is a comma-separated list
    /// that names `unless`.
    AdviceIf {
        /// The values that call for the advice.
        values: &'static [&'static str],
        /// The item of `pointers[1]`'s list that makes it needless.
        unless: &'static str,
    },
    /// Advice (a warning): reported at `pointers[0]` when it is an object
    /// without `pointers[1]`, or (when only one pointer is given) whenever
    /// `pointers[0]` is sent. It never rejects an input.
    Advice,
}

/// How [`CrossKind::Unique`] compares values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UniqueBy {
    /// Strings, as sent.
    Text,
    /// Integers, as an integer field sends them (`0`, `-0`, `"0"` alike).
    Integer,
}
