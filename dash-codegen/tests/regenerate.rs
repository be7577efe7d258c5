//! The committed components are exactly what the generator writes from the pinned metadata.

use std::path::Path;
use std::process::Command;

#[test]
fn committed_components_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    // Bounded: pip fetching the wheel may hang on a broken network.
    let output = Command::new("timeout")
        .args(["--kill-after=10", "300", "bash"])
        .arg(root.join("scripts/dash-metadata"))
        .stdin(std::process::Stdio::null())
        .output()
        .expect("bash runs scripts/dash-metadata");
    assert_ne!(
        output.status.code(),
        Some(124),
        "scripts/dash-metadata did not finish within 300 s"
    );
    assert!(
        output.status.success(),
        "scripts/dash-metadata could not fetch the dash wheel's metadata (it needs python3 and pip):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata = String::from_utf8(output.stdout).unwrap();
    let metadata = Path::new(metadata.trim());
    let files = dash_codegen::generate_builtin_files(|path| {
        std::fs::read_to_string(metadata.join(path)).map_err(|e| format!("{path}: {e}"))
    })
    .unwrap();
    let dir = root.join("dash-components/src/generated");
    for (file, generated) in &files {
        let committed_path = dir.join(file);
        let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
        assert!(
            *generated == committed,
            "{} is out of date: run scripts/generate-components",
            committed_path.display()
        );
    }
    // Every file in the folder is one the generator writes: none is left over or by hand.
    let mut committed: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    committed.sort();
    let mut written: Vec<String> = files.iter().map(|(file, _)| file.to_string()).collect();
    written.sort();
    assert_eq!(committed, written, "the files of {}", dir.display());
}

#[test]
fn the_custom_library_example_is_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/custom_library");
    let json = std::fs::read_to_string(dir.join("metadata.json")).unwrap();
    let library = dash_codegen::Library {
        namespace: "demo_components",
        support: "::dash::__support",
        source: "`metadata.json`",
        builtin: false,
    };
    let generated = dash_codegen::generate(&library, &json).unwrap();
    let committed = std::fs::read_to_string(dir.join("demo_components.rs")).unwrap();
    assert!(
        generated == committed,
        "examples/custom_library/demo_components.rs is out of date: see the command in main.rs"
    );
}
