//! `make demo` (native part): for every endpoint of the registry, validates
//! its doc examples (`tests/fixtures/<id>/seed*.json`) and a broken payload
//! (the rule case of its `cases.json` with the most errors), and prints the
//! reports and the built requests (tokens masked).

use rosterguard::{Locale, Options};
use serde_json::{json, Value};

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The endpoint's doc examples, by file name.
fn seeds(endpoint: &str) -> Vec<String> {
    let dir = format!("{}/tests/fixtures/{endpoint}", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("seed") && n.ends_with(".json"))
        .collect();
    names.sort();
    names
}

/// The rule case with the most expected errors, applied to its base.
fn broken(endpoint: &str) -> Option<(String, Value)> {
    let cases = fixture(&format!("{endpoint}/cases.json"));
    let base = fixture(&format!("{endpoint}/{}", cases["base"].as_str()?))["input"].clone();
    let case = cases["cases"]
        .as_array()?
        .iter()
        .max_by_key(|c| c["errors"].as_array().map_or(0, Vec::len))?;
    let mut input = case.get("input").cloned().unwrap_or(base);
    for (ptr, v) in case["set"].as_object().into_iter().flatten() {
        rosterguard::pointer::set(&mut input, ptr, v.clone());
    }
    for ptr in case["remove"].as_array().into_iter().flatten() {
        rosterguard::pointer::remove(&mut input, ptr.as_str()?);
    }
    Some((case["name"].as_str()?.to_owned(), input))
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
            println!("      body {}", safe.body_text());
        }
        Err(rosterguard::Error::Invalid(r)) => {
            println!("   -> not built: {} error(s)", r.errors.len())
        }
        Err(e) => println!("   -> not built: {e}"),
    }
    println!();
}

fn main() {
    for (n, ep) in rosterguard::endpoints().iter().enumerate() {
        for file in seeds(ep.id) {
            let input = fixture(&format!("{}/{file}", ep.id))["input"].clone();
            show(
                &format!("doc example {}/{file}", ep.id),
                ep.id,
                &input,
                Locale::En,
            );
        }
        if let Some((name, input)) = broken(ep.id) {
            // Alternate the languages, as an HR team would read them.
            let locale = if n % 2 == 0 { Locale::ZhCn } else { Locale::En };
            show(&format!("broken: {name}"), ep.id, &input, locale);
        }
    }
    show(
        "misuse: unknown endpoint",
        "nosuch.vendor",
        &json!({}),
        Locale::En,
    );
}
