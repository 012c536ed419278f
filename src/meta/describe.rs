//! `describe`: field metadata for building forms.

use serde_json::{Map, Value};

use super::{accepts_null, coercions, empty_policy, obj, prefixed_key_pattern, sections, strs};
use crate::leaf::pointer;
use crate::leaf::text::Text;
use crate::model::endpoint::{BoundRule, CrossKind, BASE_URL_FIELD};
use crate::model::field::{CustomShape, Field, ObjectRule, Ty};
use crate::report::Error;
use crate::report::Unit;

fn text(t: Text) -> Value {
    obj(vec![("en", t.en.into()), ("zh", t.zh.into())])
}

/// What a field's entry inherits from its parent when its own table entry
/// leaves it empty (array item templates carry no texts of their own).
#[derive(Clone, Copy)]
struct Inherited {
    label: Text,
    help: Text,
    source: &'static str,
}

fn or(own: Text, inherited: Text) -> Text {
    Text {
        en: if own.en.is_empty() {
            inherited.en
        } else {
            own.en
        },
        zh: if own.zh.is_empty() {
            inherited.zh
        } else {
            own.zh
        },
    }
}

fn type_name(field: &Field) -> &'static str {
    match field.ty {
        Ty::Str(_) => "string",
        Ty::Int(_) => "integer",
        Ty::Bool => "boolean",
        Ty::Object(_) => "object",
        Ty::Array(_) => "array",
        Ty::Custom(custom) => custom.json_type,
    }
}

struct Walk<'a> {
    out: &'a mut Vec<Value>,
    gaps: &'a mut Vec<Value>,
}

impl Walk<'_> {
    /// Adds `field` at `ptr` (and everything below it). `key` is the last
    /// pointer segment as written in the table (`-` for array items).
    fn field(&mut self, ptr: &str, key: &str, field: &Field, inherited: Option<Inherited>) {
        let own = Inherited {
            label: field.label,
            help: field.help,
            source: field.source,
        };
        let here = match inherited {
            Some(up) => Inherited {
                label: or(own.label, up.label),
                help: or(own.help, up.help),
                source: if own.source.is_empty() {
                    up.source
                } else {
                    own.source
                },
            },
            None => own,
        };
        let mut entry = Map::new();
        entry.insert("pointer".into(), ptr.into());
        entry.insert("key".into(), key.into());
        entry.insert("type".into(), type_name(field).into());
        entry.insert("required".into(), field.required.into());
        match field.ty {
            Ty::Str(rule) => {
                if !rule.one_of.is_empty() {
                    entry.insert("enum".into(), strs(rule.one_of));
                }
                if let Some(length) = rule.length {
                    if length.min > 0 {
                        entry.insert("minLength".into(), length.min.into());
                    }
                    if let Some(max) = length.max {
                        entry.insert("maxLength".into(), max.into());
                    }
                    entry.insert("lengthUnit".into(), length.unit.as_str().into());
                    // JSON Schema's minLength / maxLength count characters only.
                    if length.unit == Unit::Bytes {
                        self.gaps.push(obj(vec![
                            ("code", "length".into()),
                            ("pointer", ptr.into()),
                            ("text", text(Text::new(
                                "The length is counted in UTF-8 bytes; JSON Schema's minLength / maxLength count characters.",
                                "长度按 UTF-8 字节计算；JSON Schema 的 minLength / maxLength 按字符计算。",
                            ))),
                            ("source", here.source.into()),
                        ]));
                    }
                }
                if let Some(format) = rule.format {
                    entry.insert("format".into(), format.name.into());
                    entry.insert("formatText".into(), text(format.expected));
                }
            }
            Ty::Int(rule) => {
                if !rule.one_of.is_empty() {
                    entry.insert(
                        "enum".into(),
                        Value::Array(rule.one_of.iter().map(|n| Value::from(*n)).collect()),
                    );
                }
                if let Some(min) = rule.min {
                    entry.insert("minimum".into(), min.into());
                }
                if let Some(max) = rule.max {
                    entry.insert("maximum".into(), max.into());
                }
            }
            Ty::Array(rule) => {
                entry.insert("minItems".into(), rule.min_items.into());
                if let Some(max) = rule.max_items {
                    entry.insert("maxItems".into(), max.into());
                }
                entry.insert("uniqueItems".into(), rule.unique.into());
            }
            Ty::Bool | Ty::Object(_) | Ty::Custom(_) => {}
        }
        entry.insert("secret".into(), field.secret.into());
        entry.insert("nullable".into(), accepts_null(field).into());
        entry.insert("empty".into(), empty_policy(field).into());
        entry.insert("label".into(), text(here.label));
        entry.insert("help".into(), text(here.help));
        entry.insert("source".into(), here.source.into());
        entry.insert("coerces".into(), coercions(field).into());
        self.out.push(Value::Object(entry));
        let down = Inherited {
            label: Text::NONE,
            help: Text::NONE,
            source: here.source,
        };
        match field.ty {
            Ty::Object(rule) => self.object(ptr, rule, down),
            Ty::Array(rule) => {
                if rule.unique && !coercions(rule.item).is_empty() {
                    self.gaps.push(obj(vec![
                        ("code", "duplicate".into()),
                        ("pointer", format!("{ptr}/-").into()),
                        ("text", text(Text::new(
                            "Items are compared after coercion (\"7\" repeats 7); uniqueItems compares JSON values as given.",
                            "数组项在类型转换后比较（\"7\" 与 7 重复）；uniqueItems 只按原样比较 JSON 值。",
                        ))),
                        ("source", here.source.into()),
                    ]));
                }
                let item = Inherited {
                    label: here.label,
                    help: here.help,
                    source: here.source,
                };
                self.field(&format!("{ptr}/-"), "-", rule.item, Some(item));
            }
            Ty::Custom(custom) => match custom.shape {
                CustomShape::ArrayOrJsonText(rule) => {
                    let item = Inherited {
                        label: here.label,
                        help: here.help,
                        source: here.source,
                    };
                    self.field(&format!("{ptr}/-"), "-", rule.item, Some(item));
                }
            },
            Ty::Str(_) | Ty::Int(_) | Ty::Bool => {}
        }
    }

    fn object(&mut self, ptr: &str, rule: &ObjectRule, down: Inherited) {
        for f in rule.fields {
            self.field(&pointer::join(ptr, f.key), f.key, f, Some(down));
        }
        if let Some((prefix, template)) = rule.prefixed {
            let at = self.out.len();
            self.field(
                &pointer::join(ptr, template.key),
                template.key,
                template,
                Some(down),
            );
            if let Some(Value::Object(entry)) = self.out.get_mut(at) {
                entry.insert(
                    "keyPattern".into(),
                    prefixed_key_pattern(rule, prefix).into(),
                );
                entry.insert("keyPrefix".into(), prefix.into());
            }
        }
    }
}

fn cross_rule(bound: &BoundRule) -> Value {
    let rule = bound.rule;
    let mut out = Map::new();
    out.insert("code".into(), rule.code.as_str().into());
    out.insert(
        "severity".into(),
        if rule.code.is_warning() {
            "warning"
        } else {
            "error"
        }
        .into(),
    );
    out.insert(
        "pointers".into(),
        Value::Array(bound.pointers.iter().map(|p| p.as_str().into()).collect()),
    );
    let (kind, in_schema) = match rule.kind {
        CrossKind::Together => ("together", true),
        CrossKind::RequiredIfTrue => ("requiredIfTrue", true),
        CrossKind::MemberOf => ("memberOf", false),
        CrossKind::Unique { .. } => ("unique", false),
        CrossKind::SameLength => ("sameLength", false),
        CrossKind::AtLeastOne => ("atLeastOne", true),
        CrossKind::NoneOf { values, format } => {
            out.insert("values".into(), strs(values));
            out.insert("format".into(), format.name.into());
            ("noneOf", true)
        }
        CrossKind::FormatWhen { values, format } => {
            out.insert("values".into(), strs(values));
            out.insert("format".into(), format.name.into());
            ("formatWhen", true)
        }
        CrossKind::GroupPrefix { prefix, digits } => {
            out.insert("prefix".into(), prefix.into());
            out.insert("digits".into(), digits.into());
            ("groupPrefix", true)
        }
        CrossKind::Advice => ("advice", false),
        CrossKind::RequiredWith => ("requiredWith", true),
        CrossKind::Differ => ("differ", false),
        CrossKind::AdviceIf { values, unless } => {
            out.insert("values".into(), strs(values));
            out.insert("unless".into(), unless.into());
            ("adviceIf", false)
        }
    };
    out.insert("kind".into(), kind.into());
    out.insert("text".into(), text(rule.text));
    out.insert("source".into(), rule.source.get().into());
    out.insert("inJsonSchema".into(), in_schema.into());
    Value::Object(out)
}

/// Field metadata for building forms, as JSON:
///
/// `{id, vendor, title: {en, zh}, method, docUrl, deprecated, deprecation:
/// {en, zh} | null, defaultBaseUrl, path, fields: [Field], crossRules:
/// [CrossRule], jsonSchemaGaps: [{code, pointer, text}]}`.
///
/// `fields` is flat and in documentation order: `baseUrl`, each section
/// (`/path`, `/query`, `/body`) followed by its fields, nested objects and
/// array items (pointer segment `-` = any index; a prefixed-key template
/// such as Ekuaibao's `u_*` carries `keyPattern` and `keyPrefix`). Each has
/// `pointer`, `key`, `type`, `required`, `secret`, `nullable` (whether
/// `null` is accepted: optional fields drop it), `empty` (what `""` does:
/// `keep` | `drop` | `reject`), `label` and `help` (`{en, zh}`), `source`,
/// `coerces` (`[{from, to}]`), and where they apply `enum`, `minimum`,
/// `maximum`, `minItems`, `maxItems`, `uniqueItems`, `format`, `formatText`,
/// `minLength`, `maxLength` and `lengthUnit` (`chars` | `bytes`).
///
/// `crossRules` lists every cross-field rule with `code`, `severity`,
/// `pointers`, `kind`, `text`, `source` and `inJsonSchema` (whether
/// [`super::json_schema`] expresses it). `jsonSchemaGaps` lists the
/// `(code, pointer)` errors `validate` reports that the JSON Schema cannot
/// see, so that a cross-check can tell them apart.
pub fn describe(endpoint: &str) -> Result<Value, Error> {
    let ep = crate::api::endpoint(endpoint)?;
    let mut fields = Vec::new();
    let mut gaps = Vec::new();
    let mut walk = Walk {
        out: &mut fields,
        gaps: &mut gaps,
    };
    walk.field("/baseUrl", "baseUrl", &BASE_URL_FIELD, None);
    for section in sections(ep) {
        let ptr = format!("/{}", section.name);
        walk.out.push(obj(vec![
            ("pointer", ptr.clone().into()),
            ("key", section.name.into()),
            ("type", "object".into()),
            ("required", section.required().into()),
            ("secret", false.into()),
            ("nullable", false.into()),
            ("empty", "reject".into()),
            ("label", text(section.title)),
            ("help", text(section.help)),
            ("source", ep.doc_url.into()),
            ("coerces", Value::Array(Vec::new())),
        ]));
        walk.object(
            &ptr,
            section.rule,
            Inherited {
                label: Text::NONE,
                help: Text::NONE,
                source: "",
            },
        );
    }
    let rules = ep.cross_rules();
    for bound in &rules {
        let rule = bound.rule;
        if matches!(
            rule.kind,
            CrossKind::MemberOf
                | CrossKind::Unique { .. }
                | CrossKind::SameLength
                | CrossKind::Differ
        ) {
            if let Some(first) = bound.pointers.first() {
                gaps.push(obj(vec![
                    ("code", rule.code.as_str().into()),
                    ("pointer", first.as_str().into()),
                    ("text", text(rule.text)),
                    ("source", rule.source.get().into()),
                ]));
            }
        }
    }
    Ok(obj(vec![
        ("id", ep.id.into()),
        ("vendor", ep.vendor.into()),
        ("title", text(ep.title)),
        ("method", ep.method.into()),
        ("docUrl", ep.doc_url.into()),
        ("deprecated", ep.deprecated.is_some().into()),
        (
            "deprecation",
            ep.deprecated.map(text).unwrap_or(Value::Null),
        ),
        ("defaultBaseUrl", ep.default_base_url.into()),
        ("path", ep.documented_path.into()),
        ("fields", Value::Array(fields)),
        (
            "crossRules",
            Value::Array(rules.iter().map(cross_rule).collect()),
        ),
        ("jsonSchemaGaps", Value::Array(gaps)),
    ]))
}
