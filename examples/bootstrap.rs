//! A Bootstrap form (dash-bootstrap-components) with Bootstrap's own theme served by the app: a
//! navbar, a card with a city `Select`, a number `Input` and a `Button`, and an `Alert`
//! whose text and colour a callback writes.
//!
//! `cargo run --example bootstrap --features bootstrap`, then open http://127.0.0.1:8050/.

use dash::prelude::*;
use dash_bootstrap::{
    Alert, Button, Card, CardBody, CardHeader, Col, Container, Label, NavbarSimple, Row, Select,
    input::{Input, Type},
    themes,
};
use dash_examples::weather::CITIES;

#[dash::app]
pub mod form {
    use dash_bootstrap::{Alert, Button, Select, input::Input};

    #[ids]
    pub struct Ids {
        city: Select,
        threshold: Input,
        check: Button,
        verdict: Alert,
    }

    /// Whether noon on 1 January was warmer than the threshold, in the alert's colour.
    #[callback(
        output = "verdict.children",
        output = "verdict.color",
        input = "check.n_clicks",
        state = "city.value",
        state = "threshold.value",
        prevent_initial_call
    )]
    pub fn check(
        _clicks: Option<u32>,
        city: Option<String>,
        threshold: Option<f64>,
    ) -> (String, String) {
        let (Some(city), Some(threshold)) = (city, threshold) else {
            return (
                "choose a city and a threshold".to_owned(),
                "warning".to_owned(),
            );
        };
        let celsius = dash_examples::weather::temperature(&city, 720);
        if celsius > threshold {
            (
                format!("{city}: {celsius} °C, above {threshold}"),
                "success".to_owned(),
            )
        } else {
            (
                format!("{city}: {celsius} °C, not above {threshold}"),
                "danger".to_owned(),
            )
        }
    }
}

fn layout() -> html::Div {
    let options: Vec<serde_json::Value> = CITIES
        .iter()
        .map(|city| serde_json::json!({"label": city, "value": city}))
        .collect();
    let form = CardBody::new().children([
        Label::new().children("City").into(),
        Select::new()
            .id("city")
            .options(options)
            .value("Oslo")
            .into(),
        Label::new()
            .children("Threshold (°C)")
            .class_name("mt-3")
            .into(),
        Input::new()
            .id("threshold")
            .r#type(Type::Number)
            .value(0)
            .into(),
        Button::new()
            .id("check")
            .color("primary")
            .class_name("mt-3")
            .children("Check")
            .into(),
    ]);
    html::Div::new().children([
        NavbarSimple::new()
            .brand("Weather")
            .color("primary")
            .dark(true)
            .into(),
        Container::new()
            .class_name("mt-4")
            .children(
                Row::new().children([
                    Col::new()
                        .md(6)
                        .children(Card::new().children([
                            CardHeader::new().children("Was it warm?").into(),
                            form.into(),
                        ]))
                        .into(),
                    Col::new()
                        .md(6)
                        .children(Alert::new().id("verdict").color("secondary").children("…"))
                        .into(),
                ]),
            )
            .into(),
    ])
}

/// The app, configured; `main` runs it and the tests serve it.
pub fn app() -> Dash {
    Dash::new()
        .title("Bootstrap")
        .component_library(dash_bootstrap::library(themes::BOOTSTRAP))
        .layout(layout())
        .app::<form::Ids>()
}

fn main() -> Result<(), dash::StartupError> {
    app().run()
}

/// `cargo test --example bootstrap --features bootstrap`: the form's check, without a
/// browser.
#[cfg(test)]
mod tests {
    use dash::TestClient;

    #[tokio::test]
    async fn the_check_colours_its_verdict() {
        let mut client = TestClient::new(super::app()).await.unwrap();
        assert_eq!(client.calls("check"), 0, "it waits for the button");
        client.set("city", "value", "Cairo").await;
        client.set("threshold", "value", -50).await;
        client.click("check").await;
        let verdict: String = client.get("verdict", "children");
        assert!(
            verdict.starts_with("Cairo:") && verdict.contains("above -50"),
            "{verdict}"
        );
        assert_eq!(client.get::<String>("verdict", "color"), "success");
        client.set("threshold", "value", 60).await;
        assert_eq!(client.calls("check"), 1, "state alone triggers nothing");
        client.click("check").await;
        assert_eq!(client.get::<String>("verdict", "color"), "danger");
        assert!(client.errors().is_empty(), "{:?}", client.errors());
    }
}
