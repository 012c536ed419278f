//! The engine: the one walker that checks an input against an endpoint's
//! declarations, the cross-field rules, the request builder, redaction and
//! the reply decoder.

pub mod cross;
pub mod guard;
pub mod reply;
pub mod request;
pub mod run;
pub mod walk;
