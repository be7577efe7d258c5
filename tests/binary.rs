//! The example as a user runs it: settings from the environment, the startup line, and a
//! graceful stop on Ctrl-C.

use std::process::Command;

#[test]
fn bad_settings_stop_the_app_with_a_clear_message() {
    for (name, value) in [
        ("PORT", "eighty"),
        ("HOST", "not-an-address"),
        ("DASH_DEBUG", "maybe"),
        ("DASH_CALLBACK_TIMEOUT", "-1"),
        ("DASH_CALLBACK_TIMEOUT", "soon"),
        ("DASH_HEALTH_ENDPOINT", "_dash-health"),
        ("DASH_URL_BASE_PATHNAME", "sales"),
        ("DASH_ROUTES_PATHNAME_PREFIX", "/sales"),
        ("DASH_REQUESTS_PATHNAME_PREFIX", "/other/"),
    ] {
        let mut command = support::app_command(support::example_binary("scores"));
        if name == "DASH_REQUESTS_PATHNAME_PREFIX" {
            command.env("DASH_ROUTES_PATHNAME_PREFIX", "/app/");
        }
        let output = support::output(command.env(name, value), "the scores example");
        assert!(!output.status.success(), "{name}={value} was accepted");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!(
                "environment variable {name}={value:?} is not valid"
            )),
            "{stderr}"
        );
    }
}

/// `DASH_ROUTES_PATHNAME_PREFIX`: the startup line gives the page's URL, and the routes
/// are under it.
#[test]
fn the_routes_prefix_comes_from_the_environment() {
    let running = support::run_example("scores", &[("DASH_ROUTES_PATHNAME_PREFIX", "/app/")]);
    assert!(running.url.ends_with("/app"), "{}", running.url);
    let address = running
        .url
        .trim_start_matches("http://")
        .trim_end_matches("/app")
        .to_owned();
    let answer = raw_get(&address, "/app/_dash-layout");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let answer = raw_get(&address, "/_dash-layout");
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
}

#[test]
fn a_taken_port_is_reported() {
    let holder = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = holder.local_addr().unwrap().port().to_string();
    let mut command = support::app_command(support::example_binary("scores"));
    let output = support::output(command.env("PORT", &port), "the scores example");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{stderr}"
    );
}

#[test]
fn prints_its_url_serves_and_stops_on_ctrl_c() {
    let mut running = support::run_example("scores", &[]);
    assert!(
        running.url.starts_with("http://127.0.0.1:"),
        "{}",
        running.url
    );
    let address = running.url.trim_start_matches("http://").to_owned();
    let answer = raw_get(&address, "/_dash-layout");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

    let pid = running.child.id().to_string();
    let status = support::output(Command::new("kill").args(["-INT", &pid]), "kill").status;
    assert!(status.success());
    let exit = support::wait_exit(
        &mut running.child,
        "the app after Ctrl-C",
        support::DEADLINE,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(exit.success(), "exit status after Ctrl-C: {exit}");
}

fn raw_get(address: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(support::DEADLINE)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

/// SIGTERM, as a container runtime or Kubernetes sends it, while a request is running:
/// the request gets its answer, then the app exits cleanly.
#[test]
fn a_request_in_flight_finishes_after_sigterm() {
    use std::io::{Read, Write};
    let mut running = support::run_example("store", &[]);
    let address = running.url.trim_start_matches("http://").to_owned();
    // The store example's producer cleans for 400 ms.
    let body = r#"{"output":"intermediate.data","outputs":{"id":"intermediate","property":"data"},"inputs":[{"id":"city","property":"value","value":"Oslo"}],"changedPropIds":["city.value"]}"#;
    let mut stream = std::net::TcpStream::connect(&address).unwrap();
    stream.set_read_timeout(Some(support::DEADLINE)).unwrap();
    write!(
        stream,
        "POST /_dash-update-component HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(100));
    let pid = running.child.id().to_string();
    let status = support::output(Command::new("kill").args(["-TERM", &pid]), "kill").status;
    assert!(status.success());
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"city\":\"Oslo\""), "{answer}");
    let exit = support::wait_exit(
        &mut running.child,
        "the app after SIGTERM",
        support::DEADLINE,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(exit.success(), "exit status after SIGTERM: {exit}");
}
