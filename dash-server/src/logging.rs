//! A default log subscriber for apps that set none: `RUST_LOG` decides what is shown.

/// Installs a `tracing` subscriber reading `RUST_LOG` (default `info`) and writing to
/// standard error, unless the app installed its own. Standard output keeps only the
/// "Dash is running on ..." line.
pub fn init() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
