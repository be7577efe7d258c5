//! The guide: one chapter per topic, in the order a newcomer reads them. The front page
//! has the first app and the two commands; the chapters go on from there. Every example
//! names this crate only (`dash::`), as an app writes it.
//!
//! 1. [Components and libraries](components): the typed components, large figures,
//!    another component library, and the AG Grid, Bootstrap and Mantine suites.
//! 2. [Writing callbacks](callbacks): outputs, inputs and state; which input fired, side
//!    updates, patches, `running`, errors.
//! 3. [Sharing data between callbacks](sharing_data): the tutorial's four lessons,
//!    browser and server stores, memoization, the caches.
//! 4. [What the browser sends](browser_values): `null`, cleared values, numbers as text,
//!    and what survives the trip.
//! 5. [What the compiler checks](checks), and why callbacks never write global state.
//! 6. [Pattern-matching callbacks](patterns): components made at run time.
//! 7. [Styling and pages](styling_and_pages): the assets folder, the page's template, hot
//!    reload, several pages.
//! 8. [Long work](long_work): background callbacks, and live callbacks over the
//!    WebSocket.
//! 9. [Clientside callbacks](clientside): JavaScript the browser runs, checked when the
//!    app compiles.
//! 10. [Testing](testing): the test client without a browser, end-to-end tests in
//!     Chromium, the callback graph exported.
//! 11. [Callbacks as HTTP endpoints and agent tools](endpoints_and_agents): `api_endpoint`
//!     and the MCP endpoint.
//! 12. [Settings and errors](settings_and_errors).
//! 13. [Deploying, fuzzing and soak](deploying).
//! 14. [Performance and benchmarks](performance).
//! 15. [Attribute reference](attributes): `#[dash::app]`, `#[ids]`, `#[family]`,
//!     `#[callback]` with every key, `#[clientside]`, and the error each misuse gives.
//!
//! The chapters are the markdown files beside this module, included here; their examples
//! run as doc tests.

/// A chapter: the markdown file's text as the module's documentation, the crate's items
/// in scope so that its links (`[`Dash::cache`]`) resolve.
macro_rules! chapter {
    ($name:ident, $file:literal) => {
        pub mod $name {
            #![doc = include_str!($file)]
            #[allow(unused_imports)]
            use crate::*;
        }
    };
}

chapter!(components, "components.md");
chapter!(callbacks, "callbacks.md");
chapter!(sharing_data, "sharing_data.md");
chapter!(browser_values, "browser_values.md");
chapter!(checks, "checks.md");
chapter!(patterns, "patterns.md");
chapter!(styling_and_pages, "styling_and_pages.md");
chapter!(long_work, "long_work.md");
chapter!(clientside, "clientside.md");
chapter!(testing, "testing.md");
chapter!(endpoints_and_agents, "endpoints_and_agents.md");
chapter!(settings_and_errors, "settings_and_errors.md");
chapter!(deploying, "deploying.md");
chapter!(performance, "performance.md");
chapter!(attributes, "attributes.md");
