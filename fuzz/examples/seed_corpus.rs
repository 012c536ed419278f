//! Writes the seed corpus of every fuzz target from `tests/fixtures` and the
//! registry: each fixture seed and each case (with its `set` / `remove`
//! applied and its options), under a few option variants, plus every
//! endpoint's sample replies and common garbage for `parse_response`, and a
//! libFuzzer dictionary of the registry's keys (`corpus/registry.dict`:
//! `dict/rosterguard.dict` plus every declared key). Run from anywhere:
//! `cargo run --manifest-path fuzz/Cargo.toml --example seed_corpus`.
//! The corpus directory is git-ignored; the fixtures are the source.
//!
//! Each fixture's endpoint is the one its file names (`"endpoint"`, or its
//! base file's for a `cases.json`), looked up in the registry. The run
//! fails when a fixture names an endpoint the registry lacks, or when an
//! endpoint of the registry gets no seed: it would not be fuzzed.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rosterguard_fuzz::{dict_line, encode, endpoint_index, registry_tokens, reply_seeds, UrlMode};
use serde_json::Value;

fn read_json(file: &Path) -> Value {
    let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// The endpoint id a fixture file is for: its `endpoint`, else its base
/// file's, else its folder's name.
fn fixture_endpoint(dir: &Path, fx: &Value) -> String {
    if let Some(id) = fx.get("endpoint").and_then(Value::as_str) {
        return id.to_owned();
    }
    if let Some(base) = fx.get("base").and_then(Value::as_str) {
        if let Some(id) = read_json(&dir.join(base))
            .get("endpoint")
            .and_then(Value::as_str)
        {
            return id.to_owned();
        }
    }
    dir.file_name().unwrap().to_string_lossy().into_owned()
}

/// `(endpoint id, input, options)` of every fixture seed and case.
fn cases(fixtures: &Path) -> Vec<(String, Value, Value)> {
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = fs::read_dir(fixtures)
        .expect("tests/fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for file in files {
            let fx = read_json(&file);
            let endpoint = fixture_endpoint(&dir, &fx);
            let options = |v: &Value| v.get("options").cloned().unwrap_or(Value::Null);
            let Some(list) = fx.get("cases").and_then(Value::as_array) else {
                if let Some(input) = fx.get("input") {
                    out.push((endpoint, input.clone(), options(&fx)));
                }
                continue;
            };
            let base = read_json(&dir.join(fx["base"].as_str().expect("base")));
            for case in list {
                let mut input = case
                    .get("input")
                    .cloned()
                    .unwrap_or_else(|| base["input"].clone());
                if let Some(Value::Object(set)) = case.get("set") {
                    for (ptr, v) in set {
                        rosterguard::pointer::set(&mut input, ptr, v.clone());
                    }
                }
                if let Some(Value::Array(remove)) = case.get("remove") {
                    for ptr in remove.iter().filter_map(Value::as_str) {
                        rosterguard::pointer::remove(&mut input, ptr);
                    }
                }
                out.push((endpoint.clone(), input, options(case)));
            }
        }
    }
    out
}

/// Removes the seeds an earlier run wrote (`fixture-*`, `reply-*`), so that
/// a changed layout or a removed fixture leaves no stale seed; inputs the
/// fuzzer added are kept.
fn clear_old_seeds(dir: &Path) {
    let Ok(list) = fs::read_dir(dir) else {
        return;
    };
    for entry in list.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("fixture-") || name.starts_with("reply-") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn main() -> ExitCode {
    let fuzz_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = fuzz_dir.join("../tests/fixtures");
    let corpus = fuzz_dir.join("corpus");
    let all = rosterguard::endpoints();
    assert!(all.len() <= 256, "the selector byte reaches 256 endpoints");
    for target in ["validate", "build_request", "parse_response"] {
        clear_old_seeds(&corpus.join(target));
    }
    let mut written = 0usize;
    // Seeds per endpoint (registry order): request targets, reply target.
    let mut per_endpoint = vec![(0usize, 0usize); all.len()];
    let mut write = |target: &str, name: String, bytes: &[u8]| {
        let dir = corpus.join(target);
        fs::create_dir_all(&dir).expect("corpus dir");
        fs::write(dir.join(name), bytes).expect("write seed");
        written += 1;
    };
    for (n, (endpoint, input, options)) in cases(&fixtures).into_iter().enumerate() {
        let index = endpoint_index(&endpoint).unwrap_or_else(|| {
            panic!("a fixture names endpoint {endpoint}, which the registry does not have")
        });
        per_endpoint[usize::from(index)].0 += 1;
        let allow = options.get("allowUnknown") == Some(&Value::Bool(true));
        let zh = options.get("locale").and_then(Value::as_str) == Some("zh-CN");
        let url_path = options.get("urlPath").and_then(Value::as_str);
        let json = input.to_string();
        // The case as written, then variants: the other locale, allowUnknown
        // flipped, the documented path and the unusual path as urlPath.
        let variants = [
            encode(index, allow, zh, UrlMode::None, url_path, &json),
            encode(index, allow, !zh, UrlMode::None, url_path, &json),
            encode(index, !allow, zh, UrlMode::None, url_path, &json),
            encode(index, allow, zh, UrlMode::Documented, None, &json),
            encode(index, allow, zh, UrlMode::Unusual, None, &json),
        ];
        for (v, bytes) in variants.iter().enumerate() {
            for target in ["validate", "build_request"] {
                write(target, format!("fixture-{n:04}-{v}"), bytes);
            }
        }
    }
    for (n, (index, status, body)) in reply_seeds().into_iter().enumerate() {
        per_endpoint[usize::from(index)].1 += 1;
        let mut bytes = vec![index];
        bytes.extend_from_slice(&status.to_be_bytes());
        bytes.extend_from_slice(body.as_bytes());
        write("parse_response", format!("reply-{n:04}"), &bytes);
    }

    // The dictionary: the hand-written tokens, then the registry's keys.
    let mut dict = fs::read_to_string(fuzz_dir.join("dict/rosterguard.dict")).expect("dict");
    dict.push_str("# From the registry (fuzz/examples/seed_corpus.rs):\n");
    for token in registry_tokens() {
        dict.push_str(&dict_line(&token));
        dict.push('\n');
    }
    fs::create_dir_all(&corpus).expect("corpus dir");
    fs::write(corpus.join("registry.dict"), dict).expect("write dictionary");

    let mut missing = Vec::new();
    for (ep, (requests, replies)) in all.iter().zip(&per_endpoint) {
        println!(
            "seeds: {:<36} {requests:>4} inputs, {replies:>4} replies",
            ep.id
        );
        if *requests == 0 || *replies == 0 {
            missing.push(ep.id);
        }
    }
    println!("wrote {written} seed files under {}", corpus.display());
    if !missing.is_empty() {
        eprintln!(
            "seed_corpus: no seed for {} (add tests/fixtures/<id>/seed.json): it would not be fuzzed",
            missing.join(", ")
        );
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
