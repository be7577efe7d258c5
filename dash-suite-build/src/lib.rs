//! The build script of a Dash component suite's crate (`rust-dash-ag-grid`,
//! `rust-dash-bootstrap`): it reads the crate's `suite.lock`, fetches what it pins with the
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
//! chunks) or for the app to link (stylesheets). `suite.rs` holds `FILES` (path, script,
//! bytes, gzip, brotli), `VERSION` (the wheel's) and `UNPACKED` (the folder the wheel was
//! unpacked into, for the test that regenerates the typed components).
//!
//! With `DOCS_RS` set, nothing is fetched and the table is empty. `DASH_PYTHON` names the
//! Python to run pip with (default `python3`), `DASH_NPM` the npm.

use std::fmt::Write as _;
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine as _;
use sha2::{Digest, Sha256, Sha512};

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
        let empty = "pub(crate) const FILES: &[SuiteFile] = &[];\n\
                     pub(crate) const VERSION: &str = \"\";\n\
                     #[allow(dead_code)]\npub(crate) const UNPACKED: &str = \"\";\n";
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

    let mut table = String::from("pub(crate) const FILES: &[SuiteFile] = &[\n");
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
        writeln!(
            table,
            "    SuiteFile {{ path: {:?}, script: {}, bytes: include_bytes!({:?}), \
             gzip: {gzip}, brotli: {brotli} }},",
            served.path,
            served.script,
            target.display().to_string()
        )
        .expect("writes to a string");
    }
    table.push_str("];\n");
    writeln!(
        table,
        "pub(crate) const VERSION: &str = {:?};\n#[allow(dead_code)]\npub(crate) const UNPACKED: &str = {:?};",
        lock.wheel.version,
        unpacked.display().to_string()
    )
    .expect("writes to a string");
    fs::write(out_dir.join("suite.rs"), table).unwrap_or_else(|e| fail(&e.to_string()));
}

struct Wheel {
    name: String,
    version: String,
    sha256: String,
}

struct Npm {
    name: String,
    version: String,
    integrity: String,
}

enum Source {
    Wheel,
    Npm(String),
}

struct Served {
    path: String,
    source: Source,
    inner: String,
    script: bool,
}

struct Lock {
    wheel: Wheel,
    npm: Vec<Npm>,
    served: Vec<Served>,
}

impl Lock {
    fn parse(text: &str) -> Lock {
        let mut wheel = None;
        let mut npm = Vec::new();
        let mut served = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let words: Vec<&str> = line.split_whitespace().collect();
            let source = |word: &str| match word {
                "wheel" => Source::Wheel,
                other => match other.strip_prefix("npm:") {
                    Some(name) => Source::Npm(name.to_owned()),
                    None => fail(&format!(
                        "suite.lock line {}: unknown source `{other}`",
                        number + 1
                    )),
                },
            };
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
                ["npm", name, version, integrity] => npm.push(Npm {
                    name: name.to_string(),
                    version: version.to_string(),
                    integrity: integrity.to_string(),
                }),
                ["serve", path, from, inner] | ["serve", path, from, inner, "script"] => {
                    served.push(Served {
                        path: path.to_string(),
                        source: source(from),
                        inner: inner.to_string(),
                        script: words.len() == 5,
                    });
                }
                _ => fail(&format!(
                    "suite.lock line {}: cannot parse `{line}`",
                    number + 1
                )),
            }
        }
        Lock {
            wheel: wheel.unwrap_or_else(|| fail("suite.lock has no `wheel` line")),
            npm,
            served,
        }
    }
}

/// The wheel, downloaded unless a copy with the pinned hash is there, then unpacked.
fn fetch_wheel(wheel: &Wheel, dir: &Path) -> PathBuf {
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
    let python = std::env::var("DASH_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    if !verified(&path) {
        fs::create_dir_all(dir).unwrap_or_else(|e| fail(&e.to_string()));
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
    if !unpacked.is_dir() {
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

/// The npm package's tarball, fetched with `npm pack` unless a copy with the pinned
/// integrity is there.
fn fetch_npm(package: &Npm, dir: &Path) -> PathBuf {
    let file_name = format!(
        "{}-{}.tgz",
        package.name.trim_start_matches('@').replace('/', "-"),
        package.version
    );
    let path = dir.join(&file_name);
    if path.exists() && integrity_of(&path) == package.integrity {
        return path;
    }
    fs::create_dir_all(dir).unwrap_or_else(|e| fail(&e.to_string()));
    let npm = std::env::var("DASH_NPM").unwrap_or_else(|_| "npm".to_owned());
    let spec = format!("{}@{}", package.name, package.version);
    let output = Command::new(&npm)
        .args([
            "pack",
            "--silent",
            "--ignore-scripts",
            "--prefer-offline",
            "--pack-destination",
        ])
        .arg(dir)
        .arg(&spec)
        .output()
        .unwrap_or_else(|e| {
            fail(&format!(
                "cannot run `{npm}` ({e}): install Node.js and npm (apt-get install nodejs \
                 npm), or set DASH_NPM"
            ))
        });
    if !output.status.success() {
        fail(&format!(
            "`{npm} pack {spec}` failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let actual = integrity_of(&path);
    if actual != package.integrity {
        let _ = fs::remove_file(&path);
        fail(&format!(
            "{spec} does not match suite.lock.\n  expected {}\n  received {actual}",
            package.integrity
        ));
    }
    path
}

fn integrity_of(path: &Path) -> String {
    let bytes =
        fs::read(path).unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", path.display())));
    format!(
        "sha512-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha512::digest(&bytes))
    )
}

/// One file of an npm tarball (`package/<inner>`).
fn from_tarball(tarball: &Path, inner: &str) -> Vec<u8> {
    let reader = fs::File::open(tarball).unwrap_or_else(|e| fail(&e.to_string()));
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(reader));
    for entry in archive.entries().unwrap_or_else(|e| fail(&e.to_string())) {
        let mut entry = entry.unwrap_or_else(|e| fail(&e.to_string()));
        let path = entry
            .path()
            .unwrap_or_else(|e| fail(&e.to_string()))
            .to_string_lossy()
            .into_owned();
        if path.strip_prefix("package/") == Some(inner) {
            let mut bytes = Vec::new();
            entry
                .read_to_end(&mut bytes)
                .unwrap_or_else(|e| fail(&e.to_string()));
            return bytes;
        }
    }
    fail(&format!("{} has no file {inner}", tarball.display()))
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
    let package = std::env::var("CARGO_PKG_NAME").unwrap_or_default();
    panic!("\n\n{package}: {message}\n\n");
}
