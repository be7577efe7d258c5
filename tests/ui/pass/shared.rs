// `Shared<T>` parameters are not inputs: they may come anywhere, sync or async, and do not
// count against the inputs and state.
use std::collections::HashMap;

pub struct Capitals(pub HashMap<String, String>);

#[dash::app]
pub mod app {
    use super::Capitals;
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        country: dcc::Input,
        capital: html::Div,
        size: html::Div,
    }

    #[callback(output = "capital.children", input = "country.value")]
    fn capital(capitals: Shared<Capitals>, country: Option<String>) -> String {
        capitals.0.get(&country.unwrap_or_default()).cloned().unwrap_or_default()
    }

    #[callback(output = "size.children", input = "country.value")]
    async fn size(country: Option<String>, capitals: Shared<Capitals>) -> usize {
        country.map_or(capitals.0.len(), |c| c.len())
    }
}

fn main() {
    let _ = dash::Dash::new()
        .share(Capitals(HashMap::new()))
        .app::<app::Ids>();
}
