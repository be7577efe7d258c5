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
    assert_eq!(client.get::<bool>("save", "disabled"), false);
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
