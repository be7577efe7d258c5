//! Pattern-matching callbacks over real HTTP on loopback: examples/todo.rs against its
//! Python twin (tests/python/todo.py), and the wildcard forms one by one.

use dash::prelude::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[allow(dead_code)]
#[path = "../examples/todo.rs"]
mod todo_example;

#[allow(dead_code)]
#[path = "../examples/filters.rs"]
mod filters_example;

async fn post(base: &str, body: &Value) -> (StatusCode, Value) {
    support::update(base, body, &[]).await
}

async fn get_json(url: String) -> Value {
    support::get_json(url).await
}

/// The app serves the layout and dependencies Python Dash serves for its twin, and answers
/// the captured requests as it did.
async fn matches_python_dash(app: Dash, fixtures: &str) {
    let base = support::serve(app.debug(false)).await;
    assert_eq!(
        get_json(format!("{base}/_dash-layout")).await,
        support::fixture(&format!("{fixtures}/dash-layout.json"))
    );
    assert_eq!(
        get_json(format!("{base}/_dash-dependencies")).await,
        support::fixture(&format!("{fixtures}/dash-dependencies.json"))
    );
    for exchange in support::fixture(&format!("{fixtures}/updates.json"))
        .as_array()
        .unwrap()
    {
        let request = &exchange["request"];
        let (status, body) = post(&base, request).await;
        assert_eq!(
            status.as_u16() as u64,
            exchange["status"].as_u64().unwrap(),
            "{request}"
        );
        assert_eq!(body, exchange["response"], "{request}");
    }
}

#[tokio::test]
async fn todo_matches_python_dash() {
    matches_python_dash(todo_example::app(), "todo").await;
}

#[tokio::test]
async fn filters_match_python_dash() {
    matches_python_dash(filters_example::app(), "filters").await;
}

#[dash::app]
mod lab {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        total: html::Div,
        side: html::Div,
    }

    /// `{"type": "cell", "row": n, "column": "a"}`.
    #[family(dcc::Input)]
    pub struct Cell {
        pub row: u32,
        pub column: String,
    }

    /// `{"type": "note", "row": n}`.
    #[family(html::Div, type = "row-note")]
    pub struct Note {
        pub row: u32,
    }

    /// Every cell of column "a", each echoed into its note; a row whose cell is empty
    /// keeps its note. Which cell fired, as its typed id, goes to a side update.
    #[callback(
        output(Note { row: ALL }, "children"),
        output = "total.children",
        input(Cell { row: ALL, column: "a" }, "value")
    )]
    pub fn echo(
        ctx: Ctx<echo::Trigger>,
        cells: Vec<(Cell, Option<String>)>,
    ) -> (Vec<Update<String>>, String) {
        if let Some(echo::Trigger::Cell(Cell { row, column })) = ctx.trigger() {
            ctx.set_props(Note { row }, "title", format!("{column}{row} fired"));
        }
        let notes = cells
            .iter()
            .map(|(id, value)| match value {
                Some(text) => Update::Set(format!("{}: {text}", id.row)),
                None => Update::NoUpdate,
            })
            .collect();
        (notes, format!("{} cells", cells.len()))
    }

    /// One cell to its own note, with the cells above it (`ALLSMALLER`).
    #[callback(
        output(Note { row: MATCH }, "title"),
        input(Cell { row: MATCH, column: "b" }, "value"),
        state(Cell { row: ALLSMALLER, column: "b" }, "value"),
        prevent_initial_call
    )]
    pub fn above(value: Option<String>, above: Vec<(Cell, Option<String>)>) -> String {
        let rows: Vec<String> = above.iter().map(|(id, _)| id.row.to_string()).collect();
        format!("{} after [{}]", value.unwrap_or_default(), rows.join(","))
    }

    /// Always one value too few.
    #[callback(output(Note { row: ALL }, "className"), input = "side.n_clicks", prevent_initial_call)]
    pub fn short(_clicks: Option<u32>) -> Vec<String> {
        vec!["only one".into()]
    }
}

fn lab_app() -> Dash {
    support::dash()
        .layout(html::Div::new().children([
            html::Div::new().id("total").into(),
            html::Div::new().id("side").into(),
        ]))
        .app::<lab::Ids>()
}

fn cell(row: u32, column: &str, value: Option<&str>) -> Value {
    let mut item =
        json!({"id": {"column": column, "row": row, "type": "cell"}, "property": "value"});
    if let Some(value) = value {
        item["value"] = json!(value);
    }
    item
}

fn note(row: u32, property: &str) -> Value {
    json!({"id": {"row": row, "type": "row-note"}, "property": property})
}

const ECHO: &str = r#"..{"row":["ALL"],"type":"row-note"}.children...total.children.."#;

#[tokio::test]
async fn the_dependencies_carry_patterns_in_their_text_form() {
    let base = support::serve(lab_app()).await;
    let dependencies = get_json(format!("{base}/_dash-dependencies")).await;
    assert_eq!(dependencies[0]["output"], ECHO);
    assert_eq!(
        dependencies[0]["inputs"],
        json!([{"id": r#"{"column":"a","row":["ALL"],"type":"cell"}"#, "property": "value"}])
    );
    assert_eq!(
        dependencies[1]["state"],
        json!([{"id": r#"{"column":"b","row":["ALLSMALLER"],"type":"cell"}"#, "property": "value"}])
    );
}

#[tokio::test]
async fn an_all_output_takes_one_value_per_component_in_order() {
    let base = support::serve(lab_app()).await;
    let request = json!({
        "output": ECHO,
        "outputs": [[note(0, "children"), note(1, "children"), note(2, "children")],
                    {"id": "total", "property": "children"}],
        "inputs": [[cell(0, "a", Some("x")), cell(1, "a", None), cell(2, "a", Some("z"))]],
        "changedPropIds": [r#"{"column":"a","row":2,"type":"cell"}.value"#],
    });
    let (status, body) = post(&base, &request).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body,
        json!({"multi": true,
               "sideUpdate": {r#"{"row":2,"type":"row-note"}"#: {"title": "a2 fired"}},
               "response": {
                   r#"{"row":0,"type":"row-note"}"#: {"children": "0: x"},
                   r#"{"row":2,"type":"row-note"}"#: {"children": "2: z"},
                   "total": {"children": "3 cells"}}})
    );
}

#[tokio::test]
async fn a_list_of_the_wrong_length_is_a_clear_error() {
    let base = support::serve(lab_app()).await;
    let dependencies = get_json(format!("{base}/_dash-dependencies")).await;
    let request = json!({
        "output": dependencies[2]["output"],
        "outputs": [note(0, "className"), note(1, "className")],
        "inputs": [{"id": "side", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["side.n_clicks"],
    });
    let response = support::http()
        .post(format!("{base}/_dash-update-component"))
        .header("content-type", "application/json")
        .body(request.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn match_with_allsmaller_state() {
    let base = support::serve(lab_app()).await;
    let request = json!({
        "output": r#"{"row":["MATCH"],"type":"row-note"}.title"#,
        "outputs": note(2, "title"),
        "inputs": [cell(2, "b", Some("v"))],
        "state": [[cell(0, "b", Some("p")), cell(1, "b", None)]],
        "changedPropIds": [r#"{"column":"b","row":2,"type":"cell"}.value"#],
    });
    let (status, body) = post(&base, &request).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body,
        json!({"multi": true, "response": {r#"{"row":2,"type":"row-note"}"#: {"title": "v after [0,1]"}}})
    );
    // The first row: no components above it.
    let mut first = request.clone();
    first["outputs"] = note(0, "title");
    first["inputs"] = json!([cell(0, "b", Some("w"))]);
    first["state"] = json!([[]]);
    let (_, body) = post(&base, &first).await;
    assert_eq!(
        body["response"][r#"{"row":0,"type":"row-note"}"#]["title"],
        "w after []"
    );
}

#[tokio::test]
async fn components_that_do_not_match_the_pattern_are_refused() {
    let base = support::serve(lab_app()).await;
    for (label, inputs) in [
        ("another column", json!([[cell(0, "b", Some("x"))]])),
        (
            "another family",
            json!([[{"id": {"row": 0, "type": "nope", "column": "a"}, "property": "value"}]]),
        ),
        (
            "an extra key",
            json!([[{"id": {"row": 0, "type": "cell", "column": "a", "x": 1}, "property": "value"}]]),
        ),
        ("not a list", json!([cell(0, "a", Some("x"))])),
    ] {
        let request = json!({
            "output": ECHO,
            "outputs": [[note(0, "children")], {"id": "total", "property": "children"}],
            "inputs": inputs,
            "changedPropIds": [],
        });
        let (status, body) = post(&base, &request).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{label}: {body}");
    }
}

#[dash::app]
mod other_module {
    use super::lab::Note;
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        side: html::Div,
    }

    /// Writes the title of row 4's note, which `lab::above` may write too (`MATCH`).
    #[callback(output(Note { row: 4 }, "title"), input = "side.title")]
    pub fn row_four(title: Option<String>) -> String {
        title.unwrap_or_default()
    }
}

#[test]
fn overlapping_pattern_outputs_across_modules_stop_the_app() {
    let app = lab_app().app::<other_module::Ids>();
    let message = app.build().expect_err("refused").to_string();
    assert!(
        message.contains(r#"`{"row":4,"type":"row-note"}.title` is an output of both `above`"#),
        "{message}"
    );
}

/// How many times `memo::count` ran.
static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

#[dash::app]
mod memo {
    use super::lab::Cell;
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        out: html::Div,
    }

    #[callback(
        output = "out.children",
        input(Cell { row: ALL, column: "m" }, "value"),
        memoize,
        allow_global_writes = "counts runs for the test"
    )]
    pub fn count(cells: Vec<(Cell, Option<String>)>) -> String {
        super::RUNS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        format!("{} cells", cells.len())
    }
}

#[tokio::test]
async fn memoized_pattern_callbacks_key_on_the_concrete_ids() {
    let base = support::serve(
        support::dash()
            .layout(html::Div::new().children([html::Div::new().id("out").into()]))
            .app::<memo::Ids>(),
    )
    .await;
    let request = |rows: [u32; 2]| {
        json!({
            "output": "out.children",
            "outputs": {"id": "out", "property": "children"},
            "inputs": [[cell(rows[0], "m", Some("x")), cell(rows[1], "m", Some("x"))]],
            "changedPropIds": [],
        })
    };
    let runs = || RUNS.load(std::sync::atomic::Ordering::SeqCst);
    let before = runs();
    post(&base, &request([0, 1])).await;
    post(&base, &request([0, 1])).await;
    assert_eq!(runs() - before, 1, "the same ids and values: one run");
    // The same values under other ids are another call.
    post(&base, &request([5, 6])).await;
    assert_eq!(runs() - before, 2);
}

/// How many times `stored::keep` ran.
static KEPT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

#[dash::app]
mod stored {
    use super::lab::Cell;
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        kept: ServerStore<Vec<String>>,
        summary: html::Div,
    }

    #[callback(
        output = "kept.data",
        input(Cell { row: ALL, column: "s" }, "value"),
        allow_global_writes = "counts runs for the test"
    )]
    pub fn keep(cells: Vec<(Cell, Option<String>)>) -> Vec<String> {
        super::KEPT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        cells
            .into_iter()
            .map(|(id, value)| format!("{}={}", id.row, value.unwrap_or_default()))
            .collect()
    }

    #[callback(output = "summary.children", input = "kept.data")]
    pub fn read(kept: Option<Vec<String>>) -> String {
        kept.unwrap_or_default().join(",")
    }
}

#[tokio::test]
async fn a_server_store_written_from_pattern_inputs_is_computed_again_from_its_handle() {
    // A cache too small to keep the value: the reader's request computes it again from
    // the handle, whose arguments hold the concrete ids.
    let app = support::dash()
        .cache(dash::cache::MemoryCache::new(10))
        .layout(html::Div::new().children([
            ServerStore::<Vec<String>>::new("kept").into(),
            html::Div::new().id("summary").into(),
        ]))
        .app::<stored::Ids>();
    let base = support::serve(app).await;
    let runs = || KEPT.load(std::sync::atomic::Ordering::SeqCst);
    let before = runs();
    let (status, body) = post(
        &base,
        &json!({
            "output": "kept.data",
            "outputs": {"id": "kept", "property": "data"},
            "inputs": [[cell(4, "s", Some("x")), cell(7, "s", Some("y"))]],
            "changedPropIds": [],
        }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let handle = body["response"]["kept"]["data"].clone();
    assert!(handle["dash_server_store"].is_object(), "{handle}");
    let (status, body) = post(
        &base,
        &json!({
            "output": "summary.children",
            "outputs": {"id": "summary", "property": "children"},
            "inputs": [{"id": "kept", "property": "data", "value": handle}],
            "changedPropIds": ["kept.data"],
        }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["response"]["summary"]["children"], "4=x,7=y");
    assert_eq!(
        runs() - before,
        2,
        "produced, then computed again for the reader"
    );
}

#[dash::app]
mod fixed {
    use super::lab::Cell;
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        out: html::Div,
    }

    /// Two inputs of one family and prop, told apart by a fixed key; one with every key
    /// fixed, one with `MATCH` while the output has none (allowed by the renderer).
    #[callback(
        output = "out.children",
        input(Cell { row: 1, column: "x" }, "value"),
        input(Cell { row: MATCH, column: "y" }, "value")
    )]
    pub fn pick(ctx: Ctx<pick::Trigger>, x: Option<String>, y: Option<String>) -> String {
        let fired = match ctx.trigger() {
            Some(pick::Trigger::Cell(cell)) => format!("x{}", cell.row),
            Some(pick::Trigger::Cell2(cell)) => format!("y{}", cell.row),
            None => "none".into(),
        };
        format!(
            "{fired}: {} {}",
            x.unwrap_or_default(),
            y.unwrap_or_default()
        )
    }
}

#[tokio::test]
async fn fixed_keys_tell_inputs_of_one_family_apart() {
    let base = support::serve(
        support::dash()
            .layout(html::Div::new().children([html::Div::new().id("out").into()]))
            .app::<fixed::Ids>(),
    )
    .await;
    let request = |changed: &str| {
        json!({
            "output": "out.children",
            "outputs": {"id": "out", "property": "children"},
            "inputs": [cell(1, "x", Some("a")), cell(5, "y", Some("b"))],
            "changedPropIds": [changed],
        })
    };
    let (status, body) = post(
        &base,
        &request(r#"{"column":"y","row":5,"type":"cell"}.value"#),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["response"]["out"]["children"], "y5: a b");
    let (_, body) = post(
        &base,
        &request(r#"{"column":"x","row":1,"type":"cell"}.value"#),
    )
    .await;
    assert_eq!(body["response"]["out"]["children"], "x1: a b");
}
