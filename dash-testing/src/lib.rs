//! End-to-end tests of a Dash app in headless Chromium, as Python's `dash_duo` runs
//! them: serve the app in the test's process, open its page, click, type, wait for text,
//! and read what the page logged as errors.
//!
//! A dev-dependency of its own, so that an app's normal build never compiles a browser
//! driver. It drives the Chromium at `$CHROMIUM`, else Debian's `/usr/bin/chromium`,
//! headless; it never downloads one.
//!
//! ```no_run
//! # fn app() -> dash::Dash { dash::Dash::new() }
//! # async fn demo() {
//! let page = dash_testing::Session::open_app(app()).await;
//! page.click("#inc").await;
//! page.wait_text("count", "1").await; // the element with id `count`
//! page.close_without_errors().await; // fails on any error the page logged
//! # }
//! ```
//!
//! For the callbacks alone, `dash::TestClient` needs no browser at all.

pub mod browser;

use std::time::Duration;

pub use browser::{Session, within};

/// How long any one step may take (a page load, a click, a wait for text) before the
/// test fails naming it.
pub const DEADLINE: Duration = Duration::from_secs(30);

/// Serves the app in this process on 127.0.0.1, on a free port, and returns its base URL
/// (without a trailing slash). The server lives as long as the test's runtime.
pub async fn serve(app: dash::Dash) -> String {
    let server = app.build().expect("the app is valid");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("local address");
    tokio::spawn(server.serve(listener));
    format!("http://{addr}")
}
