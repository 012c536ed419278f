//! Misuse errors (as opposed to validation issues, which are data).

use crate::report::Report;

/// Why a call could not produce its result.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The endpoint id is not one of [`crate::endpoints`].
    UnknownEndpoint {
        /// The id that was asked for (shortened to 80 characters).
        id: String,
        /// The ids there are.
        known: Vec<&'static str>,
    },
    /// The input has validation errors; the report says which.
    Invalid(Report),
    /// A JSON Pointer that is malformed or cannot be followed into the input.
    InvalidPointer {
        /// The pointer (shortened to 200 characters).
        pointer: String,
    },
    /// A batch text is not a JSON array.
    InvalidBatch {
        /// Why.
        reason: String,
    },
    /// An option value cannot be used.
    InvalidOption {
        /// The option's camelCase name.
        option: &'static str,
        /// What is wrong with it.
        reason: String,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::UnknownEndpoint { id, known } => {
                write!(f, "unknown endpoint id {id:?}; known ids: ")?;
                // Written one by one, not `join`ed: a second `join` copy in the wasm.
                for (i, e) in known.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(e)?;
                }
                Ok(())
            }
            Error::Invalid(report) => {
                write!(f, "the input has {} error(s)", report.errors.len())?;
                if let Some(first) = report.errors.first() {
                    write!(f, "; first at {:?}: {}", first.path, first.message)?;
                }
                Ok(())
            }
            Error::InvalidOption { option, reason } => write!(f, "option {option}: {reason}"),
            Error::InvalidBatch { reason } => f.write_str(reason),
            Error::InvalidPointer { pointer } => write!(
                f,
                "{pointer:?} is not a JSON Pointer to a field of the input (it must start with '/' and may only step into existing array items)"
            ),
        }
    }
}

impl std::error::Error for Error {}

impl Error {
    /// An unknown-endpoint error, keeping at most 80 characters of the id so
    /// that a hostile id cannot blow up an error message.
    pub fn unknown_endpoint(id: &str, known: Vec<&'static str>) -> Self {
        Error::UnknownEndpoint {
            id: id.chars().take(80).collect(),
            known,
        }
    }
}
