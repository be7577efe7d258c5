// Every kind of global write the lint sees, reported in one compile.
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

static CACHE: Mutex<Option<HashMap<String, i64>>> = Mutex::new(None);
static FIRST: OnceLock<String> = OnceLock::new();
thread_local! {
    static SEEN: RefCell<Vec<i64>> = const { RefCell::new(Vec::new()) };
}

#[dash::app]
mod app {
    use super::{CACHE, FIRST, SEEN};
    use dash::prelude::*;
    use std::collections::HashMap;

    #[ids]
    pub struct Ids {
        a: dcc::Input,
        b: html::Div,
        c: html::Div,
    }

    #[callback(output = "b.children", input = "a.value")]
    fn remember(v: Option<String>) -> usize {
        let text = v.unwrap_or_default();
        CACHE.lock().unwrap().get_or_insert_with(HashMap::new).insert(text.clone(), 1);
        let _ = FIRST.set(text.clone());
        SEEN.with(|seen| seen.borrow_mut().push(1));
        let cache = &CACHE;
        drop(cache.try_lock());
        text.len()
    }

    #[callback(output = "c.children", input = "a.n_submit")]
    fn declare(n: Option<u32>) -> u32 {
        static mut TOTAL: u32 = 0;
        n.unwrap_or(0)
    }
}

fn main() {}
