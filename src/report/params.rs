//! Typed issue parameters. Rules build them, `messages` reads them, and
//! [`Params::into_map`] writes the JSON `params` object, whose keys and key
//! order are part of the public contract (docs/reports-and-codes.md).

use serde_json::{Map, Value};

/// How a length limit counts, as each vendor documents it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Unicode characters (scalar values).
    Chars,
    /// UTF-8 bytes.
    Bytes,
}

impl Unit {
    /// The unit as `params.unit` spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Chars => "chars",
            Unit::Bytes => "bytes",
        }
    }

    /// The length of `s` in this unit.
    pub fn measure(self, s: &str) -> usize {
        match self {
            Unit::Chars => s.chars().count(),
            Unit::Bytes => s.len(),
        }
    }
}

/// The parameters of one issue, one variant per shape of `params`.
#[derive(Debug, Clone, PartialEq)]
pub enum Params {
    /// `{}`.
    None,
    /// `required` because a flag is true: `{"because": pointer}`.
    Because(String),
    /// `required` because another field is sent: `{"because": pointer}`.
    BecauseSent(String),
    /// `required` unless another field is sent: `{"or": pointer}`.
    Or(String),
    /// `type`: `{"expected", "actual"}` (type words).
    Type {
        /// What the field takes.
        expected: &'static str,
        /// What was found.
        actual: &'static str,
    },
    /// `enum` and `unknown_field`: `{"allowed": [...]}`.
    Allowed(Vec<Value>),
    /// `range`: `{"min"?, "max"?}`.
    Range {
        /// Smallest allowed value.
        min: Option<i64>,
        /// Largest allowed value.
        max: Option<i64>,
    },
    /// `range` past the nesting limit: `{"maxDepth"}`.
    MaxDepth(usize),
    /// `range` past the safety string limit: `{"maxLength"}`.
    MaxLength(usize),
    /// `format` and `normalized`: `{"format": name}`.
    Format(&'static str),
    /// `min_items`: `{"min", "actual"}`.
    MinItems {
        /// Fewest items.
        min: usize,
        /// Items sent.
        actual: usize,
    },
    /// `max_items`: `{"max", "actual"}`.
    MaxItems {
        /// Most items.
        max: usize,
        /// Items sent.
        actual: usize,
    },
    /// `max_items` at `""` ending a list cut short: `{"max", "omitted"}`.
    Omitted {
        /// Issues kept.
        max: usize,
        /// Issues left out.
        omitted: usize,
    },
    /// `duplicate`: `{"first": pointer}`.
    First(String),
    /// `not_in`: `{"list": pointer}`.
    List(String),
    /// `not_in` for a DingTalk field code in another group:
    /// `{"fieldGroup", "group", "list"}`.
    Group {
        /// The group the field code belongs to.
        field_group: String,
        /// The group it was sent in.
        group: String,
        /// Pointer of that group's id.
        list: String,
    },
    /// `together`: `{"with": pointer}`.
    With(String),
    /// `coerced`: `{"from", "to"}` (type words).
    Coerced {
        /// The type sent.
        from: &'static str,
        /// The documented type.
        to: &'static str,
    },
    /// `dropped_empty`: `{"value": "" | "null"}`.
    Dropped(&'static str),
    /// `length`: `{"min"?, "max"?, "unit", "actual"}`.
    Length {
        /// Shortest allowed length.
        min: Option<usize>,
        /// Longest allowed length.
        max: Option<usize>,
        /// How lengths are counted.
        unit: Unit,
        /// The value's length in that unit.
        actual: usize,
    },
    /// `same_length`: `{"with": pointer, "expected": count}`.
    SameLength {
        /// The array whose length this one must have.
        with: String,
        /// That array's length.
        expected: usize,
    },
}

impl Params {
    /// The JSON `params` object, keys in their documented order (moved
    /// out, so that lists are not copied).
    pub fn into_map(mut self) -> Map<String, Value> {
        let mut m = Map::new();
        let mut put = |k: &str, v: Value| {
            m.insert(k.to_owned(), v);
        };
        match &mut self {
            Params::None => {}
            Params::Because(p) | Params::BecauseSent(p) => put("because", p.as_str().into()),
            Params::Or(p) => put("or", p.as_str().into()),
            Params::Type { expected, actual } => {
                put("expected", (*expected).into());
                put("actual", (*actual).into());
            }
            Params::Allowed(list) => put("allowed", Value::Array(std::mem::take(list))),
            Params::Range { min, max } => {
                if let Some(v) = min {
                    put("min", (*v).into());
                }
                if let Some(v) = max {
                    put("max", (*v).into());
                }
            }
            Params::MaxDepth(n) => put("maxDepth", (*n).into()),
            Params::MaxLength(n) => put("maxLength", (*n).into()),
            Params::Format(name) => put("format", (*name).into()),
            Params::MinItems { min, actual } => {
                put("min", (*min).into());
                put("actual", (*actual).into());
            }
            Params::MaxItems { max, actual } => {
                put("max", (*max).into());
                put("actual", (*actual).into());
            }
            Params::Omitted { max, omitted } => {
                put("max", (*max).into());
                put("omitted", (*omitted).into());
            }
            Params::First(p) => put("first", p.as_str().into()),
            Params::List(p) => put("list", p.as_str().into()),
            Params::Group {
                field_group,
                group,
                list,
            } => {
                put("fieldGroup", field_group.as_str().into());
                put("group", group.as_str().into());
                put("list", list.as_str().into());
            }
            Params::With(p) => put("with", p.as_str().into()),
            Params::Coerced { from, to } => {
                put("from", (*from).into());
                put("to", (*to).into());
            }
            Params::Dropped(v) => put("value", (*v).into()),
            Params::Length {
                min,
                max,
                unit,
                actual,
            } => {
                if let Some(v) = min {
                    put("min", (*v).into());
                }
                if let Some(v) = max {
                    put("max", (*v).into());
                }
                put("unit", unit.as_str().into());
                put("actual", (*actual).into());
            }
            Params::SameLength { with, expected } => {
                put("with", with.as_str().into());
                put("expected", (*expected).into());
            }
        }
        m
    }
}
