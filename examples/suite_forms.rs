//! What Bootstrap's and Mantine's form controls send, shown as it arrives: each control's
//! value goes to a callback that takes it as a `serde_json::Value` and writes its JSON
//! beside the control. tests/suites.rs drives it in Chromium and pins each form; the
//! README's tables list them.
//!
//! `cargo run --example suite_forms --features bootstrap,mantine`, then open
//! http://127.0.0.1:8050/.

use dash::prelude::*;
use dash_bootstrap::{Checklist, Col, Container, RadioItems, Row, Switch, input, themes};
use dash_mantine::{Checkbox, MantineProvider, MultiSelect, NumberInput, Select, Stack};

/// The JSON of a value, for the page.
fn shown(value: serde_json::Value) -> String {
    value.to_string()
}

#[dash::app]
pub mod forms {
    use super::shown;
    use dash::prelude::*;
    use dash_bootstrap::{Checklist, RadioItems, Switch, input::Input};
    use dash_mantine::{Checkbox, MultiSelect, NumberInput, Select};

    #[ids]
    pub struct Ids {
        bs_number: Input,
        bs_checklist: Checklist,
        bs_radio: RadioItems,
        bs_switch: Switch,
        dmc_number: NumberInput,
        dmc_select: Select,
        dmc_multi: MultiSelect,
        dmc_checkbox: Checkbox,
        bs_number_sent: html::Code,
        bs_checklist_sent: html::Code,
        bs_radio_sent: html::Code,
        bs_switch_sent: html::Code,
        dmc_number_sent: html::Code,
        dmc_select_sent: html::Code,
        dmc_multi_sent: html::Code,
        dmc_checkbox_sent: html::Code,
        dmc_number_typed: html::Code,
    }

    #[callback(output = "bs_number_sent.children", input = "bs_number.value")]
    pub fn bs_number(value: serde_json::Value) -> String {
        shown(value)
    }

    #[callback(output = "bs_checklist_sent.children", input = "bs_checklist.value")]
    pub fn bs_checklist(value: serde_json::Value) -> String {
        shown(value)
    }

    #[callback(output = "bs_radio_sent.children", input = "bs_radio.value")]
    pub fn bs_radio(value: serde_json::Value) -> String {
        shown(value)
    }

    #[callback(output = "bs_switch_sent.children", input = "bs_switch.value")]
    pub fn bs_switch(value: serde_json::Value) -> String {
        shown(value)
    }

    #[callback(output = "dmc_number_sent.children", input = "dmc_number.value")]
    pub fn dmc_number(value: serde_json::Value) -> String {
        shown(value)
    }

    /// Mantine's `NumberInput` sends `""` once emptied: `Option<dash::StringOrNumber>`
    /// takes every form it sends, where an `Option<f64>` would refuse that one.
    #[callback(output = "dmc_number_typed.children", input = "dmc_number.value")]
    pub fn dmc_number_typed(value: Option<dash::StringOrNumber>) -> String {
        match value {
            Some(dash::StringOrNumber::Number(n)) => format!("number {n}"),
            Some(dash::StringOrNumber::String(s)) if s.is_empty() => "empty".to_owned(),
            Some(dash::StringOrNumber::String(s)) => format!("text {s:?}"),
            None => "none".to_owned(),
        }
    }

    #[callback(output = "dmc_select_sent.children", input = "dmc_select.value")]
    pub fn dmc_select(value: serde_json::Value) -> String {
        shown(value)
    }

    #[callback(output = "dmc_multi_sent.children", input = "dmc_multi.value")]
    pub fn dmc_multi(value: serde_json::Value) -> String {
        shown(value)
    }

    #[callback(output = "dmc_checkbox_sent.children", input = "dmc_checkbox.checked")]
    pub fn dmc_checkbox(value: serde_json::Value) -> String {
        shown(value)
    }
}

/// A control with its label and, beside it, the JSON it sent.
fn field(label: &str, control: Node, sent: &str) -> Node {
    Row::new()
        .class_name("mb-3 align-items-center")
        .children([
            Col::new()
                .md(3)
                .children(html::Label::new().children(label))
                .into(),
            Col::new().md(5).children(control).into(),
            Col::new().md(4).children(html::Code::new().id(sent)).into(),
        ])
        .into()
}

fn layout() -> MantineProvider {
    let numbers = [("one", 1), ("two", 2), ("three", 3)];
    let options: Vec<serde_json::Value> = numbers
        .iter()
        .map(|(label, value)| serde_json::json!({"label": label, "value": value}))
        .collect();
    MantineProvider::new().children(
        Container::new().class_name("mt-4").children([
            html::H2::new().children("Bootstrap").into(),
            field(
                "Input, type number",
                input::Input::new()
                    .id("bs_number")
                    .r#type(input::Type::Number)
                    .value(3)
                    .into(),
                "bs_number_sent",
            ),
            field(
                "Checklist",
                Checklist::new()
                    .id("bs_checklist")
                    .options(options.clone())
                    .value([1])
                    .into(),
                "bs_checklist_sent",
            ),
            field(
                "RadioItems",
                RadioItems::new()
                    .id("bs_radio")
                    .options(options)
                    .value(1)
                    .into(),
                "bs_radio_sent",
            ),
            field(
                "Switch",
                Switch::new()
                    .id("bs_switch")
                    .label("on")
                    .value(false)
                    .into(),
                "bs_switch_sent",
            ),
            html::H2::new()
                .class_name("mt-4")
                .children("Mantine")
                .into(),
            Stack::new()
                .children([
                    field(
                        "NumberInput",
                        NumberInput::new().id("dmc_number").value(3).into(),
                        "dmc_number_sent",
                    ),
                    field(
                        "NumberInput, typed",
                        html::Span::new().into(),
                        "dmc_number_typed",
                    ),
                    field(
                        "Select, clearable",
                        Select::new()
                            .id("dmc_select")
                            .data(["Oslo", "Paris"])
                            .value("Oslo")
                            .clearable(true)
                            .into(),
                        "dmc_select_sent",
                    ),
                    field(
                        "MultiSelect",
                        MultiSelect::new()
                            .id("dmc_multi")
                            .data(["Oslo", "Paris", "Cairo"])
                            .value(["Oslo"])
                            .into(),
                        "dmc_multi_sent",
                    ),
                    field(
                        "Checkbox",
                        Checkbox::new()
                            .id("dmc_checkbox")
                            .label("on")
                            .checked(false)
                            .into(),
                        "dmc_checkbox_sent",
                    ),
                ])
                .into(),
        ]),
    )
}

/// The app, configured; `main` runs it and the tests serve it.
pub fn app() -> Dash {
    Dash::new()
        .title("Suite forms")
        .component_library(dash_bootstrap::library(themes::BOOTSTRAP))
        .component_library(dash_mantine::library())
        .layout(layout())
        .app::<forms::Ids>()
}

fn main() -> Result<(), dash::StartupError> {
    app().run()
}

/// `cargo test --example suite_forms --features bootstrap,mantine`: each control's value
/// reaches its callback as sent, and Mantine's emptied number box, `""`, is read typed,
/// without a browser.
#[cfg(test)]
mod tests {
    use dash::TestClient;
    use serde_json::json;

    #[tokio::test]
    async fn every_form_reaches_its_callback() {
        let mut client = TestClient::new(super::app()).await.unwrap();
        client.set("dmc_number", "value", 12).await;
        assert_eq!(
            client.get::<String>("dmc_number_typed", "children"),
            "number 12"
        );
        client.set("dmc_number", "value", "").await;
        assert_eq!(
            client.get::<String>("dmc_number_typed", "children"),
            "empty"
        );
        client.set("dmc_multi", "value", json!(["a", "b"])).await;
        let multi: String = client.get("dmc_multi_sent", "children");
        assert!(multi.contains("\"a\""), "{multi}");
        client.set("bs_switch", "value", true).await;
        let switch: String = client.get("bs_switch_sent", "children");
        assert!(switch.contains("true"), "{switch}");
        assert!(client.errors().is_empty(), "{:?}", client.errors());
    }
}
