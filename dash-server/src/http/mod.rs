//! The routes of the Dash protocol.

use axum::Router;
use axum::extract::{Path, Request, State as Extract};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};

use crate::assets;
use crate::call::keys;
use crate::error::ApiError;
use crate::state::AppState;
use std::sync::Arc;
mod background;
mod compression;
mod endpoint;
mod favicon;
mod update;
mod websocket;

/// The methods of a route that is read, as an `Allow` header lists them: every page path
/// (each `GET` outside the protocol's routes is the page) and the protocol's `GET` routes.
const READ: &str = "GET,HEAD,OPTIONS";
/// The methods of `_dash-update-component`.
const UPDATE: &str = "POST,OPTIONS";

pub(crate) fn router(state: Arc<AppState>) -> Router {
    // Every route under `routes_pathname_prefix` (`/` by default).
    let at = |path: &str| state.pathnames.route(path);
    let mut router = Router::new()
        .route(&at(""), get(index).options(|| options(READ)))
        .route(&at("_dash-layout"), get(layout).options(|| options(READ)))
        .route(
            &at("_dash-dependencies"),
            get(dependencies).options(|| options(READ)),
        )
        .route(
            &at("_reload-hash"),
            get(reload_hash).options(|| options(READ)),
        )
        .route(
            &at("_dash-update-component"),
            post(update::handle).options(|| options(UPDATE)),
        );
    // Callbacks served at paths of their own (checked at startup: distinct, and clear of
    // the routes above).
    for spec in state.registry.iter() {
        let Some(path) = spec.api_endpoint else {
            continue;
        };
        let key = spec.dependency.output_key();
        let handler = move |Extract(state): Extract<Arc<AppState>>, request: Request| {
            endpoint::handle(state, key.clone(), request)
        };
        router = router.route(
            &at(path.trim_start_matches('/')),
            post(handler).options(|| options(UPDATE)),
        );
    }
    if state.websocket {
        router = router.route(&at("_dash-ws-callback"), get(websocket::upgrade));
    }
    if state.assets.is_some() {
        let path = format!(
            "{}/{{*path}}",
            state.config.assets_url_path.trim_matches('/')
        );
        router = router.route(&at(&path), get(asset).options(|| options(READ)));
    }
    // The answers above are compressed as they go out where that pays (compression.rs),
    // unless the app says not to; the files below were compressed when the front end
    // was built.
    if state.config.compress {
        router = compression::compress(router);
    }
    router = router
        .route(
            &at("_dash-component-suites/{*path}"),
            get(suite).options(|| options(READ)),
        )
        .route(&at("_favicon.ico"), get(favicon).options(|| options(READ)));
    if let Some(path) = &state.config.health_endpoint {
        router = router.route(&at(path), health());
    }
    // Its answers are not compressed: a client may keep a GET open as an event stream.
    #[cfg(feature = "mcp")]
    if let Some(mcp) = crate::mcp::router(&state) {
        router = router.merge(mcp);
    }
    for (from, to) in state.pages.iter().flat_map(|pages| pages.redirects()) {
        let to = HeaderValue::from_str(&to).expect("a page's path is percent-encoded");
        router = router.route(
            &at(from.trim_start_matches('/')),
            get(move || async move {
                (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to)]).into_response()
            }),
        );
    }
    if state.pathnames.routes != "/" {
        // `/sales` without its slash: on to the page, as Flask's routes do.
        let bare = state.pathnames.routes.trim_end_matches('/');
        router = router.route(bare, get(to_prefix).options(|| options(READ)));
    }
    let cors = cors(&state.config.cors_origins).expect("checked when the app was built");
    let router = router
        .fallback(fallback)
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .with_state(state);
    match cors {
        Some(cors) => router.layer(cors),
        None => router,
    }
}

/// The prefix without its final slash: a permanent redirect to the page, where the
/// browser sees it (`requests_pathname_prefix`), keeping the query.
async fn to_prefix(Extract(state): Extract<Arc<AppState>>, uri: Uri) -> Response {
    let mut location = state.pathnames.requests.clone();
    if let Some(query) = uri.query() {
        location.push('?');
        location.push_str(query);
    }
    // (The prefix is checked ASCII, and the query comes from a parsed URI.)
    let location = HeaderValue::from_str(&location).expect("a prefix and a query are ASCII");
    (
        StatusCode::PERMANENT_REDIRECT,
        [(header::LOCATION, location)],
    )
        .into_response()
}

/// 404 with a JSON body naming the path.
fn not_found(uri: &Uri) -> Response {
    ApiError::NotFound {
        path: uri.path().to_owned(),
    }
    .into_response()
}

/// The CORS layer for these origins (`Dash::cors`), `None` when there are none: the
/// methods the protocol uses, and the headers the renderer sends (`Content-Type`, and
/// `X-CSRFToken` when a page sets one). Listed origins may send cookies; `*` may not.
pub(crate) fn cors(origins: &[String]) -> Result<Option<tower_http::cors::CorsLayer>, String> {
    use tower_http::cors::{AllowOrigin, CorsLayer};
    if origins.is_empty() {
        return Ok(None);
    }
    let layer = CorsLayer::new()
        .allow_methods([Method::GET, Method::HEAD, Method::POST, Method::OPTIONS])
        .allow_headers([
            header::CONTENT_TYPE,
            header::HeaderName::from_static("x-csrftoken"),
        ]);
    if origins.iter().any(|origin| origin == "*") {
        return Ok(Some(layer.allow_origin(AllowOrigin::any())));
    }
    let values = origins
        .iter()
        .map(|origin| {
            HeaderValue::from_str(origin.trim_end_matches('/'))
                .ok()
                .filter(|_| origin.contains("://"))
                .ok_or_else(|| {
                    format!("`{origin}` is not an origin such as `https://portal.example.com`")
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(
        layer
            .allow_origin(AllowOrigin::list(values))
            .allow_credentials(true),
    ))
}

/// `OPTIONS` on a route: 204 with the route's methods in `Allow` (proxies and CORS
/// preflights need a 2xx).
async fn options(allow: &'static str) -> Response {
    let allow = [(header::ALLOW, HeaderValue::from_static(allow))];
    (StatusCode::NO_CONTENT, allow).into_response()
}

/// The health check (`Dash::health_endpoint`): `OK` as `text/plain`, as Python Dash
/// answers it.
fn health() -> MethodRouter<Arc<AppState>> {
    get(|| async { ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "OK") })
        .options(|| options(READ))
}

fn json_body(body: impl Into<axum::body::Body>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body.into()).into_response()
}

async fn index(Extract(state): Extract<Arc<AppState>>, headers: HeaderMap, uri: Uri) -> Response {
    page(&state, &headers, &uri)
}

/// The page, with a session cookie when the app needs one and the browser has none.
fn page(state: &AppState, headers: &HeaderMap, uri: &Uri) -> Response {
    let index = state
        .index
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let index = match &state.pages {
        Some(pages) => with_page_metas(state, pages, &index, headers, uri),
        None => index,
    };
    let index = match &state.jobs {
        Some(_) => with_end_id(state, &index),
        None => index,
    };
    let mut response = Html(index).into_response();
    if state.sharing.sessions {
        let cookies = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
        if keys::session_from_cookies(cookies).is_none() {
            // Scoped to the app, as the browser sees its path.
            let cookie = format!(
                "{}={}; Path={}; HttpOnly; SameSite=Lax",
                keys::SESSION_COOKIE,
                keys::new_session_id(),
                state.pathnames.requests,
            );
            response.headers_mut().insert(
                header::SET_COOKIE,
                HeaderValue::from_str(&cookie).expect("the cookie is ASCII"),
            );
        }
    }
    response
}

/// The page with a new page-load id (`end_id`, which background jobs' handles are bound
/// to) in place of the mark the page was rendered with.
fn with_end_id(state: &AppState, index: &axum::body::Bytes) -> axum::body::Bytes {
    let text = std::str::from_utf8(index).expect("the page is text");
    match text.split_once(crate::protocol::page::END_ID) {
        Some((before, after)) => format!("{before}{}{after}", background::new_end_id(state)).into(),
        None => index.clone(),
    }
}

/// The page with the link-preview tags of the page at the requested path in place of the
/// mark the page was rendered with.
fn with_page_metas(
    state: &AppState,
    pages: &crate::pages::PageRegistry,
    index: &axum::body::Bytes,
    headers: &HeaderMap,
    uri: &Uri,
) -> axum::body::Bytes {
    let text = std::str::from_utf8(index).expect("the page is text");
    let Some((before, after)) = text.split_once(crate::protocol::page::PAGE_METAS) else {
        return index.clone();
    };
    let path = uri
        .path()
        .strip_prefix(state.pathnames.routes.trim_end_matches('/'))
        .unwrap_or(uri.path());
    let host = headers
        .get(header::HOST)
        .and_then(|host| host.to_str().ok())
        .unwrap_or("localhost");
    let scheme = headers
        .get("x-forwarded-proto")
        .and_then(|proto| proto.to_str().ok())
        .unwrap_or("http");
    let root = format!("{scheme}://{host}{}", state.pathnames.requests);
    let url = format!(
        "{scheme}://{host}{}",
        uri.path_and_query().map_or("/", |p| p.as_str())
    );
    let metas = pages.meta_tags(
        path,
        uri.query().unwrap_or_default(),
        &url,
        &root,
        &state.config.assets_url_path,
    );
    format!("{before}{metas}{after}").into()
}

async fn layout(Extract(state): Extract<Arc<AppState>>) -> Response {
    match state.layout_json().await {
        Ok(json) => json_body(json),
        Err(message) => {
            tracing::error!(%message, "the layout function failed");
            ApiError::Layout { message }.into_response_with(state.config.debug)
        }
    }
}

/// `_reload-hash`, polled by the renderer when hot reload is on (`reload.rs`); always
/// routed, so that a stray poll gets JSON.
async fn reload_hash(Extract(state): Extract<Arc<AppState>>) -> Response {
    let answer = state
        .reload
        .as_ref()
        .map_or_else(crate::reload::off, |reload| reload.answer());
    axum::Json(answer).into_response()
}

async fn dependencies(Extract(state): Extract<Arc<AppState>>) -> Response {
    json_body(state.dependencies.clone())
}

async fn suite(
    Extract(state): Extract<Arc<AppState>>,
    path: Result<Path<String>, axum::extract::rejection::PathRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    // A path that does not decode (percent-escapes of bytes that are not UTF-8) names no
    // file: 404 with a JSON body, as every other unknown path.
    let Ok(Path(path)) = path else {
        return not_found(&uri);
    };
    let cache = |fingerprinted: bool| {
        if fingerprinted {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        }
    };
    if let Some((asset, fingerprinted)) = assets::lookup(&path) {
        let body = Body {
            identity: asset.bytes,
            gzip: asset.gzip,
            brotli: asset.brotli,
        };
        return cached(&headers, body, asset.mime, asset.etag, cache(fingerprinted));
    }
    let (plain, fingerprinted) = assets::strip_fingerprint(&path);
    match state.libraries.lookup(&plain) {
        Some(file) => cached(
            &headers,
            Body {
                identity: file.bytes,
                gzip: file.gzip,
                brotli: file.brotli,
            },
            file.mime,
            file.etag,
            cache(fingerprinted),
        ),
        None => not_found(&uri),
    }
}

/// A file of the app's assets folder (`app_assets.rs`), read when it is asked for, so that
/// an edit shows on the next load: `no-cache` with an ETag of its bytes, 304 when the
/// browser has them; compressed, where that pays, by the layer over these routes.
async fn asset(
    Extract(state): Extract<Arc<AppState>>,
    path: Result<Path<String>, axum::extract::rejection::PathRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    use crate::app_assets::{Found, content_type};
    let found = match (&state.assets, path) {
        (Some(assets), Ok(Path(path))) => assets.file(&path).map(|found| (found, path)),
        _ => None,
    };
    let file = match found {
        None => return not_found(&uri),
        Some((Found::Embedded(bytes, etag), path)) => {
            let bytes = axum::body::Bytes::from_static(bytes);
            return send_asset(&headers, bytes, content_type(&path), &etag);
        }
        Some((Found::Disk(file), _)) => file,
    };
    // The ETag from the file's size and modification time, as static file servers make
    // it: no need to read a file the browser already has.
    let Ok(metadata) = std::fs::metadata(&file) else {
        return not_found(&uri);
    };
    let modified = metadata
        .modified()
        .ok()
        .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |since| since.as_nanos());
    let etag = format!("\"{:x}-{modified:x}\"", metadata.len());
    if has(&headers, &etag) {
        return not_modified(&etag);
    }
    let read = {
        let file = file.clone();
        tokio::task::spawn_blocking(move || std::fs::read(file)).await
    };
    let Ok(Ok(bytes)) = read else {
        return not_found(&uri);
    };
    send_asset(
        &headers,
        bytes.into(),
        content_type(&file.to_string_lossy()),
        &etag,
    )
}

/// An asset's answer: 304 when the browser has it; for one byte range (`Range: bytes=`,
/// unless an `If-Range` names another version), 206 with that part, or 416 when it lies
/// past the end; otherwise the whole file. Always `no-cache` with the ETag, and
/// `Accept-Ranges: bytes` (video players ask for parts). Several ranges at once are
/// answered with the whole file, which HTTP allows.
fn send_asset(
    headers: &HeaderMap,
    bytes: axum::body::Bytes,
    content_type: &'static str,
    etag: &str,
) -> Response {
    if has(headers, etag) {
        return not_modified(etag);
    }
    let common = asset_headers(etag);
    let content_type = [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))];
    let same_version = headers
        .get(header::IF_RANGE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|version| version.trim() == etag);
    let range = headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .filter(|_| same_version)
        .and_then(|range| byte_range(range, bytes.len()));
    match range {
        Some(Ok((start, end))) => {
            let content_range = format!("bytes {start}-{end}/{}", bytes.len());
            (
                StatusCode::PARTIAL_CONTENT,
                common,
                content_type,
                [(
                    header::CONTENT_RANGE,
                    HeaderValue::from_str(&content_range).expect("ASCII"),
                )],
                bytes.slice(start..=end),
            )
                .into_response()
        }
        Some(Err(())) => {
            let content_range = format!("bytes */{}", bytes.len());
            (
                StatusCode::RANGE_NOT_SATISFIABLE,
                common,
                [(
                    header::CONTENT_RANGE,
                    HeaderValue::from_str(&content_range).expect("ASCII"),
                )],
            )
                .into_response()
        }
        None => (common, content_type, bytes).into_response(),
    }
}

/// The headers of every asset answer.
fn asset_headers(etag: &str) -> [(header::HeaderName, HeaderValue); 3] {
    [
        (
            header::ETAG,
            HeaderValue::from_str(etag).expect("ETags are ASCII"),
        ),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        (header::ACCEPT_RANGES, HeaderValue::from_static("bytes")),
    ]
}

/// 304: the browser has this version of the asset.
fn not_modified(etag: &str) -> Response {
    (StatusCode::NOT_MODIFIED, asset_headers(etag)).into_response()
}

/// One range of `Range: bytes=…` for `len` bytes: `Some(Ok((first, last)))`, inclusive;
/// `Some(Err(()))` when it lies past the end; `None` for another unit, several ranges, or
/// text that is not a range (answered with the whole file).
fn byte_range(header: &str, len: usize) -> Option<Result<(usize, usize), ()>> {
    let spec = header.trim().strip_prefix("bytes=")?;
    if spec.contains(',') {
        return None;
    }
    let (first, last) = spec.split_once('-')?;
    let (first, last) = (first.trim(), last.trim());
    let range = match (first.is_empty(), last.is_empty()) {
        // `bytes=-500`: the last 500.
        (true, false) => {
            let suffix: usize = last.parse().ok()?;
            if suffix == 0 {
                return Some(Err(()));
            }
            (len.saturating_sub(suffix), len.checked_sub(1)?)
        }
        (false, true) => (first.parse().ok()?, len.saturating_sub(1)),
        (false, false) => {
            let (first, last): (usize, usize) = (first.parse().ok()?, last.parse().ok()?);
            if last < first {
                return None;
            }
            (first, last.min(len.saturating_sub(1)))
        }
        (true, true) => return None,
    };
    if range.0 >= len {
        return Some(Err(()));
    }
    Some(Ok(range))
}

/// Whether the browser already has this ETag (`If-None-Match`).
fn has(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            // The weak comparison `If-None-Match` calls for: `W/"x"` matches `"x"`.
            v.split(',').map(str::trim).any(|candidate| {
                candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == etag
            })
        })
}

async fn favicon(headers: HeaderMap) -> Response {
    static ETAG: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let bytes = favicon::ico();
    let etag = ETAG.get_or_init(|| format!("\"ico-{}\"", bytes.len()));
    cached(
        &headers,
        Body::plain(bytes),
        "image/x-icon",
        etag,
        "public, max-age=86400",
    )
}

/// A static body, and the same bytes compressed (at build time) when that is smaller.
struct Body {
    identity: &'static [u8],
    gzip: Option<&'static [u8]>,
    brotli: Option<&'static [u8]>,
}

impl Body {
    fn plain(identity: &'static [u8]) -> Body {
        Body {
            identity,
            gzip: None,
            brotli: None,
        }
    }

    /// The variant to send for this `Accept-Encoding`: brotli, then gzip, then the
    /// bytes as they are; with its `Content-Encoding` and the suffix of its ETag.
    fn pick(&self, headers: &HeaderMap) -> (&'static [u8], Option<&'static str>) {
        let accepts = |coding: &str| {
            headers
                .get_all(header::ACCEPT_ENCODING)
                .iter()
                .filter_map(|value| value.to_str().ok())
                .flat_map(|value| value.split(','))
                .any(|item| {
                    let mut parts = item.split(';').map(str::trim);
                    let name = parts.next().unwrap_or_default();
                    let refused = parts.any(|p| {
                        p.strip_prefix("q=")
                            .and_then(|q| q.parse::<f32>().ok())
                            .is_some_and(|q| q <= 0.0)
                    });
                    (name.eq_ignore_ascii_case(coding) || name == "*") && !refused
                })
        };
        match (self.brotli, self.gzip) {
            (Some(brotli), _) if accepts("br") => (brotli, Some("br")),
            (_, Some(gzip)) if accepts("gzip") => (gzip, Some("gzip")),
            _ => (self.identity, None),
        }
    }

    fn compressed(&self) -> bool {
        self.gzip.is_some() || self.brotli.is_some()
    }
}

/// A static body with an ETag, answered 304 when the browser already has it, compressed
/// when the browser accepts it (each encoding has an ETag of its own).
fn cached(
    headers: &HeaderMap,
    body: Body,
    mime: &'static str,
    etag: &str,
    cache: &'static str,
) -> Response {
    let (bytes, encoding) = body.pick(headers);
    let etag = match encoding {
        Some(encoding) => format!("{}-{encoding}\"", etag.trim_end_matches('"')),
        None => etag.to_owned(),
    };
    let etag = etag.as_str();
    let etag_value = HeaderValue::from_str(etag).expect("ETags are ASCII");
    let matches = has(headers, etag);
    let common = [
        (header::ETAG, etag_value),
        (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
    ];
    let mut response = if matches {
        (StatusCode::NOT_MODIFIED, common).into_response()
    } else {
        (
            common,
            [(header::CONTENT_TYPE, HeaderValue::from_static(mime))],
            bytes,
        )
            .into_response()
    };
    let headers = response.headers_mut();
    if body.compressed() {
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    if let Some(encoding) = encoding {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    response
}

/// Every other GET under the prefix is the page (client-side routing needs it), so such a
/// path answers OPTIONS and refuses other methods with 405, as Python's catch-all route
/// does. Unknown paths under the protocol's routes, and paths outside the prefix, are 404.
async fn fallback(
    Extract(state): Extract<Arc<AppState>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let Some(rest) = uri.path().strip_prefix(state.pathnames.routes.as_str()) else {
        return not_found(&uri);
    };
    let api = rest.starts_with("_dash-") || rest.starts_with("_favicon");
    if api {
        return not_found(&uri);
    }
    match method {
        Method::GET | Method::HEAD => page(&state, &headers, &uri),
        Method::OPTIONS => options(READ).await,
        _ => {
            let allow = [(header::ALLOW, HeaderValue::from_static(READ))];
            (allow, ApiError::MethodNotAllowed).into_response()
        }
    }
}

#[cfg(test)]
mod range_tests {
    use super::byte_range;

    #[test]
    fn ranges_read_as_http_writes_them() {
        assert_eq!(byte_range("bytes=0-9", 100), Some(Ok((0, 9))));
        assert_eq!(byte_range("bytes=90-", 100), Some(Ok((90, 99))));
        assert_eq!(byte_range("bytes=-10", 100), Some(Ok((90, 99))));
        assert_eq!(byte_range("bytes=-200", 100), Some(Ok((0, 99))));
        assert_eq!(byte_range("bytes=50-500", 100), Some(Ok((50, 99))));
        assert_eq!(byte_range("bytes=100-", 100), Some(Err(())));
        assert_eq!(byte_range("bytes=-0", 100), Some(Err(())));
        assert_eq!(byte_range("bytes=0-1,5-6", 100), None);
        assert_eq!(byte_range("items=0-1", 100), None);
        assert_eq!(byte_range("bytes=5-1", 100), None);
        assert_eq!(byte_range("bytes=x-1", 100), None);
        assert_eq!(byte_range("bytes=0-", 0), Some(Err(())));
    }
}
