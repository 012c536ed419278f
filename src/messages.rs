//! Issue messages in English and Simplified Chinese, rendered from an
//! issue's code, path, params and hint. Messages name fields and echo
//! documented constants (allowed values, limits) but never a value the
//! caller sent, so no token can leak through them.

use serde_json::{Map, Value};

use crate::options::Locale;
use crate::pointer::field_name;
use crate::report::{Code, RawIssue};

fn type_word(t: &str, locale: Locale) -> &'static str {
    match (t, locale) {
        ("string", Locale::En) => "a string",
        ("string", Locale::ZhCn) => "字符串",
        ("integer", Locale::En) => "an integer",
        ("integer", Locale::ZhCn) => "整数",
        ("number", Locale::En) => "a number",
        ("number", Locale::ZhCn) => "数字",
        ("boolean", Locale::En) => "a boolean (true or false)",
        ("boolean", Locale::ZhCn) => "布尔值（true 或 false）",
        ("object", Locale::En) => "an object",
        ("object", Locale::ZhCn) => "对象",
        ("array", Locale::En) => "an array",
        ("array", Locale::ZhCn) => "数组",
        ("null", Locale::En) => "null",
        ("null", Locale::ZhCn) => "null",
        (_, Locale::En) => "a value JSON cannot carry",
        (_, Locale::ZhCn) => "JSON 无法表示的值",
    }
}

fn param_str<'a>(params: &'a Map<String, Value>, key: &str) -> &'a str {
    params.get(key).and_then(Value::as_str).unwrap_or("")
}

fn param_num(params: &Map<String, Value>, key: &str) -> Option<String> {
    params
        .get(key)
        .filter(|v| v.is_number())
        .map(Value::to_string)
}

fn list(params: &Map<String, Value>, key: &str, locale: Locale) -> String {
    let sep = match locale {
        Locale::En => ", ",
        Locale::ZhCn => "、",
    };
    match params.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join(sep),
        _ => String::new(),
    }
}

/// Renders the message of one issue.
pub(crate) fn render(issue: &RawIssue, locale: Locale) -> String {
    let field = field_name(&issue.path);
    let p = &issue.params;
    let hint = issue.hint.map(|h| h.get(locale)).unwrap_or("");
    let zh = locale == Locale::ZhCn;
    match issue.code {
        Code::Required => {
            let because = param_str(p, "because");
            match (because.is_empty(), zh) {
                (true, false) => format!("{field} is required."),
                (true, true) => format!("{field} 为必填项。"),
                (false, false) => {
                    format!("{field} is required when {} is true.", field_name(because))
                }
                (false, true) => format!("{} 为 true 时，{field} 为必填项。", field_name(because)),
            }
        }
        Code::Type => {
            let expected = type_word(param_str(p, "expected"), locale);
            let actual = type_word(param_str(p, "actual"), locale);
            if zh {
                format!("{field} 应为{expected}，实际为{actual}。")
            } else {
                format!("{field} must be {expected}, not {actual}.")
            }
        }
        Code::Empty => {
            if zh {
                format!("{field} 不能为空。")
            } else {
                format!("{field} must not be empty.")
            }
        }
        Code::Enum => {
            let allowed = list(p, "allowed", locale);
            if zh {
                format!("{field} 只能取以下值之一：{allowed}。")
            } else {
                format!("{field} must be one of: {allowed}.")
            }
        }
        Code::Range if p.contains_key("maxDepth") => {
            let max = param_num(p, "maxDepth").unwrap_or_default();
            if zh {
                format!("{field} 嵌套过深：输入最多允许 {max} 层。")
            } else {
                format!("{field} is nested too deeply: the input may be at most {max} levels deep.")
            }
        }
        Code::Range if p.contains_key("maxLength") => {
            let max = param_num(p, "maxLength").unwrap_or_default();
            if zh {
                format!("{field} 过长：最多 {max} 个字符。")
            } else {
                format!("{field} is too long: at most {max} characters.")
            }
        }
        Code::Range => match (param_num(p, "min"), param_num(p, "max"), zh) {
            (Some(min), Some(max), false) => format!("{field} must be between {min} and {max}."),
            (Some(min), Some(max), true) => format!("{field} 必须介于 {min} 与 {max} 之间。"),
            (Some(min), None, false) => format!("{field} must be at least {min}."),
            (Some(min), None, true) => format!("{field} 不能小于 {min}。"),
            (None, Some(max), false) => format!("{field} must be at most {max}."),
            (None, Some(max), true) => format!("{field} 不能大于 {max}。"),
            (None, None, false) => format!("{field} is out of range."),
            (None, None, true) => format!("{field} 超出允许范围。"),
        },
        Code::Format => {
            if zh {
                format!("{field} 格式不正确，应为{hint}。")
            } else {
                format!("{field} must be {hint}.")
            }
        }
        Code::MinItems => {
            let min = param_num(p, "min").unwrap_or_default();
            if zh {
                format!("{field} 至少需要 {min} 项。")
            } else {
                format!("{field} must have at least {min} item(s).")
            }
        }
        Code::MaxItems if p.contains_key("omitted") => {
            let max = param_num(p, "max").unwrap_or_default();
            let omitted = param_num(p, "omitted").unwrap_or_default();
            match (issue.warning, zh) {
                (false, false) => {
                    format!("Only the first {max} errors are listed; {omitted} more were found.")
                }
                (false, true) => format!("仅列出前 {max} 个错误，另有 {omitted} 个未列出。"),
                (true, false) => {
                    format!("Only the first {max} warnings are listed; {omitted} more were found.")
                }
                (true, true) => format!("仅列出前 {max} 个警告，另有 {omitted} 个未列出。"),
            }
        }
        Code::MaxItems => {
            let max = param_num(p, "max").unwrap_or_default();
            let actual = param_num(p, "actual").unwrap_or_default();
            if zh {
                format!("{field} 最多 {max} 项，当前为 {actual} 项。")
            } else {
                format!("{field} must have at most {max} items; it has {actual}.")
            }
        }
        Code::Duplicate => {
            let first = field_name(param_str(p, "first"));
            if zh {
                format!("{field} 与 {first} 重复。")
            } else {
                format!("{field} repeats {first}.")
            }
        }
        Code::NotIn => {
            let group = param_str(p, "group");
            if !group.is_empty() {
                let own = param_str(p, "fieldGroup");
                return if zh {
                    format!("{field} 属于分组 {own}，不能放在分组 {group} 中。")
                } else {
                    format!(
                        "{field} is a field of group {own} and cannot be sent in group {group}."
                    )
                };
            }
            let list = field_name(param_str(p, "list"));
            if zh {
                format!("{field} 必须是 {list} 中的一项。")
            } else {
                format!("{field} must be one of the values in {list}.")
            }
        }
        Code::Together => {
            let with = field_name(param_str(p, "with"));
            if zh {
                format!("{field} 必须与 {with} 同时传入（都传或都不传）。")
            } else {
                format!("{field} must be sent together with {with} (both or neither).")
            }
        }
        Code::UnknownField => match (issue.warning, zh) {
            (false, false) => format!("{field} is not a documented field of this endpoint."),
            (false, true) => format!("{field} 不是该接口文档中的字段。"),
            (true, false) => {
                format!("{field} is not a documented field of this endpoint; it is sent as given.")
            }
            (true, true) => format!("{field} 不是该接口文档中的字段，将按原样发送。"),
        },
        Code::Coerced => {
            let from = type_word(param_str(p, "from"), locale);
            let to = type_word(param_str(p, "to"), locale);
            if zh {
                format!("{field} 传入的是{from}，已按文档转换为{to}。")
            } else {
                format!("{field} was sent as {from} and is converted to {to}, as documented.")
            }
        }
        Code::DroppedEmpty => {
            if zh {
                format!("{field} 为空，对该接口表示“不修改”，不会发送。")
            } else {
                format!(
                    "{field} is empty, which this vendor reads as \"no change\"; it is not sent."
                )
            }
        }
        Code::Normalized => {
            if zh {
                format!("{field} 已改写为接口要求的格式（{hint}）。")
            } else {
                format!("{field} is rewritten into the vendor's form ({hint}).")
            }
        }
        Code::NewSection => {
            if zh {
                format!("{field} 未指定 old_index：钉钉将新增一段记录，并清空该段中未传入的字段。")
            } else {
                format!("{field} has no old_index: DingTalk adds a new section and clears every field of it that is not sent.")
            }
        }
    }
}
