//! How the generated types read and write JSON.

use dash_components::dash_table::data_table::ActiveCell;
use dash_components::{Component, Node, Scalar, StorageType, Store, dcc, html};
use serde_json::{Value, json};

fn props(component: impl Into<Component>) -> Value {
    let component: Component = component.into();
    Value::Object(component.props().clone())
}

#[test]
fn fixed_values_name_the_allowed_ones_when_wrong() {
    assert_eq!(
        serde_json::to_value(StorageType::Session).unwrap(),
        json!("session")
    );
    let error = serde_json::from_value::<StorageType>(json!("bogus")).unwrap_err();
    assert_eq!(
        error.to_string(),
        r#""bogus" is not one of "memory", "session", "local""#
    );
    let responsive = serde_json::from_value::<dcc::graph::Responsive>(json!("auto")).unwrap();
    assert_eq!(responsive, dcc::graph::Responsive::Auto);
    assert_eq!(
        serde_json::to_value(dcc::graph::Responsive::False).unwrap(),
        json!(false)
    );
}

#[test]
fn unions_read_each_member() {
    use dcc::dropdown::Value as DropdownValue;
    let read = |v: Value| serde_json::from_value::<DropdownValue>(v).unwrap();
    assert_eq!(read(json!("NYC")), DropdownValue::String("NYC".into()));
    assert_eq!(read(json!(5)), DropdownValue::Number(5.into()));
    assert_eq!(read(json!(true)), DropdownValue::Bool(true));
    assert_eq!(
        read(json!(["a", 1])),
        DropdownValue::List(vec![Scalar::from("a"), Scalar::from(1)])
    );
    assert!(serde_json::from_value::<DropdownValue>(json!({"a": 1})).is_err());
}

#[test]
fn unset_props_are_left_out_and_children_are_always_sent() {
    assert_eq!(props(dcc::Dropdown::new().id("d")), json!({"id": "d"}));
    assert_eq!(
        props(html::Div::new().id("d")),
        json!({"id": "d", "children": null})
    );
    assert_eq!(props(dcc::Tab::new()), json!({"children": null}));
    assert_eq!(
        props(dcc::Link::new("/about")),
        json!({"children": null, "href": "/about"})
    );
}

#[test]
fn wildcard_attributes_and_renamed_props() {
    let div = html::Div::new()
        .class_name("box")
        .data_attribute("row", 3)
        .aria("label", "Box")
        .n_clicks(0);
    assert_eq!(
        props(div),
        json!({"children": null, "className": "box", "data-row": 3, "aria-label": "Box", "n_clicks": 0})
    );
}

#[test]
fn typed_components_nest_anywhere() {
    let tree = Node::from(
        html::Div::new().children([
            Node::from(Store::<Vec<u8>>::new("s").data(vec![1, 2])),
            dcc::Tab::new()
                .label(html::B::new().children("bold"))
                .into(),
        ]),
    );
    let json = serde_json::to_value(tree).unwrap();
    assert_eq!(json["props"]["children"][0]["props"]["data"], json!([1, 2]));
    assert_eq!(json["props"]["children"][1]["props"]["label"]["type"], "B");
}

#[test]
fn callback_values_decode_into_nested_types() {
    let cell: ActiveCell =
        serde_json::from_value(json!({"row": 1, "column": 0, "column_id": "city", "row_id": 7}))
            .unwrap();
    assert_eq!(cell.row, Some(1.into()));
    assert_eq!(cell.column_id.as_deref(), Some("city"));
    assert_eq!(cell.row_id, Some(dash_components::StringOrNumber::from(7)));
}

#[test]
fn a_typed_component_serializes_as_a_whole_component() {
    use dash_core::IntoOutput;
    let expected = json!({
        "namespace": "dash_html_components",
        "type": "B",
        "props": {"children": "x"}
    });
    assert_eq!(
        serde_json::to_value(html::B::new().children("x")).unwrap(),
        expected
    );
    // What a callback returning components for `children` sends.
    let list = vec![html::B::new().children("x"), html::B::new().children("x")];
    assert_eq!(
        list.into_output().unwrap(),
        Some(json!([expected, expected]))
    );
    let store = Store::<u8>::new("s").into_output().unwrap().unwrap();
    assert_eq!(store["type"], "Store");
    assert_eq!(store["props"], json!({"id": "s"}));
}
