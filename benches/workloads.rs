//! The benchmark payloads, shared by `benches/core.rs` and
//! `tools/prof_loop.rs` (so a profile runs exactly what is measured):
//! per endpoint, the doc example and a payload with 3 to 10 errors.

use serde_json::{json, Value};

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture");
    serde_json::from_str::<Value>(&text).expect("fixture json")["input"].clone()
}

/// (endpoint, label, input text) for every workload.
pub fn workloads() -> Vec<(&'static str, &'static str, String)> {
    let mut fx = fixture("fxiaoke.updateMember/seed.json");
    let fx_doc = fx.to_string();
    let user = &mut fx["body"]["user"];
    user["gender"] = json!("X");
    user["email"] = json!("bad@");
    user["hireDate"] = json!("2020-02-30");
    user["mainDepartmentId"] = json!(-1);
    user["attachingDepartmentIds"] = json!([1, 1, -3, "x"]);
    user["openUserId"] = json!("");
    user["qq"] = json!(true);
    user["nope"] = json!(1);
    let fx_bad = fx.to_string();

    let st = fixture("fxiaoke.setMemberStatusBatch/seed.json");
    let st_doc = st.to_string();
    let mut stb = st.clone();
    stb["body"]["status"] = json!(9);
    stb["body"]["openUserIds"] = json!(["a", "a", ""]);
    let st_bad = stb.to_string();

    let dt = fixture("dingtalk.updateEmployeeRoster/seed.json");
    let dt_doc = dt.to_string();
    let mut dtb = dt.clone();
    dtb["body"]["param"]["groups"][0]["sections"][1]["old_index"] = json!(0);
    dtb["body"]["param"]["groups"][0]["sections"][0]["section"][2]["value"] = json!("2020-9-1");
    dtb["body"]["param"]["groups"][0]["sections"][2]["section"][0]["field_code"] =
        json!("sys02-birthTime");
    let dt_bad = dtb.to_string();

    let ek = fixture("ekuaibao.updateStaff/seed-by-id.json");
    let ek_doc = ek.to_string();
    let mut ekb = ek.clone();
    let b = &mut ekb["body"];
    b["name"] = json!(" ");
    b["email"] = json!("");
    b["cellphone"] = json!("123");
    b["defaultDepartment"] = json!("zz");
    b["departments"] = json!(["a", "a"]);
    b["modifyAccountPhone"] = json!("yes");
    b["staffCustomForm"]["base"] = json!("[oops");
    b["staffCustomForm"]["other"] = json!("x");
    let ek_bad = ekb.to_string();

    vec![
        ("fxiaoke.updateMember", "doc", fx_doc),
        ("fxiaoke.updateMember", "bad", fx_bad),
        ("fxiaoke.setMemberStatusBatch", "doc", st_doc),
        ("fxiaoke.setMemberStatusBatch", "bad", st_bad),
        ("dingtalk.updateEmployeeRoster", "doc", dt_doc),
        ("dingtalk.updateEmployeeRoster", "bad", dt_bad),
        ("ekuaibao.updateStaff", "doc", ek_doc),
        ("ekuaibao.updateStaff", "bad", ek_bad),
    ]
}
