//! Where the app lives in the URL space: the prefix its routes are served under, and the
//! prefix the browser puts in front of every request (they differ behind a proxy that
//! strips a path). The rules are Python Dash's (`dash/_configs.py`, `pathname_configs`).

/// The resolved prefixes, each starting and ending with `/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Pathnames {
    /// `url_base_pathname` as set, reported in `_dash-config` (`null` when unset).
    pub url_base: Option<String>,
    /// Where this server answers: `/` by default, `/sales/` for `url_base_pathname`
    /// `/sales/`.
    pub routes: String,
    /// What the browser sends in front of every path: `routes` unless set apart.
    pub requests: String,
}

impl Default for Pathnames {
    fn default() -> Self {
        Pathnames {
            url_base: None,
            routes: "/".to_owned(),
            requests: "/".to_owned(),
        }
    }
}

impl Pathnames {
    /// The prefixes for these settings, or the setting at fault and why.
    ///
    /// `url_base_pathname` sets both prefixes and excludes either; `routes_pathname_prefix`
    /// defaults to `/`; `requests_pathname_prefix` defaults to it and must end with it
    /// (a proxy may add a path in front, never change the rest). Each starts and ends with
    /// `/` and holds only characters that need no escaping in a URL path.
    pub(crate) fn resolve(
        url_base: Option<&str>,
        routes: Option<&str>,
        requests: Option<&str>,
    ) -> Result<Pathnames, (&'static str, String)> {
        if url_base.is_some() && (routes.is_some() || requests.is_some()) {
            let other = if routes.is_some() {
                "routes_pathname_prefix"
            } else {
                "requests_pathname_prefix"
            };
            return Err((
                "url_base_pathname",
                format!(
                    "`url_base_pathname` sets both prefixes: set it alone, or set \
                     `routes_pathname_prefix` and `requests_pathname_prefix` without it \
                     (`{other}` is set too)"
                ),
            ));
        }
        let routes = match url_base {
            Some(url_base) => check("url_base_pathname", url_base)?,
            None => check("routes_pathname_prefix", routes.unwrap_or("/"))?,
        };
        let requests = match requests {
            Some(requests) => check("requests_pathname_prefix", requests)?,
            None => routes.clone(),
        };
        if !requests.ends_with(&routes) {
            return Err((
                "requests_pathname_prefix",
                format!(
                    "`requests_pathname_prefix` (`{requests}`) must end with \
                     `routes_pathname_prefix` (`{routes}`): a proxy may put a path in front \
                     of the routes, not change them"
                ),
            ));
        }
        Ok(Pathnames {
            url_base: url_base.map(|_| routes.clone()),
            routes,
            requests,
        })
    }

    /// The path a route is served at: `route("_dash-layout")` is `/sales/_dash-layout`.
    pub(crate) fn route(&self, path: &str) -> String {
        format!("{}{path}", self.routes)
    }

    /// The path the browser requests for a route, through the proxy if any.
    pub(crate) fn request(&self, path: &str) -> String {
        format!("{}{path}", self.requests)
    }
}

fn check(name: &'static str, prefix: &str) -> Result<String, (&'static str, String)> {
    let fits = prefix.starts_with('/')
        && prefix.ends_with('/')
        && !prefix.contains("//")
        && prefix
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~'));
    let dots = prefix
        .split('/')
        .any(|segment| segment == "." || segment == "..");
    if fits && !dots {
        Ok(prefix.to_owned())
    } else {
        Err((
            name,
            format!(
                "`{name}` must start and end with `/` and hold letters, digits, `-`, `_`, `.` \
                 and `~` between them, such as `/sales/`; got `{prefix}`"
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use Pathnames as P;

    fn resolve(
        url_base: Option<&str>,
        routes: Option<&str>,
        requests: Option<&str>,
    ) -> Result<Pathnames, (&'static str, String)> {
        P::resolve(url_base, routes, requests)
    }

    fn pathnames(url_base: Option<&str>, routes: &str, requests: &str) -> Pathnames {
        Pathnames {
            url_base: url_base.map(Into::into),
            routes: routes.into(),
            requests: requests.into(),
        }
    }

    #[test]
    fn as_python_dash_resolves_them() {
        assert_eq!(resolve(None, None, None).unwrap(), Pathnames::default());
        assert_eq!(
            resolve(Some("/sales/"), None, None).unwrap(),
            pathnames(Some("/sales/"), "/sales/", "/sales/")
        );
        assert_eq!(
            resolve(None, Some("/sales/"), None).unwrap(),
            pathnames(None, "/sales/", "/sales/")
        );
        // Behind a proxy that strips `/sales`.
        assert_eq!(
            resolve(None, None, Some("/sales/")).unwrap(),
            pathnames(None, "/", "/sales/")
        );
        assert_eq!(
            resolve(None, Some("/app/"), Some("/team/app/")).unwrap(),
            pathnames(None, "/app/", "/team/app/")
        );
    }

    #[test]
    fn settings_that_do_not_fit_are_refused() {
        let base = "url_base_pathname";
        let routes_prefix = "routes_pathname_prefix";
        let requests_prefix = "requests_pathname_prefix";
        let start_and_end = "must start and end with `/`";
        for (url_base, routes, requests, setting, expected) in [
            (Some("/a/"), Some("/a/"), None, base, "set it alone"),
            (Some("/a/"), None, Some("/a/"), base, "set it alone"),
            (Some("sales/"), None, None, base, start_and_end),
            (None, Some("/sales"), None, routes_prefix, start_and_end),
            (None, None, Some("/a b/"), requests_prefix, start_and_end),
            (None, Some("/../"), None, routes_prefix, start_and_end),
            (None, Some("//"), None, routes_prefix, start_and_end),
            (
                None,
                Some("/app/"),
                Some("/other/"),
                requests_prefix,
                "must end with",
            ),
        ] {
            let (at, error) = resolve(url_base, routes, requests).unwrap_err();
            assert_eq!(at, setting, "{error}");
            assert!(error.contains(expected), "{error}");
        }
    }

    #[test]
    fn routes_and_requests() {
        let prefix = pathnames(None, "/app/", "/team/app/");
        assert_eq!(prefix.route("_dash-layout"), "/app/_dash-layout");
        assert_eq!(prefix.request("_favicon.ico"), "/team/app/_favicon.ico");
    }
}
