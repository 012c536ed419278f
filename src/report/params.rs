//! Typed issue parameters. Rules build them, `messages` reads them, and
//! [`Params::into_map`] writes the JSON `params` object, whose keys and key
//! order are part of the public contract (docs/reports-and-codes.md).

use serde_json::{Map, Number, Value};

use crate::leaf::answer::Answer;

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
    Allowed(Allowed),
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

/// The values of [`Params::Allowed`], in the order `allowed` lists them,
/// borrowed from the rules' static tables where they come from one: no
/// string is allocated per value (an unknown Fxiaoke field lists 17 keys,
/// which were 18 allocations; that one issue was ~13 % of the time of the
/// benchmark's bad Fxiaoke example).
#[derive(Debug, Clone, PartialEq)]
pub enum Allowed {
    /// A string rule's documented values.
    Texts(&'static [&'static str]),
    /// An integer rule's documented values.
    Ints(&'static [i64]),
    /// An object's documented keys, then its open keys' prefix, if it has
    /// one, listed as `prefix*`.
    Keys {
        /// The keys, in documentation order.
        keys: Vec<&'static str>,
        /// The prefix of the keys a template checks.
        prefixed: Option<&'static str>,
    },
    /// Any JSON values.
    Values(Vec<Value>),
}

/// One value of an [`Allowed`] list.
pub(crate) enum Item<'p> {
    /// A string.
    Str(&'p str),
    /// An integer.
    Int(i64),
    /// A prefix, listed with a `*` after it.
    Prefix(&'p str),
    /// Any JSON value.
    Value(&'p Value),
}

impl Allowed {
    fn len(&self) -> usize {
        match self {
            Allowed::Texts(v) => v.len(),
            Allowed::Ints(v) => v.len(),
            Allowed::Keys { keys, prefixed } => keys.len() + usize::from(prefixed.is_some()),
            Allowed::Values(v) => v.len(),
        }
    }

    /// Calls `put` with each value, in order.
    pub(crate) fn each(&self, put: &mut dyn FnMut(Item<'_>)) {
        match self {
            Allowed::Texts(v) => v.iter().for_each(|s| put(Item::Str(s))),
            Allowed::Ints(v) => v.iter().for_each(|n| put(Item::Int(*n))),
            Allowed::Keys { keys, prefixed } => {
                keys.iter().for_each(|s| put(Item::Str(s)));
                if let Some(p) = prefixed {
                    put(Item::Prefix(p));
                }
            }
            Allowed::Values(v) => v.iter().for_each(|v| put(Item::Value(v))),
        }
    }

    /// The values as JSON.
    pub fn to_values(&self) -> Vec<Value> {
        let mut out = Vec::with_capacity(self.len());
        self.each(&mut |item| {
            out.push(match item {
                Item::Str(s) => Value::from(s),
                Item::Int(n) => Value::from(n),
                Item::Prefix(p) => Value::from(format!("{p}*")),
                Item::Value(v) => v.clone(),
            })
        });
        out
    }
}

/// One value of a `params` entry, borrowed from its [`Params`].
pub(crate) enum Entry<'p> {
    /// A pointer, a type word, a format name, a unit or `""`/`"null"`.
    Str(&'p str),
    /// A bound of a range.
    Int(i64),
    /// A count or a length.
    Count(usize),
    /// The allowed values.
    List(&'p Allowed),
}

impl Entry<'_> {
    fn to_value(&self) -> Value {
        match self {
            Entry::Str(s) => (*s).into(),
            Entry::Int(n) => (*n).into(),
            Entry::Count(n) => (*n).into(),
            Entry::List(list) => Value::Array(list.to_values()),
        }
    }

    fn write_answer(&self, out: &mut Answer) {
        match self {
            Entry::Str(s) => out.string(s),
            Entry::Int(n) => out.number(&Number::from(*n)),
            Entry::Count(n) => out.number(&Number::from(*n)),
            Entry::List(list) => {
                out.array(list.len());
                list.each(&mut |item| match item {
                    Item::Str(s) => out.string(s),
                    Item::Int(n) => out.number(&Number::from(n)),
                    Item::Prefix(p) => out.string(&format!("{p}*")),
                    Item::Value(v) => out.value(v),
                });
            }
        }
    }
}

/// Declares [`Key`] and [`KEYS`] from one list, in one order.
macro_rules! keys {
    ($($key:ident = $name:literal),* $(,)?) => {
        /// A key of a `params` object; [`KEYS`] spells it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum Key {
            $(#[doc = $name] $key),*
        }

        /// Every key a `params` object can have, indexed by [`Key`]. The
        /// answer tape names a key by its index and the glue reads this
        /// table once (`answerKeys`): keys cut out of the answer's text
        /// made V8 look each up in its string table on every store, 3x
        /// the time of building the same objects with the table's keys
        /// (Node 20, seven one- and two-key objects: 1.77 against 0.55 µs).
        pub const KEYS: &[&str] = &[$($name),*];
    };
}

keys! {
    Because = "because",
    Or = "or",
    Expected = "expected",
    Actual = "actual",
    Allowed = "allowed",
    Min = "min",
    Max = "max",
    MaxDepth = "maxDepth",
    MaxLength = "maxLength",
    Format = "format",
    Omitted = "omitted",
    First = "first",
    List = "list",
    FieldGroup = "fieldGroup",
    Group = "group",
    With = "with",
    From = "from",
    To = "to",
    Value = "value",
    Unit = "unit",
}

impl Key {
    /// The key as the JSON `params` object spells it.
    pub(crate) fn name(self) -> &'static str {
        KEYS.get(self as usize).copied().unwrap_or_default()
    }
}

impl Params {
    /// Calls `put` with each entry of the JSON `params` object, keys in
    /// their documented order: the one place that states each shape, read
    /// by [`Params::into_map`] and [`Params::write_answer`].
    /// (`dyn`: one copy of this match in the wasm, not one per caller.)
    fn entries<'p>(&'p self, put: &mut dyn FnMut(Key, Entry<'p>)) {
        use Entry::{Count, Int, Str};
        match self {
            Params::None => {}
            Params::Because(p) | Params::BecauseSent(p) => put(Key::Because, Str(p)),
            Params::Or(p) => put(Key::Or, Str(p)),
            Params::Type { expected, actual } => {
                put(Key::Expected, Str(expected));
                put(Key::Actual, Str(actual));
            }
            Params::Allowed(list) => put(Key::Allowed, Entry::List(list)),
            Params::Range { min, max } => {
                if let Some(v) = min {
                    put(Key::Min, Int(*v));
                }
                if let Some(v) = max {
                    put(Key::Max, Int(*v));
                }
            }
            Params::MaxDepth(n) => put(Key::MaxDepth, Count(*n)),
            Params::MaxLength(n) => put(Key::MaxLength, Count(*n)),
            Params::Format(name) => put(Key::Format, Str(name)),
            Params::MinItems { min, actual } => {
                put(Key::Min, Count(*min));
                put(Key::Actual, Count(*actual));
            }
            Params::MaxItems { max, actual } => {
                put(Key::Max, Count(*max));
                put(Key::Actual, Count(*actual));
            }
            Params::Omitted { max, omitted } => {
                put(Key::Max, Count(*max));
                put(Key::Omitted, Count(*omitted));
            }
            Params::First(p) => put(Key::First, Str(p)),
            Params::List(p) => put(Key::List, Str(p)),
            Params::Group {
                field_group,
                group,
                list,
            } => {
                put(Key::FieldGroup, Str(field_group));
                put(Key::Group, Str(group));
                put(Key::List, Str(list));
            }
            Params::With(p) => put(Key::With, Str(p)),
            Params::Coerced { from, to } => {
                put(Key::From, Str(from));
                put(Key::To, Str(to));
            }
            Params::Dropped(v) => put(Key::Value, Str(v)),
            Params::Length {
                min,
                max,
                unit,
                actual,
            } => {
                if let Some(v) = min {
                    put(Key::Min, Count(*v));
                }
                if let Some(v) = max {
                    put(Key::Max, Count(*v));
                }
                put(Key::Unit, Str(unit.as_str()));
                put(Key::Actual, Count(*actual));
            }
            Params::SameLength { with, expected } => {
                put(Key::With, Str(with));
                put(Key::Expected, Count(*expected));
            }
        }
    }

    /// The JSON `params` object, keys in their documented order (moved
    /// out, so that an allowed list is not copied).
    pub fn into_map(self) -> Map<String, Value> {
        let mut m = Map::new();
        if let Params::Allowed(Allowed::Values(list)) = self {
            m.insert(Key::Allowed.name().to_owned(), Value::Array(list));
            return m;
        }
        self.entries(&mut |k, v| {
            m.insert(k.name().to_owned(), v.to_value());
        });
        m
    }

    /// Writes the `params` object to an answer tape: the same object as
    /// [`Params::into_map`], without building the map.
    pub(crate) fn write_answer(&self, out: &mut Answer) {
        // The count is written once the entries are: one pass, not two.
        let count_at = out.keyed_object(0);
        let mut n = 0;
        self.entries(&mut |k, v| {
            out.key(k as u32);
            v.write_answer(out);
            n += 1;
        });
        out.set_count(count_at, n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The glue splits the table at commas and builds objects with its keys.
    #[test]
    fn keys_are_distinct_and_hold_no_comma() {
        for (i, key) in KEYS.iter().enumerate() {
            assert!(!key.is_empty() && !key.contains(','), "{key}");
            assert!(!KEYS[..i].contains(key), "{key} twice");
        }
        assert_eq!(Key::Unit.name(), "unit");
        assert_eq!(Key::Because.name(), "because");
    }
}
