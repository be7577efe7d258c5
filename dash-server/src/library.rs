//! Other component libraries: their bundles, served next to Dash's own.

use std::hash::{DefaultHasher, Hash, Hasher};

use serde_json::{Map, Value, json};

use crate::assets;

/// The front end of a component library other than Dash's own: its JavaScript bundle (and
/// any other files it loads), served under `/_dash-component-suites/<package>/…`, plus the
/// `children_props` of its components.
///
/// Its components are used through the generic [`Component`](dash_core::Component), or
/// typed: run `dash-codegen library` on the library's `metadata.json` (see the README).
///
/// ```
/// use dash::{ComponentLibrary, Dash};
///
/// // In a real app: include_bytes!("../assets/my_components.min.js").
/// static BUNDLE: &[u8] = b"window.my_components = {};";
///
/// let app = Dash::new().component_library(
///     ComponentLibrary::new("my_components", "1.0.0")
///         .script("my_components.min.js", BUNDLE)
///         .children_props("my_components", &[("Card", &["header"])]),
/// );
/// # let _ = app;
/// ```
#[derive(Clone, Debug)]
pub struct ComponentLibrary {
    package: String,
    version: String,
    files: Vec<LibraryFile>,
    children_props: Vec<(String, String, Vec<String>)>,
}

#[derive(Clone, Debug)]
struct LibraryFile {
    path: String,
    bytes: &'static [u8],
    mime: &'static str,
    etag: String,
    kind: Kind,
    gzip: Option<&'static [u8]>,
    brotli: Option<&'static [u8]>,
}

impl ComponentLibrary {
    /// A library served under `/_dash-component-suites/<package>/`. The version goes into
    /// the fingerprint of its URLs, so browsers fetch a new release.
    pub fn new(package: impl Into<String>, version: impl Into<String>) -> Self {
        ComponentLibrary {
            package: package.into(),
            version: version.into(),
            files: Vec::new(),
            children_props: Vec::new(),
        }
    }

    /// A script the page loads, after Dash's own bundles, in the order added.
    pub fn script(self, path: impl Into<String>, bytes: &'static [u8]) -> Self {
        self.add(path.into(), bytes, Kind::Script)
    }

    /// A stylesheet the page links, after the external stylesheets and before the assets'
    /// (Python Dash's order for a library's `_css_dist`), in the order added.
    pub fn stylesheet(self, path: impl Into<String>, bytes: &'static [u8]) -> Self {
        self.add(path.into(), bytes, Kind::Stylesheet)
    }

    /// A stylesheet when `linked`, else a file: what a suite crate's build writes for each
    /// of its served files.
    #[doc(hidden)]
    pub fn served_file(self, path: impl Into<String>, bytes: &'static [u8], linked: bool) -> Self {
        if linked {
            self.stylesheet(path, bytes)
        } else {
            self.file(path, bytes)
        }
    }

    /// A file served but not loaded by the page: async chunks, source maps, fonts.
    pub fn file(self, path: impl Into<String>, bytes: &'static [u8]) -> Self {
        self.add(path.into(), bytes, Kind::File)
    }

    /// For each component type of `namespace`, the props other than `children` that can
    /// hold components (`dash-codegen` writes this list as `CHILDREN_PROPS`).
    pub fn children_props(mut self, namespace: &str, props: &[(&str, &[&str])]) -> Self {
        for (type_name, paths) in props {
            self.children_props.push((
                namespace.to_owned(),
                (*type_name).to_owned(),
                paths.iter().map(|p| (*p).to_owned()).collect(),
            ));
        }
        self
    }

    /// The library's package name, under `/_dash-component-suites/`.
    pub fn package(&self) -> &str {
        &self.package
    }

    /// The file added last also comes compressed, as a build script compressed it once:
    /// the server sends the variant the browser accepts (`Accept-Encoding`), as it does
    /// for Dash's own bundles.
    pub fn precompressed(
        mut self,
        gzip: Option<&'static [u8]>,
        brotli: Option<&'static [u8]>,
    ) -> Self {
        if let Some(file) = self.files.last_mut() {
            file.gzip = gzip;
            file.brotli = brotli;
        }
        self
    }

    fn add(mut self, path: String, bytes: &'static [u8], kind: Kind) -> Self {
        let path = path.trim_start_matches('/').to_owned();
        let mut hasher = DefaultHasher::new();
        bytes.hash(&mut hasher);
        let etag = format!("\"{:016x}\"", hasher.finish());
        self.files.push(LibraryFile {
            mime: mime(&path),
            path,
            bytes,
            etag,
            kind,
            gzip: None,
            brotli: None,
        });
        self
    }

    fn fingerprint(&self, file: &LibraryFile) -> String {
        let version: String = self
            .version
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        format!("v{version}m{}", &file.etag[1..11])
    }
}

/// What the page does with a library's file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Loads it as a script.
    Script,
    /// Links it as a stylesheet.
    Stylesheet,
    /// Nothing: the bundle loads it itself.
    File,
}

/// The libraries an app registered.
#[derive(Clone, Debug, Default)]
pub(crate) struct Libraries(pub Vec<ComponentLibrary>);

/// A file found in a registered library.
pub(crate) struct Found<'a> {
    pub bytes: &'static [u8],
    pub gzip: Option<&'static [u8]>,
    pub brotli: Option<&'static [u8]>,
    pub mime: &'static str,
    pub etag: &'a str,
}

impl Libraries {
    /// The libraries' package names.
    pub(crate) fn packages(&self) -> impl Iterator<Item = String> + '_ {
        self.0.iter().map(|lib| lib.package.clone())
    }

    /// The page script URLs (under `_dash-component-suites/`), fingerprinted.
    pub(crate) fn page_scripts(&self) -> Vec<String> {
        self.linked(Kind::Script)
    }

    /// The stylesheet URLs the page links (under `_dash-component-suites/`),
    /// fingerprinted.
    pub(crate) fn page_stylesheets(&self) -> Vec<String> {
        self.linked(Kind::Stylesheet)
    }

    fn linked(&self, kind: Kind) -> Vec<String> {
        self.0
            .iter()
            .flat_map(|lib| {
                lib.files.iter().filter(|f| f.kind == kind).map(move |f| {
                    assets::with_fingerprint(
                        &format!("{}/{}", lib.package, f.path),
                        &lib.fingerprint(f),
                    )
                })
            })
            .collect()
    }

    /// Finds a file by its request path (fingerprint already stripped).
    pub(crate) fn lookup(&self, path: &str) -> Option<Found<'_>> {
        let (package, file) = path.split_once('/')?;
        let lib = self.0.iter().find(|lib| lib.package == package)?;
        let file = lib.files.iter().find(|f| f.path == file)?;
        Some(Found {
            bytes: file.bytes,
            gzip: file.gzip,
            brotli: file.brotli,
            mime: file.mime,
            etag: &file.etag,
        })
    }

    /// `children_props` for `_dash-config`: Dash's own libraries, then these.
    pub(crate) fn children_props(&self) -> Value {
        let mut all = Map::new();
        for (namespace, components) in dash_components::children_props() {
            let entries: Map<String, Value> = components
                .iter()
                .map(|(ty, props)| ((*ty).to_owned(), json!(props)))
                .collect();
            all.insert(namespace.to_owned(), Value::Object(entries));
        }
        for lib in &self.0 {
            for (namespace, ty, props) in &lib.children_props {
                let entry = all.entry(namespace.clone()).or_insert_with(|| json!({}));
                entry[ty] = json!(props);
            }
        }
        Value::Object(all)
    }
}

fn mime(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("map" | "json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("ttf") => "font/ttf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_are_fingerprinted_and_found_again() {
        let libs = Libraries(vec![
            ComponentLibrary::new("mine", "1.2.0")
                .script("mine.min.js", b"x")
                .file("chunk.js", b"y"),
        ]);
        let scripts = libs.page_scripts();
        assert_eq!(scripts.len(), 1);
        assert!(
            scripts[0].starts_with("mine/mine.v1_2_0m"),
            "{}",
            scripts[0]
        );
        let (plain, fingerprinted) = assets::strip_fingerprint(&scripts[0]);
        assert!(fingerprinted);
        assert_eq!(libs.lookup(&plain).unwrap().bytes, b"x");
        assert_eq!(
            libs.lookup("mine/chunk.js").unwrap().mime,
            "text/javascript; charset=utf-8"
        );
        assert!(libs.lookup("mine/other.js").is_none());
        assert!(libs.lookup("dash/chunk.js").is_none());
    }

    #[test]
    fn children_props_cover_every_builtin_component() {
        let props = Libraries::default().children_props();
        assert_eq!(props["dash_core_components"]["Tab"], json!(["label"]));
        assert_eq!(props["dash_html_components"]["Div"], json!([]));
        assert_eq!(props["dash_table"]["DataTable"], json!([]));
        assert_eq!(props["dash_core_components"].as_object().unwrap().len(), 26);
        assert_eq!(
            props["dash_html_components"].as_object().unwrap().len(),
            125
        );
    }
}
