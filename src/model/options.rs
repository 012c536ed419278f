//! Caller options, shared by every entry point.

use serde::{Deserialize, Serialize};

use crate::leaf::text::Locale;

/// Options for `validate`, `build_request` and friends. Deserialises from
/// camelCase JSON (`{"locale": "zh-CN", "allowUnknown": true, "urlPath": "/cgi/user/update"}`);
/// an unknown option name is rejected rather than silently ignored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Options {
    /// Language of messages: `"en"` (default) or `"zh-CN"`.
    pub locale: Locale,
    /// Report fields the vendor does not document as warnings and pass them
    /// through unchanged, instead of rejecting them. A `null` one is not sent
    /// (`dropped_empty`); unknown envelope keys and path parameters stay
    /// errors, since they have nowhere to go.
    pub allow_unknown: bool,
    /// Replaces the endpoint's documented request path (e.g. Fxiaoke's
    /// `/cgi/user/update`, see the README). Must start with `/` and hold no
    /// `?`, `#`, white space or control characters. For Ekuaibao it must
    /// contain `{staffId}`, where the encoded `$<staffId>` segment goes.
    pub url_path: Option<String>,
}

impl Options {
    /// Reads options from a JSON object with the same names, values and
    /// aliases as the serde derive, by hand: the wasm build uses this so
    /// that serde's struct-deserialisation and error-formatting code (about
    /// 13 KiB gzip of wasm) is not linked in. `null` means "all defaults".
    pub fn from_json(value: &serde_json::Value) -> Result<Options, crate::report::Error> {
        use serde_json::Value;
        let bad = |option: &'static str, reason: &str| crate::report::Error::InvalidOption {
            option,
            reason: reason.to_owned(),
        };
        let map = match value {
            Value::Null => return Ok(Options::default()),
            Value::Object(map) => map,
            _ => {
                return Err(bad(
                    "options",
                    "must be an object such as {\"locale\": \"zh-CN\"}",
                ))
            }
        };
        let mut opts = Options::default();
        for (key, v) in map {
            match (key.as_str(), v) {
                ("locale", Value::String(s)) => {
                    opts.locale = match s.as_str() {
                        "en" => Locale::En,
                        "zh-CN" | "zh" | "zh-Hans" | "zh-cn" => Locale::ZhCn,
                        _ => return Err(bad("locale", "must be \"en\" or \"zh-CN\"")),
                    }
                }
                ("locale", _) => return Err(bad("locale", "must be \"en\" or \"zh-CN\"")),
                ("allowUnknown", Value::Bool(b)) => opts.allow_unknown = *b,
                ("allowUnknown", _) => return Err(bad("allowUnknown", "must be true or false")),
                ("urlPath", Value::String(s)) => opts.url_path = Some(s.clone()),
                ("urlPath", Value::Null) => opts.url_path = None,
                ("urlPath", _) => return Err(bad("urlPath", "must be a string")),
                (other, _) => {
                    let name: String = other.chars().take(40).collect();
                    return Err(bad(
                        "options",
                        &format!("unknown option {name:?}; the options are locale, allowUnknown and urlPath"),
                    ));
                }
            }
        }
        Ok(opts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// `from_json` accepts exactly what the serde derive accepts, with the same result.
    #[test]
    fn from_json_agrees_with_serde() {
        let inputs = [
            json!({}),
            json!({"locale": "en"}),
            json!({"locale": "zh-CN"}),
            json!({"locale": "zh"}),
            json!({"locale": "zh-Hans"}),
            json!({"locale": "zh-cn"}),
            json!({"locale": "fr"}),
            json!({"locale": 1}),
            json!({"locale": null}),
            json!({"allowUnknown": true}),
            json!({"allowUnknown": "yes"}),
            json!({"urlPath": "/cgi/user/update"}),
            json!({"urlPath": null}),
            json!({"urlPath": 3}),
            json!({"colour": "red"}),
            json!({"locale": "zh-CN", "allowUnknown": false, "urlPath": "/x"}),
            json!("zh-CN"),
        ];
        for input in inputs {
            let by_serde = serde_json::from_value::<Options>(input.clone()).ok();
            let by_hand = Options::from_json(&input).ok();
            assert_eq!(by_hand, by_serde, "{input}");
        }
        assert_eq!(Options::from_json(&json!(null)), Ok(Options::default()));
        // serde would read `[]` as a struct in sequence form; options are an object.
        assert!(Options::from_json(&json!([])).is_err());
    }
}
