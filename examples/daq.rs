//! A boiler's control panel built from dash-daq, the fourth suite: a crate written by
//! `dash-codegen suite dash-daq==0.6.0` (dash-daq/ in this repository), used here as any
//! app uses it. A power switch lights an indicator in the colour a colour picker chooses;
//! a numeric input sets the setpoint, which an LED display and a gauge show.
//!
//! `cargo run --example daq --features daq`, then open http://127.0.0.1:8050/.

use dash::prelude::*;
use dash_daq::{
    BooleanSwitch, ColorPicker, Gauge, Indicator, LEDDisplay, NumericInput, color_picker,
};

#[dash::app]
pub mod panel {
    use dash::prelude::*;
    use dash_daq::color_picker::Value as Colour;
    use dash_daq::{BooleanSwitch, ColorPicker, Gauge, Indicator, LEDDisplay, NumericInput};

    #[ids]
    pub struct Ids {
        power: BooleanSwitch,
        lamp: Indicator,
        colour: ColorPicker,
        state: html::P,
        setpoint: NumericInput,
        display: LEDDisplay,
        gauge: Gauge,
        sent: html::Pre,
        picked: html::Pre,
    }

    /// The indicator is lit, in the chosen colour, while the switch is on.
    #[callback(
        output = "lamp.value",
        output = "lamp.color",
        output = "state.children",
        input = "power.on",
        input = "colour.value"
    )]
    pub fn lamp(on: Option<bool>, colour: Option<Colour>) -> (bool, String, String) {
        let on = on.unwrap_or(false);
        let hex = colour
            .and_then(|c| c.hex)
            .unwrap_or_else(|| "#119DFF".to_owned());
        let state = if on {
            format!("heating, lamp {hex}")
        } else {
            "off".to_owned()
        };
        (on, hex, state)
    }

    /// The setpoint on the LED display (one decimal) and the gauge; a cleared input
    /// arrives as `null` and shows dashes.
    #[callback(
        output = "display.value",
        output = "gauge.value",
        input = "setpoint.value"
    )]
    pub fn setpoint(value: Option<f64>) -> (String, f64) {
        match value {
            Some(celsius) => (format!("{celsius:.1}"), celsius),
            None => ("--.-".to_owned(), 0.0),
        }
    }

    /// The JSON the numeric input sent, as it came.
    #[callback(output = "sent.children", input = "setpoint.value")]
    pub fn sent(value: serde_json::Value) -> String {
        value.to_string()
    }

    /// The JSON the colour picker sent, as it came.
    #[callback(output = "picked.children", input = "colour.value")]
    pub fn picked(value: serde_json::Value) -> String {
        value.to_string()
    }
}

fn layout() -> html::Div {
    html::Div::new()
        .style(serde_json::json!({"fontFamily": "sans-serif", "maxWidth": "720px", "margin": "24px auto"}))
        .children([
            html::H1::new().children("Boiler").into(),
            html::Div::new()
                .style(serde_json::json!({"display": "flex", "gap": "48px", "alignItems": "center"}))
                .children([
                    BooleanSwitch::new().id("power").on(false).label("Power").into(),
                    Indicator::new().id("lamp").value(false).label("Heating").into(),
                    ColorPicker::new()
                        .id("colour")
                        .label("Lamp colour")
                        .value(color_picker::Value::new().hex("#119DFF"))
                        .into(),
                ])
                .into(),
            html::P::new().id("state").into(),
            html::Div::new()
                .style(serde_json::json!({"display": "flex", "gap": "48px", "alignItems": "center"}))
                .children([
                    NumericInput::new()
                        .id("setpoint")
                        .label("Setpoint (°C)")
                        .min(0)
                        .max(90)
                        .value(40)
                        .into(),
                    LEDDisplay::new().id("display").label("Setpoint").value("40.0").into(),
                    Gauge::new()
                        .id("gauge")
                        .label("Boiler")
                        .min(0)
                        .max(90)
                        .value(40)
                        .show_current_value(true)
                        .units("°C")
                        .into(),
                ])
                .into(),
            html::Pre::new().id("sent").into(),
            html::Pre::new().id("picked").into(),
        ])
}

/// The app, configured; `main` runs it and the tests serve it.
pub fn app() -> Dash {
    Dash::new()
        .title("Boiler")
        .component_library(dash_daq::library())
        .layout(layout())
        .app::<panel::Ids>()
}

fn main() -> Result<(), dash::StartupError> {
    app().run()
}

/// `cargo test --example daq --features daq`: the instruments follow their controls,
/// without a browser.
#[cfg(test)]
mod tests {
    use dash::TestClient;
    use serde_json::{Value, json};

    #[tokio::test]
    async fn the_lamp_and_the_display_follow_their_controls() {
        let mut client = TestClient::new(super::app()).await.unwrap();
        assert_eq!(client.get::<String>("state", "children"), "off");
        client.set("power", "on", true).await;
        client
            .set(
                "colour",
                "value",
                json!({"hex": "#ff0000", "rgb": {"r": 255, "g": 0, "b": 0, "a": 1}}),
            )
            .await;
        assert_eq!(
            client.get::<String>("state", "children"),
            "heating, lamp #ff0000"
        );
        assert!(client.get::<bool>("lamp", "value"));
        client.set("setpoint", "value", 21.25).await;
        assert_eq!(client.get::<String>("display", "value"), "21.2");
        assert_eq!(client.get::<f64>("gauge", "value"), 21.25);
        // A cleared input: `null`, shown as dashes.
        client.set("setpoint", "value", Value::Null).await;
        assert_eq!(client.get::<String>("display", "value"), "--.-");
        assert_eq!(client.get::<String>("sent", "children"), "null");
        assert!(client.errors().is_empty(), "{:?}", client.errors());
    }
}
