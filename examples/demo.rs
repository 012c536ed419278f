//! `make demo` (native part): validates every seed example and one broken
//! payload per endpoint, and prints the reports and the built requests
//! (tokens masked).

use rosterguard::{Locale, Options};
use serde_json::{json, Value};

fn seed(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let fx: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    fx["input"].clone()
}

fn show(title: &str, endpoint: &str, input: &Value, locale: Locale) {
    println!("== {title}  [{endpoint}]");
    let opts = Options {
        locale,
        ..Options::default()
    };
    let report = match rosterguard::validate(endpoint, input, &opts) {
        Ok(r) => r,
        Err(e) => {
            println!("   misuse: {e}");
            return;
        }
    };
    for (kind, list) in [("error", &report.errors), ("warning", &report.warnings)] {
        for i in list {
            println!(
                "   {kind:7} {:<45} {:<14} {}",
                i.path,
                i.code.as_str(),
                i.message
            );
        }
    }
    match rosterguard::build_request(endpoint, input, &opts) {
        Ok(req) => {
            let safe = req.redacted();
            println!("   -> {} {}", safe.method, safe.url);
            println!("      body {}", safe.body);
        }
        Err(rosterguard::Error::Invalid(r)) => {
            println!("   -> not built: {} error(s)", r.errors.len())
        }
        Err(e) => println!("   -> not built: {e}"),
    }
    println!();
}

fn main() {
    let seeds = [
        ("fxiaoke.updateMember", "fxiaoke.updateMember/seed.json"),
        (
            "fxiaoke.setMemberStatusBatch",
            "fxiaoke.setMemberStatusBatch/seed.json",
        ),
        (
            "dingtalk.updateEmployeeRoster",
            "dingtalk.updateEmployeeRoster/seed.json",
        ),
        (
            "ekuaibao.updateStaff",
            "ekuaibao.updateStaff/seed-by-id.json",
        ),
        (
            "ekuaibao.updateStaff",
            "ekuaibao.updateStaff/seed-by-code.json",
        ),
    ];
    for (ep, file) in seeds {
        show(&format!("doc example {file}"), ep, &seed(file), Locale::En);
    }

    let mut fx = seed("fxiaoke.updateMember/seed.json");
    fx["body"]["user"]["gender"] = json!("male");
    fx["body"]["user"]["email"] = json!("not-an-email");
    fx["body"]["user"]["attachingDepartmentIds"] = json!([1, -2, 1]);
    show(
        "broken Fxiaoke member",
        "fxiaoke.updateMember",
        &fx,
        Locale::En,
    );

    let mut st = seed("fxiaoke.setMemberStatusBatch/seed.json");
    st["body"]["status"] = json!(3);
    st["body"]["openUserIds"] = json!(["a", "a", ""]);
    show(
        "broken Fxiaoke status batch",
        "fxiaoke.setMemberStatusBatch",
        &st,
        Locale::ZhCn,
    );

    let mut dt = seed("dingtalk.updateEmployeeRoster/seed.json");
    dt["body"]["param"]["groups"][0]["sections"][1]["old_index"] = json!(0);
    dt["body"]["param"]["groups"][0]["sections"][2]["section"][2]["value"] = json!("2010-02-30");
    dt["body"]["param"]["groups"][0]["sections"][0]["section"][0]["field_code"] =
        json!("sys02-birthTime");
    show(
        "broken DingTalk roster",
        "dingtalk.updateEmployeeRoster",
        &dt,
        Locale::ZhCn,
    );

    let mut ek = seed("ekuaibao.updateStaff/seed-by-id.json");
    ek["body"]["email"] = json!("");
    ek["body"]["defaultDepartment"] = json!("other");
    ek["body"]["cellphone"] = json!("+852 1234 5678");
    show(
        "broken Ekuaibao staff",
        "ekuaibao.updateStaff",
        &ek,
        Locale::En,
    );

    show(
        "misuse: unknown endpoint",
        "wecom.updateUser",
        &json!({}),
        Locale::En,
    );
}
