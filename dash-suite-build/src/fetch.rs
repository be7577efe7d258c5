//! The pinned packages, fetched by name with the ordinary clients and checked against
//! their hashes: a wheel with `pip download`, an npm package with `npm pack`.

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine as _;
use sha2::{Digest, Sha256, Sha512};

use crate::fail;
use crate::lock::{Npm, Wheel};

/// The wheel, downloaded unless a copy with the pinned hash is there, then unpacked.
pub(crate) fn fetch_wheel(wheel: &Wheel, dir: &Path) -> PathBuf {
    let unpacked = dir.join("unpacked");
    let path = match find_wheel(&wheel.name, &wheel.version, dir) {
        Some(path) if sha256_of(&path).ok().as_deref() == Some(wheel.sha256.as_str()) => path,
        _ => {
            let path = download_wheel(&wheel.name, &wheel.version, dir)
                .unwrap_or_else(|message| fail(&message));
            let actual = sha256_of(&path).unwrap_or_else(|message| fail(&message));
            if actual != wheel.sha256 {
                let _ = fs::remove_file(&path);
                fail(&format!(
                    "{} does not match suite.lock.\n  expected sha256 {}\n  received sha256 {actual}",
                    path.display(),
                    wheel.sha256
                ));
            }
            let _ = fs::remove_dir_all(&unpacked);
            path
        }
    };
    if !unpacked.is_dir() {
        unpack_wheel(&path, &unpacked).unwrap_or_else(|message| fail(&message));
    }
    unpacked
}

/// The Python that runs pip: `DASH_PYTHON`, else `python3`.
pub fn python() -> String {
    std::env::var("DASH_PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

/// Downloads the wheel of `name` at `version` into `dir` with `pip download` (no
/// dependencies, wheels only) and returns its path.
///
/// # Errors
///
/// When pip cannot run or fails, or leaves no wheel of that name and version.
pub fn download_wheel(name: &str, version: &str, dir: &Path) -> Result<PathBuf, String> {
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let python = python();
    let status = Command::new(&python)
        .args([
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary=:all:",
        ])
        .arg(format!("{name}=={version}"))
        .arg("-d")
        .arg(dir)
        .status()
        .map_err(|e| {
            format!(
                "cannot run `{python} -m pip` ({e}): a suite's bundle comes from its Python \
                 wheel; install python3 and pip (apt-get install python3-pip), or name another \
                 Python with DASH_PYTHON"
            )
        })?;
    if !status.success() {
        return Err(format!("`pip download {name}=={version}` failed"));
    }
    find_wheel(name, version, dir).ok_or_else(|| {
        format!(
            "`pip download {name}=={version}` left no wheel of that name and version in {}",
            dir.display()
        )
    })
}

/// Unpacks a wheel (a zip archive) into `dir`, with Python's `zipfile`.
///
/// # Errors
///
/// When Python cannot run or the archive cannot be unpacked.
pub fn unpack_wheel(wheel: &Path, dir: &Path) -> Result<(), String> {
    let python = python();
    let status = Command::new(&python)
        .args(["-m", "zipfile", "-e"])
        .arg(wheel)
        .arg(dir)
        .status()
        .map_err(|e| format!("cannot run `{python} -m zipfile`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cannot unpack {}", wheel.display()))
    }
}

/// The SHA-256 of a file, in hexadecimal: what `suite.lock` pins a wheel by.
///
/// # Errors
///
/// When the file cannot be read.
pub fn sha256_of(path: &Path) -> Result<String, String> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(hex(&Sha256::digest(&bytes)))
}

/// The wheel of that name and version in `dir`, whatever its tags (`py3-none-any`, ...).
fn find_wheel(name: &str, version: &str, dir: &Path) -> Option<PathBuf> {
    let prefix = format!("{}-{version}-", name.replace('-', "_"));
    fs::read_dir(dir).ok()?.find_map(|entry| {
        let path = entry.ok()?.path();
        let name = path.file_name()?.to_str()?;
        (name.starts_with(&prefix) && name.ends_with(".whl")).then_some(path)
    })
}

/// The npm package's tarball, fetched with `npm pack` unless a copy with the pinned
/// integrity is there.
pub(crate) fn fetch_npm(package: &Npm, dir: &Path) -> PathBuf {
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
pub(crate) fn from_tarball(tarball: &Path, inner: &str) -> Vec<u8> {
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
