//! What the official front end sends for the props the browser writes, pinned in real
//! headless Chromium: each row of the guide's "What the browser sends" table
//! (src/guide/browser_values.md) has its test
//! here. Every reader echoes the raw request item it received, so the tests see the exact
//! JSON (a missing `value` key, `null`, `[]`, a number) and, by decoding it into the
//! parameter's type, prove that the type the checks ask for reads it.

use std::time::Duration;

use serde_json::{Value, json};
use support::browser::Session;

const TIMEOUT: Duration = Duration::from_secs(30);

#[dash::app]
mod forms {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        single: dcc::Dropdown,
        multi: dcc::Dropdown,
        stale: dcc::Dropdown,
        unset: dcc::Dropdown,
        number: dcc::Input,
        text: dcc::Input,
        checks: dcc::Checklist,
        radio: dcc::RadioItems,
        day: dcc::DatePickerSingle,
        range: dcc::DatePickerRange,
        tabs: dcc::Tabs,
        table: dash_table::DataTable,
        graph: dcc::Graph,
        upload: dcc::Upload,
        uploads: dcc::Upload,
        slider: dcc::Slider,
        seen_single: html::Pre,
        seen_multi: html::Pre,
        seen_stale: html::Pre,
        seen_unset: html::Pre,
        seen_number: html::Pre,
        seen_text: html::Pre,
        seen_checks: html::Pre,
        seen_radio: html::Pre,
        seen_day: html::Pre,
        seen_range: html::Pre,
        seen_tabs: html::Pre,
        seen_table: html::Pre,
        seen_graph: html::Pre,
        seen_hover: html::Pre,
        seen_upload: html::Pre,
        seen_uploads: html::Pre,
        seen_slider: html::Pre,
    }

    /// The request item of the callback's first input, as the browser sent it.
    fn raw(ctx: &Ctx) -> String {
        ctx.inputs_list()[0].to_string()
    }

    #[callback(output = "seen_single.children", input = "single.value")]
    fn single(_value: Option<String>, ctx: Ctx) -> String {
        raw(&ctx)
    }

    #[callback(output = "seen_multi.children", input = "multi.value")]
    fn multi(_value: Option<Vec<String>>, ctx: Ctx) -> String {
        raw(&ctx)
    }

    #[callback(output = "seen_stale.children", input = "stale.value")]
    fn stale(_value: Option<String>, ctx: Ctx) -> String {
        raw(&ctx)
    }

    #[callback(output = "seen_unset.children", input = "unset.value")]
    fn unset(_value: Option<String>, ctx: Ctx) -> String {
        raw(&ctx)
    }

    #[callback(output = "seen_number.children", input = "number.value")]
    fn number(_value: Option<f64>, ctx: Ctx) -> String {
        raw(&ctx)
    }

    #[callback(output = "seen_text.children", input = "text.value")]
    fn text(_value: String, ctx: Ctx) -> String {
        raw(&ctx)
    }

    #[callback(output = "seen_checks.children", input = "checks.value")]
    fn checks(_value: Vec<i64>, ctx: Ctx) -> String {
        raw(&ctx)
    }

    #[callback(output = "seen_radio.children", input = "radio.value")]
    fn radio(_value: i64, ctx: Ctx) -> String {
        raw(&ctx)
    }

    #[callback(output = "seen_day.children", input = "day.date")]
    fn day(_date: Option<String>, ctx: Ctx) -> String {
        raw(&ctx)
    }

    #[callback(output = "seen_range.children", input = "range.start_date")]
    fn range(_start: Option<String>, ctx: Ctx) -> String {
        raw(&ctx)
    }

    #[callback(output = "seen_tabs.children", input = "tabs.value")]
    fn tabs(_value: Option<String>, ctx: Ctx) -> String {
        raw(&ctx)
    }

    #[callback(output = "seen_graph.children", input = "graph.selectedData")]
    fn graph(_selected: Option<serde_json::Value>, ctx: Ctx) -> String {
        raw(&ctx)
    }

    #[callback(output = "seen_hover.children", input = "graph.hoverData")]
    fn hover(_hovered: Option<serde_json::Value>, ctx: Ctx) -> String {
        raw(&ctx)
    }

    /// What an Upload sends: its three props' values.
    fn upload_values(ctx: &Ctx) -> String {
        let states = ctx.states_list();
        serde_json::json!([
            ctx.inputs_list()[0]["value"],
            states[0]["value"],
            states[1]["value"]
        ])
        .to_string()
    }

    #[callback(
        output = "seen_upload.children",
        input = "upload.contents",
        state = "upload.filename",
        state = "upload.last_modified",
        prevent_initial_call
    )]
    fn upload(_contents: String, _name: Option<String>, _time: Option<f64>, ctx: Ctx) -> String {
        upload_values(&ctx)
    }

    #[callback(
        output = "seen_uploads.children",
        input = "uploads.contents",
        state = "uploads.filename",
        state = "uploads.last_modified",
        prevent_initial_call
    )]
    fn uploads(
        _contents: Vec<String>,
        _names: Option<Vec<String>>,
        _times: Option<Vec<f64>>,
        ctx: Ctx,
    ) -> String {
        upload_values(&ctx)
    }

    #[callback(output = "seen_slider.children", input = "slider.value")]
    fn slider(_value: Option<f64>, ctx: Ctx) -> String {
        raw(&ctx)
    }

    #[callback(output = "seen_table.children", input = "table.active_cell")]
    fn table(_cell: Option<dash_table::data_table::ActiveCell>, ctx: Ctx) -> String {
        raw(&ctx)
    }
}

fn layout() -> dash::Node {
    use dash::Component;
    let dropdown = |id: &str| {
        Component::dcc("Dropdown")
            .id(id)
            .prop("options", json!(["a", "b"]))
    };
    let mut children: Vec<dash::Node> = vec![
        dropdown("single").prop("value", "a").into(),
        dropdown("multi")
            .prop("multi", true)
            .prop("value", json!(["a"]))
            .into(),
        dropdown("stale").prop("value", "z").into(),
        dropdown("unset").into(),
        Component::dcc("Input")
            .id("number")
            .prop("type", "number")
            .prop("value", 3)
            .into(),
        Component::dcc("Input").id("text").prop("value", "5").into(),
        Component::dcc("Checklist")
            .id("checks")
            .prop("options", json!([1, 2]))
            .prop("value", json!([1]))
            .into(),
        Component::dcc("RadioItems")
            .id("radio")
            .prop("options", json!([1, 2]))
            .prop("value", 1)
            .into(),
        Component::dcc("DatePickerSingle")
            .id("day")
            .prop("clearable", true)
            .prop("date", "2024-01-31")
            .into(),
        Component::dcc("DatePickerRange")
            .id("range")
            .prop("clearable", true)
            .prop("start_date", "2024-01-01")
            .prop("end_date", "2024-01-31")
            .into(),
        Component::dcc("Tabs")
            .id("tabs")
            .children(vec![
                dash::Node::from(Component::dcc("Tab").prop("label", "One")),
                Component::dcc("Tab").prop("label", "Two").into(),
            ])
            .into(),
        Component::new(dash::DASH_TABLE, "DataTable")
            .id("table")
            .prop("columns", json!([{"name": "n", "id": "n"}]))
            .prop("data", json!([{"n": 2}, {"n": 1}]))
            .prop("sort_action", "native")
            .into(),
        Component::dcc("Graph")
            .id("graph")
            .prop(
                "figure",
                json!({"data": [{"type": "scatter", "x": [1, 2], "y": [3, 4]}]}),
            )
            .prop("clear_on_unhover", true)
            .into(),
        Component::dcc("Upload")
            .id("upload")
            .children("one file")
            .into(),
        Component::dcc("Slider")
            .id("slider")
            .prop("min", 0)
            .prop("max", 10)
            .prop("value", 5)
            .into(),
        Component::dcc("Upload")
            .id("uploads")
            .prop("multiple", true)
            .children("files")
            .into(),
    ];
    for id in [
        "single", "multi", "stale", "unset", "number", "text", "checks", "radio", "day", "range",
        "tabs", "table", "graph", "hover", "upload", "uploads", "slider",
    ] {
        children.push(Component::html("Pre").id(format!("seen_{id}")).into());
    }
    Component::html("Div").children(children).into()
}

/// The last request item the reader of `id` echoed.
async fn wait_seen(session: &Session, id: &str, expected: Value) {
    let expression = format!(
        "(() => {{ const seen = document.getElementById('seen_{id}'); \
         return seen && seen.textContent ? JSON.parse(seen.textContent) : null; }})()"
    );
    session.wait_for(&expression, expected, TIMEOUT).await;
}

fn item(id: &str, value: Value) -> Value {
    json!({"id": id, "property": "value", "value": value})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_the_browser_sends() {
    let base = support::serve(support::dash().layout(layout()).app::<forms::Ids>()).await;
    let session = Session::open(&format!("{base}/")).await;

    // On page load: the layout's values; a Dropdown whose value is not among its options
    // sends `null`; one without a value sends no `value` at all.
    wait_seen(&session, "single", item("single", json!("a"))).await;
    wait_seen(&session, "multi", item("multi", json!(["a"]))).await;
    wait_seen(&session, "stale", item("stale", Value::Null)).await;
    wait_seen(
        &session,
        "unset",
        json!({"id": "unset", "property": "value"}),
    )
    .await;

    // Cleared: `null` from a single Dropdown, `[]` from a multi one.
    session.click("#single .dash-dropdown-clear").await;
    wait_seen(&session, "single", item("single", Value::Null)).await;
    session.click("#multi .dash-dropdown-clear").await;
    wait_seen(&session, "multi", item("multi", json!([]))).await;

    // An Input of type number sends numbers, and `null` once emptied.
    wait_seen(&session, "number", item("number", json!(3))).await;
    session.press("#number", &["End", "Backspace"]).await;
    wait_seen(&session, "number", item("number", Value::Null)).await;
    session.type_into("#number", "2.5").await;
    wait_seen(&session, "number", item("number", json!(2.5))).await;

    // A text Input sends text, even for digits, and `""` once emptied.
    session.type_into("#text", "1").await;
    wait_seen(&session, "text", item("text", json!("51"))).await;
    session
        .press("#text", &["End", "Backspace", "Backspace"])
        .await;
    wait_seen(&session, "text", item("text", json!(""))).await;

    // A Checklist sends its options' values, `[]` with every box unchecked; RadioItems
    // its option's value, a number here.
    session.click("#checks input[type=checkbox]").await;
    wait_seen(&session, "checks", item("checks", json!([]))).await;
    session
        .eval("document.querySelectorAll('#radio input[type=radio]')[1].click(); true")
        .await;
    wait_seen(&session, "radio", item("radio", json!(2))).await;

    // A cleared DatePickerSingle leaves `date` out.
    wait_seen(
        &session,
        "day",
        json!({"id": "day", "property": "date", "value": "2024-01-31"}),
    )
    .await;
    session.click("#day-wrapper .dash-datepicker-clear").await;
    wait_seen(&session, "day", json!({"id": "day", "property": "date"})).await;

    // So does a cleared DatePickerRange, for both dates.
    wait_seen(
        &session,
        "range",
        json!({"id": "range", "property": "start_date", "value": "2024-01-01"}),
    )
    .await;
    session.click("#range-wrapper .dash-datepicker-clear").await;
    wait_seen(
        &session,
        "range",
        json!({"id": "range", "property": "start_date"}),
    )
    .await;

    // Tabs without a value take the first tab's, as text.
    wait_seen(&session, "tabs", item("tabs", json!("tab-1"))).await;

    // A DataTable's active cell is the clicked one, and leaves no key once sorted.
    wait_seen(
        &session,
        "table",
        json!({"id": "table", "property": "active_cell"}),
    )
    .await;
    session.click("#table td.dash-cell").await;
    wait_seen(
        &session,
        "table",
        json!({"id": "table", "property": "active_cell",
               "value": {"row": 0, "column": 0, "column_id": "n"}}),
    )
    .await;
    session.click("#table .column-header--sort").await;
    wait_seen(
        &session,
        "table",
        json!({"id": "table", "property": "active_cell"}),
    )
    .await;

    // A Graph's selection is `null` once cleared: plotly.js tells the component with its
    // `plotly_deselect` event (a double click on the plot), sent here directly.
    wait_seen(
        &session,
        "graph",
        json!({"id": "graph", "property": "selectedData"}),
    )
    .await;
    let deselect = "(() => { const plot = document.querySelector('#graph .js-plotly-plot'); \
                    if (!plot || !plot.emit) return false; \
                    plot.emit('plotly_deselect'); return true; })()";
    session.wait_for(deselect, json!(true), TIMEOUT).await;
    wait_seen(
        &session,
        "graph",
        json!({"id": "graph", "property": "selectedData", "value": null}),
    )
    .await;
    // With `clear_on_unhover`, `hoverData` is `null` once the pointer leaves.
    session
        .eval("document.querySelector('#graph .js-plotly-plot').emit('plotly_unhover'); true")
        .await;
    wait_seen(
        &session,
        "hover",
        json!({"id": "graph", "property": "hoverData", "value": null}),
    )
    .await;

    // An Upload sends a `data:` URL, the name and the time in fractional seconds; with
    // `multiple`, a list of each. The files are given to its file input, as a picker would.
    let choose = |id: &str, names: &[&str]| {
        let files: Vec<String> = names
            .iter()
            .map(|name| format!("new File(['hi'], '{name}', {{type: 'text/plain', lastModified: 1700000000500}})"))
            .collect();
        format!(
            "(() => {{ const input = document.querySelector('#{id} input[type=file]'); \
             const files = new DataTransfer(); [{}].forEach(f => files.items.add(f)); \
             input.files = files.files; \
             input.dispatchEvent(new Event('change', {{bubbles: true}})); return true; }})()",
            files.join(", ")
        )
    };
    session.eval(&choose("upload", &["a.txt"])).await;
    let text = |id: &str| {
        format!(
            "(() => {{ const e = document.getElementById('seen_{id}'); return e && e.textContent ? JSON.parse(e.textContent) : null; }})()"
        )
    };
    let hi = "data:text/plain;base64,aGk=";
    session
        .wait_for(
            &text("upload"),
            json!([hi, "a.txt", 1_700_000_000.5]),
            TIMEOUT,
        )
        .await;
    // (Files are read in parallel and listed as each is read: one name keeps the order fixed.)
    session.eval(&choose("uploads", &["a.txt", "a.txt"])).await;
    let expected = json!([
        [hi, hi],
        ["a.txt", "a.txt"],
        [1_700_000_000.5, 1_700_000_000.5]
    ]);
    session.wait_for(&text("uploads"), expected, TIMEOUT).await;

    // A Slider's number box, emptied and left, sends `null`.
    wait_seen(&session, "slider", item("slider", json!(5))).await;
    session
        .press("#slider input[type=number]", &["End", "Backspace", "Tab"])
        .await;
    wait_seen(&session, "slider", item("slider", Value::Null)).await;
    session.close_without_errors().await;
}

#[dash::app]
mod stores {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        go: html::Button,
        floats: Store<Vec<Option<f64>>>,
        big: Store<Exact<i64>>,
        wide: Store<Vec<Exact<f64>>>,
        seen_floats: html::Pre,
        seen_big: html::Pre,
        seen_wide: html::Pre,
    }

    /// What JSON cannot hold, in the types that carry it.
    #[callback(
        output = "floats.data",
        output = "big.data",
        output = "wide.data",
        input = "go.n_clicks",
        prevent_initial_call
    )]
    fn write(_clicks: u32) -> (Vec<Option<f64>>, Exact<i64>, Vec<Exact<f64>>) {
        (
            vec![Some(0.1), None, Some(-2.5e300)],
            Exact(i64::MAX),
            vec![
                Exact(f64::NAN),
                Exact(f64::INFINITY),
                Exact(f64::NEG_INFINITY),
                Exact(0.1),
            ],
        )
    }

    #[callback(
        output = "seen_floats.children",
        input = "floats.data",
        prevent_initial_call
    )]
    fn floats(data: Vec<Option<f64>>) -> String {
        format!("{data:?}")
    }

    #[callback(output = "seen_big.children", input = "big.data", prevent_initial_call)]
    fn big(data: Exact<i64>) -> String {
        (data.0 == i64::MAX).to_string()
    }

    #[callback(
        output = "seen_wide.children",
        input = "wide.data",
        prevent_initial_call
    )]
    fn wide(data: Vec<Exact<f64>>) -> String {
        format!("{:?}", data.iter().map(|x| x.0).collect::<Vec<f64>>())
    }
}

/// Values JSON has no exact form for survive a store written and read back, in the types
/// that carry them: `Option<f64>` for missing numbers, `Exact<T>` for the rest.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stores_keep_what_json_cannot_hold() {
    use dash::prelude::*;
    let layout = html::Div::new().children([
        Node::from(html::Button::new().id("go").children("write")),
        Store::<Vec<Option<f64>>>::new("floats").into(),
        Store::<dash::Exact<i64>>::new("big").into(),
        Store::<Vec<dash::Exact<f64>>>::new("wide").into(),
        html::Pre::new().id("seen_floats").into(),
        html::Pre::new().id("seen_big").into(),
        html::Pre::new().id("seen_wide").into(),
    ]);
    let base = support::serve(support::dash().layout(layout).app::<stores::Ids>()).await;
    let session = Session::open(&format!("{base}/")).await;
    // Clicked until a reader answers: the first click may come before the page is live.
    // Writing again writes the same values.
    let clicked = "(() => { const seen = document.getElementById('seen_big'); \
                   if (seen && seen.textContent) return true; \
                   const go = document.getElementById('go'); if (go) go.click(); return false; })()";
    session.wait_for(clicked, json!(true), TIMEOUT).await;
    let text = |id: &str| {
        format!(
            "(() => {{ const e = document.getElementById('{id}'); return e && e.textContent; }})()"
        )
    };
    session
        .wait_for(
            &text("seen_floats"),
            json!("[Some(0.1), None, Some(-2.5e300)]"),
            TIMEOUT,
        )
        .await;
    session
        .wait_for(&text("seen_big"), json!("true"), TIMEOUT)
        .await;
    session
        .wait_for(&text("seen_wide"), json!("[NaN, inf, -inf, 0.1]"), TIMEOUT)
        .await;
    session.close_without_errors().await;
}

#[dash::app]
mod natural {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        go: html::Button,
        words: dcc::Checklist,
        letters: dcc::Checklist,
        levels: dcc::RadioItems,
        list: html::Ul,
    }

    /// Lists as a Python user returns them: values or `(label, value)` pairs for options,
    /// as outputs and through `set_props`, and components for children.
    #[callback(
        output = "words.options",
        output = "levels.options",
        output = "list.children",
        input = "go.n_clicks",
        prevent_initial_call
    )]
    fn fill(
        _clicks: u32,
        ctx: Ctx,
    ) -> (Vec<&'static str>, Vec<(&'static str, i64)>, Vec<html::Li>) {
        ctx.set_props("letters", "options", vec![("Alpha", "a"), ("Beta", "b")]);
        (
            vec!["a", "b", "c"],
            vec![("one", 1), ("two", 2)],
            vec![
                html::Li::new().children("first"),
                html::Li::new().children("second"),
            ],
        )
    }
}

/// What a user naturally returns renders: a `Vec` of text or numbers as options, a `Vec` of
/// typed components as children.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn natural_types_render() {
    use dash::prelude::*;
    let layout = html::Div::new().children([
        Node::from(html::Button::new().id("go").children("fill")),
        dcc::Checklist::new().id("words").into(),
        dcc::Checklist::new().id("letters").into(),
        dcc::RadioItems::new().id("levels").into(),
        html::Ul::new().id("list").into(),
    ]);
    let base = support::serve(support::dash().layout(layout).app::<natural::Ids>()).await;
    let session = Session::open(&format!("{base}/")).await;
    let filled = "(() => { const items = document.querySelectorAll('#list li'); \
                  if (items.length) return Array.from(items, li => li.textContent); \
                  const go = document.getElementById('go'); if (go) go.click(); return null; })()";
    session
        .wait_for(filled, json!(["first", "second"]), TIMEOUT)
        .await;
    let labels = |id: &str| {
        format!("Array.from(document.querySelectorAll('#{id} label'), l => l.textContent)")
    };
    session
        .wait_for(&labels("words"), json!(["a", "b", "c"]), TIMEOUT)
        .await;
    session
        .wait_for(&labels("levels"), json!(["one", "two"]), TIMEOUT)
        .await;
    session
        .wait_for(&labels("letters"), json!(["Alpha", "Beta"]), TIMEOUT)
        .await;
    // The values are the pairs' second items.
    let values = "Array.from(document.querySelectorAll('#levels input'), i => i.value)";
    session.wait_for(values, json!(["1", "2"]), TIMEOUT).await;
    session.close_without_errors().await;
}
