//! Every message the macro can print, in one place, so the UI snapshots read like docs.

use std::fmt::Display;

pub(crate) const APP_NEEDS_INLINE_MODULE: &str =
    "#[dash::app] needs a module with inline contents: `mod name { ... }`";
pub(crate) const APP_ARGUMENTS: &str = "#[dash::app] takes no arguments, or `ids = path::to::Ids` for a \
     fragment of an app whose `#[ids]` struct is in another module";
pub(crate) const FRAGMENT_WITH_IDS: &str = "this module is a fragment (`ids = ..`), so it uses that `Ids`; \
     remove this `#[ids]` struct or the `ids` argument";
pub(crate) const MISSING_IDS: &str = "this app module has no `#[ids] struct`; declare one whose fields name the \
     components callbacks use, e.g. `#[ids] pub struct Ids { score: Component, output: Component }`";
pub(crate) const IDS_NEEDS_NAMED_FIELDS: &str =
    "#[ids] needs a struct with named fields, one per component id";
pub(crate) const IDS_TAKES_NO_ARGUMENTS: &str = "#[ids] takes no arguments";
pub(crate) const CALLBACK_OUTSIDE_APP: &str =
    "#[callback] only works inside a `#[dash::app] mod`, which checks the whole callback graph";
pub(crate) const IDS_OUTSIDE_APP: &str = "#[ids] only works inside a `#[dash::app] mod`";
pub(crate) const CALLBACK_NOT_A_FN: &str = "#[callback] goes on a plain `fn` or `async fn`; for \
     JavaScript the browser runs, put #[clientside] on a `const`";

pub(crate) const CLIENTSIDE_OUTSIDE_APP: &str =
    "#[clientside] only works inside a `#[dash::app] mod`, which checks the whole callback graph";
pub(crate) const CLIENTSIDE_FORMS: &str = "#[clientside] goes on a `const` that holds the function: \
     `const NAME: &str = r#\"(value) => ..\"#;` for JavaScript source, or \
     `const NAME: ClientsideFunction = ClientsideFunction::new(\"namespace\", \"function\");` for a \
     function a script of the app's assets defines";
pub(crate) const CLIENTSIDE_FEATURE: &str = "a clientside callback's JavaScript is parsed when the app \
     compiles, by a parser the feature `clientside` of `rust-dash` brings: \
     `rust-dash = { version = \"..\", features = [\"clientside\"] }` in Cargo.toml";
pub(crate) const CLIENTSIDE_CLOSES_SCRIPT: &str = "this JavaScript holds `</script` or `<!--`, which \
     would end the page's script element early, or keep it from ending, and break the page; \
     write `<\\/script` or `<\\!--` inside a string";
pub(crate) const CLIENTSIDE_NOT_A_FUNCTION: &str = "a clientside callback's source is one function \
     expression: `(a, b) => ..`, `function (a, b) { .. }` or `async (a) => ..`";
pub(crate) const CLIENTSIDE_EMPTY_FUNCTION: &str =
    "the function's name is empty: name the function of the namespace the renderer calls";
pub(crate) const ENDPOINT_BACKGROUND: &str = "a background callback cannot have an \
     `api_endpoint`: its answer comes by polls the page makes, which a plain HTTP client \
     does not";
pub(crate) const ENDPOINT_PATTERN: &str = "a callback with an `api_endpoint` cannot take a \
     pattern: a JSON object by name gives one value per argument, not the components a \
     pattern matches";
pub(crate) const MCP_BACKGROUND: &str = "a background callback cannot be an MCP tool \
     (`mcp = true`): its answer comes by polls the page makes, which a tool call does not";
pub(crate) const MCP_PATTERN: &str = "a callback with a pattern cannot be an MCP tool \
     (`mcp = true`): a tool takes one value per argument, by name, not the components a \
     pattern matches";
pub(crate) const CLIENTSIDE_RUNNING_PATTERN: &str = "a clientside callback's `running` props need \
     plain ids: its wrapper sets them in the page, where no wildcard is filled";
pub(crate) const NO_OUTPUT_RETURNS: &str = "a callback without outputs returns nothing: return `()` or \
     `Result<(), E>`, and write props with `ctx.set_props` (or add an `output = \"id.prop\"`)";
pub(crate) const NEEDS_INPUT: &str = "a callback needs at least one `input = \"id.prop\"`: the browser runs it \
     when an input changes";
pub(crate) const RUNNING_KEYS: &str = "write `running(prop = \"id.prop\", on = VALUE, off = VALUE)`: the prop \
     takes `on` while the callback runs and `off` when it has answered, each key once";
pub(crate) const ON_ERROR_NEEDS_RESULT: &str = "`on_error` handles the `Err` of a callback that returns \
     `Result<T, E>`; this one cannot fail (a panic is not handled: it answers 500)";
pub(crate) const MEMOIZED_CONTEXT: &str = "a memoized callback cannot take the context: a cached result \
     must depend on the inputs and state alone, not on which one fired, the headers or \
     side updates";
pub(crate) const DUPLICATE_INPUT: &str = "this prop is already an input of this callback";
pub(crate) const GENERIC_CALLBACK: &str =
    "callbacks cannot be generic: the server must know every argument's type";
pub(crate) const SELF_PARAMETER: &str = "callbacks are free functions and take no `self`";
pub(crate) const REFERENCE_PARAMETER: &str =
    "callbacks take owned values, decoded fresh for every request; write the type without `&`";
pub(crate) const IMPL_TRAIT_PARAMETER: &str =
    "callback parameters need a concrete type, not `impl Trait`";
pub(crate) const CONST_OR_UNSAFE_CALLBACK: &str =
    "callbacks cannot be `const`, `unsafe` or `extern`";

pub(crate) const ID_ATTRIBUTE: &str = "write the component id as `#[id = \"intermediate-value\"]`, for ids that are \
     not Rust identifiers";

pub(crate) const FAMILY_NOT_A_STRUCT: &str =
    "#[family] goes on a struct whose fields are the keys of its ids";
pub(crate) const FAMILY_ATTRIBUTE: &str = "write `#[family(Component)]` or `#[family(Component, type = \"name\")]`: \
     the component type its ids are for, and the `type` key (the struct's name in snake_case \
     by default)";
pub(crate) const FAMILY_NEEDS_NAMED_FIELDS: &str =
    "an id family is a struct with named fields, one per key of its ids";
pub(crate) const FAMILY_TYPE_FIELD: &str =
    "the `type` key of a family's ids is its name: set it with `#[family(.., type = \"name\")]`";
pub(crate) const FAMILY_GENERIC: &str = "an id family cannot be generic";
pub(crate) const PATTERN_REST: &str =
    "a pattern names every key of the family: `..` is not allowed here";
pub(crate) const RUNNING_PATTERN_INITIAL_CALL: &str = "a `running` prop with wildcards needs \
     `prevent_initial_call`: the browser fills them from the component that fired, and on an \
     initial call none has (the page fails with a TypeError)";
pub(crate) const ALLSMALLER_OUTPUT: &str =
    "`ALLSMALLER` in an output: outputs take `MATCH` or `ALL`";

pub(crate) const OPTIONAL_NOT_AN_ARGUMENT: &str = "`allow_optional` names an input or state of \
     this callback, written as it is there (`input = \"id.prop\"`, then `allow_optional = \"id.prop\"`)";

pub(crate) const EMBED_ASSETS_ARGUMENT: &str = "embed_assets! takes nothing, for the folder \
     `assets` next to Cargo.toml, or the folder's path from there as a string: \
     `embed_assets!(\"static\")`";
pub(crate) const EMBED_ASSETS_NO_MANIFEST: &str =
    "embed_assets! finds the folder next to Cargo.toml, and this build sets no CARGO_MANIFEST_DIR";

pub(crate) fn no_assets_folder(folder: &str) -> String {
    format!(
        "there is no folder `{folder}` next to this crate's Cargo.toml; create it, or name the \
         assets folder's path from there (a relative path): `embed_assets!(\"static\")`"
    )
}

pub(crate) fn unreadable_assets(folder: &str, error: &std::io::Error) -> String {
    format!("the assets folder `{folder}` cannot be read: {error}")
}

pub(crate) fn duplicate_family_type(name: &str, first: &str) -> String {
    format!(
        "the family `{first}` already has the `type` \"{name}\": each family needs its own, or \
         they would read each other's ids (set it with `#[family(.., type = \"..\")]`)"
    )
}

pub(crate) fn mismatched_match(keys: &str, first: &str) -> String {
    format!(
        "`MATCH` on {keys} here, but on {first} in the first output: every output of a callback \
         uses the same `MATCH` keys"
    )
}

pub(crate) fn match_not_in_outputs(wild: &str, key: &str) -> String {
    format!(
        "`{wild}` on `{key}` needs `MATCH` on `{key}` in the outputs: it picks the components that \
         go with each output"
    )
}

pub(crate) fn bad_id(id: &str) -> String {
    format!(
        "the id `{id}` holds `.` or `{{`, which the browser cannot use in an id: it splits \
         `id.prop` at the last dot and reads ids starting with `{{` as dictionaries"
    )
}

/// The diagnostic of a parameter that cannot take the `null` the browser sends for a prop
/// (`dash_syntax::BROWSER_NULLS`): message, label and note, with `{Self}` left for rustc.
pub(crate) fn browser_null(row: &dash_syntax::BrowserNull) -> [String; 3] {
    let (component, prop, when) = (row.component, row.prop, row.when);
    [
        format!("`{{Self}}` cannot take the `null` that a {component} sends for `{prop}`"),
        format!("the browser sends `null` for `{prop}` {when}"),
        "take `Option<{Self}>`, which reads `null` as `None` (or `serde_json::Value`)".to_owned(),
    ]
}

pub(crate) fn duplicate_variant(variant: &str) -> String {
    format!(
        "two inputs of this callback get the trigger variant `{variant}`: rename one of their \
         `#[ids]` fields"
    )
}

pub(crate) const MEMOIZED_ON_ERROR: &str = "a memoized callback cannot have `on_error`: a fallback must \
     not be cached as its result";
pub(crate) const SERVER_STORE_CONTEXT: &str = "a callback that writes a `ServerStore` cannot take the \
     context: a reader may compute the value again, with no request to give it one";

pub(crate) fn duplicate_id(id: &str) -> String {
    format!("two fields of the #[ids] struct stand for the id `{id}`")
}

/// Worded in `dash_syntax`, which the server's startup check reads too.
pub(crate) fn cycle(callbacks: &[String], closing: &str) -> String {
    let named: Vec<dash_syntax::Named> =
        callbacks.iter().map(|name| (name.as_str(), None)).collect();
    dash_syntax::cycle_message(&named, Some(closing))
}

pub(crate) const BAD_TTL: &str =
    "`ttl` is a duration such as \"90s\", \"10m\", \"2h\" or \"1d\", greater than zero";
pub(crate) const BAD_SCOPE: &str = "`scope` is \"app\" (shared by every user, the default) or \"session\" \
     (one browser session)";
pub(crate) const MEMOIZE_KEYS: &str =
    "`memoize(..)` takes `ttl = \"10m\"` and `scope = \"app\"` or `scope = \"session\"`";

pub(crate) const PROGRESS_KEYS: &str = "`progress(..)` takes `prop = \"id.prop\"` and, optionally, `default = EXPR` (the value the \
     prop gets back when the job ends); or write `progress = \"id.prop\"`";

pub(crate) fn needs_background(key: &str) -> String {
    format!(
        "`{key}` is a setting of background callbacks: add `background` to this #[callback] \
         (it then runs as a job the browser polls)"
    )
}

pub(crate) const PROGRESS_WITHOUT_BACKGROUND: &str = "`Progress` writes the progress props of a \
     background callback: add `background` and `progress = \"id.prop\"` to this #[callback]";

pub(crate) const PROGRESS_WITHOUT_PROPS: &str = "`Progress` writes the callback's progress props, \
     and it has none: add `progress = \"id.prop\"` (one per value of `Progress<T>`)";

pub(crate) fn progress_arity(props: usize) -> String {
    format!(
        "this callback has {props} progress props, so `Progress` takes a tuple of {props} values, \
         one per prop in the order the attribute lists them"
    )
}

pub(crate) const BACKGROUND_WEBSOCKET: &str = "a callback is either a background job (polled over \
     HTTP) or a WebSocket callback, not both: the renderer never sends a background callback \
     over the socket";

pub(crate) const BAD_INTERVAL: &str = "`interval` is a number of milliseconds, such as `500`";

pub(crate) const BACKGROUND_INLINE: &str = "a background callback runs for as long as it needs, \
     so it never runs on the async runtime: remove `blocking = false` (or make it an `async fn`)";

pub(crate) const PROGRESS_DEFAULTS: &str = "give every `progress` prop a `default`, or none: the \
     browser sets them all back together when the job ends (Dash's `progress_default` is one list)";

pub(crate) const EMPTY_REASON: &str = "`allow_global_writes` needs a reason: say why this write is safe, e.g. \
     `allow_global_writes = \"counts requests for metrics only\"`";

pub(crate) fn global_write(callback: &str, what: &str) -> String {
    format!(
        "`{callback}` {what}: callbacks must not write global state, which every user and every \
         server process shares; return the value through an output or a `Store` instead \
         (if this is a false positive, add `allow_global_writes = \"<why>\"` to #[callback])"
    )
}

pub(crate) fn duplicate_ids() -> String {
    "an app module has exactly one `#[ids] struct`; this is a second one".to_owned()
}

pub(crate) fn unknown_key(key: impl Display) -> String {
    format!(
        "unknown #[callback] key `{key}`; expected `output`, `input`, `state`, `prevent_initial_call`, `blocking`, `hidden`, `allow_optional`, `allow_duplicate`, `memoize`, `running`, `on_error`, `allow_global_writes`, `background`, `interval`, `progress`, `cancel`, `websocket`, `api_endpoint` or `mcp`"
    )
}

/// `keys`: the keys #[clientside] takes.
pub(crate) fn server_key(key: &str, keys: &[&str]) -> String {
    format!(
        "`{key}` is a server callback's key; a #[clientside] callback runs in the browser and \
         takes {}",
        quoted(keys)
    )
}

/// `keys`: the keys #[clientside] takes.
pub(crate) fn unknown_clientside_key(key: impl Display, keys: &[&str]) -> String {
    format!(
        "unknown #[clientside] key `{key}`; expected {}",
        quoted(keys)
    )
}

fn quoted(keys: &[&str]) -> String {
    let keys: Vec<String> = keys.iter().map(|key| format!("`{key}`")).collect();
    listed(&keys, "or")
}

pub(crate) fn endpoint(problem: &str) -> String {
    format!("this API endpoint {problem}")
}

pub(crate) fn clientside_namespace(problem: &str) -> String {
    format!("this clientside function cannot be used: {problem}")
}

pub(crate) fn clientside_server_store(prop: &str) -> String {
    format!(
        "a clientside callback cannot use `{prop}`: a server store's data stays on the server, \
         and the browser holds only a handle to it"
    )
}

/// A syntax error in an inline source: where, what, and the line with a caret.
pub(crate) fn js_syntax(line: usize, column: usize, what: &str, excerpt: &str) -> String {
    format!("JavaScript syntax error at line {line}, column {column}: {what}\n{excerpt}")
}

pub(crate) fn js_arity(name: &str, params: usize, inputs: usize, state: usize) -> String {
    format!(
        "`{name}`'s function takes {params} parameter{}, but the renderer calls it with {} \
         value{} ({inputs} input{} then {state} state); give it one parameter per input and \
         state, in order (parameters with a default value may be left out, and a rest \
         parameter `...values` takes the rest)",
        plural(params),
        inputs + state,
        plural(inputs + state),
        plural(inputs),
    )
}

/// A returned array of the wrong length, with where it starts in the source.
pub(crate) fn js_array_length(
    returned: usize,
    outputs: usize,
    (line, column, excerpt): (usize, usize, &str),
) -> String {
    format!(
        "the array returned at line {line}, column {column} has {returned} element{}, but the \
         callback has {outputs} outputs: the renderer gives the array's elements to the \
         outputs in order (put `dash_clientside.no_update` where an output stays as it is)\n\
         {excerpt}",
        plural(returned)
    )
}

pub(crate) fn repeated_key(key: &str, repeatable: &[&str]) -> String {
    let repeatable: Vec<String> = repeatable.iter().map(|k| format!("`{k}`")).collect();
    format!(
        "`{key}` is already set in this #[callback]; every key but {} is written once",
        listed(&repeatable, "and")
    )
}

pub(crate) fn bad_prop(text: &str) -> String {
    format!("`{text}` is not a property: write `\"id.prop\"`, e.g. `\"graph.figure\"`")
}

/// `` `a`, `b` ``, or `none`.
fn id_list(declared: &[String]) -> String {
    if declared.is_empty() {
        return "none".to_owned();
    }
    declared
        .iter()
        .map(|d| format!("`{d}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn unknown_id(id: &str, prop: &str, declared: &[String]) -> String {
    let list = id_list(declared);
    format!(
        "`{prop}` names the id `{id}`, which is not a field of the #[ids] struct (declared ids: {list})"
    )
}

pub(crate) fn unknown_set_props_id(id: &str, declared: &[String]) -> String {
    let list = id_list(declared);
    format!(
        "`set_props` names the id `{id}`, which is not a field of the #[ids] struct (declared ids: {list}); \
         for an id computed at run time, use `set_props_dyn`"
    )
}

pub(crate) fn trigger_module_hides(name: &str) -> String {
    format!(
        "a callback that takes `Ctx<{name}::Trigger>` gets a module `{name}` for its trigger, which \
         would hide the prelude's `{name}` components: rename the callback"
    )
}

pub(crate) fn arity(name: &str, params: usize, inputs: usize, state: usize) -> String {
    format!(
        "`{name}` takes {params} parameter{} for properties, but its attribute lists {inputs} input{} and \
         {state} state ({} in all): one parameter per input, then one per state, in order \
         (`Shared<T>` and `Ctx` parameters do not count)",
        plural(params),
        plural(inputs),
        inputs + state
    )
}

pub(crate) fn tuple_arity(name: &str, elements: usize, outputs: usize) -> String {
    format!(
        "`{name}` has {outputs} outputs, so it must return a tuple of {outputs} values, but this tuple has {elements}"
    )
}

/// Worded in `dash_syntax`, which the server's startup check reads too.
pub(crate) fn duplicate_output(prop: &str, first: &str, other: &str) -> String {
    dash_syntax::duplicate_output_message(prop, (first, None), (other, None))
}

pub(crate) const DUPLICATE_NEEDS_PREVENT_INITIAL_CALL: &str = "`allow_duplicate` needs `prevent_initial_call`: \
     when the page loads, callbacks sharing an output would all run and race for it";

pub(crate) fn first_output_here(prop: &str) -> String {
    format!("`{prop}` first declared as an output here")
}

/// `a`, `b` and `c`, with the conjunction given.
fn listed(items: &[String], conjunction: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {conjunction} {last}", init.join(", ")),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

pub(crate) const PAGES_NOT_AN_ENUM: &str = "#[derive(Pages)] goes on an enum with one variant per page: \
     `enum Page { #[page(path = \"/\", module = home)] Home, .. }`";
pub(crate) const PAGES_GENERIC: &str = "a site's enum cannot be generic";
pub(crate) const PAGE_MISSING: &str = "each page says where it is and what it shows: \
     `#[page(path = \"/city/<name>\", module = city)]` on the variant";
pub(crate) const PAGE_ATTRIBUTE: &str = "`#[page(..)]` takes `path = \"/..\"`, `module = path` (a \
     `#[dash::app]` module: its `layout` function and its callbacks) or `layout = path` (a \
     function, for a page without callbacks), `name`, `title`, `description`, `image`, \
     `image_url`, `order = N` and `redirect_from = \"/old\"` (repeatable)";
pub(crate) const PAGES_ATTRIBUTE: &str = "`#[pages(..)]` takes `not_found = module`, the \
     `#[dash::app]` module whose `layout()` is shown for a path no page has, and `shell = \
     module`, the one whose `layout()` holds `dash::page_container()` and what every page \
     shares";
pub(crate) const PAGE_MODULE_OR_LAYOUT: &str = "a page needs one of `module = path` (a `#[dash::app]` \
     module, whose `layout` function and callbacks the page takes) or `layout = path` (a \
     function, for a page without callbacks)";
pub(crate) const PAGE_TUPLE_FIELDS: &str = "a page's fields are named: each is a path variable \
     (`/city/<name>` and `name: String`) or a query parameter (`days: Option<u32>`)";
pub(crate) const REDIRECT_NOT_A_PATH: &str = "`redirect_from` is a path an old link may have: it \
     starts with `/`, holds no `{`, `}`, `<`, `>`, `?` or `#`, and is none of the protocol's \
     `_dash-` routes";
pub(crate) const REDIRECT_TO_VARIABLES: &str = "a page with path variables cannot be redirected \
     to: a redirect goes to one path, and this page has one per value of its variables";

pub(crate) fn redirect_twice(other: &str) -> String {
    format!("this path already redirects to `{other}`: an old path redirects to one page")
}

pub(crate) fn bad_page_path(reason: &str) -> String {
    format!("this path is not a page's path: {reason}")
}

pub(crate) fn variable_without_field(variant: &str, variable: &str) -> String {
    format!(
        "`<{variable}>` in the path has no field to go into: add `{variable}: String` (or \
         another type that parses from text) to `{variant}`"
    )
}

pub(crate) fn title_without_variable(placeholder: &str) -> String {
    format!(
        "`{{{placeholder}}}` in the title is no variable of this page's path: a title fills \
         in path variables only"
    )
}

pub(crate) fn same_page_path(path: &str, other: &str) -> String {
    format!("`{other}` already has the path `{path}`: each page has its own")
}
