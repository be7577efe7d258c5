//! `src/generated.rs` is exactly what dash-codegen writes from the pinned wheel's
//! `metadata.json`. To regenerate after changing the pin in `suite.lock`:
//! `cargo run -p rust-dash-codegen -- library --metadata <the wheel's dash_ag_grid/metadata.json>
//! --namespace dash_ag_grid --out dash-ag-grid/src/generated.rs` (the build unpacks the wheel
//! into its `OUT_DIR`; this test prints the path when the file is out of date).

#[test]
fn committed_components_are_current() {
    let path = std::path::Path::new(dash_ag_grid::UNPACKED).join("dash_ag_grid/metadata.json");
    let metadata = std::fs::read_to_string(&path).unwrap();
    let library = dash_codegen::Library {
        namespace: dash_ag_grid::NAMESPACE,
        support: "::dash::__support",
        source: "`metadata.json`",
        builtin: false,
    };
    let generated = dash_codegen::generate(&library, &metadata).unwrap();
    let target = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/generated.rs");
    let committed = std::fs::read_to_string(&target).unwrap();
    assert!(
        generated == committed,
        "{} is out of date: regenerate it from {}",
        target.display(),
        path.display()
    );
}
