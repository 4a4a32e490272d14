//! The shape of the crate, checked: no two top-level modules import each
//! other, directly or around a loop.
//!
//! The flow is one line (cli → registry → lab → expect → report → render),
//! and a cycle is the first sign of a concern in the wrong place. This test
//! reads every file under src/, collects the `crate::module` paths its
//! non-test code names (in `use` lines and in paths alike, grouped imports
//! included), and fails on any cycle in the graph of top-level modules,
//! naming the loop.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The top-level module a file belongs to: `src/net/poll.rs` → `net`.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.trim_end_matches(".rs");
    (!matches!(name, "lib" | "main")).then(|| name.to_string())
}

/// The first identifier of `text`.
fn first_name(text: &str) -> String {
    text.trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The items of a `{...}` group that `text` starts just inside of, split at
/// its top-level commas (nested groups stay whole).
fn group_items(text: &str) -> Vec<&str> {
    let (mut depth, mut start, mut items) = (0, 0, Vec::new());
    for (at, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&text[start..at]);
                return items;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&text[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    items
}

/// Every top-level module named after `crate::` in `code` (comments
/// excluded), including the ones inside `crate::{a, b::{c, d}}`.
fn modules_named(code: &str) -> BTreeSet<String> {
    let code: String = code
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut named = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let names: Vec<String> = match rest.strip_prefix('{') {
            Some(group) => group_items(group).into_iter().map(first_name).collect(),
            None => vec![first_name(rest)],
        };
        named.extend(names.into_iter().filter(|n| !n.is_empty() && n != "self"));
    }
    named
}

fn dependency_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let Some(module) = module_of(&src, &file) else {
            continue;
        };
        let text = fs::read_to_string(&file).unwrap();
        // Unit tests may borrow fixtures from anywhere; the shape is about
        // the code that ships.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let entry = graph.entry(module.clone()).or_default();
        for used in modules_named(code) {
            if used != module {
                entry.insert(used);
            }
        }
    }
    graph
}

/// A loop in `graph` as `a → b → a`, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_imports_another_that_imports_it_back() {
    let graph = dependency_graph();
    assert!(graph.len() > 10, "src/ was not read: {graph:?}");
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "import cycle between top-level modules: {}\n\
             fix: move the shared item into the module both depend on (or a new one), \
             so the dependency points one way",
            cycle.join(" → ")
        );
    }
}

#[test]
fn render_knows_reports_only() {
    let graph = dependency_graph();
    let render = &graph["render"];
    for forbidden in ["bench", "doctor", "net", "labs", "roles"] {
        assert!(
            !render.contains(forbidden),
            "render uses {forbidden}: renderers turn a Report into text and know nothing else; \
             let {forbidden} render its own results"
        );
    }
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(find_cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
    assert_eq!(
        modules_named("use crate::{net::{self, x}, report::Report};\ncrate::timeline::record()"),
        BTreeSet::from(["net".into(), "report".into(), "timeline".into()])
    );
}

#[test]
fn errors_are_typed_not_strings() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut found = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (number, line) in code.lines().enumerate() {
            if line.contains("Result<") && line.contains(", String>") {
                found.push(format!(
                    "{}:{}: {}",
                    file.display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "errors as Strings (give each a type with thiserror, as roles::ServeError does):\n{}",
        found.join("\n")
    );
}
