//! The app's assets folder (Python Dash's `assets/`): what the page links, in Python's
//! order, and how its files are served. Ports the HTTP half of Dash's
//! `test_dada001_assets` and `test_api001_assets_path_ignore`; tests/browser.rs checks
//! that the browser applies and runs them.

use super::*;

/// A folder holding these files, each containing its own path.
fn folder(files: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for file in files {
        let path = dir.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, file.as_bytes()).unwrap();
    }
    dir
}

fn app(assets: &std::path::Path) -> Dash {
    scores_example::app().assets_folder(assets)
}

/// The `href`s of the page's stylesheets, without their `?m=`.
fn stylesheets(page: &str) -> Vec<&str> {
    page.split("<link rel=\"stylesheet\" href=\"")
        .skip(1)
        .map(|rest| rest.split(['?', '"']).next().unwrap())
        .collect()
}

/// The page's script elements, as written.
fn scripts(page: &str) -> Vec<&str> {
    page.split("<script")
        .skip(1)
        .map(|rest| rest.split('>').next().unwrap())
        .collect()
}

#[tokio::test]
async fn the_page_links_the_assets_in_pythons_order() {
    let dir = folder(&[
        "reset.css",
        "x1.css",
        "x10.css",
        "x2.css",
        "nested/deeper.css",
        "load_first.js",
        "load_after.mjs",
        "ignored_load.js",
        "nested/nested.js",
        "vendor/skipped.js",
        "vendor/skipped.css",
        "images/favicon.ico",
        "data.json",
        ".env",
    ]);
    let base = support::serve(
        app(dir.path())
            .assets_ignore("ignored")
            .assets_path_ignore(["^vendor$"]),
    )
    .await;
    let page = get_page(&base).await;
    assert_eq!(
        stylesheets(&page),
        [
            "/assets/reset.css",
            "/assets/x1.css",
            "/assets/x10.css",
            "/assets/x2.css",
            "/assets/nested/deeper.css"
        ]
    );
    let ours: Vec<&str> = scripts(&page)
        .into_iter()
        .filter(|script| script.contains("/assets/"))
        .collect();
    assert_eq!(ours.len(), 3, "{ours:?}");
    assert!(
        ours[0].starts_with(" type=\"module\" src=\"/assets/load_after.mjs?m="),
        "{}",
        ours[0]
    );
    assert!(
        ours[1].starts_with(" src=\"/assets/load_first.js?m="),
        "{}",
        ours[1]
    );
    assert!(
        ours[2].starts_with(" src=\"/assets/nested/nested.js?m="),
        "{}",
        ours[2]
    );
    assert!(
        page.contains(
            "<link rel=\"icon\" type=\"image/x-icon\" href=\"/assets/images/favicon.ico?m="
        ),
        "{page}"
    );
    // Python's order: React, then the assets' scripts, then the renderer.
    let all = scripts(&page);
    let position = |needle: &str| all.iter().position(|s| s.contains(needle)).unwrap();
    assert!(position("react-dom") < position("/assets/load_first.js"));
    assert!(position("/assets/nested/nested.js") < position("dash_renderer"));
}

#[tokio::test]
async fn asset_files_are_served_with_validators_and_only_from_the_folder() {
    let dir = folder(&[
        "style.css",
        "app.mjs",
        "vendor/lib.js",
        ".secret",
        "sub/.hidden/x.css",
    ]);
    let base = support::serve(app(dir.path()).assets_path_ignore(["vendor"])).await;
    let client = support::http();
    let response = client
        .get(format!("{base}/assets/style.css"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/css; charset=utf-8"
    );
    assert_eq!(response.headers()["cache-control"], "no-cache");
    let etag = response.headers()["etag"].to_str().unwrap().to_owned();
    assert_eq!(response.text().await.unwrap(), "style.css");
    let again = client
        .get(format!("{base}/assets/style.css"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    let weak = client
        .get(format!("{base}/assets/style.css"))
        .header("if-none-match", format!("W/{etag}"))
        .send()
        .await
        .unwrap();
    assert_eq!(weak.status(), 304, "If-None-Match compares weakly");
    // A module script gets a JavaScript type, which browsers require of modules.
    let module = client
        .get(format!("{base}/assets/app.mjs"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        module.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    // Left out of the page, still served.
    let vendor = client
        .get(format!("{base}/assets/vendor/lib.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(vendor.status(), 200);
    // An edit shows on the next request.
    std::fs::write(dir.path().join("style.css"), "body { color: red }").unwrap();
    let edited = client
        .get(format!("{base}/assets/style.css"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(edited.status(), 200);
    assert_eq!(edited.text().await.unwrap(), "body { color: red }");
    for path in [
        "/assets/.secret",
        "/assets/sub/.hidden/x.css",
        "/assets/missing.css",
        "/assets/sub/%2e%2e%2f%2e%2e%2fCargo.toml",
        "/assets/sub",
        "/assets/..%2fCargo.toml",
    ] {
        let response = client.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(error_kind(response).await, "not_found", "{path}");
    }
}

#[tokio::test]
async fn assets_live_under_the_prefixes_and_their_own_path() {
    let dir = folder(&["style.css"]);
    let base = support::serve(
        app(dir.path())
            .url_base_pathname("/sales/")
            .assets_url_path("static/app"),
    )
    .await;
    let page = get_page(&format!("{base}/sales")).await;
    assert_eq!(stylesheets(&page), ["/sales/static/app/style.css"]);
    let response = support::get(format!("{base}/sales/static/app/style.css")).await;
    assert_eq!(response.status(), 200);
    let outside = support::get(format!("{base}/assets/style.css")).await;
    assert_eq!(outside.status(), 404);
}

#[tokio::test]
async fn include_assets_files_false_links_nothing_and_still_serves() {
    let dir = folder(&["style.css", "app.js"]);
    let base = support::serve(app(dir.path()).include_assets_files(false)).await;
    let page = get_page(&base).await;
    assert!(stylesheets(&page).is_empty());
    assert!(!page.contains("/assets/"), "{page}");
    assert_eq!(
        support::get(format!("{base}/assets/app.js")).await.status(),
        200
    );
}

#[test]
fn bad_asset_settings_stop_the_app_with_their_name() {
    let dir = folder(&["style.css"]);
    let error = startup_error(app(dir.path()).assets_ignore("(unclosed"));
    assert!(error.contains("`assets_ignore`"), "{error}");
    let error = startup_error(app(dir.path()).assets_path_ignore(["["]));
    assert!(error.contains("`assets_path_ignore`"), "{error}");
    let error = startup_error(scores_example::app().assets_folder("/no/such/folder"));
    assert!(
        error.contains("`assets_folder`") && error.contains("/no/such/folder"),
        "{error}"
    );
    let error = startup_error(app(dir.path()).assets_url_path("a/../b"));
    assert!(error.contains("`assets_url_path`"), "{error}");
    let error = startup_error(app(dir.path()).assets_url_path("_dash-component-suites"));
    assert!(error.contains("one of the protocol's routes"), "{error}");
    let error = startup_error(app(dir.path()).assets_url_path("st{x}"));
    assert!(error.contains("`assets_url_path`"), "{error}");
}

/// `dash::embed_assets!`: in this debug build, the folder next to the tests' Cargo.toml,
/// read from disk.
#[tokio::test]
async fn embed_assets_reads_the_folder_in_a_debug_build() {
    let base =
        support::serve(scores_example::app().assets(dash::embed_assets!("fixtures/assets"))).await;
    let page = get_page(&base).await;
    assert_eq!(
        stylesheets(&page),
        ["/assets/site.css", "/assets/nested/more.css"]
    );
    assert!(page.contains("<script src=\"/assets/app.js?m="), "{page}");
    let css = support::get(format!("{base}/assets/site.css")).await;
    assert_eq!(
        css.text().await.unwrap(),
        "#output { color: rgb(0, 128, 0); }\n"
    );
}

/// What a release build's `embed_assets!` makes: the files in the binary, under the same
/// rules, served with an ETag of their bytes.
#[tokio::test]
async fn embedded_assets_are_linked_and_served_from_the_binary() {
    static FILES: &[(&str, &[u8])] = &[
        ("site.css", b"body { margin: 0 }"),
        ("js/app.mjs", b"export {};"),
        ("images/favicon.ico", b"\0\0\x01\0"),
        (".env", b"SECRET=1"),
    ];
    let base = support::serve(scores_example::app().assets(dash::Assets::embedded(FILES))).await;
    let page = get_page(&base).await;
    assert_eq!(stylesheets(&page), ["/assets/site.css"]);
    assert!(
        page.contains("<script type=\"module\" src=\"/assets/js/app.mjs?m="),
        "{page}"
    );
    assert!(
        page.contains("href=\"/assets/images/favicon.ico?m="),
        "{page}"
    );
    let client = support::http();
    let css = client
        .get(format!("{base}/assets/site.css"))
        .send()
        .await
        .unwrap();
    assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
    assert_eq!(css.headers()["cache-control"], "no-cache");
    let etag = css.headers()["etag"].to_str().unwrap().to_owned();
    assert_eq!(css.text().await.unwrap(), "body { margin: 0 }");
    let again = client
        .get(format!("{base}/assets/site.css"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(
        support::get(format!("{base}/assets/.env")).await.status(),
        404
    );
    assert_eq!(
        support::get(format!("{base}/assets/missing.js"))
            .await
            .status(),
        404
    );
}

/// External stylesheets and scripts, with attributes, in Python's places (Dash's
/// `test_dada002`–`test_dada004`): external stylesheets before the assets', external
/// scripts after React and before the assets' scripts, which may use them.
#[tokio::test]
async fn external_resources_go_where_python_puts_them() {
    let dir = folder(&["site.css", "app.js"]);
    let base = support::serve(
        app(dir.path())
            .external_stylesheets([
                dash::Resource::from("https://cdn.example.com/plain.css"),
                dash::Resource::tag([
                    ("rel", "stylesheet"),
                    ("href", "https://cdn.example.com/print.css"),
                    ("media", "print"),
                    ("integrity", "sha384-abc"),
                    ("crossorigin", "anonymous"),
                ]),
            ])
            .external_scripts([
                dash::Resource::from("https://cdn.example.com/lib.js"),
                dash::Resource::tag([
                    ("src", "https://cdn.example.com/mod.mjs"),
                    ("type", "module"),
                    ("async", "async"),
                    ("data-x", "1"),
                ]),
            ]),
    )
    .await;
    let page = get_page(&base).await;
    let css = |needle: &str| {
        page.find(needle)
            .unwrap_or_else(|| panic!("{needle}: {page}"))
    };
    assert!(
        css(r#"<link rel="stylesheet" href="https://cdn.example.com/plain.css">"#)
            < css(
                r#"<link rel="stylesheet" href="https://cdn.example.com/print.css" media="print" integrity="sha384-abc" crossorigin="anonymous">"#
            )
    );
    assert!(css("https://cdn.example.com/print.css") < css("/assets/site.css"));
    assert!(css("react-dom") < css(r#"<script src="https://cdn.example.com/lib.js"></script>"#));
    assert!(
        css(
            r#"<script src="https://cdn.example.com/mod.mjs" type="module" async="async" data-x="1"></script>"#
        ) < css("/assets/app.js")
    );
    assert!(css("/assets/app.js") < css("dash_renderer"));
}

/// Meta tags (Dash's `test_inin006`, `test_inin007`): the three defaults, each left out
/// when the app has one like it, then the app's.
#[tokio::test]
async fn meta_tags_follow_pythons_defaults() {
    let base = support::serve(scores_example::app().meta_tags([
        vec![("name", "description"), ("content", "Scores & more")],
        vec![
            ("property", "og:image"),
            ("content", "https://example.com/a.png"),
        ],
        vec![("name", "viewport")],
    ]))
    .await;
    let page = get_page(&base).await;
    assert!(page.contains(r#"<meta http-equiv="X-UA-Compatible" content="IE=edge">"#));
    assert!(page.contains(r#"<meta charset="UTF-8">"#));
    assert!(
        !page.contains("initial-scale"),
        "the app's viewport replaces the default"
    );
    assert!(page.contains(r#"<meta name="viewport">"#));
    assert!(page.contains(r#"<meta name="description" content="Scores &amp; more">"#));
    assert!(page.contains(r#"<meta property="og:image" content="https://example.com/a.png">"#));
}

/// A custom template (Dash's `test_inin008`, `test_inin009`): the markers are filled and
/// the rest is kept; a template without a required marker stops the app, naming it.
#[tokio::test]
async fn a_custom_template_is_filled_or_refused() {
    let template = "<!DOCTYPE html><html><head>{%metas%}<title>{%title%}</title>{%favicon%}{%css%}\
        </head><body><div id=\"custom-header\">My header</div>{%app_entry%}<footer>{%config%}\
        {%scripts%}{%renderer%}</footer><script>window.__inline = 1;</script></body></html>";
    let base = support::serve(scores_example::app().index_string(template)).await;
    let page = get_page(&base).await;
    assert!(
        page.contains("<div id=\"custom-header\">My header</div><div id=\"react-entry-point\">")
    );
    assert!(page.contains("<script>window.__inline = 1;</script>"));
    assert!(!page.contains("{%"), "{page}");
    let error = startup_error(scores_example::app().index_string("<html>{%app_entry%}</html>"));
    assert!(
        error.contains("`index_string`") && error.contains("lacks {%config%}, {%scripts%}"),
        "{error}"
    );
}

/// `_reload-hash` is always routed: `reloadHash: null` when hot reload is off, a hash that
/// stays the same until something changes when it is on; the config tells the renderer to
/// poll only then.
#[tokio::test]
async fn reload_hash_answers_json_with_or_without_hot_reload() {
    let off = support::serve(scores_example::app()).await;
    let answer = get_json(&format!("{off}/_reload-hash")).await;
    assert_eq!(answer["reloadHash"], Value::Null);
    assert!(
        page_config(&get_page(&off).await)
            .get("hot_reload")
            .is_none()
    );
    let dir = folder(&["style.css"]);
    let on = support::serve(app(dir.path()).hot_reload(true)).await;
    let first = get_json(&format!("{on}/_reload-hash")).await;
    let second = get_json(&format!("{on}/_reload-hash")).await;
    assert!(first["reloadHash"].is_string());
    assert_eq!(first["reloadHash"], second["reloadHash"]);
    assert_eq!(
        (second["hard"].clone(), second["files"].clone()),
        (json!(false), json!([]))
    );
    assert_eq!(
        page_config(&get_page(&on).await)["hot_reload"],
        json!({"interval": 250, "max_retry": 120})
    );
}

/// The page links the assets exactly as Python Dash 4.4.1 does for the same folder and
/// ignore options: `tests/fixtures/assets_order/python_page.json`, written by
/// `tests/python/assets_page.py` (folders sorted by path, so `nested-x` comes between
/// `nested` and `nested/a-b`; `.mjs` as modules; the favicon from a subfolder).
#[tokio::test]
async fn the_page_links_assets_as_python_does() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/assets_order");
    let python: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("python_page.json")).unwrap())
            .unwrap();
    let base = support::serve(
        app(&root.join("folder"))
            .assets_ignore("ignored")
            .assets_path_ignore(["^vendor$"]),
    )
    .await;
    let page = get_page(&base).await;
    let ours_scripts: Vec<Value> = scripts(&page)
        .into_iter()
        .filter(|tag| tag.contains("/assets/"))
        .map(|tag| {
            let src = tag
                .split("src=\"")
                .nth(1)
                .unwrap()
                .split(['?', '"'])
                .next()
                .unwrap();
            json!({"src": src, "module": tag.contains("type=\"module\"")})
        })
        .collect();
    let favicon = page
        .split("<link rel=\"icon\" type=\"image/x-icon\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split(['?', '"']).next())
        .unwrap();
    assert_eq!(
        json!({"stylesheets": stylesheets(&page), "scripts": ours_scripts, "favicon": favicon}),
        python
    );
}

/// With hot reload, a file added to the assets folder is linked in the page at once, and
/// told to the open page (a stylesheet is added to it).
#[tokio::test]
async fn hot_reload_links_a_new_file_in_the_page() {
    let dir = folder(&["style.css"]);
    let base = support::serve(app(dir.path()).hot_reload(true)).await;
    get_json(&format!("{base}/_reload-hash")).await;
    std::fs::write(dir.path().join("added.css"), "body { margin: 1px }").unwrap();
    let started = std::time::Instant::now();
    let answer = loop {
        let answer = get_json(&format!("{base}/_reload-hash")).await;
        if answer["hard"] == true {
            break answer;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "no change seen"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert_eq!(answer["files"][0]["url"], "/assets/added.css");
    assert_eq!(answer["files"][0]["is_css"], true);
    assert!(answer["files"][0]["modified"].as_i64().unwrap() > 0);
    assert_eq!(
        stylesheets(&get_page(&base).await),
        ["/assets/added.css", "/assets/style.css"]
    );
}

/// Parts of an asset (`Range`), as video players ask for them and Flask answers them: 206
/// with the part, 416 past the end, the whole file for another version (`If-Range`);
/// a part is never compressed.
#[tokio::test]
async fn assets_answer_byte_ranges() {
    let dir = folder(&[]);
    std::fs::write(dir.path().join("clip.mp4"), b"0123456789").unwrap();
    let base = support::serve(app(dir.path())).await;
    let client = support::http();
    let url = format!("{base}/assets/clip.mp4");
    let whole = client.get(&url).send().await.unwrap();
    assert_eq!(whole.headers()["accept-ranges"], "bytes");
    assert_eq!(whole.headers()["content-type"], "video/mp4");
    let etag = whole.headers()["etag"].to_str().unwrap().to_owned();
    let part = client
        .get(&url)
        .header("range", "bytes=2-5")
        .header("accept-encoding", "gzip, br, zstd")
        .header("x-forwarded-for", "203.0.113.7")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(part.headers()["content-range"], "bytes 2-5/10");
    assert!(part.headers().get("content-encoding").is_none());
    assert_eq!(part.bytes().await.unwrap(), &b"2345"[..]);
    let tail = client
        .get(&url)
        .header("range", "bytes=-3")
        .send()
        .await
        .unwrap();
    assert_eq!(tail.bytes().await.unwrap(), &b"789"[..]);
    let past = client
        .get(&url)
        .header("range", "bytes=10-")
        .send()
        .await
        .unwrap();
    assert_eq!(past.status(), 416);
    assert_eq!(past.headers()["content-range"], "bytes */10");
    let other = client
        .get(&url)
        .header("range", "bytes=0-1")
        .header("if-range", "\"another-version\"")
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 200, "another version: the whole file");
    let same = client
        .get(&url)
        .header("range", "bytes=0-1")
        .header("if-range", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(same.status(), 206);
}
