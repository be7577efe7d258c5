#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        #[id("intermediate-value")]
        intermediate: Store,
        #[id = ""]
        graph: dcc::Graph,
        #[id = "graph"]
        other_graph: dcc::Graph,
    }

    #[callback(output = "graph.figure", input = "intermediate-value.data")]
    fn draw(_data: Option<serde_json::Value>) -> Figure {
        Figure::new()
    }
}

fn main() {}
