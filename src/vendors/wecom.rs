//! WeCom (企业微信): 更新成员 (update member), 创建成员 (create member),
//! 删除成员 and 批量删除成员 (delete members).
//!
//! Sources: the vendor page 更新成员 (path 90197, 最后更新 2025/07/25, as
//! mirrored in wxkingstar/doc-hub-mcp; the vendor's own copy of 2025/03/24
//! has the same example), its linked pages 成员扩展属性 (100067), 成员对外信息
//! (92230), 创建成员 (90195), 全局错误码 (90313) and 访问频率限制 (90312).
//! Where older copies of the page disagree (department ≤ 20, direct_leader
//! ≤ 5, telephone digits and "-" only), the newest page wins; each such
//! rule says so. Every rule of this vendor is in this file.

use crate::leaf::checks::EMAIL;
use crate::leaf::format::{Format, FormatResult};
use crate::leaf::text::{Meta, Text};
use crate::model::endpoint::{
    CrossKind, CrossRule, Endpoint, Operation, ReplySamples, ReplySpec, Sample,
};
use crate::model::field::{join, ArrayRule, Empty, Field, IntRule, ObjectRule};
use crate::report::Code;

const PAGE: &str =
    "WeCom 更新成员 (developer.work.weixin.qq.com/document/path/90197, 最后更新 2025/07/25)";
const EXTATTR: &str = "WeCom 成员扩展属性 (document/path/100067, 2024/07/24)";
const EXTERNAL: &str = "WeCom 成员对外信息 (document/path/92230, 2023/01/12)";
const ERRORS: &str = "WeCom 全局错误码 (document/path/90313, 2026/01/09)";

// ---- syntaxes ----------------------------------------------------------------

/// The longest run of ASCII digits in `s`.
fn longest_digit_run(s: &str) -> usize {
    s.split(|c: char| !c.is_ascii_digit())
        .map(str::len)
        .max()
        .unwrap_or(0)
}

/// E.164: a telephone number has at most 15 digits, so a longer run of
/// digits cannot be one number (this also bounds the JSON numbers the
/// syntax takes, see `integers`).
const MAX_DIGIT_RUN: usize = 15;

/// 座机: "由1-32位的纯数字、“-”、“+”或“,”组成" (the newest page; older copies
/// say digits and "-" only, the page of 2025/07/25 also allows
/// "+" and ","). The 1–32 count is the field's `length`; here the characters,
/// at least one digit.
fn check_telephone(s: &str) -> FormatResult {
    FormatResult::ok_if(
        s.bytes().all(|b| b.is_ascii_digit() || b"+-,".contains(&b))
            && s.bytes().any(|b| b.is_ascii_digit())
            && longest_digit_run(s) <= MAX_DIGIT_RUN,
    )
}

static TELEPHONE: Format = Format::new(
    "wecom_telephone",
    check_telephone,
    Text::new(
        "a landline number made of digits, \"-\", \"+\" or \",\", such as 020-123456",
        "由数字、“-”、“+”或“,”组成的座机号码，例如 020-123456",
    ),
    r"(?=[^0-9]*[0-9])(?![\s\S]*[0-9]{16})[0-9+,\-]+",
)
.integers(&[(-999_999_999_999_999, 999_999_999_999_999)]);

/// `digits` and `-`, starting with a digit.
fn digits_and_hyphens(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit())
        && s.bytes().all(|b| b.is_ascii_digit() || b == b'-')
}

/// 手机号码: "字符仅支持数字，加号和减号" (60103), "中国大陆手机号码可省略“+86”，其他
/// 国家或地区必须要带上国际码". A `+` only leads the country code; the vendor's
/// own create example writes "+86 13800000000", so one space after the
/// country code is accepted too.
fn check_mobile(s: &str) -> FormatResult {
    if longest_digit_run(s) > MAX_DIGIT_RUN {
        return FormatResult::Bad;
    }
    let good = match s.strip_prefix('+') {
        Some(rest) => match rest.split_once(' ') {
            Some((cc, number)) => {
                (1..=4).contains(&cc.len())
                    && cc.bytes().all(|b| b.is_ascii_digit())
                    && digits_and_hyphens(number)
            }
            None => digits_and_hyphens(rest),
        },
        None => digits_and_hyphens(s),
    };
    FormatResult::ok_if(good)
}

static MOBILE: Format = Format::new(
    "wecom_mobile",
    check_mobile,
    Text::new(
        "a mobile number of digits and \"-\", led by +<country code> outside mainland China, \
            such as 13800000000 or +852-51234567",
        "由数字和“-”组成的手机号码，中国大陆以外的号码须以“+国际码”开头，例如 13800000000 或 \
            +852-51234567",
    ),
    r"(?![\s\S]*[0-9]{16})(?:\+?[0-9][0-9\-]*|\+[0-9]{1,4} [0-9][0-9\-]*)",
)
.integers(&[(0, 999_999_999_999_999)]);

/// "网页的url,必须包含http或者https头" (100067, 92230).
fn check_web_url(s: &str) -> FormatResult {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    FormatResult::ok_if(rest.is_some_and(|r| !r.is_empty()))
}

static WEB_URL: Format = Format::new(
    "http_url",
    check_web_url,
    Text::new(
        "a URL starting with http:// or https://",
        "以 http:// 或 https:// 开头的网址",
    ),
    r"https?://[\s\S]+",
);

// ---- field helpers -------------------------------------------------------------

/// WeCom ids are unsigned 32-bit integers (department ids, order values:
/// "有效的值范围是[0, 2^32)").
const UINT32: IntRule = IntRule::range(0, 4_294_967_295);

const ZERO_OR_ONE: IntRule = IntRule::one_of(&[0, 1]);

// ---- query -----------------------------------------------------------------------

static ACCESS_TOKEN: Field = Field::string("access_token")
    .required()
    .secret()
    .label("Access token", "调用接口凭证 access_token")
    .help(
        "The contacts-sync (通讯录同步) access token; it goes in the URL only, never in the \
            body (41001).",
        "通讯录同步助手的 access_token；只能拼接在 URL 中，不能放在请求包体中（41001）。",
    )
    .source(
        "WeCom 更新成员 § 参数说明: access_token 是; 全局错误码 41001 (access_token需要拼接\
        在URL中)",
    );

static QUERY: ObjectRule = ObjectRule::of(&[ACCESS_TOKEN]);

// ---- body: lists -------------------------------------------------------------------

/// "不超过100个" (page of 2025/07/25; older copies and the 60110 row of the
/// error table say 20). `[]` is 40066 "部门列表为空".
static DEPARTMENTS: ArrayRule =
    ArrayRule::of(&Field::integer_item(UINT32).label("Department id", "部门 ID")).items(1, 100);

/// "最多设置1个" (newest page; a 2022 copy says 5). `[]` clears the direct
/// leader (WxJava issue #3628: "传值[],可以重置用户直属领导").
static DIRECT_LEADERS: ArrayRule = ArrayRule::of(
    &Field::string_item()
        .bytes(1, 64)
        .label("Direct leader userid", "直属上级 UserID"),
)
.items(0, 1);

// ---- body: extattr (成员扩展属性) ----------------------------------------------

/// The name of an extended attribute (`extattr` and `external_profile`).
static ATTR_NAME: Field = Field::string("name")
    .required()
    .label("Attribute name", "属性名称")
    .help(
        "An attribute created in the admin console; unknown names are ignored by WeCom.",
        "需先在管理端创建该属性，否则会被忽略。",
    );

static EXTATTR_RULE: ObjectRule = ObjectRule::of(&[Field::array("attrs", &ArrayRule::of(&Field::item(&ObjectRule::of(&[
    Field::integer("type", ZERO_OR_ONE)
        .required()
        .label("Attribute type", "属性类型")
        .help(
            "0 text, 1 web page (extattr has no mini-program type).",
            "0 文本，1 网页（扩展属性没有小程序类型）。",
        )
        .source(EXTATTR),
    ATTR_NAME.source(EXTATTR),
    Field::object("text", &ObjectRule::of(&[Field::string("value")
    .max_chars(64)
    .required()
    .on_empty(Empty::Keep)
    .label("Text", "文本属性内容")
    .help("At most 64 characters.", "长度限制 64 个 UTF-8 字符。")
    .source(EXTATTR)]))
        .label("Text attribute", "文本类型属性")
        .help("For type 0: {value}.", "type 为 0 时使用：{value}。")
        .source(EXTATTR),
    Field::object("web", &ObjectRule::of(&[
    Field::formatted("url", &WEB_URL)
        .required()
        .on_empty(Empty::Keep)
        .label("URL", "网页 URL")
        .help(
            "Starts with http:// or https://; url and title both \"\" clear the attribute.",
            "必须包含 http 或 https 头；url 与 title 同时为空表示清除该属性。",
        )
        .source(EXTATTR),
    Field::string("title")
        .max_chars(12)
        .required()
        .on_empty(Empty::Keep)
        .label("Title", "网页标题")
        .help("At most 12 characters.", "长度限制 12 个 UTF-8 字符。")
        .source(EXTATTR),
]))
        .label("Web attribute", "网页类型属性")
        .help(
            "For type 1: {url, title}.",
            "type 为 1 时使用：{url, title}。",
        )
        .source(EXTATTR),
]))
    .label("Attribute", "扩展属性")))
    .label("Attributes", "属性列表")
    .help(
        "Each {type, name, text | web}.",
        "每项为 {type, name, text | web}。",
    )
    .source(EXTATTR)]);

// ---- body ----------------------------------------------------------------------

static BODY: ObjectRule = ObjectRule::of(&BODY_FIELDS).cross(&CROSS_RULES);
static F_USERID: Field = Field::string("userid")
    .bytes(1, 64)
    .required()
    .label("UserID", "成员 UserID")
    .help(
        "The member's account: 1–64 bytes, case-insensitive; it must exist.",
        "成员 UserID，对应管理端的账号：长度 1~64 个字节，不区分大小写，须已存在。",
    )
    .source(PAGE);

static F_NEW_USERID: Field = Field::string("new_userid")
    .bytes(1, 64)
    .on_empty(Empty::Reject)
    .label("New UserID", "新 UserID")
    .help(
        "Only once, and only for a system-generated userid (301036); 1–64 bytes.",
        "仅当 userid 由系统自动生成时允许修改一次（301036）；长度 1~64 个字节。",
    )
    .source(
        "WeCom 更新成员 (90197) note under the table: 新值可由new_userid字段指定; 创建成\
            员 (90195): 1~64 bytes; 全局错误码 301036",
    );

static F_NAME: Field = Field::string("name")
    .chars(1, 64)
    .label("Name", "成员名称")
    .help("1–64 characters.", "长度为 1~64 个 UTF-8 字符。")
    .source(PAGE);

static F_ALIAS: Field = Field::string("alias")
    .chars(1, 64)
    .label("Alias", "别名")
    .help(
        "1–64 characters (32 before 2021-09-29).",
        "长度为 1~64 个 UTF-8 字符（2021-09-29 前为 32）。",
    )
    .source("WeCom 更新成员 (90197): 别名。长度为1-64个utf8字符; 更新日志 2021-09-29");

static F_MOBILE: Field = Field::formatted("mobile", &MOBILE)
    .bytes(0, 32)
    .on_empty(Empty::Reject)
    .label("Mobile", "手机号码")
    .help(
        "Unique in the corp; mainland numbers may omit +86, others need +<country code>; at \
                most 32 bytes. Ignored (no error) once the member has activated WeCom.",
        "企业内必须唯一；中国大陆手机号码可省略“+86”，其他国家或地区必须带国际码；不超过 32 \
                位。若成员已激活企业微信，该参数被忽略（不报错）。",
    )
    .source(
        "WeCom 更新成员 (90197): mobile; 全局错误码 60103: 长度不超过32位，字符仅支持数\
            字，加号和减号",
    );

static F_DEPARTMENT: Field = Field::array("department", &DEPARTMENTS)
    .label("Departments", "所属部门")
    .help(
        "1–100 department ids (unsigned 32-bit integers).",
        "成员所属部门 ID 列表，1~100 个（无符号 32 位整数）。",
    )
    .source(
        "WeCom 更新成员 (90197, 2025/07/25): 不超过100个 (older copies and error 60110: \
            20); 全局错误码 40066: 部门列表为空",
    );

static F_ORDER: Field = Field::array(
    "order",
    &ArrayRule::of(&Field::integer_item(UINT32).label("Order value", "排序值")),
)
.label("Order in departments", "部门内排序值")
.help(
    "As many values as department, each in [0, 2^32); larger sorts first; used only \
                with department.",
    "数量必须和 department 一致，每个取值范围 [0, 2^32)，数值越大排序越前；仅在传入 \
                department 时有效。",
)
.source(PAGE);

static F_POSITION: Field = Field::string("position")
    .max_chars(128)
    .label("Position", "职务信息")
    .help("0–128 characters.", "长度为 0~128 个 UTF-8 字符。")
    .source(PAGE);

static F_GENDER: Field = Field::enumerated("gender", &["1", "2"])
    .label("Gender", "性别")
    .help(
        "\"1\" male, \"2\" female, sent as a string (a number 1 or 2 is converted); 0 is a \
            read-only value.",
        "\"1\" 男性，\"2\" 女性，以字符串发送（数字 1 或 2 会被转换）；0（未定义）仅用于读取。",
    )
    .source(
        "WeCom 更新成员 (90197): 性别。1表示男性，2表示女性 (example \"gender\": \"1\"); 读\
        取成员 (90196): 0 未定义",
    );

static F_EMAIL: Field = Field::formatted("email", &EMAIL)
    .bytes(0, 64)
    .on_empty(Empty::Reject)
    .label("Email", "邮箱")
    .help(
        "A valid email address of 6–64 bytes, unique in the corp.",
        "长度 6~64 个字节，且为有效的 email 格式；企业内必须唯一。",
    )
    .source(
        "WeCom 更新成员 (90197, 2025/07/25): 长度6~64个字节，且为有效的email格式 (the \
            6-byte minimum is the shortest address the email syntax takes)",
    );

static F_BIZ_MAIL: Field = Field::formatted("biz_mail", &EMAIL)
    .bytes(0, 63)
    .on_empty(Empty::Reject)
    .label("Business email", "企业邮箱")
    .help(
        "A business mailbox address of 6–63 bytes, unique; a system-assigned one may be \
                changed once (60144). Not atomic with the other fields: send it alone to know \
                what changed.",
        "长度 6~63 个字节的企业邮箱地址，企业内唯一；系统默认分配的企业邮箱仅允许修改一次（\
                60144）。与其他字段的更新不具备原子性，建议单独调用。",
    )
    .source(PAGE);

static F_BIZ_MAIL_ALIAS: Field = Field::object(
    "biz_mail_alias",
    &ObjectRule::of(&[Field::array(
        "item",
        &ArrayRule::of(
            &Field::formatted("", &EMAIL)
                .bytes(0, 63)
                .required()
                .label("Mail alias", "企业邮箱别名"),
        )
        .items(0, 5),
    )
    .label("Aliases", "别名列表")
    .help(
        "At most 5 addresses, each an email of at most 63 bytes; replaces the whole set, [] \
            clears it.",
        "最多 5 个，每个为不超过 63 字节的邮箱地址；覆盖式更新，传 [] 清空。",
    )
    .source(PAGE)]),
)
.label("Business email aliases", "企业邮箱别名")
.help(
    "{item: [...]}, at most 5; replaces the whole set, {} or {\"item\": []} clears it. \
                Not atomic with the other fields.",
    "{item: [...]}，最多 5 个；覆盖式更新，传空结构或空数组会清空。与其他字段的更新不具\
                备原子性。",
)
.source(PAGE);

static F_TELEPHONE: Field = Field::formatted("telephone", &TELEPHONE)
    .chars(1, 32)
    .label("Telephone", "座机")
    .help(
        "1–32 characters of digits, \"-\", \"+\" or \",\" (the newest page; older ones: \
                digits and \"-\").",
        "由 1~32 位的纯数字、“-”、“+”或“,”组成（最新文档；旧版仅数字和“-”）。",
    )
    .source(
        "WeCom 更新成员 (90197, 2025/07/25): 座机。由1-32位的纯数字、“-”、“+”或“,”组成 \
            (older copies: 纯数字或’-‘号)",
    );

static F_IS_LEADER_IN_DEPT: Field = Field::array(
    "is_leader_in_dept",
    &ArrayRule::of(
        &Field::integer_item(ZERO_OR_ONE).label("Leader in department", "是否部门负责人"),
    ),
)
.label("Leader in departments", "部门负责人")
.help(
    "As many 0/1 flags as department: 1 = leader of that department.",
    "个数必须和 department 一致，表示在所在的部门内是否为负责人：0 否，1 是。",
)
.source("WeCom 更新成员 (90197): is_leader_in_dept; 全局错误码 60132");

static F_DIRECT_LEADER: Field = Field::array("direct_leader", &DIRECT_LEADERS)
    .label("Direct leader", "直属上级")
    .help(
        "At most 1 userid (the newest page; a 2022 copy says 5); [] clears the direct \
                leader and is sent.",
        "最多设置 1 个 UserID（最新文档；2022 年的版本为 5 个）；传 [] 清空直属上级，会照常\
                发送。",
    )
    .source(
        "WeCom 更新成员 (90197, 2025/07/25): 最多设置1个; [] clears: binarywang/WxJava \
            issue #3628",
    );

static F_AVATAR_MEDIAID: Field = Field::non_empty("avatar_mediaid")
    .label("Avatar media id", "头像 mediaid")
    .help(
        "A media_id from the media upload API (temporary media expire after 3 days: 40007).",
        "通过素材管理接口上传图片获得的 mediaid（临时素材 3 天后失效：40007）。",
    )
    .source(PAGE);

static F_ENABLE: Field = Field::integer("enable", ZERO_OR_ONE)
    .on_empty(Empty::Reject)
    .label("Enabled", "启用/禁用成员")
    .help("1 enable, 0 disable.", "1 表示启用成员，0 表示禁用成员。")
    .source(PAGE);

static F_EXTATTR: Field = Field::object("extattr", &EXTATTR_RULE)
    .label("Extended attributes", "扩展属性")
    .help(
        "{attrs: [...]}; attributes must first be added in the admin console, unknown ones \
                are ignored.",
        "{attrs: [...]}；扩展属性需先在管理端添加，否则忽略未知属性的赋值。",
    )
    .source(EXTATTR);

static F_EXTERNAL_PROFILE: Field = Field::object("external_profile", &ObjectRule::of(&[
    Field::string("external_corp_name")
        .label("External corp name", "企业对外简称")
        .help(
            "A verified short name; \"\" clears it back to the default (41036).",
            "须为已认证的企业简称；传空字符串清除对外简称，恢复默认（41036）。",
        )
        .source("WeCom 成员对外信息 (92230); 全局错误码 41036: 传空字符串把对外简称清除"),
    Field::object("wechat_channels", &ObjectRule::of(&[Field::string("nickname")
    .label("Channels name", "视频号名字")
    .help(
        "A WeChat Channels account bound to the corp (41066 otherwise); status is read-only.",
        "须从企业绑定的视频号中选择（否则返回 41066）；status 为只读字段。",
    )
    .source(EXTERNAL)]))
        .label("WeChat Channels", "视频号属性")
        .help("{nickname}.", "{nickname}。")
        .source(EXTERNAL),
    Field::array("external_attr", &ArrayRule::of(&Field::item(&ObjectRule::of(&[
    Field::integer("type", IntRule::one_of(&[0, 1, 2]))
    .required()
    .label("Attribute type", "属性类型")
    .help(
        "0 text, 1 web page, 2 mini program.",
        "0 文本，1 网页，2 小程序。",
    )
    .source(EXTERNAL),
    ATTR_NAME.source(EXTERNAL),
    Field::object("text", &ObjectRule::of(&[Field::string("value")
    .max_chars(32)
    .label("Text", "文本属性内容")
    .help(
        "At most 32 characters (half the extattr limit).",
        "长度限制 32 个 UTF-8 字符（扩展属性为 64）。",
    )
    .source(EXTERNAL)]))
        .label("Text attribute", "文本类型属性")
        .help(
            "Required for type 0: {value}.",
            "type 为 0 时必填：{value}。",
        )
        .source(EXTERNAL),
    Field::object("web", &ObjectRule::of(&[
    Field::formatted("url", &WEB_URL)
        .label("URL", "网页 URL")
        .help(
            "Starts with http:// or https://; url and title both \"\" clear the attribute.",
            "必须包含 http 或 https 头；url 与 title 同时为空表示清除该属性。",
        )
        .source(EXTERNAL),
    Field::string("title")
        .max_chars(12)
        .label("Title", "网页标题")
        .help("At most 12 characters.", "长度限制 12 个 UTF-8 字符。")
        .source(EXTERNAL),
]))
        .label("Web attribute", "网页类型属性")
        .help(
            "Required for type 1: {url, title}.",
            "type 为 1 时必填：{url, title}。",
        )
        .source(EXTERNAL),
    Field::object("miniprogram", &ObjectRule::of(&[
    Field::string("appid")
        .label("Mini program appid", "小程序 appid")
        .help(
            "A mini program installed for the corp (others are ignored); appid and title \
                both \"\" clear the attribute.",
            "必须是本企业安装授权的小程序，否则会被忽略；appid 与 title 同时为空表示清除该属性。",
        )
        .source(EXTERNAL),
    Field::string("pagepath")
        .label("Page path", "小程序页面路径")
        .help("The mini program page to open.", "小程序的页面路径。")
        .source(EXTERNAL),
    // The page says "长度限制12个UTF8字符", but the request example of
    // 更新成员 sends "my miniprogram" (14 characters): the doc example must
    // pass, so the limit is not enforced here (the vendor decides).
    Field::string("title")
        .label("Title", "小程序展示标题")
        .help(
            "Documented as at most 12 characters, but the vendor's own example sends 14: not \
                checked.",
            "文档写明长度限制 12 个 UTF-8 字符，但官方请求示例传了 14 个字符，因此不做校验。",
        )
        .source("WeCom 成员对外信息 (92230): 长度限制12个UTF8字符; 更新成员 (90197) 请求示例\
            : \"title\": \"my miniprogram\""),
]))
        .label("Mini program attribute", "小程序类型属性")
        .help(
            "Required for type 2: {appid, pagepath, title}.",
            "type 为 2 时必填：{appid, pagepath, title}。",
        )
        .source(EXTERNAL),
]))
    .label("External attribute", "对外属性")))
        .label("External attributes", "对外属性列表")
        .help(
            "Each {type, name, text | web | miniprogram}.",
            "每项为 {type, name, text | web | miniprogram}。",
        )
        .source(EXTERNAL),
]))
        .label("External profile", "成员对外属性")
        .help(
            "{external_corp_name, wechat_channels, external_attr}.",
            "{external_corp_name, wechat_channels, external_attr}。",
        )
        .source(EXTERNAL);

static F_EXTERNAL_POSITION: Field = Field::string("external_position")
    .max_chars(12)
    .label("External position", "对外职务")
    .help(
        "At most 12 characters; shown instead of position when set.",
        "不超过 12 个汉字；设置后对外展示该职务，否则展示 position。",
    )
    .source(PAGE);

static F_NICKNAME: Field = Field::string("nickname")
    .label("Channels name", "视频号名字")
    .help(
        "A WeChat Channels account bound to the corp (41066 otherwise).",
        "须从企业绑定到企业微信的视频号中选择（否则返回 41066）。",
    )
    .source(PAGE);

static F_ADDRESS: Field = Field::string("address")
    .max_chars(128)
    .label("Address", "地址")
    .help("At most 128 characters.", "长度最大 128 个字符。")
    .source(PAGE);

static F_MAIN_DEPARTMENT: Field = Field::integer("main_department", UINT32)
    .on_empty(Empty::Reject)
    .label("Main department", "主部门")
    .help(
        "A department id (unsigned 32-bit integer).",
        "部门 ID（无符号 32 位整数）。",
    )
    .source(PAGE);

static BODY_FIELDS: [Field; 23] = join(&[&FIRST_FIELDS, &CONTACT_FIELDS, &EXTERNAL_FIELDS]);

/// The update page's fields up to biz_mail_alias.
static FIRST_FIELDS: [Field; 12] = [
    F_USERID,
    F_NEW_USERID,
    F_NAME,
    F_ALIAS,
    F_MOBILE,
    F_DEPARTMENT,
    F_ORDER,
    F_POSITION,
    F_GENDER,
    F_EMAIL,
    F_BIZ_MAIL,
    F_BIZ_MAIL_ALIAS,
];

/// The update page's fields from telephone to extattr, which the create
/// page lists unchanged (`to_invite` follows them there).
static CONTACT_FIELDS: [Field; 6] = [
    F_TELEPHONE,
    F_IS_LEADER_IN_DEPT,
    F_DIRECT_LEADER,
    F_AVATAR_MEDIAID,
    F_ENABLE,
    F_EXTATTR,
];

/// The update page's last fields, which the create page lists unchanged.
static EXTERNAL_FIELDS: [Field; 5] = [
    F_EXTERNAL_PROFILE,
    F_EXTERNAL_POSITION,
    F_NICKNAME,
    F_ADDRESS,
    F_MAIN_DEPARTMENT,
];

// ---- cross-field rules -----------------------------------------------------------

static CROSS_RULES: [CrossRule; 4] = [
    CrossRule::new(
        Code::Required,
        CrossKind::RequiredWith,
        &["/department", "/order"],
    )
    .text(
        "order is read only with department (仅在传入department时有效): send both.",
        "order 仅在传入 department 时有效：须同时传入 department。",
    )
    .source(
        "https://developer.work.weixin.qq.com/document/path/90197 (2025/07/25) § 参数说明: \
                order 仅在传入department时有效",
    ),
    CrossRule::new(
        Code::SameLength,
        CrossKind::SameLength,
        &["/order", "/department"],
    )
    .text(
        "order must have as many values as department (数量必须和department一致).",
        "order 的数量必须和 department 一致。",
    )
    .source("WeCom 更新成员 (90197): order 数量必须和department一致"),
    CrossRule::new(
        Code::SameLength,
        CrossKind::SameLength,
        &["/is_leader_in_dept", "/department"],
    )
    .text(
        "is_leader_in_dept must have as many flags as department (60132).",
        "is_leader_in_dept 的个数必须和 department 一致（60132）。",
    )
    .source("WeCom 更新成员 (90197): 个数必须和department一致; 全局错误码 60132"),
    CrossRule::new(
        Code::DisablesMember,
        CrossKind::AdviceIf {
            values: &["0"],
            unless: "",
        },
        &["/enable"],
    )
    .text(
        "enable 0 disables the member (禁用成员): they can no longer sign in.",
        "enable 为 0 表示禁用成员：成员将无法登录。",
    )
    .source(
        "https://developer.work.weixin.qq.com/document/path/90197 (2025/07/25) § 参数说明: \
                enable 启用/禁用成员。1表示启用成员，0表示禁用成员",
    ),
];

// ---- reply -------------------------------------------------------------------------

/// `errcode` 0 is success (errmsg "updated"); business errors come with
/// HTTP 200. Branch on errcode only ("不应该依赖errmsg来匹配", 90313).
/// Retryable: -1 系统繁忙 ("建议稍候重试"), 6000 数据版本冲突 ("稍后重试"),
/// 45009 接口调用超过限制 (the block ends after 60 s, 60 min or the next day),
/// 45033 接口并发调用超过限制, 45035 并发操作冲突. Token: 40014 不合法的
/// access_token, 42001 access_token已过期. Not 41001 (缺少access_token参数):
/// the token is not in the URL, which a refresh does not fix (and the
/// validator requires it anyway).
static REPLY: ReplySpec = ReplySpec {
    code_key: Some("errcode"),
    message_keys: &["errmsg"],
    retryable: &[-1, 6000, 45009, 45033, 45035],
    token_codes: &[40014, 42001],
    // errcode 0 with "updated. Warning: wrong json format." means WeCom
    // parsed only part of the body (全局错误码 preamble; a developer
    // community report shows fields dropped): not a success.
    failure_texts: &["wrong json format"],
    // 全局错误码 (90313, 2026/01/09): 48002 API 接口无权限调用, 60011 no
    // privilege to access/modify contact/party/agent (the contact scope);
    // 60102 UserID exists, 60104 mobile exists; 60111 UserID not found.
    // 48009: the API may not be called this way (wrong secret or IP), as
    // reported on 2025-01-13 (https://github.com/opsre/go-ldap-admin/issues/378).
    permission_codes: &[48002, 48009, 60011],
    exists_codes: &[60102, 60104],
    not_found_codes: &[60111],
    source: Meta::new(ERRORS),
    samples: &ReplySamples {
        ok: Sample::new(200, r#"{"errcode":0,"errmsg":"updated"}"#),
        ..FAILURES
    },
    ..ReplySpec::DEFAULT
};

/// The failure replies, the same for every member API.
const FAILURES: ReplySamples = ReplySamples {
    ok: Sample::new(200, ""),
    invalid: Sample::new(200, r#"{"errcode":60112,"errmsg":"{{message}}"}"#),
    throttled: Sample::new(200, r#"{"errcode":45009,"errmsg":"api freq out of limit"}"#),
    busy: Sample::new(200, r#"{"errcode":-1,"errmsg":"system busy"}"#),
    token_expired: Sample::new(200, r#"{"errcode":42001,"errmsg":"access_token expired"}"#),
    exists: Some(Sample::new(
        200,
        r#"{"errcode":60102,"errmsg":"userid existed"}"#,
    )),
    not_found: Some(Sample::new(
        200,
        r#"{"errcode":60111,"errmsg":"userid not found"}"#,
    )),
};

/// What every member endpoint shares.
static WECOM: Endpoint = Endpoint {
    vendor: "wecom",
    default_base_url: "https://qyapi.weixin.qq.com",
    query: Some(&QUERY),
    reply: &REPLY,
    // "每企业调用单个cgi/api不可超过1万次/分，15万次/小时" (90312): no
    // per-second figure is documented, so 10 000 per minute spread evenly.
    rate_per_second: 10_000.0 / 60.0,
    rate_source: Meta::new(
        "https://developer.work.weixin.qq.com/document/path/90312 (2023/08/28): 10 000 \
            calls/min and 150 000/h per corp per API",
    ),
    ..Endpoint::DEFAULT
};

/// `wecom.updateUser`.
pub static UPDATE_USER: Endpoint = Endpoint {
    id: "wecom.updateUser",
    title: Text::new("WeCom: update member", "企业微信：更新成员"),
    doc_url: "https://developer.work.weixin.qq.com/document/path/90197",
    documented_path: "/cgi-bin/user/update",
    body: Some(&BODY),
    record_key: Meta::new("/body/userid"),
    ..WECOM
};

// ---- 创建成员 (create member) ------------------------------------------------

// The vendor pages this file cites, each with the date it shows: `cite!(page, "section")`.
crate::model::cite_pages! {$
    // 创建成员, as last updated on 2025/07/25.
    create_page => "https://developer.work.weixin.qq.com/document/path/90195 (2025/07/25) § ",
}

/// "只能由数字、字母和“_-@.”四种字符组成，且第一个字符必须是数字或字母".
fn check_userid(s: &str) -> FormatResult {
    let mut bytes = s.bytes();
    FormatResult::ok_if(
        bytes.next().is_some_and(|b| b.is_ascii_alphanumeric())
            && bytes.all(|b| b.is_ascii_alphanumeric() || b"_-@.".contains(&b)),
    )
}

static USERID: Format = Format::new(
    "wecom_userid",
    check_userid,
    Text::new(
        "digits, letters and \"_-@.\", starting with a digit or a letter, such as zhangsan",
        "由数字、字母和“_-@.”组成，且以数字或字母开头，例如 zhangsan",
    ),
    r"[A-Za-z0-9][A-Za-z0-9_\-@.]*",
)
.integers(&[(0, 9_007_199_254_740_991)]);

static CREATE_BODY: ObjectRule = ObjectRule::of(&CREATE_FIELDS).cross(&CREATE_RULES);

/// The update page's fields, with the create page's changes.
static CREATE_FIELDS: [Field; 22] = join(&[
    &CREATE_FIRST_FIELDS,
    &CONTACT_FIELDS,
    &[TO_INVITE],
    &EXTERNAL_FIELDS,
]);

/// The create page's fields up to biz_mail: no new_userid, no biz_mail_alias.
static CREATE_FIRST_FIELDS: [Field; 10] = [
    Field::formatted("userid", &USERID)
        .bytes(1, 64)
        .required()
        .label("UserID", "成员 UserID")
        .help(
            "The new member's account: 1–64 bytes of digits, letters and _-@., starting with a \
                digit or a letter; unique, case-insensitive.",
            "成员 UserID，对应管理端的账号：长度 1~64 个字节，只能由数字、字母和“_-@.”组成，且以\
                数字或字母开头；企业内唯一，不区分大小写。",
        )
        .source(cite!(create_page, "参数说明: userid 是")),
    F_NAME.required().source(cite!(
        create_page,
        "参数说明: name 是, 长度为1~64个utf8字符"
    )),
    F_ALIAS,
    F_MOBILE.source(cite!(
        create_page,
        "参数说明: mobile (mobile/email二者不能同时为空)"
    )),
    F_DEPARTMENT.source(cite!(
        create_page,
        "参数说明: department 不超过100个; 不填或为0会放在“待设置部\
        门”"
    )),
    F_ORDER,
    F_POSITION,
    F_GENDER,
    F_EMAIL.source(cite!(
        create_page,
        "参数说明: email 长度6~64个字节 (mobile/email二者不能同时为空)"
    )),
    // The update page's biz_mail, but for its length.
    F_BIZ_MAIL
        .bytes(0, 64)
        .help(
            "A business mailbox address of 6–64 bytes, unique in the corp.",
            "长度 6~64 个字节的企业邮箱地址，企业内唯一。",
        )
        .source(cite!(create_page, "参数说明: biz_mail 长度6~64个字节")),
];

static TO_INVITE: Field = Field::boolean("to_invite")
    .label("Send invitation", "是否邀请")
    .help(
        "Whether WeCom invites the new member to use WeCom; true by default.",
        "是否邀请该成员使用企业微信（将通过微信服务通知或短信或邮件下发邀请，每天自动下发一\
                次，最多持续3个工作日），默认值为 true。",
    )
    .source(cite!(create_page, "参数说明: to_invite 默认值为true"));

static CREATE_RULES: [CrossRule; 7] = [
    CrossRule::new(
        Code::Required,
        CrossKind::AtLeastOne,
        &["/mobile", "/email"],
    )
    .text(
        "mobile and email cannot both be empty (60129).",
        "mobile 与 email 不能同时为空（60129）。",
    )
    .source(cite!(create_page, "参数说明: mobile/email二者不能同时为空")),
    CROSS_RULES[0],
    CROSS_RULES[1],
    CROSS_RULES[2],
    CROSS_RULES[3],
    CrossRule::new(
        Code::SendsInvitation,
        CrossKind::Advice,
        &["", "/to_invite"],
    )
    .text(
        "Without to_invite: false, WeCom invites the new member (to_invite defaults to true).",
        "未传 to_invite: false 时，企业微信会邀请新成员（to_invite 默认为 true）。",
    )
    .source(cite!(create_page, "参数说明: to_invite 默认值为true")),
    CrossRule::new(
        Code::SendsInvitation,
        CrossKind::AdviceIf {
            values: &["true"],
            unless: "",
        },
        &["/to_invite"],
    )
    .text(
        "to_invite true: WeCom invites the new member.",
        "to_invite 为 true：企业微信会邀请新成员。",
    )
    .source(cite!(create_page, "参数说明: to_invite")),
];

/// `wecom.createUser`.
pub static CREATE_USER: Endpoint = Endpoint {
    id: "wecom.createUser",
    title: Text::new("WeCom: create member", "企业微信：创建成员"),
    doc_url: "https://developer.work.weixin.qq.com/document/path/90195",
    documented_path: "/cgi-bin/user/create",
    body: Some(&CREATE_BODY),
    reply: &ReplySpec {
        samples: &ReplySamples {
            ok: Sample::new(
                200,
                r#"{"errcode":0,"errmsg":"created","created_department_list":{}}"#,
            ),
            ..FAILURES
        },
        ..REPLY
    },
    record_key: Meta::new("/body/userid"),
    operation: Operation::Create,
    ..WECOM
};

// ---- 删除成员 / 批量删除成员 (delete members) ----------------------------------

static DELETE_QUERY: ObjectRule = ObjectRule::of(&[
    ACCESS_TOKEN,
    Field::string("userid")
        .bytes(1, 64)
        .required()
        .label("UserID", "成员 UserID")
        .help(
            "The member to delete: 1–64 bytes, case-insensitive.",
            "要删除的成员 UserID：长度 1~64 个字节，不区分大小写。",
        )
        .source(
            "https://developer.work.weixin.qq.com/document/path/90198 (2021/08/08) § 参数说\
            明: userid 是",
        ),
]);

/// The reply of a delete: `{"errcode":0,"errmsg":"deleted"}`.
static DELETE_REPLY: ReplySpec = ReplySpec {
    samples: &ReplySamples {
        ok: Sample::new(200, r#"{"errcode":0,"errmsg":"deleted"}"#),
        ..FAILURES
    },
    ..REPLY
};

/// `wecom.deleteUser`: `GET` with the userid in the query, no body.
pub static DELETE_USER: Endpoint = Endpoint {
    id: "wecom.deleteUser",
    title: Text::new("WeCom: delete member", "企业微信：删除成员"),
    method: "GET",
    doc_url: "https://developer.work.weixin.qq.com/document/path/90198",
    documented_path: "/cgi-bin/user/delete",
    query: Some(&DELETE_QUERY),
    reply: &DELETE_REPLY,
    record_key: Meta::new("/query/userid"),
    operation: Operation::Delete,
    ..WECOM
};

static BATCH_DELETE_BODY: ObjectRule = ObjectRule::of(&[Field::array(
    "useridlist",
    &ArrayRule::of(
        &Field::string_item()
            .bytes(1, 64)
            .label("UserID", "成员 UserID"),
    )
    .items(1, 200)
    .unique(),
)
.required()
.label("Members to delete", "成员 UserID 列表")
.help(
    "1 to 200 userids, no repeats; one invalid userid fails the whole call.",
    "1 至 200 个 UserID，不能重复；若存在无效 UserID，直接返回错误。",
)
.source(
    "https://developer.work.weixin.qq.com/document/path/90199 (2019/06/13) § 参数说明: \
    useridlist 最多支持200个。若存在无效UserID，直接返回错误",
)]);

/// `wecom.batchDeleteUser`.
pub static BATCH_DELETE_USER: Endpoint = Endpoint {
    id: "wecom.batchDeleteUser",
    title: Text::new("WeCom: batch delete members", "企业微信：批量删除成员"),
    doc_url: "https://developer.work.weixin.qq.com/document/path/90199",
    documented_path: "/cgi-bin/user/batchdelete",
    body: Some(&BATCH_DELETE_BODY),
    reply: &DELETE_REPLY,
    record_key: Meta::new("/body/useridlist/-"),
    operation: Operation::Delete,
    ..WECOM
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telephones() {
        crate::leaf::format::assert_checks(
            check_telephone,
            &["020-123456", "+86-20-1234,567", "83001234", "-5"],
            &[
                "",
                "abc",
                "020 123456",
                "---",
                "1234567890123456",
                "020–123",
            ],
        );
    }

    #[test]
    fn mobiles() {
        crate::leaf::format::assert_checks(
            check_mobile,
            &[
                "13800000000",
                "+8613800000000",
                "+86 13800000000",
                "+852-51234567",
            ],
            &[
                "",
                "+",
                "-138",
                "138 0000 0000",
                "+86  138",
                "1380000000000000",
                "138a",
                "+12345 678",
            ],
        );
    }

    #[test]
    fn web_urls() {
        assert_eq!(check_web_url("http://www.test.com"), FormatResult::Ok);
        assert_eq!(check_web_url("https://a"), FormatResult::Ok);
        for bad in ["www.test.com", "http://", "ftp://x", "HTTPS://x"] {
            assert_eq!(check_web_url(bad), FormatResult::Bad, "{bad}");
        }
    }
}
