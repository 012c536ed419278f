//! Prints, as one JSON document, what a JSON Schema validator needs to
//! cross-check `rosterguard::json_schema` against `rosterguard::validate`:
//!
//! `{"schemas": {id: schema}, "describe": {id: describe()},
//!   "inputs": [{"endpoint", "name", "input", "ok", "errors": [[path, code]]}]}`
//!
//! The inputs are every fixture (seeds and `cases.json` entries) plus
//! probes generated from `describe()`: each field set to a list of tricky
//! values, removed, and given format samples; and inputs for every
//! cross-field rule. `ok` is what `validate` says with default options.
//! `tests/meta/ajv_agreement.cjs` compares it with ajv.
//!
//! `cargo run --quiet --example schema_probes [fixtures-dir] > probes.json`

use rosterguard::pointer;
use serde_json::{json, Map, Value};

/// Fixtures from `dir` (default `tests/fixtures`; the first argument overrides it).
fn fixture_inputs() -> Vec<(String, String, Value)> {
    let dir = std::env::args_os()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"));
    let mut out = Vec::new();
    let read = |p: &std::path::Path| -> Value {
        let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    };
    let mut endpoints: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    endpoints.sort();
    for ep_dir in endpoints {
        let endpoint = ep_dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files: Vec<_> = std::fs::read_dir(&ep_dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        files.sort();
        for file in files {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            let fx = read(&file);
            let Some(cases) = fx.get("cases").and_then(Value::as_array) else {
                out.push((endpoint.clone(), name, fx["input"].clone()));
                continue;
            };
            let base = read(&ep_dir.join(fx["base"].as_str().expect("base")))["input"].clone();
            for c in cases {
                let mut input = c.get("input").cloned().unwrap_or_else(|| base.clone());
                if let Some(Value::Object(set)) = c.get("set") {
                    for (ptr, v) in set {
                        assert!(
                            pointer::set(&mut input, ptr, v.clone()),
                            "{name}: set {ptr}"
                        );
                    }
                }
                if let Some(Value::Array(remove)) = c.get("remove") {
                    for ptr in remove {
                        let ptr = ptr.as_str().unwrap();
                        assert!(pointer::remove(&mut input, ptr), "{name}: remove {ptr}");
                    }
                }
                // Cases with options other than the defaults are outside the schema's contract.
                let default_options = c
                    .get("options")
                    .and_then(Value::as_object)
                    .map_or(true, |o| o.keys().all(|k| k == "locale"));
                if default_options {
                    let case = c["name"].as_str().unwrap_or("?");
                    out.push((endpoint.clone(), format!("{name}: {case}"), input));
                }
            }
        }
    }
    out
}

/// Values every field is tried with.
fn generic_values() -> Vec<Value> {
    let mut v: Vec<Value> = vec![
        json!(null),
        json!(""),
        json!(" "),
        json!("\u{3000}"),
        json!("x"),
        json!("0"),
        json!("1"),
        json!("2"),
        json!("-1"),
        json!("01"),
        json!("+1"),
        json!("-0"),
        json!("1.5"),
        json!(" 1"),
        json!("500"),
        json!("9007199254740991"),
        json!("9007199254740992"),
        json!("-9007199254740991"),
        json!("12345678901234567"),
        json!(0),
        json!(1),
        json!(2),
        json!(-1),
        json!(1.5),
        json!(500),
        json!(9007199254740991_i64),
        json!(9007199254740992_i64),
        json!(-9007199254740992_i64),
        json!(18446744073709551615_u64),
        json!(true),
        json!(false),
        json!([]),
        json!([1]),
        json!(["a"]),
        json!([null]),
        json!(["a", "a"]),
        json!([1, 1]),
        json!([1, "1"]),
        json!([""]),
        json!({}),
        json!({"a": 1}),
        json!("M"),
        json!("F"),
        json!("m"),
        json!("id"),
        json!("code"),
        json!("ID"),
    ];
    v.extend(format_samples().into_iter().map(Value::from));
    v.extend(
        [
            15588881010_i64,
            -15588881010,
            25588881010,
            1504173600000,
            -315648000000,
            1_000_000_000_000_000,
        ]
        .into_iter()
        .map(Value::from),
    );
    v
}

/// Strings around every format's edges.
fn format_samples() -> Vec<String> {
    let mut s: Vec<String> = [
        // email
        "xxx@fxiaoke.com",
        "15588881010@163.com",
        "a.b+c@sub.example.cn",
        "zhang@例子.公司",
        "a",
        "a@",
        "@b.com",
        "a@b",
        "a..b@c.com",
        ".a@c.com",
        "a.@c.com",
        "a@-b.com",
        "a@b-.com",
        "a@b.c",
        "a b@c.com",
        "a@b..com",
        "a@1.23",
        "a@b.1a",
        "a@b.a1",
        "a@b@c.com",
        "\"a\"@b.com",
        "a@[1.2.3.4]",
        "a!#$%&'*+/=?^_`{|}~-@x.io",
        "a@b.com.",
        "a@b_c.com",
        "A@B.CO",
        "a@xn--fiq.com",
        "a@b.c٣",
        "a@b.١٢",
        "a@ß.de",
        "a@b.com\n",
        // dates
        "2020-02-29",
        "2000-02-29",
        "1900-02-29",
        "2021-02-29",
        "2020-9-01",
        "2020/09/01",
        "2020-13-01",
        "2020-04-31",
        "2020-04-30",
        "0000-01-01",
        "0001-01-01",
        "9999-12-31",
        "0400-02-29",
        "0004-02-29",
        "0100-02-29",
        "2020-00-10",
        "2020-01-00",
        "2020-01-32",
        "+020-04-01",
        "2020-04-01 ",
        "２０２０-04-01",
        "2020-12-31",
        "2019-11-31",
        // epoch millis
        "1504173600000",
        "-315648000000",
        "15e11",
        "-",
        "123456789012345",
        "1234567890123456",
        "-123456789012345",
        "007",
        // cellphone
        "15588881010",
        "1558888101",
        "155888810100",
        "25588881010",
        "(852)12345678",
        "(852)",
        "(12345)1",
        "(1234)1",
        "(1)123456789012345",
        "(1)1234567890123456",
        "+852 1234 5678",
        "+86 155-8888-1010",
        "155 8888 1010",
        " 15588881010 ",
        "+85212345678",
        "+ 852 1",
        "+852(1234)5678",
        "+86(155)88881010",
        "+86 25588881010",
        "+1234 5678",
        "+852 ",
        "+852 a",
        "（852）1234",
        "abc",
        "  ",
        "-15588881010",
        "155\u{3000}8888\u{3000}1010",
        "(852) 1234-5678",
        "+1 2",
        "+001 1",
        "+86 1",
        "1-5-5-8-8-8-8-1-0-1-0",
        "+852)1234 5",
        "+86 155888810101",
        "+7 123456789012345",
        "+7 1234567890123456",
        "(8 5 2)1",
        // base url
        "https://open.fxiaoke.com",
        "https://open.fxiaoke.com/",
        "https://x.example.com:8443/prefix",
        "http://127.0.0.1:8080",
        "http://localhost",
        "http://LocalHost:1/",
        "http://[::1]:3000",
        "https://[::1]",
        "https://[:]",
        "https://[1.2]",
        "https://host.com:65535",
        "https://host.com:65536",
        "https://host.com:+80",
        "https://host.com:0080",
        "https://host.com:",
        "https://host.com//x",
        "https://host.com/a//",
        "https://host.com///",
        "https://host.com/%2F",
        "https://host.com/%2",
        "https://host.com/a%zz",
        "https://-a.com",
        "https://a-.com",
        "https://a..com",
        "https://a.com.",
        "http://127.000.000.001",
        "http://127.0.0.256",
        "http://128.0.0.1",
        "https://1.2.3.4",
        "HTTPS://a.com",
        "https://a.com/~u/(x);y=1",
        "https://[::1]:",
        "https://[::1]:80:90",
        "https://a:b:80",
        "https://a]",
        " https://a.com",
        "https://a.com ",
        // base (city list)
        "[{\"key\":\"8\",\"label\":\"北京市/海淀区\"}]",
        "[]",
        " [ ] ",
        "[{\"label\":\"x\",\"key\":\"8\"}]",
        "[{\"key\":\"8\"}]",
        "[{\"key\":8,\"label\":\"x\"}]",
        "[{\"key\":\"\",\"label\":\"x\"}]",
        "[{\"key\":\"8\",\"label\":\"x\",\"z\":\"1\"}]",
        "[{\"key\":\"8\",\"label\":\"x\"},{\"key\":\"9\",\"label\":\"y\"}]",
        "[{\"key\":\"8\",\"label\":\"x\"},]",
        "{\"key\":\"8\",\"label\":\"x\"}",
        "[null]",
        "[{}]",
        "[{\"key\":\"a\\\"b\",\"label\":\"\\u5317\"}]",
        "[{\"key\":\"\\ud800\",\"label\":\"x\"}]",
        "[{\"key\":\"\\ud83d\\ude00\",\"label\":\"x\"}]",
        "[{\"key\":\"\\x\",\"label\":\"x\"}]",
        "[{\"key\":\"a\tb\",\"label\":\"x\"}]",
        "\n[{\"key\" : \"8\" ,\r\n \"label\":\"x\"}]\t",
        "[{\"key\":\"8\",\"label\":\"x\"}",
        "[\"8\"]",
        "[{\"key\":\" \",\"label\":\" \"}]",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    let bad_base_urls: &[&str] = include!("../common/bad_base_urls.rs");
    s.extend(bad_base_urls.iter().map(|u| (*u).to_owned()));
    s.push(format!("{}@x.com", "a".repeat(64)));
    s.push(format!("{}@x.com", "a".repeat(65)));
    s.push(format!("a@{}.com", "b".repeat(63)));
    s.push(format!("a@{}.com", "b".repeat(64)));
    s.push(format!(
        "a@{}.com",
        [
            "b".repeat(60),
            "c".repeat(60),
            "d".repeat(60),
            "e".repeat(60)
        ]
        .join(".")
    ));
    s.push(format!(
        "a@{}.com",
        [
            "b".repeat(60),
            "c".repeat(60),
            "d".repeat(60),
            "e".repeat(62)
        ]
        .join(".")
    ));
    s.push(format!("https://{}.com", "b".repeat(63)));
    s.push(format!("https://{}.com", "b".repeat(64)));
    s.push(format!(
        "https://{}.com",
        [
            "b".repeat(60),
            "c".repeat(60),
            "d".repeat(60),
            "e".repeat(60)
        ]
        .join(".")
    ));
    s.push(format!(
        "https://{}.co",
        [
            "b".repeat(60),
            "c".repeat(60),
            "d".repeat(60),
            "e".repeat(60)
        ]
        .join(".")
    ));
    s
}

/// `/a/-/b` → `/a/0/b`.
fn concrete(ptr: &str) -> String {
    ptr.split('/')
        .map(|s| if s == "-" { "0" } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

fn probes(endpoint: &str, seed: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let describe = rosterguard::describe(endpoint).unwrap();
    let values = generic_values();
    for f in describe["fields"].as_array().unwrap() {
        let mut ptr = concrete(f["pointer"].as_str().unwrap());
        if let Some(prefix) = f.get("keyPrefix").and_then(Value::as_str) {
            ptr = format!(
                "{}{prefix}probe",
                ptr.trim_end_matches(f["key"].as_str().unwrap())
            );
        }
        let mut removed = seed.clone();
        if pointer::remove(&mut removed, &ptr) {
            out.push((format!("remove {ptr}"), removed));
        }
        for v in &values {
            let mut input = seed.clone();
            if pointer::set(&mut input, &ptr, v.clone()) {
                out.push((format!("set {ptr} = {v}"), input));
            }
        }
        // Arrays: lengths and duplicates from the item values.
        if f["type"] == "array" || f["type"] == "string|array" {
            for v in &values {
                for list in [json!([v, v]), json!([v, 1]), json!([v, "a"])] {
                    let mut input = seed.clone();
                    if pointer::set(&mut input, &ptr, list.clone()) {
                        out.push((format!("set {ptr} = {list}"), input));
                    }
                }
            }
            for n in [499usize, 500, 501] {
                let list: Vec<Value> = (0..n).map(|i| json!(i)).collect();
                let mut input = seed.clone();
                if pointer::set(&mut input, &ptr, Value::Array(list)) {
                    out.push((format!("set {ptr} = [0..{n}]"), input));
                }
            }
        }
    }
    // Envelope shapes.
    for v in [json!(null), json!([]), json!("x"), json!({})] {
        out.push((format!("input {v}"), v));
    }
    for key in ["path", "query", "body", "extra"] {
        let mut input = seed.clone();
        pointer::set(&mut input, &format!("/{key}"), json!(null));
        out.push((format!("set /{key} = null"), input.clone()));
        let mut input = seed.clone();
        pointer::set(&mut input, &format!("/{key}"), json!({}));
        out.push((format!("set /{key} = {{}}"), input));
        let mut input = seed.clone();
        pointer::remove(&mut input, &format!("/{key}"));
        out.push((format!("remove /{key}"), input));
    }
    out.extend(cross_probes(endpoint, seed));
    out.extend(fuzz(endpoint, seed, &describe));
    out
}

/// A small deterministic generator (xorshift64*), so runs are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A string of up to `max` pieces drawn from `pieces`.
    fn text(&mut self, pieces: &[&str], max: usize) -> String {
        let n = self.below(max + 1);
        (0..n).map(|_| pieces[self.below(pieces.len())]).collect()
    }

    /// `base` with up to three random edits (insert, delete, replace) from `pieces`.
    fn mutate(&mut self, base: &str, pieces: &[&str]) -> String {
        let mut chars: Vec<char> = base.chars().collect();
        for _ in 0..=self.below(3) {
            let at = self.below(chars.len() + 1);
            let piece: Vec<char> = pieces[self.below(pieces.len())].chars().collect();
            match self.below(3) {
                0 => {
                    chars.splice(at..at, piece);
                }
                1 if at < chars.len() => {
                    chars.remove(at);
                }
                _ if at < chars.len() => {
                    chars.splice(at..at + 1, piece);
                }
                _ => {}
            }
        }
        chars.into_iter().collect()
    }
}

/// Random and mutated texts for every field with a syntax (format or JSON
/// text), to compare each pattern with its check far beyond hand-picked
/// samples.
fn fuzz(endpoint: &str, seed: &Value, describe: &Value) -> Vec<(String, Value)> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ endpoint.len() as u64);
    let mut out = Vec::new();
    let mut targets: Vec<(String, &str)> = Vec::new();
    for f in describe["fields"].as_array().unwrap() {
        let ptr = concrete(f["pointer"].as_str().unwrap());
        match (f["format"].as_str(), f["type"].as_str()) {
            (Some(format), _) => targets.push((ptr, format)),
            (None, Some("string|array")) => targets.push((ptr, "json_text")),
            _ => {}
        }
    }
    if endpoint == "dingtalk.updateEmployeeRoster" {
        targets.push((
            "/body/param/groups/0/sections/0/section/2/value".into(),
            "date",
        ));
        targets.push((
            "/body/param/groups/0/sections/0/section/0/field_code".into(),
            "field_code",
        ));
    }
    for (ptr, kind) in targets {
        let (pieces, valid): (&[&str], &[&str]) = match kind {
            "email" => (
                &[
                    "a", "Z", "0", ".", "@", "-", "_", "+", "例", "ß", "٣", " ", "!", "x.co",
                    "@b.cn", "\"", "é",
                ],
                &["xxx@fxiaoke.com", "a.b+c@sub.example.cn", "zhang@例子.公司"],
            ),
            "epoch_millis_or_date" | "date" => (
                &[
                    "0", "1", "2", "9", "-", "02", "29", "2020", "1900", "13", "31", " ", "+", "e",
                ],
                &["1504173600000", "2020-02-29", "-315648000000", "2021-12-31"],
            ),
            "cellphone" => (
                &[
                    "1", "5", "8", "0", "+", "(", ")", " ", "-", "\u{3000}", "86", "852", "x", "（",
                ],
                &[
                    "15588881010",
                    "(852)12345678",
                    "+852 1234 5678",
                    "+86 155-8888-1010",
                ],
            ),
            "base_url" => (
                &[
                    "https://",
                    "http://",
                    "a",
                    "-",
                    ".",
                    ":",
                    "/",
                    "8080",
                    "[",
                    "]",
                    "::1",
                    "127.0.0.1",
                    "localhost",
                    "%2F",
                    "%",
                    "?",
                    "#",
                    "@",
                    " ",
                    "0",
                    "+",
                ],
                &[
                    "https://open.fxiaoke.com",
                    "http://127.0.0.1:8080/x",
                    "http://[::1]:3000",
                    "https://a.b:443/p/",
                ],
            ),
            "json_text" => (
                &[
                    "[",
                    "]",
                    "{",
                    "}",
                    "\"key\"",
                    "\"label\"",
                    ":",
                    ",",
                    "\"x\"",
                    "\"\"",
                    " ",
                    "\\",
                    "\\u0041",
                    "\\ud800",
                    "\n",
                    "8",
                    "null",
                ],
                &[
                    "[{\"key\":\"8\",\"label\":\"北京市/海淀区\"}]",
                    "[]",
                    "[{\"label\":\"a\",\"key\":\"b\"},{\"key\":\"c\",\"label\":\"d\"}]",
                ],
            ),
            "field_code" => (
                &["sys", "0", "3", "-", "x", "S", "00", "03", "13"],
                &["sys03-highestEdu", "sys13-x", "custom"],
            ),
            _ => continue,
        };
        for i in 0..400 {
            let text = if i % 2 == 0 {
                rng.text(pieces, 8)
            } else {
                let base = valid[rng.below(valid.len())];
                rng.mutate(base, pieces)
            };
            let mut input = seed.clone();
            if pointer::set(&mut input, &ptr, Value::String(text.clone())) {
                out.push((format!("fuzz {ptr} = {text:?}"), input));
            }
        }
    }
    out
}

/// `seed` with `set` (`{pointer: value}`) applied and `remove` removed.
fn with(seed: &Value, set: &Value, remove: &[&str]) -> Value {
    let mut input = seed.clone();
    for (p, v) in set.as_object().into_iter().flatten() {
        assert!(pointer::set(&mut input, p, v.clone()), "set {p}");
    }
    for p in remove {
        pointer::remove(&mut input, p);
    }
    input
}

/// Inputs for every cross-field rule, passing and failing.
fn cross_probes(endpoint: &str, seed: &Value) -> Vec<(String, Value)> {
    const F0: &str = "/body/param/groups/0/sections/0/section/0";
    const G: &str = "/body/param/groups/0";
    let f0 = |key: &str| format!("{F0}/{key}");
    let g = |key: &str| format!("{G}/{key}");
    let cases: Vec<(&str, Value, &[&str])> = match endpoint {
        "ekuaibao.updateStaff" => vec![
            (
                "neither dept",
                json!({}),
                &["/body/departments", "/body/defaultDepartment"],
            ),
            ("no default", json!({}), &["/body/defaultDepartment"]),
            ("no departments", json!({}), &["/body/departments"]),
            (
                "null default",
                json!({"/body/defaultDepartment": null}),
                &[],
            ),
            ("null departments", json!({"/body/departments": null}), &[]),
            (
                "both null",
                json!({"/body/departments": null, "/body/defaultDepartment": null}),
                &[],
            ),
            (
                "null + missing",
                json!({"/body/departments": null}),
                &["/body/defaultDepartment"],
            ),
            (
                "default not in",
                json!({"/body/defaultDepartment": "other"}),
                &[],
            ),
            (
                "default in 2nd",
                json!({"/body/departments": ["a", "b"], "/body/defaultDepartment": "b"}),
                &[],
            ),
            (
                "departments null item",
                json!({"/body/departments": ["d1", null], "/body/defaultDepartment": "d1"}),
                &[],
            ),
            (
                "phone flag no phone",
                json!({"/body/modifyAccountPhone": true}),
                &["/body/cellphone"],
            ),
            (
                "phone flag null phone",
                json!({"/body/modifyAccountPhone": true, "/body/cellphone": null}),
                &[],
            ),
            (
                "phone flag with phone",
                json!({"/body/modifyAccountPhone": true}),
                &[],
            ),
            (
                "phone flag false no phone",
                json!({"/body/modifyAccountPhone": false}),
                &["/body/cellphone"],
            ),
            (
                "phone flag null no phone",
                json!({"/body/modifyAccountPhone": null}),
                &["/body/cellphone"],
            ),
            (
                "email flag no email",
                json!({"/body/modifyAccountEmail": true}),
                &["/body/email"],
            ),
            (
                "email flag null email",
                json!({"/body/modifyAccountEmail": true, "/body/email": null}),
                &[],
            ),
            (
                "email flag with email",
                json!({"/body/modifyAccountEmail": true}),
                &[],
            ),
            (
                "email flag string",
                json!({"/body/modifyAccountEmail": "true"}),
                &["/body/email"],
            ),
            (
                "base array",
                json!({"/body/staffCustomForm/base": [{"key": "8", "label": "北京"}]}),
                &[],
            ),
            (
                "base array coerced",
                json!({"/body/staffCustomForm/base": [{"key": 8, "label": "北京"}]}),
                &[],
            ),
            (
                "base array extra",
                json!({"/body/staffCustomForm/base": [{"key": "8", "label": "x", "z": 1}]}),
                &[],
            ),
            (
                "base array empty key",
                json!({"/body/staffCustomForm/base": [{"key": "", "label": "x"}]}),
                &[],
            ),
            (
                "base array missing",
                json!({"/body/staffCustomForm/base": [{"key": "8"}]}),
                &[],
            ),
            (
                "base array null item",
                json!({"/body/staffCustomForm/base": [null]}),
                &[],
            ),
            (
                "base array null key",
                json!({"/body/staffCustomForm/base": [{"key": null, "label": "x"}]}),
                &[],
            ),
            ("u_ only", json!({"/body/staffCustomForm/u_": "x"}), &[]),
            (
                "u_ newline",
                json!({"/body/staffCustomForm/u_\n": "x"}),
                &[],
            ),
            ("U_ upper", json!({"/body/staffCustomForm/U_x": "x"}), &[]),
            ("type code", json!({"/query/type": "code"}), &[]),
        ],
        "dingtalk.updateEmployeeRoster" => vec![
            (
                "wrong group",
                json!({f0("field_code"): "sys02-birthTime"}),
                &[],
            ),
            ("first digit", json!({f0("field_code"): "sys13-x"}), &[]),
            ("second digit", json!({f0("field_code"): "sys04-x"}), &[]),
            ("no rest", json!({f0("field_code"): "sys02-"}), &[]),
            ("three digits", json!({f0("field_code"): "sys023-x"}), &[]),
            ("custom code", json!({f0("field_code"): "custom-1"}), &[]),
            ("upper SYS", json!({f0("field_code"): "SYS02-x"}), &[]),
            ("number code", json!({f0("field_code"): 12}), &[]),
            ("custom group", json!({g("group_id"): "custom"}), &[]),
            (
                "custom group, custom codes",
                json!({g("group_id"): "custom", g("sections/0/section"): [{"field_code": "x-1", "value": "a"}]}),
                &[],
            ),
            ("number group", json!({g("group_id"): 3}), &[]),
            ("empty group", json!({g("group_id"): ""}), &[]),
            ("group sys3", json!({g("group_id"): "sys3"}), &[]),
            (
                "date bad",
                json!({F0: {"field_code": "sys03-graduationTime", "value": "2020-02-30"}}),
                &[],
            ),
            (
                "date number",
                json!({F0: {"field_code": "sys03-graduationTime", "value": 20200101}}),
                &[],
            ),
            (
                "date ok",
                json!({F0: {"field_code": "sys03-graduationTime", "value": "2020-02-29"}}),
                &[],
            ),
            (
                "date empty",
                json!({F0: {"field_code": "sys03-graduationTime", "value": ""}}),
                &[],
            ),
            (
                "date code other group",
                json!({F0: {"field_code": "sys02-birthTime", "value": "x"}}),
                &[],
            ),
            (
                "date in right group",
                json!({
                    g("group_id"): "sys02",
                    g("sections/0/section"): [{"field_code": "sys02-birthTime", "value": "1990-13-01"}],
                    g("sections/1/section"): [{"field_code": "sys02-sexType", "value": "1"}],
                    g("sections/2/section"): [{"field_code": "sys02-sexType", "value": "1"}],
                }),
                &[],
            ),
            ("dup old_index", json!({g("sections/1/old_index"): 0}), &[]),
            (
                "dup old_index coerced",
                json!({g("sections/1/old_index"): "0"}),
                &[],
            ),
            (
                "dup field_code",
                json!({f0("field_code"): "sys03-graduateSchool"}),
                &[],
            ),
            (
                "no old_index",
                json!({g("sections/0/old_index"): null}),
                &[],
            ),
            (
                "second group",
                json!({"/body/param/groups/-": {"group_id": "sys00", "sections": [{"section": [{"field_code": "sys00-name", "value": "张三"}]}]}}),
                &[],
            ),
            (
                "second group wrong",
                json!({"/body/param/groups/-": {"group_id": "sys00", "sections": [{"section": [{"field_code": "sys01-employeeType", "value": "1"}]}]}}),
                &[],
            ),
        ],
        _ => Vec::new(),
    };
    cases
        .into_iter()
        .map(|(name, set, remove)| (format!("cross: {name}"), with(seed, &set, remove)))
        .collect()
}

fn main() {
    let mut schemas = Map::new();
    let mut describes = Map::new();
    for ep in rosterguard::endpoints() {
        schemas.insert(ep.id.into(), rosterguard::json_schema(ep.id).unwrap());
        describes.insert(ep.id.into(), rosterguard::describe(ep.id).unwrap());
    }
    let mut inputs = Vec::new();
    let mut push = |endpoint: &str, name: String, input: Value| {
        let report = rosterguard::validate(endpoint, &input, &Default::default()).unwrap();
        let errors: Vec<Value> = report
            .errors
            .iter()
            .map(|i| json!([i.path, i.code.as_str()]))
            .collect();
        inputs.push(json!({
            "endpoint": endpoint,
            "name": name,
            "input": input,
            "ok": report.ok,
            "errors": errors,
        }));
    };
    let fixtures = fixture_inputs();
    for (endpoint, name, input) in &fixtures {
        push(endpoint, format!("fixture {name}"), input.clone());
    }
    for ep in rosterguard::endpoints() {
        let seed = fixtures
            .iter()
            .find(|(e, n, _)| e == ep.id && n.starts_with("seed"))
            .map(|(_, _, i)| i.clone())
            .expect("a seed per endpoint");
        for (name, input) in probes(ep.id, &seed) {
            push(ep.id, name, input);
        }
    }
    let doc = json!({"schemas": schemas, "describe": describes, "inputs": inputs});
    println!("{doc}");
}
