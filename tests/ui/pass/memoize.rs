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
    fn clean(city: String) -> Cleaned {
        Cleaned { rows: vec![(city, 1.0)] }
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

fn main() {
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
