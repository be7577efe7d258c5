//! Server settings, with the defaults and environment variables Python Dash uses.

use std::net::IpAddr;

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
    /// The largest request body accepted, in bytes. Default 8 MiB.
    pub body_limit: usize,
    /// How many sync callbacks may run at once. Default: the number of cores.
    pub callback_threads: usize,
    /// Shown as the page title while callbacks run; `None` keeps the title. Default `Updating...`.
    pub update_title: Option<String>,
    /// Allow callbacks whose ids are not in the initial layout (components added later).
    pub suppress_callback_exceptions: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: IpAddr::from([127, 0, 0, 1]),
            port: 8050,
            debug: false,
            title: "Dash".to_owned(),
            body_limit: 8 * 1024 * 1024,
            callback_threads: std::thread::available_parallelism().map_or(2, |n| n.get()),
            update_title: Some("Updating...".to_owned()),
            suppress_callback_exceptions: false,
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

impl Config {
    /// The defaults, overridden by `HOST`, `PORT` and `DASH_DEBUG` where set.
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
            config.debug = match debug.to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" => true,
                "0" | "false" | "no" | "off" | "" => false,
                _ => {
                    return Err(EnvError {
                        name: "DASH_DEBUG",
                        value: debug,
                        reason: "expected true or false".into(),
                    });
                }
            };
        }
        Ok(config)
    }
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
