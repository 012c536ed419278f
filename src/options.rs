//! Caller options, shared by every entry point.

use serde::{Deserialize, Serialize};

/// Language of issue messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Locale {
    /// English (the default).
    #[default]
    #[serde(rename = "en")]
    En,
    /// Simplified Chinese.
    #[serde(rename = "zh-CN", alias = "zh", alias = "zh-Hans", alias = "zh-cn")]
    ZhCn,
}

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
