//! The build script of a Dash component suite's crate (`rust-dash-ag-grid`,
//! `rust-dash-bootstrap`, `rust-dash-mantine`): it reads the crate's `suite.lock`, fetches what it pins with the
//! ordinary clients (`pip download` for a wheel, `npm pack` for an npm package), checks each
//! download's hash, and writes `suite.rs` into `OUT_DIR`: the served files embedded with
//! `include_bytes!`, each with gzip and brotli variants compressed here once.
//!
//! `suite.lock`, one entry per line (`#` starts a comment):
//!
//! ```text
//! wheel <pip name> <version> <sha256 of the .whl>
//! npm <npm name> <version> <sha512 integrity>
//! serve <served path> <wheel|npm:<name>> <path inside it> [script]
//! ```
//!
//! A `script` is loaded by the page; other files are served for the bundle to load (async
//! chunks) or for the app to link (stylesheets). `suite.rs` holds `add` (adds every file to
//! a `ComponentLibrary`, with its compressed variants, linking the stylesheet asked for),
//! `VERSION` (the wheel's) and `UNPACKED` (the folder the wheel was unpacked into, for the
//! test that regenerates the typed components).
//!
//! With `DOCS_RS` set, nothing is fetched and the table is empty. `DASH_PYTHON` names the
//! Python to run pip with (default `python3`), `DASH_NPM` the npm.
//!
//! Its steps are public for the other builds and tools that fetch pinned packages:
//! [`download_wheel`], [`unpack_wheel`] and [`sha256_of`] (`dash-codegen suite` writes a
//! suite crate with them), [`download_npm`], [`files_from_tarball`], [`gzip`] and
//! [`brotli()`] (rust-dash-server's build fetches and compresses Dash's own front end with
//! them).

mod compress;
mod fetch;
mod lock;

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

pub use compress::{brotli, gzip};
pub use fetch::{
    download_npm, download_wheel, files_from_tarball, python, sha256_of, unpack_wheel,
};
use fetch::{fetch_npm, fetch_wheel, from_tarball};
use lock::{Lock, Source};

/// The start of `suite.rs`'s `add`, which adds the served files to a library: each script
/// loaded by the page, each other file served, and `stylesheet` (a served file's path)
/// linked as the page's stylesheet.
const ADD_HEAD: &str = "/// Adds the suite's files to `library`; `stylesheet` names the one the page links.\n\
     #[allow(unused_variables)]\n\
     pub(crate) fn add(library: ::dash::ComponentLibrary, stylesheet: ::core::option::Option<&str>) \
     -> ::dash::ComponentLibrary {\n";

/// Runs the build: call it from the suite crate's `build.rs`.
pub fn build() {
    let manifest_dir = PathBuf::from(env("CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env("OUT_DIR"));
    let lock_path = manifest_dir.join("suite.lock");
    println!("cargo::rerun-if-changed={}", lock_path.display());
    for variable in ["DASH_PYTHON", "DASH_NPM", "DOCS_RS"] {
        println!("cargo::rerun-if-env-changed={variable}");
    }
    let lock = fs::read_to_string(&lock_path)
        .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", lock_path.display())));
    let lock = Lock::parse(&lock);

    if std::env::var_os("DOCS_RS").is_some() {
        let empty = format!(
            "{ADD_HEAD}    library\n}}\n\
             pub(crate) const VERSION: &str = \"\";\n\
             #[allow(dead_code)]\npub(crate) const UNPACKED: &str = \"\";\n"
        );
        fs::write(out_dir.join("suite.rs"), empty).unwrap_or_else(|e| fail(&e.to_string()));
        return;
    }

    let unpacked = fetch_wheel(&lock.wheel, &out_dir.join("wheel"));
    let tarballs: Vec<(String, PathBuf)> = lock
        .npm
        .iter()
        .map(|package| {
            (
                package.name.clone(),
                fetch_npm(package, &out_dir.join("npm")),
            )
        })
        .collect();

    let mut table = format!("{ADD_HEAD}    library\n");
    for served in &lock.served {
        let bytes = match &served.source {
            Source::Wheel => fs::read(unpacked.join(&served.inner))
                .unwrap_or_else(|e| fail(&format!("the wheel has no {}: {e}", served.inner))),
            Source::Npm(name) => {
                let (_, tarball) = tarballs
                    .iter()
                    .find(|(n, _)| n == name)
                    .unwrap_or_else(|| fail(&format!("no `npm {name}` line for {}", served.path)));
                from_tarball(tarball, &served.inner)
            }
        };
        let target = out_dir.join("files").join(&served.path);
        fs::create_dir_all(target.parent().expect("a file has a folder"))
            .unwrap_or_else(|e| fail(&e.to_string()));
        fs::write(&target, &bytes).unwrap_or_else(|e| fail(&e.to_string()));
        let variant = |suffix: &str, compressed: Vec<u8>| -> String {
            if compressed.len() >= bytes.len() {
                return "None".to_owned();
            }
            let path = PathBuf::from(format!("{}.{suffix}", target.display()));
            fs::write(&path, compressed).unwrap_or_else(|e| fail(&e.to_string()));
            format!("Some(include_bytes!({:?}))", path.display().to_string())
        };
        let gzip = variant("gz", gzip(&bytes));
        let brotli = variant("br", brotli(&bytes));
        let bytes = format!("include_bytes!({:?})", target.display().to_string());
        let path = &served.path;
        let add = if served.script {
            format!(".script({path:?}, {bytes})")
        } else {
            format!(
                ".served_file({path:?}, {bytes}, stylesheet == ::core::option::Option::Some({path:?}))"
            )
        };
        writeln!(
            table,
            "        {add}\n        .precompressed({gzip}, {brotli})"
        )
        .expect("writes to a string");
    }
    table.push_str("}\n");
    writeln!(
        table,
        "pub(crate) const VERSION: &str = {:?};\n#[allow(dead_code)]\npub(crate) const UNPACKED: &str = {:?};",
        lock.wheel.version,
        unpacked.display().to_string()
    )
    .expect("writes to a string");
    fs::write(out_dir.join("suite.rs"), table).unwrap_or_else(|e| fail(&e.to_string()));
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| fail(&format!("{name} is not set")))
}

pub(crate) fn fail(message: &str) -> ! {
    let package = std::env::var("CARGO_PKG_NAME").unwrap_or_default();
    panic!("\n\n{package}: {message}\n\n");
}
