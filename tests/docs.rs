//! The README's endpoint table is generated from the registry: this test
//! writes it between its markers with `UPDATE_SNAPSHOTS=1` (the same switch
//! as the message snapshot) and fails when it is out of date, so that an
//! endpoint added to the registry reaches the docs without a hand edit.
//! (The package README's table is filled in by `scripts/assemble-pkg.mjs`.)

use std::fmt::Write;
use std::fs;
use std::path::Path;

const BEGIN: &str = "<!-- endpoints: generated from the registry by tests/docs.rs (UPDATE_SNAPSHOTS=1 cargo test --test docs) -->";
const END: &str = "<!-- /endpoints -->";

fn table() -> String {
    let mut out = String::from(
        "| id | vendor page | method and documented URL | token | documented rate |\n|---|---|---|---|---|\n",
    );
    for ep in rosterguard::endpoints() {
        let mut url = format!("{}{}", ep.default_base_url, ep.documented_path);
        let required: Vec<&str> = ep
            .query
            .map(|q| {
                q.fields
                    .iter()
                    .filter(|f| f.required)
                    .map(|f| f.key)
                    .collect()
            })
            .unwrap_or_default();
        for (i, key) in required.iter().enumerate() {
            let _ = write!(url, "{}{key}=…", if i == 0 { '?' } else { '&' });
        }
        let token = ep
            .token_pointer()
            .map_or_else(|| "—".to_owned(), |p| format!("`{p}`"));
        let rate = format!("{}/s", ep.rate_per_second);
        let _ = writeln!(
            out,
            "| `{}` | [{}]({}){} | `{} {url}` | {token} | {rate} |",
            ep.id,
            ep.title.zh,
            ep.doc_url,
            if ep.deprecated.is_some() {
                " (deprecated)"
            } else {
                ""
            },
            ep.method,
        );
    }
    out
}

#[test]
fn readme_endpoint_table_is_generated_from_the_registry() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let text = fs::read_to_string(&path).unwrap();
    let start = text
        .find(BEGIN)
        .expect("README.md: no endpoint table marker")
        + BEGIN.len();
    let end = start + text[start..].find(END).expect("README.md: no end marker");
    let want = format!("\n{}", table());
    if text[start..end] != want {
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            fs::write(&path, format!("{}{want}{}", &text[..start], &text[end..])).unwrap();
        } else {
            panic!("README.md's endpoint table is out of date: run UPDATE_SNAPSHOTS=1 cargo test --test docs\n{want}");
        }
    }
}
