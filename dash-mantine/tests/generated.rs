//! `src/generated.rs` is exactly what dash-codegen writes from the metadata that
//! `scripts/suite-metadata.py` reads out of the pinned wheel's Python classes. To
//! regenerate after changing the pin in `suite.lock`:
//!
//! ```sh
//! python3 scripts/suite-metadata.py <the unpacked wheel>/dash_mantine_components \
//!     dash_mantine_components > /tmp/metadata.json
//! cargo run -p rust-dash-codegen -- library --metadata /tmp/metadata.json \
//!     --namespace dash_mantine_components --out dash-mantine/src/generated.rs
//! ```
//!
//! (the build unpacks the wheel into its `OUT_DIR`; this test prints the path when the
//! file is out of date).

use std::path::Path;
use std::process::Command;

#[test]
fn committed_components_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let package = Path::new(dash_mantine::UNPACKED).join("dash_mantine_components");
    let output = Command::new("python3")
        .arg(root.join("../scripts/suite-metadata.py"))
        .arg(&package)
        .arg(dash_mantine::NAMESPACE)
        .output()
        .expect("python3 runs scripts/suite-metadata.py");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata = String::from_utf8(output.stdout).unwrap();
    let library = dash_codegen::Library {
        namespace: dash_mantine::NAMESPACE,
        support: "::dash::__support",
        source: "`metadata.json`",
        builtin: false,
    };
    let generated = dash_codegen::generate(&library, &metadata).unwrap();
    let target = root.join("src/generated.rs");
    let committed = std::fs::read_to_string(&target).unwrap();
    assert!(
        generated == committed,
        "{} is out of date: regenerate it from {}",
        target.display(),
        package.display()
    );
}
