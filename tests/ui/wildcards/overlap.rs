// Overlapping pattern outputs have two writers, like equal plain ones.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        go: html::Button,
        stop: html::Button,
        more: html::Button,
    }

    #[family(html::Div)]
    pub struct Note {
        pub row: u32,
        pub column: String,
    }

    #[callback(output(Note { row: ALL, column: "a" }, "children"), input = "go.n_clicks")]
    fn every_row(_n: Option<i64>) -> Vec<String> {
        Vec::new()
    }

    #[callback(output(Note { row: 3, column: "a" }, "children"), input = "stop.n_clicks")]
    fn row_three(_n: Option<i64>) -> String {
        String::new()
    }

    // Another column: no overlap.
    #[callback(output(Note { row: 3, column: "b" }, "children"), input = "more.n_clicks")]
    fn column_b(_n: Option<i64>) -> String {
        String::new()
    }
}

fn main() {}
