//! Multi-page apps (Python Dash's pages): [`Page`]s with typed paths, the registry the
//! server routes with, and the routing callbacks the browser runs them through.
//!
//! A site is usually an enum with `#[derive(dash::Pages)]`, one variant per page; the
//! derive writes the [`Pages`] implementation and a typed link for each variant. By hand,
//! a [`Page`] is a path and a function from a [`PageRequest`] to a layout.

mod href;
mod link;
mod meta;
mod registry;
mod request;
mod routing;

use std::sync::Arc;

use dash_core::{App, CallbackSpec, Node};

pub(crate) use href::PrefixScope;
pub use href::relative_path;
pub use link::Href;
pub use request::{PageError, PageRequest};
pub use routing::page_container;

pub(crate) use registry::PageRegistry;
pub(crate) use routing::{TITLE_SCRIPT, callbacks as routing_callbacks};

/// The app's layout and every page's, as the startup checks and the renderer's see them
/// (Python Dash's validation layout). The app's layout must hold the page container.
pub(crate) fn validation_layout(
    registry: &PageRegistry,
    layout: Node,
    shell: bool,
) -> Result<Node, crate::StartupError> {
    let mut has_container = false;
    layout.for_each_component(&mut |component| {
        has_container |= component.id_str() == Some(routing::CONTENT);
    });
    if !has_container {
        let reason = if shell {
            "the shell's layout has no page container: put `dash::page_container()` in it, \
             where the pages go"
        } else {
            "the layout has no page container: put `dash::page_container()` where the pages \
             go, or give the app no layout"
        };
        return Err(crate::StartupError::Setting {
            setting: "pages",
            reason: reason.to_owned(),
        });
    }
    let pages = registry
        .validation_layouts()
        .map_err(|reason| crate::StartupError::Setting {
            setting: "pages",
            reason,
        })?;
    let mut all = vec![layout];
    all.extend(pages.into_iter().map(|(_, node)| node));
    Ok(dash_core::Component::html("Div").children(all).into())
}

/// The pages of a site: what `#[derive(dash::Pages)]` implements for an enum, and what
/// [`Dash::pages`](crate::Dash::pages) registers.
pub trait Pages {
    /// Every page, in declaration order, the 404 page included.
    fn pages() -> Vec<Page>;

    /// The path of this page, with its variables and query parameters filled in, behind
    /// the app's prefix: the `href` of a `dcc::Link`.
    fn href(&self) -> String;

    /// What every page shares: the app's layout around the page container, and the
    /// callbacks of its module (`#[pages(shell = module)]`).
    fn shell() -> Option<Shell> {
        None
    }
}

/// The app's layout around the pages (`#[pages(shell = module)]`): built for each page
/// load, it holds [`page_container`] and what every page shares (a header, the
/// navigation), and brings the callbacks of its module.
#[derive(Clone)]
pub struct Shell {
    pub(crate) layout: Arc<dyn Fn() -> Node + Send + Sync>,
    pub(crate) callbacks: Vec<fn() -> Vec<CallbackSpec>>,
    pub(crate) server_stores: Vec<fn() -> &'static [&'static str]>,
}

impl std::fmt::Debug for Shell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shell").finish_non_exhaustive()
    }
}

impl Shell {
    /// A shell drawn by `layout`.
    pub fn new<L: Into<Node>>(layout: impl Fn() -> L + Send + Sync + 'static) -> Shell {
        Shell {
            layout: Arc::new(move || layout().into()),
            callbacks: Vec::new(),
            server_stores: Vec::new(),
        }
    }

    /// Registers the callbacks of a `#[dash::app]` module with the shell.
    pub fn app<A: App>(mut self) -> Self {
        self.callbacks.push(A::callbacks);
        self.server_stores.push(A::server_stores);
        self
    }
}

/// Builds a page's layout for one visit.
pub type PageLayout = Arc<dyn Fn(&PageRequest) -> Result<Node, PageError> + Send + Sync>;

/// Says whether a visit's variables and query parameters parse as a page's types.
type Accepts = Arc<dyn Fn(&PageRequest) -> Result<(), PageError> + Send + Sync>;

/// One page: its path, its layout, its title and link-preview tags, and the callbacks of
/// its module.
///
/// ```
/// use dash::{Page, PageRequest};
/// use dash::Component;
///
/// let city = Page::new("/city/<name>")
///     .name("City")
///     .title("Weather in {name}")
///     .layout(|request: &PageRequest| {
///         let name: String = request.variable("name")?;
///         Ok(Component::html("H1").children(name))
///     });
/// # let _ = city;
/// ```
#[derive(Clone)]
pub struct Page {
    pub(crate) path: String,
    pub(crate) name: String,
    pub(crate) title: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) image: Option<String>,
    pub(crate) image_url: Option<String>,
    pub(crate) order: Option<i64>,
    pub(crate) redirect_from: Vec<String>,
    pub(crate) layout: Option<PageLayout>,
    pub(crate) accepts: Option<Accepts>,
    pub(crate) callbacks: Vec<fn() -> Vec<CallbackSpec>>,
    pub(crate) server_stores: Vec<fn() -> &'static [&'static str]>,
    pub(crate) not_found: bool,
}

impl std::fmt::Debug for Page {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Page")
            .field("path", &self.path)
            .field("name", &self.name)
            .field("title", &self.title)
            .field("order", &self.order)
            .field("not_found", &self.not_found)
            .finish_non_exhaustive()
    }
}

impl Page {
    /// A page at `path`: `/`, `/about`, or a template with variables, `/city/<name>`,
    /// each variable one whole segment of the path.
    pub fn new(path: impl Into<String>) -> Page {
        let path = path.into();
        Page {
            name: default_name(&path),
            path,
            title: None,
            description: None,
            image: None,
            image_url: None,
            order: None,
            redirect_from: Vec::new(),
            layout: None,
            accepts: None,
            callbacks: Vec::new(),
            server_stores: Vec::new(),
            not_found: false,
        }
    }

    /// The page shown for a path no page has (Python Dash's `not_found_404` module). Its
    /// layout receives no variables; without one, the app shows "404 - Page not found".
    /// The HTTP status stays 200, as in Python: the page is the same for every path.
    pub fn not_found() -> Page {
        let mut page = Page::new("/404");
        page.name = "Not found".to_owned();
        page.not_found = true;
        page
    }

    /// The page's name, for navigation and the default title.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// The browser tab's title on this page; `{variable}` is replaced by that path
    /// variable's value as the URL has it, decoded (Python Dash passes the same text to
    /// its title functions). Without it: the app's title, unless it is the default `Dash`,
    /// else the page's name.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// The link-preview description (`description`, `og:description`,
    /// `twitter:description`).
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// The link-preview image: a file of the assets folder. Without it, the assets
    /// folder's `<name>.<ext>`, `app.<ext>` or `logo.<ext>` (png, svg, jpg, jpeg, gif,
    /// webp, avif, apng), as in Python Dash.
    pub fn image(mut self, asset: impl Into<String>) -> Self {
        self.image = Some(asset.into());
        self
    }

    /// The link-preview image's full URL, elsewhere than the assets.
    pub fn image_url(mut self, url: impl Into<String>) -> Self {
        self.image_url = Some(url.into());
        self
    }

    /// Where the page comes in the registry: pages with an order first, smallest first,
    /// then the others in declaration order. When no page has one, the page at `/` comes
    /// first.
    pub fn order(mut self, order: i64) -> Self {
        self.order = Some(order);
        self
    }

    /// An old path that now answers `301 Moved Permanently` to this page.
    pub fn redirect_from(mut self, path: impl Into<String>) -> Self {
        self.redirect_from.push(path.into());
        self
    }

    /// The function that builds the page's layout from the visit's path variables and
    /// query parameters. A [`PageError`] (a variable that does not parse as its type)
    /// means the path is not this page's: the next page is tried, then the 404 page.
    ///
    /// The app also calls it once when it starts, with every variable and query
    /// parameter at its type's default ([`PageRequest::validation`]), so that the
    /// callbacks' ids are checked against every page, as Python Dash's validation layout
    /// does: a page's layout built from default values should hold its components.
    pub fn layout<L: Into<Node>>(
        mut self,
        layout: impl Fn(&PageRequest) -> Result<L, PageError> + Send + Sync + 'static,
    ) -> Self {
        self.layout = Some(Arc::new(move |request| layout(request).map(Into::into)));
        self
    }

    /// Which visits are this page's, without building its layout: a check that its
    /// variables and query parameters parse as their types (what `#[derive(Pages)]`
    /// writes). The page's link-preview tags use it; without it, every path the
    /// template matches is the page's there.
    pub fn accepts(
        mut self,
        accepts: impl Fn(&PageRequest) -> Result<(), PageError> + Send + Sync + 'static,
    ) -> Self {
        self.accepts = Some(Arc::new(accepts));
        self
    }

    /// Registers the callbacks of a `#[dash::app]` module with the page.
    pub fn app<A: App>(mut self) -> Self {
        self.callbacks.push(A::callbacks);
        self.server_stores.push(A::server_stores);
        self
    }

    /// The path, as given.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The page's name.
    pub fn page_name(&self) -> &str {
        &self.name
    }

    /// Is this the 404 page?
    pub fn is_not_found(&self) -> bool {
        self.not_found
    }
}

/// Python Dash's name for a page without one: the path's last segment, `-` and `_` as
/// spaces, the first letter capitalised (variables skipped); `Home` for `/`.
fn default_name(path: &str) -> String {
    let last = path
        .split('/')
        .rfind(|segment| !segment.is_empty() && !segment.starts_with('<'))
        .unwrap_or_default()
        .replace(['-', '_'], " ");
    let mut chars = last.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Home".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_path() {
        assert_eq!(default_name("/"), "Home");
        assert_eq!(default_name("/weekly_analytics"), "Weekly analytics");
        assert_eq!(default_name("/city/<name>"), "City");
        assert_eq!(Page::new("/about-us").name, "About us");
    }
}
