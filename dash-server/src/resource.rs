//! What the page holds besides the app: external stylesheets and scripts, and meta tags.

/// A stylesheet or a script from outside the app (a CDN's, say), for
/// [`Dash::external_stylesheets`](crate::Dash::external_stylesheets) and
/// [`Dash::external_scripts`](crate::Dash::external_scripts): a URL, or the attributes of
/// its tag, in order.
///
/// ```
/// use dash::Resource;
///
/// let plain = Resource::from("https://cdn.example.com/site.css");
/// let pinned = Resource::tag([
///     ("rel", "stylesheet"),
///     ("href", "https://cdn.example.com/lib.css"),
///     ("integrity", "sha384-..."),
///     ("crossorigin", "anonymous"),
/// ]);
/// let module = Resource::tag([("src", "https://cdn.example.com/x.mjs"), ("type", "module")]);
/// # let _ = (plain, pinned, module);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resource {
    kind: Kind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    Url(String),
    Tag(Vec<(String, String)>),
}

impl Resource {
    /// The tag with exactly these attributes, in this order. As in Python Dash, a
    /// stylesheet's `rel="stylesheet"` is not added: write it.
    pub fn tag<K: Into<String>, V: Into<String>>(
        attributes: impl IntoIterator<Item = (K, V)>,
    ) -> Resource {
        Resource {
            kind: Kind::Tag(
                attributes
                    .into_iter()
                    .map(|(key, value)| (key.into(), value.into()))
                    .collect(),
            ),
        }
    }

    /// `<link>` for a stylesheet.
    pub(crate) fn stylesheet(&self) -> String {
        match &self.kind {
            Kind::Url(url) => format!("<link rel=\"stylesheet\" href=\"{}\">", escape(url)),
            Kind::Tag(attributes) => format!("<link{}>", attributes_text(attributes)),
        }
    }

    /// `<script>` for a script.
    pub(crate) fn script(&self) -> String {
        match &self.kind {
            Kind::Url(url) => format!("<script src=\"{}\"></script>", escape(url)),
            Kind::Tag(attributes) => format!("<script{}></script>", attributes_text(attributes)),
        }
    }
}

impl From<&str> for Resource {
    fn from(url: &str) -> Self {
        Resource {
            kind: Kind::Url(url.to_owned()),
        }
    }
}

impl From<String> for Resource {
    fn from(url: String) -> Self {
        Resource {
            kind: Kind::Url(url),
        }
    }
}

/// ` key="value"` for each attribute, values escaped (Python Dash writes them as they
/// are; escaping keeps a quote in a value from ending it).
pub(crate) fn attributes_text(attributes: &[(String, String)]) -> String {
    attributes
        .iter()
        .map(|(key, value)| format!(" {key}=\"{}\"", escape(value)))
        .collect()
}

/// Text for HTML: `&`, `<`, `>`, `"` and `'` escaped, as Python's `html.escape`.
pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
}

/// The meta tags of the page: Python Dash's three defaults, each unless the app's own
/// tags have one like it (an `http-equiv` X-UA-Compatible tag, any tag with `charset`, a
/// tag named `viewport`), then the app's, each as `<meta key="value" ...>`.
pub(crate) fn meta_tags(tags: &[Vec<(String, String)>]) -> String {
    let has = |key: &str, value: Option<&str>| {
        tags.iter().any(|tag| {
            tag.iter().any(|(k, v)| {
                k.eq_ignore_ascii_case(key)
                    && value.is_none_or(|value| v.eq_ignore_ascii_case(value))
            })
        })
    };
    let mut out = String::new();
    if !has("http-equiv", Some("X-UA-Compatible")) {
        out.push_str("    <meta http-equiv=\"X-UA-Compatible\" content=\"IE=edge\">\n");
    }
    if !has("charset", None) {
        out.push_str("    <meta charset=\"UTF-8\">\n");
    }
    if !has("name", Some("viewport")) {
        out.push_str(
            "    <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        );
    }
    for tag in tags {
        out.push_str(&format!("    <meta{}>\n", attributes_text(tag)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn urls_and_tags_become_links_and_scripts() {
        assert_eq!(
            Resource::from("https://x/a.css").stylesheet(),
            r#"<link rel="stylesheet" href="https://x/a.css">"#
        );
        assert_eq!(
            Resource::tag([("href", "b.css"), ("media", "print")]).stylesheet(),
            r#"<link href="b.css" media="print">"#,
            "no rel is added"
        );
        assert_eq!(
            Resource::tag([("src", "m.js"), ("type", "module"), ("data-x", "\"q\"")]).script(),
            r#"<script src="m.js" type="module" data-x="&quot;q&quot;"></script>"#
        );
    }

    #[test]
    fn the_three_default_meta_tags_give_way_to_the_apps() {
        let defaults = meta_tags(&[]);
        assert_eq!(defaults.matches("<meta").count(), 3);
        let own = meta_tags(&[
            tag(&[("name", "viewport")]),
            tag(&[("charset", "latin-1")]),
            tag(&[("name", "description"), ("content", "Rain & sun")]),
        ]);
        assert!(own.contains("<meta http-equiv=\"X-UA-Compatible\" content=\"IE=edge\">"));
        assert!(!own.contains("UTF-8"));
        assert!(!own.contains("initial-scale"));
        assert!(
            own.contains("<meta name=\"viewport\">"),
            "a viewport without content"
        );
        assert!(own.ends_with("<meta name=\"description\" content=\"Rain &amp; sun\">\n"));
    }
}
