//! The field model: how an endpoint, its fields and its cross-field rules
//! are declared, and the normalised value the walker returns.

pub mod cross;
pub mod endpoint;
pub mod field;
pub mod options;
pub mod sent;

pub use crate::leaf::format::{Format, FormatResult};
pub use crate::leaf::text::{Meta, Text};
