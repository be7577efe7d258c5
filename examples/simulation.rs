//! A long job as a background callback: a "simulation" of a city's temperature that takes
//! a few seconds, with a progress bar and a status line that advance while it runs, a
//! cancel button, and the result kept on the server (a `ServerStore`) for the chart that
//! reads it. The request that starts the job answers at once; the browser polls the job.
//!
//! The same simulation runs live over the page's WebSocket too ("Run live"): its status
//! line is pushed to the page as each day is simulated, and it reads the day count from the
//! page at each step, so changing it mid-run moves where the run ends.
//!
//! `cargo run --example simulation`, then open http://127.0.0.1:8050/.

use dash::prelude::*;
use serde::{Deserialize, Serialize};

/// The simulated days of one run, in °C.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Run {
    pub city: String,
    pub days: Vec<f64>,
}

/// How long one simulated day takes.
pub const STEP: std::time::Duration = std::time::Duration::from_millis(150);

#[dash::app]
pub mod simulation {
    use std::sync::Arc;

    use super::{Run, STEP};
    use dash::prelude::*;
    use dash_examples::weather;

    #[ids]
    pub struct Ids {
        city: dcc::Dropdown,
        days: dcc::Input,
        run: html::Button,
        stop: html::Button,
        bar: html::Progress,
        status: html::P,
        outcome: ServerStore<Run>,
        chart: dcc::Graph,
        summary: html::P,
        run_live: html::Button,
        live_status: html::P,
        live_summary: html::P,
    }

    /// Simulates one day after another, reporting each; stops when cancelled.
    #[callback(
        output = "outcome.data",
        input = "run.n_clicks",
        state = "city.value",
        state = "days.value",
        background,
        interval = 200,
        progress(prop = "bar.value", default = "0"),
        progress(prop = "status.children", default = "idle"),
        cancel = "stop.n_clicks",
        running(prop = "run.disabled", on = true, off = false),
        running(prop = "stop.disabled", on = false, off = true),
        prevent_initial_call
    )]
    pub fn simulate(
        _clicks: Option<u32>,
        city: Option<String>,
        days: Option<f64>,
        progress: Progress<(String, String)>,
    ) -> Result<Run, CallbackError> {
        let city = city.ok_or(PreventUpdate)?;
        let total = days.unwrap_or(20.0).clamp(1.0, 365.0) as u32;
        let mut simulated = Vec::new();
        for day in 0..total {
            std::thread::sleep(STEP);
            simulated.push(weather::temperature(&city, u64::from(day) * 1440 + 720));
            // `html.Progress` takes its value as text.
            let percent = (day + 1) * 100 / total;
            progress.set((percent.to_string(), format!("day {} of {total}", day + 1)))?;
        }
        Ok(Run {
            city,
            days: simulated,
        })
    }

    /// The same simulation over the WebSocket: each day's status is pushed to the page as
    /// it is written, and the day count is read from the page at each step.
    #[callback(
        output = "live_summary.children",
        input = "run_live.n_clicks",
        state = "city.value",
        websocket,
        prevent_initial_call
    )]
    pub async fn simulate_live(
        ctx: Ctx,
        _clicks: Option<u32>,
        city: Option<String>,
    ) -> Result<String, CallbackError> {
        let city = city.ok_or(PreventUpdate)?;
        let mut simulated: Vec<f64> = Vec::new();
        loop {
            let total: Option<f64> = ctx.get_prop("days", "value").await?;
            let total = total.unwrap_or(20.0).clamp(1.0, 365.0) as usize;
            if simulated.len() >= total {
                break;
            }
            tokio::time::sleep(STEP).await;
            let day = simulated.len() as u64;
            simulated.push(weather::temperature(&city, day * 1440 + 720));
            ctx.set_props(
                "live_status",
                "children",
                format!("day {} of {total}", simulated.len()),
            );
        }
        let mean = simulated.iter().sum::<f64>() / simulated.len() as f64;
        Ok(format!(
            "{city}: mean {mean:.1} °C over {} days, live",
            simulated.len()
        ))
    }

    /// The finished run, drawn.
    #[callback(
        output = "chart.figure",
        output = "summary.children",
        input = "outcome.data"
    )]
    pub fn draw(run: Option<Arc<Run>>) -> (Figure, String) {
        let Some(run) = run else {
            return (Figure::default(), "no run yet".to_owned());
        };
        let days: Vec<u32> = (1..=run.days.len() as u32).collect();
        let figure = Figure::new()
            .trace(
                serde_json::json!({"type": "scatter", "x": days, "y": run.days, "name": run.city}),
            )
            .layout(serde_json::json!({
                "title": {"text": format!("{}: {} simulated days", run.city, run.days.len())},
            }));
        let mean = run.days.iter().sum::<f64>() / run.days.len().max(1) as f64;
        (
            figure,
            format!(
                "{}: mean {mean:.1} °C over {} days",
                run.city,
                run.days.len()
            ),
        )
    }
}

fn layout() -> html::Div {
    html::Div::new()
        .style(serde_json::json!({"fontFamily": "sans-serif", "maxWidth": "760px", "margin": "24px auto"}))
        .children([
            html::H1::new().children("Simulation").into(),
            dcc::Dropdown::new()
                .id("city")
                .options(dash_examples::weather::CITIES)
                .value("Oslo")
                .clearable(false)
                .into(),
            dcc::Input::new()
                .id("days")
                .r#type(dcc::input::Type::Number)
                .value(20)
                .min(1)
                .max(365)
                .into(),
            html::Button::new().id("run").children("Run").into(),
            html::Button::new()
                .id("stop")
                .children("Cancel")
                .disabled(true)
                .into(),
            html::Div::new()
                .children([
                    html::Progress::new().id("bar").value("0").max("100").into(),
                    html::P::new().id("status").children("idle").into(),
                ])
                .into(),
            ServerStore::<Run>::new("outcome").into(),
            dcc::Graph::new().id("chart").into(),
            html::P::new().id("summary").into(),
            html::Button::new().id("run_live").children("Run live").into(),
            html::P::new().id("live_status").into(),
            html::P::new().id("live_summary").into(),
        ])
}

/// The app, configured; `main` runs it and the tests serve it.
pub fn app() -> Dash {
    Dash::new()
        .title("Simulation")
        .layout(layout())
        .app::<simulation::Ids>()
}

fn main() -> Result<(), dash::StartupError> {
    app().run()
}

/// `cargo test --example simulation`: the background job run to its end without a
/// browser; the test client polls it as the page does.
#[cfg(test)]
mod tests {
    use dash::TestClient;

    #[tokio::test]
    async fn a_run_reports_its_progress_and_draws_its_days() {
        let mut client = TestClient::new(super::app()).await.unwrap();
        assert_eq!(client.get::<String>("summary", "children"), "no run yet");
        client.set("days", "value", 3).await;
        client.click("run").await;
        let summary: String = client.get("summary", "children");
        assert!(
            summary.starts_with("Oslo: mean") && summary.ends_with("over 3 days"),
            "{summary}"
        );
        // The progress props are back at their defaults, and `running` is off again.
        assert_eq!(client.get::<String>("status", "children"), "idle");
        assert!(!client.get::<bool>("run", "disabled"));
        assert!(client.get::<bool>("stop", "disabled"));
        assert_eq!(client.calls("simulate"), 1);
        assert!(client.errors().is_empty(), "{:?}", client.errors());
    }
}
