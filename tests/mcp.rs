//! The MCP endpoint, driven by a real MCP client session (the official crate's client
//! over Streamable HTTP): the store example's tools, each tool's schema (a snapshot in
//! tests/fixtures/mcp/, `DASH_REGENERATE=1` rewrites it), calls that work and calls that
//! fail, the resources, the weather site's pages; the same session against the Python
//! twin (tests/python/store.py, Dash 4.4.1 with `enable_mcp=True`); and the transport's
//! answers over plain HTTP, ported from Dash's tests/integration/mcp/test_mcp_endpoint.py.

#[path = "../examples/store.rs"]
#[allow(dead_code)]
mod store_example;

use std::path::PathBuf;

use rmcp::model::{CallToolRequestParams, CallToolResult, ReadResourceRequestParams};
use rmcp::service::{RoleClient, RunningService, ServiceExt};
use rmcp::transport::StreamableHttpClientTransport;
use serde_json::{Value, json};

type Client = RunningService<RoleClient, ()>;

/// A client session with the MCP endpoint of the app at `base`, initialized.
async fn connect(base: &str) -> Client {
    let transport = StreamableHttpClientTransport::from_uri(format!("{base}/_mcp"));
    ().serve(transport)
        .await
        .unwrap_or_else(|e| panic!("initialize {base}/_mcp: {e}"))
}

/// Calls the tool `name` with `arguments`.
async fn call(client: &Client, name: &'static str, arguments: Value) -> CallToolResult {
    let Value::Object(arguments) = arguments else {
        panic!("arguments are an object")
    };
    client
        .call_tool(CallToolRequestParams::new(name).with_arguments(arguments))
        .await
        .unwrap_or_else(|e| panic!("tools/call {name}: {e}"))
}

/// A successful call's structured result.
fn structured(result: &CallToolResult) -> &Value {
    assert_ne!(result.is_error, Some(true), "the call failed: {result:?}");
    result
        .structured_content
        .as_ref()
        .expect("a structured result")
}

/// A failed call's message.
fn error_text(result: &CallToolResult) -> String {
    assert_eq!(
        result.is_error,
        Some(true),
        "the call succeeded: {result:?}"
    );
    serde_json::to_value(&result.content).unwrap()[0]["text"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The tools, as JSON.
async fn tools(client: &Client) -> Vec<Value> {
    let listed = client.list_tools(None).await.expect("tools/list");
    listed
        .tools
        .iter()
        .map(|tool| serde_json::to_value(tool).unwrap())
        .collect()
}

fn tool<'a>(tools: &'a [Value], name: &str) -> &'a Value {
    tools
        .iter()
        .find(|tool| tool["name"] == name)
        .unwrap_or_else(|| panic!("no tool {name} in {tools:#?}"))
}

/// The text equals the snapshot `name`, or rewrites it under `DASH_REGENERATE=1`.
fn snapshot(name: &str, value: &Value) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/mcp");
    let path = dir.join(name);
    let text = serde_json::to_string_pretty(value).unwrap() + "\n";
    if std::env::var_os("DASH_REGENERATE").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(&path, &text).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (DASH_REGENERATE=1 writes it)", path.display()));
    assert!(
        expected == text,
        "the tools changed; if that is meant, DASH_REGENERATE=1 rewrites {}:\n{text}",
        path.display()
    );
}

#[tokio::test]
async fn an_agent_lists_the_store_tools_with_schemas_from_their_rust_types() {
    let base = support::serve(store_example::app()).await;
    let client = connect(&base).await;
    let info = client.peer_info().expect("the server's info");
    assert_eq!(info.server_info.as_ref().unwrap().name, "rust-dash");
    let tools = tools(&client).await;
    let names: Vec<&str> = tools.iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "clean_data",
            "update_graph",
            "update_table",
            "get_dash_component"
        ]
    );

    // `city: Option<String>`: a string or null, so not required; the doc comment leads
    // the description (the example turns docs on).
    let clean = tool(&tools, "clean_data");
    let city = &clean["inputSchema"]["properties"]["city"];
    assert_eq!(city["type"], json!(["string", "null"]), "{city:#}");
    assert!(clean["inputSchema"].get("required").is_none(), "{clean:#}");
    let description = clean["description"].as_str().unwrap();
    assert!(
        description.starts_with("The expensive step"),
        "{description}"
    );
    assert!(description.contains("`intermediate.data`"), "{description}");
    assert!(
        city["description"]
            .as_str()
            .unwrap()
            .contains("dcc.Dropdown"),
        "{city:#}"
    );
    // Its output, `Cleaned`, spelled out by its derived schema.
    let data = &clean["outputSchema"]["properties"]["response"]["properties"]["intermediate"]["properties"]
        ["data"];
    assert_eq!(data["properties"]["city"]["type"], "string", "{data:#}");
    assert_eq!(data["properties"]["rows"]["type"], "array", "{data:#}");

    // `data: Cleaned`: required, with the same schema, and the tool that returns it named.
    let graph = tool(&tools, "update_graph");
    assert_eq!(graph["inputSchema"]["required"], json!(["data"]));
    let data = &graph["inputSchema"]["properties"]["data"];
    assert_eq!(data["required"], json!(["city", "rows"]), "{data:#}");
    assert!(
        data["description"]
            .as_str()
            .unwrap()
            .contains("`clean_data`"),
        "{data:#}"
    );

    // Every tool's schema, as a snapshot: a change to a callback's types shows in review.
    snapshot("store_tools.json", &Value::Array(tools));
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn an_agent_calls_a_tool_and_hands_its_result_to_the_next() {
    let base = support::serve(store_example::app()).await;
    let client = connect(&base).await;

    let cleaned = call(&client, "clean_data", json!({ "city": "Oslo" })).await;
    let answer = structured(&cleaned);
    assert_eq!(answer["multi"], true);
    let data = &answer["response"]["intermediate"]["data"];
    assert_eq!(data["city"], "Oslo");
    assert_eq!(data["rows"].as_array().unwrap().len(), 366);
    // The text content is the same JSON, for clients that read only text.
    let text = serde_json::to_value(&cleaned.content).unwrap()[0]["text"].clone();
    assert_eq!(
        serde_json::from_str::<Value>(text.as_str().unwrap()).unwrap(),
        *answer
    );

    let graph = call(&client, "update_graph", json!({ "data": data })).await;
    let figure = &structured(&graph)["response"]["graph"]["figure"];
    assert_eq!(figure["data"][0]["name"], "Oslo", "{figure:#}");
    assert_eq!(
        figure["layout"]["title"]["text"],
        "Daily mean temperature in Oslo, 2024"
    );
    let table = call(&client, "update_table", json!({ "data": data })).await;
    let rows = &structured(&table)["response"]["table"]["children"];
    assert_eq!(rows.as_array().unwrap().len(), 12, "one row per month");

    // `PreventUpdate` (a cleared city): nothing to update, and no error.
    let prevented = call(&client, "clean_data", json!({ "city": null })).await;
    assert_eq!(
        *structured(&prevented),
        json!({ "multi": true, "response": {} })
    );
    let prevented = call(&client, "clean_data", json!({})).await;
    assert_eq!(structured(&prevented)["response"], json!({}));
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn a_bad_call_is_an_error_the_agent_reads_and_the_server_keeps_serving() {
    let base = support::serve(store_example::app()).await;
    let client = connect(&base).await;

    // A value of the wrong type: the message names the prop and the type.
    let wrong = call(&client, "clean_data", json!({ "city": 5 })).await;
    let message = error_text(&wrong);
    assert!(message.contains("city.value"), "{message}");
    // Data missing a field.
    let missing = call(
        &client,
        "update_graph",
        json!({ "data": { "city": "Oslo" } }),
    )
    .await;
    let message = error_text(&missing);
    assert!(message.contains("rows"), "{message}");
    // An argument the callback does not take.
    let unknown = call(&client, "clean_data", json!({ "town": "Oslo" })).await;
    let message = error_text(&unknown);
    assert!(
        message.contains("`town`") && message.contains("`city`"),
        "{message}"
    );
    // A tool that does not exist: a protocol error.
    let error = client
        .call_tool(CallToolRequestParams::new("no_such_tool"))
        .await
        .expect_err("an unknown tool is an error");
    assert!(error.to_string().contains("no_such_tool"), "{error}");

    // Still serving.
    let cleaned = call(&client, "clean_data", json!({ "city": "Cairo" })).await;
    assert_eq!(
        structured(&cleaned)["response"]["intermediate"]["data"]["city"],
        "Cairo"
    );
    client.cancel().await.unwrap();
}

#[dash::app]
mod failing {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: dcc::Input,
        b: html::Div,
    }

    #[callback(output = "b.children", input = "a.value")]
    fn fail(a: Option<String>) -> Result<String, CallbackError> {
        Err(CallbackError::msg(format!("the disk is full ({a:?})")))
    }
}

/// A failing callback is a tool error; what failed inside it reaches the agent only in
/// debug mode, as it reaches the page.
#[tokio::test]
async fn a_failing_callback_is_a_tool_error_with_its_details_in_debug_mode() {
    let app = |debug: bool| {
        dash::Dash::new()
            .layout(dash::html::Div::new().children([
                dash::dcc::Input::new().id("a").into(),
                dash::html::Div::new().id("b").into(),
            ]))
            .app::<failing::Ids>()
            .debug(debug)
            .mcp(dash::Mcp::new())
    };
    let quiet = connect(&support::serve(app(false)).await).await;
    let message = error_text(&call(&quiet, "fail", json!({ "a": "x" })).await);
    assert!(message.contains("server log"), "{message}");
    assert!(!message.contains("disk"), "{message}");
    let told = connect(&support::serve(app(true)).await).await;
    let message = error_text(&call(&told, "fail", json!({ "a": "x" })).await);
    assert!(message.contains("the disk is full"), "{message}");
    assert!(message.contains("`fail`"), "{message}");
    quiet.cancel().await.unwrap();
    told.cancel().await.unwrap();
}

#[tokio::test]
async fn an_agent_reads_the_layout_and_a_component() {
    let base = support::serve(store_example::app()).await;
    let client = connect(&base).await;
    let listed = client.list_resources(None).await.expect("resources/list");
    let uris: Vec<&str> = listed.resources.iter().map(|r| r.uri.as_str()).collect();
    assert_eq!(uris, ["dash://layout", "dash://components"]);
    let templates = client.list_resource_templates(None).await.unwrap();
    assert!(
        templates.resource_templates.is_empty(),
        "no pages, no template"
    );

    let text = |result: rmcp::model::ReadResourceResult| -> Value {
        let contents = serde_json::to_value(&result.contents).unwrap();
        serde_json::from_str(contents[0]["text"].as_str().unwrap()).unwrap()
    };
    let components = text(
        client
            .read_resource(ReadResourceRequestParams::new("dash://components"))
            .await
            .unwrap(),
    );
    assert_eq!(
        components,
        json!([
            { "id": "city", "type": "dcc.Dropdown" },
            { "id": "graph", "type": "dcc.Graph" },
            { "id": "intermediate", "type": "dcc.Store" },
            { "id": "table", "type": "html.Tbody" },
        ])
    );
    let layout = text(
        client
            .read_resource(ReadResourceRequestParams::new("dash://layout"))
            .await
            .unwrap(),
    );
    let served: Value = reqwest::get(format!("{base}/_dash-layout"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(layout, served, "the layout the browser gets");
    let unknown = client
        .read_resource(ReadResourceRequestParams::new("dash://nothing"))
        .await
        .expect_err("an unknown resource is an error");
    assert!(unknown.to_string().contains("dash://nothing"), "{unknown}");

    let city = call(
        &client,
        "get_dash_component",
        json!({ "component_id": "city" }),
    )
    .await;
    let city = structured(&city);
    assert_eq!(city["component_type"], "dcc.Dropdown");
    assert_eq!(city["properties"]["value"]["initial_value"], "Paris");
    assert_eq!(
        city["properties"]["value"]["input_to_tool"],
        json!(["clean_data"])
    );
    let store = call(
        &client,
        "get_dash_component",
        json!({ "component_id": "intermediate", "property": "data" }),
    )
    .await;
    let store = structured(&store);
    assert_eq!(
        store["properties"],
        json!({ "data": {
            "initial_value": null,
            "modified_by_tool": ["clean_data"],
            "input_to_tool": ["update_graph", "update_table"],
        }})
    );
    let missing = call(
        &client,
        "get_dash_component",
        json!({ "component_id": "nope" }),
    )
    .await;
    assert!(error_text(&missing).contains("`nope`"));
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn the_weather_site_offers_its_pages_when_the_environment_turns_mcp_on() {
    let running = support::run_example("weather_site", &[("DASH_MCP_ENABLED", "true")]);
    let client = connect(running.url.trim_end_matches('/')).await;
    let listed = client.list_resources(None).await.unwrap();
    let uris: Vec<&str> = listed.resources.iter().map(|r| r.uri.as_str()).collect();
    assert!(uris.contains(&"dash://pages"), "{uris:?}");
    let templates = client.list_resource_templates(None).await.unwrap();
    assert_eq!(
        templates.resource_templates[0].uri_template,
        "dash://page-layout/{path}"
    );
    let read = |uri: &'static str| {
        let client = &client;
        async move {
            let result = client
                .read_resource(ReadResourceRequestParams::new(uri))
                .await
                .unwrap_or_else(|e| panic!("{uri}: {e}"));
            let contents = serde_json::to_value(&result.contents).unwrap();
            contents[0]["text"].as_str().unwrap().to_owned()
        }
    };
    let pages: Value = serde_json::from_str(&read("dash://pages").await).unwrap();
    let paths: Vec<&str> = pages
        .as_array()
        .unwrap()
        .iter()
        .map(|page| page["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.contains(&"/") && paths.contains(&"/about"),
        "{pages:#}"
    );
    // A page with a variable, filled: the page a visit to /city/Oslo builds.
    let oslo = read("dash://page-layout/city/Oslo").await;
    assert!(oslo.contains("Oslo"), "{oslo}");
    let missing = read("dash://page-layout/no/such/page").await;
    assert!(missing.contains("No such page"), "the 404 page: {missing}");
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn the_python_twin_answers_the_same_session_alike() {
    // The twin binds a port the system picks, and says which (the free port `python_twin`
    // chooses could be taken by another test's server before the twin binds it).
    let python = support::python_twin("store.py", &["--any-port"]);
    let ours = support::serve(store_example::app()).await;
    let theirs_client = connect(python.url.trim_end_matches('/')).await;
    let ours_client = connect(&ours).await;

    // The same tools, by the same names.
    let names = |tools: Vec<Value>| -> Vec<String> {
        let mut names: Vec<String> = tools
            .iter()
            .map(|t| t["name"].as_str().unwrap().to_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(
        names(tools(&ours_client).await),
        names(tools(&theirs_client).await)
    );
    // The same answer to the same call, `{"multi": true, "response": ..}`.
    for city in ["Oslo", "Sydney"] {
        let arguments = json!({ "city": city });
        let ours = call(&ours_client, "clean_data", arguments.clone()).await;
        let theirs = call(&theirs_client, "clean_data", arguments).await;
        assert_eq!(structured(&ours), structured(&theirs), "clean_data({city})");
    }
    // Both refuse a tool neither has.
    for client in [&ours_client, &theirs_client] {
        assert!(
            client
                .call_tool(CallToolRequestParams::new("no_such_tool"))
                .await
                .is_err()
        );
    }
    ours_client.cancel().await.unwrap();
    theirs_client.cancel().await.unwrap();
}

/// One JSON-RPC message over plain HTTP, as Dash's own endpoint tests send it.
async fn post(url: &str, content_type: &str, body: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(url)
        .header("content-type", content_type)
        .header("accept", "application/json, text/event-stream")
        .body(body.to_owned())
        .send()
        .await
        .unwrap()
}

/// `initialize`, with this `Host` header.
async fn initialize_as(url: &str, host: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(url)
        .header("host", host)
        .header("content-type", "application/json")
        .header("accept", "application/json, text/event-stream")
        .body(INITIALIZE)
        .send()
        .await
        .unwrap()
}

const INITIALIZE: &str = r#"{"jsonrpc":"2.0","method":"initialize","id":1,"params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}"#;

#[tokio::test]
async fn the_transport_answers_as_dash_tests_expect() {
    let base = support::serve(store_example::app()).await;
    let url = format!("{base}/_mcp");
    // mcpe001: initialize answers the protocol version.
    let answer = post(&url, "application/json", INITIALIZE).await;
    assert_eq!(answer.status(), 200);
    let body: Value = answer.json().await.unwrap();
    assert_eq!(body["result"]["protocolVersion"], "2025-11-25", "{body:#}");
    // mcpe003: a notification is accepted, with nothing to answer.
    let answer = post(
        &url,
        "application/json",
        r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
    )
    .await;
    assert_eq!(answer.status(), 202);
    // mcpe006: another content type is refused.
    let answer = post(&url, "text/plain", "not json").await;
    assert_eq!(answer.status(), 415);
    // Malformed JSON: a 4xx with a JSON-RPC error, and the server keeps serving.
    let answer = post(&url, "application/json", "{not json").await;
    assert!(answer.status().is_client_error(), "{}", answer.status());
    // mcpe004: a session cannot be deleted (there is none: every request stands alone).
    let answer = reqwest::Client::new().delete(&url).send().await.unwrap();
    assert_eq!(answer.status(), 405);
    // A host that is not loopback: refused, against DNS rebinding.
    let answer = initialize_as(&url, "attacker.example").await;
    assert!(answer.status().is_client_error(), "{}", answer.status());
    let answer = post(&url, "application/json", INITIALIZE).await;
    assert_eq!(answer.status(), 200);
}

#[tokio::test]
async fn the_endpoint_is_off_unless_asked_for_and_follows_the_routes_prefix() {
    // mcpe007: without `.mcp(..)`, `/_mcp` is a page path like any other.
    let off = support::serve(
        dash::Dash::new()
            .layout(dash::html::Div::new().id("a"))
            .suppress_callback_exceptions(true),
    )
    .await;
    let answer = post(&format!("{off}/_mcp"), "application/json", INITIALIZE).await;
    assert_eq!(answer.status(), 405, "a page path takes no POST");
    assert!(!answer.text().await.unwrap().contains("protocolVersion"));
    // mcpe008: under a routes prefix, and only there; and at a path of the app's choice.
    let prefixed = support::serve(
        store_example::app()
            .routes_pathname_prefix("/app/")
            .mcp(dash::Mcp::new().path("agents")),
    )
    .await;
    let answer = post(
        &format!("{prefixed}/app/agents"),
        "application/json",
        INITIALIZE,
    )
    .await;
    assert_eq!(answer.status(), 200);
    let answer = post(
        &format!("{prefixed}/agents"),
        "application/json",
        INITIALIZE,
    )
    .await;
    assert_eq!(answer.status(), 404);
    // A callback listed only when marked, when the app leaves callbacks out.
    let none =
        support::serve(store_example::app().mcp(dash::Mcp::new().callbacks(false).layout(false)))
            .await;
    let client = connect(&none).await;
    assert!(tools(&client).await.is_empty());
    client.cancel().await.unwrap();
}

/// Two modules whose callbacks share a name, a callback named as the built-in tool, one
/// left out, and a clientside callback.
#[dash::app]
mod first {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: dcc::Input,
        b: html::Div,
        c: html::Div,
        d: html::Div,
        e: html::Div,
    }

    #[callback(output = "b.children", input = "a.value")]
    fn update(a: Option<String>) -> String {
        a.unwrap_or_default()
    }

    #[callback(output = "c.children", input = "a.value")]
    fn get_dash_component(a: Option<String>) -> String {
        a.unwrap_or_default()
    }

    #[callback(output = "d.children", input = "a.value", mcp = false)]
    fn private(a: Option<String>) -> String {
        a.unwrap_or_default()
    }

    #[clientside(output = "e.children", input = "a.value")]
    pub const ECHO: &str = "(a) => a";
}

#[dash::app]
mod second {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: dcc::Input,
        f: html::Div,
    }

    #[callback(output = "f.children", input = "a.value", mcp = true)]
    fn update(a: Option<String>) -> String {
        a.unwrap_or_default()
    }
}

fn catalogue_app() -> dash::Dash {
    use dash::prelude::*;
    let div = |id: &str| html::Div::new().id(id).into();
    Dash::new()
        .layout(html::Div::new().children([
            dcc::Input::new().id("a").into(),
            div("b"),
            div("c"),
            div("d"),
            div("e"),
            div("f"),
        ]))
        .app::<first::Ids>()
        .app::<second::Ids>()
}

#[tokio::test]
async fn tool_names_are_distinct_and_the_marks_are_followed() {
    let all = connect(&support::serve(catalogue_app().mcp(dash::Mcp::new())).await).await;
    let names: Vec<String> = tools(&all)
        .await
        .iter()
        .map(|tool| tool["name"].as_str().unwrap().to_owned())
        .collect();
    // Shared names become output keys; the built-in tool keeps its name; `mcp = false`
    // is left out.
    assert_eq!(
        names,
        [
            "b_children",
            "get_dash_component_2",
            "f_children",
            "get_dash_component"
        ]
    );
    let answer = call(&all, "get_dash_component_2", json!({ "a": "x" })).await;
    assert_eq!(structured(&answer)["response"]["c"]["children"], "x");
    // The clientside callback is a resource, with its source.
    let read = all
        .read_resource(ReadResourceRequestParams::new(
            "dash://clientside-callbacks",
        ))
        .await
        .unwrap();
    let text = serde_json::to_value(&read.contents).unwrap()[0]["text"].clone();
    let clientside: Value = serde_json::from_str(text.as_str().unwrap()).unwrap();
    assert_eq!(
        clientside[0]["function"]["source"], "(a) => a",
        "{clientside:#}"
    );
    all.cancel().await.unwrap();

    // Callbacks left out by default: only the one marked `mcp = true`.
    let marked =
        support::serve(catalogue_app().mcp(dash::Mcp::new().callbacks(false).layout(false))).await;
    let marked = connect(&marked).await;
    let names: Vec<Value> = tools(&marked)
        .await
        .iter()
        .map(|t| t["name"].clone())
        .collect();
    assert_eq!(names, [json!("update")]);
    marked.cancel().await.unwrap();
}

#[tokio::test]
async fn a_tool_the_app_asks_for_but_cannot_have_stops_startup() {
    #[dash::app]
    mod stored {
        use dash::prelude::*;

        #[ids]
        pub struct Ids {
            a: dcc::Input,
            kept: ServerStore<String>,
        }

        #[callback(output = "kept.data", input = "a.value", mcp = true)]
        fn keep(a: Option<String>) -> String {
            a.unwrap_or_default()
        }
    }
    use dash::prelude::*;
    let app = Dash::new()
        .layout(html::Div::new().children([
            dcc::Input::new().id("a").into(),
            ServerStore::<String>::new("kept").into(),
        ]))
        .app::<stored::Ids>()
        .mcp(dash::Mcp::new());
    let error = app.build().expect_err("refused").to_string();
    assert!(
        error.contains("`keep`")
            && error.contains("mcp = true")
            && error.contains("server-side store"),
        "{error}"
    );
    // A path the protocol's routes would shadow.
    let error = catalogue_app()
        .mcp(dash::Mcp::new().path("_reload-hash"))
        .build()
        .expect_err("refused")
        .to_string();
    assert!(error.contains("starts with `_`"), "{error}");
}

#[tokio::test]
async fn a_named_host_is_accepted_and_a_failing_layout_is_told_as_the_page_tells_it() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static BUILT: AtomicUsize = AtomicUsize::new(0);
    let app = |debug: bool| {
        dash::Dash::new()
            .layout_fn(|| {
                // The startup checks build it once; every later build fails.
                assert!(
                    BUILT.fetch_add(1, Ordering::SeqCst) == 0,
                    "the database is down"
                );
                use dash::prelude::*;
                html::Div::new()
                    .children([
                        dcc::Input::new().id("a").into(),
                        html::Div::new().id("b").into(),
                    ])
                    .into()
            })
            .app::<failing::Ids>()
            .debug(debug)
            .mcp(dash::Mcp::new().allowed_hosts(["dash.example.com"]))
    };
    let base = support::serve(app(false)).await;
    let answer = initialize_as(&format!("{base}/_mcp"), "dash.example.com").await;
    assert_eq!(answer.status(), 200, "a named host");
    let client = connect(&base).await;
    // The tools are listed without the layout; reading it fails without its details.
    assert_eq!(tools(&client).await.len(), 2);
    let error = client
        .read_resource(ReadResourceRequestParams::new("dash://layout"))
        .await
        .expect_err("the layout failed");
    assert!(!error.to_string().contains("database"), "{error}");
    client.cancel().await.unwrap();
}
