//! Headless Chromium driven over the DevTools protocol, with everything the page logs as an
//! error collected for the test to check. Every step has a deadline ([`DEADLINE`]) and
//! fails naming the step; the browser is killed when its [`Session`] is dropped.
//!
//! [`DEADLINE`]: crate::DEADLINE

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chromiumoxide::cdp::browser_protocol::log::{EventEntryAdded, LogEntryLevel};
use chromiumoxide::cdp::js_protocol::runtime::{
    ConsoleApiCalledType, EventConsoleApiCalled, EventExceptionThrown,
};
use chromiumoxide::page::ScreenshotParams;
use chromiumoxide::{Browser, BrowserConfig, Page};
use futures::StreamExt;

use crate::DEADLINE;

/// Runs one browser step, failing the test when it takes longer than [`DEADLINE`].
async fn step<T>(what: impl std::fmt::Display, future: impl std::future::Future<Output = T>) -> T {
    within(&what, DEADLINE, future)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The future's value, or an error naming `what` when it is not done within `limit`.
pub async fn within<T>(
    what: &impl std::fmt::Display,
    limit: Duration,
    future: impl std::future::Future<Output = T>,
) -> Result<T, String> {
    tokio::time::timeout(limit, future)
        .await
        .map_err(|_| format!("browser step `{what}` did not finish within {limit:?}"))
}

/// The Chromium to drive: `$CHROMIUM`, else Debian's `/usr/bin/chromium`.
fn executable() -> PathBuf {
    let path = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    assert!(
        path.exists(),
        "Chromium is not installed at {}: run scripts/test (it installs it), or `apt-get install chromium`, \
         or set CHROMIUM",
        path.display()
    );
    path
}

/// A browser with one page, and the errors the page reported.
pub struct Session {
    /// The browser, to open more pages.
    pub browser: Browser,
    /// Its page.
    pub page: Page,
    /// What the page logged as an error: console errors, uncaught exceptions, failed
    /// loads.
    pub errors: Arc<Mutex<Vec<String>>>,
    _profile: tempfile::TempDir,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("errors", &self.errors())
            .finish_non_exhaustive()
    }
}

impl Session {
    /// Starts a headless browser with a blank page.
    pub async fn start() -> Session {
        let profile = tempfile::tempdir().expect("a profile directory");
        let config = BrowserConfig::builder()
            .chrome_executable(executable())
            .new_headless_mode()
            .no_sandbox()
            .user_data_dir(profile.path())
            .window_size(1000, 700)
            .args([
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-quic",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ])
            .launch_timeout(DEADLINE)
            .request_timeout(DEADLINE)
            .build()
            .expect("browser config");
        let (browser, mut handler) = step("start Chromium", Browser::launch(config))
            .await
            .expect("Chromium starts");
        tokio::spawn(async move { while handler.next().await.is_some() {} });
        let page = step("open a tab", browser.new_page("about:blank"))
            .await
            .expect("a page");
        let errors = Arc::new(Mutex::new(Vec::new()));
        step("enable the Log domain", page.enable_log())
            .await
            .expect("Log domain");
        step("enable the Runtime domain", page.enable_runtime())
            .await
            .expect("Runtime domain");
        let mut console = step(
            "listen to console events",
            page.event_listener::<EventConsoleApiCalled>(),
        )
        .await
        .expect("console events");
        let sink = errors.clone();
        tokio::spawn(async move {
            while let Some(event) = console.next().await {
                if event.r#type == ConsoleApiCalledType::Error
                    || event.r#type == ConsoleApiCalledType::Assert
                {
                    let text: Vec<String> = event
                        .args
                        .iter()
                        .map(|arg| {
                            arg.value
                                .as_ref()
                                .map(|v| v.to_string())
                                .or_else(|| arg.description.clone())
                                .unwrap_or_default()
                        })
                        .collect();
                    sink.lock()
                        .unwrap()
                        .push(format!("console.error: {}", text.join(" ")));
                }
            }
        });
        let mut exceptions = step(
            "listen to exception events",
            page.event_listener::<EventExceptionThrown>(),
        )
        .await
        .expect("exception events");
        let sink = errors.clone();
        tokio::spawn(async move {
            while let Some(event) = exceptions.next().await {
                sink.lock()
                    .unwrap()
                    .push(format!("exception: {:?}", event.exception_details));
            }
        });
        let mut log = step(
            "listen to log events",
            page.event_listener::<EventEntryAdded>(),
        )
        .await
        .expect("log events");
        let sink = errors.clone();
        tokio::spawn(async move {
            while let Some(event) = log.next().await {
                if event.entry.level == LogEntryLevel::Error {
                    sink.lock().unwrap().push(format!(
                        "log: {} {}",
                        event.entry.text,
                        event.entry.url.clone().unwrap_or_default()
                    ));
                }
            }
        });
        Session {
            browser,
            page,
            errors,
            _profile: profile,
        }
    }

    /// Starts a browser and loads `url`.
    pub async fn open(url: &str) -> Session {
        Session::open_within(url, DEADLINE)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// Starts a browser and loads `url`, or gives up after `limit` (the browser is then
    /// killed with the session).
    pub async fn open_within(url: &str, limit: Duration) -> Result<Session, String> {
        let session = Session::start().await;
        session.load_within(url, limit).await?;
        Ok(session)
    }

    /// Serves the app in this process ([`serve`](crate::serve)) and opens its page.
    pub async fn open_app(app: dash::Dash) -> Session {
        Session::open(&format!("{}/", crate::serve(app).await)).await
    }

    /// Starts a browser, has it run `script` in every document before the page's own
    /// scripts, and loads `url`.
    pub async fn open_with_script(url: &str, script: &str) -> Session {
        let session = Session::start().await;
        step(
            "add a script to every document".to_owned(),
            session.page.evaluate_on_new_document(script.to_owned()),
        )
        .await
        .expect("the script is added");
        session
            .load_within(url, DEADLINE)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        session
    }

    /// Loads `url` in the page, or gives up after `limit`.
    pub async fn load_within(&self, url: &str, limit: Duration) -> Result<(), String> {
        within(&format!("load {url}"), limit, self.page.goto(url))
            .await?
            .map(|_| ())
            .map_err(|e| format!("loading {url}: {e}"))
    }

    /// Reloads the page.
    pub async fn reload(&self) {
        step("reload the page", self.page.reload())
            .await
            .expect("reload");
    }

    /// The process id of the browser, for checking that it is gone.
    pub fn pid(&mut self) -> Option<u32> {
        self.browser
            .get_mut_child()
            .and_then(|child| child.as_mut_inner().id())
    }

    /// The text of the element with this id (`textContent`), empty when there is none.
    pub async fn text(&self, id: &str) -> String {
        self.eval(&text_content(id))
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Waits (at most 30 s) until the element with this id holds exactly `expected`
    /// (`textContent`).
    pub async fn wait_text(&self, id: &str, expected: &str) {
        self.wait_for(
            &text_content(id),
            serde_json::json!(expected),
            Duration::from_secs(30),
        )
        .await;
    }

    /// Evaluates a JavaScript expression and returns its JSON value.
    pub async fn eval(&self, expression: &str) -> serde_json::Value {
        step(
            format!("evaluate `{expression}`"),
            self.page.evaluate(expression),
        )
        .await
        .unwrap_or_else(|e| panic!("evaluating `{expression}`: {e}"))
        .into_value()
        .unwrap_or(serde_json::Value::Null)
    }

    /// Waits until the expression evaluates to `expected`, or fails after `timeout` with
    /// the last value seen and the page's errors. An evaluation that fails while the page
    /// reloads (its context gone) is tried again.
    pub async fn wait_for(&self, expression: &str, expected: serde_json::Value, timeout: Duration) {
        let started = Instant::now();
        loop {
            let value = match step(
                format!("evaluate `{expression}`"),
                self.page.evaluate(expression),
            )
            .await
            {
                Ok(result) => result.into_value().unwrap_or(serde_json::Value::Null),
                Err(error) => serde_json::Value::String(format!("(not evaluated: {error})")),
            };
            if value == expected {
                return;
            }
            if started.elapsed() > timeout {
                let html = self
                    .eval("document.body ? document.body.outerHTML : ''")
                    .await;
                panic!(
                    "waited {timeout:?} for `{expression}` to be {expected}, last {value}\nerrors: {:?}\nbody: {html}",
                    self.errors()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The first element the CSS selector finds.
    async fn find(&self, selector: &str) -> chromiumoxide::Element {
        step(
            format!("find `{selector}`"),
            self.page.find_element(selector),
        )
        .await
        .unwrap_or_else(|e| panic!("finding `{selector}`: {e}"))
    }

    /// Clicks the middle of the element the CSS selector finds first.
    pub async fn click(&self, selector: &str) {
        self.click_found(selector, || self.page.find_element(selector))
            .await;
    }

    /// Clicks the middle of the element the XPath finds first.
    pub async fn click_xpath(&self, xpath: &str) {
        self.click_found(xpath, || self.page.find_xpath(xpath))
            .await;
    }

    /// Finds an element and clicks it, finding it again while the browser answers that
    /// the node is gone (the renderer replaced it between the two steps, or the document
    /// changed under the query), until [`DEADLINE`].
    async fn click_found<F, Found>(&self, what: &str, find: F)
    where
        F: Fn() -> Found,
        Found: std::future::Future<Output = chromiumoxide::Result<chromiumoxide::Element>>,
    {
        let started = Instant::now();
        loop {
            let attempt = async {
                let element = step(format!("find `{what}`"), find())
                    .await
                    .map_err(|e| format!("finding `{what}`: {e}"))?;
                step(format!("click `{what}`"), element.click())
                    .await
                    .map(|_| ())
                    .map_err(|e| format!("clicking `{what}`: {e}"))
            };
            match attempt.await {
                Ok(()) => return,
                Err(error) if started.elapsed() > DEADLINE => panic!("{error}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    /// Focuses the element and presses each key in turn (`"ArrowRight"`, `"Enter"`, …).
    pub async fn press(&self, selector: &str, keys: &[&str]) {
        let element = self.find(selector).await;
        step(format!("focus `{selector}`"), element.focus())
            .await
            .expect("focus");
        for key in keys {
            step(
                format!("press {key} on `{selector}`"),
                element.press_key(key),
            )
            .await
            .unwrap_or_else(|e| panic!("pressing {key} on `{selector}`: {e}"));
        }
    }

    /// Clicks into the element and types the text, key by key.
    pub async fn type_into(&self, selector: &str, text: &str) {
        let element = self.find(selector).await;
        step(format!("click `{selector}`"), element.click())
            .await
            .expect("click");
        step(format!("type into `{selector}`"), element.type_str(text))
            .await
            .expect("typing");
    }

    /// Saves a PNG of the page under tests/artifacts/.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        // `$DASH_ARTIFACTS`, else `artifacts/` in the test's package (cargo runs tests
        // there).
        let dir = std::env::var_os("DASH_ARTIFACTS")
            .map_or_else(|| PathBuf::from("artifacts"), PathBuf::from);
        std::fs::create_dir_all(&dir).expect("artifacts directory");
        let path = dir.join(format!("{name}.png"));
        step(
            format!("screenshot {name}"),
            self.page
                .save_screenshot(ScreenshotParams::builder().build(), &path),
        )
        .await
        .expect("screenshot");
        path
    }

    /// What the page has logged as an error so far.
    pub fn errors(&self) -> Vec<String> {
        self.errors.lock().unwrap().clone()
    }

    /// Closes the browser and fails the test if the page reported any error.
    pub async fn close_without_errors(self) {
        let errors = self.errors();
        self.close().await;
        assert!(
            errors.is_empty(),
            "the browser reported errors: {errors:#?}"
        );
    }

    /// Closes the browser; one that does not close in time is killed when the session is
    /// dropped.
    pub async fn close(mut self) {
        let _ = within(&"close the browser", DEADLINE, self.browser.close()).await;
        let _ = within(
            &"wait for the browser to exit",
            DEADLINE,
            self.browser.wait(),
        )
        .await;
    }
}

/// The expression of an element's `textContent`, `''` when there is no such element.
fn text_content(id: &str) -> String {
    format!("(document.getElementById('{id}') || {{}}).textContent || ''")
}
