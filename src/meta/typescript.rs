//! `typescript_definitions`: TypeScript declarations of every endpoint's
//! input, generated from the field tables.

use std::fmt::Write;

use super::{accepts_empty_string, accepts_null, number_text, sections};
use crate::model::endpoint::BASE_URL_FIELD;
use crate::model::field::{ArrayRule, CustomShape, Field, ObjectRule, StrRule, Ty};
use crate::report::Code;
use crate::report::Unit;

/// `fxiaoke.updateMember` → `FxiaokeUpdateMemberInput`.
pub(crate) fn interface_name(id: &str) -> String {
    let mut out = String::new();
    for part in id.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    out.push_str("Input");
    out
}

fn literal(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned())
}

fn is_identifier(key: &str) -> bool {
    let mut chars = key.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

fn property_name(key: &str) -> String {
    if is_identifier(key) {
        key.to_owned()
    } else {
        literal(key)
    }
}

/// A JSDoc line from a field's texts (`*/` cannot end the comment early).
fn doc(field: &Field, indent: &str) -> String {
    let mut parts = Vec::new();
    if !field.label.en.is_empty() {
        let mut label = field.label.en.to_owned();
        if !field.label.zh.is_empty() {
            label.push_str(&format!(" ({})", field.label.zh));
        }
        parts.push(label);
    }
    if !field.help.en.is_empty() {
        parts.push(field.help.en.to_owned());
    }
    if let Ty::Str(StrRule {
        length: Some(l), ..
    }) = field.ty
    {
        let unit = match l.unit {
            Unit::Chars => "characters",
            Unit::Bytes => "UTF-8 bytes",
        };
        parts.push(match l.max {
            Some(max) if l.min > 0 => format!("{}–{max} {unit}.", l.min),
            Some(max) => format!("At most {max} {unit}."),
            None => format!("At least {} {unit}.", l.min),
        });
    }
    if parts.is_empty() {
        return String::new();
    }
    format!(
        "{indent}/** {} */\n",
        parts.join(" — ").replace("*/", "*\\/")
    )
}

fn union(mut parts: Vec<String>, nullable: bool) -> String {
    if nullable {
        parts.push("null".to_owned());
    }
    parts.join(" | ")
}

/// The TypeScript type of the values `field` accepts.
fn field_type(field: &Field, indent: &str) -> String {
    let nullable = accepts_null(field);
    match field.ty {
        Ty::Str(rule) => {
            if !rule.one_of.is_empty() {
                let mut parts: Vec<String> = rule.one_of.iter().map(|v| literal(v)).collect();
                parts.extend(
                    rule.one_of
                        .iter()
                        .filter_map(|v| number_text(v))
                        .map(|n| n.to_string()),
                );
                if accepts_empty_string(field) {
                    parts.push(if rule.blank_is_empty {
                        "string".to_owned()
                    } else {
                        "\"\"".to_owned()
                    });
                }
                union(parts, nullable)
            } else if let Some(format) = rule.format {
                let mut parts = vec!["string".to_owned()];
                if !format.integers.is_empty() {
                    parts.push("number".to_owned());
                }
                union(parts, nullable)
            } else {
                union(vec!["string".to_owned(), "number".to_owned()], nullable)
            }
        }
        Ty::Int(rule) => {
            if rule.one_of.is_empty() {
                union(vec!["number".to_owned(), "string".to_owned()], nullable)
            } else {
                let mut parts: Vec<String> = rule.one_of.iter().map(|n| n.to_string()).collect();
                parts.extend(rule.one_of.iter().map(|n| literal(&n.to_string())));
                if accepts_empty_string(field) {
                    parts.push("\"\"".to_owned());
                }
                union(parts, nullable)
            }
        }
        Ty::Bool => union(vec!["boolean".to_owned()], nullable),
        Ty::Object(rule) => union(vec![object_type(rule, indent)], nullable),
        Ty::Array(rule) => union(vec![array_type(rule, indent)], nullable),
        Ty::Custom(custom) => match custom.shape {
            CustomShape::ArrayOrJsonText(rule) => union(
                vec!["string".to_owned(), array_type(rule, indent)],
                nullable,
            ),
        },
    }
}

fn array_type(rule: &ArrayRule, indent: &str) -> String {
    format!("Array<{}>", field_type(rule.item, indent))
}

fn object_type(rule: &ObjectRule, indent: &str) -> String {
    let inner = format!("{indent}  ");
    let mut out = String::from("{\n");
    for f in rule.fields {
        out.push_str(&doc(f, &inner));
        let _ = writeln!(
            out,
            "{inner}{}{}: {};",
            property_name(f.key),
            if f.required { "" } else { "?" },
            field_type(f, &inner)
        );
    }
    if let Some((prefix, template)) = rule.prefixed {
        out.push_str(&doc(template, &inner));
        // Optional entries of an index signature also admit undefined.
        let _ = writeln!(
            out,
            "{inner}[key: `{}${{string}}`]: {} | undefined;",
            prefix.replace('`', "\\`"),
            field_type(template, &inner)
        );
    }
    out.push_str(indent);
    out.push('}');
    out
}

/// TypeScript declarations of every endpoint's input: one exported
/// interface per endpoint (`FxiaokeUpdateMemberInput`, …) with its
/// `baseUrl`, `path`, `query` and `body`; an `EndpointId` union; and an
/// `InputFor` map from endpoint id to input type. Types follow what the
/// validator accepts: optional fields may be `null`, integer fields take
/// digit strings and plain string fields numbers (both coerced with a
/// warning), enums are literal unions. Also the shape of `describe()`
/// (`EndpointDescription` and its parts). Checked with `tsc --strict`
/// (tests/meta/check.sh). Meant for build time (`tools/gen_types.rs`), not
/// for the wasm API: leaving it out of the exports keeps it out of the wasm.
pub fn typescript_definitions() -> String {
    let mut out = String::from(
        "// Generated by rosterguard::typescript_definitions() from the validator's field tables. Do not edit.\n\n",
    );
    let endpoints = crate::api::endpoints();
    for ep in endpoints {
        let name = interface_name(ep.id);
        let _ = writeln!(
            out,
            "/**\n * {} ({}): the input of `{}`, {} {}.",
            ep.title.en, ep.title.zh, ep.id, ep.method, ep.documented_path
        );
        if let Some(why) = ep.deprecated {
            let _ = writeln!(out, " * @deprecated {}", why.en.replace("*/", "*\\/"));
        }
        out.push_str(" */\n");
        let _ = writeln!(out, "export interface {name} {{");
        out.push_str(&doc(&BASE_URL_FIELD, "  "));
        let _ = writeln!(out, "  baseUrl?: {};", field_type(&BASE_URL_FIELD, "  "));
        for section in sections(ep) {
            let _ = writeln!(out, "  /** {} ({}) */", section.title.en, section.title.zh);
            let _ = writeln!(
                out,
                "  {}{}: {};",
                section.name,
                if section.required() { "" } else { "?" },
                object_type(section.rule, "  ")
            );
        }
        out.push_str("}\n\n");
    }
    out.push_str("/** The endpoint ids. */\nexport type EndpointId =\n");
    for ep in endpoints {
        let _ = writeln!(out, "  | {}", literal(ep.id));
    }
    out.push_str("  ;\n\n/** The input type of each endpoint. */\nexport interface InputFor {\n");
    for ep in endpoints {
        let _ = writeln!(out, "  {}: {};", literal(ep.id), interface_name(ep.id));
    }
    out.push_str(
        "}\n\n/** The input of any endpoint. */\nexport type AnyInput = InputFor[EndpointId];\n",
    );
    // The unions below derive from the registry and from `Code`, so that a
    // new endpoint, vendor, method or code reaches the types by itself.
    let mut vendors: Vec<&str> = endpoints.iter().map(|e| e.vendor).collect();
    vendors.dedup();
    vendors.sort_unstable();
    vendors.dedup();
    let mut methods: Vec<&str> = endpoints.iter().map(|e| e.method).collect();
    methods.sort_unstable();
    methods.dedup();
    let union = |items: &[&str]| {
        items
            .iter()
            .map(|i| literal(i))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let _ = writeln!(
        out,
        "\n/** The vendor keys. */\nexport type VendorId = {};",
        union(&vendors)
    );
    let _ = writeln!(
        out,
        "\n/** The HTTP methods of the endpoints. */\nexport type HttpMethod = {};",
        union(&methods)
    );
    // `unknown_field` is either (allowUnknown); `max_items` at "" ends a list
    // cut short, in the list it shortens.
    let errors: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| !c.is_warning())
        .map(|c| c.as_str())
        .collect();
    let warnings: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| c.is_warning() || matches!(c, Code::UnknownField | Code::MaxItems))
        .map(|c| c.as_str())
        .collect();
    let _ = writeln!(
        out,
        "\n/** Error codes (they block the request). */\nexport type ErrorCode = {};",
        union(&errors)
    );
    let _ = writeln!(
        out,
        "\n/** Warning codes (the request is still built). `unknown_field` is a warning with `allowUnknown`; `max_items` at \"\" ends a warning list cut short. */\nexport type WarningCode = {};",
        union(&warnings)
    );
    out.push_str(DESCRIPTION_TYPES);
    out
}

/// The shape of `describe()`'s result (checked against real output by
/// tests/meta/check.sh).
const DESCRIPTION_TYPES: &str = r#"
/** A text in English and Simplified Chinese. */
export interface LocalizedText {
  en: string;
  zh: string;
}

/** One field of describe(): everything a form needs to render and pre-check it. */
export interface FieldDescription {
  /** JSON Pointer into the input; `-` stands for any array index. */
  pointer: string;
  /** The last pointer segment (`-` for array items; `u_*` for a prefixed-key template). */
  key: string;
  /** "string" | "integer" | "boolean" | "object" | "array", or a custom union such as "string|array". */
  type: string;
  required: boolean;
  /** Tokens and secrets: never echo or log them. */
  secret: boolean;
  /** Whether null is accepted (an optional field drops it with a warning). */
  nullable: boolean;
  /** What "" does: sent as is, dropped with a warning, or rejected. */
  empty: 'keep' | 'drop' | 'reject';
  label: LocalizedText;
  help: LocalizedText;
  /** Where the rule comes from. */
  source: string;
  /** Coercions the validator accepts (with a warning). */
  coerces: Array<{ from: string; to: string }>;
  enum?: Array<string | number>;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  /** String length limits, counted in `lengthUnit`. */
  minLength?: number;
  maxLength?: number;
  /** `chars`: Unicode characters; `bytes`: UTF-8 bytes. */
  lengthUnit?: 'chars' | 'bytes';
  /** Syntax name, such as email, date, epoch_millis_or_date, cellphone, base_url. */
  format?: string;
  /** What a valid value of `format` looks like. */
  formatText?: LocalizedText;
  /** For a prefixed-key template: the ECMA-262 pattern of the keys it covers. */
  keyPattern?: string;
  keyPrefix?: string;
}

/** One cross-field rule of describe(). */
export interface CrossRuleDescription {
  /** The issue code it reports. */
  code: string;
  severity: 'error' | 'warning';
  /** The fields involved (`-` = any index); the reported one first. */
  pointers: string[];
  kind:
    | 'together'
    | 'requiredIfTrue'
    | 'memberOf'
    | 'unique'
    | 'sameLength'
    | 'atLeastOne'
    | 'noneOf'
    | 'formatWhen'
    | 'groupPrefix'
    | 'advice'
    | 'requiredWith'
    | 'differ'
    | 'adviceIf';
  text: LocalizedText;
  source: string;
  /** Whether jsonSchema() expresses the rule. */
  inJsonSchema: boolean;
  /** formatWhen: the trigger values and the format they require; noneOf: the refused values and what is accepted; adviceIf: the values that trigger the warning. */
  values?: string[];
  format?: string;
  /** groupPrefix: the group id prefix and its digit count. */
  prefix?: string;
  digits?: number;
  /** adviceIf: the item that, named in the second field, silences the warning. */
  unless?: string;
}

/** An error validate() reports that jsonSchema() cannot see. */
export interface JsonSchemaGap {
  code: string;
  /** JSON Pointer pattern (`-` = any index). */
  pointer: string;
  text: LocalizedText;
  source: string;
}

/** The result of describe(endpointId). */
export interface EndpointDescription {
  id: EndpointId;
  vendor: string;
  title: LocalizedText;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  docUrl: string;
  deprecated: boolean;
  deprecation: LocalizedText | null;
  defaultBaseUrl: string;
  /** The documented request path. */
  path: string;
  /** Every field in documentation order: baseUrl, each section, then its fields, nested objects and array items. */
  fields: FieldDescription[];
  crossRules: CrossRuleDescription[];
  jsonSchemaGaps: JsonSchemaGap[];
}
"#;
