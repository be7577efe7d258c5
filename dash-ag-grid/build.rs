//! Fetches the pinned dash-ag-grid wheel with `pip download`, checks its SHA-256 against
//! `suite.lock`, and writes `suite.rs` into `OUT_DIR`: the wheel's `metadata.json` path and
//! a table of the served files, each embedded with `include_bytes!`, with its gzip and
//! brotli variants compressed here once.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

/// The Python package folder inside the wheel.
const PACKAGE: &str = "dash_ag_grid";

fn main() {
    let manifest_dir = PathBuf::from(env("CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env("OUT_DIR"));
    let lock_path = manifest_dir.join("suite.lock");
    println!("cargo::rerun-if-changed={}", lock_path.display());
    println!("cargo::rerun-if-env-changed=DASH_PYTHON");
    println!("cargo::rerun-if-env-changed=DOCS_RS");
    let lock = fs::read_to_string(&lock_path)
        .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", lock_path.display())));
    let (wheel, files) = parse_lock(&lock);

    // The documentation host builds without network: the docs need no bundle.
    if std::env::var_os("DOCS_RS").is_some() {
        let empty = "pub(crate) const FILES: &[SuiteFile] = &[];\n\
                     pub(crate) const METADATA: &str = \"\";\n\
                     pub(crate) const VERSION: &str = \"\";\n";
        fs::write(out_dir.join("suite.rs"), empty).unwrap_or_else(|e| fail(&e.to_string()));
        return;
    }

    let unpacked = fetch_verified(&wheel, &out_dir.join("wheel"));
    let mut table = String::from("pub(crate) const FILES: &[SuiteFile] = &[\n");
    for (script, path) in &files {
        let source = unpacked.join(PACKAGE).join(path);
        let bytes = fs::read(&source)
            .unwrap_or_else(|e| fail(&format!("the wheel has no {PACKAGE}/{path}: {e}")));
        let target = out_dir.join("files").join(path);
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
        writeln!(
            table,
            "    SuiteFile {{ path: {path:?}, script: {script}, bytes: include_bytes!({:?}), \
             gzip: {gzip}, brotli: {brotli} }},",
            target.display().to_string()
        )
        .expect("writes to a string");
    }
    table.push_str("];\n");
    let metadata = unpacked.join(PACKAGE).join("metadata.json");
    writeln!(
        table,
        "/// The wheel's `metadata.json`, which `src/generated.rs` was written from.\n\
         pub(crate) const METADATA: &str = {:?};",
        metadata.display().to_string()
    )
    .expect("writes to a string");
    writeln!(
        table,
        "/// The wheel's version.\npub(crate) const VERSION: &str = {:?};",
        wheel.version
    )
    .expect("writes to a string");
    fs::write(out_dir.join("suite.rs"), table).unwrap_or_else(|e| fail(&e.to_string()));
}

struct Wheel {
    name: String,
    version: String,
    sha256: String,
}

fn parse_lock(lock: &str) -> (Wheel, Vec<(bool, String)>) {
    let mut wheel = None;
    let mut files = Vec::new();
    for (number, line) in lock.lines().enumerate() {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            [] => {}
            [first, ..] if first.starts_with('#') => {}
            ["wheel", name, version, sha256] => {
                wheel = Some(Wheel {
                    name: name.to_string(),
                    version: version.to_string(),
                    sha256: sha256.to_string(),
                });
            }
            ["script", path] => files.push((true, path.to_string())),
            ["file", path] => files.push((false, path.to_string())),
            _ => fail(&format!(
                "suite.lock line {}: cannot parse `{line}`",
                number + 1
            )),
        }
    }
    (
        wheel.unwrap_or_else(|| fail("suite.lock has no `wheel` line")),
        files,
    )
}

/// The wheel, downloaded unless a copy with the pinned hash is there, then unpacked.
fn fetch_verified(wheel: &Wheel, dir: &Path) -> PathBuf {
    let file_name = format!(
        "{}-{}-py3-none-any.whl",
        wheel.name.replace('-', "_"),
        wheel.version
    );
    let path = dir.join(&file_name);
    let unpacked = dir.join("unpacked");
    let verified = |path: &Path| {
        fs::read(path).is_ok_and(|bytes| hex(&Sha256::digest(&bytes)) == wheel.sha256)
    };
    if !verified(&path) {
        fs::create_dir_all(dir).unwrap_or_else(|e| fail(&e.to_string()));
        let python = std::env::var("DASH_PYTHON").unwrap_or_else(|_| "python3".to_owned());
        let status = Command::new(&python)
            .args([
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--only-binary=:all:",
            ])
            .arg(format!("{}=={}", wheel.name, wheel.version))
            .arg("-d")
            .arg(dir)
            .status()
            .unwrap_or_else(|e| {
                fail(&format!(
                    "cannot run `{python} -m pip` ({e}): the suite's bundle comes from its \
                     Python wheel; install python3 and pip (apt-get install python3-pip), or \
                     name another Python with DASH_PYTHON"
                ))
            });
        if !status.success() {
            fail(&format!(
                "`pip download {}=={}` failed",
                wheel.name, wheel.version
            ));
        }
        if !verified(&path) {
            fail(&format!(
                "{file_name} does not have the SHA-256 that suite.lock pins ({})",
                wheel.sha256
            ));
        }
        let _ = fs::remove_dir_all(&unpacked);
    }
    if !unpacked.join(PACKAGE).is_dir() {
        let python = std::env::var("DASH_PYTHON").unwrap_or_else(|_| "python3".to_owned());
        let status = Command::new(&python)
            .args(["-m", "zipfile", "-e"])
            .arg(&path)
            .arg(&unpacked)
            .status()
            .unwrap_or_else(|e| fail(&format!("cannot run `{python} -m zipfile`: {e}")));
        if !status.success() {
            fail(&format!("cannot unpack {file_name}"));
        }
    }
    unpacked
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("writes to memory");
    encoder.finish().expect("writes to memory")
}

/// Brotli at quality 9: nearly the size of the slowest setting, in a fraction of its time.
fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 9,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("writes to memory");
    out
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| fail(&format!("{name} is not set")))
}

fn fail(message: &str) -> ! {
    panic!("\n\ndash-ag-grid: {message}\n\n");
}
