//! DingTalk (钉钉): 更新员工花名册信息 (update employee roster) and 更新用户信息
//! (update user).
//!
//! Sources: the vendor pages, each cited with its URL and the date it shows.
//! Every rule of this vendor is in this file.

use crate::leaf::checks::DATE;
use crate::leaf::checks::EMAIL;
use crate::leaf::format::{Format, FormatResult};
use crate::leaf::text::{Meta, Text};
use crate::leaf::tree::Json;
use crate::model::endpoint::{
    CrossKind, CrossRule, Endpoint, Operation, ReplySamples, ReplySpec, Sample, UniqueBy,
};
use crate::model::field::{
    join, ArrayRule, Empty, Field, IntRule, Length, ObjectRule, StrRule, Ty, ANY_INTEGER,
    NON_NEGATIVE, POSITIVE,
};
use crate::report::{Code, Unit};

// The vendor pages this file cites, each with the date it shows: `cite!(page, "section")`.
crate::model::cite_pages! {$
    // 更新员工花名册信息, as last updated on 2026-05-29.
    roster_page => "https://open.dingtalk.com/document/orgapp/intelligent-personnel-update-employee-file-information \
        (2026-05-29) § ",
    // A citation of the update page's parameter table.
    user_doc => "DingTalk 更新用户信息 (user-information-update, 2026-06-08) § 请求参数: ",
    // A citation of the enterprise-account page (same URL, more fields).
    user_excl => "DingTalk 更新企业账号用户信息 (update-dedicated-accounts-information, 2026-05-27; same URL) § 请求参数: ",
    // 创建用户, as last updated on 2026-06-30.
    create_page => "https://open.dingtalk.com/document/development/user-information-creation (2026-06-30) § ",
}

const SEED: &str = cite!(roster_page, "请求参数");
const NOTES: &str = cite!(roster_page, "请求参数");

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
    FormatResult::ok_if(!NOT_UPDATABLE.contains(&code))
}

// No integers: it applies to field codes, which the walker already checks as strings.
static UPDATABLE_CODE: Format = Format::new(
    "updatable_field_code",
    updatable,
    Text::new(
        "a field this API can update: department and direct manager (sys00-deptIds, \
            sys00-mainDeptId, sys00-dept, sys00-mainDept, 部门, 主部门, 直属主管) cannot be \
            changed through the roster",
        "该接口可更新的字段：部门和直属主管（sys00-deptIds、sys00-mainDeptId、sys00-dept、\
            sys00-mainDept、部门、主部门、直属主管）暂不支持通过花名册接口更新",
    ),
    r"(?!(?:sys00-deptIds|sys00-mainDeptId|sys00-dept|sys00-mainDept|部门|主部门|直属主管)$)[\s\S]*",
);

static QUERY: ObjectRule = ObjectRule::of(&[Field::string("access_token")
    .required()
    .secret()
    .label("Access token", "access_token")
    .help("The app's access token.", "应用的 access_token。")
    .source(cite!(roster_page, "Query 参数"))]);
static BODY: ObjectRule = ObjectRule::of(&[
    Field::integer("agentid", POSITIVE)
    .required()
    .label("Agent id", "应用 agentid")
    .help(
        "Positive integer, sent as a number (the page's example sends a string).",
        "正整数，以数字发送（文档示例传的是字符串）。",
    )
    .source(cite!(roster_page, "Body 参数 agentid (Number)")),
    Field::object("param", &ObjectRule::of(&[
    Field::string("userid")
        .required()
        .label("User id", "员工 userid")
        .help(
            "Required (the page's 可选 is a rendering slip; a wrong userid returns 系统错误).",
            "必填（页面上的“可选”为渲染错误；userid 错误会返回“系统错误”）。",
        )
        .source(cite!(roster_page, "Body 参数 param.userid; a wrong userid returns 系统错误")),
    Field::array("groups", &ArrayRule::of(&Field::item(&ObjectRule::of(&[
    Field::string("group_id")
        .required()
        .label("Group id", "分组 ID")
        .help(
            "sys00 basic, sys01 work, sys02 personal, sys03 education, sys04 bank card, sys05 \
                contract, sys06 emergency contact, sys07 family, sys09 social insurance.",
            "sys00 基本信息、sys01 工作信息、sys02 个人信息、sys03 学历、sys04 银行卡、sys05 合\
                同、sys06 紧急联系人、sys07 家庭、sys09 社保公积金。",
        )
        .source(NOTES),
    Field::array("sections", &ArrayRule::of(&Field::item(&ObjectRule::of(&[
    Field::integer("old_index", NON_NEGATIVE)
        .on_empty(Empty::Reject)
        .label("Existing section index", "已有记录序号 old_index")
        .help(
            "Given: edits that section, only the fields sent. Omitted: adds a new section and \
                clears every field not sent.",
            "传入：只修改该段记录中所传字段；不传：新增一段记录，未传字段被清空。",
        )
        .source(NOTES),
    Field::array("section", &ArrayRule::of(&Field::item(&ObjectRule::of(&[
    Field::string("field_code")
        .required()
        .label("Field code", "字段编码")
        .help(
            "From /topapi/smartwork/hrm/roster/meta/get, e.g. sys03-highestEdu; a sysNN- code \
                belongs to group sysNN.",
            "来自 /topapi/smartwork/hrm/roster/meta/get，例如 sys03-highestEdu；sysNN- 开头的字\
                段属于分组 sysNN。",
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
]))
    .label("Field", "字段")).min(1))
        .required()
        .label("Fields", "字段列表")
        .help(
            "At least one {field_code, value}; each field_code at most once per section.",
            "至少 1 个 {field_code, value}；同一段记录中每个 field_code 只能出现一次。",
        )
        .source(SEED),
]))
    .label("Section", "记录")).min(1))
        .required()
        .label("Sections", "记录列表")
        .help(
            "At least one section: one record of the group (multi-record groups such as \
                education have several).",
            "至少 1 段记录，即该分组的一条记录（学历等多记录分组可有多段）。",
        )
        .source(SEED),
]).cross(&CROSS_RULES))
    .label("Group", "分组")).min(1))
        .required()
        .label("Roster groups", "花名册分组")
        .help(
            "At least one group, each with its group_id and sections.",
            "至少 1 个分组，每个分组包含 group_id 和记录列表。",
        )
        .source(SEED),
]))
        .required()
        .label("Employee", "员工信息")
        .help(
            "The employee (userid) and the roster groups to update.",
            "要更新的员工（userid）及其花名册分组。",
        )
        .source(SEED),
]);

// ---- cross-field rules -----------------------------------------------------

const FIELD_CODE: &str = "/sections/-/section/-/field_code";

/// The roster's cross-field rules, carried by each `groups` item (pointers
/// relative to it).
static CROSS_RULES: [CrossRule; 6] = [
    CrossRule::new(
        Code::Format,
        CrossKind::NoneOf {
            values: &NOT_UPDATABLE,
            format: &UPDATABLE_CODE,
        },
        &[FIELD_CODE],
    )
    .text(
        "Department and direct manager cannot be updated through this API (sys00-deptIds, \
                sys00-mainDeptId, sys00-dept, sys00-mainDept, 部门, 主部门, 直属主管).",
        "部门和直属主管暂不支持通过该接口更新（sys00-deptIds、sys00-mainDeptId、sys00-dept、\
                sys00-mainDept、部门、主部门、直属主管）。",
    )
    .source(
        "DingTalk 更新员工花名册信息 (0940, 2026-05-29): 部门和直属主管暂不支\
            持接口更新; field codes from 0943",
    ),
    CrossRule::new(
        Code::NotIn,
        CrossKind::GroupPrefix {
            prefix: "sys",
            digits: 2,
        },
        &[FIELD_CODE, "/group_id"],
    )
    .text(
        "A field_code written sysNN-… belongs to group sysNN and must sit in the group \
                whose group_id is sysNN.",
        "sysNN- 开头的 field_code 属于分组 sysNN，只能放在 group_id 为 sysNN 的分组中。",
    )
    .source(NOTES),
    CrossRule::new(
        Code::Format,
        CrossKind::FormatWhen {
            values: &DATE_CODES,
            format: &DATE,
        },
        &["/sections/-/section/-/value", FIELD_CODE],
    )
    .text(
        "The date fields of the roster field-code list (sys00-confirmJoinTime, \
                sys01-regularTime, sys02-birthTime, sys02-certEndTime, sys02-joinWorkingTime, \
                sys03-graduationTime, sys05 contract start and end dates, sys07-childBirthDate) \
                take a real date written yyyy-MM-dd.",
        "花名册字段编码表中的日期字段（sys00-confirmJoinTime、sys01-regularTime、\
                sys02-birthTime、sys02-certEndTime、sys02-joinWorkingTime、sys03-graduationTime\
                、sys05 合同起止日期、sys07-childBirthDate）的值须为 yyyy-MM-dd 格式的有效日期。",
    )
    .source("DingTalk 0940 (DDDateField: yyyy-MM-dd) and the field-code list 0943"),
    CrossRule::new(
        Code::Duplicate,
        CrossKind::Unique {
            by: UniqueBy::Integer,
        },
        &["/sections/-/old_index"],
    )
    .text(
        "Within a group, each old_index names one existing section: no two sections may \
                carry the same old_index.",
        "同一分组内，每个 old_index 对应一段已有记录，不能有两段记录使用相同的 old_index。",
    )
    .source(NOTES),
    CrossRule::new(
        Code::Duplicate,
        CrossKind::Unique { by: UniqueBy::Text },
        &[FIELD_CODE],
    )
    .text(
        "Within a section, each field_code appears at most once.",
        "同一段记录中，每个 field_code 最多出现一次。",
    )
    .source(SEED),
    CrossRule::new(
        Code::NewSection,
        CrossKind::Advice,
        &["/sections/-", "/sections/-/old_index"],
    )
    .text(
        "A section without old_index adds a new section, and every field not passed in it \
                is cleared (warning).",
        "不传 old_index 的记录会新增一段记录，其中未传的字段会被清空（警告）。",
    )
    .source(NOTES),
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
    false_keys: &["success", "result"],
    message_keys: &["errmsg"],
    trace_key: Some("request_id"),
    sub_code_key: Some("sub_code"),
    sub_message_key: Some("sub_msg"),
    retryable: &[
        -1, 45009, 90001, 90002, 90003, 90004, 90005, 90006, 90007, 90008, 90009, 90010, 90011,
        90012, 90013, 90014, 90018,
    ],
    token_codes: &[40001, 40014, 42001],
    retry_markers: &[("status", 1111)],
    // Server-API error codes page: 60102 UserID exists, 60104 mobile
    // exists; 60121 user not found. 50004: a permission (scope) failure, as
    // developers report it (2017-09-05:
    // https://github.com/open-dingtalk/openapi-demo-java/issues/1); the
    // search tool did not show the vendor page's own line.
    permission_codes: &[50004],
    exists_codes: &[60102, 60104],
    not_found_codes: &[60121],
    source: Meta::new(
        "https://open.dingtalk.com/document/development/server-api-error-codes-1 (2026-05-06); \
            https://open.dingtalk.com/document/development/how-to-process-api-throttling \
            (2026-05-09)",
    ),
    samples: &ReplySamples {
        ok: Sample::new(
            200,
            r#"{"errcode":0,"errmsg":"ok","result":true,"success":true,"request_id":"mock"}"#,
        ),
        invalid: Sample::new(
            200,
            r#"{"errcode":40035,"errmsg":"{{message}}","request_id":"mock"}"#,
        ),
        throttled: Sample::new(
            200,
            r#"{"errcode":90018,"errmsg":"api calls per second over limit","request_id":"mock"}"#,
        ),
        busy: Sample::new(
            200,
            r#"{"errcode":-1,"errmsg":"system busy","request_id":"mock"}"#,
        ),
        token_expired: Sample::new(
            200,
            r#"{"errcode":42001,"errmsg":"access_token expired","request_id":"mock"}"#,
        ),
        exists: Some(Sample::new(
            200,
            r#"{"errcode":60102,"errmsg":"UserID在公司中已存在","request_id":"mock"}"#,
        )),
        not_found: Some(Sample::new(
            200,
            r#"{"errcode":60121,"errmsg":"找不到该用户","request_id":"mock"}"#,
        )),
    },
    ..ReplySpec::DEFAULT
};

/// 20 calls per second per app and API (DingTalk throttling page).
pub(crate) const RATE: f64 = 20.0;

/// `dingtalk.updateEmployeeRoster`.
pub static UPDATE_EMPLOYEE_ROSTER: Endpoint = Endpoint {
    id: "dingtalk.updateEmployeeRoster",
    title: Text::new(
        "DingTalk: update employee roster",
        "钉钉：更新员工花名册信息",
    ),
    doc_url: "https://open.dingtalk.com/document/orgapp/intelligent-personnel-update-employee-file-information",
    documented_path: "/topapi/smartwork/hrm/employee/v2/update",
    query: Some(&QUERY),
    body: Some(&BODY),
    rate_source: Meta::new(
        "https://open.dingtalk.com/document/development/how-to-process-api-throttling \
            (2026-05-09): 20 calls/s per app per API",
    ),
    record_key: Meta::new("/body/param/userid"),
    ..DINGTALK
};

// ---- 更新用户信息 (update user) ---------------------------------------------
//
// Sources: the vendor page 更新用户信息 (open.dingtalk.com/document/development/
// user-information-update, updated 2026-06-08; kb-dingtalk-open-platform mirror
// 0057), its sibling for enterprise accounts at the same URL (0107, updated
// 2026-05-27), the create page (0055) for shared field semantics, and TopSDK's
// `OapiV2UserUpdateRequest` (Java, 2021.11.16) where the pages are silent.
// Limits follow the newest page; older SDKs and the v1 page had other ones
// (name 64, email 64, title 300, work_place 50, remark 1024).

/// A comma-separated list of 1 to 100 department ids, each a positive
/// integer of at most 15 digits.
fn dept_id_list(s: &str) -> FormatResult {
    let ok = s.split(',').count() <= 100
        && s.split(',').all(|id| {
            (1..=15).contains(&id.len())
                && !id.starts_with('0')
                && id.bytes().all(|b| b.is_ascii_digit())
        });
    FormatResult::ok_if(ok)
}

/// The create page's "每次调用最多传100个部门ID" (2026-06-30): the update page
/// gives no count, the Java SDK allows 300 (2021); the newest page wins.
static DEPT_ID_LIST: Format = Format::new(
    "dept_id_list",
    dept_id_list,
    Text::new(
        "1 to 100 positive department ids separated by commas, such as 2,3,4",
        "以英文逗号分隔的 1 至 100 个正整数部门 ID，例如 2,3,4",
    ),
    r"[1-9][0-9]{0,14}(?:,[1-9][0-9]{0,14}){0,99}",
)
// A number is sent as its text: one department id.
.integers(&[(1, 999_999_999_999_999)]);

/// A JSON object whose values are all strings, as JSON text.
fn extension_text(s: &str) -> FormatResult {
    match Json::parse(s) {
        Ok(Json::Object(map)) if map.values().all(|v| v.as_str().is_some()) => FormatResult::Ok,
        _ => FormatResult::Bad,
    }
}

/// A JSON string literal, as serde_json reads one (no raw control
/// characters, no lone surrogate escapes), as an ECMA-262 pattern.
macro_rules! json_string {
    () => {
        concat!(
            r#""(?:[^"\\\u0000-\u001F]|\\(?:["\\/bfnrt]|u(?:[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"#,
            r#"|(?![dD][89a-fA-F])[0-9a-fA-F]{4})))*""#
        )
    };
}

/// JSON white space.
macro_rules! json_ws {
    () => {
        r"[ \t\n\r]*"
    };
}

/// A JSON object whose values match `$value`, as an ECMA-262 pattern: `{`
/// `"key"` `:` value … `}` with JSON white space between the tokens
/// (`$value` brings its own).
macro_rules! json_object_of {
    ($($value:tt)+) => {
        concat!(
            json_ws!(),
            r"\{",
            json_ws!(),
            "(?:",
            json_string!(),
            json_ws!(),
            ":",
            $($value)+,
            "(?:,",
            json_ws!(),
            json_string!(),
            json_ws!(),
            ":",
            $($value)+,
            ")*)?",
            r"\}",
            json_ws!(),
        )
    };
}

/// [`extension_text`] as an ECMA-262 pattern.
macro_rules! json_object_of_strings {
    () => {
        json_object_of!(concat!(json_ws!(), json_string!(), json_ws!()))
    };
}

static EXTENSION_TEXT: Format = Format::new(
    "json_object_text",
    extension_text,
    Text::new(
        "text holding a JSON object of string values, such as {\"爱好\":\"旅游\",\"年龄\":\"24\"}",
        "由字符串值组成的 JSON 对象文本，例如 {\"爱好\":\"旅游\",\"年龄\":\"24\"}",
    ),
    json_object_of_strings!(),
);

/// The fields `force_update_fields` may name: `manager_userid` (update
/// page), and `org_email` too for enterprise accounts (0107, same URL).
const FORCE_UPDATABLE: [&str; 2] = ["manager_userid", "org_email"];

fn force_update_fields(s: &str) -> FormatResult {
    FormatResult::ok_if(s.split(',').all(|f| FORCE_UPDATABLE.contains(&f)))
}

static FORCE_UPDATE_FIELDS: Format = Format::new(
    "force_update_fields",
    force_update_fields,
    Text::new(
        "field names separated by commas, among manager_userid and (enterprise accounts) org_email",
        "以英文逗号分隔的字段名，可选 manager_userid 以及（企业账号）org_email",
    ),
    r"(?:manager_userid|org_email)(?:,(?:manager_userid|org_email))*",
);

/// "不能全是字母或者数字" (0107): not only letters, and not only digits (a
/// leading `-` does not make a number a password).
fn mixed_password(s: &str) -> FormatResult {
    let letters = s.chars().all(|c| c.is_ascii_alphabetic());
    let digits = s
        .strip_prefix('-')
        .unwrap_or(s)
        .chars()
        .all(|c| c.is_ascii_digit());
    FormatResult::ok_if(!(letters || digits))
}

static MIXED_PASSWORD: Format = Format::new(
    "mixed_password",
    mixed_password,
    Text::new(
        "a password that is neither only letters nor only digits",
        "不能全是字母或全是数字的密码",
    ),
    r"(?![A-Za-z]*$)(?!-?[0-9]*$)[\s\S]+",
);

/// A department id, as the lists' items carry it.
static DEPT_ID_FIELD: Field = Field::integer("dept_id", DEPT_ID)
    .label("Department id", "部门 ID")
    .help("A positive department id.", "正整数部门 ID。");

/// A department id: "不合法的部门id…是否为数字且大于0" (error 40009).
const DEPT_ID: IntRule = POSITIVE;

/// `{"<attribute>": {"<language>": "<text>", …}, …}` as JSON text.
fn i18n_text(s: &str) -> FormatResult {
    let nested = |v: &Json| {
        v.as_object()
            .is_some_and(|m| m.values().all(|v| v.as_str().is_some()))
    };
    match Json::parse(s) {
        Ok(Json::Object(map)) if map.values().all(nested) => FormatResult::Ok,
        _ => FormatResult::Bad,
    }
}

static I18N_TEXT: Format = Format::new(
    "json_i18n_text",
    i18n_text,
    Text::new(
        "text holding a JSON object of {language: text} objects, such as {\"爱好\":{\"zh_CN\":\"\
            旅游\",\"en_US\":\"travel\"}}",
        "由 {语言: 值} 对象组成的 JSON 对象文本，例如 {\"爱好\":{\"zh_CN\":\"旅\
            游\",\"en_US\":\"travel\"}}",
    ),
    json_object_of!(json_object_of_strings!()),
);

static USER_QUERY: ObjectRule = ObjectRule::of(&[ACCESS_TOKEN]);

static ACCESS_TOKEN: Field = Field::string("access_token")
    .required()
    .secret()
    .label("Access token", "access_token")
    .help(
        "The app's access token, sent in the query string only.",
        "调用该接口的应用凭证，只放在 URL 查询参数中。",
    )
    .source(cite!(user_doc, "Query 参数 access_token 必填"));
static USER_BODY: ObjectRule = ObjectRule::of(&USER_BODY_FIELDS).cross(&USER_CROSS_RULES);
static F_USERID: Field = Field::string("userid")
    .required()
    .max_chars(64)
    .label("User id", "员工 userid")
    .help(
        "The employee's userid (at most 64 characters); it cannot be changed.",
        "员工的 userId（最多 64 个字符），不可修改。",
    )
    .source(
        "DingTalk 更新用户信息 (2026-06-08) § 请求参数: userid 必填; TopSDK \
            OapiV2UserUpdateRequest checkMaxLength(userid, 64)",
    );

static F_NAME: Field = Field::non_empty("name")
    .max_chars(80)
    .label("Name", "员工名称")
    .help("At most 80 characters.", "长度最大 80 个字符。")
    .source(cite!(
        user_doc,
        "name 长度最大80个字符 (older SDKs and the v1 page: 64); error 60112 用户name不合法"
    ));

static F_HIDE_MOBILE: Field = Field::boolean("hide_mobile")
    .label("Hide mobile", "是否号码隐藏")
    .help(
        "true hides the mobile number on the profile page.",
        "为 true 时在个人资料页隐藏手机号。",
    )
    .source(cite!(user_doc, "hide_mobile (Boolean)"));

static F_TELEPHONE: Field = Field::string("telephone")
    .max_chars(50)
    .label("Extension number", "分机号")
    .help(
        "At most 50 characters; unique in the organisation.",
        "长度最大 50 个字符；企业内不能重复。",
    )
    .source(cite!(user_doc, "telephone 长度最大50个字符"));

static F_JOB_NUMBER: Field = Field::string("job_number")
    .max_chars(50)
    .label("Employee number", "员工工号")
    .help("At most 50 characters.", "长度最大 50 个字符。")
    .source(cite!(
        user_doc,
        "job_number 长度最大50个字符 (older SDKs: 64)"
    ));

static F_MANAGER_USERID: Field = Field::string("manager_userid")
    .max_chars(64)
    .label("Direct manager", "直属主管")
    .help(
        "The direct manager's userid (a userid has at most 64 characters); to clear it, \
                list manager_userid in force_update_fields.",
        "直属主管的 userId（userId 最多 64 个字符）；清空时在 force_update_fields 中传 \
                manager_userid。",
    )
    .source(cite!(
        user_doc,
        "manager_userid; force_update_fields; userid ≤ 64 (TopSDK)"
    ));

static F_TITLE: Field = Field::string("title")
    .max_chars(200)
    .label("Title", "职位")
    .help("At most 200 characters.", "长度最大 200 个字符。")
    .source(cite!(user_doc, "title 长度最大200个字符 (older SDKs: 300)"));

static F_EMAIL: Field = Field::formatted("email", &EMAIL)
    .max_chars(50)
    .label("Email", "员工邮箱")
    .help(
        "An email address of at most 50 characters; unique in the organisation.",
        "邮箱地址，长度最大 50 个字符；企业内不能重复。",
    )
    .source(cite!(
        user_doc,
        "email 长度最大50个字符 (older SDKs: 64); error 60105 邮箱不合法"
    ));

static F_ORG_EMAIL: Field = Field::formatted("org_email", &EMAIL)
    .max_chars(100)
    .label("Enterprise email", "员工的企业邮箱")
    .help(
        "An email address of at most 100 characters; effective only when the enterprise \
                mailbox is opened.",
        "邮箱地址，最多 100 个字符；员工的企业邮箱已开通时才生效。",
    )
    .source(
        "DingTalk 更新用户信息 (2026-06-08) § 请求参数: org_email; length from 创建用户 \
            (0055) and TopSDK checkMaxLength(orgEmail, 100)",
    );

static F_WORK_PLACE: Field = Field::string("work_place")
    .max_chars(100)
    .label("Work place", "办公地点")
    .help("At most 100 characters.", "长度最大 100 个字符。")
    .source(cite!(
        user_doc,
        "work_place 长度最大100个字符 (older SDKs: 50)"
    ));

static F_REMARK: Field = Field::string("remark")
    .max_chars(2000)
    .label("Remark", "备注")
    .help("At most 2000 characters.", "长度最大 2000 个字符。")
    .source(cite!(
        user_doc,
        "remark 长度最大2000个字符 (older SDKs: 1024)"
    ));

static F_DEPT_ID_LIST: Field = Field::formatted("dept_id_list", &DEPT_ID_LIST)
    .on_empty(Empty::Reject)
    .label("Departments", "所属部门 ID 列表")
    .help(
        "Department ids separated by commas, such as 2,3,4: 1 to 100 positive integers. The \
                list becomes the employee's departments.",
        "以英文逗号分隔的部门 ID，例如 2,3,4：1 至 100 个正整数。该列表即员工所属的全部部门。",
    )
    .source(
        "DingTalk 更新用户信息 (2026-06-08) § 请求参数: dept_id_list (String, \
            example \"2,3,4\"); 创建用户 (0055): 每次调用最多传100个部门ID (TopSDK 2021: 300); \
            error 40009",
    );

static F_DEPT_ORDER_LIST: Field = Field::array(
    "dept_order_list",
    &ArrayRule::of(
        &Field::item(&ObjectRule::of(&[
            DEPT_ID_FIELD.source(cite!(user_doc, "dept_order_list ∟ dept_id (Number)")),
            Field::integer("order", ANY_INTEGER)
                .label("Order", "排序")
                .help(
                    "The employee's order in that department: larger comes first.",
                    "员工在部门中的排序，数值越大，排序越靠前。",
                )
                .source(cite!(user_doc, "dept_order_list ∟ order (Number)")),
        ]))
        .label("Department order", "部门内排序"),
    )
    .items(0, 100),
)
.label("Order in departments", "部门内排序")
.help(
    "At most 100 {dept_id, order}.",
    "最多 100 个 {dept_id, order}。",
)
.source(
    "DingTalk 更新用户信息 (2026-06-08) § 请求参数: dept_order_list; TopSDK \
            checkObjectMaxListSize(deptOrderList, 100)",
);

static F_EXTENSION: Field = Field::formatted("extension", &EXTENSION_TEXT)
    .max_chars(2000)
    .label("Extension attributes", "扩展属性")
    .help(
        "JSON text of an object of strings, at most 2000 characters. It replaces every \
                extension attribute: send them all (unless ext_attrs_update_mode is 1).",
        "字符串值组成的 JSON 对象文本，长度最大 2000 个字符。会整体替换扩展属性：须传入全部\
                属性（ext_attrs_update_mode 为 1 时除外）。",
    )
    .source(cite!(
        user_doc,
        "extension 长度最大2000个字符; 如果只传其中1个，那么剩下9个字段都会被\
            清空"
    ));

static F_EXT_ATTRS_UPDATE_MODE: Field =
    Field::integer("ext_attrs_update_mode", IntRule::one_of(&[0, 1]))
        .label("Extension update mode", "扩展属性更新模式")
        .help(
            "0 overwrite (default), 1 append.",
            "0：覆盖方式（默认），1：追加方式。",
        )
        .source(cite!(
            user_doc,
            "ext_attrs_update_mode 0：覆盖方式 1：追加方式 默认是覆盖"
        ));

static F_SENIOR_MODE: Field = Field::boolean("senior_mode")
    .label("Executive mode", "高管模式")
    .help(
        "true hides the mobile number from all employees (default false).",
        "为 true 时手机号码对所有员工隐藏（默认 false）。",
    )
    .source(cite!(user_doc, "senior_mode (Boolean)"));

static F_HIRED_DATE: Field = Field::integer("hired_date", DEPT_ID)
    .label("Hire date", "入职时间")
    .help(
        "Unix time in milliseconds (13 digits today), a positive integer.",
        "UNIX 时间戳，单位毫秒（当前为 13 位），正整数。",
    )
    .source(
        "DingTalk 更新用户信息 (2026-06-08) § 请求参数: hired_date 入职时间，UNIX时间戳\
            ，单位毫秒; TopSDK checkMinValue(hiredDate, 1)",
    );

static F_LANGUAGE: Field = Field::enumerated("language", &["zh_CN", "en_US"])
    .label("Contacts language", "通讯录语言")
    .help("zh_CN (default) or en_US.", "zh_CN（默认）或 en_US。")
    .source(cite!(
        user_doc,
        "language zh_CN：中文（默认值）, en_US：英文"
    ));

static F_FORCE_UPDATE_FIELDS: Field = Field::formatted("force_update_fields", &FORCE_UPDATE_FIELDS)
    .on_empty(Empty::Reject)
    .label("Fields to clear", "强制更新的字段")
    .help(
        "Fields written even when empty, separated by commas: manager_userid, and org_email \
                for enterprise accounts (which unbinds the enterprise mailbox).",
        "即使为空也写入的字段，以英文逗号分隔：manager_userid，企业账号还可传 org_email（将\
                解除企业邮箱绑定）。",
    )
    .source(
        "DingTalk 更新用户信息 (2026-06-08) § 请求参数: force_update_fields 目前支持字\
            段 manager_userid; 0107 (same URL): manager_userid、org_email",
    );

static F_DEPT_POSITION_LIST: Field = Field::array("dept_position_list", &ArrayRule::of(&Field::item(&ObjectRule::of(&[
    DEPT_ID_FIELD.source("TopSDK OapiV2UserUpdateRequest.DeptPosition (Java 2021.11.16): dept_id"),
    Field::boolean("is_main")
        .label("Main position", "是否主任职")
        .help(
            "Whether this is the main position; the SDK says exactly one must be.",
            "是否为主任职；SDK 说明需要有且只有一个主任职。",
        )
        .source("TopSDK OapiV2UserUpdateRequest.DeptPosition (Java 2021.11.16): is_main 是否主任\
            职（需要有且只有一个主任职）"),
    Field::string("title")
        .max_chars(200)
        .label("Title in the department", "部门内职位")
        .help("At most 200 characters.", "最多 200 个字符。")
        .source("TopSDK OapiV2UserUpdateRequest.DeptPosition (Java 2021.11.16): title 长度最大\
            200个字符"),
    Field::string("work_place")
        .max_chars(100)
        .label("Work place", "办公地点")
        .help("At most 100 characters.", "最多 100 个字符。")
        .source("TopSDK OapiV2UserUpdateRequest.DeptPosition (Java 2021.11.16): work_place 长度\
            最大100个字符"),
]))
    .label("Position in a department", "部门内任职")).items(0, 999))
        .label("Positions in departments", "部门内任职信息")
        .help(
            "At most 999 {dept_id, is_main, title, work_place}; exactly one should be the main \
                position.",
            "最多 999 个 {dept_id, is_main, title, work_place}；需要有且只有一个主任职。",
        )
        .source("DingTalk 更新用户信息 (2026-06-08) § 请求参数: dept_position_list; shape and \
            count from TopSDK (Java 2021.11.16) checkObjectMaxListSize(deptPositionList, 999)");

static F_EXTENSION_I18N: Field = Field::formatted("extension_i18n", &I18N_TEXT)
    .label("Extension attributes by language", "扩展属性的国际化值")
    .help(
        "JSON text: each extension attribute's name → {language: text}, such as {\"爱好\":\
                {\"zh_CN\":\"旅游\",\"en_US\":\"travel\"}}.",
        "JSON 文本：扩展属性名 → {语言: 值}，例如 {\"爱好\":{\"zh_CN\":\"旅\
                游\",\"en_US\":\"travel\"}}。",
    )
    .source(cite!(
        user_doc,
        "extension_i18n (Json) 扩展属性的国际化值; example {\"爱好\": {\"zh_ \
            CN\": \"旅游\", \"en_ US\": \"travel\", \"aJP\":\"旅  行\"} (misprinted, a JSON \
            text like extension)"
    ));

static F_DEPT_TITLE_LIST: Field = Field::array(
    "dept_title_list",
    &ArrayRule::of(
        &Field::item(&ObjectRule::of(&[
            DEPT_ID_FIELD.source(cite!(user_excl, "dept_title_list ∟ dept_id (Number)")),
            Field::string("title")
                .max_chars(200)
                .label("Title in the department", "部门内职位")
                .help(
                    "At most 200 characters, as title.",
                    "最多 200 个字符，与 title 相同。",
                )
                .source(cite!(
                    user_excl,
                    "dept_title_list ∟ title; length as title (200, update page)"
                )),
        ]))
        .label("Title in a department", "部门内职位"),
    )
    .items(0, 100),
)
.label("Titles in departments", "部门内职位")
.help(
    "At most 100 {dept_id, title}; listed on the enterprise-account page (same URL).",
    "最多 100 个 {dept_id, title}；见企业账号页面（同一 URL）。",
)
.source(
    "DingTalk 更新企业账号用户信息 (2026-05-27; same URL) § 请求参数: \
            dept_title_list; TopSDK checkObjectMaxListSize(deptTitleList, 100)",
);

static F_ORG_EMAIL_TYPE: Field = Field::enumerated("org_email_type", &["profession", "base"])
    .label("Enterprise email kind", "企业邮箱类型")
    .help(
        "profession (standard) or base (basic).",
        "profession：标准版，base：基础版。",
    )
    .source(cite!(
        user_excl,
        "org_email_type profession: 标准版 - base: 基础版"
    ));

static F_LOGINID: Field = Field::string("loginId")
    .label("Login name (enterprise account)", "企业账号登录名")
    .help(
        "DingTalk enterprise accounts only; avoid phone numbers, emails and links in it.",
        "仅支持钉钉企业账号更新；建议不要携带手机号、邮箱、链接等联系信息。",
    )
    .source(cite!(user_excl, "loginId (written so on the wire)"));

static F_INIT_PASSWORD: Field = Field::new(
    "init_password",
    Ty::Str(StrRule {
        one_of: &[],
        format: Some(&MIXED_PASSWORD),
        blank_is_empty: false,
        length: Some(Length {
            min: 8,
            max: None,
            unit: Unit::Chars,
        }),
    }),
)
.secret()
.on_empty(Empty::Reject)
.label("Initial password (enterprise account)", "企业账号初始密码")
.help(
    "At least 8 characters, not only letters and not only digits; DingTalk enterprise \
            accounts only.",
    "至少 8 个字符，不能全是字母或数字；仅支持钉钉企业账号。",
)
.source(cite!(
    user_excl,
    "init_password 初始密码至少8个字符, 不能全是字母或者数字"
));

static F_SEND_PASSWORD_TO_USER: Field = Field::boolean("send_password_to_user")
    .label("Send the password", "发送账密")
    .help(
        "true sends the account and password to the user, and needs init_password.",
        "为 true 时发送账密，此时 init_password 必填。",
    )
    .source(cite!(
        user_excl,
        "send_password_to_user 该参数为true时，init_password参数必填"
    ));

static F_EXCLUSIVE_MOBILE: Field = Field::string("exclusive_mobile")
    .label("Enterprise account mobile", "企业账号手机号")
    .help(
        "The enterprise account's mobile number, such as +86-19812341234.",
        "企业账号手机号，例如 +86-19812341234。",
    )
    .source(cite!(user_excl, "exclusive_mobile"));

static F_EXCLUSIVE_MOBILE_VERIFY_STATUS: Field = Field::enumerated(
    "exclusive_mobile_verify_status",
    &["verified", "notVerified"],
)
.label("Mobile verification", "手机号验证状态")
.help("verified or notVerified.", "verified 或 notVerified。")
.source(
    "TopSDK OapiV2UserUpdateRequest (Java 2021.11.16): \
            exclusive_mobile_verify_status 手机号验证状态; values from the enterprise-account \
            page's sample \"verified/notVerified\"",
);

static F_AVATARMEDIAID: Field = Field::string("avatarMediaId")
    .label(
        "Avatar media id (enterprise account)",
        "企业账号头像 MediaId",
    )
    .help(
        "A media id from the media upload API (jpg or png).",
        "通过上传媒体文件接口获取的 MediaId（仅支持 jpg/png）。",
    )
    .source(cite!(user_excl, "avatarMediaId"));

static F_NICKNAME: Field = Field::string("nickname")
    .label("Nickname (enterprise account)", "企业账号昵称")
    .help("The enterprise account's nickname.", "企业账号的昵称。")
    .source(cite!(user_excl, "nickname"));

static USER_BODY_FIELDS: [Field; 30] =
    join(&[&[F_USERID, F_NAME], &PROFILE_FIELDS, &USER_LAST_FIELDS]);

/// The update page's fields from hide_mobile to email, which the create
/// page lists unchanged (after its mobile).
static PROFILE_FIELDS: [Field; 6] = [
    F_HIDE_MOBILE,
    F_TELEPHONE,
    F_JOB_NUMBER,
    F_MANAGER_USERID,
    F_TITLE,
    F_EMAIL,
];

/// The update page's fields after email.
static USER_LAST_FIELDS: [Field; 22] = [
    F_ORG_EMAIL,
    F_WORK_PLACE,
    F_REMARK,
    F_DEPT_ID_LIST,
    F_DEPT_ORDER_LIST,
    F_EXTENSION,
    F_EXT_ATTRS_UPDATE_MODE,
    F_SENIOR_MODE,
    F_HIRED_DATE,
    F_LANGUAGE,
    F_FORCE_UPDATE_FIELDS,
    F_DEPT_POSITION_LIST,
    F_EXTENSION_I18N,
    F_DEPT_TITLE_LIST,
    F_ORG_EMAIL_TYPE,
    F_LOGINID,
    F_INIT_PASSWORD,
    F_SEND_PASSWORD_TO_USER,
    F_EXCLUSIVE_MOBILE,
    F_EXCLUSIVE_MOBILE_VERIFY_STATUS,
    F_AVATARMEDIAID,
    F_NICKNAME,
];

static USER_CROSS_RULES: [CrossRule; 3] = [
    CrossRule::new(
        Code::NotCleared,
        CrossKind::AdviceIf {
            values: &[""],
            unless: "manager_userid",
        },
        &["/manager_userid", "/force_update_fields"],
    )
    .text(
        "manager_userid \"\" clears the direct manager only when force_update_fields names \
                manager_userid.",
        "manager_userid 传空字符串时，仅当 force_update_fields 中包含 manager_userid 才会清\
                空直属主管。",
    )
    .source(
        "https://open.dingtalk.com/document/development/user-information-update \
                (2026-06-08) § 请求参数: force_update_fields 强制更新的字段，支持清空指定的字段",
    ),
    CrossRule::new(Code::ReplacesAll, CrossKind::Advice, &["/extension"])
        .text(
            "extension replaces every extension attribute: the ones it does not hold are \
                cleared (warning; given whenever extension is sent, also with \
                ext_attrs_update_mode 1, append, which this rule cannot see).",
            "extension 会整体替换扩展属性：未传入的属性将被清空（警告；只要传了 extension 就会提\
                示，ext_attrs_update_mode 为 1（追加）时也会提示，该规则无法区分）。",
        )
        .source(
            "DingTalk 更新用户信息 (2026-06-08) § extension: 如果只传其中1个，那么\
            剩下9个字段都会被清空; ext_attrs_update_mode 默认是覆盖",
        ),
    CrossRule::new(
        Code::Required,
        CrossKind::RequiredIfTrue,
        &["/init_password", "/send_password_to_user"],
    )
    .text(
        "send_password_to_user true needs init_password.",
        "send_password_to_user 为 true 时，init_password 必填。",
    )
    .source(
        "DingTalk 更新企业账号用户信息 (2026-05-27) § send_password_to_user: \
            该参数为true时，init_password参数必填",
    ),
];

/// `dingtalk.updateUser`.
pub static UPDATE_USER: Endpoint = Endpoint {
    id: "dingtalk.updateUser",
    title: Text::new("DingTalk: update user", "钉钉：更新用户信息"),
    doc_url: "https://open.dingtalk.com/document/development/user-information-update",
    documented_path: "/topapi/v2/user/update",
    body: Some(&USER_BODY),
    record_key: Meta::new("/body/userid"),
    ..DINGTALK
};

/// What every DingTalk endpoint shares (the roster states its own query and rate source).
static DINGTALK: Endpoint = Endpoint {
    vendor: "dingtalk",
    default_base_url: "https://oapi.dingtalk.com",
    query: Some(&USER_QUERY),
    reply: &REPLY,
    rate_per_second: RATE,
    rate_source: Meta::new(
        "https://open.dingtalk.com/document/development/how-to-process-api-throttling \
            (2026-05-09): 20 calls/s per app per API; https:\
            //open.dingtalk.com/document/development/call-frequency-limit (2026-01-22): \
            contacts APIs are exempt from the monthly quota",
    ),
    ..Endpoint::DEFAULT
};

// ---- 创建用户 and 删除用户 (create and delete user) --------------------------

/// "如果是国际号码，请使用+xx-xxxxxx的格式": a mainland number bare, any
/// other one `+<country code>-<number>` (mainland numbers of a company
/// registered abroad as `+86-…`).
fn check_mobile(s: &str) -> FormatResult {
    let digits = |t: &str, min: usize, max: usize| {
        (min..=max).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
    };
    let mainland = s.len() == 11 && s.starts_with('1') && digits(s, 11, 11);
    let international = s
        .strip_prefix('+')
        .and_then(|rest| rest.split_once('-'))
        .is_some_and(|(cc, number)| digits(cc, 1, 4) && digits(number, 4, 15));
    FormatResult::ok_if(mainland || international)
}

static MOBILE: Format = Format::new(
    "dingtalk_mobile",
    check_mobile,
    Text::new(
        "a mainland mobile number (1 and 10 more digits), or +<country code>-<number> for other \
            regions, such as +852-51234567",
        "中国大陆手机号（1 开头共 11 位数字），其他国家或地区使用“+区号-号码”格式，例如 \
            +852-51234567",
    ),
    r"1[0-9]{10}|\+[0-9]{1,4}-[0-9]{4,15}",
)
// A number's text: 1 + 10 digits.
.integers(&[(10_000_000_000, 19_999_999_999)]);

static CREATE_BODY: ObjectRule = ObjectRule::of(&CREATE_FIELDS);

/// The update page's fields, with the create page's changes.
static CREATE_FIELDS: [Field; 20] =
    join(&[&CREATE_FIRST_FIELDS, &PROFILE_FIELDS, &CREATE_LAST_FIELDS]);

/// The create page's fields up to mobile.
static CREATE_FIRST_FIELDS: [Field; 3] = [
    Field::string("userid")
        .chars(1, 64)
        .on_empty(Empty::Reject)
        .label("User id", "员工 userid")
        .help(
            "1–64 characters, unique and unchangeable; generated when omitted.",
            "长度 1~64 个字符，企业内唯一且创建后不可修改；不传则自动生成。",
        )
        .source(cite!(create_page, "请求参数: userid")),
    F_NAME
        .required()
        .source(cite!(create_page, "请求参数: name 必填, 长度最大80个字符")),
    Field::formatted("mobile", &MOBILE)
        .required()
        .label("Mobile", "手机号码")
        .help(
            "Unique in the organisation; outside mainland China as +xx-xxxxxx (a company \
                registered abroad writes mainland numbers +86-…).",
            "企业内必须唯一；国际号码使用 +xx-xxxxxx 格式（注册在中国大陆以外的企业，中国大陆号\
                码使用 +86-xxxxxx）。",
        )
        .source(cite!(
            create_page,
            "请求参数: mobile 必填, 如果是国际号码，请使用+xx-xxxxxx的格式"
        )),
];

/// The create page's fields after email.
static CREATE_LAST_FIELDS: [Field; 11] = [
    // F_ORG_EMAIL already holds the create page's 100-character limit.
    F_ORG_EMAIL.source(cite!(create_page, "请求参数: org_email 长度最大100个字符")),
    F_ORG_EMAIL_TYPE,
    F_WORK_PLACE,
    F_REMARK,
    F_DEPT_ID_LIST.required().source(cite!(
        create_page,
        "请求参数: dept_id_list 必填, 每次调用最多传\
        100个部门ID"
    )),
    F_DEPT_ORDER_LIST,
    F_DEPT_TITLE_LIST,
    F_EXTENSION,
    F_SENIOR_MODE,
    F_HIRED_DATE,
    Field::formatted("login_email", &EMAIL)
        .on_empty(Empty::Reject)
        .label("Login email", "登录邮箱")
        .help("The email the employee signs in with.", "员工的登录邮箱。")
        .source(cite!(create_page, "请求参数: login_email")),
];

/// `dingtalk.createUser`.
pub static CREATE_USER: Endpoint = Endpoint {
    id: "dingtalk.createUser",
    title: Text::new("DingTalk: create user", "钉钉：创建用户"),
    doc_url: "https://open.dingtalk.com/document/development/user-information-creation",
    documented_path: "/topapi/v2/user/create",
    body: Some(&CREATE_BODY),
    record_key: Meta::new("/body/mobile"),
    operation: Operation::Create,
    ..DINGTALK
};

/// `dingtalk.deleteUser`.
pub static DELETE_USER: Endpoint = Endpoint {
    id: "dingtalk.deleteUser",
    title: Text::new("DingTalk: delete user", "钉钉：删除用户"),
    doc_url: "https://open.dingtalk.com/document/development/delete-a-user",
    documented_path: "/topapi/v2/user/delete",
    body: Some(&DELETE_BODY),
    record_key: Meta::new("/body/userid"),
    operation: Operation::Delete,
    ..DINGTALK
};

static DELETE_BODY: ObjectRule = ObjectRule::of(&[Field::string("userid")
    .required()
    .max_chars(64)
    .label("User id", "员工 userid")
    .help("The employee to delete.", "要删除的员工的 userid。")
    .source(
        "https://open.dingtalk.com/document/development/delete-a-user (2026-06-08) § 请求参\
        数: userid 必填",
    )]);
