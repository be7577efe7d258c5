// Both forms of a clientside callback, with state, several outputs, a pattern, no
// outputs, `running`, `allow_duplicate` beside a server writer, and modern syntax.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[family(html::Div)]
    pub struct Card {
        pub index: i64,
    }

    #[ids]
    pub struct Ids {
        a: dcc::Input,
        b: dcc::Input,
        out: html::Div,
        go: html::Button,
        left: html::Div,
        right: html::Div,
    }

    #[clientside(output = "out.children", input = "a.value", state = "b.value")]
    pub const JOIN: &str = r#"async (a, b = "") => `${a ?? ""}${b?.trim() ?? ""}`"#;

    #[clientside(output = "left.children", output = "right.children", input = "a.value")]
    pub const SPLIT: ClientsideFunction = ClientsideFunction::new("panels", "split");

    #[clientside(
        output = "left.title",
        output = "right.title",
        input = "b.value",
        prevent_initial_call,
        running(prop = "go.disabled", on = true, off = false)
    )]
    pub const BOTH: &str = "(b) => b ? [b, dash_clientside.no_update] : dash_clientside.no_update";

    #[clientside(output(Card { index: MATCH }, "children"), input(Card { index: MATCH }, "title"))]
    pub const CARD: &str = "function (title) { return title; }";

    #[clientside(input = "go.n_clicks", prevent_initial_call)]
    pub const PUSH: &str = r#"(n) => { dash_clientside.set_props("out", {children: String(n)}); }"#;

    #[clientside(
        output = "out.children",
        input = "go.n_clicks",
        prevent_initial_call,
        allow_duplicate
    )]
    pub const ALSO: &str = "(n) => String(n)";

    #[callback(output = "out.title", input = "out.children")]
    pub fn server(children: Option<String>) -> String {
        children.unwrap_or_default()
    }
}

fn main() {
    use dash::App;
    let specs = app::Ids::callbacks();
    assert_eq!(specs.len(), 7);
    assert_eq!(
        specs[0].dependency.clientside,
        Some(dash::Clientside::inline(app::JOIN))
    );
    assert_eq!(
        specs[1].dependency.clientside,
        Some(dash::Clientside::function("panels", "split"))
    );
    assert_eq!(specs[2].dependency.running.len(), 1);
    assert!(specs[6].dependency.clientside.is_none());
}
