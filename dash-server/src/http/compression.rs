//! Compression of the page and the JSON answers, by one rule: never take longer to
//! compress an answer than the compression saves in sending it.
//!
//! - **A client on this machine, not through a proxy** (its peer address is loopback and
//!   the request carries no `Forwarded`, `X-Forwarded-For`, `X-Real-IP` or `Via`): no
//!   compression. Loopback moves gigabytes a second; every compressor is slower than
//!   that, so sending the bytes as they are is always the quicker way. (A tunnel that
//!   ends on this machine, such as `ssh -L` or `kubectl port-forward`, looks the same
//!   and gets uncompressed answers too.)
//! - **Any other client**: zstd, brotli or gzip, whichever the browser accepts (in that
//!   order of preference), at level 1 of each, for answers above [`COMPRESS_ABOVE`]
//!   bytes. At level 1 each compresses some hundreds of megabytes a second on one core,
//!   several times what a 100 Mbit/s link carries, so the time spent compressing is
//!   small beside the time saved on the wire. (Level 4 of brotli, used before, ran at
//!   about 10 MB/s on a large figure, slower than such a link.)
//!
//! The front-end bundles are not compressed here: they were compressed at build time,
//! at the highest levels, and cost nothing to send (see `assets.rs`).

use std::net::SocketAddr;

use axum::Router;
use axum::extract::{ConnectInfo, Request};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use tower_http::CompressionLevel;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{DefaultPredicate, Predicate, SizeAbove};

/// The smallest answer worth compressing: below, the headers cost about what is saved.
pub(crate) const COMPRESS_ABOVE: u16 = 1024;

/// The level of every compressor: its fastest that still compresses well (zstd 1,
/// brotli 1, gzip 1).
pub(crate) const LEVEL: i32 = 1;

/// The headers by which a proxy says it forwarded the request.
const FORWARDED: [&str; 4] = ["forwarded", "x-forwarded-for", "x-real-ip", "via"];

/// Compresses the answers of these routes by the rule above.
pub(super) fn compress<S: Clone + Send + Sync + 'static>(routes: Router<S>) -> Router<S> {
    let compression = CompressionLayer::new()
        .quality(CompressionLevel::Precise(LEVEL))
        .compress_when(DefaultPredicate::new().and(SizeAbove::new(COMPRESS_ABOVE)));
    routes
        .layer(compression)
        .layer(axum::middleware::from_fn(identity_over_loopback))
}

/// For a client on this machine that no proxy forwarded, leaves out what it accepts, so
/// that the answer goes as it is.
async fn identity_over_loopback(mut request: Request, next: Next) -> Response {
    if direct_from_loopback(&request) {
        request.headers_mut().remove(header::ACCEPT_ENCODING);
    }
    next.run(request).await
}

/// Whether the peer is a loopback address and no proxy forwarded the request. Unknown
/// (a router served without `ConnectInfo`, as an app that serves [`Server::router`]
/// itself may) counts as remote.
///
/// [`Server::router`]: crate::Server::router
fn direct_from_loopback(request: &Request) -> bool {
    let loopback = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        // (`to_canonical`: an IPv4 client of an IPv6 listener is `::ffff:127.0.0.1`.)
        .is_some_and(|ConnectInfo(peer)| peer.ip().to_canonical().is_loopback());
    loopback
        && !FORWARDED
            .iter()
            .any(|name| request.headers().contains_key(*name))
}
