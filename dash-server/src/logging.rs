//! A default log subscriber for apps that set none: `RUST_LOG` decides what is shown.

/// Installs a `tracing` subscriber reading `RUST_LOG` (default `info`, but `warn` for the
/// MCP crate, which logs every stateless request's session at `info`) and writing to
/// standard error, unless the app installed its own. Standard output keeps only the
/// "Dash is running on ..." line. Colours only on a terminal: a file or a container's log
/// gets plain text.
pub(crate) fn init() {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,rmcp=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}
