//! A large figure: one WebGL scatter of N random points, drawn again each time N is
//! chosen. Its numbers go to the browser as typed arrays (`Trace::array`), as plotly.py
//! sends NumPy arrays.
//!
//! `cargo run --release --example big_figure`, then open http://127.0.0.1:8050/. Its
//! Python twin is tests/python/big_figure.py; `scripts/bench-big-data` times both.

use dash::prelude::*;

#[dash::app]
mod big {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        points: dcc::RadioItems,
        graph: dcc::Graph,
    }

    /// `points` random points in the unit square.
    #[callback(output = "graph.figure", input = "points.value")]
    fn draw(points: u32) -> Figure {
        let mut random = Random(u64::from(points));
        let x: Vec<f64> = (0..points).map(|_| random.unit()).collect();
        let y: Vec<f64> = (0..points).map(|_| random.unit()).collect();
        Figure::new()
            .trace(
                Trace::new("scattergl")
                    .array("x", &x)
                    .array("y", &y)
                    .set("mode", "markers")
                    .set("marker.size", 2),
            )
            .layout(serde_json::json!({"title": {"text": format!("{points} points")}}))
    }

    /// splitmix64: a quick, seeded source of doubles in [0, 1).
    struct Random(u64);

    impl Random {
        fn unit(&mut self) -> f64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            (z >> 11) as f64 / (1_u64 << 53) as f64
        }
    }
}

fn layout() -> html::Div {
    html::Div::new().children([
        dcc::RadioItems::new()
            .id("points")
            .options([10, 10_000, 100_000, 1_000_000])
            .value(10)
            .inline(true)
            .into(),
        dcc::Graph::new().id("graph").into(),
    ])
}

/// The app, configured; `main` runs it and the tests below drive it.
fn app() -> Dash {
    Dash::new()
        .title("Big figure")
        .layout(layout())
        .app::<big::Ids>()
}

fn main() -> Result<(), dash::StartupError> {
    app().run()
}

/// `cargo test --example big_figure`: the app's chain without a browser.
#[cfg(test)]
mod tests {
    use dash::TestClient;
    use serde_json::Value;

    #[tokio::test]
    async fn each_choice_draws_that_many_points_as_typed_arrays() {
        let mut client = TestClient::new(super::app()).await.unwrap();
        let figure: Value = client.get("graph", "figure");
        assert_eq!(figure["layout"]["title"]["text"], "10 points");
        client.set("points", "value", 10_000).await;
        let figure: Value = client.get("graph", "figure");
        assert_eq!(figure["layout"]["title"]["text"], "10000 points");
        // 10,000 doubles as base64 bytes, not a JSON list.
        let x = &figure["data"][0]["x"];
        assert_eq!(x["dtype"], "f8", "{x}");
        assert!(x["bdata"].as_str().unwrap().len() > 100_000);
        assert_eq!(client.calls("draw"), 2);
        assert!(client.errors().is_empty(), "{:?}", client.errors());
    }
}
