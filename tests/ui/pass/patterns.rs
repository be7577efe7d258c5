// Families and patterns in every form the macro accepts.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        total: html::Div,
        go: html::Button,
    }

    /// Keys of every allowed type, and a `type` of its own.
    #[family(dcc::Input, type = "cell-input")]
    #[derive(Clone, Debug)]
    pub struct Cell {
        pub row: u32,
        pub column: String,
        pub wide: bool,
        pub offset: i64,
    }

    #[family(html::Div)]
    pub struct Note {
        pub row: u32,
    }

    #[callback(
        output(Note { row: ALL }, "children"),
        output = "total.children",
        input(Cell { row: ALL, column: "a", wide: false, offset: -1 }, "value"),
        state = "go.n_clicks"
    )]
    pub fn all(
        ctx: Ctx<all::Trigger>,
        cells: Vec<(Cell, Option<String>)>,
        _clicks: Option<i64>,
    ) -> (Vec<Update<String>>, String) {
        if let Some(all::Trigger::Cell(cell)) = ctx.trigger() {
            ctx.set_props(Note { row: cell.row }, "title", "fired");
        }
        (cells.iter().map(|_| Update::NoUpdate).collect(), String::new())
    }

    #[callback(
        output(Note { row: MATCH }, "title"),
        input(Cell { row: MATCH, column: "b", wide: true, offset: 0 }, "value"),
        state(Cell { row: ALLSMALLER, column: "b", wide: true, offset: 0 }, "value")
    )]
    pub fn one(value: Option<String>, _above: Vec<(Cell, Option<String>)>) -> Patch {
        Patch::new().assign((), value.unwrap_or_default())
    }
}

/// A family declared in another app module, named through `super::` by a callback with a
/// typed context.
#[dash::app]
mod families {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        unused: html::Div,
    }

    #[family(dcc::Input)]
    pub struct Extra {
        pub r#loop: u32,
    }
}

#[dash::app]
mod uses_super {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        out: html::Div,
    }

    #[callback(output = "out.children", input(super::families::Extra { r#loop: MATCH }, "value"))]
    pub fn extra(ctx: Ctx<extra::Trigger>, value: Option<String>) -> String {
        match ctx.trigger() {
            Some(extra::Trigger::Extra(id)) => format!("{}: {value:?}", id.r#loop),
            None => String::new(),
        }
    }
}

fn main() {
    {
        use dash::Family;
        // Raw identifiers are keys without their `r#`.
        let id = families::Extra { r#loop: 2 }.to_id();
        assert_eq!(id.to_string(), r#"{"loop":2,"type":"extra"}"#);
    }
    use dash::prelude::*;
    use dash::{ComponentId, Family};
    let cell = app::Cell { row: 3, column: "a".into(), wide: false, offset: -2 };
    let id: ComponentId = cell.clone().into();
    assert_eq!(
        id.to_string(),
        r#"{"column":"a","offset":-2,"row":3,"type":"cell-input","wide":false}"#
    );
    assert_eq!(app::Cell::from_id(&id), Some(cell.clone()));
    let _ = dcc::Input::new().id(cell);
    let specs = <app::Ids as dash::App>::callbacks();
    assert_eq!(
        specs[0].dependency.output_key(),
        r#"..{"row":["ALL"],"type":"note"}.children...total.children.."#
    );
}
