//! Texts in both locales, and the strings only the metadata reads.

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

/// A pair of texts, English and Simplified Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    /// English.
    pub en: &'static str,
    /// Simplified Chinese.
    pub zh: &'static str,
}

impl Text {
    /// No text.
    pub const NONE: Text = Text { en: "", zh: "" };

    /// A text pair.
    pub const fn new(en: &'static str, zh: &'static str) -> Text {
        Text { en, zh }
    }

    /// A text pair only the metadata (`describe`, `json_schema`) reads:
    /// without the `meta` feature it is empty, so the strings stay out of
    /// the binary.
    pub const fn meta(en: &'static str, zh: &'static str) -> Text {
        if cfg!(feature = "meta") {
            Text { en, zh }
        } else {
            Text::NONE
        }
    }

    /// The text for a locale.
    pub fn get(&self, locale: Locale) -> &'static str {
        match locale {
            Locale::En => self.en,
            Locale::ZhCn => self.zh,
        }
    }
}

/// A string only the metadata reads (citations, patterns): empty without
/// the `meta` feature, so it stays out of the binary.
pub const fn meta_str(s: &'static str) -> &'static str {
    if cfg!(feature = "meta") {
        s
    } else {
        ""
    }
}

/// A string only the metadata reads (citations, sample replies, record
/// keys). Its contents exist only with the `meta` feature, so a build
/// without it carries none of these texts, whoever declared them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meta {
    #[cfg(feature = "meta")]
    text: &'static str,
}

impl Meta {
    /// No text.
    pub const NONE: Meta = Meta::new("");

    /// Wraps `text` (dropped without the `meta` feature).
    pub const fn new(text: &'static str) -> Meta {
        #[cfg(not(feature = "meta"))]
        let _ = text;
        Meta {
            #[cfg(feature = "meta")]
            text,
        }
    }

    /// The text (empty without the `meta` feature).
    pub const fn get(self) -> &'static str {
        #[cfg(feature = "meta")]
        return self.text;
        #[cfg(not(feature = "meta"))]
        ""
    }
}
