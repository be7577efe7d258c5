//! What the browser sends for the props of Dash's own components and of the suites' form
//! controls, as far as the layout decides it: a sample of each form, with why the browser
//! sends it. Startup validation decodes each sample with the type of every callback
//! argument bound to the prop, so a type that would answer 400 stops the app instead. Read
//! from the pinned packages' sources (dash-core-components 4.4.1) and pinned by the browser
//! tests of `tests/forms.rs` (README's "What the browser sends" has the table), and for
//! dash-bootstrap-components 2.0.4 and dash-mantine-components 2.8.1 by `tests/suites.rs`
//! (README's suite tables).

use dash_core::{Component, DCC, HTML};
use serde_json::{Value, json};

/// One form the browser may send: a sample value, and when it is sent (completing "the
/// browser sends ...").
pub(super) struct Form {
    pub sample: Value,
    pub when: String,
}

const BOOTSTRAP: &str = "dash_bootstrap_components";
const MANTINE: &str = "dash_mantine_components";

fn form(sample: Value, when: impl Into<String>) -> Form {
    Form {
        sample,
        when: when.into(),
    }
}

/// Every form the browser may send for `prop` of this layout component.
pub(super) fn forms(component: &Component, prop: &str) -> Vec<Form> {
    let (namespace, kind, props) = (
        component.namespace(),
        component.type_name(),
        component.props(),
    );
    let is = |key: &str, value: Value| props.get(key) == Some(&value);
    let mut forms = Vec::new();
    if let Some(row) = dash_syntax::browser_null(namespace, kind, prop) {
        forms.push(form(Value::Null, format!("`null` {}", row.when)));
    }
    match (namespace, kind, prop) {
        (DCC, "Dropdown", "value") => {
            let values = option_values(props.get("options"));
            if is("multi", json!(true)) {
                forms.push(form(
                    json!([]),
                    "`[]` when the user clears a `multi` Dropdown",
                ));
                for value in values {
                    forms.push(form(
                        json!([value]),
                        format!("a list of the chosen options' values, such as `[{value}]`, from a `multi` Dropdown"),
                    ));
                }
            } else {
                for value in values {
                    forms.push(form(
                        value.clone(),
                        format!("the chosen option's value, such as `{value}`"),
                    ));
                }
            }
        }
        (DCC, "RadioItems", "value") => {
            for value in option_values(props.get("options")) {
                forms.push(form(
                    value.clone(),
                    format!("the chosen option's value, such as `{value}`"),
                ));
            }
        }
        (DCC, "Checklist", "value") => {
            forms.push(form(json!([]), "`[]` when the user unchecks every box"));
            for value in option_values(props.get("options")) {
                forms.push(form(
                    json!([value]),
                    format!("a list of the checked options' values, such as `[{value}]`"),
                ));
            }
        }
        (DCC | BOOTSTRAP, "Input", "value") if is("type", json!("number")) => {
            forms.push(form(
                Value::Null,
                "`null` when the user empties an Input of type `number` or types what it refuses",
            ));
            forms.push(form(json!(1), "a number from an Input of type `number`"));
            let whole_steps = props
                .get("step")
                .and_then(Value::as_f64)
                .is_some_and(|s| s.fract() == 0.0);
            if !whole_steps {
                forms.push(form(
                    json!(0.5),
                    "a fraction from an Input of type `number` without a whole `step`",
                ));
            }
        }
        (DCC, "Input" | "Textarea", "value") => {
            forms.push(form(json!(""), "text (`\"\"` when emptied)"));
        }
        (DCC, "Slider", "value" | "drag_value") => {
            forms.push(form(json!(1), "a number"));
            // The number box is shown unless one of these hides it.
            let boxed = !(is("allow_direct_input", json!(false))
                || is("vertical", json!(true))
                || is("step", Value::Null));
            if boxed {
                forms.push(form(
                    Value::Null,
                    "`null` when the user empties its number box (hide the box with \
                     `allow_direct_input=False`)",
                ));
            }
        }
        (DCC, "Graph", "hoverData") if is("clear_on_unhover", json!(true)) => {
            forms.push(form(
                Value::Null,
                "`null` when the pointer leaves a Graph with `clear_on_unhover`",
            ));
        }
        (DCC, "Upload", "contents" | "filename") => {
            let text = json!("a");
            if is("multiple", json!(true)) {
                forms.push(form(
                    json!([text]),
                    "a list, one per file, from an Upload with `multiple`",
                ));
            } else {
                forms.push(form(text, "text, from an Upload without `multiple`"));
            }
        }
        (DCC, "Upload", "last_modified") => {
            let seconds = json!(1_700_000_000.5);
            if is("multiple", json!(true)) {
                forms.push(form(
                    json!([seconds]),
                    "a list of seconds since 1970 (fractional), from an Upload with `multiple`",
                ));
            } else {
                forms.push(form(seconds, "seconds since 1970, fractional"));
            }
        }
        (DCC, "DatePickerSingle", "date") | (DCC, "DatePickerRange", "start_date" | "end_date") => {
            forms.push(form(json!("2024-01-31"), "a date as `\"YYYY-MM-DD\"`"));
        }
        (DCC, "Tabs", "value") => {
            forms.push(form(json!("tab-1"), "the chosen tab's value, text"));
        }
        (BOOTSTRAP, "Select", "value") => {
            forms.push(form(json!("a"), "the chosen option's value, as text"));
        }
        (MANTINE, "NumberInput", "value") => {
            forms.push(form(json!(1), "a number from a NumberInput"));
            forms.push(form(json!(0.5), "a fraction from a NumberInput"));
            forms.push(form(
                json!(""),
                "`\"\"` when the user empties a NumberInput (take `Option<dash::StringOrNumber>`)",
            ));
            forms.push(form(
                json!("-"),
                "`\"-\"` while the user types a minus sign into a NumberInput (take \
                 `Option<dash::StringOrNumber>`)",
            ));
        }
        (MANTINE, "Select" | "SegmentedControl", "value") => {
            forms.push(form(json!("a"), "the chosen value, as text"));
            // Deselecting is on unless `allowDeselect` is false; clearing needs `clearable`.
            let deselects = !is("allowDeselect", json!(false)) || is("clearable", json!(true));
            if kind == "Select" && deselects {
                forms.push(form(
                    Value::Null,
                    "`null` when the user clears a `clearable` Select or picks its chosen \
                     option again (`allowDeselect`, on unless set to false)",
                ));
            }
        }
        (HTML, _, "n_clicks") => {
            forms.push(form(json!(1), "a count of clicks"));
        }
        _ => {}
    }
    forms
}

/// The values the browser sends for the options of a Dropdown, RadioItems or Checklist:
/// each plain option, each `{"value": ..}`, and the keys (text) of `{value: label}`.
fn option_values(options: Option<&Value>) -> Vec<Value> {
    let mut values: Vec<Value> = match options {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| match item {
                Value::Object(option) => option.get("value").cloned(),
                plain => Some(plain.clone()),
            })
            .collect(),
        Some(Value::Object(labels)) => labels.keys().map(|key| json!(key)).collect(),
        _ => Vec::new(),
    };
    // One of each kind is enough to decide whether a type reads them all: text, a bool,
    // an integer, a fraction (which an integer type cannot read), another JSON type.
    let kind = |value: &Value| match value {
        Value::Number(n) if n.is_f64() => "fraction",
        Value::Number(_) => "integer",
        Value::String(_) => "text",
        Value::Bool(_) => "bool",
        _ => "other",
    };
    let mut seen = Vec::new();
    values.retain(|value| {
        let new = !seen.contains(&kind(value));
        seen.push(kind(value));
        new
    });
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples(component: Component, prop: &str) -> Vec<Value> {
        forms(&component, prop)
            .into_iter()
            .map(|f| f.sample)
            .collect()
    }

    #[test]
    fn a_dropdown_sends_null_its_option_values_or_lists_of_them() {
        let single =
            Component::dcc("Dropdown").prop("options", json!([1, {"label": "B", "value": "b"}, 2]));
        assert_eq!(
            samples(single.clone(), "value"),
            [json!(null), json!(1), json!("b")]
        );
        let multi = single.prop("multi", true);
        assert_eq!(
            samples(multi, "value"),
            [json!(null), json!([]), json!([1]), json!(["b"])]
        );
        let numbers = Component::dcc("Dropdown").prop("options", json!([1, 2, 2.5]));
        assert_eq!(
            samples(numbers, "value"),
            [json!(null), json!(1), json!(2.5)],
            "a fraction is its own kind: an integer type cannot read it"
        );
        let dict = Component::dcc("Dropdown").prop("options", json!({"1": "One"}));
        assert_eq!(samples(dict, "value"), [json!(null), json!("1")]);
    }

    #[test]
    fn an_input_sends_text_or_numbers_by_its_type() {
        assert_eq!(samples(Component::dcc("Input"), "value"), [json!("")]);
        let number = Component::dcc("Input").prop("type", "number");
        assert_eq!(
            samples(number.clone(), "value"),
            [json!(null), json!(1), json!(0.5)]
        );
        assert_eq!(
            samples(number.prop("step", 1), "value"),
            [json!(null), json!(1)]
        );
    }

    #[test]
    fn a_slider_sends_null_from_its_number_box_unless_it_is_hidden() {
        let slider = Component::dcc("Slider");
        assert_eq!(samples(slider.clone(), "value"), [json!(1), json!(null)]);
        let hidden = slider.prop("allow_direct_input", false);
        assert_eq!(samples(hidden, "value"), [json!(1)]);
    }

    #[test]
    fn the_suites_controls_send_their_own_forms() {
        let bootstrap = |kind| Component::new(BOOTSTRAP, kind);
        let mantine = |kind| Component::new(MANTINE, kind);
        assert_eq!(
            samples(bootstrap("Input").prop("type", "number"), "value"),
            [json!(null), json!(1), json!(0.5)]
        );
        assert_eq!(samples(bootstrap("Select"), "value"), [json!("a")]);
        assert_eq!(
            samples(mantine("NumberInput"), "value"),
            [json!(1), json!(0.5), json!(""), json!("-")]
        );
        assert_eq!(
            samples(mantine("Select"), "value"),
            [json!("a"), json!(null)]
        );
        let kept = mantine("Select").prop("allowDeselect", false);
        assert_eq!(samples(kept.clone(), "value"), [json!("a")]);
        assert_eq!(
            samples(kept.prop("clearable", true), "value"),
            [json!("a"), json!(null)]
        );
        assert_eq!(samples(mantine("SegmentedControl"), "value"), [json!("a")]);
    }

    #[test]
    fn props_the_browser_does_not_write_have_no_forms() {
        assert!(samples(Component::dcc("Dropdown"), "options").is_empty());
        assert!(samples(Component::html("Div"), "children").is_empty());
    }
}
