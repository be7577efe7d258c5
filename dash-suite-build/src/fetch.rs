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
    download_npm(&package.name, &package.version, &package.integrity, dir)
        .unwrap_or_else(|message| fail(&message))
}

/// The tarball of the npm package `name` at `version` in `dir`, fetched with `npm pack`
/// unless a copy with the `integrity` (`sha512-…`, as npm writes it) is there, and checked
/// against it. `DASH_NPM` names the npm (default `npm`).
///
/// # Errors
///
/// When npm cannot run or fails, or the tarball does not match `integrity` (it is then
/// removed).
pub fn download_npm(
    name: &str,
    version: &str,
    integrity: &str,
    dir: &Path,
) -> Result<PathBuf, String> {
    let file_name = format!(
        "{}-{version}.tgz",
        name.trim_start_matches('@').replace('/', "-"),
    );
    let path = dir.join(&file_name);
    if path.exists() && integrity_of(&path)? == integrity {
        return Ok(path);
    }
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let npm = std::env::var("DASH_NPM").unwrap_or_else(|_| "npm".to_owned());
    let spec = format!("{name}@{version}");
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
        .map_err(|e| {
            format!(
                "cannot run `{npm}` ({e}): install Node.js and npm (apt-get install nodejs \
                 npm), or set DASH_NPM"
            )
        })?;
    if !output.status.success() {
        return Err(format!(
            "`{npm} pack {spec}` failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let actual = integrity_of(&path)?;
    if actual != integrity {
        let _ = fs::remove_file(&path);
        return Err(format!(
            "{spec} does not match its pin.\n  expected {integrity}\n  received {actual}"
        ));
    }
    Ok(path)
}

fn integrity_of(path: &Path) -> Result<String, String> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(format!(
        "sha512-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha512::digest(&bytes))
    ))
}

/// One file of an npm tarball (`package/<inner>`).
pub(crate) fn from_tarball(tarball: &Path, inner: &str) -> Vec<u8> {
    files_from_tarball(tarball, &[inner])
        .and_then(|mut files| files.pop().ok_or_else(String::new))
        .unwrap_or_else(|message| fail(&message))
}

/// The files `inner` (paths inside the package, without npm's `package/` folder) of an npm
/// tarball, in that order, read in one pass.
///
/// # Errors
///
/// When the tarball cannot be read or lacks one of the files.
pub fn files_from_tarball(tarball: &Path, inner: &[&str]) -> Result<Vec<Vec<u8>>, String> {
    let reader =
        fs::File::open(tarball).map_err(|e| format!("cannot open {}: {e}", tarball.display()))?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(reader));
    let mut found: Vec<Option<Vec<u8>>> = vec![None; inner.len()];
    let unreadable = |e: std::io::Error| format!("cannot read {}: {e}", tarball.display());
    for entry in archive.entries().map_err(unreadable)? {
        let mut entry = entry.map_err(unreadable)?;
        let path = entry
            .path()
            .map_err(unreadable)?
            .to_string_lossy()
            .into_owned();
        let Some(index) = path
            .strip_prefix("package/")
            .and_then(|p| inner.iter().position(|wanted| *wanted == p))
        else {
            continue;
        };
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).map_err(unreadable)?;
        found[index] = Some(bytes);
    }
    found
        .into_iter()
        .zip(inner)
        .map(|(bytes, wanted)| {
            bytes.ok_or_else(|| format!("{} has no file {wanted}", tarball.display()))
        })
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
