//! DingTalk (钉钉): 更新员工花名册信息 (update employee roster).
//!
//! Sources: `seeds/dingtalk-update-employee-roster.txt` and `vendor-notes.md`
//! § DingTalk. Every rule of this vendor is in this file.

use serde_json::Value;

use crate::checks::{is_iso_date, DATE};
use crate::endpoint::{CrossKind, CrossRule, Endpoint, Parts};
use crate::error::Error;
use crate::options::Options;
use crate::params;
use crate::pointer;
use crate::reply::{self, ReplyOutcome};
use crate::report::{Code, Ctx};
use crate::schema::{
    int_value, meta_str, unique_by, ArrayRule, Empty, Field, IntRule, ObjectRule, Text, Ty,
    NON_NEGATIVE,
};

const SEED: &str = "seeds/dingtalk-update-employee-roster.txt";
const NOTES: &str = "vendor-notes.md § DingTalk";

/// Date fields (DDDateField) known from the roster meta: `yyyy-MM-dd`.
const DATE_CODES: [&str; 4] = [
    "sys00-confirmJoinTime",
    "sys01-regularTime",
    "sys02-birthTime",
    "sys03-graduationTime",
];

static QUERY_FIELDS: [Field; 1] = [Field::string("access_token")
    .required()
    .secret()
    .label("Access token", "access_token")
    .help("The app's access token.", "应用的 access_token。")
    .source("seeds/dingtalk-update-employee-roster.txt § Query 参数")];

static ROSTER_FIELD_FIELDS: [Field; 2] = [
    Field::string("field_code")
        .required()
        .label("Field code", "字段编码")
        .help(
            "From /topapi/smartwork/hrm/roster/meta/get, e.g. sys03-highestEdu; a sysNN- code belongs to group sysNN.",
            "来自 /topapi/smartwork/hrm/roster/meta/get，例如 sys03-highestEdu；sysNN- 开头的字段属于分组 sysNN。",
        )
        .source(NOTES),
    Field::string("value")
        .required()
        .on_empty(Empty::Keep)
        .label("Value", "字段值")
        .help(
            "A string; dates yyyy-MM-dd, select fields the option value (民族 \"1\" = 汉族).",
            "字符串；日期为 yyyy-MM-dd，选择类字段传选项值（民族 \"1\" 为汉族）。",
        )
        .source(NOTES),
];
static ROSTER_FIELD: ObjectRule = ObjectRule {
    fields: &ROSTER_FIELD_FIELDS,
    prefixed: None,
};
static ROSTER_FIELD_ITEM: Field = Field::new("", Ty::Object(&ROSTER_FIELD))
    .required()
    .label("Field", "字段");
static SECTION_ITEMS: ArrayRule = ArrayRule {
    item: &ROSTER_FIELD_ITEM,
    min_items: 1,
    max_items: None,
    unique: false,
};

static SECTION_FIELDS: [Field; 2] = [
    Field::new("old_index", Ty::Int(NON_NEGATIVE))
        .on_empty(Empty::Reject)
        .label("Existing section index", "已有记录序号 old_index")
        .help(
            "Given: edits that section, only the fields sent. Omitted: adds a new section and clears every field not sent.",
            "传入：只修改该段记录中所传字段；不传：新增一段记录，未传字段被清空。",
        )
        .source(NOTES),
    Field::new("section", Ty::Array(&SECTION_ITEMS))
        .required()
        .label("Fields", "字段列表")
        .help(
            "At least one {field_code, value}; each field_code at most once per section.",
            "至少 1 个 {field_code, value}；同一段记录中每个 field_code 只能出现一次。",
        )
        .source(SEED),
];
static SECTION: ObjectRule = ObjectRule {
    fields: &SECTION_FIELDS,
    prefixed: None,
};
static SECTION_ITEM: Field = Field::new("", Ty::Object(&SECTION))
    .required()
    .label("Section", "记录");
static SECTIONS: ArrayRule = ArrayRule {
    item: &SECTION_ITEM,
    min_items: 1,
    max_items: None,
    unique: false,
};

static GROUP_FIELDS: [Field; 2] = [
    Field::string("group_id")
        .required()
        .label("Group id", "分组 ID")
        .help(
            "sys00 basic, sys01 work, sys02 personal, sys03 education, sys04 bank card, sys05 contract, sys06 emergency contact, sys07 family, sys09 social insurance.",
            "sys00 基本信息、sys01 工作信息、sys02 个人信息、sys03 学历、sys04 银行卡、sys05 合同、sys06 紧急联系人、sys07 家庭、sys09 社保公积金。",
        )
        .source(NOTES),
    Field::new("sections", Ty::Array(&SECTIONS))
        .required()
        .label("Sections", "记录列表")
        .help(
            "At least one section: one record of the group (multi-record groups such as education have several).",
            "至少 1 段记录，即该分组的一条记录（学历等多记录分组可有多段）。",
        )
        .source(SEED),
];
static GROUP: ObjectRule = ObjectRule {
    fields: &GROUP_FIELDS,
    prefixed: None,
};
static GROUP_ITEM: Field = Field::new("", Ty::Object(&GROUP))
    .required()
    .label("Group", "分组");
static GROUPS: ArrayRule = ArrayRule {
    item: &GROUP_ITEM,
    min_items: 1,
    max_items: None,
    unique: false,
};

static PARAM_FIELDS: [Field; 2] = [
    Field::string("userid")
        .required()
        .label("User id", "员工 userid")
        .help(
            "Required (the page's 可选 is a rendering slip; a wrong userid returns 系统错误).",
            "必填（页面上的“可选”为渲染错误；userid 错误会返回“系统错误”）。",
        )
        .source("vendor-notes.md § DingTalk: param.userid required"),
    Field::new("groups", Ty::Array(&GROUPS))
        .required()
        .label("Roster groups", "花名册分组")
        .help(
            "At least one group, each with its group_id and sections.",
            "至少 1 个分组，每个分组包含 group_id 和记录列表。",
        )
        .source(SEED),
];
static PARAM: ObjectRule = ObjectRule {
    fields: &PARAM_FIELDS,
    prefixed: None,
};

static BODY_FIELDS: [Field; 2] = [
    Field::new(
        "agentid",
        Ty::Int(IntRule {
            min: Some(1),
            max: None,
            one_of: &[],
        }),
    )
    .required()
    .label("Agent id", "应用 agentid")
    .help(
        "Positive integer, sent as a number (the page's example sends a string).",
        "正整数，以数字发送（文档示例传的是字符串）。",
    )
    .source("seeds/dingtalk-update-employee-roster.txt § Body 参数; vendor-notes.md: body carries numbers"),
    Field::new("param", Ty::Object(&PARAM))
        .required()
        .label("Employee", "员工信息")
        .help(
            "The employee (userid) and the roster groups to update.",
            "要更新的员工（userid）及其花名册分组。",
        )
        .source(SEED),
];

static QUERY: ObjectRule = ObjectRule {
    fields: &QUERY_FIELDS,
    prefixed: None,
};
static BODY: ObjectRule = ObjectRule {
    fields: &BODY_FIELDS,
    prefixed: None,
};

// ---- cross-field rules -----------------------------------------------------

/// The `sysNN` group a `sysNN-…` field code belongs to.
fn code_group(code: &str) -> Option<&str> {
    let (group, rest) = code.split_once('-')?;
    let digits = group.strip_prefix("sys")?;
    (digits.len() == 2 && digits.bytes().all(|b| b.is_ascii_digit()) && !rest.is_empty())
        .then_some(group)
}

const FIELD_CODE: &str = "/body/param/groups/-/sections/-/section/-/field_code";

/// What [`cross`] checks, for `describe` and `json_schema`.
static CROSS_RULES: [CrossRule; 5] = [
    CrossRule {
        code: Code::NotIn,
        pointers: &[FIELD_CODE, "/body/param/groups/-/group_id"],
        kind: CrossKind::GroupPrefix {
            prefix: "sys",
            digits: 2,
        },
        text: Text::meta(
            "A field_code written sysNN-… belongs to group sysNN and must sit in the group whose group_id is sysNN.",
            "sysNN- 开头的 field_code 属于分组 sysNN，只能放在 group_id 为 sysNN 的分组中。",
        ),
        source: meta_str(NOTES),
    },
    CrossRule {
        code: Code::Format,
        pointers: &["/body/param/groups/-/sections/-/section/-/value", FIELD_CODE],
        kind: CrossKind::FormatWhen {
            values: &DATE_CODES,
            format: &DATE,
        },
        text: Text::meta(
            "The date fields sys00-confirmJoinTime, sys01-regularTime, sys02-birthTime and sys03-graduationTime take a real date written yyyy-MM-dd.",
            "日期字段 sys00-confirmJoinTime、sys01-regularTime、sys02-birthTime、sys03-graduationTime 的值须为 yyyy-MM-dd 格式的有效日期。",
        ),
        source: meta_str("vendor-notes.md § DingTalk: DDDateField takes yyyy-MM-dd"),
    },
    CrossRule {
        code: Code::Duplicate,
        pointers: &["/body/param/groups/-/sections/-/old_index"],
        kind: CrossKind::Unique,
        text: Text::meta(
            "Within a group, each old_index names one existing section: no two sections may carry the same old_index.",
            "同一分组内，每个 old_index 对应一段已有记录，不能有两段记录使用相同的 old_index。",
        ),
        source: meta_str(NOTES),
    },
    CrossRule {
        code: Code::Duplicate,
        pointers: &[FIELD_CODE],
        kind: CrossKind::Unique,
        text: Text::meta(
            "Within a section, each field_code appears at most once.",
            "同一段记录中，每个 field_code 最多出现一次。",
        ),
        source: meta_str(SEED),
    },
    CrossRule {
        code: Code::NewSection,
        pointers: &["/body/param/groups/-/sections/-", "/body/param/groups/-/sections/-/old_index"],
        kind: CrossKind::Advice,
        text: Text::meta(
            "A section without old_index adds a new section, and every field not passed in it is cleared (warning).",
            "不传 old_index 的记录会新增一段记录，其中未传的字段会被清空（警告）。",
        ),
        source: meta_str(NOTES),
    },
];

/// Rules across items, read from the caller's input so that paths keep the
/// caller's indexes even where an item failed its own checks.
fn cross(ctx: &mut Ctx, parts: &Parts) {
    let Some(Value::Array(groups)) = parts.raw_at("/body/param/groups") else {
        return;
    };
    // Pointers are built only for the issues reported: this runs on every
    // field of every section.
    for (gi, group) in groups.iter().enumerate() {
        let group_path = || pointer::join_index("/body/param/groups", gi);
        // An empty group_id already has its own error; comparing codes with it would only add noise.
        let group_id = group
            .get("group_id")
            .and_then(Value::as_str)
            .filter(|g| !g.is_empty());
        let Some(Value::Array(sections)) = group.get("sections") else {
            continue;
        };
        let sections_path = || pointer::join(&group_path(), "sections");
        let mut old_indexes = Vec::new();
        for (si, section) in sections.iter().enumerate() {
            let section_path = || pointer::join_index(&sections_path(), si);
            match section.get("old_index") {
                None | Some(Value::Null) if section.is_object() => {
                    ctx.warn(&section_path(), Code::NewSection, params! {});
                }
                Some(v) => {
                    if let Some(index) = int_value(v) {
                        old_indexes.push((si, index));
                    }
                }
                None => {}
            }
            let Some(Value::Array(fields)) = section.get("section") else {
                continue;
            };
            let fields_path = || pointer::join(&section_path(), "section");
            let field_path =
                |fi: usize, key: &str| pointer::join(&pointer::join_index(&fields_path(), fi), key);
            let mut codes = Vec::new();
            for (fi, field) in fields.iter().enumerate() {
                let Some(code) = field.get("field_code").and_then(Value::as_str) else {
                    continue;
                };
                if let (Some(own), Some(group_id)) = (code_group(code), group_id) {
                    if own != group_id {
                        ctx.error(
                            &field_path(fi, "field_code"),
                            Code::NotIn,
                            params! {"fieldGroup": own, "group": group_id, "list": pointer::join(&group_path(), "group_id")},
                        );
                    }
                }
                if DATE_CODES.contains(&code) {
                    let bad = match field.get("value") {
                        Some(Value::String(s)) => !is_iso_date(s),
                        Some(Value::Number(n)) => !is_iso_date(&n.to_string()),
                        _ => false,
                    };
                    if bad {
                        ctx.error_hint(
                            &field_path(fi, "value"),
                            Code::Format,
                            params! {"format": DATE.name},
                            DATE.expected,
                        );
                    }
                }
                codes.push((fi, code));
            }
            unique_by(ctx, &codes, |fi| field_path(fi, "field_code"));
        }
        unique_by(ctx, &old_indexes, |si| {
            pointer::join(&pointer::join_index(&sections_path(), si), "old_index")
        });
    }
}

// ---- request and reply -----------------------------------------------------

fn url(parts: &Parts, opts: &Options) -> Result<String, Error> {
    Ok(format!(
        "{}{}",
        UPDATE_EMPLOYEE_ROSTER.request_path(opts),
        parts.query_string(&["access_token"], &[])
    ))
}

/// `errcode` 0 (and `success` not false) is success; 88 is a transient
/// throttle (vendor-notes § DingTalk). `result` is the seed's "调用结果"
/// (the call's result, § 返回响应): false is a failure too, since calling a
/// not-applied update a success would lose it silently.
fn reply(status: u16, body: &str) -> ReplyOutcome {
    let map = match reply::json_object(status, body) {
        Ok(map) => map,
        Err(outcome) => return outcome,
    };
    let trace_id = reply::text(&map, "request_id");
    let message = reply::text(&map, "errmsg");
    match reply::code_int(map.get("errcode")) {
        Some(code) => {
            let ok = code == 0
                && map.get("success") != Some(&Value::Bool(false))
                && map.get("result") != Some(&Value::Bool(false))
                && reply::http_ok(status);
            ReplyOutcome {
                ok,
                vendor_code: reply::code_text(map.get("errcode")),
                // A failure always says something, even when the reply has no message.
                message: message
                    .or_else(|| (!ok).then(|| format!("HTTP {status}, errcode {code}"))),
                retryable: !ok && (code == 88 || reply::http_retryable(status)),
                trace_id,
            }
        }
        None => ReplyOutcome {
            trace_id,
            ..ReplyOutcome::failure(
                format!("HTTP {status}: the reply has no integer errcode"),
                reply::http_retryable(status),
            )
        },
    }
}

/// `dingtalk.updateEmployeeRoster`.
pub static UPDATE_EMPLOYEE_ROSTER: Endpoint = Endpoint {
    id: "dingtalk.updateEmployeeRoster",
    vendor: "dingtalk",
    title: Text::new(
        "DingTalk: update employee roster",
        "钉钉：更新员工花名册信息",
    ),
    method: "POST",
    doc_url: "https://open.dingtalk.com/document/orgapp/intelligent-personnel-update-employee-file-information",
    deprecated: None,
    default_base_url: "https://oapi.dingtalk.com",
    documented_path: "/topapi/smartwork/hrm/employee/v2/update",
    path: None,
    query: Some(&QUERY),
    body: &BODY,
    cross,
    cross_rules: &CROSS_RULES,
    url,
    reply,
};
