use std::sync::atomic::{AtomicUsize, Ordering};

static HITS: AtomicUsize = AtomicUsize::new(0);
static mut LAST: i64 = 0;

#[dash::app]
mod app {
    use super::{HITS, LAST};
    use dash::prelude::*;
    use std::sync::atomic::Ordering;

    #[ids]
    pub struct Ids {
        a: dcc::Input,
        b: html::Div,
    }

    #[callback(output = "b.children", input = "a.value")]
    fn count(v: Option<i64>) -> usize {
        HITS.fetch_add(1, Ordering::SeqCst);
        unsafe {
            LAST = v.unwrap_or(0);
        }
        HITS.load(Ordering::SeqCst)
    }
}

fn main() {
    let _ = HITS.load(Ordering::SeqCst);
}
