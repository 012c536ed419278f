//! Issue messages in English and Simplified Chinese, rendered from an
//! issue's code, path, params and hint. Messages name fields and echo
//! documented constants (allowed values, limits) but never a value the
//! caller sent, so no token can leak through them.

use std::borrow::Cow;

use serde_json::Value;

use crate::leaf::json::json_text;
use crate::leaf::pointer::{self, field_name};
use crate::leaf::text::Locale;
use crate::report::params::Item;
use crate::report::{Code, Params, RawIssue, Unit};

/// `format!` onto `$out` (writing to a String cannot fail).
macro_rules! put {
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = write!($out, $($arg)*);
    }};
}

/// The message in the reader's language, formatted onto `$out`: the
/// Chinese text when `zh`, else the English one (each names what it shows).
macro_rules! say {
    ($out:expr, $zh:expr, $zh_text:literal, $en_text:literal) => {
        if $zh {
            put!($out, $zh_text)
        } else {
            put!($out, $en_text)
        }
    };
}

/// Type words: (param value, English, Chinese). A table, not a `match`:
/// the match compiled to one string comparison per arm and locale.
const TYPE_WORDS: &[(&str, &str, &str)] = &[
    ("string", "a string", "字符串"),
    ("integer", "an integer", "整数"),
    ("number", "a number", "数字"),
    (
        "boolean",
        "a boolean (true or false)",
        "布尔值（true 或 false）",
    ),
    ("object", "an object", "对象"),
    ("array", "an array", "数组"),
    ("null", "null", "null"),
    // Words for JS values that JSON cannot carry, reported by the wasm boundary.
    (
        "JSON value",
        "a JSON value (string, number, boolean, null, array or plain object)",
        "JSON 值（字符串、数字、布尔值、null、数组或普通对象）",
    ),
    ("undefined", "undefined", "undefined"),
    ("NaN", "NaN", "NaN"),
    ("Infinity", "Infinity", "Infinity"),
    ("-Infinity", "-Infinity", "-Infinity"),
    ("bigint", "a BigInt", "BigInt"),
    ("function", "a function", "函数"),
    ("symbol", "a symbol", "Symbol"),
    ("Date", "a Date object", "Date 对象"),
    ("Map", "a Map", "Map 对象"),
    ("Set", "a Set", "Set 对象"),
    (
        "class instance",
        "an instance of a class (only plain objects are allowed)",
        "类的实例（只接受普通对象）",
    ),
    ("cycle", "a circular reference", "循环引用"),
    (
        "lone surrogate",
        "a string with an unpaired UTF-16 surrogate",
        "含有不成对 UTF-16 代理项的字符串",
    ),
    ("too deep", "a value nested too deeply", "嵌套层数过多的值"),
    (
        "unreadable",
        "a value that could not be read (a getter or proxy threw)",
        "无法读取的值（getter 或 Proxy 抛出了异常）",
    ),
];

fn type_word(t: &str, locale: Locale) -> &'static str {
    let (en, zh) = TYPE_WORDS.iter().find(|(key, _, _)| *key == t).map_or(
        ("a value JSON cannot carry", "JSON 无法表示的值"),
        |&(_, en, zh)| (en, zh),
    );
    match locale {
        Locale::En => en,
        Locale::ZhCn => zh,
    }
}

/// The type a value was found to have. Separate from [`type_word`]: "(true
/// or false)" helps in "must be", not in "not", and a "number" found where
/// an integer is expected is one with a fraction.
fn actual_word(t: &str, locale: Locale) -> &'static str {
    match (t, locale) {
        ("boolean", Locale::En) => "a boolean",
        ("boolean", Locale::ZhCn) => "布尔值",
        ("number", Locale::En) => "a decimal number",
        ("number", Locale::ZhCn) => "小数",
        _ => type_word(t, locale),
    }
}

/// The Chinese text when `zh`, else the English one.
fn say(zh: bool, zh_text: &'static str, en_text: &'static str) -> &'static str {
    if zh {
        zh_text
    } else {
        en_text
    }
}

/// The pieces, appended to `out` after one reserve. Messages are
/// built this way rather than with `format!`: its formatting machinery
/// was half the cost of rendering (callgrind, Ekuaibao bad validate).
fn cat(out: &mut String, pieces: &[&str]) {
    out.reserve(pieces.iter().map(|p| p.len()).sum());
    for p in pieces {
        out.push_str(p);
    }
}

/// The space that goes between Chinese text and an inserted word: one
/// before a word that starts with Latin letters or digits (`应为 https://…`,
/// `实际为 null`), none otherwise.
fn zh_space(word: &str) -> &'static str {
    if word.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        " "
    } else {
        ""
    }
}

/// "item" or "items".
fn items(n: usize) -> &'static str {
    if n == 1 {
        "item"
    } else {
        "items"
    }
}

/// The allowed values of `p`, for a message ("" when it lists none).
fn list(p: &Params, locale: Locale) -> String {
    let sep = match locale {
        Locale::En => ", ",
        Locale::ZhCn => "、",
    };
    // Pushed in place rather than collected and `join`ed (less code in the wasm).
    let mut out = String::new();
    let Params::Allowed(items) = p else {
        return out;
    };
    let mut first = true;
    items.each(&mut |item| {
        if !std::mem::take(&mut first) {
            out.push_str(sep);
        }
        match item {
            Item::Str(s) => out.push_str(s),
            Item::Value(Value::String(s)) => out.push_str(s),
            Item::Int(n) => out.push_str(&n.to_string()),
            Item::Prefix(p) => {
                out.push_str(p);
                out.push('*');
            }
            Item::Value(other) => out.push_str(&json_text(other)),
        }
    });
    out
}

/// The message of one issue.
pub(crate) fn render(issue: &RawIssue, locale: Locale) -> String {
    let mut out = String::new();
    render_into(issue, locale, &mut out);
    out
}

/// Appends the message of one issue to `out` (an answer tape renders
/// every message into one buffer it keeps: a string for each was a
/// malloc and a free per issue).
pub(crate) fn render_into(issue: &RawIssue, locale: Locale, out: &mut String) {
    let p = &issue.params;
    let hint = issue.hint.map(|h| h.get(locale)).unwrap_or("");
    let zh = locale == Locale::ZhCn;
    // Dereferenced once here, not at each of the messages' uses.
    let field_text = match (issue.path.is_empty(), zh) {
        (true, true) => Cow::Borrowed("输入 JSON"),
        _ => field_name(&issue.path),
    };
    let field: &str = &field_text;
    // The other field a cross-field message names, if any.
    let other_text = match p {
        Params::Because(x)
        | Params::BecauseSent(x)
        | Params::Or(x)
        | Params::First(x)
        | Params::List(x)
        | Params::With(x)
        | Params::SameLength { with: x, .. } => field_name(x),
        _ => Cow::Borrowed(""),
    };
    let other: &str = &other_text;
    match (issue.code, p) {
        (Code::Required, Params::Because(_)) => {
            if zh {
                cat(out, &[other, " 为 true 时，", field, " 为必填项。"])
            } else {
                cat(out, &[field, " is required when ", other, " is true."])
            }
        }
        (Code::Required, Params::BecauseSent(_)) => {
            if zh {
                cat(out, &["传入 ", other, " 时，", field, " 为必填项。"])
            } else {
                cat(out, &[field, " is required when ", other, " is sent."])
            }
        }
        (Code::Required, Params::Or(_)) => {
            if zh {
                cat(out, &[field, " 与 ", other, " 至少须传其一。"])
            } else {
                cat(out, &[field, " or ", other, " is required."])
            }
        }
        (Code::Required, _) => {
            // An array item is "required" only when it is null: say so.
            // (An escaped segment is never all digits, so the raw last
            // segment tells as the unescaped one would, without a list.)
            let item = issue.path.starts_with('/')
                && pointer::is_index(pointer::last_segment(&issue.path));
            match (item, zh) {
                (true, false) => cat(out, &[field, " must not be null."]),
                (true, true) => cat(out, &[field, " 不能为 null。"]),
                (false, false) => cat(out, &[field, " is required."]),
                (false, true) => cat(out, &[field, " 为必填项。"]),
            }
        }
        (Code::Type, _) => {
            let (expected, actual) = match p {
                Params::Type { expected, actual } => (*expected, *actual),
                _ => ("", ""),
            };
            let expected = type_word(expected, locale);
            let actual = actual_word(actual, locale);
            if zh {
                cat(out, &[
                    field,
                    " 应为",
                    zh_space(expected),
                    expected,
                    "，实际为",
                    zh_space(actual),
                    actual,
                    "。",
                ])
            } else {
                cat(out, &[field, " must be ", expected, ", not ", actual, "."])
            }
        }
        (Code::Empty, _) => cat(out, &[field, say(zh, " 不能为空。", " must not be empty.")]),
        (Code::Enum, _) => {
            let allowed = list(p, locale);
            if zh {
                cat(out, &[field, " 只能取以下值之一：", &allowed, "。"])
            } else {
                cat(out, &[field, " must be one of: ", &allowed, "."])
            }
        }
        (Code::Range, Params::MaxDepth(max)) => say!(
            out,
            zh,
            "{field} 嵌套过深：输入最多允许 {max} 层。",
            "{field} is nested too deeply: the input may be at most {max} levels deep."
        ),
        (Code::Range, Params::MaxLength(max)) => say!(
            out,
            zh,
            "{field} 过长：最多 {max} 个字符。",
            "{field} is too long: at most {max} characters."
        ),
        (Code::Range, _) => {
            let (min, max) = match p {
                Params::Range { min, max } => (*min, *max),
                _ => (None, None),
            };
            match (min, max, zh) {
                (Some(min), Some(max), false) => {
                    put!(out, "{field} must be between {min} and {max}.")
                }
                (Some(min), Some(max), true) => put!(out, "{field} 必须介于 {min} 与 {max} 之间。"),
                (Some(min), None, false) => put!(out, "{field} must be at least {min}."),
                (Some(min), None, true) => put!(out, "{field} 不能小于 {min}。"),
                (None, Some(max), false) => put!(out, "{field} must be at most {max}."),
                (None, Some(max), true) => put!(out, "{field} 不能大于 {max}。"),
                (None, None, false) => put!(out, "{field} is out of range."),
                (None, None, true) => put!(out, "{field} 超出允许范围。"),
            }
        }
        (
            Code::Length,
            Params::Length {
                min,
                max,
                unit,
                actual,
            },
        ) => {
            let (en_unit, zh_unit) = match unit {
                Unit::Chars => ("characters", "个字符"),
                Unit::Bytes => ("bytes (UTF-8)", "个字节（UTF-8）"),
            };
            match (min, max, zh) {
                (Some(min), Some(max), false) => {
                    put!(out, "{field} must be {min} to {max} {en_unit} long; it has {actual}.")
                }
                (Some(min), Some(max), true) => {
                    put!(out, "{field} 长度须为 {min} 到 {max} {zh_unit}，当前为 {actual}。")
                }
                (Some(min), None, false) => {
                    put!(out, "{field} must be at least {min} {en_unit} long; it has {actual}.")
                }
                (Some(min), None, true) => {
                    put!(out, "{field} 长度至少为 {min} {zh_unit}，当前为 {actual}。")
                }
                (None, Some(max), false) => {
                    put!(out, "{field} must be at most {max} {en_unit} long; it has {actual}.")
                }
                (None, Some(max), true) => {
                    put!(out, "{field} 长度最多为 {max} {zh_unit}，当前为 {actual}。")
                }
                (None, None, false) => put!(out, "{field} has the wrong length."),
                (None, None, true) => put!(out, "{field} 长度不正确。"),
            }
        }
        (Code::Length, _) => cat(out, &[field, say(zh, " 长度不正确。", " has the wrong length.")]),
        (Code::Format, _) => {
            if zh {
                cat(out, &[field, " 格式不正确，应为", zh_space(hint), hint, "。"])
            } else {
                cat(out, &[field, " must be ", hint, "."])
            }
        }
        (Code::MinItems, _) => {
            let min = match p {
                Params::MinItems { min, .. } => *min,
                _ => 0,
            };
            if zh {
                put!(out, "{field} 至少需要 {min} 项。")
            } else {
                put!(out, "{field} must have at least {min} {}.", items(min))
            }
        }
        (Code::MaxItems, Params::Omitted { max, omitted }) => match (issue.warning, zh) {
            (false, false) => {
                put!(out, "Only the first {max} errors are listed; {omitted} more were found.")
            }
            (false, true) => put!(out, "仅列出前 {max} 个错误，另有 {omitted} 个未列出。"),
            (true, false) => {
                put!(out, "Only the first {max} warnings are listed; {omitted} more were found.")
            }
            (true, true) => put!(out, "仅列出前 {max} 个警告，另有 {omitted} 个未列出。"),
        },
        (Code::MaxItems, _) => {
            let (max, actual) = match p {
                Params::MaxItems { max, actual } => (*max, *actual),
                _ => (0, 0),
            };
            if zh {
                put!(out, "{field} 最多 {max} 项，当前为 {actual} 项。")
            } else {
                put!(
                    out,
                    "{field} must have at most {max} {}; it has {actual}.",
                    items(max)
                )
            }
        }
        (Code::SameLength, _) => {
            let with = other;
            let expected = match p {
                Params::SameLength { expected, .. } => *expected,
                _ => 0,
            };
            if zh {
                put!(out, "{field} 的项数必须与 {with} 相同（{expected} 项）。")
            } else {
                put!(
                    out,
                    "{field} must have as many items as {with} ({expected} {}).",
                    items(expected)
                )
            }
        }
        (Code::Duplicate, _) => {
            let first = other;
            if zh {
                cat(out, &[field, " 与 ", first, " 重复。"])
            } else {
                cat(out, &[field, " repeats ", first, "."])
            }
        }
        (
            Code::NotIn,
            Params::Group {
                field_group, group, ..
            },
        ) => {
            if zh {
                cat(out, &[field, " 属于分组 ", field_group, "，不能放在分组 ", group, " 中。"])
            } else {
                cat(out, &[
                    field,
                    " is a field of group ",
                    field_group,
                    " and cannot be sent in group ",
                    group,
                    ".",
                ])
            }
        }
        (Code::NotIn, _) => {
            let list = other;
            if zh {
                cat(out, &[field, " 必须是 ", list, " 中的一项。"])
            } else {
                cat(out, &[field, " must be one of the values in ", list, "."])
            }
        }
        (Code::Together, _) => {
            let with = other;
            if zh {
                cat(out, &[field, " 必须与 ", with, " 同时传入（都传或都不传）。"])
            } else {
                cat(out, &[field, " must be sent together with ", with, " (both or neither)."])
            }
        }
        (Code::UnknownField, _)
            if issue
                .path
                .strip_prefix('/')
                .is_some_and(|rest| !rest.as_bytes().contains(&b'/')) =>
        {
            let allowed = list(p, locale);
            if zh {
                cat(out, &[field, " 不是输入的组成部分，只能使用：", &allowed, "。"])
            } else {
                cat(out, &[field, " is not part of the input, which holds only: ", &allowed, "."])
            }
        }
        (Code::UnknownField, _) => {
            let text = if issue.warning {
                say(
                    zh,
                    " 不是该接口文档中的字段，将按原样发送。",
                    " is not a documented field of this endpoint; it is sent as given.",
                )
            } else {
                say(zh, " 不是该接口文档中的字段。", " is not a documented field of this endpoint.")
            };
            cat(out, &[field, text])
        }
        (Code::Coerced, _) => {
            let (from, to) = match p {
                Params::Coerced { from, to } => (*from, *to),
                _ => ("", ""),
            };
            let from = type_word(from, locale);
            let to = type_word(to, locale);
            if zh {
                cat(out, &[field, " 传入的是", from, "，已按文档转换为", to, "。"])
            } else {
                cat(out, &[field, " was sent as ", from, " and is converted to ", to, ", as documented."])
            }
        }
        (Code::DroppedEmpty, _) => {
            let text = if matches!(p, Params::Dropped("null")) {
                say(zh, " 为 null，不会发送。", " is null, so it is not sent.")
            } else {
                say(
                    zh,
                    " 为空字符串，该接口视为“不修改”，因此不会发送。",
                    " is empty, which this vendor reads as \"no change\", so it is not sent.",
                )
            };
            cat(out, &[field, text])
        }
        (Code::Normalized, _) => {
            if zh {
                cat(out, &[field, " 已改写为接口要求的格式：", zh_space(hint), hint, "。"])
            } else {
                cat(out, &[field, " is rewritten into the vendor's form: ", hint, "."])
            }
        }
        (Code::NewSection, _) => cat(out, &[field, say(zh, " 未指定 old_index：钉钉将新增一段记录，并清空该段中未传入的字段。", " has no old_index: DingTalk adds a new section and clears every field of it that is not sent.")]),
        (Code::MustDiffer, _) => {
            let with = other;
            if zh {
                cat(out, &[field, " 不能与 ", with, " 相同。"])
            } else {
                cat(out, &[field, " must differ from ", with, "."])
            }
        }
        (Code::DisablesMember, _) => cat(out, &[field, say(zh, " 为 0 将禁用该成员：成员将无法登录企业微信。", " 0 disables the member: they can no longer sign in to WeCom.")]),
        (Code::SendsInvitation, _) => {
            let text = say(
                zh,
                "：除非 to_invite 为 false，企业微信会向新成员发送邀请。",
                ": unless to_invite is false, WeCom sends the new member an invitation.",
            );
            cat(out, &[field, text])
        }
        (Code::NotCleared, _) => cat(out, &[field, say(zh, " 传空字符串不会清空该字段，除非 force_update_fields 中列出它。", " \"\" clears nothing unless force_update_fields names it.")]),
        (Code::ReplacesAll, _) => cat(out, &[field, say(zh, " 会整体替换已有的值：未在其中传入的内容将被删除。", " replaces the whole set on the vendor's side: whatever it does not hold is removed.")]),
    }
}
