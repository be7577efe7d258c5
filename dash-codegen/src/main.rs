//! `dash-codegen`: writes typed Rust components from Dash component metadata.
//!
//! ```text
//! dash-codegen builtin <dir> --out <generated-dir> [--check]
//!     Regenerates the built-in components (dash-components/src/generated/ in this
//!     repository; scripts/generate-components passes it) from the `dash` wheel unpacked
//!     in <dir> (it holds dash/dcc/metadata.json, dash/html/… and dash/dash_table/…).
//!     With --check, only reports whether the files in <generated-dir> are up to date.
//!
//! dash-codegen library --metadata <metadata.json> --namespace <ns> --out <file.rs> [--support <path>]
//!     Types another component library. <ns> is the global its bundle defines
//!     (e.g. `dash_bootstrap_components`); <path> is how the generated file reaches the
//!     support module (default `::dash::__support`).
//!
//! dash-codegen suite <pip-name>==<version> | <file.whl> --out <crate-dir>
//!         [--name <crate>] [--namespace <package>] [--dash <checkout>]
//!     Writes a crate for a Dash component package: `suite.lock` pinning its wheel (fetched
//!     with `pip download`) by SHA-256, `build.rs`, `src/lib.rs` with `library()`, and
//!     `src/generated.rs` with its components, typed from its `metadata.json` or, when it
//!     ships none, from its Python classes. <checkout> is this repository, as the crate's
//!     Cargo.toml writes it (default: where dash-codegen was built from). Run again, it
//!     rewrites only `suite.lock` and `src/generated.rs`.
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dash_codegen::suite::{SuiteOptions, suite_files, write_suite};
use dash_codegen::{Library, generate};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("builtin") => builtin(&args[1..]),
        Some("library") => library(&args[1..]),
        Some("suite") => suite(&args[1..]),
        _ => Err(usage()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("dash-codegen: {message}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> String {
    "usage: dash-codegen builtin <wheel-dir> --out <generated-dir> [--check]\n       dash-codegen library --metadata <file> --namespace <ns> --out <file> [--support <path>]\n       dash-codegen suite <pip-name>==<version> | <file.whl> --out <crate-dir> [--name <crate>] [--namespace <package>] [--dash <checkout>]".to_owned()
}

fn builtin(args: &[String]) -> Result<(), String> {
    let dir = args
        .first()
        .filter(|a| !a.starts_with("--"))
        .ok_or_else(usage)?;
    let check = args.iter().any(|a| a == "--check");
    let out_dir = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
        .ok_or_else(usage)?;
    let mut stale = Vec::new();
    let files = dash_codegen::generate_builtin_files(|path| {
        let metadata = Path::new(dir).join(path);
        std::fs::read_to_string(&metadata)
            .map_err(|e| format!("cannot read {}: {e}", metadata.display()))
    })?;
    for (file, code) in files {
        let target = out_dir.join(file);
        let current = std::fs::read_to_string(&target).unwrap_or_default();
        if current == code {
            continue;
        }
        if check {
            stale.push(target);
        } else {
            std::fs::write(&target, code)
                .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
            println!("wrote {}", target.display());
        }
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "out of date: {}",
            stale
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    }
}

fn library(args: &[String]) -> Result<(), String> {
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let metadata = PathBuf::from(flag("--metadata").ok_or_else(usage)?);
    let namespace = flag("--namespace").ok_or_else(usage)?;
    let out = PathBuf::from(flag("--out").ok_or_else(usage)?);
    let support = flag("--support").unwrap_or_else(|| "::dash::__support".to_owned());
    let json = std::fs::read_to_string(&metadata)
        .map_err(|e| format!("cannot read {}: {e}", metadata.display()))?;
    let source = format!(
        "`{}`",
        metadata.file_name().unwrap_or_default().to_string_lossy()
    );
    let library = Library {
        namespace: &namespace,
        support: &support,
        source: &source,
        builtin: false,
    };
    let code = generate(&library, &json).map_err(|e| e.to_string())?;
    std::fs::write(&out, code).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("wrote {}", out.display());
    Ok(())
}

fn suite(args: &[String]) -> Result<(), String> {
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map(String::as_str)
    };
    let package = args
        .first()
        .filter(|a| !a.starts_with("--"))
        .ok_or_else(usage)?;
    let out = PathBuf::from(flag("--out").ok_or_else(usage)?);
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("dash-codegen sits in the repository")
        .display()
        .to_string();
    let options = SuiteOptions {
        name: flag("--name"),
        namespace: flag("--namespace"),
        dash: flag("--dash").unwrap_or(&checkout),
    };
    let scratch = std::env::temp_dir().join(format!("dash-codegen-{}", std::process::id()));
    let result = (|| {
        let wheel = if package.ends_with(".whl") {
            PathBuf::from(package)
        } else {
            let (name, version) = package.split_once("==").ok_or_else(|| {
                format!("`{package}`: name the package and its version, as `dash-daq==0.6.0`")
            })?;
            dash_suite_build::download_wheel(name, version, &scratch)?
        };
        let unpacked = scratch.join("unpacked");
        dash_suite_build::unpack_wheel(&wheel, &unpacked)?;
        let suite = suite_files(&wheel, &unpacked, options)?;
        Ok::<_, String>((suite.namespace.clone(), write_suite(&out, &suite.files)?))
    })();
    let _ = std::fs::remove_dir_all(&scratch);
    let (namespace, written) = result?;
    for path in written {
        println!("wrote {}", path.display());
    }
    println!(
        "next: depend on it (`cargo add --path {}`, or add it to your workspace's members), \
         then register it with `Dash::new().component_library({namespace}::library())`",
        out.display()
    );
    Ok(())
}
