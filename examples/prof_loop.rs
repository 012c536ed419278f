//! A fixed loop for `perf record`: parse + build of one doc example, N times.
//! `cargo run --release --example prof_loop -- <fixture dir> [seed file] [n]`
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = args.get(1).map_or("fxiaoke.updateMember", String::as_str);
    let seed = args.get(2).map_or("seed.json", String::as_str);
    let n: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(200_000);
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/{dir}/{seed}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let fx: serde_json::Value = serde_json::from_str(&text).unwrap();
    let input = fx["input"].to_string();
    let opts = rosterguard::Options::default();
    // PROF_MODE=parse or build runs only that loop (for instruction counts under callgrind).
    let mode = std::env::var("PROF_MODE").unwrap_or_default();
    let mut ok = 0;
    let t = std::time::Instant::now();
    for _ in 0..if mode == "parse" { 0 } else { n } {
        let v: serde_json::Value = serde_json::from_str(&input).unwrap();
        if rosterguard::build_request(dir, &v, &opts).is_ok() {
            ok += 1;
        }
    }
    let per = t.elapsed().as_nanos() as f64 / n as f64;
    let t = std::time::Instant::now();
    for _ in 0..if mode == "build" { 0 } else { n } {
        let v: serde_json::Value = serde_json::from_str(&input).unwrap();
        std::hint::black_box(v);
    }
    let parse = t.elapsed().as_nanos() as f64 / n as f64;
    println!(
        "{ok} ok; parse+build {per:.0} ns, parse {parse:.0} ns, share {:.0}%",
        100.0 * parse / per
    );
}
