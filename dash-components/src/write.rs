//! How a value written to a prop becomes the prop's JSON: encoded by `dash_core::to_json`,
//! then given the prop's shape where a natural Rust value has another one. The one case:
//! `(label, value)` pairs written to `options` serialize as two-item lists, which become
//! `{"label", "value"}` objects (a list is never an option of Dash's, so no option is
//! taken for a pair).

use std::any::TypeId;

use dash_core::{CallbackError, IntoOutput};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::Options;

/// The JSON of `value` written to a prop whose field type is `F`.
pub fn prop_json<F: ?Sized + 'static, V: Serialize>(value: &V) -> Result<Value, serde_json::Error> {
    let mut json = dash_core::to_json(value)?;
    shape::<F>(&mut json);
    Ok(json)
}

/// One output of a callback, written to a prop whose field type is `F`; `field` names the
/// prop's field of the component `C` (never called).
pub fn output_as<P: IntoOutput, C, F: ?Sized + 'static>(
    value: P,
    callback: &'static str,
    prop: &'static str,
    field: fn(&C) -> &F,
) -> Result<Option<Value>, CallbackError> {
    let _ = field;
    let mut json = dash_core::__private::output(value, callback, prop)?;
    if let Some(json) = &mut json {
        shape::<F>(json);
    }
    Ok(json)
}

/// An `ALL` output: each matching component's value (or `None`), shaped for `F`.
pub fn all_output_as<P: IntoOutput, C, F: ?Sized + 'static>(
    values: Vec<P>,
    callback: &'static str,
    prop: &'static str,
    field: fn(&C) -> &F,
) -> Result<Vec<Option<Value>>, CallbackError> {
    let _ = field;
    let mut json = dash_core::__private::all_output(values, callback, prop)?;
    json.iter_mut().flatten().for_each(shape::<F>);
    Ok(json)
}

/// Gives the JSON of a prop of type `F` its shape.
fn shape<F: ?Sized + 'static>(json: &mut Value) {
    let options = TypeId::of::<F>() == TypeId::of::<Option<Options>>()
        || TypeId::of::<F>() == TypeId::of::<Options>();
    if options {
        labeled_pairs(json);
    }
}

/// `[["New York", "NYC"]]` → `[{"label": "New York", "value": "NYC"}]`.
fn labeled_pairs(json: &mut Value) {
    let Value::Array(items) = json else { return };
    for item in items {
        if let Value::Array(pair) = item
            && pair.len() == 2
        {
            let value = pair.pop().expect("two items");
            let label = pair.pop().expect("two items");
            *item = Value::Object(Map::from_iter([
                ("label".to_owned(), label),
                ("value".to_owned(), value),
            ]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pairs_become_labeled_options_only_for_options() {
        let pairs = vec![("New York", "NYC"), ("Montréal", "MTL")];
        assert_eq!(
            prop_json::<Option<Options>, _>(&pairs).unwrap(),
            json!([{"label": "New York", "value": "NYC"}, {"label": "Montréal", "value": "MTL"}])
        );
        assert_eq!(
            prop_json::<Option<Value>, _>(&pairs).unwrap(),
            json!([["New York", "NYC"], ["Montréal", "MTL"]])
        );
        assert_eq!(
            prop_json::<Option<Options>, _>(&vec!["a"]).unwrap(),
            json!(["a"])
        );
    }

    #[test]
    fn outputs_and_all_outputs_are_shaped() {
        let field: fn(&crate::dcc::Dropdown) -> &Option<Options> = |c| &c.options;
        let one = output_as(vec![("One", 1)], "f", "d.options", field).unwrap();
        assert_eq!(one, Some(json!([{"label": "One", "value": 1}])));
        let none = output_as(
            dash_core::Update::<Vec<(&str, i32)>>::NoUpdate,
            "f",
            "d.options",
            field,
        );
        assert_eq!(none.unwrap(), None);
        let all = all_output_as(
            vec![
                dash_core::Update::Set(vec![("A", "a")]),
                dash_core::Update::NoUpdate,
            ],
            "f",
            "d.options",
            field,
        )
        .unwrap();
        assert_eq!(all, [Some(json!([{"label": "A", "value": "a"}])), None]);
    }
}
