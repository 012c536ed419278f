//! Ekuaibao / Hose (易快报 / 合思): 修改员工 and 批量修改员工 (update staff,
//! batch update staff). Every rule of this vendor is in this file; each
//! cites the vendor page it comes from, with the date the page shows.

use crate::leaf::checks::EMAIL;
use crate::leaf::format::{Format, FormatResult};
use crate::leaf::text::{Meta, Text};
use crate::leaf::url;
use crate::model::endpoint::{
    CrossKind, CrossRule, Endpoint, Operation, Parts, ReplySamples, ReplySpec, Sample, UniqueBy,
};
use crate::model::field::{ArrayRule, CustomRule, CustomShape, Empty, Field, ObjectRule};
use crate::model::sent::Sent;
use crate::report::Code;

// The vendor pages this file cites, each with the date it shows: `cite!(page, "section")`.
crate::model::cite_pages! {$
    // 修改员工, as fetched on 2025-06-23.
    update_page => "https://docs.ekuaibao.com/docs/open-api/contacts/update-staffs (2025-06-23) § ",
    // 批量修改员工, as published on 2024-05-29 (unchanged since 2023-06-16, release 1.20.0).
    batch_page => "https://docs.ekuaibao.com/docs/open-api/contacts/batch-update-staffs (2024-05-29) § ",
    // 新增员工, as published on 2024-05-29.
    add_page => "https://docs.ekuaibao.com/docs/open-api/contacts/add-staffs (2024-05-29) § ",
    // 批量新增员工, as published on 2024-05-29.
    batch_add_page => "https://docs.ekuaibao.com/docs/open-api/contacts/batch-add-staffs (2024-05-29) § ",
    // 停启用员工, as published on 2024-05-29.
    active_page => "https://docs.ekuaibao.com/docs/open-api/contacts/active-staffs (2024-05-29) § ",
}

// ---- cellphone -------------------------------------------------------------

fn is_mainland(s: &str) -> bool {
    s.len() == 11 && s.starts_with('1') && s.bytes().all(|b| b.is_ascii_digit())
}

/// `(区号)号码`: 1–4 digits in ASCII parentheses, then 1–15 digits.
fn is_foreign(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('(') else {
        return false;
    };
    let Some((area, number)) = rest.split_once(')') else {
        return false;
    };
    let digits = |t: &str, max: usize| {
        !t.is_empty() && t.len() <= max && t.bytes().all(|b| b.is_ascii_digit())
    };
    digits(area, 4) && digits(number, 15)
}

/// Mainland `1` + 10 digits, or `(区号)号码`; `+852 1234 5678`-style input
/// (and numbers with spaces or hyphens) is rewritten to the documented form.
/// `+86` numbers become plain mainland numbers, since the page reserves the
/// bracketed form for foreign numbers.
fn check_cellphone(s: &str) -> FormatResult {
    if is_mainland(s) || is_foreign(s) {
        return FormatResult::Ok;
    }
    let is_sep = |c: char| c == ' ' || c == '-' || c == '\u{3000}';
    let trimmed = s.trim_matches(is_sep);
    let candidate = if let Some(rest) = trimmed.strip_prefix('+') {
        // The country code ends at the first separator or '(' : without one, the split is ambiguous.
        let Some(end) = rest.find(|c: char| is_sep(c) || c == '(') else {
            return FormatResult::Bad;
        };
        let (cc, number) = rest.split_at(end);
        let number: String = number
            .chars()
            .filter(|c| !is_sep(*c) && *c != '(' && *c != ')')
            .collect();
        if cc.is_empty() || cc.len() > 3 || !cc.bytes().all(|b| b.is_ascii_digit()) {
            return FormatResult::Bad;
        }
        if cc == "86" {
            number
        } else {
            format!("({cc}){number}")
        }
    } else {
        trimmed.chars().filter(|c| !is_sep(*c)).collect()
    };
    if is_mainland(&candidate) || is_foreign(&candidate) {
        FormatResult::Normalized(candidate)
    } else {
        FormatResult::Bad
    }
}

/// [`check_cellphone`] as an ECMA-262 pattern, normalisable spellings
/// included: separators (space, `-`, U+3000) anywhere around the digits;
/// `+86` then a mainland number; `+<1–3 digits>` then 1–15 digits, with
/// separators or parentheses between them.
const CELLPHONE_PATTERN: &str = concat!(
    r"[ \-\u3000]*(?:1(?:[ \-\u3000]*[0-9]){10}|",
    r"\((?:[ \-\u3000]*[0-9]){1,4}[ \-\u3000]*\)(?:[ \-\u3000]*[0-9]){1,15})[ \-\u3000]*|",
    r"[ \-\u3000]*\+86[ \-\u3000(][ \-\u3000()]*1(?:[ \-\u3000()]*[0-9]){10}[ \-\u3000()]*|",
    r"[ \-\u3000]*\+(?!86[ \-\u3000(])[0-9]{1,3}[ \-\u3000(](?:[ \-\u3000()]*[0-9]){1,15}[ \-\u3000()]*",
);

static CELLPHONE: Format = Format::new(
    "cellphone",
    check_cellphone,
    Text::new(
        "a mainland mobile number (1 and 10 more digits) or a foreign one written (dialling \
            code)number, such as (852)12345678",
        "大陆手机号（1 开头共 11 位数字）或“(区号)号码”形式的境外号码，例如 (852)12345678",
    ),
    CELLPHONE_PATTERN,
)
// A number's text: 1 + 10 digits, or its negative, whose `-` is trimmed as a separator.
.integers(&[
    (10_000_000_000, 19_999_999_999),
    (-19_999_999_999, -10_000_000_000),
]);

// ---- base (常驻地) -----------------------------------------------------------

static CITY_LIST: ArrayRule = ArrayRule::of(&Field::item(&ObjectRule::of(&[
    Field::string("key")
        .required()
        .label("City id", "城市 ID")
        .help(
            "The city's id from the city list API.",
            "城市列表接口返回的城市 id。",
        ),
    Field::string("label")
        .required()
        .label("City full name", "城市全称")
        .help(
            "The city's fullName from the city list API, e.g. 北京市/海淀区.",
            "城市列表接口返回的 fullName，例如 北京市/海淀区。",
        ),
])));

/// `base` is a string holding a JSON array of `{key, label}` strings; an
/// array given directly is checked item by item and sent as that string.
static BASE: CustomRule = CustomRule {
    json_type: "string|array",
    shape: CustomShape::ArrayOrJsonText(&CITY_LIST),
    format: "city_list",
    expected: Text::new(
        "text holding a JSON array of {\"key\", \"label\"} strings, such as \
            [{\"key\":\"8\",\"label\":\"北京市/海淀区\"}] (or that array itself, which is then \
            sent as text)",
        "由 {\"key\", \"label\"} 字符串组成的 JSON 数组文本，例如 [{\"key\":\"8\",\"label\":\"北\
            京市/海淀区\"}]（也可直接传该数组，将转为文本发送）",
    ),
    sent: Text::new(
        "the same list as JSON text, such as [{\"key\":\"8\",\"label\":\"北京市/海淀区\"}]",
        "同一列表的 JSON 文本，例如 [{\"key\":\"8\",\"label\":\"北京市/海淀区\"}]",
    ),
};

// ---- fields ----------------------------------------------------------------

/// The literal `$` before the staff id in the path: both curl examples of
/// the page send `/staffs/update/$JOYbpjPP-E2Q00:IIEbwYgR2E5M00` and `/staffs/update/$00005`.
const ID_MARKER: &str = "$";

static PATH: ObjectRule = ObjectRule::of(&[Field::non_empty("staffId")
    .required()
    .label("Staff id or code", "员工 ID 或 CODE")
    .help(
        "Staff id (type=id) or staff code (type=code). Sent as the path segment $<staffId>.",
        "员工 ID（type=id）或员工 CODE（type=code），以路径段 $<staffId> 发送。",
    )
    .source(cite!(
        update_page,
        "Path Parameters; curl examples: a literal $ before the id"
    ))]);

static ACCESS_TOKEN: Field = Field::string("accessToken")
    .required()
    .secret()
    .label("Access token", "认证 token")
    .help(
        "From POST /api/openapi/v1/auth/getAccessToken; valid 2 hours by default.",
        "通过 /api/openapi/v1/auth/getAccessToken 获取，默认 2 小时有效。",
    )
    .source(cite!(update_page, "Query Parameters"));

static QUERY: ObjectRule = ObjectRule::of(&[
    ACCESS_TOKEN,
    Field::enumerated("type", &["id", "code"])
        .label("Id kind", "参数类型")
        .help(
            "id (default) or code: with code, department and dimension fields must carry codes \
                too.",
            "id（默认）或 code；为 code 时，部门与自定义档案字段也须传 code。",
        )
        .source(cite!(update_page, "Query Parameters (changelog 1.4.0)")),
]);

/// A dimension item id (or code): 职级 and 岗位.
const fn dimension(key: &'static str, en: &'static str, zh: &'static str) -> Field {
    Field::string(key)
        .label(en, zh)
        .help(
            "Dimension item id (or code when type=code).",
            "自定义档案项 ID（type=code 时传 code）。",
        )
        .source(cite!(update_page, "Body Parameters: staffCustomForm"))
}

static CUSTOM_FORM: ObjectRule = ObjectRule::of(&[
    dimension("rankType", "Rank", "职级"),
    dimension("postType", "Post", "岗位"),
    Field::new("base", crate::model::field::Ty::Custom(&BASE))
        .label("Base location", "常驻地")
        .help(
            "City list: key = city id, label = city fullName, from the city list API.",
            "城市列表：key 为城市 id，label 为城市 fullName，数据来自获取城市列表接口。",
        )
        .source(cite!(update_page, "Body Parameters: base format")),
])
.prefixed(
    "u_",
    &Field::string("u_*")
        .label("Custom field", "自定义字段")
        .help(
            "u_<field name>, e.g. u_项目; names from the custom staff field list.",
            "格式为 u_字段名，例如 u_项目；字段名可通过获取员工自定义字段接口获取。",
        )
        .source(cite!(update_page, "Body Parameters: u_字段名")),
);

/// `updateStaff`'s cross-field rules; each item of `batchUpdateStaff`'s
/// `staffList` carries them too.
static STAFF_RULES: [CrossRule; 4] = [
    CrossRule::new(
        Code::Together,
        CrossKind::Together,
        &["/departments", "/defaultDepartment"],
    )
    .text(
        "departments and defaultDepartment are sent together or not at all; the error is \
                reported at the missing one.",
        "departments 与 defaultDepartment 须同时传入或都不传；错误报告在缺少的那个字段上。",
    )
    .source(cite!(update_page, "Body Parameters: departments")),
    CrossRule::new(
        Code::NotIn,
        CrossKind::MemberOf,
        &["/defaultDepartment", "/departments"],
    )
    .text(
        "defaultDepartment must be one of departments.",
        "defaultDepartment 必须是 departments 中的一项。",
    )
    .source(cite!(update_page, "Body Parameters: defaultDepartment")),
    CrossRule::new(
        Code::Required,
        CrossKind::RequiredIfTrue,
        &["/cellphone", "/modifyAccountPhone"],
    )
    .text(
        "modifyAccountPhone true makes cellphone the new login mobile, so cellphone must be \
                sent.",
        "modifyAccountPhone 为 true 时登录手机号改为 cellphone，因此必须传 cellphone。",
    )
    .source(cite!(update_page, "Body Parameters: modifyAccountPhone")),
    CrossRule::new(
        Code::Required,
        CrossKind::RequiredIfTrue,
        &["/email", "/modifyAccountEmail"],
    )
    .text(
        "modifyAccountEmail true makes email the new login email, so email must be sent.",
        "modifyAccountEmail 为 true 时登录邮箱改为 email，因此必须传 email。",
    )
    .source(cite!(update_page, "Body Parameters: modifyAccountEmail")),
];

/// One staff field, cited from `$page`: `updateStaff`, `batchUpdateStaff`'s
/// items, `createStaff` and `batchCreateStaff`'s items declare the same
/// field once, here (the pages list the same fields with the same wording;
/// `enName` is on the single update page only, and is kept so that an
/// item accepts what `updateStaff` accepts).
macro_rules! staff_field {
    (name, $page:ident) => {
        Field::string("name")
                .blank_is_empty()
                .required()
                .label("Name", "员工姓名")
                .help(
                    "Required and not blank (400 员工名称不能为空).",
                    "必填且不能为空（否则返回 400 员工名称不能为空）。",
                )
                .source(cite!($page, "Body Parameters: name; 失败响应"))
    };
    (enName, $page:ident) => {
        Field::string("enName")
                .label("Name (second language)", "副语言名称")
                .help("The name in the second language.", "第二语言下的员工名称。")
                .source(cite!(update_page, "Body Parameters: enName"))
    };
    (nickName, $page:ident) => {
        Field::string("nickName")
                .label("Alias", "员工别名")
                .help("The staff alias (since 1.20.0).", "员工别名（1.20.0 起支持）。")
                .source(cite!($page, "Body Parameters: nickName (changelog 1.20.0)"))
    };
    (code, $page:ident) => {
        Field::string("code")
                .on_empty(Empty::Drop)
                .label("Employee number", "工号")
                .help(
                    "Can be changed but not blanked: \"\" has no effect and is not sent.",
                    "只能修改原值，不能置空：传 \"\" 不生效，不会发送。",
                )
                .source(cite!(update_page, "Body Parameters: code"))
    };
    (cellphone, $page:ident) => {
        Field::formatted("cellphone", &CELLPHONE)
                .on_empty(Empty::Reject)
                .label("Mobile", "手机号")
                .help(
                    "Mainland 1xxxxxxxxxx, or (dialling code)number for foreign numbers; +852 \
                        1234 5678 is rewritten.",
                    "大陆手机号，或境外号码写作“(区号)号码”；+852 1234 5678 这类写法会被改写。",
                )
                .source(cite!($page, "Body Parameters: cellphone"))
    };
    (email, $page:ident) => {
        Field::formatted("email", &EMAIL)
                .on_empty(Empty::Reject)
                .label("Email", "邮箱")
                .help("May be omitted, but never sent as \"\".", "可以不传，但不能传 \"\"。")
                .source(cite!($page, "Body Parameters: email"))
    };
    (note, $page:ident) => {
        Field::string("note")
                .label("Note", "备注")
                .help("Free text.", "备注文字。")
                .source(cite!($page, "Body Parameters: note"))
    };
    (defaultDepartment, $page:ident) => {
        Field::non_empty("defaultDepartment")
                .label("Default department", "默认部门")
                .help(
                    "Must be one of departments; send both or neither.",
                    "必须在所在部门中；与所在部门都传或都不传。",
                )
                .source(cite!($page, "Body Parameters: defaultDepartment"))
    };
    (departments, $page:ident) => {
        Field::array("departments", &DEPARTMENTS)
                .label("Departments", "所在部门")
                .help(
                    "At least one department id (or code when type=code), no repeats; send with \
                        defaultDepartment.",
                    "至少 1 个部门 ID（type=code 时传 code），不能重复；须与默认部门同时传入。",
                )
                .source(cite!($page, "Body Parameters: departments"))
    };
    (modifyAccountPhone, $page:ident) => {
        Field::boolean("modifyAccountPhone")
                .label("Change login mobile", "是否修改登录手机号")
                .help("true needs cellphone.", "为 true 时须传 cellphone。")
                .source(cite!($page, "Body Parameters: modifyAccountPhone"))
    };
    (modifyAccountEmail, $page:ident) => {
        Field::boolean("modifyAccountEmail")
                .label("Change login email", "是否修改登录邮箱")
                .help("true needs email.", "为 true 时须传 email。")
                .source(cite!($page, "Body Parameters: modifyAccountEmail"))
    };
    (staffCustomForm, $page:ident) => {
        Field::object("staffCustomForm", &CUSTOM_FORM)
                .label("Custom fields", "自定义字段")
                .help(
                    "rankType, postType, base, or u_<field name>; v1.1 updates only the keys sent.",
                    "rankType、postType、base 或 u_字段名；v1.1 仅更新所传字段。",
                )
                .source(cite!($page, "Body Parameters: staffCustomForm"))
    };
}

/// The body fields of `updateStaff`; `batchUpdateStaff`'s items are `id`
/// and these.
macro_rules! update_fields {
    ($page:ident, $($id:expr)?) => {
        [
            $($id,)?
            staff_field!(name, $page),
            staff_field!(enName, $page),
            staff_field!(nickName, $page),
            staff_field!(code, $page),
            staff_field!(cellphone, $page),
            staff_field!(email, $page),
            staff_field!(note, $page),
            staff_field!(defaultDepartment, $page),
            staff_field!(departments, $page),
            staff_field!(modifyAccountPhone, $page),
            staff_field!(modifyAccountEmail, $page),
            staff_field!(staffCustomForm, $page),
        ]
    };
}

// Required: a null item is not a department id, and dropping it would change the list.
static DEPARTMENTS: ArrayRule = ArrayRule::of(&Field::string_item().label("Department", "部门"))
    .min(1)
    .unique();

static BODY: ObjectRule = ObjectRule::of(&update_fields!(update_page,)).cross(&STAFF_RULES);

// ---- request and reply -----------------------------------------------------

/// 2xx with `value` is success; failures are HTTP 400 / 412 / 403 with a
/// Chinese message in the documented error body `{errorCode, errorMessage,
/// errorDetails, code, data}`, or plain text. An expired or wrong token is
/// HTTP 403 未授权 / 401.
pub(crate) static REPLY: ReplySpec = ReplySpec {
    ok_key: Some("value"),
    message_keys: &["message", "errorMessage", "msg", "errorMsg", "error"],
    failure_code_keys: &["errorCode", "code"],
    token_statuses: &[401, 403],
    // A create that finds the person already there fails with "该手机号/
    // 邮箱账号已被其他员工使用" or "该账号已被其他员工使用" (userid), and no code.
    exists_texts: &["已被其他员工使用"],
    source: Meta::new(concat!(
        cite!(update_page, "成功响应, 失败响应"),
        "; ",
        cite!(add_page, "失败响应: 已被其他员工使用")
    )),
    samples: &SAMPLES,
    ..ReplySpec::DEFAULT
};

/// The error body, with `code` and `message`.
macro_rules! error_body {
    ($code:literal, $message:literal) => {
        concat!(
            r#"{"errorCode":"#,
            $code,
            r#","errorMessage":""#,
            $message,
            r#"","errorDetails":null,"code":null,"data":null}"#
        )
    };
}

pub(crate) static SAMPLES: ReplySamples = ReplySamples {
    ok: Sample::new(200, r#"{"value":{"id":"mock","name":"mock"}}"#),
    ..FAILURES
};

/// The failure replies, the same for every endpoint of this vendor.
const FAILURES: ReplySamples = ReplySamples {
    ok: Sample::new(200, ""),
    invalid: Sample::new(400, error_body!("400", "{{message}}")),
    throttled: Sample::new(429, error_body!("429", "too many requests")),
    busy: Sample::new(503, error_body!("503", "service busy")),
    token_expired: Sample::new(403, error_body!("403", "未授权")),
    exists: Some(Sample::new(
        400,
        error_body!("400", "该手机号/邮箱账号已被其他员工使用"),
    )),
    not_found: None,
};

/// What every endpoint of this vendor shares.
static EKUAIBAO: Endpoint = Endpoint {
    vendor: "ekuaibao",
    default_base_url: "https://app.ekuaibao.com",
    query: Some(&QUERY),
    reply: &REPLY,
    // No rate is documented for the address-book APIs; 10 calls per second
    // keeps a bulk sync well clear of the platform's gateway limits.
    rate_per_second: 10.0,
    rate_source: Meta::new("not documented for the address-book APIs: a conservative default"),
    ..Endpoint::DEFAULT
};

/// `ekuaibao.updateStaff`.
pub static UPDATE_STAFF: Endpoint = Endpoint {
    id: "ekuaibao.updateStaff",
    title: Text::new("Ekuaibao: update staff", "易快报：修改员工"),
    method: "PUT",
    doc_url: "https://docs.ekuaibao.com/docs/open-api/contacts/update-staffs",
    documented_path: "/api/openapi/v1.1/staffs/update/{staffId}",
    path: Some(&PATH),
    body: Some(&BODY),
    record_key: Meta::new("/path/staffId"),
    path_marker: ID_MARKER,
    ..EKUAIBAO
};

// ---- 批量修改员工 (batch update staff) --------------------------------------

static BATCH_QUERY: ObjectRule = ObjectRule::of(&[ACCESS_TOKEN.source(cite!(
    batch_page,
    "Query Parameters (accessToken 必填; the only query parameter: no type)"
))]);

static STAFF_ID: Field = Field::non_empty("id")
    .required()
    .label("Staff id", "员工 ID")
    .help(
        "From the staff list API (<corpId>:<userId>); sent as given in the body: no $ prefix, \
            and a $ or : inside the id is kept.",
        "可通过获取员工列表接口获取（<corpId>:<userId>）；在请求体中原样发送：不加 $ 前缀，ID 中\
            的 $ 或 : 保持不变。",
    )
    .source(cite!(
        batch_page,
        "Body Parameters: staffList ∟ id 必填; example id TsI3tt8KjF4S7M:\
        BbP3CdaKi$VcRw"
    ));

static BATCH_BODY: ObjectRule = ObjectRule::of(&[Field::array(
    "staffList",
    &ArrayRule::of(
        &Field::item(&ObjectRule::of(&update_fields!(batch_page, STAFF_ID)).cross(&STAFF_RULES))
            .label("Staff", "员工"),
    )
    .items(1, 100),
)
.required()
.label("Staff to update", "批量修改的员工")
.help(
    "1 to 100 staff, each with its id and name and the fields of a single update; no id twice.",
    "1 至 100 名员工，每项包含 id、name 及单个修改的字段；id 不能重复。",
)
.source(cite!(
    batch_page,
    "Body Parameters: staffList 必填, 最大不能超过 100 条"
))])
.cross(&[CrossRule::new(
    Code::Duplicate,
    CrossKind::Unique { by: UniqueBy::Text },
    &["/staffList/-/id"],
)
.text(
    "Each staff id appears once in staffList: a repeat is reported at the later item's id.",
    "staffList 中每个员工 id 只能出现一次：重复的 id 报告在后一项上。",
)
.source(cite!(
    batch_page,
    "Body Parameters (one update per staff; the reply holds one record per item)"
))]);

/// 2xx with `items` (one staff record per item sent, in order) is
/// success; failures are whole-request, as for `updateStaff` (the batch
/// page documents no per-item error).
pub(crate) static BATCH_REPLY: ReplySpec = ReplySpec {
    ok_key: Some("items"),
    source: Meta::new(cite!(batch_page, "成功响应 {\"items\": […]}, 失败响应")),
    samples: &BATCH_SAMPLES,
    ..REPLY
};

pub(crate) static BATCH_SAMPLES: ReplySamples = ReplySamples {
    ok: Sample::new(200, r#"{"items":[{"id":"mock","name":"mock"}]}"#),
    ..FAILURES
};

/// `ekuaibao.batchUpdateStaff`.
pub static BATCH_UPDATE_STAFF: Endpoint = Endpoint {
    id: "ekuaibao.batchUpdateStaff",
    title: Text::new("Ekuaibao: batch update staff", "易快报：批量修改员工"),
    method: "PUT",
    doc_url: "https://docs.ekuaibao.com/docs/open-api/contacts/batch-update-staffs",
    documented_path: "/api/openapi/v1.1/staffs/batch/update",
    query: Some(&BATCH_QUERY),
    body: Some(&BATCH_BODY),
    reply: &BATCH_REPLY,
    record_key: Meta::new("/body/staffList/-/id"),
    ..EKUAIBAO
};

// ---- 新增员工 / 批量新增员工 (create staff) ---------------------------------

/// The body fields of `createStaff` and of `batchCreateStaff`'s items:
/// the batch page makes `cellphone` required and has no `useNewAccount`.
macro_rules! create_fields {
    ($page:ident, $cellphone:expr, [$($new_account:expr)?]) => {
        [
            staff_field!(name, $page),
            staff_field!(code, $page),
            $cellphone,
            staff_field!(email, $page),
            staff_field!(note, $page),
            staff_field!(defaultDepartment, $page).required(),
            staff_field!(departments, $page).required(),
            Field::non_empty("userid")
                .label("Third-party user id", "第三方平台的人员 ID")
                .help(
                    "The person's id on DingTalk, WeCom or another platform; ignored when \
                        cellphone is already registered.",
                    "同步钉钉、企业微信等第三方平台人员时传入；若 cellphone 已注册，本参数不生效。",
                )
                .source(cite!($page, "Body Parameters: userid")),
            $($new_account,)?
            Field::boolean("useSendEmail")
                .label("No email notice", "是否禁止发送邮件通知")
                .help("true: no email is sent; false (default).", "true：禁止；false（默认）：不\
                    禁止。")
                .source(cite!($page, "Body Parameters: useSendEmail")),
            staff_field!(staffCustomForm, $page),
        ]
    };
}

static USE_NEW_ACCOUNT: Field = Field::boolean("useNewAccount")
    .label("Force a new account", "是否强制启用新用户")
    .help(
        "true: a new staff id even when a departed staff holds the mobile; false (default) \
            re-enables that staff.",
        "true：新建员工 ID；false（默认）：手机号被离职员工占用时，重新启用该离职员工并修改其信\
            息。",
    )
    .source(cite!(add_page, "Body Parameters: useNewAccount"));

/// "原生环境手机号或邮箱必须至少填一个" (create and batch create).
static CREATE_RULES: [CrossRule; 1] = [CrossRule::new(
    Code::Required,
    CrossKind::AtLeastOne,
    &["/cellphone", "/email"],
)
.text(
    "cellphone or email must be given.",
    "cellphone 与 email 至少须传其一。",
)
.source(cite!(
    add_page,
    "Body Parameters: cellphone, email 原生环境手机号或邮箱必须至少填一个"
))];

static ADD_QUERY: ObjectRule =
    ObjectRule::of(&[ACCESS_TOKEN.source(cite!(add_page, "Query Parameters"))]);

static CREATE_BODY: ObjectRule = ObjectRule::of(&create_fields!(
    add_page,
    staff_field!(cellphone, add_page),
    [USE_NEW_ACCOUNT]
))
.cross(&CREATE_RULES);

/// `ekuaibao.createStaff`.
pub static CREATE_STAFF: Endpoint = Endpoint {
    id: "ekuaibao.createStaff",
    title: Text::new("Ekuaibao: create staff", "易快报：新增员工"),
    doc_url: "https://docs.ekuaibao.com/docs/open-api/contacts/add-staffs",
    documented_path: "/api/openapi/v1.1/staffs",
    query: Some(&ADD_QUERY),
    body: Some(&CREATE_BODY),
    record_key: Meta::new("/body/cellphone"),
    operation: Operation::Create,
    ..EKUAIBAO
};

static BATCH_CREATE_BODY: ObjectRule = ObjectRule::of(&[Field::array(
    "staffList",
    &ArrayRule::of(
        &Field::item(&ObjectRule::of(&create_fields!(
            batch_add_page,
            staff_field!(cellphone, batch_add_page).required(),
            []
        )))
        .label("Staff", "员工"),
    )
    .min(1),
)
.required()
.label("Staff to create", "批量新增的员工")
.help(
    "At least one staff, each with the fields of a single creation.",
    "至少 1 名员工，每项包含单个新增的字段。",
)
.source(cite!(
    batch_add_page,
    "Body Parameters: staffList 必填 (no count limit stated)"
))]);

/// `ekuaibao.batchCreateStaff`.
pub static BATCH_CREATE_STAFF: Endpoint = Endpoint {
    id: "ekuaibao.batchCreateStaff",
    title: Text::new("Ekuaibao: batch create staff", "易快报：批量新增员工"),
    doc_url: "https://docs.ekuaibao.com/docs/open-api/contacts/batch-add-staffs",
    documented_path: "/api/openapi/v1.1/staffs/batch/create",
    query: Some(&ADD_QUERY),
    body: Some(&BATCH_CREATE_BODY),
    reply: &BATCH_REPLY,
    record_key: Meta::new("/body/staffList/-/cellphone"),
    operation: Operation::Create,
    ..EKUAIBAO
};

// ---- 停启用员工 (disable or enable staff) -----------------------------------

static ACTIVE_PATH: ObjectRule = ObjectRule::of(&[Field::array(
    "staffIds",
    &ArrayRule::of(&Field::string_item().label("Staff id or code", "员工 ID 或 CODE"))
        .min(1)
        .unique(),
)
.required()
.label("Staff ids or codes", "员工 ID 或 CODE 集合")
.help(
    "Ids (type=id) or codes (type=code), sent in one path segment as [id1,id2].",
    "员工 ID（type=id）或 CODE（type=code），以 [id1,id2] 的形式放在一个路径段中发送。",
)
.source(cite!(
    active_page,
    "Path Parameters: idsOrCodes 必填; curl -g …/disableOrEnableStaff/[id1,id2]"
))]);

static ACTIVE_QUERY: ObjectRule = ObjectRule::of(&[
    ACCESS_TOKEN.source(cite!(active_page, "Query Parameters")),
    Field::boolean("active")
        .required()
        .label("Enable", "停用或启用标识")
        .help(
            "true enables, false disables (the staff has left).",
            "true：启用；false：停用，停用即表示已离职。",
        )
        .source(cite!(active_page, "Query Parameters: active 必填")),
    Field::boolean("doCheck")
        .label("Check pending items", "停用时是否校验待办事项")
        .help(
            "true (default): refuse to disable staff with pending documents.",
            "true（默认）：停用时校验该员工名下是否有待办事项。",
        )
        .source(cite!(active_page, "Query Parameters: doCheck")),
    Field::enumerated("type", &["id", "code"])
        .label("Id kind", "参数类型")
        .help(
            "id (default) or code: what staffIds holds.",
            "id（默认）或 code：staffIds 所传的值的类型。",
        )
        .source(cite!(active_page, "Query Parameters: type")),
]);

/// The ids in one segment, `[id1,id2]`: each id percent-encoded as a
/// segment, and its commas too, so that no id splits in two.
fn bracketed_ids(parts: &Parts, path: &str) -> String {
    // Pushed one by one, not `join`ed: `join` alone is ~1 KB of wasm.
    let mut ids = String::new();
    if let Some(Sent::Array(items)) = parts.path.get("staffIds") {
        for (i, id) in items.iter().filter_map(Sent::as_str).enumerate() {
            if i > 0 {
                ids.push(',');
            }
            ids.push_str(&url::encode_segment(id).replace(',', "%2C"));
        }
    }
    path.replace("{staffIds}", &format!("[{ids}]")) + &parts.query_string(&[])
}

/// `ekuaibao.setStaffActive`: no body; the reply lists the staff changed.
pub static SET_STAFF_ACTIVE: Endpoint = Endpoint {
    id: "ekuaibao.setStaffActive",
    title: Text::new("Ekuaibao: disable or enable staff", "易快报：停启用员工"),
    method: "PUT",
    doc_url: "https://docs.ekuaibao.com/docs/open-api/contacts/active-staffs",
    documented_path: "/api/openapi/v1.1/staffs/disableOrEnableStaff/{staffIds}",
    path: Some(&ACTIVE_PATH),
    query: Some(&ACTIVE_QUERY),
    url: bracketed_ids,
    reply: &BATCH_REPLY,
    record_key: Meta::new("/path/staffIds/-"),
    operation: Operation::Status,
    ..EKUAIBAO
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cellphones() {
        assert_eq!(check_cellphone("15588881010"), FormatResult::Ok);
        assert_eq!(check_cellphone("(852)12345678"), FormatResult::Ok);
        assert_eq!(
            check_cellphone("+852 1234 5678"),
            FormatResult::Normalized("(852)12345678".into())
        );
        assert_eq!(
            check_cellphone("+86 155-8888-1010"),
            FormatResult::Normalized("15588881010".into())
        );
        assert_eq!(
            check_cellphone("155 8888 1010"),
            FormatResult::Normalized("15588881010".into())
        );
        for bad in [
            "",
            "1558888101",
            "25588881010",
            "+85212345678",
            "(852)",
            "（852）1234",
            "+ 852 1",
            "abc",
        ] {
            assert_eq!(check_cellphone(bad), FormatResult::Bad, "{bad}");
        }
    }
}
