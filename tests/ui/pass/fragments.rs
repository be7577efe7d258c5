// An app split over several modules that share one `Ids`: the fragment names it with
// `ids = ..`, and registers its callbacks as `Callbacks`. Fields must be visible to the
// fragment (`pub(crate)` or `pub`).
#[dash::app]
pub mod main_app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        pub(crate) city: dcc::Dropdown,
        pub(crate) summary: html::Div,
        #[id = "detail-text"]
        pub(crate) detail: html::Div,
    }

    #[callback(output = "summary.children", input = "city.value")]
    fn summary(city: Option<String>) -> String {
        city.unwrap_or_default()
    }
}

#[dash::app(ids = crate::main_app::Ids)]
pub mod details {
    use dash::prelude::*;

    #[callback(output = "detail-text.children", input = "city.value")]
    fn detail(city: Option<String>) -> String {
        format!("about {}", city.unwrap_or_default())
    }
}

fn main() {
    let _ = dash::Dash::new()
        .app::<main_app::Ids>()
        .app::<details::Callbacks>();
}
