// Renamed ids, and callbacks the purity lint accepts: locals, reads, owned copies, and an
// opt-out with a reason.
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

static REQUESTS: AtomicUsize = AtomicUsize::new(0);
static DEFAULTS: [(&str, i64); 2] = [("a", 1), ("b", 2)];

#[dash::app]
pub mod app {
    use super::{DEFAULTS, REQUESTS};
    use dash::prelude::*;
    use std::collections::HashMap;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[ids]
    pub struct Ids {
        city: dcc::Dropdown,
        #[id = "intermediate-value"]
        intermediate: Store<Vec<String>>,
        table: html::Div,
        count: html::Div,
    }

    #[callback(output = "intermediate-value.data", input = "city.value")]
    fn clean(city: Option<String>) -> Vec<String> {
        let local = AtomicUsize::new(0);
        local.fetch_add(1, Ordering::SeqCst);
        let mut table: HashMap<&str, i64> = DEFAULTS.iter().copied().collect();
        table.insert("c", 3);
        let mut rows = Vec::new();
        for (name, value) in table {
            rows.push(format!("{name}={value}"));
        }
        rows.push(city.unwrap_or_default());
        rows
    }

    #[callback(output = "table.children", input = "intermediate-value.data")]
    fn show(rows: Option<Vec<String>>) -> String {
        rows.unwrap_or_default().join(", ")
    }

    #[callback(
        output = "count.children",
        input = "city.value",
        allow_global_writes = "counts requests for a metrics page; nothing reads it back"
    )]
    fn count(_city: Option<String>) -> usize {
        REQUESTS.fetch_add(1, Ordering::Relaxed) + 1
    }
}

fn main() {
    let _ = (HashMap::<u8, u8>::new(), REQUESTS.load(Ordering::SeqCst));
    let _ = dash::Dash::new().app::<app::Ids>();
}
