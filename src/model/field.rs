//! The declarative field model every endpoint is written in. A vendor file
//! declares its fields as `static` [`Field`] tables; the engine's walker
//! applies them.

use crate::leaf::format::Format;
use crate::leaf::text::{meta_str, Text};
use crate::leaf::tree::same_key;
use crate::model::cross::CrossRule;
use crate::report::Unit;

/// What an optional string (or number) field sent as `""` means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Empty {
    /// `""` is a value like any other and is sent.
    Keep,
    /// `""` means "no change" to the vendor: warn `dropped_empty` and do not send it.
    Drop,
    /// `""` is rejected with `empty`.
    Reject,
}

/// String rules.
#[derive(Debug, Clone, Copy)]
pub struct StrRule {
    /// Allowed values (empty: any).
    pub one_of: &'static [&'static str],
    /// Syntax check, applied to non-empty values.
    pub format: Option<&'static Format>,
    /// Whether a string of only white space counts as empty.
    pub blank_is_empty: bool,
    /// The documented length limit, if any (`length` issue).
    pub length: Option<Length>,
}

/// A documented string length limit, counted as the vendor counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Length {
    /// Shortest length (0: no minimum).
    pub min: usize,
    /// Longest length.
    pub max: Option<usize>,
    /// Characters or UTF-8 bytes.
    pub unit: Unit,
}

/// Integer rules. Integers are sent as JSON numbers.
#[derive(Debug, Clone, Copy)]
pub struct IntRule {
    /// Smallest allowed value.
    pub min: Option<i64>,
    /// Largest allowed value.
    pub max: Option<i64>,
    /// Allowed values (empty: any in range).
    pub one_of: &'static [i64],
}

/// Object rules.
#[derive(Debug, Clone, Copy)]
pub struct ObjectRule {
    /// The documented keys, in documentation order.
    pub fields: &'static [Field],
    /// Keys starting with this prefix (and longer than it) are checked with
    /// the given field template (Ekuaibao's `u_<name>` custom fields).
    pub prefixed: Option<(&'static str, &'static Field)>,
    /// Cross-field rules over this object's fields, their pointers relative
    /// to the object (`/departments`); an object reused as an array item
    /// brings its rules along.
    pub cross: &'static [CrossRule],
}

/// Array rules.
#[derive(Debug, Clone, Copy)]
pub struct ArrayRule {
    /// The rule for every item (its `key` is unused).
    pub item: &'static Field,
    /// Fewest items.
    pub min_items: usize,
    /// Most items.
    pub max_items: Option<usize>,
    /// Whether items must be distinct (checked in linear time).
    pub unique: bool,
}

impl ArrayRule {
    /// Any number of `item`s, repeats allowed.
    pub const fn of(item: &'static Field) -> ArrayRule {
        ArrayRule {
            item,
            min_items: 0,
            max_items: None,
            unique: false,
        }
    }

    /// At least `min` items.
    pub const fn min(mut self, min: usize) -> ArrayRule {
        self.min_items = min;
        self
    }

    /// `min..=max` items.
    pub const fn items(mut self, min: usize, max: usize) -> ArrayRule {
        self.min_items = min;
        self.max_items = Some(max);
        self
    }

    /// Items must be distinct.
    pub const fn unique(mut self) -> ArrayRule {
        self.unique = true;
        self
    }
}

/// A value of a shape the generic kinds cannot say (see [`CustomShape`]);
/// the engine checks it by its shape (`engine::walk`).
#[derive(Debug, Clone, Copy)]
pub struct CustomRule {
    /// The JSON type(s) it accepts, for metadata (`"string"`, `"string|array"`).
    pub json_type: &'static str,
    /// What it accepts.
    pub shape: CustomShape,
    /// The `format` name its issues carry (`params.format`).
    pub format: &'static str,
    /// What is expected, in words (the hint of a `format` error).
    pub expected: Text,
    /// What an accepted value becomes, in words (the hint of a `normalized` warning).
    pub sent: Text,
}

/// What a [`CustomRule`] accepts, in terms the engine and the metadata
/// generators know.
#[derive(Debug, Clone, Copy)]
pub enum CustomShape {
    /// The array itself (checked with the rule, coercions allowed; it is
    /// sent as its compact JSON text), or a string holding that array as
    /// JSON text, which must match the rule exactly (no coercion, no empty
    /// or unknown keys) and is sent unchanged.
    ArrayOrJsonText(&'static ArrayRule),
}

/// The kind of a field's value.
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    /// A JSON string (numbers are coerced with a warning).
    Str(StrRule),
    /// A JSON integer (canonical digit strings are coerced with a warning).
    Int(IntRule),
    /// A JSON boolean.
    Bool,
    /// A JSON object.
    Object(&'static ObjectRule),
    /// A JSON array.
    Array(&'static ArrayRule),
    /// A vendor-specific check.
    Custom(&'static CustomRule),
}

/// One documented field.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Key in the parent object.
    pub key: &'static str,
    /// Value kind and rules.
    pub ty: Ty,
    /// Whether the field must be present.
    pub required: bool,
    /// What `""` means when the field is optional (required fields reject it).
    pub empty: Empty,
    /// Tokens and secrets: never echoed, masked by `redact`.
    pub secret: bool,
    /// Form label.
    pub label: Text,
    /// Help text for forms.
    pub help: Text,
    /// Where the rule comes from (seed page, vendor note).
    pub source: &'static str,
}

/// A plain string rule.
pub const STRING: StrRule = StrRule {
    one_of: &[],
    format: None,
    blank_is_empty: false,
    length: None,
};

/// Any integer.
pub const ANY_INTEGER: IntRule = IntRule {
    min: None,
    max: None,
    one_of: &[],
};

/// A non-negative integer.
pub const NON_NEGATIVE: IntRule = IntRule {
    min: Some(0),
    ..ANY_INTEGER
};

/// A positive integer.
pub const POSITIVE: IntRule = IntRule {
    min: Some(1),
    ..ANY_INTEGER
};

impl IntRule {
    /// Integers in `min..=max`.
    pub const fn range(min: i64, max: i64) -> IntRule {
        IntRule {
            min: Some(min),
            max: Some(max),
            one_of: &[],
        }
    }

    /// One of `values`.
    pub const fn one_of(values: &'static [i64]) -> IntRule {
        IntRule {
            one_of: values,
            ..ANY_INTEGER
        }
    }
}

impl Field {
    /// An optional field with no texts.
    pub(crate) const fn new(key: &'static str, ty: Ty) -> Field {
        Field {
            key,
            ty,
            required: false,
            empty: Empty::Keep,
            secret: false,
            label: Text::NONE,
            help: Text::NONE,
            source: "",
        }
    }

    /// An optional object field.
    pub(crate) const fn object(key: &'static str, rule: &'static ObjectRule) -> Field {
        Field::new(key, Ty::Object(rule))
    }

    /// An optional array field.
    pub(crate) const fn array(key: &'static str, rule: &'static ArrayRule) -> Field {
        Field::new(key, Ty::Array(rule))
    }

    /// A required array item that is an object (its key is unused).
    pub(crate) const fn item(rule: &'static ObjectRule) -> Field {
        Field::new("", Ty::Object(rule)).required()
    }

    /// A required array item that is a string (its key is unused).
    pub(crate) const fn string_item() -> Field {
        Field::string("").required()
    }

    /// A required array item that is an integer of `rule` (its key is unused).
    pub(crate) const fn integer_item(rule: IntRule) -> Field {
        Field::integer("", rule).required()
    }

    /// An optional boolean field.
    pub(crate) const fn boolean(key: &'static str) -> Field {
        Field::new(key, Ty::Bool)
    }

    /// An optional integer field.
    pub(crate) const fn integer(key: &'static str, rule: IntRule) -> Field {
        Field::new(key, Ty::Int(rule))
    }

    /// An optional string field that must not be `""`.
    pub(crate) const fn non_empty(key: &'static str) -> Field {
        Field::string(key).on_empty(Empty::Reject)
    }

    /// An optional plain string field.
    pub(crate) const fn string(key: &'static str) -> Field {
        Field::new(key, Ty::Str(STRING))
    }

    /// An optional string field with a syntax check.
    pub(crate) const fn formatted(key: &'static str, format: &'static Format) -> Field {
        Field::new(
            key,
            Ty::Str(StrRule {
                format: Some(format),
                ..STRING
            }),
        )
    }

    /// An optional string field that takes one of `values`.
    pub(crate) const fn one_of(key: &'static str, values: &'static [&'static str]) -> Field {
        Field::new(
            key,
            Ty::Str(StrRule {
                one_of: values,
                ..STRING
            }),
        )
    }

    /// Marks the field required (which also rejects `""`).
    pub(crate) const fn required(mut self) -> Field {
        self.required = true;
        self.empty = Empty::Reject;
        self
    }

    /// Marks the field secret.
    pub(crate) const fn secret(mut self) -> Field {
        self.secret = true;
        self
    }

    /// Sets what `""` means.
    pub(crate) const fn on_empty(mut self, empty: Empty) -> Field {
        self.empty = empty;
        self
    }

    /// Sets the label.
    pub(crate) const fn label(mut self, en: &'static str, zh: &'static str) -> Field {
        self.label = Text::meta(en, zh);
        self
    }

    /// Sets the help text.
    pub(crate) const fn help(mut self, en: &'static str, zh: &'static str) -> Field {
        self.help = Text::meta(en, zh);
        self
    }

    /// Sets the help text to `help`, a text several fields share (made with
    /// [`Text::meta`], which keeps it out of builds without metadata).
    pub(crate) const fn help_text(mut self, help: Text) -> Field {
        self.help = help;
        self
    }

    /// A string field that takes one of `values` and rejects `""`.
    pub(crate) const fn enumerated(key: &'static str, values: &'static [&'static str]) -> Field {
        Field::one_of(key, values).on_empty(Empty::Reject)
    }

    /// Counts white space only as empty (a string field).
    pub(crate) const fn blank_is_empty(mut self) -> Field {
        if let Ty::Str(mut rule) = self.ty {
            rule.blank_is_empty = true;
            self.ty = Ty::Str(rule);
        }
        self
    }

    /// Limits a string field's length to `min..=max` in `unit`.
    pub(crate) const fn length(mut self, min: usize, max: usize, unit: Unit) -> Field {
        if let Ty::Str(mut rule) = self.ty {
            rule.length = Some(Length {
                min,
                max: Some(max),
                unit,
            });
            self.ty = Ty::Str(rule);
        }
        self
    }

    /// Limits a string field to at most `max` characters.
    pub(crate) const fn max_chars(self, max: usize) -> Field {
        self.length(0, max, Unit::Chars)
    }

    /// Limits a string field to `min..=max` characters.
    pub(crate) const fn chars(self, min: usize, max: usize) -> Field {
        self.length(min, max, Unit::Chars)
    }

    /// Limits a string field to `min..=max` UTF-8 bytes.
    pub(crate) const fn bytes(self, min: usize, max: usize) -> Field {
        self.length(min, max, Unit::Bytes)
    }

    /// The string rule, for a string field.
    pub fn str_rule(&self) -> Option<&StrRule> {
        match &self.ty {
            Ty::Str(rule) => Some(rule),
            _ => None,
        }
    }

    /// Sets the citation.
    pub(crate) const fn source(mut self, source: &'static str) -> Field {
        self.source = meta_str(source);
        self
    }
}

/// The field lists `parts`, one after the other, as one table of `N`
/// fields (a compile error when they hold another number). A create body
/// lists most of its update body's fields unchanged: each run the two share
/// is declared once, as a `const` list, and joined into both tables, so the
/// create page's changes are all that its table states.
pub const fn join<const N: usize>(parts: &[&[Field]]) -> [Field; N] {
    let mut out = [Field::new("", Ty::Bool); N];
    let (mut at, mut part) = (0, 0);
    while part < parts.len() {
        let fields = parts[part];
        let mut i = 0;
        while i < fields.len() {
            out[at] = fields[i];
            at += 1;
            i += 1;
        }
        part += 1;
    }
    assert!(at == N, "join: the parts hold fewer fields than the table");
    out
}

impl ObjectRule {
    /// An object of `fields`, with no prefixed keys and no cross rules.
    pub const fn of(fields: &'static [Field]) -> ObjectRule {
        ObjectRule {
            fields,
            prefixed: None,
            cross: &[],
        }
    }

    /// Also accepts keys starting with `prefix`, checked with `template`.
    pub const fn prefixed(mut self, prefix: &'static str, template: &'static Field) -> ObjectRule {
        self.prefixed = Some((prefix, template));
        self
    }

    /// Attaches cross-field rules (pointers relative to this object).
    pub const fn cross(mut self, rules: &'static [CrossRule]) -> ObjectRule {
        self.cross = rules;
        self
    }

    /// The documented field named `key`.
    pub fn field(&self, key: &str) -> Option<&'static Field> {
        self.field_from(key, &mut 0)
    }

    /// [`ObjectRule::field`], searching from `*next` (wrapping around) and
    /// leaving `*next` after the match: callers mostly send keys in the
    /// documented order, so a walk over an object finds each key at the
    /// first try instead of scanning the table from the top every time.
    pub fn field_from(&self, key: &str, next: &mut usize) -> Option<&'static Field> {
        let fields: &'static [Field] = self.fields;
        let start = (*next).min(fields.len());
        let (head, tail) = fields.split_at(start);
        let found = tail
            .iter()
            .position(|f| same_key(f.key, key))
            .map(|i| i + start)
            .or_else(|| head.iter().position(|f| same_key(f.key, key)))?;
        *next = found + 1;
        fields.get(found)
    }
}
