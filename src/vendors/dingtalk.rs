//! DingTalk (钉钉): 更新员工花名册信息 (update employee roster).
//!
//! Sources: `seeds/dingtalk-update-employee-roster.txt` and `vendor-notes.md`
//! § DingTalk. Every rule of this vendor is in this file.

use crate::leaf::checks::DATE;
use crate::leaf::format::{Format, FormatResult};
use crate::leaf::text::{meta_str, Text};
use crate::model::endpoint::{
    plain_url, CrossKind, CrossRule, Endpoint, ReplySamples, ReplySpec, Sample, UniqueBy,
};
use crate::model::field::{ArrayRule, Empty, Field, IntRule, ObjectRule, Ty, NON_NEGATIVE};
use crate::report::Code;

const SEED: &str = "seeds/dingtalk-update-employee-roster.txt";
const NOTES: &str = "vendor-notes.md § DingTalk";

/// Date fields of the vendor's roster field-code list ("花名册自定义字段业务code",
/// updated 2025-09-10; kb-dingtalk-open-platform 0943), which take
/// "yyyy-MM-dd" (update page 0940: DDDateField 传日期格式为"yyyy-MM-dd").
/// The list has no type column: these are its date fields by meaning,
/// the seed's four among them.
const DATE_CODES: [&str; 11] = [
    "sys00-confirmJoinTime",
    "sys01-regularTime",
    "sys02-birthTime",
    "sys02-certEndTime",
    "sys02-joinWorkingTime",
    "sys03-graduationTime",
    "sys05-firstContractStartTime",
    "sys05-firstContractEndTime",
    "sys05-nowContractStartTime",
    "sys05-nowContractEndTime",
    "sys07-childBirthDate",
];

/// Department and direct-manager fields, which the update page says this
/// API cannot change ("部门和直属主管暂不支持接口更新", 0940, updated
/// 2026-05-29): their codes in the field-code list (0943; it has no
/// direct-manager code) and the Chinese names the update page uses for
/// sys00 codes.
const NOT_UPDATABLE: [&str; 7] = [
    "sys00-deptIds",
    "sys00-mainDeptId",
    "sys00-dept",
    "sys00-mainDept",
    "部门",
    "主部门",
    "直属主管",
];

fn updatable(code: &str) -> FormatResult {
    if NOT_UPDATABLE.contains(&code) {
        FormatResult::Bad
    } else {
        FormatResult::Ok
    }
}

static UPDATABLE_CODE: Format = Format {
    name: "updatable_field_code",
    check: updatable,
    expected: Text::new(
        "a field this API can update: department and direct manager (sys00-deptIds, sys00-mainDeptId, sys00-dept, sys00-mainDept, 部门, 主部门, 直属主管) cannot be changed through the roster",
        "该接口可更新的字段：部门和直属主管（sys00-deptIds、sys00-mainDeptId、sys00-dept、sys00-mainDept、部门、主部门、直属主管）暂不支持通过花名册接口更新",
    ),
    pattern: meta_str(r"(?!(?:sys00-deptIds|sys00-mainDeptId|sys00-dept|sys00-mainDept|部门|主部门|直属主管)$)[\s\S]*"),
    // Applied to field codes, which the walker already checks as strings.
    integers: &[],
};

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

const FIELD_CODE: &str = "/body/param/groups/-/sections/-/section/-/field_code";

/// What [`cross`] checks, for `describe` and `json_schema`.
static CROSS_RULES: [CrossRule; 6] = [
    CrossRule {
        code: Code::Format,
        pointers: &[FIELD_CODE],
        kind: CrossKind::NoneOf {
            values: &NOT_UPDATABLE,
            format: &UPDATABLE_CODE,
        },
        text: Text::meta(
            "Department and direct manager cannot be updated through this API (sys00-deptIds, sys00-mainDeptId, sys00-dept, sys00-mainDept, 部门, 主部门, 直属主管).",
            "部门和直属主管暂不支持通过该接口更新（sys00-deptIds、sys00-mainDeptId、sys00-dept、sys00-mainDept、部门、主部门、直属主管）。",
        ),
        source: meta_str("DingTalk 更新员工花名册信息 (0940, 2026-05-29): 部门和直属主管暂不支持接口更新; field codes from 0943"),
    },
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
            "The date fields of the roster field-code list (sys00-confirmJoinTime, sys01-regularTime, sys02-birthTime, sys02-certEndTime, sys02-joinWorkingTime, sys03-graduationTime, sys05 contract start and end dates, sys07-childBirthDate) take a real date written yyyy-MM-dd.",
            "花名册字段编码表中的日期字段（sys00-confirmJoinTime、sys01-regularTime、sys02-birthTime、sys02-certEndTime、sys02-joinWorkingTime、sys03-graduationTime、sys05 合同起止日期、sys07-childBirthDate）的值须为 yyyy-MM-dd 格式的有效日期。",
        ),
        source: meta_str("DingTalk 0940 (DDDateField: yyyy-MM-dd) and the field-code list 0943"),
    },
    CrossRule {
        code: Code::Duplicate,
        pointers: &["/body/param/groups/-/sections/-/old_index"],
        kind: CrossKind::Unique {
            by: UniqueBy::Integer,
        },
        text: Text::meta(
            "Within a group, each old_index names one existing section: no two sections may carry the same old_index.",
            "同一分组内，每个 old_index 对应一段已有记录，不能有两段记录使用相同的 old_index。",
        ),
        source: meta_str(NOTES),
    },
    CrossRule {
        code: Code::Duplicate,
        pointers: &[FIELD_CODE],
        kind: CrossKind::Unique {
            by: UniqueBy::Text,
        },
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

/// `errcode` 0 (and `success`, `result` not false) is success: `result` is
/// the seed's "调用结果" (§ 返回响应), so a not-applied update is never
/// called a success. Codes from DingTalk's server-API error-code and
/// throttling pages (kb-dingtalk-open-platform mirror, 0013 and 1433):
/// -1 busy (retry up to 3 times), 90018 per-app limit and 90002 global
/// per-API limit (sleep 1 s), 90001 and 90003–90014 "暂时禁用" (temporarily
/// disabled), 45009 call limit; not 90017 (an IP's corpId count) nor
/// 90020 (monthly quota: upgrading is the only fix). 88 is 鉴权异常 on the
/// error-code page ("关注返回结果里的subCode和subMsg"): it is not retried,
/// since the vendor names no throttle there (one public client's "short
/// ban" reading is a guess its own comment admits), but its `sub_code`
/// counts like a top-level code (40014 → refresh the token). Token: 40001,
/// 40014 invalid, 42001 expired access_token. The IP block (over 10 000
/// calls per 20 s) answers `{"status":1111,"wait":5}` without an errcode,
/// for 5 minutes: retryable, after a long wait.
pub(crate) static REPLY: ReplySpec = ReplySpec {
    code_key: Some("errcode"),
    ok_code: 0,
    false_keys: &["success", "result"],
    ok_key: None,
    message_keys: &["errmsg"],
    failure_code_keys: &[],
    trace_key: Some("request_id"),
    sub_code_key: Some("sub_code"),
    sub_message_key: Some("sub_msg"),
    retryable: &[
        -1, 45009, 90001, 90002, 90003, 90004, 90005, 90006, 90007, 90008, 90009, 90010, 90011,
        90012, 90013, 90014, 90018,
    ],
    token_codes: &[40001, 40014, 42001],
    token_statuses: &[],
    retry_markers: &[("status", 1111)],
    source: meta_str(
        "DingTalk server-API error codes and throttling pages (vendor-notes.md, corrections)",
    ),
    samples: &ReplySamples {
        ok: Sample {
            status: 200,
            body: meta_str(
                r#"{"errcode":0,"errmsg":"ok","result":true,"success":true,"request_id":"mock"}"#,
            ),
        },
        invalid: Sample {
            status: 200,
            body: meta_str(r#"{"errcode":40035,"errmsg":"{{message}}","request_id":"mock"}"#),
        },
        throttled: Sample {
            status: 200,
            body: meta_str(
                r#"{"errcode":90018,"errmsg":"api calls per second over limit","request_id":"mock"}"#,
            ),
        },
        busy: Sample {
            status: 200,
            body: meta_str(r#"{"errcode":-1,"errmsg":"system busy","request_id":"mock"}"#),
        },
        token_expired: Sample {
            status: 200,
            body: meta_str(
                r#"{"errcode":42001,"errmsg":"access_token expired","request_id":"mock"}"#,
            ),
        },
    },
};

/// 20 calls per second per app and API (DingTalk throttling page).
pub(crate) const RATE: f64 = 20.0;

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
    content_type: "application/json",
    path: None,
    query: Some(&QUERY),
    headers: None,
    body: &BODY,
    cross: &CROSS_RULES,
    url: plain_url,
    reply: &REPLY,
    rate_per_second: RATE,
    rate_source: meta_str("DingTalk throttling page (1433): 20 calls/s per app per API"),
    record_key: meta_str("/body/param/userid"),
    token_prefix: "",
};
