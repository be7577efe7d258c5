//! `dash-codegen suite`, run as a user runs it: on dash-daq 0.6.0 (fetched with
//! `pip download`) it writes exactly the crate committed as `dash-daq/` in this
//! repository, which the examples build and tests/suites.rs drives in Chromium. Run again
//! over an edited crate, it rewrites only the generated files. Bad input gets a clear error.

use std::path::Path;
use std::process::{Command, Output};

fn codegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dash-codegen"))
        .args(args)
        .output()
        .expect("dash-codegen runs")
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

const FILES: &[&str] = &[
    "Cargo.toml",
    "build.rs",
    "suite.lock",
    "src/lib.rs",
    "src/generated.rs",
];

#[test]
fn writes_the_committed_dash_daq_crate() {
    let out = scratch("suite-dash-daq");
    let output = codegen(&[
        "suite",
        "dash-daq==0.6.0",
        "--out",
        out.to_str().unwrap(),
        "--name",
        "rust-dash-daq",
        "--dash",
        "..",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("component_library(dash_daq::library())"),
        "{stdout}"
    );
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../dash-daq");
    for file in FILES {
        let written = std::fs::read_to_string(out.join(file)).unwrap();
        let expected = std::fs::read_to_string(committed.join(file)).unwrap();
        assert!(
            written == expected,
            "dash-daq/{file} is not what `dash-codegen suite` writes: regenerate the crate \
             (see dash-codegen/tests/suite.rs)"
        );
    }

    // Run again over the user's edits: the generated files come back, the rest stay.
    std::fs::write(out.join("src/lib.rs"), "// the user's\n").unwrap();
    std::fs::write(out.join("suite.lock"), "# stale\n").unwrap();
    let again = codegen(&[
        "suite",
        "dash-daq==0.6.0",
        "--out",
        out.to_str().unwrap(),
        "--dash",
        "..",
    ]);
    assert!(again.status.success());
    assert_eq!(
        std::fs::read_to_string(out.join("src/lib.rs")).unwrap(),
        "// the user's\n"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("suite.lock")).unwrap(),
        std::fs::read_to_string(committed.join("suite.lock")).unwrap()
    );
}

#[test]
fn bad_input_gets_a_clear_error() {
    let out = scratch("suite-bad-input");
    let out = out.to_str().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &["suite", "dash-daq", "--out", out],
            "name the package and its version, as `dash-daq==0.6.0`",
        ),
        (&["suite", "dash-daq==0.6.0"], "usage:"),
        (
            &["suite", "no-such-dash-package-here==1.0.0", "--out", out],
            "`pip download no-such-dash-package-here==1.0.0` failed",
        ),
        (
            &["suite", "missing.whl", "--out", out],
            "cannot unpack missing.whl",
        ),
    ];
    for (args, message) in cases {
        let output = codegen(args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{args:?} succeeded");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
    assert!(!Path::new(out).exists(), "nothing is written on an error");
}
