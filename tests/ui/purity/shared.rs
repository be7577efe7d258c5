// A `Shared<T>` is read-only by intent: writes through it are reported like writes to a
// global, since every user and every process shares it.
use std::sync::Mutex;

pub struct Cache {
    pub hits: Mutex<u64>,
}

#[dash::app]
mod app {
    use super::Cache;
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: dcc::Input,
        b: html::Div,
    }

    #[callback(output = "b.children", input = "a.value")]
    fn count(v: Option<String>, cache: Shared<Cache>) -> String {
        *cache.hits.lock().unwrap() += 1;
        v.unwrap_or_default()
    }
}

fn main() {}
