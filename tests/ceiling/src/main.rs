//! What axum itself can do on this machine: `POST /_dash-update-component` parses the body
//! as JSON, as any handler must, and answers the bytes our server answers for the scores
//! callback; `GET /_dash-layout` answers a fixed layout. `scripts/bench-http` runs it
//! beside the real servers as the ceiling of the callback path. Listens on `PORT`.

use axum::Router;
use axum::body::Bytes;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};

const ANSWER: &str = r#"{"multi":true,"response":{"output":{"children":4}}}"#;

async fn update(body: Bytes) -> impl IntoResponse {
    match serde_json::from_slice::<serde_json::Value>(&body) {
        Ok(_) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            ANSWER,
        ),
        Err(_) => (
            StatusCode::BAD_REQUEST,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"error":{"kind":"bad_request"}}"#,
        ),
    }
}

async fn layout() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        r#"{"type":"Div","namespace":"dash_html_components","props":{}}"#,
    )
}

#[tokio::main]
async fn main() {
    let port = std::env::var("PORT").unwrap_or_else(|_| "8050".to_owned());
    let app = Router::new()
        .route("/_dash-update-component", post(update))
        .route("/_dash-layout", get(layout));
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}"))
        .await
        .expect("the port is free");
    println!("ceiling listening on 127.0.0.1:{port}");
    axum::serve(listener, app).await.expect("serving");
}
