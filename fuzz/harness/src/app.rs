//! The app the fuzz targets talk to: typed inputs, a server-side store, memoization per
//! input and per session. Its callbacks cannot panic, so any 5xx is the server's fault.

use dash::cache::MemoryCache;
use dash::prelude::*;

#[dash::app]
mod fuzzed {
    use std::sync::Arc;

    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        count: dcc::Slider,
        name: dcc::Input,
        rows: ServerStore<Vec<u32>>,
        total: html::Div,
        greeting: html::Div,
    }

    /// A store's value, from a number the browser sends.
    #[callback(output = "rows.data", input = "count.value", memoize)]
    fn rows(count: Option<f64>) -> Vec<u32> {
        (0..count.unwrap_or(0.0).clamp(0.0, 1000.0) as u32).collect()
    }

    /// A reader of the store.
    #[callback(output = "total.children", input = "rows.data")]
    fn total(rows: Arc<Vec<u32>>) -> u64 {
        rows.iter().map(|&n| u64::from(n)).sum()
    }

    /// Memoized per session: the session comes from the cookie.
    #[callback(
        output = "greeting.children",
        input = "name.value",
        state = "count.value",
        memoize(scope = "session")
    )]
    fn greet(name: Option<String>, count: Option<f64>) -> String {
        format!("hello {}, {:?}", name.unwrap_or_default(), count)
    }
}

/// The app, built: a layout with every id, the default settings, the in-memory cache
/// (bounded, so that a long run of distinct inputs cannot grow it without end).
pub fn server() -> dash::Server {
    // Every setting as its default, whatever the environment says (a prefix from
    // `DASH_URL_BASE_PATHNAME` would turn every input into a 404).
    Dash::new()
        .config(dash::Config::default())
        .cache(MemoryCache::new(8 * 1024 * 1024))
        .layout(html::Div::new().children([
            dcc::Slider::new().id("count").min(0).max(1000).into(),
            dcc::Input::new().id("name").into(),
            ServerStore::<Vec<u32>>::new("rows").into(),
            html::Div::new().id("total").into(),
            html::Div::new().id("greeting").into(),
        ]))
        .app::<fuzzed::Ids>()
        .build()
        .expect("the fuzzed app is valid")
}
