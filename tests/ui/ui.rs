//! Compile-time errors of `#[dash::app]`, `#[derive(dash::Pages)]` and `embed_assets!`, one family per folder beside this file, with the
//! exact messages in `.stderr` snapshots; `pass/` holds what must compile and run.
//! `TRYBUILD=overwrite` rewrites the snapshots.

use std::path::Path;

/// The error families, one folder each.
const FAMILIES: [&str; 20] = [
    "assets",
    "attribute",
    "background",
    "clientside",
    "context",
    "cycle",
    "endpoint",
    "families",
    "forms",
    "graph",
    "ids",
    "javascript",
    "mcp",
    "memoize",
    "pages",
    "purity",
    "signature",
    "structure",
    "types",
    "wildcards",
];

/// The `.rs` cases in a folder of this package.
fn cases(folder: &str) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter(|entry| {
            entry
                .as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "rs"))
        })
        .count()
}

#[test]
fn ui() {
    // Every folder is run, and none is empty: a glob that matches nothing passes silently.
    let mut folders: Vec<String> = std::fs::read_dir(env!("CARGO_MANIFEST_DIR"))
        .unwrap()
        .filter_map(|entry| {
            let entry = entry.ok()?;
            entry.file_type().ok()?.is_dir().then_some(())?;
            Some(entry.file_name().to_string_lossy().into_owned())
        })
        .collect();
    folders.sort();
    let mut expected: Vec<String> = FAMILIES.iter().map(|f| f.to_string()).collect();
    expected.push("pass".into());
    expected.sort();
    assert_eq!(
        folders, expected,
        "a folder of cases that ui.rs does not run"
    );

    let t = trybuild::TestCases::new();
    for family in FAMILIES {
        assert!(cases(family) > 0, "{family}/ has no case");
        t.compile_fail(format!("{family}/*.rs"));
    }
    assert!(cases("pass") > 0, "pass/ has no case");
    t.pass("pass/*.rs");
}
