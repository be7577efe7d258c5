//! The registry of an app's pages, checked and ordered once at startup: which page a
//! path is, its layout and title for one visit, and the layouts the startup checks see.

use dash_core::{Component, Node};
use dash_syntax::{PathTemplate, percent_decode};

use super::{Page, PageRequest};
use crate::app_assets::AssetsFolder;

/// Python Dash's image extensions, in the order it tries them.
const IMAGE_EXTENSIONS: [&str; 8] = ["apng", "avif", "gif", "jpeg", "jpg", "png", "svg", "webp"];

/// One registered page, its path parsed.
pub(crate) struct Entry {
    pub page: Page,
    pub template: PathTemplate,
    /// The link-preview image: a path in the assets folder, given or found there.
    pub image: Option<String>,
}

/// The app's pages, in registry order, and its 404 page.
pub(crate) struct PageRegistry {
    pub pages: Vec<Entry>,
    pub not_found: Option<Entry>,
    /// The app's title, the default of each page's.
    pub app_title: String,
    /// Where the browser requests the app (`requests_pathname_prefix`).
    pub prefix: String,
    /// The app's description, the default of each page's.
    pub app_description: Option<String>,
}

/// A visit's page: its layout and the tab's title.
pub(crate) struct Routed {
    pub layout: Node,
    pub title: String,
}

impl PageRegistry {
    /// Checks the pages (paths that parse and differ, one 404 page, a layout for each)
    /// and orders them as Python Dash does. Paths of the same shape with differently
    /// named variables (`/item/<id>`, `/item/<slug>`) may both be pages: their types
    /// decide, the first page whose variables parse taking the path.
    pub(crate) fn new(
        pages: Vec<Page>,
        app_title: &str,
        prefix: &str,
        assets: Option<&AssetsFolder>,
    ) -> Result<PageRegistry, String> {
        let mut entries = Vec::new();
        let mut not_found = None;
        for page in pages {
            if page.layout.is_none() {
                return Err(format!("the page `{}` has no layout", page.name));
            }
            let template = PathTemplate::parse(&page.path)
                .map_err(|reason| format!("the path of the page `{}`: {reason}", page.name))?;
            let image = page
                .image
                .clone()
                .or_else(|| find_image(&page.name, assets));
            let entry = Entry {
                page,
                template,
                image,
            };
            if entry.page.not_found {
                if let Some(first) = &not_found {
                    let first: &Entry = first;
                    return Err(format!(
                        "two 404 pages: `{}` and `{}`",
                        first.page.name, entry.page.name
                    ));
                }
                not_found = Some(entry);
            } else {
                entries.push(entry);
            }
        }
        for (at, entry) in entries.iter().enumerate() {
            if let Some(other) = entries[..at]
                .iter()
                .find(|other| other.template == entry.template)
            {
                return Err(format!(
                    "the pages `{}` and `{}` have the same path, `{}`",
                    other.page.name, entry.page.name, entry.template
                ));
            }
            for from in &entry.page.redirect_from {
                check_redirect(entry, from)?;
                if let Some(page) = entries.iter().find(|e| e.template.matches(from).is_some()) {
                    return Err(format!(
                        "`{from}` redirects to the page `{}`, but it is the page `{}`",
                        entry.page.name, page.page.name
                    ));
                }
            }
        }
        let mut redirects: Vec<(&str, &str)> = Vec::new();
        for entry in &entries {
            for from in &entry.page.redirect_from {
                if let Some((_, other)) = redirects.iter().find(|(seen, _)| seen == from) {
                    return Err(format!(
                        "`{from}` redirects to two pages: `{other}` and `{}`",
                        entry.page.name
                    ));
                }
                redirects.push((from, &entry.page.name));
            }
        }
        // Python Dash's order: pages with an order, smallest first, then the others; when
        // none has one, the home page first. Ties keep the declaration order.
        if entries.iter().all(|entry| entry.page.order.is_none())
            && let Some(home) = entries
                .iter_mut()
                .find(|entry| entry.template.matches("/").is_some())
        {
            home.page.order = Some(0);
        }
        entries.sort_by_key(|entry| (entry.page.order.is_none(), entry.page.order));
        Ok(PageRegistry {
            pages: entries,
            not_found,
            app_title: app_title.to_owned(),
            prefix: prefix.to_owned(),
            app_description: None,
        })
    }

    /// With the app's description as the default of each page's.
    pub(crate) fn describe(mut self, description: Option<String>) -> Self {
        self.app_description = description;
        self
    }

    /// The page at `path` (without the prefix), and the visit's request, if a page's path
    /// matches and its variables parse (by the page's `accepts`, without building its
    /// layout); else the 404 page, if there is one.
    pub(crate) fn find(&self, path: &str, search: &str) -> Option<(&Entry, PageRequest)> {
        let query = parse_query(search);
        for entry in &self.pages {
            if let Some(variables) = entry.template.matches(path) {
                let request = PageRequest::new(variables, query.clone());
                let accepted = entry
                    .page
                    .accepts
                    .as_ref()
                    .is_none_or(|accepts| accepts(&request).is_ok());
                if accepted {
                    return Some((entry, request));
                }
            }
        }
        self.not_found
            .as_ref()
            .map(|entry| (entry, PageRequest::new(Vec::new(), query)))
    }

    /// The layout and title of a visit to `pathname` (as the browser has it, behind the
    /// prefix) with the query `search`. A page whose variables do not parse as their
    /// types is not the path's page: the next is tried, then the 404 page.
    pub(crate) fn route(&self, pathname: Option<&str>, search: Option<&str>) -> Routed {
        let _scope = super::PrefixScope::enter(&self.prefix);
        let path = self.strip_prefix(pathname.unwrap_or("/"));
        let query = parse_query(search.unwrap_or_default());
        for entry in &self.pages {
            let Some(variables) = entry.template.matches(path) else {
                continue;
            };
            let request = PageRequest::new(variables, query.clone());
            let layout = entry.page.layout.as_ref().expect("checked at startup");
            match layout(&request) {
                Ok(layout) => {
                    return Routed {
                        layout,
                        title: self.title(entry, &request),
                    };
                }
                Err(error) => {
                    tracing::debug!(page = %entry.page.name, %error, "not this page");
                }
            }
        }
        let request = PageRequest::new(Vec::new(), query);
        if let Some(entry) = &self.not_found {
            let layout = entry.page.layout.as_ref().expect("checked at startup");
            if let Ok(layout) = layout(&request) {
                return Routed {
                    layout,
                    title: self.title(entry, &request),
                };
            }
        }
        Routed {
            layout: Component::html("H1")
                .children("404 - Page not found")
                .into(),
            title: self.app_title.clone(),
        }
    }

    /// The path without the prefix the browser requests under.
    pub(crate) fn strip_prefix<'a>(&self, pathname: &'a str) -> &'a str {
        pathname
            .strip_prefix(self.prefix.trim_end_matches('/'))
            .unwrap_or(pathname)
    }

    /// The tab's title: the page's, its `{variable}`s filled; else the app's, unless it
    /// is the default `Dash`; else the page's name.
    pub(crate) fn title(&self, entry: &Entry, request: &PageRequest) -> String {
        match &entry.page.title {
            Some(title) => fill(title, request.variables()),
            None if self.app_title != "Dash" => self.app_title.clone(),
            None => entry.page.name.clone(),
        }
    }

    /// Each page's layout built from default values, for the startup checks (Python
    /// Dash's validation layout), with the name of its page.
    pub(crate) fn validation_layouts(&self) -> Result<Vec<(String, Node)>, String> {
        let _scope = super::PrefixScope::enter(&self.prefix);
        self.pages
            .iter()
            .chain(&self.not_found)
            .map(|entry| {
                let layout = entry.page.layout.as_ref().expect("checked at startup");
                layout(&PageRequest::validation())
                    .map(|node| (entry.page.name.clone(), node))
                    .map_err(|error| {
                        format!(
                            "the page `{}` failed to build from default values: {error}",
                            entry.page.name
                        )
                    })
            })
            .collect()
    }

    /// Each old path and the page it redirects to, behind the prefix.
    pub(crate) fn redirects(&self) -> Vec<(String, String)> {
        let _scope = super::PrefixScope::enter(&self.prefix);
        self.pages
            .iter()
            .flat_map(|entry| {
                entry.page.redirect_from.iter().map(move |from| {
                    let to = entry.template.fill(|_| String::new());
                    (from.clone(), super::relative_path(&to))
                })
            })
            .collect()
    }
}

/// A `redirect_from` path: a plain path (no variable, no brace, none of the protocol's
/// routes), to a page without variables, whose one path it can answer with.
fn check_redirect(entry: &Entry, from: &str) -> Result<(), String> {
    let name = &entry.page.name;
    if entry.template.variables().next().is_some() {
        return Err(format!(
            "the page `{name}` has path variables, so `{from}` cannot redirect to it: a \
             redirect goes to one path"
        ));
    }
    let reserved = from.trim_start_matches('/').starts_with("_dash-")
        || from.trim_start_matches('/').starts_with("_reload-hash")
        || from.trim_start_matches('/').starts_with("_favicon");
    if !from.starts_with('/') || from.contains(['{', '}', '<', '>', '?', '#']) || reserved {
        return Err(format!(
            "`{from}` (redirect_from of the page `{name}`) is not a path an old link may have: \
             it starts with `/`, holds no `{{`, `}}`, `<`, `>`, `?` or `#`, and is none of \
             the protocol's routes"
        ));
    }
    Ok(())
}

/// `title` with each `{name}` replaced by the variable's value; other braces stay.
fn fill(title: &str, variables: &[(String, String)]) -> String {
    let mut out = title.to_owned();
    for (name, value) in variables {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A query string's pairs, decoded, blank values kept (`?a=1&b=&a=2`); `+` is a space.
pub(crate) fn parse_query(search: &str) -> Vec<(String, String)> {
    let decode = |text: &str| {
        let text = text.replace('+', " ");
        percent_decode(&text).unwrap_or(text)
    };
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}

/// Python Dash's default image: `<name>.<ext>` (spaces as `_`, then as `-`), then
/// `app.<ext>`, then `logo.<ext>`, at the top of the assets folder.
fn find_image(name: &str, assets: Option<&AssetsFolder>) -> Option<String> {
    let assets = assets?;
    let stem = name.to_lowercase();
    let stems = [
        stem.replace(' ', "_"),
        stem.replace(' ', "-"),
        "app".into(),
        "logo".into(),
    ];
    stems.iter().find_map(|stem| {
        IMAGE_EXTENSIONS
            .iter()
            .map(|ext| format!("{stem}.{ext}"))
            .find(|file| assets.file(file).is_some())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str) -> Page {
        Page::new(path).layout(|_| Ok(Component::html("Div")))
    }

    #[test]
    fn queries_keep_blanks_and_repeats() {
        assert_eq!(
            parse_query("?a=1&b=&a=S%C3%A3o+Paulo&c"),
            [
                ("a".to_owned(), "1".to_owned()),
                ("b".to_owned(), String::new()),
                ("a".to_owned(), "São Paulo".to_owned()),
                ("c".to_owned(), String::new()),
            ]
        );
        assert!(parse_query("").is_empty());
    }

    #[test]
    fn pages_are_ordered_as_in_python() {
        let pages = vec![
            page("/b"),
            page("/c").order(2),
            page("/"),
            page("/a").order(1),
        ];
        let registry = PageRegistry::new(pages, "Dash", "/", None).unwrap();
        let order: Vec<&str> = registry.pages.iter().map(|e| e.page.path()).collect();
        assert_eq!(order, ["/a", "/c", "/b", "/"]);
        let registry = PageRegistry::new(vec![page("/b"), page("/")], "Dash", "/", None).unwrap();
        let order: Vec<&str> = registry.pages.iter().map(|e| e.page.path()).collect();
        assert_eq!(order, ["/", "/b"]);
    }

    #[test]
    fn bad_registries_are_refused_with_names() {
        let no_layout = PageRegistry::new(vec![Page::new("/x").name("X")], "Dash", "/", None);
        assert_eq!(no_layout.err().unwrap(), "the page `X` has no layout");
        let twice = PageRegistry::new(
            vec![page("/a/<x>").name("A"), page("/a/<x>").name("B")],
            "Dash",
            "/",
            None,
        );
        assert_eq!(
            twice.err().unwrap(),
            "the pages `A` and `B` have the same path, `/a/<x>`"
        );
        let redirect = PageRegistry::new(
            vec![
                page("/a").name("A"),
                page("/b").name("B").redirect_from("/a"),
            ],
            "Dash",
            "/",
            None,
        );
        assert!(redirect.err().unwrap().contains("it is the page `A`"));
        let refused = |pages: Vec<Page>| PageRegistry::new(pages, "Dash", "/", None).err().unwrap();
        assert_eq!(
            refused(vec![
                page("/a").name("A").redirect_from("/old"),
                page("/b").name("B").redirect_from("/old"),
            ]),
            "`/old` redirects to two pages: `A` and `B`"
        );
        assert!(
            refused(vec![page("/i/<id>").name("I").redirect_from("/item")])
                .contains("has path variables")
        );
        for from in ["/_dash-layout", "/x/{y}", "old", "/a?b"] {
            assert!(
                refused(vec![page("/a").name("A").redirect_from(from)]).contains("is not a path"),
                "{from}"
            );
        }
    }

    #[test]
    fn visits_find_their_page_title_and_404() {
        let pages = vec![
            Page::new("/n/<id>").title("N {id}").layout(|request| {
                let id: u32 = request.variable("id")?;
                Ok(Component::html("P").children(id.to_string()))
            }),
            Page::new("/n/<word>").layout(|request| {
                let word: String = request.variable("word")?;
                Ok(Component::html("P").children(word))
            }),
        ];
        let registry = PageRegistry::new(pages, "App", "/sales/", None).unwrap();
        let routed = registry.route(Some("/sales/n/7"), None);
        assert_eq!(routed.title, "N 7");
        let routed = registry.route(Some("/sales/n/seven"), Some("?x=1"));
        assert_eq!(routed.title, "App");
        let routed = registry.route(Some("/sales/elsewhere"), None);
        assert_eq!(
            serde_json::to_value(&routed.layout).unwrap()["props"]["children"],
            "404 - Page not found"
        );
    }
}
