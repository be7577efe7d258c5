// Every form a callback may take compiles: sync, async, inline, several outputs, state,
// `Result`, `Update`, `prevent_initial_call`.
#[dash::app]
pub mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: Component,
        b: Component,
        c: Component,
        store: Component,
    }

    #[callback(output = "b.children", input = "a.value")]
    fn plain(x: Option<i64>) -> i64 {
        x.unwrap_or(0)
    }

    #[callback(output = "b.title", output = "c.children", input = "a.n_clicks", state = "store.data")]
    fn several(clicks: Option<u32>, data: Vec<String>) -> (Update<String>, usize) {
        (clicks.map_or(Update::NoUpdate, |n| Update::Set(n.to_string())), data.len())
    }

    #[callback(output = "c.title", input = "a.title", prevent_initial_call)]
    async fn later(text: Option<String>) -> Result<String, CallbackError> {
        text.ok_or_else(|| PreventUpdate.into())
    }

    #[callback(output = "store.data", input = "c.n_clicks", blocking = false)]
    fn quick(_clicks: Option<u32>) -> Vec<String> {
        vec!["a".into()]
    }
}

fn main() {
    let callbacks = <app::Ids as dash::App>::callbacks();
    assert_eq!(callbacks.len(), 4);
    assert_eq!(callbacks[1].dependency.output_key(), "..b.title...c.children..");
    assert!(callbacks[2].dependency.prevent_initial_call);
    assert!(callbacks[0].location.ends_with("every_form.rs:16:8"), "{}", callbacks[0].location);
}
