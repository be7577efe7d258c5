// Every form of `memoize`, and a server-side store between a producer and its readers.
#[dash::app]
mod app {
    use dash::prelude::*;
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize)]
    pub struct Cleaned {
        rows: Vec<(String, f64)>,
    }

    #[ids]
    pub struct Ids {
        city: dcc::Dropdown,
        big: ServerStore<Cleaned>,
        a: html::Div,
        b: html::Div,
        c: html::Div,
        d: html::Div,
    }

    #[callback(output = "big.data", input = "city.value", memoize)]
    fn clean(city: Option<String>) -> Cleaned {
        Cleaned { rows: vec![(city.unwrap_or_default(), 1.0)] }
    }

    #[callback(output = "a.children", input = "big.data", memoize = true)]
    fn count(data: Cleaned) -> usize {
        data.rows.len()
    }

    #[callback(output = "b.children", input = "big.data", memoize(ttl = "10m"))]
    fn first(data: Option<Cleaned>) -> String {
        data.and_then(|d| d.rows.into_iter().next()).map(|r| r.0).unwrap_or_default()
    }

    #[callback(output = "c.children", input = "city.value", memoize(scope = "session", ttl = "1d"))]
    fn mine(city: Option<String>) -> String {
        city.unwrap_or_default()
    }

    #[callback(output = "d.children", input = "city.value", memoize = false)]
    fn plain(city: Option<String>) -> String {
        city.unwrap_or_default()
    }
}

// The code version in a memoized callback's cache key follows its code: the same signature
// and body give the same version (whatever the name), a changed body or signature another.
#[dash::app]
mod versions {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        n: dcc::Input,
        x: html::Div,
        y: html::Div,
        z: html::Div,
        w: html::Div,
    }

    #[callback(output = "x.children", input = "n.value", memoize)]
    fn double(n: Option<i64>) -> i64 {
        n.unwrap_or(0) * 2
    }

    #[callback(output = "y.children", input = "n.value", memoize)]
    fn twice(n: Option<i64>) -> i64 {
        n.unwrap_or(0) * 2
    }

    #[callback(output = "z.children", input = "n.value", memoize)]
    fn triple(n: Option<i64>) -> i64 {
        n.unwrap_or(0) * 3
    }

    #[callback(output = "w.children", input = "n.value", memoize)]
    fn as_float(n: Option<i64>) -> f64 {
        n.unwrap_or(0) as f64 * 2.0
    }
}

fn main() {
    use dash::App as _;
    let v: Vec<&str> = versions::Ids::callbacks().iter().map(|s| s.version).collect();
    assert_eq!(v[0], v[1], "the same code, the same version");
    assert_ne!(v[0], v[2], "another body, another version");
    assert_ne!(v[0], v[3], "another signature, another version");
    assert!(v.iter().all(|v| v.len() == 16), "{v:?}");

    use dash::App;
    assert_eq!(app::Ids::server_stores(), ["big"]);
    let specs = app::Ids::callbacks();
    assert_eq!(specs[0].memoize, Some(dash::Memoize::APP));
    assert_eq!(specs[2].memoize.unwrap().ttl, Some(std::time::Duration::from_secs(600)));
    assert_eq!(specs[3].memoize.unwrap().scope, dash::Scope::Session);
    assert_eq!(specs[4].memoize, None);
    assert!(specs[0].path.ends_with("::app::clean"), "{}", specs[0].path);
    assert_eq!(specs[0].version.len(), 16);
}
