//! A fixed loop for profilers (`perf record`, `valgrind --tool=callgrind`):
//! parse + build of one benchmark payload, N times, then bare parsing of it
//! N times. `cargo run --release --example prof_loop -- <endpoint> <doc|bad> [n]`;
//! PROF_MODE=parse or build runs only that loop; PROF_MODE=validate runs
//! parse + validate instead of parse + build.

#[path = "../benches/workloads.rs"]
mod workloads;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let ep = args.get(1).map_or("fxiaoke.updateMember", String::as_str);
    let label = args.get(2).map_or("doc", String::as_str);
    let n: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(200_000);
    let Some((ep, _, input)) = workloads::workloads()
        .into_iter()
        .find(|(e, l, _)| *e == ep && *l == label)
    else {
        eprintln!("no workload {ep} {label}");
        std::process::exit(2);
    };
    let mode = std::env::var("PROF_MODE").unwrap_or_default();
    let opts = rosterguard::Options::default();
    let mut ok = 0;
    let t = std::time::Instant::now();
    for _ in 0..if mode == "parse" { 0 } else { n } {
        let built = if mode == "validate" {
            rosterguard::validate_str(ep, &input, &opts).is_ok_and(|r| r.ok)
        } else {
            rosterguard::build_str(ep, &input, &opts).is_ok()
        };
        if built {
            ok += 1;
        }
    }
    let per = t.elapsed().as_nanos() as f64 / n as f64;
    let t = std::time::Instant::now();
    for _ in 0..if mode == "build" || mode == "validate" {
        0
    } else {
        n
    } {
        let v: serde_json::Value = serde_json::from_str(&input).unwrap();
        std::hint::black_box(v);
    }
    let parse = t.elapsed().as_nanos() as f64 / n as f64;
    println!(
        "{ok} ok; parse+build {per:.0} ns, parse {parse:.0} ns, share {:.0}%",
        100.0 * parse / per
    );
}
