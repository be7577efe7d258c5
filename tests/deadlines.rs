//! The suite's waits are bounded: against a server that never answers, a process that never
//! starts or never ends, a log line that never comes and a page that never loads, each
//! helper gives up in time, says what it waited for, and leaves no process behind.

use std::process::Command;
use std::time::{Duration, Instant};

use support::browser::Session;
use support::{Silent, family, gone};

/// The message of a panic, for checking what a helper said when it gave up.
fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

fn assert_all_gone(pids: &[u32], what: &str) {
    support::wait_until(
        &format!("{what} to be gone"),
        Duration::from_secs(10),
        || pids.iter().all(|pid| gone(*pid)).then_some(()),
        || {
            let left: Vec<_> = pids.iter().filter(|p| !gone(**p)).collect();
            format!("still there: {left:?}")
        },
    );
}

/// The processes whose command line is exactly `words`.
fn running(words: &[&str]) -> Vec<u32> {
    let wanted: String = words.iter().map(|w| format!("{w}\0")).collect();
    std::fs::read_dir("/proc")
        .expect("/proc")
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/cmdline")).is_ok_and(|c| c == wanted)
        })
        .filter(|pid| !gone(*pid))
        .collect()
}

#[tokio::test]
async fn an_http_call_to_a_silent_server_fails_at_its_deadline_naming_the_url() {
    let silent = Silent::start();
    let url = format!("{}/_dash-layout", silent.url());
    let started = Instant::now();
    let error = support::get_within(&url, Duration::from_secs(1))
        .await
        .expect_err("no answer, so the call fails");
    let elapsed = started.elapsed();
    assert!(error.contains(&url), "{error}");
    assert!(error.contains("timed out"), "{error}");
    assert!(
        elapsed >= Duration::from_secs(1),
        "gave up early: {elapsed:?}"
    );
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
}

#[test]
fn a_process_that_never_prints_its_startup_line_is_killed() {
    let mut command = Command::new("sleep");
    command.arg("601");
    let started = Instant::now();
    let Err(message) = support::start(command, "a silent process", Duration::from_secs(2)) else {
        panic!("`sleep` printed a startup line");
    };
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(
        message.contains("waited 2s for a silent process's startup line"),
        "{message}"
    );
    assert_eq!(running(&["sleep", "601"]), Vec::<u32>::new(), "killed");
}

#[test]
fn a_process_that_does_not_exit_is_killed_at_the_deadline_with_what_it_started() {
    // A shell that starts a process of its own and waits for it, like cargo with rustc.
    let started = Instant::now();
    let error = support::output_within(
        Command::new("sh").args(["-c", "sleep 602; true"]),
        "`sh`",
        Duration::from_secs(1),
    )
    .expect_err("it does not end by itself");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(error, "`sh` did not exit within 1s; killed it");
    assert_all_gone(&running(&["sleep", "602"]), "the shell's `sleep 602`");
    assert_eq!(running(&["sleep", "602"]), Vec::<u32>::new());
}

#[test]
fn a_log_count_that_never_comes_fails_naming_it() {
    let started = Instant::now();
    let outcome = std::panic::catch_unwind(|| {
        support::wait_until(
            "3 `callback ran` lines",
            Duration::from_millis(300),
            || None::<()>,
            || "found 1".into(),
        )
    });
    let message = panic_message(outcome.expect_err("never true"));
    assert_eq!(message, "waited 300ms for 3 `callback ran` lines; found 1");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_that_never_loads_fails_and_its_browser_is_killed() {
    let silent = Silent::start();
    let url = format!("{}/", silent.url());
    let mut session = Session::start().await;
    let pid = session.pid().expect("the browser's process id");
    let browsers = family(pid);
    let started = Instant::now();
    let error = session
        .load_within(&url, Duration::from_secs(3))
        .await
        .expect_err("the page never loads");
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "{:?}",
        started.elapsed()
    );
    assert!(error.contains(&format!("load {url}")), "{error}");
    drop(session);
    assert_all_gone(&browsers, "Chromium and its helpers");
}
