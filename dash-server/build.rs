//! Fetches the pinned front-end packages with `npm pack`, verifies them against
//! `frontend.lock`, and writes `assets.rs` into `OUT_DIR`: a table of every served file,
//! embedded with `include_bytes!`.

use std::fmt::Write as _;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine as _;
use sha2::{Digest, Sha256, Sha512};

struct Package {
    name: String,
    version: String,
    integrity: String,
}

struct File {
    url_path: String,
    package: String,
    inner_path: String,
    fingerprint_version: String,
}

fn main() {
    let manifest_dir = PathBuf::from(env("CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env("OUT_DIR"));
    let lock_path = manifest_dir.join("frontend.lock");
    println!("cargo::rerun-if-changed={}", lock_path.display());
    println!("cargo::rerun-if-env-changed=DASH_NPM");
    println!("cargo::rerun-if-env-changed=DOCS_RS");

    // The documentation host builds without network: the docs need no front end, so the
    // table stays empty there (a server built that way would serve no scripts).
    if std::env::var_os("DOCS_RS").is_some() {
        println!(
            "cargo::warning=DOCS_RS is set: the front end is left out, so an app built now \
             refuses to start"
        );
        fs::write(out_dir.join("assets.rs"), "&[]").unwrap_or_else(|e| fail(&e.to_string()));
        return;
    }

    let lock = fs::read_to_string(&lock_path)
        .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", lock_path.display())));
    let (packages, files) = parse_lock(&lock);

    let tarball_dir = out_dir.join("npm");
    fs::create_dir_all(&tarball_dir).unwrap_or_else(|e| fail(&e.to_string()));
    let asset_dir = out_dir.join("assets");

    let mut table = String::from("&[\n");
    for package in &packages {
        let tarball = fetch_verified(package, &tarball_dir);
        let wanted: Vec<&File> = files.iter().filter(|f| f.package == package.name).collect();
        let contents = extract(&tarball, &wanted, package);
        for (file, bytes) in wanted.iter().zip(contents) {
            let target = asset_dir.join(&file.url_path);
            fs::create_dir_all(target.parent().expect("asset path has a parent"))
                .unwrap_or_else(|e| fail(&e.to_string()));
            fs::write(&target, &bytes).unwrap_or_else(|e| fail(&e.to_string()));
            let digest = dash_syntax::hex(&Sha256::digest(&bytes));
            // Compressed once, here: the server picks a variant by `Accept-Encoding`.
            let variant = |suffix: &str, compressed: Option<Vec<u8>>| -> String {
                match compressed.filter(|c| c.len() < bytes.len()) {
                    Some(compressed) => {
                        let path = PathBuf::from(format!("{}.{suffix}", target.display()));
                        fs::write(&path, compressed).unwrap_or_else(|e| fail(&e.to_string()));
                        format!("Some(include_bytes!({:?}))", path.display().to_string())
                    }
                    None => "None".to_owned(),
                }
            };
            let compressible = mime(&file.url_path) != "application/octet-stream";
            let gzip = variant("gz", compressible.then(|| gzip(&bytes)));
            let brotli = variant("br", compressible.then(|| brotli(&bytes)));
            writeln!(
                table,
                "    Asset {{ path: {:?}, bytes: include_bytes!({:?}), gzip: {gzip}, \
                 brotli: {brotli}, mime: {:?}, etag: {:?}, fingerprint: {:?} }},",
                file.url_path,
                target.display().to_string(),
                mime(&file.url_path),
                format!("\"{}\"", &digest[..32]),
                format!(
                    "v{}m{}",
                    file.fingerprint_version.replace(
                        |c: char| !c.is_ascii_alphanumeric() && c != '_' && c != '-',
                        "_"
                    ),
                    &digest[..10]
                ),
            )
            .expect("write to string");
        }
    }
    table.push(']');
    fs::write(out_dir.join("assets.rs"), table).unwrap_or_else(|e| fail(&e.to_string()));
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| fail(&format!("{name} is not set")))
}

fn fail(message: &str) -> ! {
    panic!("\n\ndash-server: front-end assets: {message}\n\n");
}

fn parse_lock(lock: &str) -> (Vec<Package>, Vec<File>) {
    let mut packages = Vec::new();
    let mut files = Vec::new();
    for (number, line) in lock.lines().enumerate() {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            [] => {}
            [first, ..] if first.starts_with('#') => {}
            ["package", name, version, integrity] => packages.push(Package {
                name: name.to_string(),
                version: version.to_string(),
                integrity: integrity.to_string(),
            }),
            ["file", url_path, package, inner_path, fingerprint_version] => files.push(File {
                url_path: url_path.to_string(),
                package: package.to_string(),
                inner_path: inner_path.to_string(),
                fingerprint_version: fingerprint_version.to_string(),
            }),
            _ => fail(&format!(
                "frontend.lock line {}: cannot parse `{line}`",
                number + 1
            )),
        }
    }
    for file in &files {
        if !packages.iter().any(|p| p.name == file.package) {
            fail(&format!(
                "{} names package {}, which has no `package` line",
                file.url_path, file.package
            ));
        }
    }
    (packages, files)
}

/// Returns the path of the package's tarball, fetched with npm unless a verified copy is
/// already in `dir`.
fn fetch_verified(package: &Package, dir: &Path) -> PathBuf {
    let file_name = format!(
        "{}-{}.tgz",
        package.name.trim_start_matches('@').replace('/', "-"),
        package.version
    );
    let path = dir.join(&file_name);
    if path.exists() && integrity_of(&path) == package.integrity {
        return path;
    }
    let npm = std::env::var("DASH_NPM").unwrap_or_else(|_| "npm".to_string());
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
                "could not run `{npm}` ({e}).\n\
                 The Dash front end is fetched with npm when this crate builds.\n\
                 Install Node.js and npm (for example `apt-get install nodejs npm`), \
                 or set DASH_NPM to the npm executable."
            ))
        });
    if !output.status.success() {
        fail(&format!(
            "`{npm} pack {spec}` failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let actual = integrity_of(&path);
    if actual != package.integrity {
        let _ = fs::remove_file(&path);
        fail(&format!(
            "{spec} does not match frontend.lock.\n  expected {}\n  received {actual}",
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

/// Reads the wanted files out of a package tarball, in the order of `wanted`.
fn extract(tarball: &Path, wanted: &[&File], package: &Package) -> Vec<Vec<u8>> {
    let reader = fs::File::open(tarball).unwrap_or_else(|e| fail(&e.to_string()));
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(reader));
    let mut found: Vec<Option<Vec<u8>>> = vec![None; wanted.len()];
    let entries = archive.entries().unwrap_or_else(|e| fail(&e.to_string()));
    for entry in entries {
        let mut entry = entry.unwrap_or_else(|e| fail(&e.to_string()));
        let entry_path = entry
            .path()
            .unwrap_or_else(|e| fail(&e.to_string()))
            .to_string_lossy()
            .into_owned();
        let Some(inner) = entry_path.strip_prefix("package/") else {
            continue;
        };
        if let Some(index) = wanted.iter().position(|f| f.inner_path == inner) {
            let mut bytes = Vec::new();
            entry
                .read_to_end(&mut bytes)
                .unwrap_or_else(|e| fail(&e.to_string()));
            found[index] = Some(bytes);
        }
    }
    found
        .into_iter()
        .zip(wanted)
        .map(|(bytes, file)| {
            bytes.unwrap_or_else(|| {
                fail(&format!(
                    "{}@{} has no file {}",
                    package.name, package.version, file.inner_path
                ))
            })
        })
        .collect()
}

fn mime(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("map" | "json") => "application/json",
        _ => "application/octet-stream",
    }
}

/// Gzip at the highest level: done once per build of the front end.
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
