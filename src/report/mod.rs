//! The validation report: a flat, ordered list of issues, each with a JSON
//! Pointer into the caller's input, a stable code, parameters and a message.

use serde::Serialize;
use serde_json::{Map, Value};

pub mod error;
mod messages;
pub mod params;

pub use error::Error;
pub use params::{Allowed, Params, Unit};

use crate::leaf::answer::Answer;
use crate::leaf::json::{write_map, Fields, WriteJson};
use crate::leaf::limits::MAX_ISSUES;
use crate::leaf::pointer;
use crate::leaf::text::{Locale, Text};

/// Declares [`Code`] once: each variant with its doc, its JSON name and
/// whether it is a warning; `ALL`, `as_str` and `is_warning` derive from it.
macro_rules! codes {
    ($( $(#[doc = $doc:literal])* $name:ident = $text:literal, $warn:literal; )+) => {
        /// A stable, closed set of issue codes. Errors and warnings share the enum so
        /// that a form can map any code to a style; which list an issue lands in is
        /// fixed per code (see [`Code::is_warning`]).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        pub enum Code {
            $( $(#[doc = $doc])* #[serde(rename = $text)] $name, )+
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$name),+];

            /// The code as it appears in JSON (`"min_items"`, …).
            pub fn as_str(self) -> &'static str {
                match self {
                    $( Code::$name => $text, )+
                }
            }

            /// Whether issues with this code are warnings (never block a request).
            /// `unknown_field` can be either (see `allowUnknown`), and so can the
            /// `max_items` issue at path `""` that ends a list cut at
            /// [`crate::leaf::limits::MAX_ISSUES`]: it sits in the list it shortens.
            pub fn is_warning(self) -> bool {
                match self {
                    $( Code::$name => $warn, )+
                }
            }
        }
    };
}

codes! {
    /// A required field is absent (or `null`).
    Required = "required", false;
    /// The value has the wrong JSON type (and no documented coercion applies).
    Type = "type", false;
    /// A field that must not be empty is `""` (or only white space where noted).
    Empty = "empty", false;
    /// The value is not one of the documented values.
    Enum = "enum", false;
    /// A number is outside its documented range (or a value past a safety limit).
    Range = "range", false;
    /// A string's length is outside its documented range (in `params.unit`).
    Length = "length", false;
    /// A string does not have the documented syntax (email, date, phone…).
    Format = "format", false;
    /// An array has fewer items than documented.
    MinItems = "min_items", false;
    /// An array has more items than documented. At the root path `""`, with
    /// `params.omitted`: the list it ends was cut at `params.max` issues.
    MaxItems = "max_items", false;
    /// An array must have as many items as another one (`params.with`).
    SameLength = "same_length", false;
    /// An array item (or a keyed entry) repeats an earlier one.
    Duplicate = "duplicate", false;
    /// A value must be one of the values of another field and is not.
    NotIn = "not_in", false;
    /// Two fields must be sent together and only one is.
    Together = "together", false;
    /// A field the vendor does not document.
    UnknownField = "unknown_field", false;
    /// A value must differ from another field's (`params.with`).
    MustDiffer = "must_differ", false;
    /// Warning: a value was converted to the documented JSON type.
    Coerced = "coerced", true;
    /// Warning: an optional field sent as `""` or `null` means "no change" and is not sent.
    DroppedEmpty = "dropped_empty", true;
    /// Warning: a value was rewritten into the vendor's canonical form.
    Normalized = "normalized", true;
    /// Warning (DingTalk): a section without `old_index` adds a new section and clears unsent fields.
    NewSection = "new_section", true;
    /// Warning: a field replaces a whole set on the vendor's side (what is not sent is removed).
    ReplacesAll = "replaces_all", true;
    /// Warning (WeCom update): `enable: 0` disables the member, who can no longer sign in.
    DisablesMember = "disables_member", true;
    /// Warning (WeCom create): without `to_invite: false`, WeCom sends the new member an invitation.
    SendsInvitation = "sends_invitation", true;
    /// Warning (DingTalk update): `""` clears nothing unless `force_update_fields` names the field.
    NotCleared = "not_cleared", true;
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding. Serialises to `{"path", "code", "message", "params"}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issue {
    /// RFC 6901 JSON Pointer into the input ("" is the root).
    pub path: String,
    /// Stable machine-readable code.
    pub code: Code,
    /// Human-readable message in the requested locale. Never contains a
    /// token or other secret: messages name fields, never echo values.
    pub message: String,
    /// Code-specific parameters (`allowed`, `min`, `max`, `expected`, …).
    pub params: Map<String, Value>,
}

/// The outcome of validation. Serialises to `{"ok", "errors", "warnings"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Report {
    /// True iff `errors` is empty.
    pub ok: bool,
    /// Problems that stop the request from being built.
    pub errors: Vec<Issue>,
    /// Things the caller should know that do not block the request.
    pub warnings: Vec<Issue>,
}

impl WriteJson for Issue {
    fn write_json(&self, out: &mut Vec<u8>) {
        let mut f = Fields::new(out);
        f.str("path", &self.path)
            .str("code", self.code.as_str())
            .str("message", &self.message);
        write_map(f.key("params"), &self.params);
        f.end();
    }
}

impl WriteJson for Report {
    fn write_json(&self, out: &mut Vec<u8>) {
        Fields::new(out)
            .bool("ok", self.ok)
            .item("errors", &self.errors)
            .item("warnings", &self.warnings)
            .end();
    }
}

impl Report {
    /// Issues of both lists whose path is `pointer` or lies below it.
    pub fn issues_at<'a>(&'a self, pointer: &'a str) -> impl Iterator<Item = &'a Issue> + 'a {
        self.errors
            .iter()
            .chain(self.warnings.iter())
            .filter(move |i| pointer::is_at_or_below(&i.path, pointer))
    }
}

/// An issue before its message is rendered: cheap to create, rendered once
/// at the end in the caller's locale.
#[derive(Debug, Clone)]
pub(crate) struct RawIssue {
    pub path: String,
    pub code: Code,
    pub warning: bool,
    pub params: Params,
    /// What a valid value looks like, for `format`-style messages.
    pub hint: Option<Text>,
}

/// Collects issues during one validation run, keeping at most
/// [`MAX_ISSUES`] of each kind (and counting the rest), so a
/// million bad items cost a counter, not a million messages.
#[derive(Debug, Default)]
pub struct Ctx {
    issues: Vec<RawIssue>,
    /// Whether unknown fields are warnings (and passed through) instead of errors.
    pub allow_unknown: bool,
    /// Whether the run only reports, so the walk need not collect what it
    /// would send (callgrind, Ekuaibao doc validate: the sent objects'
    /// vectors were a malloc and a free each).
    pub(crate) report_only: bool,
    /// Kept errors and warnings.
    kept: [usize; 2],
    /// Errors and warnings left out past the cap.
    omitted: [usize; 2],
}

impl Ctx {
    /// A collector; `allow_unknown` mirrors [`crate::Options::allow_unknown`].
    pub fn new(allow_unknown: bool) -> Self {
        Ctx {
            allow_unknown,
            ..Ctx::default()
        }
    }

    /// Records an error at `path`.
    pub fn error(&mut self, path: &str, code: Code, params: Params) {
        self.push(path, code, false, params, None);
    }

    /// Records a warning at `path`.
    pub fn warn(&mut self, path: &str, code: Code, params: Params) {
        self.push(path, code, true, params, None);
    }

    /// Records an error whose message completes "must be …" with `hint`.
    pub fn error_hint(&mut self, path: &str, code: Code, params: Params, hint: Text) {
        self.push(path, code, false, params, Some(hint));
    }

    /// Records a warning whose message describes the canonical form with `hint`.
    pub fn warn_hint(&mut self, path: &str, code: Code, params: Params, hint: Text) {
        self.push(path, code, true, params, Some(hint));
    }

    fn push(&mut self, path: &str, code: Code, warning: bool, params: Params, hint: Option<Text>) {
        let kind = usize::from(warning);
        if self.kept[kind] >= MAX_ISSUES {
            self.omitted[kind] += 1;
            return;
        }
        self.kept[kind] += 1;
        self.issues.push(RawIssue {
            path: path.to_owned(),
            code,
            warning,
            params,
            hint,
        });
    }

    /// How many issues have been recorded.
    pub(crate) fn len(&self) -> usize {
        self.issues.len()
    }

    /// How many errors have been found so far (kept or not).
    pub fn error_count(&self) -> usize {
        self.kept[0] + self.omitted[0]
    }

    /// Puts issues in the order their paths take in `input` (stable, so
    /// issues at one path keep the order they were found in). Needed only
    /// after cross-field rules, which run after the walk. Each path is
    /// ranked once, with each object's key positions looked up in a table
    /// built once: linear in the input, whatever the objects' sizes.
    pub(crate) fn sort_by_document(&mut self, input: &crate::leaf::tree::Json) {
        let mut order = pointer::DocumentOrder::new(input);
        let issues = std::mem::take(&mut self.issues);
        self.issues = sorted_by_rank(issues, |issue| order.rank(&issue.path));
    }

    /// Whether nothing at all (error or warning) has been recorded.
    pub fn is_clean(&self) -> bool {
        self.issues.is_empty()
    }

    /// Whether any error has been recorded so far (the metadata generators
    /// run a field's check to learn what it accepts).
    #[cfg(feature = "meta")]
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(|i| !i.warning)
    }

    /// Whether an error has been recorded at `path` or below it.
    pub fn has_error_at(&self, path: &str) -> bool {
        self.issues
            .iter()
            .any(|i| !i.warning && pointer::is_at_or_below(&i.path, path))
    }

    /// Renders the messages and splits errors from warnings.
    pub fn finish(mut self, locale: Locale) -> Report {
        let issue = |raw: RawIssue| Issue {
            message: messages::render(&raw, locale),
            path: raw.path,
            code: raw.code,
            params: raw.params.into_map(),
        };
        let mut lists = [Vec::new(), Vec::new()];
        for raw in std::mem::take(&mut self.issues) {
            if let Some(list) = lists.get_mut(usize::from(raw.warning)) {
                list.push(issue(raw));
            }
        }
        for (kind, list) in lists.iter_mut().enumerate() {
            if let Some(raw) = self.omitted_issue(kind) {
                list.push(issue(raw));
            }
        }
        let [errors, warnings] = lists;
        Report {
            ok: errors.is_empty(),
            errors,
            warnings,
        }
    }

    /// Writes [`Ctx::finish`]'s report to an answer tape (the same report,
    /// tested), straight from the raw issues: no map, `Issue` or `Report`
    /// is built and dropped (callgrind, Ekuaibao bad example: making the
    /// params maps and dropping the report were a fifth of a validate).
    /// The words: `ok` (0 or 1), the numbers of errors and of warnings,
    /// then each issue's path, code and message (as [`Answer::str`]) and
    /// its params (a value).
    pub(crate) fn write_answer(&self, locale: Locale, out: &mut Answer) {
        let omitted = [self.omitted_issue(0), self.omitted_issue(1)];
        out.count(usize::from(self.error_count() == 0));
        for kind in [0, 1] {
            let kept = self.kept.get(kind).copied().unwrap_or(0);
            out.count(kept + omitted.get(kind).map_or(0, |o| usize::from(o.is_some())));
        }
        for (kind, omitted) in omitted.iter().enumerate() {
            let list = self
                .issues
                .iter()
                .filter(|i| usize::from(i.warning) == kind);
            for raw in list.chain(omitted) {
                out.str(&raw.path);
                out.str(raw.code.as_str());
                out.str_with(|s| messages::render_into(raw, locale, s));
                raw.params.write_answer(out);
            }
        }
        out.finish();
    }

    /// The `max_items` issue at `""` that ends the errors (`kind` 0) or
    /// warnings (1) cut at [`MAX_ISSUES`], if any were left out.
    fn omitted_issue(&self, kind: usize) -> Option<RawIssue> {
        let omitted = *self.omitted.get(kind)?;
        (omitted > 0).then(|| RawIssue {
            path: String::new(),
            code: Code::MaxItems,
            warning: kind == 1,
            params: Params::Omitted {
                max: MAX_ISSUES,
                omitted,
            },
            hint: None,
        })
    }
}

/// `items` stably sorted by `rank`. Every sort of the crate goes through
/// this small merge sort of indices: the standard library's sorts add
/// ~3 KiB of wasm per element type, this is a few hundred bytes.
pub(crate) fn sorted_by_rank<T>(items: Vec<T>, rank: impl FnMut(&T) -> Vec<usize>) -> Vec<T> {
    let keys: Vec<Vec<usize>> = items.iter().map(rank).collect();
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    merge_sort_indices(&keys)
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

/// The indices of `keys` in stable ascending order of their keys
/// (bottom-up merge sort: O(n log n), no recursion).
fn merge_sort_indices(keys: &[Vec<usize>]) -> Vec<usize> {
    let n = keys.len();
    let mut from: Vec<usize> = (0..n).collect();
    let mut to = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            for slot in &mut to[start..end] {
                // Ties take the left run: that is what keeps the sort stable.
                let left = j >= end || (i < mid && keys[from[i]] <= keys[from[j]]);
                if left {
                    *slot = from[i];
                    i += 1;
                } else {
                    *slot = from[j];
                    j += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    from
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An answer tape's report as JSON text, read as the glue reads it.
    pub(crate) fn read_report(answer: &Answer) -> String {
        use serde_json::{json, Value};
        let mut r = crate::leaf::answer::Reader::new(answer, params::KEYS);
        let ok = r.count() == 1;
        let counts = [r.count(), r.count()];
        let [errors, warnings] = counts.map(|n| {
            (0..n)
                .map(|_| json!({"path": r.str(), "code": r.str(), "message": r.str(), "params": r.value()}))
                .collect::<Vec<Value>>()
        });
        assert!(r.is_done());
        json!({"ok": ok, "errors": errors, "warnings": warnings}).to_string()
    }

    /// Every shape of `params`, with and without a hint, as errors and as
    /// warnings, in both locales, past the issue cap or not: the answer
    /// tape written straight from the issues holds `finish`'s report.
    #[test]
    fn answer_is_the_finished_report() {
        use serde_json::json;
        let p = || "/body/a~1b/0".to_owned();
        let shapes = [
            Params::None,
            Params::Because(p()),
            Params::BecauseSent(p()),
            Params::Or(p()),
            Params::Type {
                expected: "string",
                actual: "number",
            },
            Params::Allowed(Allowed::Values(vec![
                json!("a\"b"),
                json!(-1),
                json!(null),
                json!(1.5),
            ])),
            Params::Allowed(Allowed::Values(Vec::new())),
            Params::Allowed(Allowed::Texts(&["M", "", "万"])),
            Params::Allowed(Allowed::Ints(&[-1, 0, i64::MAX])),
            Params::Allowed(Allowed::Keys {
                keys: vec!["a", "b~/"],
                prefixed: Some("u_"),
            }),
            Params::Allowed(Allowed::Keys {
                keys: Vec::new(),
                prefixed: None,
            }),
            Params::Range {
                min: Some(-5),
                max: None,
            },
            Params::Range {
                min: None,
                max: Some(i64::MAX),
            },
            Params::Range {
                min: Some(i64::MIN),
                max: Some(0),
            },
            Params::MaxDepth(64),
            Params::MaxLength(usize::MAX),
            Params::Format("email"),
            Params::MinItems { min: 1, actual: 0 },
            Params::MaxItems { max: 2, actual: 3 },
            Params::First(p()),
            Params::List(p()),
            Params::Group {
                field_group: "g1".into(),
                group: "g\u{2028}2".into(),
                list: p(),
            },
            Params::With(p()),
            Params::Coerced {
                from: "string",
                to: "integer",
            },
            Params::Dropped("null"),
            Params::Length {
                min: Some(1),
                max: Some(64),
                unit: Unit::Bytes,
                actual: 70,
            },
            Params::Length {
                min: None,
                max: None,
                unit: Unit::Chars,
                actual: 0,
            },
            Params::SameLength {
                with: p(),
                expected: 2,
            },
        ];
        let hint = Text::new("a \"hint\"", "提示");
        for locale in [Locale::En, Locale::ZhCn] {
            for repeat in [1, MAX_ISSUES / 10 + 1] {
                let mut ctx = Ctx::new(false);
                for _ in 0..repeat {
                    for (i, params) in shapes.iter().enumerate() {
                        for code in Code::ALL {
                            let path = ["", "/body/name", "/body/departments/3"][i % 3];
                            let (params, warning) = (params.clone(), code.is_warning());
                            match (warning, i % 2 == 0) {
                                (false, false) => ctx.error(path, *code, params),
                                (false, true) => ctx.error_hint(path, *code, params, hint),
                                (true, false) => ctx.warn(path, *code, params),
                                (true, true) => ctx.warn_hint(path, *code, params, hint),
                            }
                        }
                    }
                }
                let mut answer = Answer::default();
                ctx.write_answer(locale, &mut answer);
                let finished = serde_json::to_string(&ctx.finish(locale)).unwrap();
                assert_eq!(read_report(&answer), finished);
            }
        }
    }

    /// The hand-written merge sort gives exactly the standard stable sort's order.
    #[test]
    fn sorted_by_rank_matches_std_stable_sort() {
        let mut next = crate::leaf::testing::xorshift(0x2545_f491_4f6c_dd1d);
        for n in 0..70 {
            let items: Vec<(Vec<usize>, usize)> = (0..n)
                .map(|i| ((0..next(3)).map(|_| next(4)).collect(), i))
                .collect();
            let mut expected = items.clone();
            expected.sort_by(|a, b| a.0.cmp(&b.0));
            assert_eq!(sorted_by_rank(items, |x| x.0.clone()), expected);
        }
    }
}
