fn main() {
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/dingtalk.updateEmployeeRoster/seed.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let fx: serde_json::Value = serde_json::from_str(&text).unwrap();
    let input = fx["input"].to_string();
    let opts = rosterguard::Options::default();
    let mut n = 0;
    for _ in 0..200000 {
        let v: serde_json::Value = serde_json::from_str(&input).unwrap();
        if rosterguard::build_request("dingtalk.updateEmployeeRoster", &v, &opts).is_ok() {
            n += 1;
        }
    }
    println!("{n}");
}
