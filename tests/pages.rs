//! Multi-page apps: the weather site (examples/weather_site/) against its Python twin's
//! answers (tests/python/weather_site.py, tests/fixtures/pages/python.json), in headless
//! Chromium, and small sites of the tests' own for the registry's rules and the startup
//! checks (Dash's tests/integration/multi_page ported).

use std::time::Duration;

use dash::prelude::*;
use serde_json::{Value, json};
use support::browser::Session;

const TIMEOUT: Duration = Duration::from_secs(30);

fn python() -> Value {
    support::fixture("pages/python.json")
}

/// The `<meta>` tags of a page, in order.
fn metas(page: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(start) = rest.find("<meta ") {
        let end = rest[start..].find('>').unwrap() + start + 1;
        out.push(rest[start..end].to_owned());
        rest = &rest[end..];
    }
    out
}

/// The routing callback's request, as the renderer sends it.
fn route_body(pathname: &str, search: &str) -> Value {
    json!({
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"}
        ],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": pathname},
            {"id": "_pages_location", "property": "search", "value": search}
        ],
        "changedPropIds": ["_pages_location.pathname"],
        "state": []
    })
}

async fn route(base: &str, pathname: &str, search: &str) -> Value {
    let answer = support::http()
        .post(format!("{base}/_dash-update-component"))
        .json(&route_body(pathname, search))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200, "{pathname}");
    answer.json::<Value>().await.unwrap()["response"].clone()
}

/// What Python Dash serves for the same site: the ten link-preview tags per path (the
/// page's description and title, the request's URL, the image found in the assets), the
/// page's `<title>`, the 301 of `redirect_from`, the routing callback's spec and the titles
/// it answers with.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_weather_site_serves_what_python_dash_serves() {
    let running = support::run_example("weather_site", &[]);
    let base = &running.url;
    let python = python();
    // Python's test client says `localhost`; ours is a real address.
    let host = base.trim_start_matches("http://");
    let ours = |path: &str| {
        let base = base.clone();
        let path = path.to_owned();
        async move {
            support::get(format!("{base}{path}"))
                .await
                .text()
                .await
                .unwrap()
        }
    };
    let page = ours("/city/oslo").await;
    let expected: Vec<String> = python["city_metas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|tag| {
            tag.as_str()
                .unwrap()
                .replace("//localhost", &format!("//{host}"))
        })
        .collect();
    assert_eq!(metas(&page), expected);
    let home = ours("/").await;
    let expected: Vec<String> = python["home_metas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|tag| {
            tag.as_str()
                .unwrap()
                .replace("//localhost", &format!("//{host}"))
        })
        .collect();
    assert_eq!(metas(&home), expected);
    assert!(page.contains(&format!(
        "<title>{}</title>",
        python["title_tag"].as_str().unwrap()
    )));
    // A path whose variable does not parse is the 404 page's, in its link preview too.
    let missing = ours("/city/atlantis").await;
    let tags = metas(&missing);
    assert_eq!(tags[0], "<meta name=\"description\" content=\"\">");
    assert_eq!(tags[6], "<meta property=\"og:title\" content=\"Weather\">");

    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let redirect = client.get(format!("{base}/info")).send().await.unwrap();
    assert_eq!(redirect.status().as_u16(), python["redirect"]["status"]);
    assert_eq!(
        redirect.headers()["location"].to_str().unwrap(),
        python["redirect"]["location"]
    );

    let dependencies = support::get_json(format!("{base}/_dash-dependencies")).await;
    let pages: Vec<&Value> = dependencies
        .as_array()
        .unwrap()
        .iter()
        .filter(|spec| spec["output"].as_str().unwrap().contains("_pages"))
        .collect();
    let theirs = python["pages_dependencies"].as_array().unwrap();
    assert_eq!(pages[0], &theirs[0], "the routing callback");
    // The title callback: the same props; Python sends its function inline under a
    // hash, ours is defined by the page's script under a name.
    for key in [
        "output",
        "inputs",
        "state",
        "prevent_initial_call",
        "no_output",
    ] {
        assert_eq!(pages[1][key], theirs[1][key], "{key}");
    }
    assert_eq!(
        pages[1]["clientside_function"],
        json!({"namespace": "_dash_pages", "function_name": "title"})
    );

    assert_eq!(
        route(base, "/city/oslo", "?days=7").await["_pages_store"],
        python["route_city"]
    );
    assert_eq!(
        route(base, "/", "").await["_pages_store"],
        python["route_home"]
    );
    assert_eq!(
        route(base, "/about", "").await["_pages_store"],
        python["route_about"]
    );
    assert_eq!(
        route(base, "/nowhere", "").await["_pages_store"],
        python["route_nowhere"]
    );
    // A city the site does not have: Python's layout function draws the 404 page
    // itself; here `name` is a `CityName`, which does not parse, so the 404 page comes
    // by itself, with the app's title rather than "Weather in atlantis".
    let missing = route(base, "/city/atlantis", "").await;
    assert_eq!(
        missing["_pages_content"],
        python["route_missing"]["_pages_content"]
    );
    assert_eq!(
        missing["_pages_store"],
        json!({"data": {"title": "Weather"}})
    );
}

/// Dash's `test_pala001_layout`, on the weather site: links navigate without loading a
/// page (a marker on `window` survives), the path variable and the query parameter
/// arrive typed, the title follows the page, the 404 page and the redirect work, and the
/// stylesheet from `assets/` applies. Screenshots of each page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_weather_site_navigates_in_the_browser() {
    let running = support::run_example("weather_site", &[]);
    let base = &running.url;
    let session = Session::open(&format!("{base}/")).await;
    session
        .wait_for(
            "document.querySelectorAll('.card').length",
            json!(5),
            TIMEOUT,
        )
        .await;
    session
        .wait_for(
            "getComputedStyle(document.querySelector('header')).backgroundColor",
            json!("rgb(29, 36, 51)"),
            TIMEOUT,
        )
        .await;
    session
        .wait_for("document.title", json!("Weather"), TIMEOUT)
        .await;
    session.screenshot("pages-overview").await;
    session.eval("window.__marker = 'kept'").await;

    // A card is a dcc.Link to its city's page.
    session
        .click_xpath("//a[contains(@class,'card')][.//h3[text()='Oslo']]")
        .await;
    session
        .wait_for("location.pathname", json!("/city/oslo"), TIMEOUT)
        .await;
    session
        .wait_for(
            "(document.getElementById('city_stats') || {}).textContent || ''",
            json!(stats_text("Oslo", 30)),
            TIMEOUT,
        )
        .await;
    session
        .wait_for("document.title", json!("Weather in oslo"), TIMEOUT)
        .await;
    assert_eq!(
        session.eval("window.__marker").await,
        json!("kept"),
        "a page load"
    );
    session
        .wait_for(
            "document.querySelectorAll('#city_graph .scatterlayer .trace').length",
            json!(1),
            TIMEOUT,
        )
        .await;
    session.screenshot("pages-city").await;

    // The navigation bar's link to the about page.
    session.click_xpath("//nav/a[text()='About']").await;
    session
        .wait_for("location.pathname", json!("/about"), TIMEOUT)
        .await;
    session
        .wait_for(
            "document.querySelector('#_pages_content h2').textContent",
            json!("About"),
            TIMEOUT,
        )
        .await;
    session
        .wait_for("document.title", json!("Weather"), TIMEOUT)
        .await;
    assert_eq!(
        session.eval("window.__marker").await,
        json!("kept"),
        "a page load"
    );

    // A query parameter, typed: `?days=7`.
    session
        .load_within(&format!("{base}/city/cairo?days=7"), TIMEOUT)
        .await
        .unwrap();
    session
        .wait_for(
            "(document.getElementById('city_stats') || {}).textContent || ''",
            json!(stats_text("Cairo", 7)),
            TIMEOUT,
        )
        .await;

    // The 404 page, for a path no page has and for a city the site does not have.
    for path in ["/nowhere", "/city/atlantis"] {
        session
            .load_within(&format!("{base}{path}"), TIMEOUT)
            .await
            .unwrap();
        session
            .wait_for(
                "(document.querySelector('.not-found h2') || {}).textContent || ''",
                json!("No such page"),
                TIMEOUT,
            )
            .await;
    }
    session.screenshot("pages-404").await;

    // The old path redirects.
    session
        .load_within(&format!("{base}/info"), TIMEOUT)
        .await
        .unwrap();
    session
        .wait_for("location.pathname", json!("/about"), TIMEOUT)
        .await;
    session.screenshot("pages-about").await;
    session.close_without_errors().await;
}

/// The stats line the city page shows, computed as its callback does.
fn stats_text(city: &str, days: u64) -> String {
    let today = 200u64;
    let values: Vec<f64> = (today - (days - 1)..=today)
        .map(|day| {
            let total: f64 = (0..24)
                .map(|hour| dash_examples::weather::temperature(city, day * 1440 + hour * 60))
                .sum();
            (total / 24.0 * 10.0).round() / 10.0
        })
        .collect();
    let (low, mean, high) = dash_examples::view::stats(&values);
    format!("lowest {low:.1} °C · mean {mean:.1} °C · highest {high:.1} °C")
}

// A small site of the tests' own: Dash's `test_pala001` paths (`/a/<id_a>/b/<id_b>`, a
// query string, redirects), typed.

#[dash::app]
mod home {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        home_in: dcc::Input,
        home_out: html::Div,
    }

    pub fn layout() -> html::Div {
        html::Div::new().children([
            dcc::Input::new().id("home_in").value("hi").into(),
            html::Div::new().id("home_out").into(),
        ])
    }

    #[callback(output = "home_out.children", input = "home_in.value")]
    pub fn echo(value: Option<String>) -> String {
        value.unwrap_or_default()
    }
}

#[dash::app]
mod pair {
    use dash::prelude::*;

    pub fn layout(id_a: u32, id_b: String, velocity: Option<f64>, tag: Vec<String>) -> html::Div {
        html::Div::new().id("pair").children(format!(
            "a={id_a} b={id_b} velocity={velocity:?} tags={tag:?}"
        ))
    }
}

fn plain() -> html::P {
    html::P::new().id("plain").children("plain")
}

#[derive(dash::Pages, Debug, Clone)]
enum Site {
    #[page(path = "/", module = home, redirect_from = "/old-home-page", redirect_from = "/v2")]
    Home,
    #[page(path = "/a/<id_a>/b/<id_b>", module = pair, title = "{id_a} and {id_b}")]
    Pair {
        id_a: u32,
        id_b: String,
        velocity: Option<f64>,
        tag: Vec<String>,
    },
    #[page(layout = plain, name = "Plain page", image_url = "https://example.com/p.png",
           description = "A <plain> page")]
    PlainPage,
}

fn site() -> Dash {
    support::dash().pages::<Site>()
}

#[test]
fn links_are_typed_and_encoded() {
    assert_eq!(Site::Home.href(), "/");
    let pair = Site::Pair {
        id_a: 1,
        id_b: "São Paulo".into(),
        velocity: Some(10.5),
        tag: vec!["x".into(), "y z".into()],
    };
    assert_eq!(
        pair.href(),
        "/a/1/b/S%C3%A3o%20Paulo?velocity=10.5&tag=x&tag=y%20z"
    );
    assert_eq!(String::from(Site::PlainPage), "/plain-page");
    let names: Vec<String> = <Site as dash::Pages>::pages()
        .iter()
        .map(|page| page.page_name().to_owned())
        .collect();
    assert_eq!(names, ["Home", "Pair", "Plain page"]);
}

/// Path variables and query parameters reach the layout function typed; a variable that
/// does not parse is not the page's; the page container is the layout of an app without
/// one; the titles fill in variables; without a 404 page, Python's default answers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn path_variables_and_queries_arrive_typed() {
    let base = support::serve(site()).await;
    let layout = support::get_json(format!("{base}/_dash-layout")).await;
    assert_eq!(
        layout["props"]["children"][0]["props"]["id"],
        "_pages_location"
    );
    let answer = route(&base, "/a/1/b/two", "?velocity=10&tag=x&tag=&other=1").await;
    assert_eq!(
        answer["_pages_content"]["children"]["props"]["children"],
        "a=1 b=two velocity=Some(10.0) tags=[\"x\", \"\"]"
    );
    assert_eq!(answer["_pages_store"]["data"]["title"], "1 and two");
    let answer = route(&base, "/a/none/b/two", "").await;
    assert_eq!(
        answer["_pages_content"]["children"]["props"]["children"],
        "404 - Page not found"
    );
    // An empty value, as a form sends an empty field, is absent.
    let answer = route(&base, "/a/1/b/two", "?velocity=&tag=").await;
    assert_eq!(
        answer["_pages_content"]["children"]["props"]["children"],
        "a=1 b=two velocity=None tags=[\"\"]"
    );
    let answer = route(&base, "/a/1/b/two", "?velocity=fast").await;
    assert_eq!(
        answer["_pages_content"]["children"]["props"]["children"], "404 - Page not found",
        "a query parameter that does not parse"
    );
    let answer = route(&base, "/plain-page/", "").await;
    assert_eq!(answer["_pages_content"]["children"]["props"]["id"], "plain");
    assert_eq!(answer["_pages_store"]["data"]["title"], "Plain page");
    let answer = route(&base, "/", "").await;
    assert_eq!(
        answer["_pages_content"]["children"]["props"]["children"][0]["props"]["id"],
        "home_in"
    );
    // The home page's own callback, registered by its page.
    let body = support::update_body(
        "home_out.children",
        vec![("home_in", "value", json!("hello"))],
    );
    let (status, echoed) = support::update(&base, &body, &[]).await;
    assert_eq!(status, 200);
    assert_eq!(echoed["response"]["home_out"]["children"], "hello");
}

/// `test_pala002`/`003`/`007`: the ten tags, supplied or defaulted (from the app's title
/// and description), escaped; a redirect per `redirect_from` (`test_pala001`'s `/v2` and
/// `/old-home-page`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meta_tags_and_redirects() {
    let base = support::serve(site()).await;
    let page = support::get(format!("{base}/plain-page"))
        .await
        .text()
        .await
        .unwrap();
    let tags = metas(&page);
    assert_eq!(
        tags[0],
        "<meta name=\"description\" content=\"A &lt;plain&gt; page\">"
    );
    assert_eq!(
        tags[5],
        "<meta property=\"twitter:image\" content=\"https://example.com/p.png\">"
    );
    assert_eq!(
        tags[6],
        "<meta property=\"og:title\" content=\"Plain page\">"
    );
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for from in ["/v2", "/old-home-page"] {
        let answer = client.get(format!("{base}{from}")).send().await.unwrap();
        assert_eq!(answer.status(), 301);
        assert_eq!(answer.headers()["location"], "/");
    }
    // `test_pala007`: the app's title and description are the defaults of a page's.
    let base = support::serve(site().title("My app").description("All about it")).await;
    let page = support::get(format!("{base}/")).await.text().await.unwrap();
    let tags = metas(&page);
    assert_eq!(
        tags[0],
        "<meta name=\"description\" content=\"All about it\">"
    );
    assert_eq!(tags[6], "<meta property=\"og:title\" content=\"My app\">");
}

/// `test_pare002`: under `url_base_pathname`, links and redirects carry the prefix, and
/// the routing callback finds pages behind it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_under_a_prefix() {
    let app = site().url_base_pathname("/app1/").layout_fn(|| {
        html::Div::new()
            .children([
                dcc::Link::new(Site::PlainPage).id("to_plain").into(),
                dash::page_container(),
            ])
            .into()
    });
    let base = support::serve(app).await;
    let layout = support::get_json(format!("{base}/app1/_dash-layout")).await;
    assert_eq!(
        layout["props"]["children"][0]["props"]["href"],
        "/app1/plain-page"
    );
    let answer = support::http()
        .post(format!("{base}/app1/_dash-update-component"))
        .json(&route_body("/app1/a/3/b/x", ""))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(
        answer["response"]["_pages_content"]["children"]["props"]["children"],
        "a=3 b=x velocity=None tags=[]"
    );
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let answer = client.get(format!("{base}/app1/v2")).send().await.unwrap();
    assert_eq!(answer.status(), 301);
    assert_eq!(answer.headers()["location"], "/app1/");
}

/// The startup checks see every page: a callback whose id is on no page stops the app
/// with its name (as Python's validation layout does); a layout without the page
/// container, and a page without a layout (`test_pala004`), stop it too.
#[test]
fn startup_checks_see_every_page() {
    #[dash::app]
    mod stray {
        use dash::prelude::*;

        #[ids]
        pub struct Ids {
            nowhere: html::Div,
            home_in: dcc::Input,
        }

        #[callback(output = "nowhere.children", input = "home_in.value")]
        pub fn stray(value: Option<String>) -> String {
            value.unwrap_or_default()
        }
    }
    let error = site().app::<stray::Ids>().build().unwrap_err().to_string();
    assert!(error.contains("nowhere"), "{error}");
    let error = site()
        .layout(html::Div::new().children("no container"))
        .build()
        .unwrap_err()
        .to_string();
    assert!(error.contains("page_container()"), "{error}");
    let error = support::dash()
        .page(dash::Page::new("/x").name("X"))
        .build()
        .unwrap_err()
        .to_string();
    assert!(error.contains("the page `X` has no layout"), "{error}");
    // The same site with its callback's page: fine, with the page's module registered
    // again by hand too (it counts once).
    site().build().unwrap();
    site().app::<home::Ids>().build().unwrap();
    // A shell is the app's layout: another one is refused.
    support::dash().pages::<Framed>().build().unwrap();
    let error = support::dash()
        .pages::<Framed>()
        .layout(dash::page_container())
        .build()
        .unwrap_err()
        .to_string();
    assert!(error.contains("shell"), "{error}");
}

#[dash::app]
mod frame {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        frame_in: dcc::Input,
        frame_out: html::Div,
    }

    pub fn layout() -> html::Div {
        html::Div::new().children([
            dcc::Input::new().id("frame_in").into(),
            html::Div::new().id("frame_out").into(),
            dash::page_container(),
        ])
    }

    #[callback(output = "frame_out.children", input = "frame_in.value")]
    pub fn echo(value: Option<String>) -> String {
        value.unwrap_or_default()
    }
}

#[derive(dash::Pages)]
#[pages(shell = frame)]
enum Framed {
    #[page(path = "/", layout = plain)]
    Plain,
}

/// A site with a shell needs no layout and no `.app::<..>()`: the shell's layout is the
/// app's, and its callbacks come with it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shell_brings_the_layout_and_its_callbacks() {
    let base = support::serve(support::dash().pages::<Framed>()).await;
    let layout = support::get_json(format!("{base}/_dash-layout")).await;
    assert_eq!(layout["props"]["children"][0]["props"]["id"], "frame_in");
    let body = support::update_body(
        "frame_out.children",
        vec![("frame_in", "value", json!("x"))],
    );
    let (status, answer) = support::update(&base, &body, &[]).await;
    assert_eq!(status, 200);
    assert_eq!(answer["response"]["frame_out"]["children"], "x");
}

/// In debug mode, the renderer checks every callback against the validation layout (all
/// pages) and reports what it cannot find: the dev tools show no error, on any page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn debug_mode_finds_every_page_valid() {
    let running = support::run_example("weather_site", &[("DASH_DEBUG", "true")]);
    let session = Session::open(&format!("{}/city/oslo", running.url)).await;
    session
        .wait_for(
            "(document.getElementById('city_stats') || {}).textContent || ''",
            json!(stats_text("Oslo", 30)),
            TIMEOUT,
        )
        .await;
    session
        .wait_for(
            "!!document.querySelector('.dash-debug-menu__outer')",
            json!(true),
            TIMEOUT,
        )
        .await;
    session.click_xpath("//nav/a[text()='Overview']").await;
    session
        .wait_for(
            "document.querySelectorAll('.card').length",
            json!(5),
            TIMEOUT,
        )
        .await;
    assert_eq!(
        session
            .eval("document.querySelectorAll('.test-devtools-error-count').length")
            .await,
        json!(0),
        "the dev tools report errors"
    );
    session.screenshot("pages-debug").await;
    session.close_without_errors().await;
}
