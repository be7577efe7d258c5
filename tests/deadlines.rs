//! The suite's waits are bounded: against a server that never answers, a process that never
//! starts and a page that never loads, each helper gives up in time, says what it waited
//! for, and leaves no process behind.

use std::process::Command;
use std::time::{Duration, Instant};

use support::Silent;
use support::browser::Session;

/// The message of a panic, for checking what a helper said when it gave up.
fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

/// Whether the process is gone: no longer in /proc, or a zombie waiting to be reaped.
fn gone(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
    }
}

/// The process and all its descendants, from /proc.
fn family(root: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .expect("/proc")
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            let ppid = stat
                .rsplit_once(')')?
                .1
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()?;
            Some((pid, ppid))
        })
        .collect();
    let mut family = vec![root];
    let mut i = 0;
    while i < family.len() {
        let parent = family[i];
        family.extend(
            parents
                .iter()
                .filter(|(_, p)| *p == parent)
                .map(|(pid, _)| *pid),
        );
        i += 1;
    }
    family
}

fn assert_all_gone(pids: &[u32], what: &str) {
    support::wait_until(
        &format!("{what} to be gone"),
        Duration::from_secs(10),
        || pids.iter().all(|pid| gone(*pid)).then_some(()),
        || {
            format!(
                "still there: {:?}",
                pids.iter().filter(|p| !gone(**p)).collect::<Vec<_>>()
            )
        },
    );
}

#[tokio::test]
async fn an_http_call_to_a_silent_server_fails_within_the_deadline_naming_the_url() {
    let silent = Silent::start();
    let url = format!("{}/_dash-layout", silent.url());
    let started = Instant::now();
    let outcome = tokio::spawn({
        let url = url.clone();
        async move { support::get(url).await }
    })
    .await;
    let elapsed = started.elapsed();
    let message = panic_message(
        outcome
            .expect_err("no answer, so the helper fails")
            .into_panic(),
    );
    assert!(message.contains(&url), "{message}");
    assert!(message.contains("timed out"), "{message}");
    assert!(elapsed >= support::DEADLINE, "gave up early: {elapsed:?}");
    assert!(
        elapsed < support::DEADLINE + Duration::from_secs(10),
        "{elapsed:?}"
    );
}

#[test]
fn a_process_that_never_prints_its_startup_line_is_killed() {
    let mut command = Command::new("sleep");
    command.arg("600");
    let started = Instant::now();
    let Err(message) = support::start(command, "a silent process", Duration::from_secs(2)) else {
        panic!("`sleep` printed a startup line");
    };
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(
        message.contains("waited 2s for a silent process's startup line"),
        "{message}"
    );
    // `start` killed and reaped it: no `sleep 600` of ours is left.
    let ours = std::process::id();
    let left = family(ours).into_iter().skip(1).filter(|pid| {
        std::fs::read_to_string(format!("/proc/{pid}/cmdline"))
            .is_ok_and(|c| c.starts_with("sleep"))
    });
    assert_eq!(left.count(), 0);
}

#[test]
fn a_process_that_does_not_exit_is_killed_at_the_deadline() {
    let started = Instant::now();
    let error = support::output_within(
        Command::new("sleep").arg("600"),
        "`sleep 600`",
        Duration::from_secs(1),
    )
    .expect_err("it does not end by itself");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(error, "`sleep 600` did not exit within 1s; killed it");
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
