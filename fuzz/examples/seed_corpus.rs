//! Writes the seed corpus of every fuzz target from `tests/fixtures`: each
//! seed and each case (with its `set` / `remove` applied and its options),
//! under a few option variants, plus vendor reply examples for
//! `parse_response`. Run from anywhere:
//! `cargo run --manifest-path fuzz/Cargo.toml --example seed_corpus`.
//! The corpus directory is git-ignored; the fixtures are the source.

use std::fs;
use std::path::{Path, PathBuf};

use rosterguard_fuzz::{encode, reply_seeds};
use serde_json::Value;

fn endpoint_index(id: &str) -> u8 {
    let index = rosterguard::endpoints()
        .iter()
        .position(|e| e.id == id)
        .unwrap_or_else(|| panic!("unknown endpoint {id}"));
    u8::try_from(index).expect("few endpoints")
}

/// `(endpoint id, input, options)` of every fixture case.
fn cases(fixtures: &Path) -> Vec<(String, Value, Value)> {
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = fs::read_dir(fixtures)
        .expect("tests/fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let endpoint = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for file in files {
            let fx: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let options = |v: &Value| v.get("options").cloned().unwrap_or(Value::Null);
            let Some(list) = fx.get("cases").and_then(Value::as_array) else {
                if let Some(input) = fx.get("input") {
                    out.push((endpoint.clone(), input.clone(), options(&fx)));
                }
                continue;
            };
            let base_file = dir.join(fx["base"].as_str().expect("base"));
            let base: Value =
                serde_json::from_str(&fs::read_to_string(base_file).unwrap()).unwrap();
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

fn main() {
    let fuzz_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = fuzz_dir.join("../tests/fixtures");
    let corpus = fuzz_dir.join("corpus");
    let mut written = 0usize;
    let mut write = |target: &str, name: String, bytes: &[u8]| {
        let dir = corpus.join(target);
        fs::create_dir_all(&dir).expect("corpus dir");
        fs::write(dir.join(name), bytes).expect("write seed");
        written += 1;
    };
    for (n, (endpoint, input, options)) in cases(&fixtures).into_iter().enumerate() {
        let index = endpoint_index(&endpoint);
        let allow = options.get("allowUnknown") == Some(&Value::Bool(true));
        let zh = options.get("locale").and_then(Value::as_str) == Some("zh-CN");
        let url_path = options.get("urlPath").and_then(Value::as_str);
        let json = input.to_string();
        // The case as written, then variants: the other locale, allowUnknown
        // flipped, and the two fixed urlPath modes.
        let variants = [
            encode(index, allow, zh, 0, url_path, &json),
            encode(index, allow, !zh, 0, url_path, &json),
            encode(index, !allow, zh, 0, url_path, &json),
            encode(index, allow, zh, 1, None, &json),
            encode(index, allow, zh, 3, None, &json),
        ];
        for (v, bytes) in variants.iter().enumerate() {
            for target in ["validate", "build_request"] {
                write(target, format!("fixture-{n:04}-{v}"), bytes);
            }
        }
    }
    for (n, (index, status, body)) in reply_seeds().into_iter().enumerate() {
        let mut bytes = vec![index];
        bytes.extend_from_slice(&status.to_be_bytes());
        bytes.extend_from_slice(body.as_bytes());
        write("parse_response", format!("reply-{n:04}"), &bytes);
    }
    println!("wrote {written} seed files under {}", corpus.display());
}
