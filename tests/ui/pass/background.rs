// A background callback with progress props, defaults, a cancel input and `running`, sync
// and async, builds; its dependency carries `background` and the server adds the cancel
// callback.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        run: html::Button,
        stop: html::Button,
        bar: html::Progress,
        status: html::P,
        out: html::P,
        late: html::P,
    }

    #[callback(
        output = "out.children",
        input = "run.n_clicks",
        background,
        interval = 250,
        progress(prop = "bar.value", default = "0"),
        progress(prop = "status.children", default = "idle"),
        cancel = "stop.n_clicks",
        running(prop = "run.disabled", on = true, off = false),
        prevent_initial_call
    )]
    fn simulate(
        _: Option<u32>,
        progress: Progress<(String, String)>,
    ) -> Result<String, CallbackError> {
        progress.set(("50".to_owned(), "half way".to_owned()))?;
        Ok("done".to_owned())
    }

    #[callback(output = "late.children", input = "out.children", background,
               progress = "status.title")]
    async fn later(text: Option<String>, progress: Progress<String>) -> String {
        let _ = progress.set("working".to_owned());
        text.unwrap_or_default()
    }
}

#[dash::app]
mod live {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        go: html::Button,
        note: dcc::Input,
        out: html::P,
        status: html::P,
    }

    /// Over the WebSocket: pushes a status, reads the page.
    #[callback(output = "out.children", input = "go.n_clicks", websocket)]
    async fn live(ctx: Ctx, _: Option<u32>) -> Result<String, CallbackError> {
        ctx.set_props("status", "children", "reading");
        let note: Option<String> = ctx.get_prop("note", "value").await?;
        Ok(note.unwrap_or_default())
    }
}

fn main() {
    use dash::App;
    assert!(live::Ids::callbacks()[0].dependency.websocket);
    let specs = app::Ids::callbacks();
    let background = specs[0].dependency.background.as_ref().expect("background");
    assert_eq!(background.interval_ms, 250);
    assert_eq!(background.progress.len(), 2);
    assert_eq!(
        background.progress_default,
        Some(vec![serde_json::json!("0"), serde_json::json!("idle")])
    );
    assert_eq!(background.cancel[0].to_string(), "stop.n_clicks");
    assert_eq!(specs[1].dependency.background.as_ref().unwrap().interval_ms, 1000);
}
