//! A to-do list whose items are made at run time, driven by pattern-matching callbacks.
//!
//! - "add" appends an item: a checkbox `{"type": "done", "index": n}` and a label
//!   `{"type": "label", "index": n}`.
//! - Checking an item strikes through its own label (`MATCH`).
//! - The summary counts what is done (`ALL`).
//! - "clear done" removes the checked items, reading every item through `ALL` state.
//!
//! `cargo run --example todo`, then open http://127.0.0.1:8050/.

use dash::prelude::*;

#[dash::app]
pub mod todo {
    use dash::prelude::*;
    use serde_json::{Value, json};

    #[ids]
    pub struct Ids {
        new_item: dcc::Input,
        add: html::Button,
        clear: html::Button,
        list: html::Div,
        summary: html::Div,
    }

    /// The checkbox of item `index`: `{"type": "done", "index": n}`.
    #[family(dcc::Checklist)]
    pub struct Done {
        pub index: u32,
    }

    /// The text of item `index`: `{"type": "label", "index": n}`.
    #[family(html::Span)]
    pub struct Label {
        pub index: u32,
    }

    /// One item of the list.
    pub fn item(index: u32, text: &str) -> Node {
        html::Div::new()
            .class_name("item")
            .children([
                dcc::Checklist::new()
                    .id(Done { index })
                    .options(["done"])
                    .value(Vec::<String>::new())
                    .inline(true)
                    .into(),
                html::Span::new()
                    .id(Label { index })
                    .children(text.to_owned())
                    .into(),
            ])
            .into()
    }

    /// "add" appends one item and "clear done" replaces the list by the items that are
    /// not done, both as patches of the list.
    #[callback(
        output = "list.children",
        output = "new_item.value",
        input = "add.n_clicks",
        input = "clear.n_clicks",
        state = "new_item.value",
        state(Done { index: ALL }, "value"),
        state(Label { index: ALL }, "children"),
        prevent_initial_call
    )]
    pub fn edit(
        ctx: Ctx<edit::Trigger>,
        added: Option<u32>,
        _cleared: Option<u32>,
        text: Option<String>,
        done: Vec<(Done, Option<Vec<String>>)>,
        labels: Vec<(Label, Option<String>)>,
    ) -> Result<(Patch, Update<String>), CallbackError> {
        match ctx.trigger() {
            Some(edit::Trigger::Add) => {
                let text = text.unwrap_or_default();
                if text.trim().is_empty() {
                    return Err(PreventUpdate.into());
                }
                let index = added.unwrap_or(0);
                Ok((
                    Patch::new().append((), item(index, &text)),
                    Update::Set(String::new()),
                ))
            }
            Some(edit::Trigger::Clear) => {
                let kept: Vec<Node> = done
                    .iter()
                    .zip(&labels)
                    .filter(|((_, checked), _)| checked.as_ref().is_none_or(Vec::is_empty))
                    .map(|((id, _), (_, text))| item(id.index, text.as_deref().unwrap_or("")))
                    .collect();
                Ok((Patch::new().clear(()).extend((), kept), Update::NoUpdate))
            }
            None => Err(PreventUpdate.into()),
        }
    }

    /// Strikes through the label of the item that was checked; the label's title says
    /// "updating" meanwhile (`running` follows the item that fired, so the callback skips
    /// the initial call, where nothing fired).
    #[callback(
        output(Label { index: MATCH }, "style"),
        input(Done { index: MATCH }, "value"),
        running(prop(Label { index: MATCH }, "title"), on = "updating", off = ""),
        prevent_initial_call
    )]
    pub fn strike(done: Option<Vec<String>>) -> Value {
        if done.is_some_and(|d| !d.is_empty()) {
            json!({"textDecoration": "line-through", "color": "#888"})
        } else {
            json!({})
        }
    }

    /// "k of n done".
    #[callback(output = "summary.children", input(Done { index: ALL }, "value"))]
    pub fn summary(done: Vec<(Done, Option<Vec<String>>)>) -> String {
        let checked = done
            .iter()
            .filter(|(_, value)| value.as_ref().is_some_and(|v| !v.is_empty()))
            .count();
        format!("{checked} of {} done", done.len())
    }
}

fn layout() -> html::Div {
    html::Div::new().children([
        html::H3::new().children("To do").into(),
        dcc::Input::new()
            .id("new_item")
            .placeholder("something to do")
            .into(),
        html::Button::new().id("add").children("add").into(),
        html::Button::new()
            .id("clear")
            .children("clear done")
            .into(),
        html::Div::new()
            .id("list")
            .children(Vec::<Node>::new())
            .into(),
        html::Div::new().id("summary").into(),
    ])
}

/// The app, configured; `main` runs it and the tests serve it.
pub fn app() -> Dash {
    Dash::new()
        .title("To do")
        .layout(layout())
        .app::<todo::Ids>()
}

fn main() -> Result<(), dash::StartupError> {
    app().run()
}
