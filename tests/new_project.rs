//! README's "Your own project", done as a new user does it, in a scratch folder outside the
//! repository: `cargo new`, `cargo add rust-dash --path <this repository>`, the README's
//! first app as `src/main.rs`, `cargo build`, then the app serves its page and answers
//! its callback.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::json;

/// The repository's root (where README.md and the `rust-dash` package are).
fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_owned()
}

/// The app the README's "Your own project" puts in `src/main.rs`: its first Rust block.
fn readme_main() -> String {
    let readme = std::fs::read_to_string(repository().join("README.md")).expect("README.md");
    assert!(
        readme.contains("\n## Your own project\n"),
        "README.md has a section `## Your own project`"
    );
    readme
        .split("```rust")
        .nth(1)
        .and_then(|rest| rest.split_once('\n'))
        .and_then(|(_, rest)| rest.split("\n```").next())
        .expect("README.md has a ```rust block")
        .to_owned()
}

/// Cargo, as a user's shell runs it: none of the app's variables, none of what `cargo test`
/// sets for this test (`CARGO_MANIFEST_DIR`, `CARGO_PKG_NAME`), and no flags meant for the
/// suite's own build.
fn cargo() -> Command {
    let mut command =
        support::app_command(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    for variable in [
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
        "CARGO_MANIFEST_DIR",
        "CARGO_PKG_NAME",
    ] {
        command.env_remove(variable);
    }
    command
}

fn run(command: &mut Command, what: &str, within: Duration) {
    let output = support::output_within(command, what, within).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        output.status.success(),
        "`{what}` failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_project_depends_on_dash_and_serves_its_app() {
    let scratch = tempfile::Builder::new()
        .prefix("dash-new-project-")
        .tempdir_in(std::env::temp_dir())
        .expect("a scratch folder");
    assert!(
        !scratch.path().starts_with(repository()),
        "outside the repository"
    );
    let project = scratch.path().join("hello");

    run(
        cargo()
            .args(["new", "--quiet", "hello"])
            .current_dir(scratch.path()),
        "cargo new hello",
        support::DEADLINE,
    );
    run(
        cargo()
            .args(["add", "--quiet", "rust-dash", "--path"])
            .arg(repository())
            .current_dir(&project),
        "cargo add rust-dash --path <repository>",
        support::DEADLINE,
    );
    std::fs::write(project.join("src/main.rs"), readme_main()).expect("write main.rs");

    // Two things a user would not do, to keep the suite fast and steady: the versions of
    // the repository's lockfile (the ones the suite tests), and a build folder that
    // outlives the scratch folder, so that only a first run compiles the dependencies.
    std::fs::copy(repository().join("Cargo.lock"), project.join("Cargo.lock")).expect("lockfile");
    let target = repository().join("target/new-project");
    run(
        cargo()
            .args(["build", "--quiet"])
            .env("CARGO_TARGET_DIR", &target)
            .current_dir(&project),
        "cargo build (the new project)",
        20 * support::DEADLINE,
    );

    // Redis is an optional feature: asked for without it, the app says how to get it.
    let mut command = support::app_command(target.join("debug/hello"));
    let refused = support::output(
        command.env("PORT", "0").env("DASH_CACHE", "redis"),
        "the new project's app with DASH_CACHE=redis",
    );
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("built without Redis support: enable the `redis` feature"),
        "{stderr}"
    );

    let mut command = support::app_command(target.join("debug/hello"));
    command.env("PORT", "0");
    let app = support::start(command, "the new project's app", support::DEADLINE)
        .unwrap_or_else(|e| panic!("{e}"));

    let page = support::get(format!("{}/", app.url)).await;
    assert_eq!(page.status(), 200);
    let page = page.text().await.expect("the page");
    assert!(page.contains("_dash-config"), "{page}");

    let answer = support::http()
        .post(format!("{}/_dash-update-component", app.url))
        .json(&json!({
            "output": "output.children",
            "outputs": {"id": "output", "property": "children"},
            "inputs": [{"id": "score", "property": "value", "value": 5}],
            "changedPropIds": ["score.value"],
        }))
        .send()
        .await
        .expect("the app answers");
    assert_eq!(answer.status(), 200);
    let body: serde_json::Value = answer.json().await.expect("JSON");
    assert_eq!(body["response"]["output"]["children"], json!(4), "{body}");
}
