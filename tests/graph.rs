//! The callback graph at build time: the examples' graphs as JSON and Mermaid, snapshots
//! in tests/fixtures/graph/ (`DASH_REGENERATE=1` rewrites them), the picture in the README
//! made from the same text, and `DASH_GRAPH` printing it from `run`.

use std::path::PathBuf;

#[allow(dead_code)]
#[path = "../examples/counter.rs"]
mod counter_example;

#[allow(dead_code)]
#[path = "../examples/todo.rs"]
mod todo_example;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/graph")
}

/// The text equals the snapshot `name`, or rewrites it under `DASH_REGENERATE=1`.
fn snapshot(name: &str, text: &str) {
    let path = fixtures().join(name);
    if std::env::var_os("DASH_REGENERATE").is_some() {
        std::fs::create_dir_all(fixtures()).unwrap();
        std::fs::write(&path, text).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (DASH_REGENERATE=1 writes it)", path.display()));
    assert!(
        expected == text,
        "the graph changed; if that is meant, DASH_REGENERATE=1 rewrites {}:\n{text}",
        path.display()
    );
}

#[test]
fn the_counter_graph_is_the_snapshot() {
    let graph = counter_example::app().graph();
    snapshot("counter.json", &format!("{:#}\n", graph.to_json()));
    snapshot("counter.mmd", &graph.to_mermaid());
    snapshot("counter.dot", &graph.to_dot());
}

#[test]
fn the_todo_graph_with_patterns_is_the_snapshot() {
    let graph = todo_example::app().graph();
    snapshot("todo.json", &format!("{:#}\n", graph.to_json()));
    snapshot("todo.mmd", &graph.to_mermaid());
}

/// What the graph says of the counter, read from its JSON.
#[test]
fn the_graph_names_types_kinds_and_initial_calls() {
    let json = counter_example::app().graph().to_json();
    let callbacks = json["callbacks"].as_array().unwrap();
    let by_name = |name: &str| {
        callbacks
            .iter()
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("{name} in {json:#}"))
    };
    let update = by_name("update");
    assert_eq!(update["kind"], "server");
    assert_eq!(update["runs_at_load"], true);
    assert_eq!(
        update["inputs"][0],
        serde_json::json!({"id": "inc", "property": "n_clicks", "type": "core::option::Option<i64>"})
    );
    assert_eq!(update["outputs"][0]["type"], "alloc::string::String");
    assert_eq!(by_name("save")["runs_at_load"], false);
    assert_eq!(by_name("TOGGLE_HISTORY")["kind"], "clientside");
    // A clientside callback's JavaScript has no Rust types.
    assert_eq!(
        by_name("TOGGLE_HISTORY")["outputs"][0]["type"],
        serde_json::Value::Null
    );
    let todo = todo_example::app().graph().to_json();
    assert!(!todo["families"].as_array().unwrap().is_empty(), "{todo:#}");
}

/// The README's picture of the counter's graph is the graph as it is.
#[test]
fn the_readme_picture_is_the_graph() {
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .unwrap();
    let start = readme
        .find("```mermaid\n")
        .expect("a mermaid block in README.md")
        + "```mermaid\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let mermaid = counter_example::app().graph().to_mermaid();
    assert!(
        readme[start..end] == mermaid,
        "README.md's graph is out of date; write this in its mermaid block:\n{mermaid}"
    );
}

/// `DASH_GRAPH=mermaid` makes the example print its graph instead of serving.
#[test]
fn dash_graph_prints_the_graph_from_run() {
    let mut command = support::app_command(support::example_binary("counter"));
    command.env("DASH_GRAPH", "mermaid");
    let output = support::output(&mut command, "the counter with DASH_GRAPH");
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        counter_example::app().graph().to_mermaid()
    );
    let mut command = support::app_command(support::example_binary("counter"));
    command.env("DASH_GRAPH", "svg");
    let output = support::output(&mut command, "the counter with DASH_GRAPH=svg");
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("`svg` is not a format"),
        "{output:?}"
    );
}
