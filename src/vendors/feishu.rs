//! Feishu (飞书): 修改用户部分信息 (patch user),
//! `PATCH /open-apis/contact/v3/users/:user_id`.
//!
//! Sources: the vendor page (open.feishu.cn/document/server-docs/contact-v3/user/patch,
//! last_remote_update 2025-11-20, as mirrored in wxkingstar/doc-hub-mcp),
//! the platform's 通用错误码 and 频控策略 pages, and the official SDKs
//! (larksuite/oapi-sdk-go `PatchUserReq`, node-sdk `contact.user.patch`).
//! Every rule of this vendor is in this file.

use crate::leaf::checks::EMAIL;
use crate::leaf::format::{Format, FormatResult};
use crate::leaf::text::{Meta, Text};
use crate::model::endpoint::{
    CrossKind, CrossRule, Endpoint, FieldRate, Operation, ReplySamples, ReplySpec, Sample,
};
use crate::model::field::{join, ArrayRule, Empty, Field, IntRule, ObjectRule, POSITIVE};
use crate::report::Code;

const QUERY_SOURCE: &str = "Feishu 修改用户部分信息 (2025-11-20) § 查询参数";
const BODY_SOURCE: &str = "Feishu 修改用户部分信息 (2025-11-20) § 请求体";

// ---- syntaxes ------------------------------------------------------------------

/// "值格式：\"Bearer `access_token`\"": `Bearer `, then the token, which
/// is visible ASCII (an HTTP header value: no space, no control character,
/// so nothing can split the header).
fn check_bearer(s: &str) -> FormatResult {
    FormatResult::ok_if(
        s.strip_prefix("Bearer ")
            .is_some_and(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_graphic())),
    )
}

static BEARER: Format = Format::new(
    "bearer_token",
    check_bearer,
    Text::new(
        "\"Bearer \" followed by a tenant_access_token or user_access_token, such as Bearer t-…",
        "“Bearer ”加 tenant_access_token 或 user_access_token，例如 Bearer t-…",
    ),
    r"Bearer [!-~]+",
);

fn is_mainland(s: &str) -> bool {
    s.len() == 11 && s.starts_with('1') && s.bytes().all(|b| b.is_ascii_digit())
}

/// "中国大陆手机号：13011111111 或 +8613011111111 - 非中国大陆手机号：
/// +41446681800", "国际电话区号的前缀中，必须包含加号 +": a mainland number
/// bare or after `+86`, any other one `+<country code><number>`, at most 15
/// digits in all (E.164), at least 7.
fn check_mobile(s: &str) -> FormatResult {
    if is_mainland(s) {
        return FormatResult::Ok;
    }
    let Some(digits) = s.strip_prefix('+') else {
        return FormatResult::Bad;
    };
    if let Some(national) = digits.strip_prefix("86") {
        return FormatResult::ok_if(is_mainland(national));
    }
    FormatResult::ok_if(
        (7..=15).contains(&digits.len())
            && !digits.starts_with('0')
            && digits.bytes().all(|b| b.is_ascii_digit()),
    )
}

static MOBILE: Format = Format::new(
    "feishu_mobile",
    check_mobile,
    Text::new(
        "a mainland mobile number (13011111111 or +8613011111111) or +<country code><number> \
            for other regions, such as +41446681800",
        "中国大陆手机号（13011111111 或 +8613011111111），其他国家或地区须以“+国际区号”开头，例\
            如 +41446681800",
    ),
    r"1[0-9]{10}|\+861[0-9]{10}|\+(?!86)[1-9][0-9]{6,14}",
)
// A number's text: 1 + 10 digits.
.integers(&[(10_000_000_000, 19_999_999_999)]);

// ---- field helpers ---------------------------------------------------------------

/// "该参数为 int 类型，取值时不能超出 int 的最大值": a signed 32-bit integer.
const INT32: IntRule = IntRule::range(-2_147_483_648, 2_147_483_647);

// ---- path, query, headers ------------------------------------------------------

static PATH: ObjectRule = ObjectRule::of(&[Field::string("user_id")
    .required()
    .label("User id", "用户 ID")
    .help(
        "Of the kind user_id_type names (open_id by default), e.g. ou_…; sent as one \
            percent-encoded path segment.",
        "ID 类型与查询参数 user_id_type 保持一致（默认 open_id），例如 ou_…；作为一个经百分号编\
            码的路径段发送。",
    )
    .source("Feishu 修改用户部分信息 (2025-11-20) § 路径参数")]);

static QUERY: ObjectRule = ObjectRule::of(&QUERY_FIELDS);

static QUERY_FIELDS: [Field; 2] = [
    Field::enumerated("user_id_type", &["open_id", "union_id", "user_id"])
        .label("User id type", "用户 ID 类型")
        .help(
            "open_id (default), union_id or user_id: the kind of user_id, leader_user_id and \
                dotted_line_leader_user_ids.",
            "open_id（默认）、union_id 或 user_id：路径 user_id、leader_user_id、\
                dotted_line_leader_user_ids 的 ID 类型。",
        )
        .source(QUERY_SOURCE),
    Field::one_of(
        "department_id_type",
        &["department_id", "open_department_id"],
    )
    .on_empty(Empty::Reject)
    .label("Department id type", "部门 ID 类型")
    .help(
        "open_department_id (default, od-…) or department_id: the kind of department_ids \
                and orders[].department_id.",
        "open_department_id（默认，od- 开头）或 department_id：department_ids 与 \
                orders[].department_id 的 ID 类型。",
    )
    .source(QUERY_SOURCE),
];

/// The body's content type, "固定值" (§ 请求头): the request always carries it.
const CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// Only `Authorization`: the page's other header, `Content-Type`, has a
/// fixed value (固定值 "application/json; charset=utf-8") that the built
/// request always carries (`content_type`), so it is not an input field.
static HEADER_FIELDS: [Field; 1] = [Field::formatted("Authorization", &BEARER)
    .required()
    .secret()
    .label("Authorization", "Authorization 请求头")
    .help(
        "\"Bearer <tenant_access_token or user_access_token>\". A user_access_token may \
                change only name, en_name and avatar_key.",
        "“Bearer <tenant_access_token 或 user_access_token>”。使用 user_access_token 时只允\
                许修改 name、en_name、avatar_key。",
    )
    .source(
        "Feishu 修改用户部分信息 (2025-11-20) § 请求头: 值格式 \"Bearer access_token\"; \
            注意事项: userAccessToken只允许修改这三个字段",
    )];
static HEADERS_RULE: ObjectRule = ObjectRule::of(&HEADER_FIELDS);

// ---- body: lists ---------------------------------------------------------------

/// "最多可归属 50 个部门" (41033); `[]` is 41017 "部门信息不能为空".
static DEPARTMENT_IDS: ArrayRule =
    ArrayRule::of(&Field::string_item().label("Department id", "部门 ID")).items(1, 50);

// ---- body: custom_attrs ----------------------------------------------------------

static GENERIC_USER: ObjectRule = ObjectRule::of(&[
    Field::string("id")
        .required()
        .label("Referenced user id", "引用人员的用户 ID")
        .help(
            "Always a user_id, whatever user_id_type says.",
            "仅支持 user_id 格式，不受查询参数 user_id_type 影响。",
        )
        .source(BODY_SOURCE),
    Field::integer("type", IntRule::one_of(&[1]))
        .required()
        .label("Referenced user type", "用户类型")
        .help("1 (a user): the only value.", "目前仅支持 1，表示用户。")
        .source(BODY_SOURCE),
]);

// ---- body ----------------------------------------------------------------------

static BODY: ObjectRule = ObjectRule::of(&BODY_FIELDS).cross(&CROSS_RULES);
static F_NAME: Field = Field::string("name")
    .chars(1, 255)
    .label("Name", "用户名")
    .help("1–255 characters.", "长度 1~255 字符。")
    .source(
        "Feishu 修改用户部分信息 (2025-11-20) § 请求体 name: 长度不能超过 255 字符, 最小\
            长度 1 字符",
    );

static F_EN_NAME: Field = Field::string("en_name")
    .max_chars(255)
    .label("English name", "英文名")
    .help("At most 255 characters.", "长度不能超过 255 字符。")
    .source(BODY_SOURCE);

static F_NICKNAME: Field = Field::string("nickname")
    .max_chars(255)
    .label("Nickname", "别名")
    .help("At most 255 characters.", "长度不能超过 255 字符。")
    .source(BODY_SOURCE);

static F_EMAIL: Field = Field::formatted("email", &EMAIL)
    .on_empty(Empty::Reject)
    .label("Email", "邮箱")
    .help(
        "Unique in the tenant; required with a mobile outside mainland China (44020).",
        "在当前租户下不可重复；设置非中国大陆手机号时必须同时设置邮箱（44020）。",
    )
    .source("Feishu 修改用户部分信息 (2025-11-20) § 请求体 email; 错误码 41005 邮箱不合法");

static F_MOBILE: Field = Field::formatted("mobile", &MOBILE)
    .on_empty(Empty::Reject)
    .label("Mobile", "手机号")
    .help(
        "13011111111 or +8613011111111 in mainland China, +<country code><number> elsewhere \
                (certified tenants only); unique in the tenant.",
        "中国大陆手机号 13011111111 或 +8613011111111；其他国家或地区须带“+国际区号”（仅限已\
                认证企业）；在当前租户下不可重复。",
    )
    .source("Feishu 修改用户部分信息 (2025-11-20) § 请求体 mobile; 错误码 41004");

static F_MOBILE_VISIBLE: Field = Field::boolean("mobile_visible")
    .label("Mobile visible", "手机号码是否可见")
    .help("true or false.", "true 可见，false 不可见。")
    .source(BODY_SOURCE);

static F_GENDER: Field = Field::integer("gender", IntRule::range(0, 3))
    .on_empty(Empty::Reject)
    .label("Gender", "性别")
    .help(
        "0 undisclosed, 1 male, 2 female, 3 other.",
        "0 保密，1 男，2 女，3 其他。",
    )
    .source("Feishu 修改用户部分信息 (2025-11-20) § 请求体 gender; 错误码 41038");

static F_AVATAR_KEY: Field = Field::non_empty("avatar_key")
    .label("Avatar key", "头像的文件 Key")
    .help(
        "From the image upload API (image type: avatar).",
        "通过上传图片接口获取（图片类型选择用于设置头像）。",
    )
    .source(BODY_SOURCE);

static F_DEPARTMENT_IDS: Field = Field::array("department_ids", &DEPARTMENT_IDS)
    .label("Department ids", "所属部门 ID 列表")
    .help(
        "1–50 ids of the kind department_id_type names; changing them is limited to 1 call \
                per second.",
        "1~50 个，ID 类型与 department_id_type 一致；更新 department_ids 时限制调用频率为 1 \
                QPS。",
    )
    .source(
        "Feishu 修改用户部分信息 (2025-11-20) § 请求体 department_ids: 最多可归属 50 个\
            部门; 错误码 41033, 41017",
    );

static F_LEADER_USER_ID: Field = Field::string("leader_user_id")
    .label("Direct leader", "直接主管的用户 ID")
    .help(
        "Of the kind user_id_type names; not the user itself (41030).",
        "ID 类型与 user_id_type 一致；不能设置为自己（41030）。",
    )
    .source(BODY_SOURCE);

static F_CITY: Field = Field::string("city")
    .max_chars(100)
    .label("City", "工作城市")
    .help(
        "At most 100 characters; a new city is created.",
        "字符长度上限为 100；不存在的工作城市会自动创建。",
    )
    .source(BODY_SOURCE);

static F_COUNTRY: Field = Field::string("country")
    .label("Country or region", "国家或地区")
    .help(
        "A code from the country/region table, e.g. CN.",
        "国家/地区 Code，例如 CN。",
    )
    .source(BODY_SOURCE);

static F_WORK_STATION: Field = Field::string("work_station")
    .max_chars(255)
    .label("Work station", "工位")
    .help("At most 255 characters.", "字符长度上限为 255。")
    .source(BODY_SOURCE);

static F_JOIN_TIME: Field = Field::integer("join_time", IntRule::range(0, 2_147_483_647))
    .on_empty(Empty::Reject)
    .label("Join time", "入职时间")
    .help(
        "Unix time in seconds (not milliseconds), at most 2147483647 (int, the page's example); \
            0 clears it.",
        "秒级时间戳（不是毫秒），不超过 2147483647（int，即文档示例值）；传 0 时入职时间置空。",
    )
    .source(
        "Feishu 修改用户部分信息 (2025-11-20) § 请求体 join_time: 秒级时间戳, 传入 0 时入职\
        时间则会置空",
    );

static F_EMPLOYEE_NO: Field = Field::string("employee_no")
    .max_chars(255)
    .label("Employee number", "工号")
    .help(
        "At most 255 characters; unique (44051).",
        "字符长度上限为 255；不可重复（44051）。",
    )
    .source(BODY_SOURCE);

static F_EMPLOYEE_TYPE: Field = Field::integer("employee_type", POSITIVE)
    .on_empty(Empty::Reject)
    .label("Employee type", "员工类型")
    .help(
        "1 full-time, 2 intern, 3 outsourced, 4 contractor, 5 consultant, or a tenant's own \
            type (enum_value).",
        "1 正式员工、2 实习生、3 外包、4 劳务、5 顾问，或租户自定义员工类型的 enum_value。",
    )
    .source(BODY_SOURCE);

static F_ORDERS: Field = Field::array("orders", &ArrayRule::of(&Field::item(&ObjectRule::of(&[
    Field::non_empty("department_id")
        .label("Department id", "排序信息对应的部门 ID")
        .help(
            "Must be one of department_ids (41025), which must be sent with orders (44002).",
            "必须在用户所属的部门 ID 列表（department_ids）内（41025）；修改排序时须同时传 \
                department_ids（44002）。",
        )
        .source("Feishu 修改用户部分信息 (2025-11-20) § 请求体 orders.department_id; 错误码 \
            41025, 44002"),
    Field::integer("user_order", INT32)
        .on_empty(Empty::Reject)
        .label("Order in the department", "部门内排序")
        .help(
            "A 32-bit integer; larger sorts first.",
            "int 类型，不能超出 int 的最大值；数值越大，排序越靠前。",
        )
        .source(BODY_SOURCE),
    Field::integer("department_order", INT32)
        .on_empty(Empty::Reject)
        .label("Order among departments", "部门间排序")
        .help(
            "A 32-bit integer; larger sorts first; the primary department has the largest (41410).",
            "int 类型；数值越大，排序越靠前；主部门的 department_order 须为最大值（41410）。",
        )
        .source(BODY_SOURCE),
    Field::boolean("is_primary_dept")
        .label("Primary department", "是否为主部门")
        .help(
            "true for the one primary department.",
            "是否为用户的唯一主部门。",
        )
        .source(BODY_SOURCE),
]))
    .label("Order", "排序信息")))
        .label("Orders", "用户排序信息")
        .help(
            "One {department_id, user_order, department_order, is_primary_dept} per department; \
                send department_ids with it.",
            "每个部门一项 {department_id, user_order, department_order, is_primary_dept}；须同时\
                传 department_ids。",
        )
        .source(BODY_SOURCE);

static F_CUSTOM_ATTRS: Field = Field::array("custom_attrs", &ArrayRule::of(&Field::item(&ObjectRule::of(&[
    Field::one_of(
        "type",
        &["TEXT", "HREF", "ENUMERATION", "PICTURE_ENUM", "GENERIC_USER"],
    )
    .on_empty(Empty::Reject)
    .label("Custom field type", "自定义字段类型")
    .help(
        "TEXT, HREF, ENUMERATION, PICTURE_ENUM or GENERIC_USER.",
        "TEXT 文本、HREF 网页、ENUMERATION 枚举、PICTURE_ENUM 图片、GENERIC_USER 用户。",
    )
    .source(BODY_SOURCE),
    Field::string("id")
        .required()
        .label("Custom field id", "自定义字段 ID")
        .help("Required (41044).", "必须指明设定的字段 ID（41044）。")
        .source("Feishu 修改用户部分信息 (2025-11-20) § 请求体 custom_attrs.id; 错误码 41044"),
    Field::object("value", &ObjectRule::of(&[
    Field::string("text")
        .max_chars(100)
        .label("Text", "文本")
        .help(
            "TEXT: the value; HREF: the page title (both required, 41047). At most 100 characters.",
            "TEXT 类型为字段值，HREF 类型为网页标题（均必填，41047）；长度不能超过 100 字符。",
        )
        .source(BODY_SOURCE),
    Field::string("url")
        .label("URL", "默认 URL")
        .help(
            "HREF: the default URL (required, 41048).",
            "HREF 类型的默认 URL（必填，41048）。",
        )
        .source(BODY_SOURCE),
    Field::string("pc_url")
        .label("PC URL", "PC 端 URL")
        .help("HREF: the URL on PC.", "HREF 类型的 PC 端 URL。")
        .source(BODY_SOURCE),
    Field::string("option_id")
        .label("Option id", "选项 ID")
        .help(
            "ENUMERATION or PICTURE_ENUM: the option id.",
            "ENUMERATION 或 PICTURE_ENUM 类型的选项 ID。",
        )
        .source(BODY_SOURCE),
    Field::object("generic_user", &GENERIC_USER)
        .label("Referenced user", "引用人员")
        .help(
            "GENERIC_USER: {id, type}.",
            "GENERIC_USER 类型：{id, type}。",
        )
        .source(BODY_SOURCE),
]))
        .required()
        .label("Custom field value", "自定义字段取值")
        .help(
            "Required (41046): text, url, pc_url, option_id or generic_user, as the type needs. \
                option_value, name and picture_url are reply-only.",
            "必须传入 value（41046）：按类型传 text、url、pc_url、option_id 或 generic_user；\
                option_value、name、picture_url 仅出现在响应中。",
        )
        .source("Feishu 修改用户部分信息 (2025-11-20) § 请求体 custom_attrs.value; 错误码 41046"),
]))
    .label("Custom field", "自定义字段")))
        .label("Custom fields", "自定义字段")
        .help(
            "Each {type, id, value}; effective only when the admin allows API access to the field.",
            "每项为 {type, id, value}；管理员开启“允许开放平台 API 调用”后才生效。",
        )
        .source(BODY_SOURCE);

static F_ENTERPRISE_EMAIL: Field = Field::formatted("enterprise_email", &EMAIL)
    .on_empty(Empty::Reject)
    .label("Enterprise email", "企业邮箱")
    .help(
        "Takes effect once Feishu Mail is enabled (44001).",
        "管理员启用飞书邮箱服务后才会生效（44001）。",
    )
    .source(BODY_SOURCE);

static F_JOB_TITLE: Field = Field::string("job_title")
    .max_chars(255)
    .label("Job title", "职务名称")
    .help(
        "At most 255 characters (error 41063 says 100; the field text and 44058 say 255); \
                spaces clear it; a new title is created.",
        "字符数量上限为 255（错误码 41063 写 100，字段说明与 44058 为 255）；传入空格字符串\
                清空职务；不存在的职务会自动创建。",
    )
    .source(
        "Feishu 修改用户部分信息 (2025-11-20) § 请求体 job_title: 字符数量上限为 255, 传\
            入空格字符串则意味着清空职务; 错误码 44058 (41063 says 100)",
    );

static F_IS_FROZEN: Field = Field::boolean("is_frozen")
    .label("Suspended", "是否暂停")
    .help(
        "true suspends the user; changing it is limited to 1 call per second.",
        "是否为暂停状态的用户；更新 is_frozen 时限制调用频率为 1 QPS。",
    )
    .source(BODY_SOURCE);

static F_JOB_LEVEL_ID: Field = Field::string("job_level_id")
    .label("Job level id", "职级 ID")
    .help(
        "From the job level list API.",
        "可通过获取租户职级列表接口查询。",
    )
    .source(BODY_SOURCE);

static F_JOB_FAMILY_ID: Field = Field::string("job_family_id")
    .label("Job family id", "序列 ID")
    .help(
        "From the job family list API.",
        "可通过获取租户序列列表接口查询。",
    )
    .source(BODY_SOURCE);

static F_SUBSCRIPTION_IDS: Field = Field::array(
    "subscription_ids",
    &ArrayRule::of(&Field::string_item().label("Seat id", "席位 ID")),
)
.label("Seat ids", "席位 ID 列表")
.help(
    "Seat ids as strings; needs the seat-assignment permission.",
    "字符串形式的席位 ID；需开通“分配用户席位”权限。",
)
.source(BODY_SOURCE);

static F_DOTTED_LINE_LEADER_USER_IDS: Field = Field::array(
    "dotted_line_leader_user_ids",
    &ArrayRule::of(&Field::string_item().label("Dotted-line leader", "虚线上级")),
)
.label("Dotted-line leaders", "虚线上级")
.help(
    "User ids of the kind user_id_type names.",
    "ID 类型与 user_id_type 一致。",
)
.source(BODY_SOURCE);

static BODY_FIELDS: [Field; 25] = join(&[&FIRST_FIELDS, &WORK_FIELDS, &LAST_FIELDS]);

/// The patch page's fields up to department_ids.
static FIRST_FIELDS: [Field; 9] = [
    F_NAME,
    F_EN_NAME,
    F_NICKNAME,
    F_EMAIL,
    F_MOBILE,
    F_MOBILE_VISIBLE,
    F_GENDER,
    F_AVATAR_KEY,
    F_DEPARTMENT_IDS,
];

/// The patch page's fields from leader_user_id to employee_no, which the
/// create page lists unchanged.
static WORK_FIELDS: [Field; 6] = [
    F_LEADER_USER_ID,
    F_CITY,
    F_COUNTRY,
    F_WORK_STATION,
    F_JOIN_TIME,
    F_EMPLOYEE_NO,
];

/// The patch page's fields after employee_no.
static LAST_FIELDS: [Field; 10] = [
    F_EMPLOYEE_TYPE,
    F_ORDERS,
    F_CUSTOM_ATTRS,
    F_ENTERPRISE_EMAIL,
    F_JOB_TITLE,
    F_IS_FROZEN,
    F_JOB_LEVEL_ID,
    F_JOB_FAMILY_ID,
    F_SUBSCRIPTION_IDS,
    F_DOTTED_LINE_LEADER_USER_IDS,
];

// ---- cross-field rules -----------------------------------------------------------

static CROSS_RULES: [CrossRule; 2] = [
    CrossRule::new(
        Code::Required,
        CrossKind::RequiredWith,
        &["/department_ids", "/orders"],
    )
    .text(
        "orders needs department_ids in the same request (44002).",
        "传入 orders 时须同时传入 department_ids（44002）。",
    )
    .source(
        "https://open.feishu.cn/document/server-docs/contact-v3/user/patch (2025-11-20) § 错\
                误码 44002",
    ),
    CrossRule::new(
        Code::NotIn,
        CrossKind::MemberOf,
        &["/orders/-/department_id", "/department_ids"],
    )
    .text(
        "Each orders[].department_id must be one of department_ids (41025).",
        "orders[].department_id 必须在 department_ids 之内（41025）。",
    )
    .source(
        "Feishu 修改用户部分信息 (2025-11-20) § 请求体 orders.department_id: \
            必须在用户所属的部门 ID 列表（department_ids 参数）内; 错误码 41025",
    ),
];

/// Rules across sections (pointers from the envelope's root).
static ENVELOPE_RULES: [CrossRule; 1] = [CrossRule::new(
    Code::MustDiffer,
    CrossKind::Differ,
    &["/body/leader_user_id", "/path/user_id"],
)
.text(
    "A user cannot be their own leader: leader_user_id must differ from the user_id of the \
            path (41030).",
    "用户不能是自己的直属上级：leader_user_id 不能与路径中的 user_id 相同（41030）。",
)
.source(
    "https://open.feishu.cn/document/server-docs/contact-v3/user/patch (2025-11-20) § 错误\
            码 41030",
)];

// ---- reply -------------------------------------------------------------------------

/// `{code, msg, data}`: `code` 0 is success ("错误码，非 0 表示失败");
/// the HTTP status alone does not classify (41031 is a 504 yet permanent).
/// Retryable: 99991400 rate limit (HTTP 429, wait x-ogw-ratelimit-reset),
/// 44025 concurrent update of the user ("请等待一段时间重试"), 44049 seat
/// update failed ("请重试"), and the platform's internal errors 1500, 1663,
/// 1668, 2200, 5000 ("稍后重试"). Not 99991401 (IP allow-list) nor
/// 99991403 (monthly quota). Token: 99991663 and 99991665 (tenant token
/// invalid or expired), 99991668 and 99991677 (user token invalid or
/// expired).
static REPLY: ReplySpec = ReplySpec {
    code_key: Some("code"),
    message_keys: &["msg"],
    retryable: &[1500, 1663, 1668, 2200, 5000, 44025, 44049, 99991400],
    token_codes: &[99991663, 99991665, 99991668, 99991677],
    // 41050 no user authority (the user is outside the app's contact
    // scope: patch page § 错误码); 41011 user_id already exists (创建用户
    // § 错误码); 41012 user id invalid (删除用户 § 错误码). A 429 says how
    // long to wait in x-ogw-ratelimit-reset (频控策略, 2024-10-10).
    permission_codes: &[41050],
    exists_codes: &[41011],
    not_found_codes: &[41012],
    reset_header: Meta::new("x-ogw-ratelimit-reset"),
    source: Meta::new(
        "Feishu 修改用户部分信息 (2025-11-20) § 错误码; 通用错误码 (2025-08-20); \
        频控策略 (2024-10-10)",
    ),
    samples: &ReplySamples {
        ok: Sample::new(200, USER_REPLY),
        ..FAILURES
    },
    ..ReplySpec::DEFAULT
};

/// A reply carrying the user.
const USER_REPLY: &str =
    r#"{"code":0,"msg":"success","data":{"user":{"open_id":"ou_mock","name":"mock"}}}"#;

/// The failure replies, the same for every user API.
const FAILURES: ReplySamples = ReplySamples {
    ok: Sample::new(200, ""),
    invalid: Sample::new(400, r#"{"code":41070,"msg":"{{message}}","data":{}}"#),
    throttled: Sample::new(
        429,
        r#"{"code":99991400,"msg":"request trigger frequency limit"}"#,
    ),
    busy: Sample::new(
        400,
        r#"{"code":44025,"msg":"update user lock error,wait some seconds and retry","data":{}}"#,
    ),
    token_expired: Sample::new(
        400,
        concat!(
            r#"{"code":99991663,"msg":"Invalid access token for authorization. "#,
            r#"Please make a request with token attached."}"#
        ),
    ),
    exists: Some(Sample::new(
        400,
        r#"{"code":41011,"msg":"user id already exist error","data":{}}"#,
    )),
    not_found: Some(Sample::new(
        400,
        r#"{"code":41012,"msg":"user id invalid error","data":{}}"#,
    )),
};

/// "接口频率限制：1000 次/分钟、50 次/秒" (频控等级 4; changes of
/// department_ids or is_frozen: 1 QPS).
const RATE: f64 = 50.0;

/// `feishu.patchUser`.
pub static PATCH_USER: Endpoint = Endpoint {
    id: "feishu.patchUser",
    title: Text::new("Feishu: patch user", "飞书：修改用户部分信息"),
    method: "PATCH",
    doc_url: "https://open.feishu.cn/document/server-docs/contact-v3/user/patch",
    documented_path: "/open-apis/contact/v3/users/{user_id}",
    path: Some(&PATH),
    body: Some(&BODY),
    cross: &ENVELOPE_RULES,
    record_key: Meta::new("/path/user_id"),
    field_rates: &PATCH_FIELD_RATES,
    ..FEISHU
};

/// The patch page limits changes of department_ids or is_frozen to 1 QPS
/// (see the fields' help): a request carrying either waits its turn at 1/s,
/// the others keep the 50/s.
static PATCH_FIELD_RATES: [FieldRate; 1] = [FieldRate {
    pointers: &[
        Meta::new("/body/department_ids"),
        Meta::new("/body/is_frozen"),
    ],
    per_second: 1.0,
    source: Meta::new(
        "https://open.feishu.cn/document/server-docs/contact-v3/user/patch (2025-11-20) § 频率限制",
    ),
}];

/// What every user endpoint shares.
static FEISHU: Endpoint = Endpoint {
    vendor: "feishu",
    default_base_url: "https://open.feishu.cn",
    content_type: CONTENT_TYPE,
    query: Some(&QUERY),
    headers: Some(&HEADERS_RULE),
    reply: &REPLY,
    rate_per_second: RATE,
    rate_source: Meta::new(
        "https://open.feishu.cn/document/server-docs/contact-v3/user/patch (2025-11-20): 1000 次\
            /分钟、50 次/秒 (1 QPS when department_ids or is_frozen change)",
    ),
    token_prefix: "Bearer ",
    ..Endpoint::DEFAULT
};

// ---- 创建用户 (create user) ----------------------------------------------------

// The vendor pages this file cites, each with the date it shows: `cite!(page, "section")`.
crate::model::cite_pages! {$
    // 创建用户, as last updated on 2025-05-27.
    create_page => "https://open.feishu.cn/document/server-docs/contact-v3/user/create (2025-05-27) § ",
    // 删除用户, as last updated on 2024-11-22.
    delete_page => "https://open.feishu.cn/document/server-docs/contact-v3/user/delete (2024-11-22) § ",
}

static CREATE_QUERY: ObjectRule = ObjectRule::of(&[
    QUERY_FIELDS[0],
    QUERY_FIELDS[1],
    Field::non_empty("client_token")
        .label("Idempotency token", "幂等令牌")
        .help(
            "Your own token for this creation: a retry with the same token does not create the \
                user twice.",
            "用于幂等判断的令牌：相同 client_token 的重试不会重复创建用户。",
        )
        .source(cite!(
            create_page,
            "查询参数: client_token 根据client_token是否一致来判断是否为同一请\
            求"
        )),
]);

static CREATE_BODY: ObjectRule = ObjectRule::of(&CREATE_FIELDS).cross(&CREATE_RULES);

/// The patch page's fields, with the create page's changes.
static CREATE_FIELDS: [Field; 25] =
    join(&[&CREATE_FIRST_FIELDS, &WORK_FIELDS, &CREATE_LAST_FIELDS]);

/// The create page's fields up to department_ids.
static CREATE_FIRST_FIELDS: [Field; 10] = [
    Field::string("user_id")
        .max_chars(64)
        .on_empty(Empty::Reject)
        .label("Custom user id", "自定义用户 ID")
        .help(
            "Your own user_id for the new user (at most 64 characters); random when omitted, \
                unchangeable later.",
            "租户内用户的唯一标识（最多 64 个字符）；不传则随机生成，创建后不可修改。",
        )
        .source(cite!(create_page, "请求体: user_id")),
    F_NAME
        .required()
        .source(cite!(create_page, "请求体: name 必填")),
    F_EN_NAME,
    F_NICKNAME,
    F_EMAIL,
    F_MOBILE
        .required()
        .source(cite!(create_page, "请求体: mobile 必填")),
    F_MOBILE_VISIBLE,
    F_GENDER,
    F_AVATAR_KEY,
    F_DEPARTMENT_IDS.required().source(cite!(
        create_page,
        "请求体: department_ids 必填, 最大长度 50"
    )),
];

/// The create page's fields after employee_no: no is_frozen.
static CREATE_LAST_FIELDS: [Field; 9] = [
    F_EMPLOYEE_TYPE
        .required()
        .source(cite!(create_page, "请求体: employee_type 必填")),
    F_ORDERS,
    F_CUSTOM_ATTRS,
    F_ENTERPRISE_EMAIL,
    F_JOB_TITLE,
    F_JOB_LEVEL_ID,
    F_JOB_FAMILY_ID,
    F_SUBSCRIPTION_IDS,
    F_DOTTED_LINE_LEADER_USER_IDS,
];

static CREATE_RULES: [CrossRule; 1] = [CROSS_RULES[1]];

/// `feishu.createUser`.
pub static CREATE_USER: Endpoint = Endpoint {
    id: "feishu.createUser",
    title: Text::new("Feishu: create user", "飞书：创建用户"),
    doc_url: "https://open.feishu.cn/document/server-docs/contact-v3/user/create",
    documented_path: "/open-apis/contact/v3/users",
    query: Some(&CREATE_QUERY),
    body: Some(&CREATE_BODY),
    record_key: Meta::new("/body/mobile"),
    operation: Operation::Create,
    idempotency_key: Some("/query/client_token"),
    ..FEISHU
};

// ---- 删除用户 (delete user) ----------------------------------------------------

/// An acceptor: the user who receives what the deleted user owned.
const fn acceptor(key: &'static str, en: &'static str, zh: &'static str) -> Field {
    Field::string(key)
        .on_empty(Empty::Reject)
        .label(en, zh)
        .help(
            "A user id of the kind user_id_type names; the direct leader when omitted.",
            "ID 类型与查询参数 user_id_type 一致；不传则默认转给直属上级。",
        )
        .source(cite!(delete_page, "请求体"))
}

static DELETE_QUERY: ObjectRule = ObjectRule::of(&[QUERY_FIELDS[0]]);

static DELETE_BODY: ObjectRule = ObjectRule::of(&[
    acceptor(
        "department_chat_acceptor_user_id",
        "Department chats to",
        "部门群接收者",
    ),
    acceptor(
        "external_chat_acceptor_user_id",
        "External chats to",
        "外部群接收者",
    ),
    acceptor("docs_acceptor_user_id", "Documents to", "文档接收者"),
    acceptor("calendar_acceptor_user_id", "Calendars to", "日程接收者"),
    acceptor("application_acceptor_user_id", "Apps to", "应用接收者"),
    acceptor("minutes_acceptor_user_id", "Minutes to", "妙记接收者"),
    acceptor("survey_acceptor_user_id", "Surveys to", "飞书问卷接收者"),
    Field::object(
        "email_acceptor",
        &ObjectRule::of(&[
            Field::one_of("processing_type", &["1", "2", "3"])
                .required()
                .label("Mailbox handling", "邮件处理方式")
                .help("1 transfer, 2 keep, 3 delete.", "1 转移，2 保留，3 删除。")
                .source(cite!(
                    delete_page,
                    "请求体: email_acceptor.processing_type 必填"
                )),
            acceptor("acceptor_user_id", "Mail to", "邮件接收者"),
        ]),
    )
    .label("Mailbox", "用户邮件资源处理方式")
    .help(
        "{processing_type, acceptor_user_id}: acceptor_user_id when processing_type is 1 \
            (transfer).",
        "{processing_type, acceptor_user_id}：processing_type 为 1（转移）时传 acceptor_user_id。",
    )
    .source(cite!(delete_page, "请求体: email_acceptor")),
    acceptor(
        "anycross_acceptor_user_id",
        "Integrations to",
        "集成平台资源接收者",
    ),
]);

/// `feishu.deleteUser`: an absent body is sent as `{}`.
pub static DELETE_USER: Endpoint = Endpoint {
    id: "feishu.deleteUser",
    title: Text::new("Feishu: delete user", "飞书：删除用户"),
    method: "DELETE",
    doc_url: "https://open.feishu.cn/document/server-docs/contact-v3/user/delete",
    documented_path: "/open-apis/contact/v3/users/{user_id}",
    path: Some(&PATH),
    query: Some(&DELETE_QUERY),
    body: Some(&DELETE_BODY),
    reply: &ReplySpec {
        samples: &ReplySamples {
            ok: Sample::new(200, r#"{"code":0,"msg":"success","data":{}}"#),
            ..FAILURES
        },
        ..REPLY
    },
    record_key: Meta::new("/path/user_id"),
    operation: Operation::Delete,
    ..FEISHU
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_tokens() {
        crate::leaf::format::assert_checks(
            check_bearer,
            &["Bearer t-abc", "Bearer u-7f1bcd13fc57d46bac21793a18e560"],
            &[
                "",
                "Bearer ",
                "bearer t-abc",
                "t-abc",
                "Bearer  t-abc",
                "Bearer t-abc\r\nX: y",
                "Bearer 令牌",
                "Basic dXNlcg==",
            ],
        );
    }

    #[test]
    fn mobiles() {
        crate::leaf::format::assert_checks(
            check_mobile,
            &[
                "13011111111",
                "+8613011111111",
                "+41446681800",
                "+85251234567",
            ],
            &[
                "",
                "1301111111",
                "23011111111",
                "+86130111111",
                "41446681800",
                "+4144668180012345",
                "+0123456789",
                "+41 44 668 18 00",
                "+",
            ],
        );
    }
}
