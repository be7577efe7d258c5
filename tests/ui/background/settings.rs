// Every mistake in a background callback's settings is reported, each at its own place,
// in one compile.
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
    }

    // The background settings without `background`.
    #[callback(output = "out.children", input = "run.n_clicks", interval = 500,
               progress = "status.children", cancel = "stop.n_clicks")]
    fn not_background(_: Option<u32>) -> String {
        String::new()
    }

    // `Progress` without `background`.
    #[callback(output = "out.children", input = "run.n_clicks", allow_duplicate,
               prevent_initial_call)]
    fn progress_only(_: Option<u32>, progress: Progress<String>) -> String {
        let _ = progress;
        String::new()
    }

    // `Progress` with no progress props.
    #[callback(output = "out.children", input = "stop.n_clicks", background, allow_duplicate,
               prevent_initial_call)]
    fn no_props(_: Option<u32>, progress: Progress<String>) -> String {
        let _ = progress;
        String::new()
    }

    // A background job over the WebSocket.
    #[callback(output = "out.children", input = "run.n_clicks", background, websocket,
               allow_duplicate, prevent_initial_call)]
    fn both(_: Option<u32>) -> String {
        String::new()
    }

    // Run inline on the async runtime.
    #[callback(output = "out.children", input = "stop.n_clicks", background, blocking = false,
               allow_duplicate, prevent_initial_call)]
    fn inline(_: Option<u32>) -> String {
        String::new()
    }

    // Two progress props and a single value; a default for one of them only; an interval
    // that is not a number of milliseconds.
    #[callback(output = "status.children", input = "run.n_clicks", background,
               progress(prop = "bar.value", default = "0"), progress = "out.title",
               interval = 1.5)]
    fn mismatched(_: Option<u32>, progress: Progress<String>) -> String {
        let _ = progress;
        String::new()
    }
}

// The progress value has the prop's type: `html.Progress` takes its value as text.
#[dash::app]
mod types {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        run: html::Button,
        bar: html::Progress,
        out: html::P,
    }

    #[callback(output = "out.children", input = "run.n_clicks", background,
               progress(prop = "bar.value", default = 0))]
    fn wrong_type(_: Option<u32>, progress: Progress<u32>) -> String {
        let _ = progress;
        String::new()
    }
}

fn main() {}
