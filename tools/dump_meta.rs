//! Prints every endpoint's `describe()`, `json_schema()` and sync facts as
//! one JSON object `{id: {"describe": …, "jsonSchema": …, "info": …}}`.
//! `make pkg` ships it as data, so the npm build's wasm does not carry the
//! metadata code and texts (`info` is merged into `endpoints()` by the glue).

fn main() {
    let mut all = serde_json::Map::new();
    for ep in rosterguard::endpoints() {
        let describe = rosterguard::describe(ep.id).expect("listed endpoint");
        let schema = rosterguard::json_schema(ep.id).expect("listed endpoint");
        let info = rosterguard::sync_info(ep);
        all.insert(
            ep.id.to_owned(),
            serde_json::json!({"describe": describe, "jsonSchema": schema, "info": info}),
        );
    }
    println!("{}", serde_json::Value::Object(all));
}
