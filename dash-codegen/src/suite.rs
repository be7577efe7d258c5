//! A crate for a Dash component package, written from its wheel: what `dash-codegen suite`
//! does.
//!
//! The crate is built like this repository's suites (AG Grid, Bootstrap, Mantine): its
//! `build.rs` runs `rust-dash-suite-build`, which fetches the wheel pinned in `suite.lock`
//! with `pip download`, checks its SHA-256 and embeds the served files, compressed; its
//! `src/generated.rs` holds the components, typed from the package's metadata; its
//! `src/lib.rs` gives `library()`, the `ComponentLibrary` an app registers.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{Library, generate};

/// The Python program that reads a package's Python classes into a `metadata.json`, for
/// the packages that ship none.
const CLASSES_TO_METADATA: &str = include_str!("suite_metadata.py");

/// What `dash-codegen suite` is told besides the wheel.
#[derive(Debug, Clone, Copy)]
pub struct SuiteOptions<'a> {
    /// The crate's package name (default: the wheel's distribution name).
    pub name: Option<&'a str>,
    /// The package folder inside the wheel, which is also the namespace its bundle defines
    /// (default: the wheel's one package with JavaScript in it).
    pub namespace: Option<&'a str>,
    /// The path of a checkout of this repository, as the crate's `Cargo.toml` should
    /// write it (absolute, or relative to the crate).
    pub dash: &'a str,
}

/// The crate `dash-codegen suite` writes.
#[derive(Debug, Clone)]
pub struct Suite {
    /// The package's namespace, which is also the crate's library name (`dash_daq`).
    pub namespace: String,
    /// Its files.
    pub files: Vec<SuiteFile>,
}

/// One file of the crate.
#[derive(Debug, Clone)]
pub struct SuiteFile {
    /// Its path inside the crate.
    pub path: &'static str,
    /// What it holds.
    pub contents: String,
    /// Written again on each run (`suite.lock`, `src/generated.rs`); the others are only
    /// written when absent, so that they stay the user's to edit.
    pub generated: bool,
}

/// The unpacked wheel, read.
struct Wheel {
    /// The distribution name (`dash_daq`), as `pip download` takes it.
    name: String,
    version: String,
    sha256: String,
    /// The package folder (`dash_daq`), which is also the namespace.
    package: String,
    /// Relative to the package folder: the script the page loads.
    script: String,
    /// Relative to the package folder: every other JavaScript file (async chunks) and
    /// every stylesheet, in order.
    files: Vec<String>,
}

/// The metadata of the package unpacked in `package` (a folder holding its Python
/// classes): its `metadata.json` when it ships one, else what the embedded
/// `suite_metadata.py` reads out of the classes' type annotations (with `ast`: the
/// package's code never runs). `DASH_PYTHON` names the Python (default `python3`).
///
/// # Errors
///
/// When Python cannot run or fails on the classes.
pub fn metadata_of(package: &Path, namespace: &str) -> Result<String, String> {
    let shipped = package.join("metadata.json");
    if shipped.is_file() {
        return fs::read_to_string(&shipped)
            .map_err(|e| format!("cannot read {}: {e}", shipped.display()));
    }
    let python = dash_suite_build::python();
    let mut child = Command::new(&python)
        .arg("-")
        .arg(package)
        .arg(namespace)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {python} ({e}): install python3 or set DASH_PYTHON"))?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let writer = std::thread::spawn(move || {
        std::io::Write::write_all(&mut stdin, CLASSES_TO_METADATA.as_bytes())
    });
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    let _ = writer.join();
    if !output.status.success() {
        return Err(format!(
            "cannot read the Python classes in {}:\n{}",
            package.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8(output.stdout).map_err(|e| e.to_string())
}

/// The crate for the wheel at `wheel`, unpacked in `unpacked`.
///
/// # Errors
///
/// When the wheel's metadata, package folder or script cannot be found, or its
/// components cannot be typed.
pub fn suite_files(
    wheel: &Path,
    unpacked: &Path,
    options: SuiteOptions<'_>,
) -> Result<Suite, String> {
    let wheel = read_wheel(wheel, unpacked, options.namespace)?;
    let metadata = metadata_of(&unpacked.join(&wheel.package), &wheel.package)?;
    let source = format!("{} {}", wheel.name, wheel.version);
    let library = Library {
        namespace: &wheel.package,
        support: "::dash::__support",
        source: &source,
        builtin: false,
    };
    let generated = generate(&library, &metadata).map_err(|e| e.to_string())?;
    let name = options
        .name
        .map_or_else(|| wheel.name.replace('_', "-"), str::to_owned);
    let lib = crate::rustfmt(&lib_rs(&wheel)).map_err(|e| e.to_string())?;
    let files = vec![
        SuiteFile {
            path: "Cargo.toml",
            contents: cargo_toml(&wheel, &name, options.dash),
            generated: false,
        },
        SuiteFile {
            path: "build.rs",
            contents: BUILD_RS.to_owned(),
            generated: false,
        },
        SuiteFile {
            path: "suite.lock",
            contents: suite_lock(&wheel),
            generated: true,
        },
        SuiteFile {
            path: "src/lib.rs",
            contents: lib,
            generated: false,
        },
        SuiteFile {
            path: "src/generated.rs",
            contents: generated,
            generated: true,
        },
    ];
    Ok(Suite {
        namespace: wheel.package,
        files,
    })
}

fn read_wheel(path: &Path, unpacked: &Path, namespace: Option<&str>) -> Result<Wheel, String> {
    let dist_info = fs::read_dir(unpacked)
        .map_err(|e| format!("cannot read {}: {e}", unpacked.display()))?
        .filter_map(|entry| Some(entry.ok()?.path()))
        .find(|p| p.is_dir() && p.extension().is_some_and(|e| e == "dist-info"))
        .ok_or_else(|| format!("{} holds no .dist-info folder", path.display()))?;
    let metadata = fs::read_to_string(dist_info.join("METADATA"))
        .map_err(|e| format!("cannot read the wheel's METADATA: {e}"))?;
    let field = |key: &str| {
        metadata
            .lines()
            .find_map(|line| line.strip_prefix(key))
            .map(|value| value.trim().to_owned())
            .ok_or_else(|| format!("the wheel's METADATA has no `{key}` line"))
    };
    let name = field("Name:")?;
    let version = field("Version:")?;
    let package = match namespace {
        Some(namespace) => namespace.to_owned(),
        None => package_folder(unpacked)?,
    };
    let folder = unpacked.join(&package);
    if !folder.is_dir() {
        return Err(format!("the wheel has no package folder `{package}`"));
    }
    let mut found = Vec::new();
    served_files(&folder, "", &mut found)?;
    found.sort_by(|a, b| (a.matches('/').count(), a).cmp(&(b.matches('/').count(), b)));
    let script = [format!("{package}.min.js"), format!("{package}.js")]
        .iter()
        .find_map(|wanted| {
            found
                .iter()
                .find(|file| file.rsplit('/').next() == Some(wanted.as_str()))
                .cloned()
        })
        .ok_or_else(|| {
            format!(
                "cannot tell which script the page loads: {package} holds no {package}.min.js \
                 or {package}.js (its JavaScript: {})",
                found.join(", ")
            )
        })?;
    let files = found.into_iter().filter(|file| *file != script).collect();
    Ok(Wheel {
        name,
        version,
        sha256: dash_suite_build::sha256_of(path)?,
        package,
        script,
        files,
    })
}

/// The wheel's one top-level package with JavaScript in it.
fn package_folder(unpacked: &Path) -> Result<String, String> {
    let mut candidates = Vec::new();
    for entry in fs::read_dir(unpacked).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if !path.is_dir() || name.ends_with(".dist-info") || name.ends_with(".data") {
            continue;
        }
        let mut files = Vec::new();
        served_files(&path, "", &mut files)?;
        if files.iter().any(|f| f.ends_with(".js")) {
            candidates.push(name.into_owned());
        }
    }
    candidates.sort();
    match candidates.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(
            "the wheel holds no package with JavaScript in it: is it a Dash component \
                   package?"
                .to_owned(),
        ),
        several => Err(format!(
            "the wheel holds several packages with JavaScript ({}): name the one with \
             --namespace",
            several.join(", ")
        )),
    }
}

/// The `.js` and `.css` files under `folder` (not source maps, not development builds),
/// as paths relative to it.
fn served_files(folder: &Path, prefix: &str, found: &mut Vec<String>) -> Result<(), String> {
    for entry in
        fs::read_dir(folder).map_err(|e| format!("cannot read {}: {e}", folder.display()))?
    {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let relative = format!("{prefix}{name}");
        if path.is_dir() {
            if name != "__pycache__" {
                served_files(&path, &format!("{relative}/"), found)?;
            }
        } else if (name.ends_with(".js") && !name.ends_with(".dev.js")) || name.ends_with(".css") {
            found.push(relative);
        }
    }
    Ok(())
}

const BUILD_RS: &str = "//! Fetches the wheel pinned in `suite.lock` and embeds the files it serves: see the\n\
//! `rust-dash-suite-build` crate.\n\
\n\
fn main() {\n    dash_suite_build::build();\n}\n";

fn cargo_toml(wheel: &Wheel, name: &str, dash: &str) -> String {
    let dash = dash.trim_end_matches('/');
    // Cargo wants three numbers; a wheel's version may be `1.0` or `1.0.0rc1`.
    let parts: Vec<&str> = wheel.version.split('.').collect();
    let version = if parts.len() == 3 && parts.iter().all(|p| p.parse::<u64>().is_ok()) {
        wheel.version.clone()
    } else {
        "0.1.0".to_owned()
    };
    format!(
        "[package]\n\
         name = \"{name}\"\n\
         description = \"{pip} {pip_version} for Dash apps in Rust: its components, typed, with its bundle served by the app.\"\n\
         version = \"{version}\"\n\
         edition = \"2024\"\n\
         publish = false\n\
         build = \"build.rs\"\n\
         \n\
         [lib]\n\
         name = \"{package}\"\n\
         \n\
         [dependencies]\n\
         dash = {{ package = \"rust-dash\", path = \"{dash}\" }}\n\
         \n\
         [build-dependencies]\n\
         dash-suite-build = {{ package = \"rust-dash-suite-build\", path = \"{dash}/dash-suite-build\" }}\n",
        pip = wheel.name,
        pip_version = wheel.version,
        package = wheel.package,
    )
}

fn suite_lock(wheel: &Wheel) -> String {
    let mut lock = format!(
        "# {name} {version}, written by `dash-codegen suite`: running it again rewrites this\n\
         # file and src/generated.rs. The build fetches the wheel with `pip download`, checks\n\
         # its SHA-256, and serves the files below (the format: see rust-dash-suite-build).\n\
         wheel {name} {version} {sha256}\n\
         \n\
         # The script the page loads, then the files served for it to load (async chunks) and\n\
         # its stylesheets.\n\
         serve {script} wheel {package}/{script} script\n",
        name = wheel.name,
        version = wheel.version,
        sha256 = wheel.sha256,
        script = wheel.script,
        package = wheel.package,
    );
    for file in &wheel.files {
        lock.push_str(&format!("serve {file} wheel {}/{file}\n", wheel.package));
    }
    lock
}

fn lib_rs(wheel: &Wheel) -> String {
    let stylesheet = wheel.files.iter().find(|file| file.ends_with(".css"));
    let stylesheet = match stylesheet {
        Some(path) => format!("Some({path:?})"),
        None => "None".to_owned(),
    };
    format!(
        "//! {name} {version} for Dash apps in Rust: its components, typed from the package's\n\
         //! metadata, with its bundle served by the app.\n\
         //!\n\
         //! Register it with `Dash::new().component_library({package}::library())`, then use\n\
         //! its components in the layout and name their props in callbacks, as with `dcc`'s.\n\
         //!\n\
         //! The build fetches the wheel pinned in `suite.lock` with `pip download` (it needs\n\
         //! python3 with pip; `DASH_PYTHON` names another Python), checks its SHA-256, and\n\
         //! embeds the files the app serves, compressed. `dash-codegen suite` wrote this crate;\n\
         //! running it again with another version rewrites `suite.lock` and `src/generated.rs`\n\
         //! and leaves this file as it is.\n\
         \n\
         mod generated;\n\
         \n\
         pub use generated::*;\n\
         \n\
         mod embedded {{\n    include!(concat!(env!(\"OUT_DIR\"), \"/suite.rs\"));\n}}\n\
         \n\
         /// The version of {name} whose files the app serves.\n\
         pub const VERSION: &str = embedded::VERSION;\n\
         \n\
         /// Where the build unpacked the wheel (what `src/generated.rs` was typed from).\n\
         #[doc(hidden)]\n\
         pub const UNPACKED: &str = embedded::UNPACKED;\n\
         \n\
         /// The package's files and components, for `Dash::component_library`.\n\
         pub fn library() -> ::dash::ComponentLibrary {{\n    \
             embedded::add(::dash::ComponentLibrary::new(NAMESPACE, VERSION), {stylesheet})\n        \
                 .children_props(NAMESPACE, CHILDREN_PROPS)\n}}\n",
        name = wheel.name,
        version = wheel.version,
        package = wheel.package,
    )
}

/// Writes the crate's files into `out`: each generated one, and each other one that is not
/// there yet. Returns the paths written.
///
/// # Errors
///
/// When a file cannot be written.
pub fn write_suite(out: &Path, files: &[SuiteFile]) -> Result<Vec<PathBuf>, String> {
    let mut written = Vec::new();
    for file in files {
        let path = out.join(file.path);
        if !file.generated && path.exists() {
            continue;
        }
        fs::create_dir_all(path.parent().expect("a file has a folder"))
            .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        fs::write(&path, &file.contents)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}
