// A pattern's keys are the family's fields: rustc checks them at the struct literal.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        total: html::Div,
    }

    #[family(dcc::Input)]
    pub struct Cell {
        pub row: u32,
        pub column: String,
    }

    #[callback(output = "total.children", input(Cell { rwo: ALL, column: "a" }, "value"))]
    fn misspelt(_cells: Vec<(Cell, Option<String>)>) -> String {
        String::new()
    }

    #[callback(output = "total.title", input(Cell { row: ALL }, "value"))]
    fn missing(_cells: Vec<(Cell, Option<String>)>) -> String {
        String::new()
    }

    #[callback(output = "total.className", input(Cell { row: ALL, column: 3 }, "value"))]
    fn wrong_type(_cells: Vec<(Cell, Option<String>)>) -> String {
        String::new()
    }

    #[callback(output = "total.lang", input(Cell { row: ALL, ..Cell::default() }, "value"))]
    fn rest(_cells: Vec<(Cell, Option<String>)>) -> String {
        String::new()
    }
}

fn main() {}
