//! The link-preview tags of a page (Python Dash's `include_pages_meta`): the ten tags it
//! writes before the page's other meta tags, for the page at the requested path.

use super::PageRegistry;
use crate::resource::escape;

impl PageRegistry {
    /// The tags for a request of `path` (behind the routes' prefix, which `path` does not
    /// hold), whose full URL is `url` and whose site root (scheme, host and the prefix the
    /// browser requests under) is `root`. `assets` is where the assets are served, under
    /// the root.
    pub(crate) fn meta_tags(
        &self,
        path: &str,
        query: &str,
        url: &str,
        root: &str,
        assets: &str,
    ) -> String {
        let found = self.find(path, query);
        let (title, description, image) = match &found {
            Some((entry, request)) => (
                self.title(entry, request),
                entry
                    .page
                    .description
                    .clone()
                    .or_else(|| self.app_description.clone())
                    .unwrap_or_default(),
                entry.page.image_url.clone().or_else(|| {
                    entry.image.as_ref().map(|image| {
                        format!(
                            "{}/{}/{}",
                            root.trim_end_matches('/'),
                            assets.trim_matches('/'),
                            image
                        )
                    })
                }),
            ),
            None => (
                self.app_title.clone(),
                self.app_description.clone().unwrap_or_default(),
                None,
            ),
        };
        let image = image.unwrap_or_default();
        let tags = [
            ("name", "description", &description),
            (
                "property",
                "twitter:card",
                &"summary_large_image".to_owned(),
            ),
            ("property", "twitter:url", &url.to_owned()),
            ("property", "twitter:title", &title),
            ("property", "twitter:description", &description),
            ("property", "twitter:image", &image),
            ("property", "og:title", &title),
            ("property", "og:type", &"website".to_owned()),
            ("property", "og:description", &description),
            ("property", "og:image", &image),
        ];
        tags.iter()
            .map(|(kind, name, content)| {
                format!(
                    "    <meta {kind}=\"{name}\" content=\"{}\">\n",
                    escape(content)
                )
            })
            .collect()
    }
}
