//! A page's link as `#[derive(Pages)]` writes it: fixed segments, variables and query
//! parameters, each percent-encoded, behind the app's prefix.

use super::relative_path;

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
mod tests {
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
