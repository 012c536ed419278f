//! The field model: how an endpoint, its fields and its cross-field rules
//! are declared, and the normalised value the walker returns.

pub mod cross;
pub mod endpoint;
pub mod field;
pub mod options;
pub mod sent;

pub use crate::leaf::format::{Format, FormatResult};
pub use crate::leaf::text::{Meta, Text};

/// Declares the `cite!(page, "section")` of a vendor file: each page it
/// cites, by name, with the text a citation of it starts with (the page,
/// the date it shows, then `§`). Call it as `cite_pages! {$ name =>
/// "prefix", … }`: the leading `$` lets the declared macro take its section.
macro_rules! cite_pages {
    ($d:tt $($page:ident => $prefix:literal,)+) => {
        macro_rules! cite {
            $(($page, $d section:literal) => {
                concat!($prefix, $d section)
            };)+
        }
    };
}
pub(crate) use cite_pages;
