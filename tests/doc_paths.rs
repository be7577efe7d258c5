//! The doc examples are written as an app writes them: every code block in a published
//! crate's doc comments, and in the markdown the docs include, names the facade (`dash::`),
//! never the internal crates a user does not depend on (`dash_core::`, `dash_server::`,
//! `dash_components::`, `dash_macros::`), so that an example copied into an app resolves.

use std::path::{Path, PathBuf};

/// The crates whose docs users read (the internal ones are re-exported by `dash`).
const SOURCES: [&str; 8] = [
    "src",
    "dash-core/src",
    "dash-server/src",
    "dash-components/src",
    "dash-macros/src",
    "dash-ag-grid/src",
    "dash-bootstrap/src",
    "dash-mantine/src",
];

const INTERNAL: [&str; 4] = [
    "dash_core::",
    "dash_server::",
    "dash_components::",
    "dash_macros::",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs" || x == "md") {
            out.push(path);
        }
    }
}

/// The lines of code blocks in `text`'s docs: doc comments in Rust, everything in
/// markdown. Each with its line number.
fn code_lines(text: &str, markdown: bool) -> Vec<(usize, String)> {
    let mut inside = false;
    let mut found = Vec::new();
    for (at, line) in text.lines().enumerate() {
        let doc = if markdown {
            Some(line.trim_start())
        } else {
            let trimmed = line.trim_start();
            trimmed
                .strip_prefix("///")
                .or_else(|| trimmed.strip_prefix("//!"))
                .map(str::trim_start)
        };
        let Some(doc) = doc else {
            inside = false;
            continue;
        };
        if doc.starts_with("```") {
            inside = !inside;
        } else if inside {
            found.push((at + 1, doc.to_owned()));
        }
    }
    found
}

#[test]
fn doc_examples_name_the_facade_only() {
    let root = root();
    let mut paths = Vec::new();
    for source in SOURCES {
        files(&root.join(source), &mut paths);
    }
    paths.push(root.join("README.md"));
    let mut offences = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        let markdown = path.extension().is_some_and(|x| x == "md");
        for (line, code) in code_lines(&text, markdown) {
            if let Some(name) = INTERNAL.iter().find(|name| code.contains(*name)) {
                offences.push(format!(
                    "{}:{line}: `{name}` in a doc example: write `dash::`\n    {code}",
                    path.strip_prefix(&root).unwrap_or(path).display()
                ));
            }
        }
    }
    assert!(offences.is_empty(), "{}", offences.join("\n"));
}

#[test]
fn the_check_finds_what_it_looks_for() {
    let rust = "/// ```\n/// use dash_core::Node;\n/// ```\nfn f() {}\n// ```\n// dash_core::x\n";
    assert_eq!(
        code_lines(rust, false),
        [(2, "use dash_core::Node;".to_owned())]
    );
    let markdown = "text dash_core::x\n```rust\nuse dash::prelude::*;\n```\n";
    assert_eq!(
        code_lines(markdown, true),
        [(3, "use dash::prelude::*;".to_owned())]
    );
}
