//! Server settings, with the defaults and environment variables Python Dash uses.

use std::net::IpAddr;
use std::path::PathBuf;

use crate::resource::Resource;

use crate::pathnames::Pathnames;

/// How the server runs. Every field has a default; [`Config::from_env`] applies `HOST`,
/// `PORT` and `DASH_DEBUG` as Python Dash's `app.run()` does.
#[derive(Clone, Debug)]
pub struct Config {
    /// Address to listen on. Default `127.0.0.1`, or `HOST`.
    pub host: IpAddr,
    /// Port to listen on. Default 8050, or `PORT`; 0 picks a free port.
    pub port: u16,
    /// Error details in responses and the front end's dev tools. Default off, or `DASH_DEBUG`.
    pub debug: bool,
    /// The page title. Default `Dash`.
    pub title: String,
    /// The site's description: the link-preview description of each page without one of
    /// its own (Python Dash's `description`). Default none.
    pub description: Option<String>,
    /// The largest request body accepted, in bytes. Default 8 MiB.
    pub body_limit: usize,
    /// How many sync callbacks may run at once. Default: the number of cores.
    pub callback_threads: usize,
    /// Shown as the page title while callbacks run; `None` keeps the title. Default `Updating...`.
    pub update_title: Option<String>,
    /// Allow callbacks whose ids are not in the initial layout (components added later).
    pub suppress_callback_exceptions: bool,
    /// The path of the health check, without its leading slash (`health` serves
    /// `GET /health`, answering `OK` as `text/plain`, as Python Dash's `health_endpoint`
    /// does); `None`, the default as in Python, serves none. Or `DASH_HEALTH_ENDPOINT`.
    pub health_endpoint: Option<String>,
    /// How long a callback may take before its request is answered 504; `None`, the
    /// default, sets no limit. Or `DASH_CALLBACK_TIMEOUT`, in seconds.
    pub callback_timeout: Option<std::time::Duration>,
    /// The time limit of a background job (none by default): past it the job is
    /// cancelled and its poll gets the timeout, as an ordinary callback would.
    pub background_timeout: Option<std::time::Duration>,
    /// The origins whose pages may call this app from the browser (CORS), for a dashboard
    /// embedded in another site: `https://portal.example.com`, or `*` for any. Empty, the
    /// default, sends no CORS headers. Or `DASH_CORS_ORIGINS`, comma-separated.
    pub cors_origins: Vec<String>,
    /// Every server callback goes over the page's WebSocket, not only those marked
    /// `websocket` (Dash's `websocket_callbacks=True`).
    pub websocket_callbacks: bool,
    /// Origins besides the app's own host whose pages may open its WebSocket
    /// (`https://portal.example.com`), compared whole; `*` allows any.
    pub websocket_allowed_origins: Vec<String>,
    /// Compress the page and the JSON answers above 1 KiB as they go out, where that pays:
    /// zstd, brotli or gzip at level 1, as the browser accepts, for clients on other
    /// machines; nothing for a client on this one (over loopback, sending is faster than
    /// any compressor). On by default, because most apps are served without a
    /// compressing proxy, and JSON shrinks five to ten times; Python Dash's default is off.
    /// Turn it off when a proxy in front compresses. The front-end bundles are compressed
    /// once, when the server is built, and sent that way whatever this says. Or
    /// `DASH_COMPRESS` (`true` or `false`).
    pub compress: bool,
    /// Where the app lives, such as `/sales/`: its routes are served there and the browser
    /// requests them there (Python Dash's `url_base_pathname`). Excludes the two settings
    /// below. `None`, the default, is `/`. Or `DASH_URL_BASE_PATHNAME`.
    pub url_base_pathname: Option<String>,
    /// The prefix the routes are served under, `/` by default. Or
    /// `DASH_ROUTES_PATHNAME_PREFIX`.
    pub routes_pathname_prefix: Option<String>,
    /// The prefix the browser puts in front of every request: `routes_pathname_prefix` by
    /// default; behind a proxy that strips a path, that path (`/sales/` when the proxy
    /// passes `/sales/x` on as `/x`). It must end with `routes_pathname_prefix`. Or
    /// `DASH_REQUESTS_PATHNAME_PREFIX`.
    pub requests_pathname_prefix: Option<String>,
    /// The app's assets folder, whose stylesheets, scripts and favicon the page links and
    /// whose files are served (Python Dash's `assets_folder`). `None`, the default, is
    /// `assets` in the directory the app starts in, when there is one.
    pub assets_folder: Option<PathBuf>,
    /// Where the assets are served, under the routes prefix. Default `assets`.
    pub assets_url_path: String,
    /// A regular expression: files whose name it matches are left out of the page (still
    /// served). Python Dash's `assets_ignore`.
    pub assets_ignore: Option<String>,
    /// Regular expressions: folders whose name one matches are left out of the page, with
    /// what they hold (still served). Python Dash's `assets_path_ignore`.
    pub assets_path_ignore: Vec<String>,
    /// Link the assets' stylesheets and scripts in the page. Default on, or
    /// `DASH_INCLUDE_ASSETS_FILES`; off, the files are still served.
    pub include_assets_files: bool,
    /// Stylesheets from outside the app, linked first in `<head>`.
    pub external_stylesheets: Vec<Resource>,
    /// Scripts from outside the app, loaded after React and before the component
    /// libraries and the assets' scripts, which may use them.
    pub external_scripts: Vec<Resource>,
    /// The page's meta tags, each as its attributes in order, after Python Dash's three
    /// defaults (each left out when a tag here is like it).
    pub meta_tags: Vec<Vec<(String, String)>>,
    /// Hot reload: the page swaps an edited stylesheet of the assets folder in place, and
    /// reloads for any other edited asset or a restarted server. `None`, the default,
    /// follows `debug`, as in Python. Or `DASH_HOT_RELOAD`.
    pub hot_reload: Option<bool>,
    /// The page's template (Python Dash's `index_string`), with the markers `{%metas%}`,
    /// `{%title%}`, `{%favicon%}`, `{%css%}`, `{%app_entry%}`, `{%config%}`, `{%scripts%}`
    /// and `{%renderer%}`. `None`, the default, is Python Dash's template.
    pub index_string: Option<String>,
    /// The MCP endpoint, for AI agents ([`Dash::mcp`](crate::Dash::mcp)); `None`, the
    /// default as in Python Dash, serves none. Or `DASH_MCP_ENABLED` (`true` serves it
    /// with its defaults).
    #[cfg(feature = "mcp")]
    pub mcp: Option<crate::Mcp>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: IpAddr::from([127, 0, 0, 1]),
            port: 8050,
            debug: false,
            title: "Dash".to_owned(),
            description: None,
            body_limit: 8 * 1024 * 1024,
            callback_threads: std::thread::available_parallelism().map_or(2, |n| n.get()),
            update_title: Some("Updating...".to_owned()),
            suppress_callback_exceptions: false,
            health_endpoint: None,
            callback_timeout: None,
            background_timeout: None,
            cors_origins: Vec::new(),
            websocket_callbacks: false,
            websocket_allowed_origins: Vec::new(),
            compress: true,
            url_base_pathname: None,
            routes_pathname_prefix: None,
            requests_pathname_prefix: None,
            assets_folder: None,
            assets_url_path: "assets".to_owned(),
            assets_ignore: None,
            assets_path_ignore: Vec::new(),
            include_assets_files: true,
            external_stylesheets: Vec::new(),
            external_scripts: Vec::new(),
            meta_tags: Vec::new(),
            index_string: None,
            hot_reload: None,
            #[cfg(feature = "mcp")]
            mcp: None,
        }
    }
}

/// A setting from the environment that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("environment variable {name}={value:?} is not valid: {reason}")]
pub struct EnvError {
    name: &'static str,
    value: String,
    reason: String,
}

impl EnvError {
    pub(crate) fn new(name: &'static str, value: &str, reason: String) -> Self {
        EnvError {
            name,
            value: value.to_owned(),
            reason,
        }
    }
}

/// A true-or-false variable: `empty` is what an empty value means.
fn flag(name: &'static str, value: String, empty: bool) -> Result<bool, EnvError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        "" => Ok(empty),
        _ => Err(EnvError {
            name,
            value,
            reason: "expected true or false".into(),
        }),
    }
}

impl Config {
    /// Whether hot reload is on: as set, or as `debug`.
    pub(crate) fn hot_reload(&self) -> bool {
        self.hot_reload.unwrap_or(self.debug)
    }

    /// The defaults, overridden by `HOST`, `PORT`, `DASH_DEBUG`, `DASH_HEALTH_ENDPOINT`,
    /// `DASH_CALLBACK_TIMEOUT`, `DASH_CORS_ORIGINS`, `DASH_COMPRESS`,
    /// `DASH_INCLUDE_ASSETS_FILES`, `DASH_HOT_RELOAD`, `DASH_MCP_ENABLED` (with the feature
    /// `mcp`), `DASH_URL_BASE_PATHNAME`, `DASH_ROUTES_PATHNAME_PREFIX`
    /// and `DASH_REQUESTS_PATHNAME_PREFIX` where set (the three prefixes are checked
    /// together).
    pub fn from_env() -> Result<Config, EnvError> {
        let mut config = Config::default();
        if let Some(host) = var("HOST") {
            config.host = parse_host(&host).ok_or_else(|| EnvError {
                name: "HOST",
                value: host.clone(),
                reason: "expected an IP address or `localhost`".into(),
            })?;
        }
        if let Some(port) = var("PORT") {
            config.port = port
                .parse()
                .map_err(|e: std::num::ParseIntError| EnvError {
                    name: "PORT",
                    value: port.clone(),
                    reason: e.to_string(),
                })?;
        }
        if let Some(debug) = var("DASH_DEBUG") {
            config.debug = flag("DASH_DEBUG", debug, false)?;
        }
        if let Some(compress) = var("DASH_COMPRESS") {
            config.compress = flag("DASH_COMPRESS", compress, true)?;
        }
        if let Some(hot) = var("DASH_HOT_RELOAD") {
            config.hot_reload = Some(flag("DASH_HOT_RELOAD", hot, false)?);
        }
        if let Some(include) = var("DASH_INCLUDE_ASSETS_FILES") {
            config.include_assets_files = flag("DASH_INCLUDE_ASSETS_FILES", include, true)?;
        }
        if let Some(seconds) = var("DASH_CALLBACK_TIMEOUT") {
            let limit = seconds
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|s| s.is_finite() && *s > 0.0)
                .ok_or_else(|| EnvError {
                    name: "DASH_CALLBACK_TIMEOUT",
                    value: seconds.clone(),
                    reason: "expected a number of seconds greater than 0, such as `30` or `0.5`"
                        .into(),
                })?;
            config.callback_timeout = Some(std::time::Duration::from_secs_f64(limit));
        }
        if let Some(origins) = var("DASH_CORS_ORIGINS") {
            config.cors_origins = origins
                .split(',')
                .map(str::trim)
                .filter(|origin| !origin.is_empty())
                .map(str::to_owned)
                .collect();
        }
        config.url_base_pathname = var("DASH_URL_BASE_PATHNAME").filter(|v| !v.is_empty());
        config.routes_pathname_prefix =
            var("DASH_ROUTES_PATHNAME_PREFIX").filter(|v| !v.is_empty());
        config.requests_pathname_prefix =
            var("DASH_REQUESTS_PATHNAME_PREFIX").filter(|v| !v.is_empty());
        config.pathnames().map_err(|(setting, reason)| {
            let name = match setting {
                "url_base_pathname" => "DASH_URL_BASE_PATHNAME",
                "routes_pathname_prefix" => "DASH_ROUTES_PATHNAME_PREFIX",
                _ => "DASH_REQUESTS_PATHNAME_PREFIX",
            };
            EnvError::new(name, &var(name).unwrap_or_default(), reason)
        })?;
        if let Some(on) = var("DASH_MCP_ENABLED") {
            let wanted = flag("DASH_MCP_ENABLED", on.clone(), false)?;
            #[cfg(feature = "mcp")]
            {
                config.mcp = wanted.then(crate::Mcp::new);
            }
            #[cfg(not(feature = "mcp"))]
            if wanted {
                return Err(EnvError {
                    name: "DASH_MCP_ENABLED",
                    value: on,
                    reason: "the app was built without the feature `mcp` of `rust-dash`, which \
                             serves the MCP endpoint"
                        .into(),
                });
            }
        }
        if let Some(path) = var("DASH_HEALTH_ENDPOINT") {
            config.health_endpoint = health_path(&path).map_err(|reason| EnvError {
                name: "DASH_HEALTH_ENDPOINT",
                value: path.clone(),
                reason,
            })?;
        }
        Ok(config)
    }
}

impl Config {
    /// The prefixes these settings resolve to, or the setting at fault and why.
    pub(crate) fn pathnames(&self) -> Result<Pathnames, (&'static str, String)> {
        Pathnames::resolve(
            self.url_base_pathname.as_deref(),
            self.routes_pathname_prefix.as_deref(),
            self.requests_pathname_prefix.as_deref(),
        )
    }
}

/// A health check's path as given (`health`, `/health` or `probes/live`), checked:
/// `None` when empty.
pub(crate) fn health_path(text: &str) -> Result<Option<String>, String> {
    let path = text.trim().trim_matches('/');
    if path.is_empty() {
        return Ok(None);
    }
    let reserved = path.starts_with("_dash-") || path.starts_with("_favicon");
    let valid = path
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.'));
    if reserved || !valid {
        return Err(format!(
            "expected a path such as `health`, of letters, digits, `/`, `-`, `_` and `.`, \
             outside the protocol's `_dash-` routes; got `{path}`"
        ));
    }
    Ok(Some(path.to_owned()))
}

/// A connection URL fit for logs and error messages: the password of its user part
/// (`redis://user:password@host`, `redis://:password@host`) and the values of `password`
/// and `pass` query parameters become `***`.
#[cfg_attr(not(feature = "redis"), allow(dead_code))]
pub(crate) fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let authority = match authority.rsplit_once('@') {
        Some((user, host)) => match user.split_once(':') {
            Some((name, _)) => format!("{name}:***@{host}"),
            None => format!("***@{host}"),
        },
        None => authority.to_owned(),
    };
    let tail = match tail.split_once('?') {
        None => tail.to_owned(),
        Some((path, query)) => {
            let pairs: Vec<String> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((key, _)) if matches!(key, "password" | "pass") => format!("{key}=***"),
                    _ => pair.to_owned(),
                })
                .collect();
            format!("{path}?{}", pairs.join("&"))
        }
    };
    format!("{scheme}://{authority}{tail}")
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

fn parse_host(text: &str) -> Option<IpAddr> {
    if text == "localhost" {
        Some(IpAddr::from([127, 0, 0, 1]))
    } else {
        text.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_never_reach_a_message() {
        for (url, shown) in [
            ("redis://:s3cret@db:6379/0", "redis://:***@db:6379/0"),
            ("redis://ann:s3cret@db/", "redis://ann:***@db/"),
            ("rediss://token@db", "rediss://***@db"),
            (
                "redis://db:6379/?password=s3cret&db=2",
                "redis://db:6379/?password=***&db=2",
            ),
            (
                "redis+unix:///run/redis.sock?pass=s3cret",
                "redis+unix:///run/redis.sock?pass=***",
            ),
            ("redis://127.0.0.1:6379/", "redis://127.0.0.1:6379/"),
            ("not a url", "not a url"),
        ] {
            assert_eq!(redacted(url), shown);
        }
    }

    #[test]
    fn flags_read_as_python_dash_reads_them() {
        for (value, read) in [("1", true), ("True", true), (" on ", true), ("no", false)] {
            assert_eq!(
                flag("DASH_COMPRESS", value.into(), true).unwrap(),
                read,
                "{value}"
            );
        }
        assert!(flag("DASH_COMPRESS", "".into(), true).unwrap());
        assert!(!flag("DASH_DEBUG", "".into(), false).unwrap());
        let error = flag("DASH_COMPRESS", "maybe".into(), true).unwrap_err();
        assert_eq!(error.name, "DASH_COMPRESS");
    }

    #[test]
    fn health_paths() {
        assert_eq!(health_path("/health/").unwrap().as_deref(), Some("health"));
        assert_eq!(
            health_path("probes/live").unwrap().as_deref(),
            Some("probes/live")
        );
        assert_eq!(health_path("  ").unwrap(), None);
        assert!(health_path("_dash-layout").is_err());
        assert!(health_path("he alth").is_err());
    }
}
