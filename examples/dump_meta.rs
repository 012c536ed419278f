//! Prints every endpoint's `describe()` and `json_schema()` as one JSON
//! object `{id: {"describe": …, "jsonSchema": …}}`. `make pkg` ships it as
//! data, so the npm build's wasm does not carry the metadata code and texts.

fn main() {
    let mut all = serde_json::Map::new();
    for ep in rosterguard::endpoints() {
        let describe = rosterguard::describe(ep.id).expect("listed endpoint");
        let schema = rosterguard::json_schema(ep.id).expect("listed endpoint");
        all.insert(
            ep.id.to_owned(),
            serde_json::json!({"describe": describe, "jsonSchema": schema}),
        );
    }
    println!("{}", serde_json::Value::Object(all));
}
