//! Fetches the pinned front-end packages with `npm pack`, verifies them against
//! `frontend.lock`, and writes `assets.rs` into `OUT_DIR`: a table of every served file,
//! embedded with `include_bytes!`.

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

use dash_suite_build::{brotli, download_npm, files_from_tarball, gzip};
use sha2::{Digest, Sha256};

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
        let tarball = download_npm(
            &package.name,
            &package.version,
            &package.integrity,
            &tarball_dir,
        )
        .unwrap_or_else(|message| {
            fail(&format!(
                "{message}\nThe Dash front end is fetched with npm when this crate builds \
                 (frontend.lock pins it)."
            ))
        });
        let wanted: Vec<&File> = files.iter().filter(|f| f.package == package.name).collect();
        let inner: Vec<&str> = wanted.iter().map(|f| f.inner_path.as_str()).collect();
        let contents =
            files_from_tarball(&tarball, &inner).unwrap_or_else(|message| fail(&message));
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

fn mime(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("map" | "json") => "application/json",
        _ => "application/octet-stream",
    }
}
