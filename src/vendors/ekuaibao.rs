//! Ekuaibao / Hose (易快报 / 合思): 修改员工 (update staff).
//!
//! Source: `seeds/ekuaibao-update-staff.md` (the vendor page, decoded) and
//! `vendor-notes.md` § Ekuaibao. Every rule of this vendor is in this file.

use crate::engine::walk::check_array;
use crate::leaf::checks::EMAIL;
use crate::leaf::format::{Format, FormatResult};
use crate::leaf::text::{meta_str, Text};
use crate::leaf::tree::{type_name, Json};
use crate::model::endpoint::{
    plain_url, CrossKind, CrossRule, Endpoint, Parts, ReplySamples, ReplySpec, Sample, UniqueBy,
};
use crate::model::field::{
    ArrayRule, CustomRule, CustomShape, Empty, Field, ObjectRule, StrRule, Ty,
};
use crate::model::sent::Sent;
use crate::report::{Code, Ctx, Params};

const SEED: &str = "seeds/ekuaibao-update-staff.md";

/// A string that must not be `""`.
const fn non_empty(key: &'static str) -> Field {
    Field::string(key).on_empty(Empty::Reject)
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
const CELLPHONE_PATTERN: &str = r"[ \-\u3000]*(?:1(?:[ \-\u3000]*[0-9]){10}|\((?:[ \-\u3000]*[0-9]){1,4}[ \-\u3000]*\)(?:[ \-\u3000]*[0-9]){1,15})[ \-\u3000]*|[ \-\u3000]*\+86[ \-\u3000(][ \-\u3000()]*1(?:[ \-\u3000()]*[0-9]){10}[ \-\u3000()]*|[ \-\u3000]*\+(?!86[ \-\u3000(])[0-9]{1,3}[ \-\u3000(](?:[ \-\u3000()]*[0-9]){1,15}[ \-\u3000()]*";

static CELLPHONE: Format = Format {
    name: "cellphone",
    check: check_cellphone,
    expected: Text::new(
        "a mainland mobile number (1 and 10 more digits) or a foreign one written (dialling code)number, such as (852)12345678",
        "大陆手机号（1 开头共 11 位数字）或“(区号)号码”形式的境外号码，例如 (852)12345678",
    ),    pattern: meta_str(CELLPHONE_PATTERN),
    // A number's text: 1 + 10 digits, or its negative, whose `-` is trimmed as a separator.
    integers: &[
        (10_000_000_000, 19_999_999_999),
        (-19_999_999_999, -10_000_000_000),
    ],
};

// ---- base (常驻地) -----------------------------------------------------------

static CITY_FIELDS: [Field; 2] = [
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
];
static CITY: ObjectRule = ObjectRule {
    fields: &CITY_FIELDS,
    prefixed: None,
};
static CITY_ITEM: Field = Field::new("", Ty::Object(&CITY)).required();
static CITY_LIST: ArrayRule = ArrayRule {
    item: &CITY_ITEM,
    min_items: 0,
    max_items: None,
    unique: false,
};

const CITY_LIST_TEXT: Text = Text::new(
    "text holding a JSON array of {\"key\", \"label\"} strings, such as [{\"key\":\"8\",\"label\":\"北京市/海淀区\"}] (or that array itself, which is then sent as text)",
    "由 {\"key\", \"label\"} 字符串组成的 JSON 数组文本，例如 [{\"key\":\"8\",\"label\":\"北京市/海淀区\"}]（也可直接传该数组，将转为文本发送）",
);

/// What an array given directly becomes, for the `normalized` warning.
const CITY_LIST_SENT: Text = Text::new(
    "the same list as JSON text, such as [{\"key\":\"8\",\"label\":\"北京市/海淀区\"}]",
    "同一列表的 JSON 文本，例如 [{\"key\":\"8\",\"label\":\"北京市/海淀区\"}]",
);

/// `base` is a string holding a JSON array of `{key, label}` strings; an
/// array given directly is checked item by item and sent as that string.
fn check_base<'a>(ctx: &mut Ctx, path: &str, v: &'a Json<'a>) -> Option<Sent<'a>> {
    match v {
        Json::String(s) => {
            // The text must be exactly the documented shape: nothing coerced, nothing extra.
            let mut inner = Ctx::new(false);
            let shape_ok = match Json::parse(s) {
                Ok(Json::Array(items)) => {
                    check_array(&mut inner, "", &CITY_LIST, &items);
                    inner.is_clean()
                }
                _ => false,
            };
            if shape_ok {
                Some(Sent::Same(v))
            } else {
                ctx.error_hint(
                    path,
                    Code::Format,
                    Params::Format("city_list"),
                    CITY_LIST_TEXT,
                );
                None
            }
        }
        Json::Array(items) => {
            let before = ctx.has_error_at(path);
            // The text it becomes must pass the strict text form: no extra
            // keys in an item, even with allowUnknown (found by fuzzing).
            let allow_unknown = std::mem::replace(&mut ctx.allow_unknown, false);
            let out = check_array(ctx, path, &CITY_LIST, items);
            ctx.allow_unknown = allow_unknown;
            if !before && ctx.has_error_at(path) {
                return None;
            }
            ctx.warn_hint(
                path,
                Code::Normalized,
                Params::Format("city_list"),
                CITY_LIST_SENT,
            );
            Some(Sent::Owned(Json::String(Sent::Array(out).to_json().into())))
        }
        other => {
            ctx.error(
                path,
                Code::Type,
                Params::Type {
                    expected: "string",
                    actual: type_name(other),
                },
            );
            None
        }
    }
}

static BASE: CustomRule = CustomRule {
    json_type: "string|array",
    check: check_base,
    shape: CustomShape::ArrayOrJsonText(&CITY_LIST),
};

// ---- fields ----------------------------------------------------------------

static PATH_FIELDS: [Field; 1] = [non_empty("staffId")
    .required()
    .label("Staff id or code", "员工 ID 或 CODE")
    .help(
        "Staff id (type=id) or staff code (type=code). Sent as the path segment $<staffId>.",
        "员工 ID（type=id）或员工 CODE（type=code），以路径段 $<staffId> 发送。",
    )
    .source("seeds/ekuaibao-update-staff.md § Path Parameters; vendor-notes.md: literal $")];

static ACCESS_TOKEN: Field = Field::string("accessToken")
    .required()
    .secret()
    .label("Access token", "认证 token")
    .help(
        "From POST /api/openapi/v1/auth/getAccessToken; valid 2 hours by default.",
        "通过 /api/openapi/v1/auth/getAccessToken 获取，默认 2 小时有效。",
    )
    .source("seeds/ekuaibao-update-staff.md § Query Parameters");

static QUERY_FIELDS: [Field; 2] = [
    ACCESS_TOKEN,
    Field::one_of("type", &["id", "code"])
    .on_empty(Empty::Reject)
    .label("Id kind", "参数类型")
    .help(
        "id (default) or code: with code, department and dimension fields must carry codes too.",
        "id（默认）或 code；为 code 时，部门与自定义档案字段也须传 code。",
    )
    .source("seeds/ekuaibao-update-staff.md § Query Parameters (changelog 1.4.0)"),
];

// Required: a null item is not a department id, and dropping it would change the list.
static DEPARTMENT_ITEM: Field = non_empty("").required().label("Department", "部门");
static DEPARTMENTS: ArrayRule = ArrayRule {
    item: &DEPARTMENT_ITEM,
    min_items: 1,
    max_items: None,
    unique: true,
};

static CUSTOM_VALUE: Field = Field::string("u_*")
    .label("Custom field", "自定义字段")
    .help(
        "u_<field name>, e.g. u_项目; names from the custom staff field list.",
        "格式为 u_字段名，例如 u_项目；字段名可通过获取员工自定义字段接口获取。",
    )
    .source("seeds/ekuaibao-update-staff.md § Body Parameters: u_字段名");

static CUSTOM_FORM_FIELDS: [Field; 3] = [
    Field::string("rankType")
        .label("Rank", "职级")
        .help(
            "Dimension item id (or code when type=code).",
            "自定义档案项 ID（type=code 时传 code）。",
        )
        .source(SEED),
    Field::string("postType")
        .label("Post", "岗位")
        .help(
            "Dimension item id (or code when type=code).",
            "自定义档案项 ID（type=code 时传 code）。",
        )
        .source(SEED),
    Field::new("base", Ty::Custom(&BASE))
        .label("Base location", "常驻地")
        .help(
            "City list: key = city id, label = city fullName, from the city list API.",
            "城市列表：key 为城市 id，label 为城市 fullName，数据来自获取城市列表接口。",
        )
        .source("seeds/ekuaibao-update-staff.md § Body Parameters: base format"),
];
static CUSTOM_FORM: ObjectRule = ObjectRule {
    fields: &CUSTOM_FORM_FIELDS,
    prefixed: Some(("u_", &CUSTOM_VALUE)),
};

// The body fields of `updateStaff`, one named static each: the batch
// endpoint's items reuse them unchanged (`STAFF_ITEM_FIELDS`).

static NAME: Field = Field::new(
    "name",
    Ty::Str(StrRule {
        one_of: &[],
        format: None,
        blank_is_empty: true,
        length: None,
    }),
)
.required()
.label("Name", "员工姓名")
.help(
    "Required and not blank (400 员工名称不能为空).",
    "必填且不能为空（否则返回 400 员工名称不能为空）。",
)
.source("seeds/ekuaibao-update-staff.md § Body Parameters; § 失败响应");

static EN_NAME: Field = Field::string("enName")
    .label("Name (second language)", "副语言名称")
    .help("The name in the second language.", "第二语言下的员工名称。")
    .source(SEED);

static NICK_NAME: Field = Field::string("nickName")
    .label("Alias", "员工别名")
    .help(
        "The staff alias (since 1.20.0).",
        "员工别名（1.20.0 起支持）。",
    )
    .source("seeds/ekuaibao-update-staff.md § changelog 1.20.0");

static CODE: Field = Field::string("code")
    .on_empty(Empty::Drop)
    .label("Employee number", "工号")
    .help(
        "Can be changed but not blanked: \"\" has no effect and is not sent.",
        "只能修改原值，不能置空：传 \"\" 不生效，不会发送。",
    )
    .source("seeds/ekuaibao-update-staff.md § Body Parameters: code");

static CELLPHONE_FIELD: Field = Field::formatted("cellphone", &CELLPHONE)
.on_empty(Empty::Reject)
.label("Mobile", "手机号")
.help(
    "Mainland 1xxxxxxxxxx, or (dialling code)number for foreign numbers; +852 1234 5678 is rewritten.",
    "大陆手机号，或境外号码写作“(区号)号码”；+852 1234 5678 这类写法会被改写。",
)
.source("seeds/ekuaibao-update-staff.md § Body Parameters: cellphone; vendor-notes.md: digits and ASCII parentheses");

static EMAIL_FIELD: Field = Field::formatted("email", &EMAIL)
    .on_empty(Empty::Reject)
    .label("Email", "邮箱")
    .help(
        "May be omitted, but never sent as \"\".",
        "可以不传，但不能传 \"\"。",
    )
    .source("seeds/ekuaibao-update-staff.md § Body Parameters: email");

static NOTE: Field = Field::string("note")
    .label("Note", "备注")
    .help("Free text.", "备注文字。")
    .source(SEED);

static DEFAULT_DEPARTMENT: Field = non_empty("defaultDepartment")
    .label("Default department", "默认部门")
    .help(
        "Must be one of departments; send both or neither.",
        "必须在所在部门中；与所在部门都传或都不传。",
    )
    .source("seeds/ekuaibao-update-staff.md § Body Parameters: defaultDepartment");

static DEPARTMENTS_FIELD: Field = Field::new("departments", Ty::Array(&DEPARTMENTS))
    .label("Departments", "所在部门")
    .help(
        "At least one department id (or code when type=code), no repeats; send with defaultDepartment.",
        "至少 1 个部门 ID（type=code 时传 code），不能重复；须与默认部门同时传入。",
    )
    .source("seeds/ekuaibao-update-staff.md § Body Parameters: departments");

static MODIFY_ACCOUNT_PHONE: Field = Field::new("modifyAccountPhone", Ty::Bool)
    .label("Change login mobile", "是否修改登录手机号")
    .help("true needs cellphone.", "为 true 时须传 cellphone。")
    .source("seeds/ekuaibao-update-staff.md § Body Parameters: modifyAccountPhone");

static MODIFY_ACCOUNT_EMAIL: Field = Field::new("modifyAccountEmail", Ty::Bool)
    .label("Change login email", "是否修改登录邮箱")
    .help("true needs email.", "为 true 时须传 email。")
    .source("seeds/ekuaibao-update-staff.md § Body Parameters: modifyAccountEmail");

static STAFF_CUSTOM_FORM: Field = Field::new("staffCustomForm", Ty::Object(&CUSTOM_FORM))
    .label("Custom fields", "自定义字段")
    .help(
        "rankType, postType, base, or u_<field name>; v1.1 updates only the keys sent.",
        "rankType、postType、base 或 u_字段名；v1.1 仅更新所传字段。",
    )
    .source("seeds/ekuaibao-update-staff.md § Body Parameters: staffCustomForm");

static BODY_FIELDS: [Field; 12] = [
    NAME,
    EN_NAME,
    NICK_NAME,
    CODE,
    CELLPHONE_FIELD,
    EMAIL_FIELD,
    NOTE,
    DEFAULT_DEPARTMENT,
    DEPARTMENTS_FIELD,
    MODIFY_ACCOUNT_PHONE,
    MODIFY_ACCOUNT_EMAIL,
    STAFF_CUSTOM_FORM,
];

static PATH: ObjectRule = ObjectRule {
    fields: &PATH_FIELDS,
    prefixed: None,
};
static QUERY: ObjectRule = ObjectRule {
    fields: &QUERY_FIELDS,
    prefixed: None,
};
static BODY: ObjectRule = ObjectRule {
    fields: &BODY_FIELDS,
    prefixed: None,
};

// ---- cross-field rules -----------------------------------------------------

/// What [`cross`] checks, for `describe` and `json_schema`.
static CROSS_RULES: [CrossRule; 4] = [
    CrossRule {
        code: Code::Together,
        pointers: &["/body/departments", "/body/defaultDepartment"],
        kind: CrossKind::Together,
        text: Text::meta(
            "departments and defaultDepartment are sent together or not at all; the error is reported at the missing one.",
            "departments 与 defaultDepartment 须同时传入或都不传；错误报告在缺少的那个字段上。",
        ),
        source: meta_str("seeds/ekuaibao-update-staff.md § Body Parameters: departments"),
    },
    CrossRule {
        code: Code::NotIn,
        pointers: &["/body/defaultDepartment", "/body/departments"],
        kind: CrossKind::MemberOf,
        text: Text::meta(
            "defaultDepartment must be one of departments.",
            "defaultDepartment 必须是 departments 中的一项。",
        ),
        source: meta_str("seeds/ekuaibao-update-staff.md § Body Parameters: defaultDepartment"),
    },
    CrossRule {
        code: Code::Required,
        pointers: &["/body/cellphone", "/body/modifyAccountPhone"],
        kind: CrossKind::RequiredIfTrue,
        text: Text::meta(
            "modifyAccountPhone true makes cellphone the new login mobile, so cellphone must be sent.",
            "modifyAccountPhone 为 true 时登录手机号改为 cellphone，因此必须传 cellphone。",
        ),
        source: meta_str("seeds/ekuaibao-update-staff.md § Body Parameters: modifyAccountPhone"),
    },
    CrossRule {
        code: Code::Required,
        pointers: &["/body/email", "/body/modifyAccountEmail"],
        kind: CrossKind::RequiredIfTrue,
        text: Text::meta(
            "modifyAccountEmail true makes email the new login email, so email must be sent.",
            "modifyAccountEmail 为 true 时登录邮箱改为 email，因此必须传 email。",
        ),
        source: meta_str("seeds/ekuaibao-update-staff.md § Body Parameters: modifyAccountEmail"),
    },
];

// ---- request and reply -----------------------------------------------------

/// `PUT {base}/api/openapi/v1.1/staffs/update/${staffId}?accessToken=…[&type=…]`:
/// the `$` is literal (vendor-notes), the id percent-encoded as one segment.
fn url(parts: &Parts, path: &str) -> String {
    parts.fill_path(path, ID_MARKER) + &parts.query_string(&[])
}

/// 2xx with `value` is success; failures are HTTP 400 / 412 / 403 with a
/// Chinese message, in the documented error body `{errorCode,
/// errorMessage, errorDetails, code, data}` (open-platform-docs,
/// add-budget-node.md) or plain text. An expired or wrong token is HTTP 403
/// 未授权 / 401 (batch-update-staffs.md, getting started).
pub(crate) static REPLY: ReplySpec = ReplySpec {
    code_key: None,
    ok_code: 0,
    false_keys: &[],
    ok_key: Some("value"),
    message_keys: &["message", "errorMessage", "msg", "errorMsg", "error"],
    failure_code_keys: &["errorCode", "code"],
    trace_key: None,
    sub_code_key: None,
    sub_message_key: None,
    retryable: &[],
    token_codes: &[],
    token_statuses: &[401, 403],
    retry_markers: &[],
    failure_texts: &[],
    // Create failures (contacts/add-staffs.md, HEAD 2024-05-29): "该手机号/邮箱账号
    // 已被其他员工使用" and "该账号已被其他员工使用" (userid); no error code.
    quota_codes: &[],
    permission_codes: &[],
    exists_codes: &[],
    exists_texts: &["已被其他员工使用"],
    not_found_codes: &[],
    reset_header: "",
    source: meta_str("ekuaibao/open-platform-docs: update-staffs.md, add-budget-node.md (error body); vendor-notes.md § Ekuaibao"),
    samples: &SAMPLES,
};

const INVALID: Sample = Sample {
    status: 400,
    body: meta_str(
        r#"{"errorCode":400,"errorMessage":"{{message}}","errorDetails":null,"code":null,"data":null}"#,
    ),
};
const EXISTS: Sample = Sample {
    status: 400,
    body: meta_str(
        r#"{"errorCode":400,"errorMessage":"该手机号/邮箱账号已被其他员工使用","errorDetails":null,"code":null,"data":null}"#,
    ),
};
const THROTTLED: Sample = Sample {
    status: 429,
    body: meta_str(
        r#"{"errorCode":429,"errorMessage":"too many requests","errorDetails":null,"code":null,"data":null}"#,
    ),
};
const BUSY: Sample = Sample {
    status: 503,
    body: meta_str(
        r#"{"errorCode":503,"errorMessage":"service busy","errorDetails":null,"code":null,"data":null}"#,
    ),
};
const TOKEN_EXPIRED: Sample = Sample {
    status: 403,
    body: meta_str(
        r#"{"errorCode":403,"errorMessage":"未授权","errorDetails":null,"code":null,"data":null}"#,
    ),
};

pub(crate) static SAMPLES: ReplySamples = ReplySamples {
    ok: Sample {
        status: 200,
        body: meta_str(r#"{"value":{"id":"mock","name":"mock"}}"#),
    },
    invalid: INVALID,
    throttled: THROTTLED,
    busy: BUSY,
    token_expired: TOKEN_EXPIRED,
    exists: Some(EXISTS),
    not_found: None,
};

/// No rate is documented for the address-book APIs; 10 calls per second
/// keeps a bulk sync well clear of the platform's gateway limits.
pub(crate) const RATE: f64 = 10.0;

/// The literal `$` before the staff id in the path (vendor-notes.md § Ekuaibao).
const ID_MARKER: &str = "$";

/// `ekuaibao.updateStaff`.
pub static UPDATE_STAFF: Endpoint = Endpoint {
    id: "ekuaibao.updateStaff",
    vendor: "ekuaibao",
    title: Text::new("Ekuaibao: update staff", "易快报：修改员工"),
    method: "PUT",
    doc_url: "https://docs.ekuaibao.com/docs/open-api/contacts/update-staffs",
    deprecated: None,
    default_base_url: "https://app.ekuaibao.com",
    documented_path: "/api/openapi/v1.1/staffs/update/{staffId}",
    content_type: "application/json",
    path: Some(&PATH),
    query: Some(&QUERY),
    headers: None,
    body: &BODY,
    cross: &CROSS_RULES,
    url,
    reply: &REPLY,
    rate_per_second: RATE,
    rate_source: meta_str("not documented for the address-book APIs: a conservative default"),
    record_key: meta_str("/path/staffId"),
    token_prefix: "",
    path_marker: ID_MARKER,
    field_rates: &[],
};

// ---- 批量修改员工 (batch update staff) --------------------------------------

// Source: ekuaibao/open-platform-docs `docs/open-api/contacts/batch-update-staffs.md`
// (main @ b2212a8, 2024-05-29; content unchanged since 2023-06-16, release 1.20.0).

static BATCH_QUERY_FIELDS: [Field; 1] = [ACCESS_TOKEN.source(
    "ekuaibao/open-platform-docs batch-update-staffs.md § Query Parameters (accessToken 必填; the only query parameter: no type)",
)];

static STAFF_ID: Field = non_empty("id")
    .required()
    .label("Staff id", "员工 ID")
    .help(
        "From the staff list API (<corpId>:<userId>); sent as given in the body: no $ prefix, and a $ or : inside the id is kept.",
        "可通过获取员工列表接口获取（<corpId>:<userId>）；在请求体中原样发送：不加 $ 前缀，ID 中的 $ 或 : 保持不变。",
    )
    .source("ekuaibao/open-platform-docs batch-update-staffs.md § Body Parameters: staffList ∟ id 必填; example id TsI3tt8KjF4S7M:BbP3CdaKi$VcRw");

/// Each item: `id`, then exactly the body fields of `updateStaff` (the
/// batch page lists the same fields with the same wording; `enName` is on
/// the single page's live copy only, and is kept so that an item accepts
/// what `updateStaff` accepts).
static STAFF_ITEM_FIELDS: [Field; 13] = [
    STAFF_ID,
    NAME.source("ekuaibao/open-platform-docs batch-update-staffs.md § Body Parameters: staffList ∟ name 必填; § 失败响应 400 员工名称不能为空"),
    EN_NAME.source("seeds/ekuaibao-update-staff.md (live single page, 2025-06); not on the batch page (2024-05): accepted as on updateStaff"),
    NICK_NAME.source("ekuaibao/open-platform-docs batch-update-staffs.md § Body Parameters: staffList ∟ nickName (since 1.20.0)"),
    CODE.source("ekuaibao/open-platform-docs batch-update-staffs.md § Body Parameters: staffList ∟ code; seeds/ekuaibao-update-staff.md: \"\" has no effect"),
    CELLPHONE_FIELD.source("ekuaibao/open-platform-docs batch-update-staffs.md § Body Parameters: staffList ∟ cellphone"),
    EMAIL_FIELD.source("ekuaibao/open-platform-docs batch-update-staffs.md § Body Parameters: staffList ∟ email"),
    NOTE.source("ekuaibao/open-platform-docs batch-update-staffs.md § Body Parameters: staffList ∟ note"),
    DEFAULT_DEPARTMENT.source("ekuaibao/open-platform-docs batch-update-staffs.md § Body Parameters: staffList ∟ defaultDepartment"),
    DEPARTMENTS_FIELD.source("ekuaibao/open-platform-docs batch-update-staffs.md § Body Parameters: staffList ∟ departments"),
    MODIFY_ACCOUNT_PHONE.source("ekuaibao/open-platform-docs batch-update-staffs.md § Body Parameters: staffList ∟ modifyAccountPhone"),
    MODIFY_ACCOUNT_EMAIL.source("ekuaibao/open-platform-docs batch-update-staffs.md § Body Parameters: staffList ∟ modifyAccountEmail"),
    STAFF_CUSTOM_FORM.source("ekuaibao/open-platform-docs batch-update-staffs.md § Body Parameters: staffList ∟ staffCustomForm"),
];
static STAFF_ITEM: ObjectRule = ObjectRule {
    fields: &STAFF_ITEM_FIELDS,
    prefixed: None,
};
static STAFF_ITEM_FIELD: Field = Field::new("", Ty::Object(&STAFF_ITEM))
    .required()
    .label("Staff", "员工");
static STAFF_LIST: ArrayRule = ArrayRule {
    item: &STAFF_ITEM_FIELD,
    min_items: 1,
    max_items: Some(100),
    unique: false,
};

static BATCH_BODY_FIELDS: [Field; 1] = [Field::new("staffList", Ty::Array(&STAFF_LIST))
    .required()
    .label("Staff to update", "批量修改的员工")
    .help(
        "1 to 100 staff, each with its id and name and the fields of a single update; no id twice.",
        "1 至 100 名员工，每项包含 id、name 及单个修改的字段；id 不能重复。",
    )
    .source("ekuaibao/open-platform-docs batch-update-staffs.md § Body Parameters: staffList 必填, 最大不能超过 100 条")];

static BATCH_QUERY: ObjectRule = ObjectRule {
    fields: &BATCH_QUERY_FIELDS,
    prefixed: None,
};
static BATCH_BODY: ObjectRule = ObjectRule {
    fields: &BATCH_BODY_FIELDS,
    prefixed: None,
};

/// `updateStaff`'s cross-field rules, per item, and no id twice.
static BATCH_CROSS_RULES: [CrossRule; 5] = [
    CrossRule {
        code: Code::Together,
        pointers: &["/body/staffList/-/departments", "/body/staffList/-/defaultDepartment"],
        kind: CrossKind::Together,
        text: Text::meta(
            "In each item, departments and defaultDepartment are sent together or not at all; the error is reported at the missing one.",
            "每一项中，departments 与 defaultDepartment 须同时传入或都不传；错误报告在缺少的那个字段上。",
        ),
        source: meta_str("ekuaibao/open-platform-docs batch-update-staffs.md § Body Parameters: staffList ∟ departments"),
    },
    CrossRule {
        code: Code::NotIn,
        pointers: &["/body/staffList/-/defaultDepartment", "/body/staffList/-/departments"],
        kind: CrossKind::MemberOf,
        text: Text::meta(
            "In each item, defaultDepartment must be one of that item's departments.",
            "每一项中，defaultDepartment 必须是该项 departments 中的一项。",
        ),
        source: meta_str("ekuaibao/open-platform-docs batch-update-staffs.md § Body Parameters: staffList ∟ defaultDepartment"),
    },
    CrossRule {
        code: Code::Required,
        pointers: &["/body/staffList/-/cellphone", "/body/staffList/-/modifyAccountPhone"],
        kind: CrossKind::RequiredIfTrue,
        text: Text::meta(
            "In each item, modifyAccountPhone true makes cellphone the new login mobile, so cellphone must be sent.",
            "每一项中，modifyAccountPhone 为 true 时登录手机号改为 cellphone，因此必须传 cellphone。",
        ),
        source: meta_str("ekuaibao/open-platform-docs batch-update-staffs.md § Body Parameters: staffList ∟ modifyAccountPhone"),
    },
    CrossRule {
        code: Code::Required,
        pointers: &["/body/staffList/-/email", "/body/staffList/-/modifyAccountEmail"],
        kind: CrossKind::RequiredIfTrue,
        text: Text::meta(
            "In each item, modifyAccountEmail true makes email the new login email, so email must be sent.",
            "每一项中，modifyAccountEmail 为 true 时登录邮箱改为 email，因此必须传 email。",
        ),
        source: meta_str("ekuaibao/open-platform-docs batch-update-staffs.md § Body Parameters: staffList ∟ modifyAccountEmail"),
    },
    CrossRule {
        code: Code::Duplicate,
        pointers: &["/body/staffList/-/id"],
        kind: CrossKind::Unique {
            by: UniqueBy::Text,
        },
        text: Text::meta(
            "Each staff id appears once in staffList: a repeat is reported at the later item's id.",
            "staffList 中每个员工 id 只能出现一次：重复的 id 报告在后一项上。",
        ),
        source: meta_str("ekuaibao/open-platform-docs batch-update-staffs.md § Body Parameters (one update per staff; the reply holds one record per item)"),
    },
];

/// 2xx with `items` (one staff record per item sent, in order) is
/// success; failures are whole-request, as for `updateStaff` (the batch
/// page documents no per-item error: HTTP 400 / 412 with a message, 403
/// 未授权 for an expired token).
pub(crate) static BATCH_REPLY: ReplySpec = ReplySpec {
    code_key: None,
    ok_code: 0,
    false_keys: &[],
    ok_key: Some("items"),
    message_keys: &["message", "errorMessage", "msg", "errorMsg", "error"],
    failure_code_keys: &["errorCode", "code"],
    trace_key: None,
    sub_code_key: None,
    sub_message_key: None,
    retryable: &[],
    token_codes: &[],
    token_statuses: &[401, 403],
    retry_markers: &[],
    failure_texts: &[],
    quota_codes: &[],
    permission_codes: &[],
    exists_codes: &[],
    exists_texts: &["已被其他员工使用"],
    not_found_codes: &[],
    reset_header: "",
    source: "ekuaibao/open-platform-docs: batch-update-staffs.md (成功响应 {\"items\": […]}, 失败响应), add-budget-node.md (error body), refresh-auth.md (403 未授权)",
    samples: &BATCH_SAMPLES,
};

pub(crate) static BATCH_SAMPLES: ReplySamples = ReplySamples {
    ok: Sample {
        status: 200,
        body: meta_str(r#"{"items":[{"id":"mock","name":"mock"}]}"#),
    },
    invalid: INVALID,
    throttled: THROTTLED,
    busy: BUSY,
    token_expired: TOKEN_EXPIRED,
    exists: Some(EXISTS),
    not_found: None,
};

/// `ekuaibao.batchUpdateStaff`.
pub static BATCH_UPDATE_STAFF: Endpoint = Endpoint {
    id: "ekuaibao.batchUpdateStaff",
    vendor: "ekuaibao",
    title: Text::new("Ekuaibao: batch update staff", "易快报：批量修改员工"),
    method: "PUT",
    doc_url: "https://docs.ekuaibao.com/docs/open-api/contacts/batch-update-staffs",
    deprecated: None,
    default_base_url: "https://app.ekuaibao.com",
    documented_path: "/api/openapi/v1.1/staffs/batch/update",
    content_type: "application/json",
    path: None,
    query: Some(&BATCH_QUERY),
    headers: None,
    body: &BATCH_BODY,
    cross: &BATCH_CROSS_RULES,
    url: plain_url,
    reply: &BATCH_REPLY,
    rate_per_second: RATE,
    rate_source: meta_str("not documented for the address-book APIs: a conservative default"),
    record_key: meta_str("/body/staffList/-/id"),
    token_prefix: "",
    path_marker: "",
    field_rates: &[],
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
