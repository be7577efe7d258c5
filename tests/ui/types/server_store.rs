// A `ServerStore<T>` fixes the type of its data for its writer and its readers, as a
// browser `Store<T>` does.
#[dash::app]
mod app {
    use dash::prelude::*;
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize)]
    pub struct Cleaned {
        rows: Vec<f64>,
    }

    #[ids]
    pub struct Ids {
        city: dcc::Dropdown,
        big: ServerStore<Cleaned>,
        out: html::Div,
    }

    #[callback(output = "big.data", input = "city.value")]
    fn clean(_city: Option<String>) -> Vec<f64> {
        vec![]
    }

    #[callback(output = "out.children", input = "big.data")]
    fn count(data: String) -> usize {
        data.len()
    }
}

fn main() {}
