//! Native benchmarks: per endpoint, validate and build on the doc example and
//! on a bad payload, against bare `serde_json::from_str::<Value>` of the same
//! bytes (the floor). Run with `cargo bench --bench core`; the summary at the
//! end prints each workload's throughput as a share of the bare parse.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, Criterion, Throughput};
use rosterguard::Options;
use serde_json::{json, Value};

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture");
    serde_json::from_str::<Value>(&text).expect("fixture json")["input"].clone()
}

/// (endpoint, label, input text) for every workload.
fn workloads() -> Vec<(&'static str, &'static str, String)> {
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

fn parse(text: &str) -> Value {
    serde_json::from_str::<Value>(text).expect("json")
}

fn validate(ep: &str, text: &str, opts: &Options) -> bool {
    rosterguard::validate(ep, &parse(text), opts)
        .expect("endpoint")
        .ok
}

fn build(ep: &str, text: &str, opts: &Options) -> bool {
    rosterguard::build_request(ep, &parse(text), opts).is_ok()
}

fn benches(c: &mut Criterion) {
    let opts = Options::default();
    for (ep, label, text) in workloads() {
        let mut g = c.benchmark_group(format!("{ep}/{label}"));
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function("parse (floor)", |b| b.iter(|| parse(black_box(&text))));
        g.bench_function("parse+validate", |b| {
            b.iter(|| validate(ep, black_box(&text), &opts))
        });
        g.bench_function("parse+validate+build", |b| {
            b.iter(|| build(ep, black_box(&text), &opts))
        });
        g.finish();
    }
}

/// Median time per call of `f` over `runs` runs of `iters` calls.
fn median_ns(runs: usize, iters: u32, mut f: impl FnMut()) -> f64 {
    let mut per_call: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..iters {
                f();
            }
            t.elapsed().as_nanos() as f64 / f64::from(iters)
        })
        .collect();
    per_call.sort_by(f64::total_cmp);
    per_call[per_call.len() / 2]
}

/// One table of the figures issue 5 asks for, measured in one run.
fn summary() {
    let opts = Options::default();
    println!("\nsummary: median ns per call; share = parse time / workload time (throughput vs bare parse)");
    println!(
        "{:<32} {:<4} {:>9} {:>10} {:>10} {:>7} {:>7}",
        "endpoint", "in", "parse", "validate", "build", "v%", "v+b%"
    );
    for (ep, label, text) in workloads() {
        let iters = 2000;
        let p = median_ns(15, iters, || {
            black_box(parse(black_box(&text)));
        });
        let v = median_ns(15, iters, || {
            black_box(validate(ep, black_box(&text), &opts));
        });
        let b = median_ns(15, iters, || {
            black_box(build(ep, black_box(&text), &opts));
        });
        println!(
            "{:<32} {:<4} {:>9.0} {:>10.0} {:>10.0} {:>6.0}% {:>6.0}%",
            ep,
            label,
            p,
            v,
            b,
            100.0 * p / v,
            100.0 * p / b
        );
    }
}

criterion_group! {
    name = group;
    config = Criterion::default().measurement_time(Duration::from_secs(2)).warm_up_time(Duration::from_millis(500));
    targets = benches
}

fn main() {
    group();
    Criterion::default().configure_from_args().final_summary();
    summary();
}
