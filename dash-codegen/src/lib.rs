//! Generates typed Rust components from a Dash component library's `metadata.json`.
//!
//! `dash` ships the output for Dash's own libraries; run the `dash-codegen` binary to
//! regenerate them or to type another component library (see the README).

mod children;
mod emit;
mod metadata;
mod names;
mod overrides;
mod resolve;
mod types;

use std::io::Write as _;
use std::process::{Command, Stdio};

pub use emit::Library;

/// Errors of one generation run.
#[derive(Debug)]
pub enum Error {
    /// The metadata file is not valid JSON of the expected shape.
    Metadata(serde_json::Error),
    /// rustfmt could not be run or rejected the output.
    Format(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Metadata(e) => write!(f, "cannot read metadata.json: {e}"),
            Error::Format(e) => write!(f, "cannot format the generated code: {e}"),
        }
    }
}

impl std::error::Error for Error {}

/// Generates and formats (with rustfmt) the Rust source for one library.
pub fn generate(library: &Library<'_>, metadata_json: &str) -> Result<String, Error> {
    let meta = metadata::parse(metadata_json).map_err(Error::Metadata)?;
    rustfmt(&emit::library(library, &meta))
}

/// Formats source text with the toolchain's rustfmt.
fn rustfmt(source: &str) -> Result<String, Error> {
    let mut child = Command::new(std::env::var("RUSTFMT").unwrap_or_else(|_| "rustfmt".into()))
        .args(["--edition", "2024", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::Format(format!("running rustfmt: {e}")))?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let text = source.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|e| Error::Format(e.to_string()))?;
    let _ = writer.join();
    if !output.status.success() {
        return Err(Error::Format(
            String::from_utf8_lossy(&output.stderr).into_owned(),
        ));
    }
    String::from_utf8(output.stdout).map_err(|e| Error::Format(e.to_string()))
}

/// One of Dash's own libraries, generated into `dash-components/src/generated/`.
pub struct Builtin {
    /// Path of its `metadata.json` inside the unpacked `dash` wheel.
    pub metadata: &'static str,
    /// The namespace its bundle defines.
    pub namespace: &'static str,
    /// The generated file's name.
    pub file: &'static str,
}

/// The version of the `dash` wheel the built-in components come from.
pub const DASH_VERSION: &str = "4.4.1";

/// Dash's own libraries.
pub const BUILTIN: &[Builtin] = &[
    Builtin {
        metadata: "dash/dcc/metadata.json",
        namespace: "dash_core_components",
        file: "dcc.rs",
    },
    Builtin {
        metadata: "dash/html/metadata.json",
        namespace: "dash_html_components",
        file: "html.rs",
    },
    Builtin {
        metadata: "dash/dash_table/metadata.json",
        namespace: "dash_table",
        file: "dash_table.rs",
    },
];

/// Generates one built-in library, exactly as committed.
pub fn generate_builtin(builtin: &Builtin, metadata_json: &str) -> Result<String, Error> {
    let source = format!("{} of the `dash` {DASH_VERSION} wheel", builtin.metadata);
    let library = Library {
        namespace: builtin.namespace,
        support: "crate::__support",
        source: &source,
    };
    generate(&library, metadata_json)
}
