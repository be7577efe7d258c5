//! The fuzz targets, as plain functions of bytes: each sends one request built from its
//! input through the router of a small app (a memoized producer of a server-side store, a
//! reader of it, and a callback memoized per session), in this process, and checks what
//! every request must get back whatever its input:
//!
//! - no panic outside a callback (a callback's own panic is a 500 by design; these
//!   callbacks cannot panic);
//! - no 5xx: bad input is the client's fault;
//! - a 4xx answer carries a JSON body with an error `kind`.
//!
//! `fuzz/afl` runs them under AFL++ (`scripts/fuzz`); `tests/corpus.rs` replays the
//! corpus and every crash found so far.

use std::sync::OnceLock;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderValue, Request, StatusCode, header};
use serde_json::{Value, json};
use tower::ServiceExt;

mod app;

/// A fuzz target: one input, checked; panics on a finding.
pub type Target = fn(&[u8]);

/// The targets, by the name of their corpus folder and fuzzer binary.
pub const TARGETS: [(&str, Target); 4] = [
    ("update", update),
    ("store_handle", store_handle),
    ("suite_path", suite_path),
    ("cookie", cookie),
];

/// The update request decoding: the input is the body of a `POST _dash-update-component`.
pub fn update(data: &[u8]) {
    let request = Request::post("/_dash-update-component")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, "dash_session=fuzz")
        .body(Body::from(data.to_vec()))
        .expect("a request");
    check(request);
}

/// Server-store handle decoding: the input, as JSON (or, when it is not JSON, as the
/// string inside a handle's object), is the store value a reader is called with.
pub fn store_handle(data: &[u8]) {
    let handle = serde_json::from_slice::<Value>(data).unwrap_or_else(
        |_| json!({"dash_server_store": String::from_utf8_lossy(data), "bytes": 8}),
    );
    let body = json!({
        "output": "total.children",
        "outputs": {"id": "total", "property": "children"},
        "inputs": [{"id": "rows", "property": "data", "value": handle}],
        "changedPropIds": ["rows.data"],
    });
    update(body.to_string().as_bytes());
}

/// Component-suite path lookup: the input is the path after `_dash-component-suites/`,
/// sent as is when it is a valid URI path, percent-encoded where it is not.
pub fn suite_path(data: &[u8]) {
    let mut path = String::from("/_dash-component-suites/");
    let raw = std::str::from_utf8(data)
        .ok()
        .filter(|text| format!("{path}{text}").parse::<axum::http::Uri>().is_ok());
    match raw {
        Some(text) => path.push_str(text),
        None => {
            for &byte in data {
                if byte.is_ascii_alphanumeric() || b"/._-~".contains(&byte) {
                    path.push(byte as char);
                } else {
                    path.push_str(&format!("%{byte:02X}"));
                }
            }
        }
    }
    let Ok(request) = Request::get(path.as_str())
        .header(header::ACCEPT_ENCODING, "gzip, br")
        .body(Body::empty())
    else {
        return;
    };
    check(request);
}

/// Cookie parsing: the input is the `Cookie` header of an update to a callback memoized
/// per session (and is parsed directly too).
pub fn cookie(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for name in ["dash_session", "", "a"] {
        if let Some(value) = dash_core::cookie(&text, name) {
            assert!(text.contains(value));
        }
    }
    let Ok(cookie) = HeaderValue::from_bytes(data) else {
        return;
    };
    let body = json!({
        "output": "greeting.children",
        "outputs": {"id": "greeting", "property": "children"},
        "inputs": [{"id": "name", "property": "value", "value": "Ann"}],
        "state": [{"id": "count", "property": "value", "value": 3}],
        "changedPropIds": ["name.value"],
    });
    let request = Request::post("/_dash-update-component")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, cookie)
        .body(Body::from(body.to_string()))
        .expect("a request");
    let (status, body) = answer(request);
    assert_eq!(
        status,
        StatusCode::OK,
        "any cookie header is a session, or none: {body:?}"
    );
}

/// Sends the request and checks the answer (see the crate's documentation).
fn check(request: Request<Body>) {
    let what = format!("{} {}", request.method(), request.uri());
    let (status, body) = answer(request);
    assert!(!status.is_server_error(), "{what}: {status} {body:?}");
    if status.is_client_error() {
        let json: Value = serde_json::from_slice(&body).unwrap_or_else(|error| {
            panic!(
                "{what}: {status} without a JSON body ({error}): {:?}",
                String::from_utf8_lossy(&body)
            )
        });
        assert!(json["error"]["kind"].is_string(), "{what}: {status} {json}");
    }
}

/// The status and body of the app's answer.
fn answer(request: Request<Body>) -> (StatusCode, axum::body::Bytes) {
    let (runtime, router) = server();
    runtime.block_on(async {
        let response = router
            .clone()
            .oneshot(request)
            .await
            .expect("the router is infallible");
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("a body in memory");
        (status, body)
    })
}

/// The runtime and router every input goes through, built once per process.
fn server() -> &'static (tokio::runtime::Runtime, Router) {
    static SERVER: OnceLock<(tokio::runtime::Runtime, Router)> = OnceLock::new();
    SERVER.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let router = runtime.block_on(async { app::server().router() });
        (runtime, router)
    })
}
