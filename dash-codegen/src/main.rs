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
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dash_codegen::{Library, generate};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("builtin") => builtin(&args[1..]),
        Some("library") => library(&args[1..]),
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
    "usage: dash-codegen builtin <wheel-dir> --out <generated-dir> [--check]\n       dash-codegen library --metadata <file> --namespace <ns> --out <file> [--support <path>]".to_owned()
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
