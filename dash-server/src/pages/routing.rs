//! The page container and the two callbacks that route, with Python Dash's ids and
//! props, so that the renderer behaves as it does with Python: the pages' `dcc.Location`
//! writes the path on load and on each `dcc.Link`, the routing callback answers with the
//! page's layout and title, and a clientside callback puts the title on the tab.

use dash_core::{
    Args, CallContext, CallbackError, CallbackResult, CallbackSpec, Component, Handler, Node, Out,
    PropId, Returned,
};
use serde_json::json;

use super::PageRegistry;

/// The id of the pages' `dcc.Location`.
pub(crate) const LOCATION: &str = "_pages_location";
/// The id of the `html.Div` a page's layout goes into.
pub(crate) const CONTENT: &str = "_pages_content";
/// The id of the `dcc.Store` that carries the page's title to the browser.
const STORE: &str = "_pages_store";
/// The id of the output of the clientside title callback.
const DUMMY: &str = "_pages_dummy";

/// The namespace of `window.dash_clientside` that holds the title function.
const NAMESPACE: &str = "_dash_pages";

/// The script that defines the title function, in the page before the renderer starts
/// (Python Dash sends its function inline the same way).
pub(crate) const TITLE_SCRIPT: &str = "<script>window.dash_clientside = window.dash_clientside || {}; window.dash_clientside._dash_pages = {title: function (data) { if (data && data.title) { document.title = data.title; } return window.dash_clientside.no_update; }};</script>";

/// Where the pages go: put it in the app's layout, beside what every page shares (a
/// navigation bar, say). An app with pages and no layout gets it as its layout. It holds,
/// as in Python Dash, a `dcc.Location` (`_pages_location`), the `html.Div` the page's
/// layout goes into (`_pages_content`), and two components the title travels through.
pub fn page_container() -> Node {
    Component::html("Div")
        .children(vec![
            Node::from(
                Component::dcc("Location")
                    .id(LOCATION)
                    .prop("refresh", "callback-nav"),
            ),
            Component::html("Div")
                .id(CONTENT)
                .prop("disable_n_clicks", true)
                .into(),
            Component::dcc("Store").id(STORE).into(),
            Component::html("Div")
                .id(DUMMY)
                .prop("disable_n_clicks", true)
                .into(),
        ])
        .into()
}

fn prop(id: &'static str, property: &'static str) -> PropId {
    PropId::new(id, property)
}

/// The routing callback and the title callback, as Python Dash registers them.
pub(crate) fn callbacks() -> [CallbackSpec; 2] {
    let routing = CallbackSpec::new("dash::pages::route", Handler::Blocking(route))
        .output(prop(CONTENT, "children"))
        .output(prop(STORE, "data"))
        .input(prop(LOCATION, "pathname"))
        .input(prop(LOCATION, "search"))
        .prevent_initial_call(true)
        .hidden(true);
    let title = CallbackSpec::clientside(
        "dash::pages::title",
        dash_core::Clientside::function(NAMESPACE, "title"),
    )
    .output(prop(DUMMY, "children"))
    .input(prop(STORE, "data"))
    .hidden(true);
    [routing, title]
}

/// The routing callback: the page at the Location's path, and its title.
fn route(mut args: Args, ctx: &CallContext) -> CallbackResult {
    let registry = ctx
        .shared::<PageRegistry>()
        .ok_or_else(|| CallbackError::msg("the app has no pages"))?;
    let pathname = args.take(0).into_value();
    let search = args.take(1).into_value();
    let routed = registry.route(pathname.as_str(), search.as_str());
    let layout = serde_json::to_value(&routed.layout).map_err(CallbackError::msg)?;
    Returned::new(
        vec![Out::Json(layout), Out::Json(json!({"title": routed.title}))],
        ctx,
    )
}
