//! Fxiaoke (纷享销客): Modify Member, Set Member Status and Set Member
//! Status (Batch), all "offline" API pages.
//!
//! Sources: the vendor's offline pages (undated), each cited with its URL;
//! where no vendor page states a figure, the citation says so. Every rule
//! of this vendor is in this file.

use crate::leaf::checks::{EMAIL, MILLIS_OR_DATE};
use crate::leaf::entropy::uuid_v4;
use crate::leaf::text::{Meta, Text};
use crate::model::endpoint::{
    CrossKind, CrossRule, Endpoint, Operation, Parts, ReplySamples, ReplySpec, Sample,
};
use crate::model::field::{ArrayRule, Empty, Field, IntRule, ObjectRule, NON_NEGATIVE};
use crate::report::Code;

// The vendor pages this file cites, each with the date it shows: `cite!(page, "section")`.
crate::model::cite_pages! {$
    // The offline pages (undated) this file cites.
    edit_page => "https://www.fxiaoke.com/mob/guide/openapi/dist/en/pages/open-api/collection/other/offline/edit/ \
        (undated) § ",
    // Set Member Status (batch), offline page.
    member_page => "https://www.fxiaoke.com/mob/guide/openapi/dist/en/pages/open-api/collection/other/offline/member/ \
        (undated) § ",
}

/// `""` in a member field means "not provided, no modification" (the page's own
/// example sends `"account": ""`): `Empty::Drop`.
const MEMBER: &str = cite!(edit_page, "Request Parameters");
const STATUS: &str = cite!(member_page, "Request Parameters");
const DOCUMENTED_PATH: &str = "/cgi/crm/v2/data/update";

const TOKEN: Field = Field::string("corpAccessToken")
    .required()
    .secret()
    .label("Corp access token", "企业访问令牌 corpAccessToken")
    .help(
        "From POST /cgi/corpAccessToken/get/V2.",
        "通过 /cgi/corpAccessToken/get/V2 获取。",
    );

/// Both status pages: "1: Disabled, 2: Enabled".
const MEMBER_STATUS: Field = Field::integer("status", IntRule::one_of(&[1, 2]))
    .required()
    .label("Status", "状态")
    .help("1 = disabled, 2 = enabled.", "1：停用，2：启用。");

const CORP_ID: Field = Field::string("corpId")
    .required()
    .label("Corp id", "企业账号 corpId")
    .help("Open platform company account.", "开放平台公司账号。");

static QUERY: ObjectRule = ObjectRule::of(&[Field::non_empty("thirdTraceId")
    .label("Trace id", "请求追踪 ID")
    .help(
        "Random string; a fresh UUID v4 is generated when not given, as the vendor asks.",
        "随机字符串；不传时按厂商要求自动生成新的 UUID v4。",
    )
    .source(concat!(
        cite!(edit_page, "Request Specification"),
        "; https://developer.fxiaoke.com/openapi_v2/en/start/example/public.html (2026-01-19): ",
        "a fresh RFC 4122 UUID v4 per request"
    ))]);

// ---- Modify Member ---------------------------------------------------------

/// "max value: 500" read as at most 500 entries: real ids are far above 500.
static ATTACHING: ArrayRule =
    ArrayRule::of(&Field::integer_item(NON_NEGATIVE).label("Department id", "部门 ID"))
        .items(0, 500)
        .unique();

/// The help of the optional member fields whose `""` means "no change".
const NO_CHANGE: Text = Text::meta("Not sent or \"\": no change.", "不传或传 \"\" 表示不修改。");

/// The help of the member fields that must be unique in the company.
const UNIQUE: Text = Text::meta("Must be unique.", "不可重复。");

static MEMBER_BODY: ObjectRule = ObjectRule::of(&[
    TOKEN.source(MEMBER),
    CORP_ID.source(MEMBER),
    Field::object("user", &ObjectRule::of(&[
    Field::string("openUserId")
        .required()
        .label("Employee open id", "员工 openUserId")
        .help(
            "Open user id of the employee to modify, e.g. fsuid_…",
            "要修改的员工的 openUserId，例如 fsuid_…。",
        )
        .source(MEMBER),
    Field::string("account").on_empty(Empty::Drop).source(MEMBER)
        .label("Account", "员工账号")
        .help_text(UNIQUE),
    Field::string("name").on_empty(Empty::Drop).source(MEMBER)
        .label("Nickname", "员工昵称")
        .help_text(UNIQUE),
    Field::string("fullName").on_empty(Empty::Drop).source(MEMBER).label("Full name", "员工姓名").help_text(NO_CHANGE),
    Field::string("position").on_empty(Empty::Drop).source(MEMBER).label("Position", "职位").help_text(NO_CHANGE),
    Field::one_of("gender", &["M", "F"])
    .on_empty(Empty::Drop)
    .label("Gender", "性别")
    .help("M or F.", "M 或 F。")
    .source(MEMBER),
    Field::string("mobile").on_empty(Empty::Drop).source(MEMBER)
        .label("Mobile", "手机号")
        .help_text(UNIQUE),
    Field::formatted("email", &EMAIL).on_empty(Empty::Drop).source(MEMBER).label("Email", "邮箱").help(
        "An email address; not sent or \"\": no change.",
        "邮箱地址；不传或传 \"\" 表示不修改。",
    ),
    Field::string("qq").on_empty(Empty::Drop).source(MEMBER).label("QQ", "QQ 号").help_text(NO_CHANGE),
    Field::string("weixin").on_empty(Empty::Drop).source(MEMBER).label("WeChat id", "微信号").help_text(NO_CHANGE),
    Field::integer("mainDepartmentId", NON_NEGATIVE)
        .on_empty(Empty::Drop)
        .label("Main department id", "主属部门 ID")
        .help(
            "Non-negative integer; \"\" (as in the page's example) means no change.",
            "非负整数；传 \"\"（如文档示例）表示不修改。",
        )
        .source(MEMBER),
    Field::array("attachingDepartmentIds", &ATTACHING)
        .label("Attached department ids", "附属部门 ID 列表")
        .help(
            "Non-negative integers, no repeats, at most 500 entries (the page's \"max 500\").",
            "非负整数，不可重复，最多 500 个（文档中的“最大 500”）。",
        )
        .source(cite!(edit_page, "attachingDepartmentIds (max value: 500, read as entries)")),
    Field::string("employeeNumber").on_empty(Empty::Drop).source(MEMBER)
        .label("Employee number", "员工编号")
        .help(
            "Needed when the company lets system names repeat; \"\": no change.",
            "企业系统名称允许重复时需要填写；传 \"\" 表示不修改。",
        ),
    Field::formatted("hireDate", &MILLIS_OR_DATE).on_empty(Empty::Drop).source(MEMBER)
        .label("Hire date", "入职日期")
        .help(
            "Epoch milliseconds as digits (as in the example) or yyyy-MM-dd; sent unchanged.",
            "毫秒时间戳数字串（如示例）或 yyyy-MM-dd，原样发送。",
        ),
    Field::formatted("birthDate", &MILLIS_OR_DATE).on_empty(Empty::Drop).source(MEMBER)
        .label("Birthday", "生日")
        .help(
            "Epoch milliseconds as digits or yyyy-MM-dd; sent unchanged.",
            "毫秒时间戳数字串或 yyyy-MM-dd，原样发送。",
        ),
    Field::formatted("startWorkDate", &MILLIS_OR_DATE).on_empty(Empty::Drop).source(MEMBER)
        .label("Start work date", "参加工作日期")
        .help(
            "Epoch milliseconds as digits or yyyy-MM-dd; sent unchanged.",
            "毫秒时间戳数字串或 yyyy-MM-dd，原样发送。",
        ),
    Field::string("leaderId").on_empty(Empty::Drop).source(MEMBER)
        .label("Reporting manager", "汇报对象")
        .help(
            "Open user id of the reporting manager (FSUID_…); \"\": no change.",
            "汇报对象的 openUserId（FSUID_…）；传 \"\" 表示不修改。",
        ),
]))
        .required()
        .label("Member", "成员信息")
        .help(
            "The member's fields: only openUserId is required; fields not sent are not modified.",
            "成员信息：仅 openUserId 必填，未传的字段不修改。",
        )
        .source(MEMBER),
]);

// ---- Set Member Status (Batch) ---------------------------------------------

static OPEN_USER_IDS: ArrayRule =
    ArrayRule::of(&Field::string_item().label("Employee open id", "员工 openUserId"))
        .min(1)
        .unique();

static STATUS_BODY: ObjectRule = ObjectRule::of(&[
    TOKEN.source(STATUS),
    CORP_ID.source(STATUS),
    Field::array("openUserIds", &OPEN_USER_IDS)
        .required()
        .label("Employee open ids", "员工 openUserId 列表")
        .help("At least one, no repeats.", "至少 1 个，不可重复。")
        .source(STATUS),
    MEMBER_STATUS.source(STATUS),
]);

// ---- Set Member Status (single page) ---------------------------------------

/// The single Set Member Status page on Fxiaoke's current portal (header
/// "2026-01-19"), § Request Parameters.
const SINGLE: &str = "developer.fxiaoke.com/openapi_v2/en/common/system/offline/status.html \
    (2026-01-19) § Request Parameters";

static SINGLE_STATUS_BODY: ObjectRule =
    ObjectRule::of(&SINGLE_STATUS_FIELDS).cross(&SINGLE_STATUS_CROSS);
static SINGLE_STATUS_FIELDS: [Field; 6] = [
    TOKEN.source(SINGLE),
    CORP_ID.source(SINGLE),
    Field::string("currentOpenUserId")
        .required()
        .label("Operator open id", "操作人 currentOpenUserId")
        .help(
            "The acting operator's openUserId, from Query Employee by Phone. Required by the \
                page's table (its own example leaves it out).",
            "操作人的 openUserId，通过“根据手机号查询员工”接口获取。文档参数表标为必填（其请求示\
                例中遗漏了该字段）。",
        )
        .source(
            "developer.fxiaoke.com/openapi_v2/en/common/system/offline/status.html \
            (2026-01-19) § Request Parameters: currentOpenUserId Yes (the page's example omits \
            it)",
        ),
    MEMBER_STATUS.source(SINGLE),
    Field::non_empty("openUserId")
        .label("Employee open id", "员工 openUserId")
        .help(
            "One member's open id, from Query Employee by Phone. Send openUserId or openUserIds.",
            "单个成员的 openUserId，通过“根据手机号查询员工”接口获取。openUserId 与 openUserIds \
                至少传一个。",
        )
        .source(
            "developer.fxiaoke.com/openapi_v2/en/common/system/offline/status.html \
            (2026-01-19) § Request Parameters: openUserId No, \"Either openUserId or \
            openUserIds must be provided.\"",
        ),
    Field::array("openUserIds", &OPEN_USER_IDS)
        .label("Employee open ids", "员工 openUserId 列表")
        .help(
            "Several members' open ids: at least one, no repeats. Send openUserId or openUserIds.",
            "多个成员的 openUserId：至少 1 个，不可重复。openUserId 与 openUserIds 至少传一个。",
        )
        .source(
            "developer.fxiaoke.com/openapi_v2/en/common/system/offline/status.html \
            (2026-01-19) § Request Parameters: openUserIds List[String] No, \"Either openUserId \
            or openUserIds must be provided.\"",
        ),
];

static SINGLE_STATUS_CROSS: [CrossRule; 1] = [CrossRule::new(
    Code::Required,
    CrossKind::AtLeastOne,
    &["/openUserId", "/openUserIds"],
)
.text(
    "Either openUserId or openUserIds must be provided; when neither is, the error is \
            reported at openUserId.",
    "openUserId 与 openUserIds 至少传一个；都不传时，错误报告在 openUserId 上。",
)
.source(
    "developer.fxiaoke.com/openapi_v2/en/common/system/offline/status.html \
        (2026-01-19) § Request Parameters",
)];

// ---- request and reply -----------------------------------------------------

/// `{path}?thirdTraceId=…`: the caller's trace id, or a fresh UUID v4 (the
/// vendor's docs ask for one per call; the seed only says "random string").
fn url(parts: &Parts, path: &str) -> String {
    let generated;
    let extra: &[(&str, &str)] = if parts.query.contains_key("thirdTraceId") {
        &[]
    } else {
        generated = uuid_v4();
        &[("thirdTraceId", generated.as_str())]
    };
    format!("{path}{}", parts.query_string(extra))
}

/// `errorCode` 0 (on a 2xx) is success; anything else fails, even on HTTP
/// 200. The page forbids branching on `errorMessage`, so only the code
/// decides. Retryable: -1 busy, 14001 call limit, 30004 per-second limit,
/// 50009 timeout; 30002 / 30003 are quota errors that a retry cannot fix.
/// Token: 20016 corpAccessToken missing or expired (openfxiaoke/demo
/// `Constants.java`), 20017 "corpAccessToken为必填项" for a missing token
/// (a community probe; the code table says otherwise).
static REPLY: ReplySpec = ReplySpec {
    code_key: Some("errorCode"),
    message_keys: &["errorMessage", "errorDescription"],
    trace_key: Some("traceId"),
    retryable: &[-1, 14001, 30004, 50009],
    token_codes: &[20016, 20017],
    // 30002 daily call quota used up (resets at 00:00), 30003 no OpenAPI
    // quota bought: retrying the same day is useless (rate and quota guide,
    // https://developer.fxiaoke.com/openapi_v2/start/guide/rate.html).
    quota_codes: &[30002, 30003],
    source: Meta::new(
        "https://developer.fxiaoke.com/openapi_v2/start/guide/codes.html (global error codes); \
            openfxiaoke/demo Constants.java",
    ),
    samples: &ReplySamples {
        ok: Sample::new(
            200,
            r#"{"errorCode":0,"errorMessage":"success","traceId":"mock"}"#,
        ),
        invalid: Sample::new(
            200,
            r#"{"errorCode":11008,"errorMessage":"{{message}}","traceId":"mock"}"#,
        ),
        throttled: Sample::new(
            200,
            r#"{"errorCode":30004,"errorMessage":"call frequency over limit","traceId":"mock"}"#,
        ),
        busy: Sample::new(
            200,
            r#"{"errorCode":-1,"errorMessage":"system busy","traceId":"mock"}"#,
        ),
        token_expired: Sample::new(
            200,
            r#"{"errorCode":20016,"errorMessage":"corpAccessToken expired","traceId":"mock"}"#,
        ),
        exists: None,
        not_found: None,
    },
    ..ReplySpec::DEFAULT
};

/// 100 calls per 20 s per API.
const RATE: f64 = 5.0;
/// A community figure, quoting developer.fxiaoke.com/openapi_v2/start/guide/rate.html:
/// no vendor page found states it. 30004 is the vendor's per-second throttle code.
const RATE_SOURCE: Meta = Meta::new(
    "developer.fxiaoke.com/openapi_v2/start/guide/rate.html as quoted by a community skill \
        (2026-09-11): 100 calls per 20 s per API; not found on the vendor's pages",
);

/// The notice of a deprecated offline page: what the page adds to "not
/// recommended" (`$stale`, in English and Chinese), who sends the body
/// elsewhere (`$clients`) and where (`$path`). The pages document the
/// generic CRM object update path; the public clients send these bodies
/// elsewhere (a public Python demo calls /cgi/user/setStatus for one member
/// and /cgi/user/batchSetStatus for a list; openfxiaoke/demo sets no status
/// at all).
macro_rules! deprecated {
    ($stale_en:literal, $stale_zh:literal, $clients:literal, $path:literal) => {
        Text::new(
            concat!(
                "Fxiaoke marks this offline API \"not recommended to continue using\"",
                $stale_en,
                ". The documented path /cgi/crm/v2/data/update is the generic CRM object update; ",
                $clients,
                " this body to ",
                $path,
                ": set the urlPath option to choose."
            ),
            concat!(
                "纷享销客标注该离线接口“不推荐继续使用”",
                $stale_zh,
                "。文档路径 /cgi/crm/v2/data/update 是通用 CRM 对象更新接口；公开客户端将此请求体发往 ",
                $path,
                "，可用 urlPath 选项指定。"
            ),
        )
    };
}

/// What every Fxiaoke endpoint shares: each states only what differs.
static FXIAOKE: Endpoint = Endpoint {
    vendor: "fxiaoke",
    default_base_url: "https://open.fxiaoke.com",
    documented_path: DOCUMENTED_PATH,
    query: Some(&QUERY),
    url,
    reply: &REPLY,
    rate_per_second: RATE,
    rate_source: RATE_SOURCE,
    ..Endpoint::DEFAULT
};

/// `fxiaoke.updateMember`.
pub static UPDATE_MEMBER: Endpoint = Endpoint {
    id: "fxiaoke.updateMember",
    title: Text::new("Fxiaoke: modify member", "纷享销客：修改成员"),
    doc_url: "https://www.fxiaoke.com/mob/guide/openapi/dist/en/pages/open-api/collection/other/offline/member/",
    deprecated: Some(deprecated!("", "", "public clients send", "/cgi/user/update")),
    body: Some(&MEMBER_BODY),
    record_key: Meta::new("/body/user/openUserId"),
    ..FXIAOKE
};

/// `fxiaoke.setMemberStatusBatch`.
pub static SET_MEMBER_STATUS_BATCH: Endpoint = Endpoint {
    id: "fxiaoke.setMemberStatusBatch",
    title: Text::new(
        "Fxiaoke: set member status (batch)",
        "纷享销客：批量设置成员状态",
    ),
    doc_url: "https://www.fxiaoke.com/mob/guide/openapi/dist/en/pages/open-api/collection/other/offline/edit/",
    deprecated: Some(deprecated!(
        " and no longer maintained",
        "且不再维护",
        "a public client sends",
        "/cgi/user/batchSetStatus"
    )),
    body: Some(&STATUS_BODY),
    record_key: Meta::new("/body/openUserIds"),
    operation: Operation::Status,
    ..FXIAOKE
};

/// `fxiaoke.setMemberStatus`: the single Set Member Status page, which
/// documents the same generic path as the batch page.
pub static SET_MEMBER_STATUS: Endpoint = Endpoint {
    id: "fxiaoke.setMemberStatus",
    title: Text::new("Fxiaoke: set member status", "纷享销客：设置成员状态"),
    doc_url: "https://developer.fxiaoke.com/openapi_v2/en/common/system/offline/status.html",
    deprecated: Some(deprecated!(
        "",
        "",
        "public clients send",
        "/cgi/user/setStatus"
    )),
    body: Some(&SINGLE_STATUS_BODY),
    record_key: Meta::new("/body/openUserId"),
    operation: Operation::Status,
    ..FXIAOKE
};
