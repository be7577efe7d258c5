//! A component library that is not Dash's own: its bundle is served by the app, and its
//! `Badge` component is typed by `dash-codegen` from the library's `metadata.json`.
//!
//! `cargo run --example custom_library`, then open http://127.0.0.1:8050/ and click the
//! badge. To regenerate `demo_components.rs` after changing `metadata.json`:
//!
//! ```sh
//! cargo run -p rust-dash-codegen -- library --metadata examples/custom_library/metadata.json \
//!     --namespace demo_components --out examples/custom_library/demo_components.rs
//! ```

mod demo_components;

use dash::ComponentLibrary;
use dash::prelude::*;
use demo_components::{Badge, badge::Color};

#[dash::app]
mod clicks {
    use super::demo_components::Badge;
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        badge: Badge,
        count: html::Div,
    }

    #[callback(output = "count.children", input = "badge.n_clicks")]
    fn count_clicks(clicks: Option<u32>) -> String {
        format!("{} clicks", clicks.unwrap_or(0))
    }
}

fn layout() -> html::Div {
    html::Div::new().children([
        Badge::new("Rust")
            .id("badge")
            .color(Color::Green)
            .children("click me")
            .footer(html::Em::new().children("a component in a prop"))
            .into(),
        html::Div::new().id("count").into(),
    ])
}

/// The app, configured; `main` runs it and the tests serve it.
pub fn app() -> Dash {
    Dash::new()
        .title("Custom library")
        .component_library(
            ComponentLibrary::new("demo_components", "1.0.0")
                .script("demo_components.js", include_bytes!("demo_components.js"))
                .children_props(demo_components::NAMESPACE, demo_components::CHILDREN_PROPS),
        )
        .layout(layout())
        .app::<clicks::Ids>()
}

fn main() -> Result<(), dash::StartupError> {
    app().run()
}

/// `cargo test --example custom_library`: the library's component in the layout, and its
/// clicks counted, without a browser.
#[cfg(test)]
mod tests {
    use dash::TestClient;

    #[tokio::test]
    async fn the_badge_counts_its_clicks() {
        let mut client = TestClient::new(super::app()).await.unwrap();
        assert_eq!(client.get::<String>("count", "children"), "0 clicks");
        client.click("badge").await;
        client.click("badge").await;
        assert_eq!(client.get::<String>("count", "children"), "2 clicks");
        assert_eq!(
            client.layout()["props"]["children"][0]["namespace"],
            "demo_components"
        );
        assert!(client.errors().is_empty(), "{:?}", client.errors());
    }
}
