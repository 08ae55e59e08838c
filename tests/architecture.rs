//! The layer map in docs/ARCHITECTURE.md, enforced on the source.
//!
//! Reads the map's two tables (who may use whom; crates kept to some
//! layers) and every `src/**/*.rs`, and fails naming the file and the path
//! that crosses the map. The map is parsed from the document itself, so the
//! page and the code cannot drift apart.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One row of the "who may use whom" table: the layers (or single items,
/// `ui::run`) a layer may name.
type Map = BTreeMap<String, BTreeSet<String>>;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The rows of the fenced block tagged `tag` (` ```layers `): `name : a b c`.
fn table(doc: &str, tag: &str) -> Map {
    let open = format!("```{tag}");
    let start = doc
        .find(&open)
        .unwrap_or_else(|| panic!("docs/ARCHITECTURE.md has no {open} block"))
        + open.len();
    let end = start
        + doc[start..]
            .find("```")
            .unwrap_or_else(|| panic!("the {open} block is not closed"));
    doc[start..end]
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let (name, allowed) = line
                .split_once(" :")
                .unwrap_or_else(|| panic!("{open} row without `name : …`: {line:?}"));
            let name = name.trim().to_owned();
            let allowed = allowed.split_whitespace().map(str::to_owned).collect();
            (name, allowed)
        })
        .collect()
}

fn read_map() -> (Map, Map) {
    let doc = std::fs::read_to_string(root().join("docs/ARCHITECTURE.md"))
        .expect("docs/ARCHITECTURE.md is readable");
    (table(&doc, "layers"), table(&doc, "confined"))
}

/// The source with comments blanked out, so doc links to other layers
/// (`[`crate::store`]`) are not mistaken for uses.
fn strip_comments(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while !rest.is_empty() {
        let line_comment = rest.find("//");
        let block_comment = rest.find("/*");
        let string = rest.find('"');
        let next = [line_comment, block_comment, string]
            .into_iter()
            .flatten()
            .min();
        let Some(at) = next else {
            out.push_str(rest);
            break;
        };
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if Some(at) == string && out.ends_with('\'') && rest[1..].starts_with('\'') {
            // The character literal '"'.
            out.push('"');
            rest = &rest[1..];
        } else if Some(at) == string {
            // Skip a string literal, keeping it out of the paths too.
            let mut chars = rest.char_indices().skip(1);
            let mut end = rest.len();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => {
                        end = i + 1;
                        break;
                    }
                    _ => {}
                }
            }
            out.push_str("\"\"");
            rest = &rest[end..];
        } else if Some(at) == line_comment {
            let end = rest.find('\n').unwrap_or(rest.len());
            rest = &rest[end..];
        } else {
            let end = rest.find("*/").map_or(rest.len(), |e| e + 2);
            rest = &rest[end..];
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The top-level names used through `prefix` (`crate::`): `crate::store::x`
/// gives `store::x`, and `crate::{model::Board, edit}` gives both. Each use
/// is returned as its full path, so single-item rules (`ui::run`) can match.
fn uses_after(code: &str, prefix: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = code[from..].find(prefix) {
        let start = from + at;
        from = start + prefix.len();
        let before = code[..start].chars().next_back();
        if before.is_some_and(|c| is_ident(c) || c == '$' || c == ':') {
            continue;
        }
        collect_paths(&code[from..], "", &mut found);
    }
    found
}

/// Read one path (or `{a, b::c}` group) at the start of `text`.
fn collect_paths(text: &str, base: &str, found: &mut Vec<String>) {
    let text = text.trim_start();
    if let Some(group) = text.strip_prefix('{') {
        let mut depth = 0;
        let mut item_start = 0;
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    collect_paths(&group[item_start..i], base, found);
                    return;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    collect_paths(&group[item_start..i], base, found);
                    item_start = i + 1;
                }
                _ => {}
            }
        }
        return;
    }
    let mut path = base.to_owned();
    let mut rest = text;
    loop {
        let len = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
        if len == 0 {
            break;
        }
        if !path.is_empty() {
            path.push_str("::");
        }
        path.push_str(&rest[..len]);
        rest = &rest[len..];
        match rest.strip_prefix("::") {
            Some(after) if after.trim_start().starts_with('{') => {
                collect_paths(after, &path, found);
                return;
            }
            Some(after) => rest = after,
            None => break,
        }
    }
    if !path.is_empty() && path != "self" {
        found.push(path);
    }
}

/// Whether `path` (`store::lock::Lock`) is allowed by one of `allowed`
/// (`store`, or the single item `ui::run`).
fn permits(allowed: &BTreeSet<String>, path: &str) -> bool {
    allowed
        .iter()
        .any(|rule| path == rule || path.starts_with(&format!("{rule}::")))
}

/// The layer a source file belongs to: its first folder under `src/`, or its
/// name for a top-level file (`src/headless.rs` is `headless`).
fn layer_of(file: &Path) -> String {
    let rel = file.strip_prefix(root().join("src")).expect("under src/");
    let first = rel.components().next().expect("non-empty path");
    let first = first.as_os_str().to_string_lossy();
    first.strip_suffix(".rs").unwrap_or(&first).to_owned()
}

/// Where `super::` chains climb out of their layer to the crate root, the
/// rest of the path names a top-level module, like `crate::`.
fn super_escapes(file: &Path, code: &str) -> Vec<String> {
    let rel = file.strip_prefix(root().join("src")).expect("under src/");
    let mut depth = rel.components().count();
    if rel.file_name().is_some_and(|n| n == "mod.rs") {
        depth -= 1;
    }
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = code[from..].find("super::") {
        let start = from + at;
        let before = code[..start].chars().next_back();
        let mut count = 0;
        let mut rest = &code[start..];
        while let Some(after) = rest.strip_prefix("super::") {
            count += 1;
            rest = after;
        }
        from = code.len() - rest.len();
        if before.is_some_and(|c| is_ident(c) || c == ':') {
            continue;
        }
        if count >= depth {
            collect_paths(rest, "", &mut found);
        }
    }
    found
}

/// Roots of outside crates and std modules a file names: `egui::…`,
/// `use eframe`, `std::fs`, `use std::{fs, io}`.
fn external_uses(code: &str, names: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for name in names {
        if let Some(module) = name.strip_prefix("std::") {
            let direct = uses_after(code, "std::")
                .iter()
                .any(|p| p == module || p.starts_with(&format!("{module}::")));
            if direct {
                found.insert(name.clone());
            }
        } else {
            let named = code.match_indices(name.as_str()).any(|(at, _)| {
                let before = code[..at].chars().next_back();
                let after = code[at + name.len()..].chars().next();
                !before.is_some_and(|c| is_ident(c) || c == ':')
                    && !after.is_some_and(is_ident)
                    && (code[at + name.len()..].starts_with("::")
                        || code[..at].trim_end().ends_with("use"))
            });
            if named {
                found.insert(name.clone());
            }
        }
    }
    found
}

/// Every crossing of the map in one file, as sentences.
fn violations(file: &Path, source: &str, layers: &Map, confined: &Map) -> Vec<String> {
    let layer = layer_of(file);
    let shown = file.strip_prefix(root()).unwrap_or(file).display();
    let Some(allowed) = layers.get(&layer) else {
        return vec![format!(
            "{shown}: layer `{layer}` is not in docs/ARCHITECTURE.md"
        )];
    };
    let code = strip_comments(source);
    let prefix = if layer == "main" {
        "shotboard::"
    } else {
        "crate::"
    };
    let mut problems = Vec::new();
    let mut paths = uses_after(&code, prefix);
    paths.extend(super_escapes(file, &code));
    for path in paths {
        let target = path.split("::").next().unwrap_or_default();
        if target != layer && layers.contains_key(target) && !permits(allowed, &path) {
            problems.push(format!(
                "{shown}: `{layer}` uses `{path}`, which the map does not allow"
            ));
        }
    }
    let names: BTreeSet<String> = confined.keys().cloned().collect();
    for name in external_uses(&code, &names) {
        if !confined[&name].contains(&layer) {
            problems.push(format!(
                "{shown}: `{layer}` uses `{name}`, which the map keeps to {:?}",
                confined[&name]
            ));
        }
    }
    problems
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_uses_only_the_layers_the_map_allows() {
    let (layers, confined) = read_map();
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    files.sort();
    assert!(files.len() > 50, "found only {} source files", files.len());
    let mut problems = Vec::new();
    for file in files.iter().filter(|f| !f.ends_with("src/lib.rs")) {
        let source = std::fs::read_to_string(file).expect("source is readable");
        problems.extend(violations(file, &source, &layers, &confined));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_map_names_exactly_the_crate_s_top_level_modules() {
    let (layers, confined) = read_map();
    let lib = strip_comments(&std::fs::read_to_string(root().join("src/lib.rs")).unwrap());
    let mut modules: BTreeSet<String> = lib
        .lines()
        .filter_map(|line| {
            let line = line.trim();
            let rest = line
                .strip_prefix("pub mod ")
                .or_else(|| line.strip_prefix("mod "))?;
            Some(rest.trim_end_matches([';', '{', ' ']).to_owned())
        })
        .collect();
    modules.insert("main".to_owned());
    let mapped: BTreeSet<String> = layers.keys().cloned().collect();
    assert_eq!(
        mapped, modules,
        "docs/ARCHITECTURE.md's layers vs src/lib.rs"
    );
    for (layer, allowed) in layers.iter().chain(&confined) {
        for rule in allowed {
            let target = rule.split("::").next().unwrap_or_default();
            assert!(
                layers.contains_key(target),
                "{layer}'s row names `{rule}`, which is not a layer"
            );
        }
    }
}

/// The checker itself: a map crossing in each form it can take is caught,
/// and allowed uses and mentions in comments and strings are not.
#[test]
fn the_checker_catches_each_form_of_forbidden_use() {
    let (layers, confined) = read_map();
    let src = root().join("src");
    let check = |file: &str, source: &str| violations(&src.join(file), source, &layers, &confined);
    let bad = [
        ("model/x.rs", "use crate::store::load;"),
        ("model/x.rs", "use crate::{ids::Id, ui::App};"),
        (
            "model/board.rs",
            "fn f() { let _ = crate::render::frame(); }",
        ),
        ("model/x.rs", "use std::fs;"),
        ("model/x.rs", "use std::{io, fs::File};"),
        ("store/x.rs", "use egui::Context;"),
        ("store/sub/x.rs", "use super::super::super::ui::App;"),
        ("export/x.rs", "fn f(c: &eframe::Frame) {}"),
        (
            "main.rs",
            "fn main() { shotboard::ui::app::ShotboardApp::new(); }",
        ),
    ];
    for (file, source) in bad {
        assert_eq!(check(file, source).len(), 1, "{file}: {source}");
    }
    let fine = [
        ("model/x.rs", "use crate::model::Board; use super::ids::Id;"),
        (
            "model/x.rs",
            "//! Unlike [`crate::store`], this never reads a file.",
        ),
        (
            "model/x.rs",
            "const HINT: &str = \"see crate::ui and std::fs\";",
        ),
        (
            "ui/x.rs",
            "use crate::{store, export::Job}; use egui::Ui; use std::fs;",
        ),
        ("store/sub/x.rs", "use super::super::atomic;"),
        ("main.rs", "fn main() { shotboard::ui::run(None); }"),
    ];
    for (file, source) in fine {
        assert_eq!(
            check(file, source),
            Vec::<String>::new(),
            "{file}: {source}"
        );
    }
}
