//! ECMA-262 regular expression sources generated from the field tables:
//! integer ranges, literal text and JSON text. They are written for the
//! `u` flag (what ajv uses by default): no Annex B leniencies, so `{` and
//! `}` are escaped and nothing else is escaped needlessly.

use crate::model::field::{ArrayRule, Field, StrRule, Ty};

/// Unicode `White_Space`, which Rust's `str::trim` strips (JavaScript's
/// `\s` differs: it adds U+FEFF and lacks U+0085).
pub(crate) const WHITE_SPACE: &str =
    r"[\t-\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]";

/// Any one character other than [`WHITE_SPACE`].
pub(crate) const NOT_WHITE_SPACE: &str =
    r"[^\t-\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]";

/// `text` as a literal in a `u`-flag pattern.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "^$\\.*+?()[]{}|/".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `^(?:a|b|…)$`: the whole value matches one alternative.
pub(crate) fn whole(alternatives: &[&str]) -> String {
    whole_unless("", alternatives)
}

/// [`whole`] with a lookahead (e.g. `(?!…$)`) checked at the start first.
pub(crate) fn whole_unless(lookahead: &str, alternatives: &[&str]) -> String {
    let inner: Vec<String> = alternatives.iter().map(|a| format!("(?:{a})")).collect();
    format!("^{lookahead}(?:{})$", inner.join("|"))
}

fn class(a: u8, b: u8) -> String {
    if a == b {
        char::from(a).to_string()
    } else {
        format!("[{}-{}]", char::from(a), char::from(b))
    }
}

fn group(alternatives: Vec<String>) -> String {
    match alternatives.as_slice() {
        [one] => one.clone(),
        _ => format!("(?:{})", alternatives.join("|")),
    }
}

/// `n` ASCII digits.
pub(crate) fn any_digits(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => "[0-9]".to_owned(),
        n => format!("[0-9]{{{n}}}"),
    }
}

/// Alternatives matching the digit strings from `lo` to `hi`, both of the
/// same length.
fn same_length(lo: &[u8], hi: &[u8]) -> Vec<String> {
    let (Some((&l, lo_rest)), Some((&h, hi_rest))) = (lo.split_first(), hi.split_first()) else {
        return vec![String::new()];
    };
    if lo == hi {
        return vec![lo.iter().map(|&b| char::from(b)).collect()];
    }
    if l == h {
        return vec![format!(
            "{}{}",
            char::from(l),
            group(same_length(lo_rest, hi_rest))
        )];
    }
    let n = lo_rest.len();
    let mut out = Vec::new();
    let mut first = l;
    let mut last = h;
    let lo_from_zero = lo_rest.iter().all(|&c| c == b'0');
    let hi_to_nine = hi_rest.iter().all(|&c| c == b'9');
    if !lo_from_zero {
        out.push(format!(
            "{}{}",
            char::from(l),
            group(same_length(lo_rest, &vec![b'9'; n]))
        ));
        first += 1;
    }
    if !hi_to_nine {
        last -= 1;
    }
    if first <= last {
        out.push(format!("{}{}", class(first, last), any_digits(n)));
    }
    if !hi_to_nine {
        out.push(format!(
            "{}{}",
            char::from(h),
            group(same_length(&vec![b'0'; n], hi_rest))
        ));
    }
    out
}

/// Canonical decimals (no sign, no leading zero) from `a` ≥ 1 to `b`.
fn positive_range(a: u64, b: u64) -> Vec<String> {
    let mut out = Vec::new();
    let (da, db) = (a.to_string().len(), b.to_string().len());
    for len in da..=db {
        let low = if len == da {
            a
        } else {
            10u64.pow(len as u32 - 1)
        };
        let high = if len == db {
            b
        } else {
            10u64.pow(len as u32) - 1
        };
        out.extend(same_length(
            low.to_string().as_bytes(),
            high.to_string().as_bytes(),
        ));
    }
    out
}

/// A pattern (unanchored alternatives) matching exactly the canonical
/// decimal texts (`0`, `42`, `-7`: no `+`, no leading zeros, no `-0`) of
/// the integers from `lo` to `hi`, as the validator takes digit strings for
/// integer fields.
pub(crate) fn int_range(lo: i64, hi: i64) -> String {
    if lo > hi {
        return "(?!)".to_owned();
    }
    let mut alternatives = Vec::new();
    if lo < 0 {
        let top = hi.min(-1);
        alternatives.push(format!(
            "-{}",
            group(positive_range(top.unsigned_abs(), lo.unsigned_abs()))
        ));
    }
    if lo <= 0 && hi >= 0 {
        alternatives.push("0".to_owned());
    }
    if hi > 0 {
        alternatives.extend(positive_range(lo.max(1).unsigned_abs(), hi.unsigned_abs()));
    }
    alternatives.join("|")
}

/// JSON whitespace.
const JSON_WS: &str = r"[ \t\n\r]*";

/// A non-empty JSON string literal as `serde_json` parses it: no raw
/// control characters, valid escapes, `\u` surrogates only in pairs.
const JSON_NON_EMPTY_STRING: &str = r#""(?:[^"\\\u0000-\u001F]|\\["\\/bfnrt]|\\u(?![Dd][89A-Fa-f])[0-9A-Fa-f]{4}|\\u[Dd][89ABab][0-9A-Fa-f]{2}\\u[Dd][C-Fc-f][0-9A-Fa-f]{2})+""#;

fn is_plain_required_string(f: &Field) -> bool {
    matches!(
        f.ty,
        Ty::Str(StrRule {
            one_of: &[],
            format: None,
            blank_is_empty: false,
            length: None,
        })
    ) && f.required
}

fn permutations(items: &[String]) -> Vec<Vec<String>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    let mut out = Vec::new();
    for (i, first) in items.iter().enumerate() {
        let mut rest = items.to_vec();
        rest.remove(i);
        for mut tail in permutations(&rest) {
            tail.insert(0, first.clone());
            out.push(tail);
        }
    }
    out
}

/// A pattern (anchor it yourself) for the JSON text of an array that
/// `rule` accepts without any coercion or warning, for the shapes it
/// knows: items that are objects of one to three required plain string
/// fields (in any key order), no uniqueness. `None` for other shapes.
pub(crate) fn json_text_of(rule: &ArrayRule) -> Option<String> {
    let Ty::Object(object) = rule.item.ty else {
        return None;
    };
    if !rule.item.required
        || rule.unique
        || object.prefixed.is_some()
        || object.fields.is_empty()
        || object.fields.len() > 3
        || !object.fields.iter().all(is_plain_required_string)
    {
        return None;
    }
    let members: Vec<String> = object
        .fields
        .iter()
        .map(|f| {
            let key = serde_json::to_string(f.key).unwrap_or_default();
            format!("{}{JSON_WS}:{JSON_WS}{JSON_NON_EMPTY_STRING}", escape(&key))
        })
        .collect();
    let orders: Vec<String> = permutations(&members)
        .into_iter()
        .map(|order| order.join(&format!("{JSON_WS},{JSON_WS}")))
        .collect();
    let item = format!(r"\{{{JSON_WS}(?:{}){JSON_WS}\}}", orders.join("|"));
    // Each item is followed by a comma that another item follows, or by the `]`.
    let count = match rule.max_items {
        Some(max) => format!("{{{},{max}}}", rule.min_items),
        None if rule.min_items == 0 => "*".to_owned(),
        None => format!("{{{},}}", rule.min_items),
    };
    Some(format!(
        r"{JSON_WS}\[(?:{JSON_WS}{item}{JSON_WS}(?:,(?!{JSON_WS}\])|(?=\]))){count}{JSON_WS}\]{JSON_WS}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(int_range(0, 9), "0|[1-9]");
        assert_eq!(int_range(1, 2), "[1-2]");
        assert_eq!(int_range(1, 500), "[1-9]|[1-9][0-9]|[1-4][0-9]{2}|500");
        assert_eq!(int_range(-5, 5), "-[1-5]|0|[1-5]");
        assert_eq!(int_range(3, 2), "(?!)");
        assert_eq!(int_range(10, 19), "1[0-9]");
        assert_eq!(
            int_range(123, 456),
            "1(?:2[3-9]|[3-9][0-9])|[2-3][0-9]{2}|4(?:[0-4][0-9]|5[0-6])"
        );
    }

    #[test]
    fn escapes() {
        assert_eq!(escape("a.b{c}-"), r"a\.b\{c\}-");
    }
}
