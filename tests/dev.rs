//! `dash-dev`: an edit of the app's Rust code rebuilds and restarts it, and the open page in
//! Chromium notices the new server and reloads its layout and callbacks by itself.
//!
//! The build is a stand-in for cargo (`DASH_DEV_CARGO`, a shell script that reports the
//! scores example's executable, as `cargo build --message-format=json` reports one), so
//! that the test times dash-dev and the page, not a compiler.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use serde_json::{Value, json};
use support::browser::Session;

const TIMEOUT: Duration = Duration::from_secs(30);

/// The `dash-dev` binary, built first so it is never stale.
fn dash_dev() -> PathBuf {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args(["build", "--quiet", "-p", "rust-dash-dev"])
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    let output =
        support::output_within(&mut command, "`cargo build -p rust-dash-dev`", 10 * TIMEOUT)
            .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let exe = std::env::current_exe().unwrap();
    let profile = exe.parent().and_then(|deps| deps.parent()).unwrap();
    profile.join("dash-dev")
}

async fn reload_hash(client: &reqwest::Client, base: &str) -> Option<Value> {
    let response = client
        .get(format!("{base}/_reload-hash"))
        .send()
        .await
        .ok()?;
    response
        .json::<Value>()
        .await
        .ok()
        .map(|answer| answer["reloadHash"].clone())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rust_edit_restarts_the_app_and_the_page_reloads_itself() {
    let scores = support::example_binary("scores");
    let project = tempfile::tempdir().unwrap();
    let main = project.path().join("src/main.rs");
    std::fs::create_dir_all(main.parent().unwrap()).unwrap();
    std::fs::write(&main, "fn main() {}\n").unwrap();
    let builds = project.path().join("builds");
    let fake_cargo = project.path().join("fake-cargo");
    std::fs::write(
        &fake_cargo,
        format!(
            "#!/bin/sh\necho built >> '{}'\necho '{{\"reason\":\"compiler-artifact\",\"executable\":\"{}\"}}'\n",
            builds.display(),
            scores.display()
        ),
    )
    .unwrap();
    Command::new("chmod")
        .arg("+x")
        .arg(&fake_cargo)
        .status()
        .unwrap();

    let port = support::free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut dev = support::app_command(dash_dev());
    dev.current_dir(project.path())
        .env("DASH_DEV_CARGO", &fake_cargo)
        .env("PORT", port.to_string())
        .env("HOST", "127.0.0.1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut dev = dev.spawn().expect("dash-dev starts");

    let client = support::http_within(Duration::from_secs(2));
    let started = Instant::now();
    let first = loop {
        if let Some(hash) = reload_hash(&client, &base).await.filter(Value::is_string) {
            break hash;
        }
        assert!(
            started.elapsed() < TIMEOUT,
            "the app did not start under dash-dev"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };

    let session = Session::open(&format!("{base}/")).await;
    session
        .wait_for(
            "document.getElementById('output')?.innerText",
            json!("3"),
            TIMEOUT,
        )
        .await;
    session.eval("window.__marker = 'kept'").await;
    let layouts = "performance.getEntriesByType('resource').filter(e => e.name.includes('_dash-layout')).length";
    let before = session.eval(layouts).await.as_u64().unwrap();
    // The page's first poll is its baseline.
    session
        .wait_for(
            "performance.getEntriesByType('resource').some(e => e.name.includes('_reload-hash'))",
            json!(true),
            TIMEOUT,
        )
        .await;

    let file = std::fs::File::options().write(true).open(&main).unwrap();
    file.set_modified(SystemTime::now() + Duration::from_secs(5))
        .unwrap();
    let started = Instant::now();
    loop {
        let hash = reload_hash(&client, &base).await;
        if hash
            .as_ref()
            .is_some_and(|hash| hash.is_string() && *hash != first)
        {
            break;
        }
        assert!(started.elapsed() < TIMEOUT, "the app was not restarted");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(std::fs::read_to_string(&builds).unwrap().lines().count(), 2);
    // The page fetched its layout again, by itself, without a full reload.
    session
        .wait_for(&format!("{layouts} > {before}"), json!(true), TIMEOUT)
        .await;
    assert_eq!(session.eval("window.__marker").await, json!("kept"));
    session
        .wait_for(
            "document.getElementById('output')?.innerText",
            json!("3"),
            TIMEOUT,
        )
        .await;
    session.close().await;

    // Stopping dash-dev stops the app: its port is free again.
    let app_pids: Vec<u32> = support::family(dev.id()).into_iter().skip(1).collect();
    assert!(!app_pids.is_empty(), "the app runs under dash-dev");
    Command::new("kill")
        .args(["-TERM", &dev.id().to_string()])
        .status()
        .unwrap();
    let stopped = support::wait_exit(&mut dev, "dash-dev", TIMEOUT);
    let left: Vec<u32> = app_pids
        .into_iter()
        .filter(|pid| !support::gone(*pid))
        .collect();
    if stopped.is_err() || !left.is_empty() {
        support::kill_tree(&mut dev);
    }
    assert!(
        stopped.is_ok(),
        "dash-dev did not stop on SIGTERM: {stopped:?}"
    );
    assert!(left.is_empty(), "the app outlived dash-dev: {left:?}");
    assert!(
        reload_hash(&client, &base).await.is_none(),
        "the port still answers"
    );
}
