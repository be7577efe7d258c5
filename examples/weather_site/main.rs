//! The weather dashboard as a styled multi-page site: an overview of every city, a page
//! per city through a typed path variable (`/city/<name>`, with `?days=N`), an about page
//! that an old path redirects to, and a 404 page. The stylesheet and the link-preview
//! image are in `assets/`.
//!
//! - Links are the `Page` enum's variants: a link to a page that does not exist, or
//!   without its variable, does not compile.
//! - `/city/atlantis` is the 404 page: `name` is a `CityName`, which only parses for a
//!   city the site has.
//! - Each page's module brings its own callbacks, and the shell (`site`, the header around
//!   the pages) its own: the app registers nothing but `Page`.
//!
//! `cargo run --example weather_site`, then open http://127.0.0.1:8050/.

use dash::prelude::*;
use dash_examples::weather::{self, CITIES};

/// The site: one variant per page, its path, and the module that draws it.
#[derive(dash::Pages, Clone, Debug, PartialEq)]
#[pages(shell = site, not_found = missing)]
pub enum Page {
    #[page(path = "/", module = overview, title = "Weather", order = 0,
           description = "Today's weather in five cities")]
    Overview,
    #[page(path = "/city/<name>", module = city, title = "Weather in {name}", order = 1,
           description = "A year of temperatures, day by day")]
    City { name: CityName, days: Option<u32> },
    #[page(path = "/about", layout = about, redirect_from = "/info", order = 2)]
    About,
}

/// A city of the site, as a path variable: it parses from its lower-case name only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CityName(&'static str);

impl CityName {
    /// The city as the data names it (`Oslo`).
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl Default for CityName {
    fn default() -> Self {
        CityName(CITIES[0])
    }
}

impl std::str::FromStr for CityName {
    type Err = ();
    fn from_str(text: &str) -> Result<Self, ()> {
        CITIES
            .iter()
            .find(|city| city.eq_ignore_ascii_case(text))
            .map(|city| CityName(city))
            .ok_or(())
    }
}

impl std::fmt::Display for CityName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.to_lowercase())
    }
}

/// A day's mean temperature in `city`, `day` days after 1 January 2024.
fn daily_mean(city: &str, day: u64) -> f64 {
    let total: f64 = (0..24)
        .map(|hour| weather::temperature(city, day * 1440 + hour * 60))
        .sum();
    (total / 24.0 * 10.0).round() / 10.0
}

/// "Today" in the made-up data.
const TODAY: u64 = 200;

#[dash::app]
pub mod overview {
    use super::{CITIES, Page, TODAY, daily_mean};
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        unit: dcc::RadioItems,
        cards: html::Div,
    }

    /// The overview: a card per city, in the unit chosen.
    pub fn layout() -> html::Div {
        html::Div::new().children([
            html::H2::new().children("Today").into(),
            dcc::RadioItems::new()
                .id("unit")
                .options(["°C", "°F"])
                .value("°C")
                .inline(true)
                .class_name("units")
                .into(),
            html::Div::new().id("cards").class_name("cards").into(),
        ])
    }

    /// One card per city, linking to its page.
    #[callback(output = "cards.children", input = "unit.value")]
    pub fn cards(unit: Option<String>) -> Vec<Node> {
        let fahrenheit = unit.as_deref() == Some("°F");
        CITIES
            .iter()
            .map(|city| {
                let celsius = daily_mean(city, TODAY);
                let shown = if fahrenheit {
                    format!("{:.1} °F", celsius * 9.0 / 5.0 + 32.0)
                } else {
                    format!("{celsius:.1} °C")
                };
                let page = Page::City {
                    name: city.parse().expect("a city of the site"),
                    days: None,
                };
                dcc::Link::new(page)
                    .class_name("card")
                    .children([
                        html::H3::new().children(*city).into(),
                        html::P::new()
                            .class_name("temperature")
                            .children(shown)
                            .into(),
                    ])
                    .into()
            })
            .collect()
    }
}

#[dash::app]
pub mod city {
    use super::{CityName, TODAY, daily_mean};
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        city_name: Store<String>,
        days: dcc::Dropdown,
        city_graph: dcc::Graph,
        city_stats: html::P,
    }

    /// A city's page: the last `days` days (30 by default) of daily means.
    pub fn layout(name: CityName, days: Option<u32>) -> html::Div {
        let days = days.unwrap_or(30).clamp(1, 365);
        html::Div::new().children([
            html::H2::new()
                .children(format!("Weather in {}", name.as_str()))
                .into(),
            Store::<String>::new("city_name")
                .data(name.as_str().to_owned())
                .into(),
            dcc::Dropdown::new()
                .id("days")
                .options([
                    (String::from("7 days"), 7),
                    ("30 days".into(), 30),
                    ("90 days".into(), 90),
                    ("365 days".into(), 365),
                ])
                .value(days)
                .clearable(false)
                .into(),
            dcc::Graph::new().id("city_graph").into(),
            html::P::new().id("city_stats").class_name("stats").into(),
        ])
    }

    /// The figure and the lowest, mean and highest of the days shown.
    #[callback(
        output = "city_graph.figure",
        output = "city_stats.children",
        input = "days.value",
        state = "city_name.data"
    )]
    pub fn draw(days: Option<u32>, city: Option<String>) -> (Figure, String) {
        let city = city.unwrap_or_default();
        let days = u64::from(days.unwrap_or(30).clamp(1, 365));
        let first = TODAY.saturating_sub(days - 1);
        let x: Vec<String> = (first..=TODAY)
            .map(|day| dash_examples::weather::date(day as i64))
            .collect();
        let y: Vec<f64> = (first..=TODAY).map(|day| daily_mean(&city, day)).collect();
        let (low, mean, high) = dash_examples::view::stats(&y);
        let figure = Figure::new()
            .trace(
                Trace::new("scatter")
                    .set("x", x)
                    .array("y", &y)
                    .set("mode", "lines")
                    .set("line.color", "#d9480f"),
            )
            .layout(serde_json::json!({
                "margin": {"l": 40, "r": 10, "t": 10, "b": 40},
                "yaxis": {"title": {"text": "°C"}},
                "paper_bgcolor": "rgba(0,0,0,0)",
            }));
        let stats = format!("lowest {low:.1} °C · mean {mean:.1} °C · highest {high:.1} °C");
        (figure, stats)
    }
}

/// The about page: no callbacks, so a layout function is enough.
fn about() -> html::Div {
    html::Div::new().children([
        html::H2::new().children("About").into(),
        html::P::new()
            .children("Made-up but plausible weather, computed the same on every run.")
            .into(),
    ])
}

#[dash::app]
pub mod missing {
    use super::Page;
    use dash::prelude::*;

    /// The 404 page.
    pub fn layout() -> html::Div {
        html::Div::new().class_name("not-found").children([
            html::H2::new().children("No such page").into(),
            dcc::Link::new(Page::Overview)
                .children("Back to the overview")
                .into(),
        ])
    }
}

/// What every page shares: the header with the navigation, then the page.
#[dash::app]
pub mod site {
    use super::{CITIES, CityName, Page};
    use dash::prelude::*;

    pub fn layout() -> html::Div {
        let link = |page: Page, text: &str| -> Node {
            dcc::Link::new(page).children(text.to_owned()).into()
        };
        let mut nav = vec![link(Page::Overview, "Overview"), link(Page::About, "About")];
        nav.extend(CITIES.iter().map(|city| {
            let name: CityName = city.parse().expect("a city of the site");
            link(Page::City { name, days: None }, city)
        }));
        html::Div::new().children([
            html::Header::new()
                .children([
                    html::H1::new().children("Weather").into(),
                    html::Nav::new().children(nav).into(),
                ])
                .into(),
            html::Main::new().children(dash::page_container()).into(),
        ])
    }
}

/// The site, configured; `main` runs it and the tests serve it.
pub fn app() -> Dash {
    Dash::new()
        .title("Weather")
        .assets(dash::embed_assets!("weather_site/assets"))
        .pages::<Page>()
}

fn main() -> Result<(), dash::StartupError> {
    app().run()
}

/// `cargo test --example weather_site`: a visit to each page, without a browser. The
/// test client plays the page's location: setting `_pages_location.pathname` runs the
/// routing callback, and the page it writes runs its own callbacks.
#[cfg(test)]
mod tests {
    use dash::TestClient;
    use serde_json::Value;

    #[tokio::test]
    async fn the_overview_then_a_city_page() {
        let mut client = TestClient::new(super::app()).await.unwrap();
        client.set("_pages_location", "pathname", "/").await;
        let cards: Vec<Value> = client.get("cards", "children");
        assert_eq!(cards.len(), super::CITIES.len());
        client.set("unit", "value", "°F").await;
        let cards: Value = client.get("cards", "children");
        assert!(cards.to_string().contains("°F"), "{cards}");

        client
            .set("_pages_location", "pathname", "/city/Oslo")
            .await;
        let stats: String = client.get("city_stats", "children");
        assert!(!stats.is_empty());
        let figure: Value = client.get("city_graph", "figure");
        assert_eq!(
            figure["data"][0]["x"].as_array().unwrap().len(),
            30,
            "30 days"
        );
        client.set("days", "value", 7).await;
        let week: String = client.get("city_stats", "children");
        assert_ne!(stats, week);
        assert!(client.errors().is_empty(), "{:?}", client.errors());
    }
}
