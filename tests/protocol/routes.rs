//! The routes besides updates: the page, scripts, libraries, ETags, HTTP methods, health, CORS, compression and prefixes.

use super::*;

#[tokio::test]
async fn index_page_and_catch_all() {
    let base = support::serve(scores_example::app()).await;
    for path in ["/", "/some/client/route", "/page?x=1"] {
        let response = support::get(format!("{base}{path}")).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(
            response.headers()["content-type"],
            "text/html; charset=utf-8"
        );
        let page = response.text().await.unwrap();
        assert!(page.contains(r#"<div id="react-entry-point">"#));
        assert!(page.contains("<title>Scores</title>"));
        assert!(page.contains("var renderer = new DashRenderer();"));
        let config = page_config(&page);
        assert_eq!(config["requests_pathname_prefix"], "/");
        assert_eq!(config["serve_locally"], true);
        assert_eq!(config["ui"], false);
    }
    // A page path is read-only: other methods are 405, as Python's catch-all route.
    let response = support::http()
        .post(format!("{base}/some/route"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(error_kind(response).await, "method_not_allowed");
}

#[tokio::test]
async fn page_scripts_are_fingerprinted_and_cached_for_a_year() {
    let base = support::serve(scores_example::app()).await;
    let page = get_page(&base).await;
    let scripts = script_sources(&page);
    assert_eq!(scripts.len(), 9);
    assert!(scripts[0].contains("polyfill@7.v4_4_1m"), "{}", scripts[0]);
    assert!(
        scripts[4].contains("dash_renderer.v4_4_1m"),
        "{}",
        scripts[4]
    );
    assert!(
        scripts[8].contains("dash_table/bundle.v7_4_1m"),
        "{}",
        scripts[8]
    );
    for script in scripts {
        let response = support::get(format!("{base}{script}")).await;
        assert_eq!(response.status(), StatusCode::OK, "{script}");
        assert_eq!(
            response.headers()["content-type"],
            "text/javascript; charset=utf-8"
        );
        assert!(
            response.headers()["cache-control"]
                .to_str()
                .unwrap()
                .contains("max-age=31536000")
        );
        assert!(response.bytes().await.unwrap().len() > 1000);
    }
}

#[tokio::test]
async fn other_component_libraries_are_served_and_configured() {
    static BUNDLE: &[u8] = b"window.my_lib = {};";
    static CHUNK: &[u8] = b"/* chunk */";
    let app = scores_example::app().component_library(
        dash::ComponentLibrary::new("my_lib", "2.1.0")
            .script("my_lib.min.js", BUNDLE)
            .file("async/chunk.js", CHUNK)
            .children_props("my_lib", &[("Card", &["header", "items[].label"])]),
    );
    let base = support::serve(app).await;
    let page = get_page(&base).await;
    let scripts = script_sources(&page);
    // Python Dash's order: React and its dependencies, the other libraries, then the
    // renderer and Dash's own components.
    assert_eq!(scripts.len(), 10, "Dash's nine and the library's");
    let script = scripts[4];
    assert!(scripts[3].contains("/dash/deps/"), "{scripts:?}");
    assert!(scripts[5].contains("dash_renderer"), "{scripts:?}");
    assert!(
        script.starts_with("/_dash-component-suites/my_lib/my_lib.v2_1_0m")
            && script.ends_with(".min.js"),
        "{script}"
    );
    let config = page_config(&page);
    assert_eq!(
        config["children_props"]["my_lib"]["Card"],
        json!(["header", "items[].label"])
    );
    assert_eq!(
        config["children_props"]["dash_core_components"]["Tab"],
        json!(["label"])
    );

    let client = support::http();
    let response = client.get(format!("{base}{script}")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("max-age=31536000")
    );
    assert_eq!(
        response.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    assert_eq!(response.bytes().await.unwrap(), BUNDLE);

    let url = format!("{base}/_dash-component-suites/my_lib/async/chunk.js");
    let first = client.get(&url).send().await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(first.headers()["cache-control"], "no-cache");
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    let again = client
        .get(&url)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

    let address = base.trim_start_matches("http://");
    let answer = raw_get(
        address,
        "/_dash-component-suites/my_lib/../my_lib/my_lib.min.js",
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
    for missing in ["my_lib/other.js", "other_lib/my_lib.min.js", "my_lib/async"] {
        let response = client
            .get(format!("{base}/_dash-component-suites/{missing}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{missing}");
        assert_eq!(error_kind(response).await, "not_found");
    }
}

#[tokio::test]
async fn chunks_use_etags_and_304() {
    let base = support::serve(scores_example::app()).await;
    let client = support::http();
    for path in [
        "dash/dcc/async-dropdown.js",
        "dash/dcc/async-graph.js",
        "plotly/package_data/plotly.min.js",
    ] {
        let url = format!("{base}/_dash-component-suites/{path}");
        let first = client.get(&url).send().await.unwrap();
        assert_eq!(first.status(), StatusCode::OK);
        let etag = first.headers()["etag"].to_str().unwrap().to_owned();
        assert!(etag.starts_with('"') && etag.ends_with('"'));
        assert!(
            !first.headers()["cache-control"]
                .to_str()
                .unwrap()
                .contains("max-age")
        );
        let again = client
            .get(&url)
            .header("if-none-match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        assert!(again.bytes().await.unwrap().is_empty());
        let stale = client
            .get(&url)
            .header("if-none-match", "\"other\"")
            .send()
            .await
            .unwrap();
        assert_eq!(stale.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn paths_off_the_allow_list_are_404() {
    let base = support::serve(scores_example::app()).await;
    for path in [
        "/_dash-component-suites/dash/dcc/not-a-chunk.js",
        "/_dash-component-suites/dash/deps/",
        "/_dash-component-suites/",
        "/_dash-component-suites/..%2f..%2fCargo.toml",
        // Escapes of bytes that are not UTF-8 (found by the fuzzer: a 400 in plain text).
        "/_dash-component-suites/dash/%FF%80.js",
        "/_dash-nothing",
    ] {
        let response = support::get(format!("{base}{path}")).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(error_kind(response).await, "not_found", "{path}");
    }
    // Dot segments, literal and encoded, that an HTTP client would normalize away: sent
    // over a raw socket.
    let address = base.trim_start_matches("http://");
    for path in [
        "/_dash-component-suites/dash/../../../etc/passwd",
        "/_dash-component-suites/dash/%2e%2e/%2e%2e/Cargo.toml",
        "/_dash-component-suites/../_dash-layout",
    ] {
        let raw = raw_get(address, path).await;
        assert!(raw.starts_with("HTTP/1.1 404"), "{path}: {raw}");
    }
}

async fn raw_get(address: &str, path: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    answer
}

#[tokio::test]
async fn favicon_is_an_icon() {
    let base = support::serve(scores_example::app()).await;
    let response = support::get(format!("{base}/_favicon.ico?v=4.4.1")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "image/x-icon");
    let bytes = response.bytes().await.unwrap();
    assert_eq!(&bytes[..4], &[0, 0, 1, 0]);
}

/// What proxies, load balancers and CORS preflights expect of HTTP: 405 with `Allow` for a
/// known path and the wrong method, `OPTIONS` answered, `HEAD` wherever `GET` works (with
/// the length `GET` would send), and the health check Python Dash serves.
#[tokio::test]
async fn http_methods_as_proxies_expect_them() {
    let base = support::serve(scores_example::app().health_endpoint("health")).await;
    let client = support::http();
    let send = |method: &str, path: &str| {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        client.request(method, format!("{base}{path}")).send()
    };
    for (method, path, allow) in [
        ("POST", "/reports", "GET,HEAD,OPTIONS"),
        ("DELETE", "/", "GET,HEAD,OPTIONS"),
        ("PUT", "/_dash-layout", "GET,HEAD,OPTIONS"),
        ("GET", "/_dash-update-component", "POST,OPTIONS"),
        ("POST", "/health", "GET,HEAD,OPTIONS"),
    ] {
        let response = send(method, path).await.unwrap();
        assert_eq!(response.status(), 405, "{method} {path}");
        assert_eq!(response.headers()["allow"], allow, "{method} {path}");
        let body = parse(&response.text().await.unwrap());
        assert_eq!(body["error"]["kind"], "method_not_allowed");
    }
    for (path, allow) in [
        ("/_dash-update-component", "POST,OPTIONS"),
        ("/", "GET,HEAD,OPTIONS"),
        ("/reports", "GET,HEAD,OPTIONS"),
        ("/_dash-dependencies", "GET,HEAD,OPTIONS"),
    ] {
        let response = send("OPTIONS", path).await.unwrap();
        assert_eq!(response.status(), 204, "OPTIONS {path}");
        assert_eq!(response.headers()["allow"], allow, "OPTIONS {path}");
    }
    let page = get_page(&base).await;
    let script = script_sources(&page)[0].to_owned();
    for path in [
        "/",
        "/reports",
        "/_dash-layout",
        "/_dash-dependencies",
        "/health",
        &script,
    ] {
        let got = send("GET", path).await.unwrap();
        assert_eq!(got.status(), 200, "GET {path}");
        let length = got.bytes().await.unwrap().len();
        let head = send("HEAD", path).await.unwrap();
        assert_eq!(head.status(), 200, "HEAD {path}");
        assert_eq!(
            head.headers()["content-length"].to_str().unwrap(),
            length.to_string(),
            "HEAD {path}"
        );
        assert!(
            head.bytes().await.unwrap().is_empty(),
            "HEAD {path} has no body"
        );
    }
    let health = send("GET", "/health").await.unwrap();
    assert_eq!(
        health.headers()["content-type"],
        "text/plain; charset=utf-8"
    );
    assert_eq!(health.text().await.unwrap(), "OK");
    // Under the protocol's routes, an unknown path is 404 whatever the method.
    let response = send("POST", "/_dash-nothing").await.unwrap();
    assert_eq!(response.status(), 404);
    // Without the setting, `/health` is a page path like any other, as in Python.
    let plain = support::serve(scores_example::app()).await;
    let page = support::get(format!("{plain}/health")).await;
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("<div id=\"react-entry-point\">")
    );
}

#[test]
fn a_health_check_inside_the_protocols_routes_is_refused() {
    let message = startup_error(scores_example::app().health_endpoint("_dash-layout"));
    assert!(
        message.contains("health_endpoint") && message.contains("`_dash-"),
        "{message}"
    );
}

/// CORS for an embedded dashboard: off by default; with listed origins, a preflight from
/// one of them is allowed (credentials included) and one from elsewhere is not; with `*`,
/// any origin, without credentials.
#[tokio::test]
async fn cors_is_off_by_default_and_allows_only_the_listed_origins() {
    let client = support::http();
    let preflight = |base: String, origin: &'static str| {
        client
            .request(
                reqwest::Method::OPTIONS,
                format!("{base}/_dash-update-component"),
            )
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
    };
    let allowed = |response: &reqwest::Response| {
        response
            .headers()
            .get("access-control-allow-origin")
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let off = support::serve(scores_example::app()).await;
    let response = preflight(off.clone(), "https://portal.example.com")
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    assert_eq!(allowed(&response), None, "no CORS unless asked for");

    let listed = support::serve(scores_example::app().cors(["https://portal.example.com"])).await;
    let response = preflight(listed.clone(), "https://portal.example.com")
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    assert_eq!(
        allowed(&response).as_deref(),
        Some("https://portal.example.com")
    );
    assert_eq!(
        response.headers()["access-control-allow-credentials"],
        "true"
    );
    let methods = response.headers()["access-control-allow-methods"]
        .to_str()
        .unwrap();
    assert!(methods.contains("POST"), "{methods}");
    let response = preflight(listed.clone(), "https://elsewhere.example")
        .await
        .unwrap();
    assert_eq!(allowed(&response), None);
    // The update itself carries the header too, so the page can read the answer.
    let update = scores_update(&client, &listed)
        .header("origin", "https://portal.example.com")
        .send()
        .await
        .unwrap();
    assert_eq!(update.status(), 200);
    assert_eq!(
        allowed(&update).as_deref(),
        Some("https://portal.example.com")
    );

    let any = support::serve(scores_example::app().cors(["*"])).await;
    let response = preflight(any, "https://anywhere.example").await.unwrap();
    assert_eq!(allowed(&response).as_deref(), Some("*"));

    let message = startup_error(scores_example::app().cors(["portal.example.com"]));
    assert!(
        message.contains("`cors`") && message.contains("https://"),
        "{message}"
    );
}

/// The front end goes out compressed when the browser accepts it: each bundle as brotli or
/// gzip made at build time, with an ETag per encoding and `Vary: Accept-Encoding`; the
/// page and the JSON answers above 1 KiB compressed as they go out. Every variant decodes
/// to the bytes sent uncompressed.
#[tokio::test]
async fn bundles_and_large_answers_are_compressed_when_accepted() {
    use std::io::Read;
    let base = support::serve(scores_example::app()).await;
    let client = support::http();
    let fetch = |path: String, accept: &'static str| {
        let mut request = client.get(format!("{base}{path}"));
        if !accept.is_empty() {
            request = request.header("accept-encoding", accept);
        }
        request.send()
    };
    let decode = |encoding: Option<&str>, bytes: &[u8]| -> Vec<u8> {
        let mut out = Vec::new();
        match encoding {
            Some("br") => {
                brotli::Decompressor::new(bytes, 4096)
                    .read_to_end(&mut out)
                    .unwrap();
            }
            Some("gzip") => {
                flate2::read::GzDecoder::new(bytes)
                    .read_to_end(&mut out)
                    .unwrap();
            }
            None => out.extend_from_slice(bytes),
            Some(other) => panic!("unexpected encoding {other}"),
        }
        out
    };
    let page = get_page(&base).await;
    let bundle = script_sources(&page)
        .into_iter()
        .find(|src| src.contains("/dcc/dash_core_components.v"))
        .unwrap()
        .to_owned();
    let mut etags = Vec::new();
    let mut identity = Vec::new();
    for (accept, expected) in [
        ("", None),
        ("gzip", Some("gzip")),
        ("gzip, deflate, br, zstd", Some("br")),
        ("br;q=0, gzip", Some("gzip")),
    ] {
        let response = fetch(bundle.clone(), accept).await.unwrap();
        assert_eq!(response.status(), 200);
        let encoding = response
            .headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(encoding.as_deref(), expected, "Accept-Encoding: {accept}");
        assert_eq!(response.headers()["vary"], "accept-encoding");
        etags.push(response.headers()["etag"].to_str().unwrap().to_owned());
        let bytes = response.bytes().await.unwrap();
        let decoded = decode(expected, &bytes);
        if expected.is_none() {
            identity = decoded;
        } else {
            assert!(
                bytes.len() * 3 < identity.len(),
                "{accept}: {} bytes",
                bytes.len()
            );
            assert_eq!(decoded, identity, "{accept}");
        }
    }
    assert_eq!(etags[1], etags[3], "one ETag per encoding");
    assert!(etags[0] != etags[1] && etags[1] != etags[2], "{etags:?}");
    // A cached variant is revalidated against its own ETag.
    let again = client
        .get(format!("{base}{bundle}"))
        .header("accept-encoding", "br")
        .header("if-none-match", &etags[2])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);

    // The page and the layout answer compressed above 1 KiB to a client a proxy
    // forwarded; a short update does not.
    for path in ["/", "/_dash-dependencies"] {
        let plain = fetch(path.to_owned(), "")
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let response = client
            .get(format!("{base}{path}"))
            .header("accept-encoding", "br")
            .header("x-forwarded-for", "203.0.113.7")
            .send()
            .await
            .unwrap();
        let encoding = response
            .headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap().to_owned());
        let bytes = response.bytes().await.unwrap();
        if plain.len() > 1024 {
            assert_eq!(encoding.as_deref(), Some("br"), "{path}");
        }
        assert_eq!(decode(encoding.as_deref(), &bytes), plain, "{path}");
    }
    let update = scores_update(&client, &base)
        .header("accept-encoding", "br, gzip")
        .header("x-forwarded-for", "203.0.113.7")
        .send()
        .await
        .unwrap();
    assert!(update.headers().get("content-encoding").is_none());
    assert_eq!(
        parse(&update.text().await.unwrap())["response"]["output"]["children"],
        4
    );
}

/// The rule of `http/compression.rs`: compression never takes longer than it saves. A
/// client on this machine, not through a proxy, gets a large answer as it is whatever it
/// accepts (over loopback no compressor keeps up with the link); a client a proxy
/// forwarded, or one elsewhere, gets zstd, brotli or gzip at level 1, each within a few
/// percent of that level's size, so never a slower level: brotli's level 4 compressed a
/// large figure at about 10 MB/s, slower than a 100 Mbit/s link carries it.
#[tokio::test]
async fn large_answers_are_compressed_only_where_it_pays() {
    use std::io::Read;
    let numbers: Vec<f64> = (0..100_000).map(|i| (f64::from(i) * 0.37).sin()).collect();
    let app = support::dash().layout(dash::html::Div::new().children([dash::Node::from(
        dash::Store::<Vec<f64>>::new("big").data(numbers),
    )]));
    let base = support::serve(app).await;
    let client = support::http();
    let url = format!("{base}/_dash-layout");
    const CHROMIUM: &str = "gzip, deflate, br, zstd";

    let direct = client
        .get(&url)
        .header("accept-encoding", CHROMIUM)
        .send()
        .await
        .unwrap();
    assert!(direct.headers().get("content-encoding").is_none());
    let plain = direct.bytes().await.unwrap();
    assert!(plain.len() > 1_000_000, "{} bytes", plain.len());

    // Every way a proxy says it forwarded the request counts.
    for forwarded in ["x-forwarded-for", "forwarded", "x-real-ip", "via"] {
        let response = client
            .get(&url)
            .header("accept-encoding", CHROMIUM)
            .header(forwarded, "203.0.113.7")
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.headers()["content-encoding"],
            "zstd",
            "{forwarded}"
        );
    }

    let level_one = |encoding: &str| -> Vec<u8> {
        use std::io::Write;
        match encoding {
            "zstd" => zstd::encode_all(&plain[..], 1).unwrap(),
            "br" => {
                let mut out = Vec::new();
                let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 1, 22);
                writer.write_all(&plain).unwrap();
                drop(writer);
                out
            }
            "gzip" => {
                let mut writer =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(1));
                writer.write_all(&plain).unwrap();
                writer.finish().unwrap()
            }
            other => panic!("{other}"),
        }
    };
    for (accept, encoding) in [(CHROMIUM, "zstd"), ("gzip, br", "br"), ("gzip", "gzip")] {
        let response = client
            .get(&url)
            .header("accept-encoding", accept)
            .header("x-forwarded-for", "203.0.113.7")
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()["content-encoding"], encoding, "{accept}");
        let bytes = response.bytes().await.unwrap();
        let mut decoded = Vec::new();
        match encoding {
            "zstd" => decoded = zstd::decode_all(&bytes[..]).unwrap(),
            "br" => {
                brotli::Decompressor::new(&bytes[..], 4096)
                    .read_to_end(&mut decoded)
                    .unwrap();
            }
            _ => {
                flate2::read::GzDecoder::new(&bytes[..])
                    .read_to_end(&mut decoded)
                    .unwrap();
            }
        }
        assert_eq!(decoded, plain, "{encoding}");
        // The size tells the level: a slower level would make fewer bytes.
        let expected = level_one(encoding).len() as f64;
        let ratio = bytes.len() as f64 / expected;
        assert!(
            (0.97..1.03).contains(&ratio),
            "{encoding}: {} bytes, level 1 makes {expected}",
            bytes.len()
        );
        assert!(bytes.len() < plain.len() / 2, "{encoding} compresses");
    }
}

/// `.compress(false)` (or `DASH_COMPRESS=false`): the page and the JSON answers go out as
/// they are, whatever the browser accepts; the bundles, compressed at build time, are
/// still sent compressed.
#[tokio::test]
async fn compression_of_answers_can_be_turned_off() {
    let base = support::serve(scores_example::app().compress(false)).await;
    let client = support::http();
    let page = get_page(&base).await;
    let bundle = script_sources(&page)
        .into_iter()
        .find(|src| src.contains("/dcc/dash_core_components.v"))
        .unwrap()
        .to_owned();
    for (path, compressed) in [
        ("/".to_owned(), false),
        ("/_dash-dependencies".to_owned(), false),
        ("/_dash-layout".to_owned(), false),
        (bundle, true),
    ] {
        let response = client
            .get(format!("{base}{path}"))
            .header("accept-encoding", "gzip, deflate, br, zstd")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{path}");
        let encoding = response.headers().get("content-encoding").cloned();
        assert_eq!(encoding.is_some(), compressed, "{path}: {encoding:?}");
        let bytes = response.bytes().await.unwrap();
        if path == "/" {
            assert!(bytes.len() > 1024, "the page is over the 1 KiB threshold");
        }
    }
}

/// `url_base_pathname`: every route under `/sales/`, the page's scripts and config say
/// so, nothing is served outside it, and `/sales` leads to the page.
#[tokio::test]
async fn every_route_lives_under_the_url_base_pathname() {
    let base = support::serve(
        scores_example::app()
            .url_base_pathname("/sales/")
            .health_endpoint("health"),
    )
    .await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = get_page(&format!("{base}/sales")).await;
    let config = page_config(&page);
    assert_eq!(config["url_base_pathname"], "/sales/");
    assert_eq!(config["requests_pathname_prefix"], "/sales/");
    let scripts = script_sources(&page);
    assert!(scripts.len() > 3);
    for script in &scripts {
        assert!(
            script.starts_with("/sales/_dash-component-suites/"),
            "{script}"
        );
        let response = support::get(format!("{base}{script}")).await;
        assert_eq!(response.status(), 200, "{script}");
    }
    assert!(page.contains(r#"href="/sales/_favicon.ico?v="#), "{page}");
    let layout = get_json(&format!("{base}/sales/_dash-layout")).await;
    assert_eq!(layout["type"], "Div");
    get_json(&format!("{base}/sales/_dash-dependencies")).await;
    let answer = scores_update(&client, &format!("{base}/sales"))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let body = parse(&answer.text().await.unwrap());
    assert_eq!(body["response"]["output"]["children"], 4);
    for path in ["/sales/", "/sales/reports/2026", "/sales/_favicon.ico"] {
        let response = client.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
    }
    let health = client
        .get(format!("{base}/sales/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(health.text().await.unwrap(), "OK");
    // `/sales` is sent on to `/sales/`, with its query.
    let bare = client
        .get(format!("{base}/sales?q=1"))
        .send()
        .await
        .unwrap();
    assert_eq!(bare.status(), 308);
    assert_eq!(bare.headers()["location"], "/sales/?q=1");
    // HEAD and OPTIONS under the prefix, as at the root.
    for path in ["/sales/", "/sales/reports", "/sales/_dash-layout"] {
        let head = client.head(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(head.status(), 200, "HEAD {path}");
        let options = client
            .request(reqwest::Method::OPTIONS, format!("{base}{path}"))
            .send()
            .await
            .unwrap();
        assert_eq!(options.status(), 204, "OPTIONS {path}");
        assert_eq!(options.headers()["allow"], "GET,HEAD,OPTIONS");
    }
    let unknown = client
        .get(format!("{base}/sales/_dash-nothing"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
    // Outside the prefix there is nothing: not the page, not the routes.
    for path in [
        "/",
        "/reports",
        "/_dash-layout",
        "/health",
        "/salesx/",
        "/salesx",
    ] {
        let response = client.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(response.status(), 404, "{path}");
        let body = parse(&response.text().await.unwrap());
        assert_eq!(body["error"]["kind"], "not_found", "{path}");
    }
    let outside = scores_update(&client, &base).send().await.unwrap();
    assert_eq!(outside.status(), 404);
}

/// Behind a proxy that strips `/sales`: the server answers at `/`, the page tells the
/// browser to request `/sales/...`, and the session cookie is scoped to `/sales/`.
#[tokio::test]
async fn a_requests_prefix_is_where_the_browser_asks() {
    let base = support::serve(scores_example::app().requests_pathname_prefix("/sales/")).await;
    let page = get_page(&base).await;
    let config = page_config(&page);
    assert_eq!(config["url_base_pathname"], Value::Null);
    assert_eq!(config["requests_pathname_prefix"], "/sales/");
    for script in script_sources(&page) {
        let served = script.strip_prefix("/sales").expect("through the proxy");
        let response = support::get(format!("{base}{served}")).await;
        assert_eq!(response.status(), 200, "{script}");
    }
    get_json(&format!("{base}/_dash-layout")).await;
}

#[test]
fn prefixes_that_do_not_fit_stop_startup() {
    for (app, expected) in [
        (
            scores_example::app().url_base_pathname("sales"),
            "must start and end with `/`",
        ),
        (
            scores_example::app()
                .url_base_pathname("/sales/")
                .routes_pathname_prefix("/sales/"),
            "set it alone",
        ),
        (
            scores_example::app()
                .routes_pathname_prefix("/app/")
                .requests_pathname_prefix("/sales/"),
            "must end with `routes_pathname_prefix`",
        ),
    ] {
        let message = startup_error(app);
        assert!(message.contains(expected), "{message}");
    }
}

/// `Server::router` inside a larger axum app: merged beside other routes with
/// `url_base_pathname`, or nested under a path with `requests_pathname_prefix`.
#[tokio::test]
async fn the_router_goes_into_a_larger_app_under_a_prefix() {
    use axum::routing::get;
    let merged = scores_example::app()
        .url_base_pathname("/sales/")
        .build()
        .unwrap()
        .router();
    let nested = scores_example::app()
        .requests_pathname_prefix("/team/")
        .build()
        .unwrap()
        .router();
    let outer = axum::Router::new()
        .route("/api/ping", get(|| async { "pong" }))
        .merge(merged)
        .nest("/team", nested);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, outer).await });
    let ping = support::get(format!("{base}/api/ping")).await;
    assert_eq!(ping.text().await.unwrap(), "pong");
    for prefix in ["/sales/", "/team/"] {
        let page = get_page(&format!("{base}{}", prefix.trim_end_matches('/'))).await;
        for script in script_sources(&page) {
            assert!(script.starts_with(prefix), "{script}");
            let response = support::get(format!("{base}{script}")).await;
            assert_eq!(response.status(), 200, "{script}");
        }
        get_json(&format!("{base}{prefix}_dash-layout")).await;
        let client = support::http();
        let answer = scores_update(&client, &format!("{base}{}", prefix.trim_end_matches('/')))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200, "{prefix}");
    }
}
