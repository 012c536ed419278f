//! Native benchmarks: per endpoint, validate and build on the doc example and
//! on a bad payload, against bare `serde_json::from_str::<Value>` of the same
//! bytes (the floor). Run with `cargo bench --bench core`; the summary at the
//! end prints each workload's throughput as a share of the bare parse.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, Criterion, Throughput};
use rosterguard::Options;
use serde_json::Value;

mod workloads;
use workloads::workloads;

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

/// One table of the figures the speed targets are stated in, measured in one run.
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
