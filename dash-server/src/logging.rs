//! A default log subscriber for apps that set none: `RUST_LOG` decides what is shown.

/// Installs a `tracing` subscriber reading `RUST_LOG` (default `info`), unless the app
/// installed its own.
pub fn init() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
}
