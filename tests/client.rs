//! The test client, no browser: the examples' chains run in this process, with the call
//! counts and values the browser gives (tests/client_agreement.rs compares the two).

use dash::TestClient;

#[allow(dead_code)]
#[path = "../examples/counter.rs"]
mod counter_example;

#[allow(dead_code)]
#[path = "../examples/todo.rs"]
mod todo_example;

#[tokio::test]
async fn the_counter_runs_without_a_browser() {
    let mut client = TestClient::new(counter_example::app()).await.unwrap();
    assert_eq!(client.get::<String>("count", "children"), "0");
    assert_eq!(client.calls("update"), 1, "the initial call");
    // Its clientside steps need a browser: counted, not run.
    assert_eq!(client.skipped("TOGGLE_HISTORY"), 1);
    client.click("inc").await;
    client.click("inc").await;
    client.click("dec").await;
    assert_eq!(client.get::<String>("count", "children"), "1");
    let history: Vec<serde_json::Value> = client.get("history", "children");
    assert_eq!(history.len(), 3, "{history:?}");
    assert_eq!(history[2]["props"]["children"], "dec → 1");
    // `save` runs with `running`, then writes `status` with set_props.
    client.click("save").await;
    assert_eq!(client.get::<String>("status", "children"), "saved 1");
    assert!(!client.get::<bool>("save", "disabled"));
    // `fail` answers through its on_error handler: no error, and `status` says why.
    client.click("fail").await;
    assert_eq!(
        client.get::<String>("status", "children"),
        "failed: the disk is full"
    );
    assert!(client.errors().is_empty(), "{:?}", client.errors());
    assert_eq!(client.calls("update"), 4);
}

#[tokio::test]
async fn the_todo_list_runs_its_patterns_without_a_browser() {
    let mut client = TestClient::new(todo_example::app()).await.unwrap();
    let summary = client.get::<String>("summary", "children");
    client.set("new_item", "value", "milk").await;
    client.click("add").await;
    client.set("new_item", "value", "bread").await;
    client.click("add").await;
    let after = client.get::<String>("summary", "children");
    assert_ne!(summary, after);
    println!("{summary} -> {after}; {:?}", client.all_calls());
    assert!(client.errors().is_empty(), "{:?}", client.errors());
}

#[allow(dead_code)]
#[path = "../examples/scores.rs"]
mod scores_example;

#[allow(dead_code)]
#[path = "../examples/store.rs"]
mod store_example;

#[allow(dead_code)]
#[path = "../examples/server_store.rs"]
mod server_store_example;

#[allow(dead_code)]
#[path = "../examples/filters.rs"]
mod filters_example;

#[tokio::test]
async fn the_scores_count_the_chosen_score() {
    let mut client = TestClient::new(scores_example::app()).await.unwrap();
    assert_eq!(client.get::<usize>("output", "children"), 3);
    client.set("score", "value", 5).await;
    assert_eq!(client.get::<usize>("output", "children"), 4);
    client.set("score", "value", serde_json::Value::Null).await;
    assert_eq!(client.get::<usize>("output", "children"), 0);
    assert_eq!(client.calls("count_students"), 3);
}

/// The browser store: the expensive step runs once per city, and both readers follow it.
#[tokio::test]
async fn the_store_is_computed_once_and_read_twice() {
    let mut client = TestClient::new(store_example::app()).await.unwrap();
    let first: serde_json::Value = client.get("table", "children");
    client.set("city", "value", "Cairo").await;
    let second: serde_json::Value = client.get("table", "children");
    assert_ne!(first, second);
    assert_eq!(client.calls("clean_data"), 2);
    assert_eq!(client.calls("update_graph"), 2);
    assert_eq!(client.calls("update_table"), 2);
    assert!(client.errors().is_empty(), "{:?}", client.errors());
}

/// The server store: the page holds a handle, and the readers get the value behind it.
#[tokio::test]
async fn the_server_store_hands_its_readers_the_value() {
    let mut client = TestClient::new(server_store_example::app()).await.unwrap();
    let handle: serde_json::Value = client.get("readings", "data");
    assert!(handle.get("dash_server_store").is_some(), "{handle}");
    let oslo = client.get::<String>("summary", "children");
    client.set("city", "value", "Sydney").await;
    let sydney = client.get::<String>("summary", "children");
    assert_ne!(oslo, sydney);
    assert!(client.errors().is_empty(), "{:?}", client.errors());
}

/// Chained filters: each new filter's options leave out what the filters before it chose.
#[tokio::test]
async fn the_filters_narrow_each_other() {
    let filter = |index: u32| {
        dash::ComponentId::parse(&format!(r#"{{"index":{index},"type":"filter"}}"#)).unwrap()
    };
    let mut client = TestClient::new(filters_example::app()).await.unwrap();
    client.click("add").await;
    client.set(filter(1), "value", "Europe").await;
    client.click("add").await;
    let options: Vec<serde_json::Value> = client.get(filter(2), "options");
    assert!(
        options.iter().all(|o| o != "Europe" && o != "Asia"),
        "{options:?}"
    );
    assert!(options.iter().any(|o| o == "Germany"), "{options:?}");
    assert!(client.errors().is_empty(), "{:?}", client.errors());
}
