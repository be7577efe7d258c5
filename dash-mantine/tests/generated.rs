//! `src/generated.rs` is exactly what dash-codegen writes from the pinned wheel's Python classes (it ships no `metadata.json`;
//! `dash_codegen::suite::metadata_of` reads their type annotations into one).
//! To regenerate after changing the pin in `suite.lock`, run this test: when the file is
//! out of date it says so, and `DASH_REGENERATE=1` makes it write the file instead.

#[test]
fn committed_components_are_current() {
    let package = std::path::Path::new(dash_mantine::UNPACKED).join(dash_mantine::NAMESPACE);
    let metadata = dash_codegen::suite::metadata_of(&package, dash_mantine::NAMESPACE).unwrap();
    let library = dash_codegen::Library {
        namespace: dash_mantine::NAMESPACE,
        support: "::dash::__support",
        source: "`metadata.json`",
        builtin: false,
    };
    let generated = dash_codegen::generate(&library, &metadata).unwrap();
    let target = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/generated.rs");
    let committed = std::fs::read_to_string(&target).unwrap();
    if generated != committed && std::env::var_os("DASH_REGENERATE").is_some() {
        std::fs::write(&target, generated).unwrap();
        return;
    }
    assert!(
        generated == committed,
        "{} is out of date: regenerate it from {} (DASH_REGENERATE=1 cargo test -p rust-dash-mantine --test generated)",
        target.display(),
        package.display()
    );
}
