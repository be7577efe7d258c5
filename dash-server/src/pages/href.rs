//! Links behind the app's prefix. A page's link is made while a layout is built, in the
//! server's threads; the prefix the browser requests under (`requests_pathname_prefix`)
//! is known there, for the length of the build, as Python Dash's `get_relative_path`
//! reads it from the app in the request's context.

use std::cell::RefCell;

thread_local! {
    static PREFIX: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// `path` behind the prefix the browser requests the app under: `/city/oslo` becomes
/// `/sales/city/oslo` in an app served at `/sales/`. Outside the building of a layout or
/// the run of a sync callback (in an async callback, say), the prefix is `/`.
pub fn relative_path(path: &str) -> String {
    PREFIX.with(|prefix| match &*prefix.borrow() {
        Some(prefix) if prefix != "/" => {
            format!(
                "{}/{}",
                prefix.trim_end_matches('/'),
                path.trim_start_matches('/')
            )
        }
        _ => path.to_owned(),
    })
}

/// The prefix in force on this thread until it is dropped.
pub(crate) struct PrefixScope {
    previous: Option<String>,
}

impl PrefixScope {
    pub(crate) fn enter(prefix: &str) -> PrefixScope {
        let previous = PREFIX.with(|slot| slot.borrow_mut().replace(prefix.to_owned()));
        PrefixScope { previous }
    }
}

impl Drop for PrefixScope {
    fn drop(&mut self) {
        let previous = self.previous.take();
        PREFIX.with(|slot| *slot.borrow_mut() = previous);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_go_behind_the_prefix_in_scope() {
        assert_eq!(relative_path("/city/oslo"), "/city/oslo");
        {
            let _scope = PrefixScope::enter("/sales/");
            assert_eq!(relative_path("/city/oslo"), "/sales/city/oslo");
            assert_eq!(relative_path("/"), "/sales/");
            {
                let _inner = PrefixScope::enter("/");
                assert_eq!(relative_path("/a"), "/a");
            }
            assert_eq!(relative_path("/a"), "/sales/a");
        }
        assert_eq!(relative_path("/a"), "/a");
    }
}

/// Builds a page's link, as `#[derive(Pages)]` writes it: the path's segments, each
/// variable percent-encoded, then the query parameters.
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct Href {
    path: String,
    query: String,
}

impl Href {
    /// An empty path.
    pub fn new() -> Href {
        Href::default()
    }

    /// A fixed segment.
    pub fn fixed(mut self, segment: &str) -> Href {
        self.path.push('/');
        self.path.push_str(segment);
        self
    }

    /// A variable's segment.
    pub fn variable(mut self, value: &dyn std::fmt::Display) -> Href {
        self.path.push('/');
        self.path
            .push_str(&dash_syntax::percent_encode(&value.to_string()));
        self
    }

    /// A query parameter.
    pub fn query(mut self, name: &str, value: &dyn std::fmt::Display) -> Href {
        self.query
            .push(if self.query.is_empty() { '?' } else { '&' });
        self.query.push_str(&dash_syntax::percent_encode(name));
        self.query.push('=');
        self.query
            .push_str(&dash_syntax::percent_encode(&value.to_string()));
        self
    }

    /// The link, behind the app's prefix.
    pub fn finish(self) -> String {
        let path = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        format!("{}{}", relative_path(path), self.query)
    }
}

#[cfg(test)]
mod href_tests {
    use super::*;

    #[test]
    fn links_encode_their_values() {
        let link = Href::new()
            .fixed("city")
            .variable(&"São Paulo")
            .query("days", &7)
            .query("q", &"a&b")
            .finish();
        assert_eq!(link, "/city/S%C3%A3o%20Paulo?days=7&q=a%26b");
        assert_eq!(Href::new().finish(), "/");
    }
}
