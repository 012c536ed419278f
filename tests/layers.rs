//! The layers point one way, and this test keeps them so (`make test` runs
//! it with the native tests). Every module under `src/` belongs to the
//! layer its folder names:
//!
//! `leaf` → `report` → `model` → `engine` → `vendors` → `api` → `meta` → `boundary`
//!
//! A module may name (`crate::…`, in a `use` or inline) only modules of its
//! own layer or a lower one, never the crate root's re-exports; the
//! modules' imports form no cycle; and nothing below `boundary` names
//! `wasm_bindgen`, `js_sys` or the boundary.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const LAYERS: [&str; 8] = [
    "leaf", "report", "model", "engine", "vendors", "api", "meta", "boundary",
];

fn rank(layer: &str) -> Option<usize> {
    LAYERS.iter().position(|l| *l == layer)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/engine/walk.rs` → `engine::walk`; `src/leaf/mod.rs` → `leaf`.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts.join("::")
}

/// The code of a file without comments and string literals (whose text
/// may mention `crate::…` or `wasm_bindgen` without importing anything).
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i] == b'r'
            && matches!(b.get(i + 1), Some(b'#') | Some(b'"'))
            && !b
                .get(i.wrapping_sub(1))
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
        {
            // Raw string r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&b'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&b'"') {
                out.push(b[i] as char);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == b'"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&b'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                if b[j] == b'\\' {
                    j += 1;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j + 1;
        } else if b[i] == b'\'' && b.get(i + 2) == Some(&b'\'') {
            // A char literal such as '"' or '{'.
            out.push_str("' '");
            i += 3;
        } else if b[i] == b'\'' && b.get(i + 1) == Some(&b'\\') {
            let mut j = i + 2;
            while j < b.len() && b[j] != b'\'' {
                j += 1;
            }
            out.push_str("' '");
            i = j + 1;
        } else {
            let ch = text[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// Every path named after `crate::`, grouped imports expanded:
/// `use crate::{leaf::x, model::{a, b}}` names `leaf::x` and `model`.
fn crate_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let before = rest[..i].chars().last();
        rest = &rest[i + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // `rosterguard_fuzz::crate::` and the like
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut end = 0;
            for (k, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = k;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let inner = &group[..end];
            let mut depth = 0;
            let mut item = String::new();
            for c in inner.chars().chain(std::iter::once(',')) {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        let path: String = item
                            .trim()
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                            .collect();
                        if !path.is_empty() {
                            out.push(path.trim_end_matches(':').to_owned());
                        }
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
        } else {
            let path: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            out.push(path.trim_end_matches(':').to_owned());
        }
    }
    out
}

struct Tree {
    /// module → its file's code.
    modules: BTreeMap<String, String>,
}

impl Tree {
    fn load() -> Tree {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let modules = files
            .iter()
            .map(|f| {
                (
                    module_of(&src, f),
                    code_only(&fs::read_to_string(f).unwrap()),
                )
            })
            .collect();
        Tree { modules }
    }

    /// The longest module that `path` names (`engine::walk::check_field` → `engine::walk`).
    fn target(&self, path: &str) -> Option<String> {
        let segs: Vec<&str> = path.split("::").collect();
        (1..=segs.len())
            .rev()
            .map(|n| segs[..n].join("::"))
            .find(|m| self.modules.contains_key(m))
    }

    fn edges(&self) -> BTreeMap<String, BTreeSet<String>> {
        let mut edges = BTreeMap::new();
        for (module, code) in &self.modules {
            let set: &mut BTreeSet<String> = edges.entry(module.clone()).or_default();
            for path in crate_paths(code) {
                if let Some(target) = self.target(&path) {
                    if &target != module && !target.is_empty() {
                        set.insert(target);
                    }
                }
            }
        }
        edges
    }
}

fn layer_of(module: &str) -> &str {
    module.split("::").next().unwrap_or("")
}

#[test]
fn every_module_sits_in_a_layer() {
    let tree = Tree::load();
    for module in tree.modules.keys() {
        if module == "lib" {
            continue;
        }
        assert!(
            rank(layer_of(module)).is_some(),
            "src/{module}: not in a layer folder ({LAYERS:?})"
        );
    }
}

#[test]
fn imports_point_down_and_never_at_the_crate_root() {
    let tree = Tree::load();
    let mut problems = Vec::new();
    for (module, code) in &tree.modules {
        if module == "lib" {
            continue;
        }
        let Some(own) = rank(layer_of(module)) else {
            continue;
        };
        for path in crate_paths(code) {
            let first = path.split("::").next().unwrap_or("");
            match rank(first) {
                Some(r) if r > own => problems.push(format!(
                    "{module} ({}) imports crate::{path} ({}), a higher layer",
                    LAYERS[own], LAYERS[r]
                )),
                Some(_) => {}
                None => problems.push(format!(
                    "{module} names crate::{path}: the crate root's re-exports are for callers; import the layer's module"
                )),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_module_imports_form_no_cycle() {
    let edges = Tree::load().edges();
    // Depth-first search with colours; reports the first cycle found.
    fn visit(
        m: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(m.to_owned(), 1);
        stack.push(m.to_owned());
        for next in edges.get(m).into_iter().flatten() {
            // A module and the modules inside it are one unit for cycles:
            // `engine` declares `engine::walk`, which may use `engine::sent`.
            if next.starts_with(&format!("{m}::")) || m.starts_with(&format!("{next}::")) {
                continue;
            }
            match state.get(next.as_str()) {
                Some(1) => {
                    let from = stack.iter().position(|s| s == next).unwrap_or(0);
                    let mut cycle = stack[from..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(next, edges, state, stack) {
                        return Some(c);
                    }
                }
            }
        }
        stack.pop();
        state.insert(m.to_owned(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in edges.keys() {
        if !state.contains_key(m) {
            if let Some(cycle) = visit(m, &edges, &mut state, &mut Vec::new()) {
                panic!("import cycle: {}", cycle.join(" → "));
            }
        }
    }
}

#[test]
fn the_core_never_names_the_boundary() {
    let tree = Tree::load();
    for (module, code) in &tree.modules {
        if layer_of(module) == "boundary" || module == "lib" {
            continue;
        }
        for word in ["wasm_bindgen", "js_sys", "boundary"] {
            // Whole identifiers only: `str::is_char_boundary` is not the JS one.
            let named = code.match_indices(word).any(|(at, _)| {
                let ident = |c: char| c.is_alphanumeric() || c == '_';
                let before = code[..at].chars().next_back();
                let after = code[at + word.len()..].chars().next();
                !before.is_some_and(ident) && !after.is_some_and(ident)
            });
            assert!(
                !named,
                "src/{module} names `{word}`: the core must not know the JS boundary"
            );
        }
    }
}

/// The checker itself: a cycle and an upward import are found.
#[test]
fn the_checker_sees_what_it_should() {
    let paths = crate_paths(&code_only(
        "use crate::{leaf::x, model::{a, b}};\nfn f() { crate::engine::walk::check(); }\n// crate::api\n",
    ));
    assert_eq!(paths, ["leaf::x", "model", "engine::walk::check"]);
    assert_eq!(
        code_only("let s = \"crate::api\"; // crate::x\nok"),
        "let s = \"\"; \nok"
    );
}
