//! The README's endpoint tables follow the registry: every endpoint has a
//! row (with its method and host), and no row names an endpoint that is not
//! there. The package README lists them too.

use std::fs;
use std::path::Path;

fn rows(file: &str, heading: &str) -> Vec<String> {
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
    let start = text
        .find(heading)
        .unwrap_or_else(|| panic!("{file}: no {heading:?} section"));
    text[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(str::to_owned)
        .collect()
}

fn id_of(row: &str) -> String {
    row.split('|')
        .nth(1)
        .unwrap_or("")
        .trim()
        .trim_matches('`')
        .to_owned()
}

#[test]
fn readme_endpoint_table_is_the_registry() {
    let rows = rows("README.md", "## Endpoints");
    let ids: Vec<&str> = rosterguard::endpoints().iter().map(|e| e.id).collect();
    for row in &rows {
        assert!(
            ids.contains(&id_of(row).as_str()),
            "README row for an unknown endpoint: {row}"
        );
    }
    for ep in rosterguard::endpoints() {
        let row = rows
            .iter()
            .find(|r| id_of(r) == ep.id)
            .unwrap_or_else(|| panic!("README.md § Endpoints has no row for {}", ep.id));
        let call = format!("`{} {}", ep.method, ep.default_base_url);
        assert!(
            row.contains(&call),
            "{}: the row does not say {call}…: {row}",
            ep.id
        );
    }
}

#[test]
fn package_readme_lists_every_endpoint() {
    let rows = rows("pkg-template/README.md", "| endpoint id |");
    for ep in rosterguard::endpoints() {
        assert!(
            rows.iter().any(|r| id_of(r) == ep.id),
            "pkg-template/README.md has no row for {}",
            ep.id
        );
    }
}
