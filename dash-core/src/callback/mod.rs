//! Callbacks as the server knows them: the protocol's description of a callback
//! ([`Dependency`], what `_dash-dependencies` lists) and the Rust side that answers it
//! ([`CallbackSpec`]: the handler, its name and location, memoization).

mod adapter;
mod clientside;

pub use adapter::{Arg, Args, Out, PatternItem, Returned};
pub use clientside::{Clientside, ClientsideFunction};

use std::borrow::Cow;
use std::fmt;
use std::future::Future;
use std::pin::Pin;

use serde_json::Value;

use crate::context::CallContext;
use crate::error::CallbackError;
use crate::id::PropId;
use crate::memo::Memoize;
use crate::shared::SharedNeed;

/// A future that is `Send` and owns everything it needs.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// The result of running a callback adapter: what it returned, or why it did not.
pub type CallbackResult = Result<Returned, CallbackError>;

/// Reads a server-side store's bytes from a cache shared between processes
/// ([`StoredValue::encode`](crate::StoredValue::encode)) as the store's declared type, for
/// the server to decode once and share with every reader in its process.
pub type StoreDecoder = fn(&[u8]) -> Result<crate::StoredValue, String>;

/// A sync callback adapter: the arguments, inputs then state in declaration order, and
/// the call's context.
pub type SyncAdapter = fn(Args, &CallContext) -> CallbackResult;

/// An async callback adapter: like [`SyncAdapter`], returning a future.
pub type AsyncAdapter = fn(Args, &CallContext) -> BoxFuture<CallbackResult>;

/// How the server runs a callback.
#[derive(Clone, Copy)]
pub enum Handler {
    /// A plain `fn`: run on the bounded blocking pool, so slow work never stalls the server.
    Blocking(SyncAdapter),
    /// A plain `fn` marked `blocking = false`: run inline on the async runtime. For trivial
    /// callbacks only.
    Inline(SyncAdapter),
    /// An `async fn`: run as its own task.
    Async(AsyncAdapter),
}

impl fmt::Debug for Handler {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Handler::Blocking(_) => "Handler::Blocking",
            Handler::Inline(_) => "Handler::Inline",
            Handler::Async(_) => "Handler::Async",
        })
    }
}

/// A prop the browser sets while the callback runs, and sets back when it answers
/// (Dash's `running=[(Output(..), on, off)]`).
#[derive(Clone, Debug, PartialEq)]
pub struct Running {
    /// The prop.
    pub prop: PropId,
    /// Its value while the callback runs.
    pub on: Value,
    /// Its value once the callback has answered, failed or been prevented.
    pub off: Value,
}

/// What makes a callback a background callback (Dash's `background=True`): it runs as a
/// job, the browser polls for its progress and result every `interval_ms`, and its
/// `cancel` inputs stop it.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Background {
    /// How long the browser waits between polls, in milliseconds (Dash's `interval`,
    /// 1000 by default; 0 polls again as soon as an answer arrives).
    pub interval_ms: u64,
    /// The props the callback's `Progress` writes while it runs, in the order of its value.
    pub progress: Vec<PropId>,
    /// What the browser sets the progress props to when the job ends or is cancelled
    /// (Dash's `progress_default`), one value per progress prop; `None` leaves them.
    pub progress_default: Option<Vec<Value>>,
    /// Props whose change cancels the running job (Dash's `cancel`).
    pub cancel: Vec<PropId>,
}

impl Background {
    /// Polled every second, with no progress and no cancel inputs.
    pub fn new() -> Background {
        Background {
            interval_ms: 1000,
            progress: Vec::new(),
            progress_default: None,
            cancel: Vec::new(),
        }
    }

    /// Sets the time between polls, in milliseconds.
    pub fn interval_ms(mut self, interval_ms: u64) -> Self {
        self.interval_ms = interval_ms;
        self
    }

    /// Adds a progress prop, with the value it gets back when the job ends (`None`:
    /// none). Give every progress prop a default, or none: Dash's `progress_default` is
    /// one list.
    pub fn progress(mut self, prop: PropId, default: Option<Value>) -> Self {
        self.progress.push(prop);
        if let Some(default) = default {
            self.progress_default
                .get_or_insert_with(Vec::new)
                .push(default);
        }
        self
    }

    /// Adds a prop whose change cancels the job.
    pub fn cancel(mut self, prop: PropId) -> Self {
        self.cancel.push(prop);
        self
    }
}

impl Default for Background {
    fn default() -> Self {
        Background::new()
    }
}

/// The Rust type of one argument of a callback (an input or a state), as startup
/// validation needs it.
#[derive(Clone, Copy, Debug)]
pub struct ArgumentType {
    /// The type's name, for messages.
    pub name: &'static str,
    /// Does it decode from this JSON? Startup validation asks with the forms the browser
    /// sends for the prop (`null` for an unset one, `[]` for a cleared multi Dropdown...).
    pub reads: fn(&serde_json::Value) -> bool,
}

impl ArgumentType {
    /// Does it decode from `null`, which the browser sends for a prop that has no value?
    pub fn accepts_null(&self) -> bool {
        (self.reads)(&serde_json::Value::Null)
    }
}

/// The protocol's description of a callback: what the renderer reads from
/// `GET /_dash-dependencies`. Built with
/// [`Dependency::new`] and its builder methods.
///
/// ```
/// use dash::{Dependency, PropId};
/// let dependency = Dependency::new()
///     .output(PropId::parse("graph.figure").unwrap())
///     .output(PropId::parse("table.children").unwrap())
///     .input(PropId::parse("date.value").unwrap());
/// assert_eq!(dependency.output_key(), "..graph.figure...table.children..");
/// ```
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Dependency {
    /// The props it writes, in the order of its return value. Empty for a callback with
    /// no outputs, which only writes side updates.
    pub outputs: Vec<PropId>,
    /// The props that trigger it, in parameter order.
    pub inputs: Vec<PropId>,
    /// The props it reads without being triggered by them, after the inputs.
    pub state: Vec<PropId>,
    /// Do not run when its outputs first appear.
    pub prevent_initial_call: bool,
    /// Its outputs may also be written by other callbacks (Dash's `allow_duplicate=True`).
    pub allow_duplicate: bool,
    /// Left out of the dev tools' callback graph (Dash's `hidden=True`).
    pub hidden: bool,
    /// Inputs and state that may be missing from the page (Dash's `allow_optional=True`):
    /// the callback runs anyway, with `null` for them.
    pub optional: Vec<PropId>,
    /// Props the browser sets while it runs.
    pub running: Vec<Running>,
    /// What makes the output key of a callback with no outputs unique, besides its inputs.
    pub identity: Cow<'static, str>,
    /// Run in the browser instead (Dash's `clientside_function`): a function an asset
    /// defines, or a source the page defines. The server never runs it.
    pub clientside: Option<Clientside>,
    /// Runs as a background job, polled by the browser (Dash's `background=True`).
    pub background: Option<Background>,
    /// Called over the page's WebSocket instead of HTTP (Dash's `websocket=True`): its
    /// `set_props` reach the page while it runs, and it can read props from the page.
    pub websocket: bool,
}

impl Dependency {
    /// A callback with no props yet.
    pub fn new() -> Dependency {
        Dependency::default()
    }

    /// Runs in the browser: a function of `window.dash_clientside`, or a source.
    pub fn clientside(mut self, clientside: impl Into<Clientside>) -> Self {
        self.clientside = Some(clientside.into());
        self
    }

    /// Adds an output.
    pub fn output(mut self, prop: PropId) -> Self {
        self.outputs.push(prop);
        self
    }

    /// Adds an input.
    pub fn input(mut self, prop: PropId) -> Self {
        self.inputs.push(prop);
        self
    }

    /// Adds a state prop.
    pub fn state(mut self, prop: PropId) -> Self {
        self.state.push(prop);
        self
    }

    /// Sets `prevent_initial_call`.
    pub fn prevent_initial_call(mut self, prevent: bool) -> Self {
        self.prevent_initial_call = prevent;
        self
    }

    /// Sets `allow_duplicate`.
    pub fn allow_duplicate(mut self, allow: bool) -> Self {
        self.allow_duplicate = allow;
        self
    }

    /// Sets `hidden`.
    pub fn hidden(mut self, hidden: bool) -> Self {
        self.hidden = hidden;
        self
    }

    /// Marks an input or state prop optional (`allow_optional`).
    pub fn optional(mut self, prop: PropId) -> Self {
        self.optional.push(prop);
        self
    }

    /// Adds a prop set while the callback runs.
    pub fn running(mut self, prop: PropId, on: Value, off: Value) -> Self {
        self.running.push(Running { prop, on, off });
        self
    }

    /// Makes it a background callback.
    pub fn background(mut self, background: Background) -> Self {
        self.background = Some(background);
        self
    }

    /// Calls it over the page's WebSocket.
    pub fn websocket(mut self, websocket: bool) -> Self {
        self.websocket = websocket;
        self
    }

    /// Sets what tells this callback's output key apart when it has no outputs.
    pub fn identity(mut self, identity: impl Into<Cow<'static, str>>) -> Self {
        self.identity = identity.into();
        self
    }

    /// Has it no outputs (`no_output: true` in the dependencies)?
    pub fn no_output(&self) -> bool {
        self.outputs.is_empty()
    }

    /// The output descriptor the renderer uses as the dispatch key
    /// in its requests: `id.prop` for one output, `..a.p...b.q..` for
    /// several. With `allow_duplicate`, each output carries `@<sha256 of the inputs and the
    /// identity>` (the renderer only needs it unique; Python hashes the inputs alone, which
    /// collides for callbacks with the same inputs), so that callbacks sharing an output
    /// still have distinct keys. With no outputs, the same hash is the whole key.
    pub fn output_key(&self) -> String {
        let inputs = || {
            let inputs: Vec<String> = self.inputs.iter().map(PropId::to_string).collect();
            inputs.join(".")
        };
        if self.no_output() {
            return sha256_hex(&format!("{}|{}", inputs(), self.identity));
        }
        let suffix = if self.allow_duplicate {
            // The callback's identity too: Python hashes the inputs alone, so two
            // `allow_duplicate` callbacks with the same inputs collide (plotly/dash#2744).
            format!(
                "@{}",
                sha256_hex(&format!("{}|{}", inputs(), self.identity))
            )
        } else {
            String::new()
        };
        let outputs: Vec<String> = self
            .outputs
            .iter()
            .map(|o| format!("{o}{suffix}"))
            .collect();
        match outputs.as_slice() {
            [single] => single.clone(),
            many => format!("..{}..", many.join("...")),
        }
    }
}

fn sha256_hex(text: &str) -> String {
    use sha2::Digest;
    dash_syntax::hex(&sha2::Sha256::digest(text.as_bytes()))
}

/// A callback the server answers: its [`Dependency`] and the Rust side. Built with
/// [`CallbackSpec::new`] and builder methods, so new settings never break callers.
///
/// ```
/// use dash::{Args, CallContext, CallbackResult, CallbackSpec, Handler, Out, PropId, Returned};
/// fn noop(_: Args, call: &CallContext) -> CallbackResult { Returned::new(vec![Out::Skip], call) }
/// let spec = CallbackSpec::new("f", Handler::Blocking(noop))
///     .output(PropId::parse("graph.figure").unwrap())
///     .input(PropId::parse("date.value").unwrap())
///     .location("app.rs:1:1");
/// assert_eq!(spec.dependency.output_key(), "graph.figure");
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct CallbackSpec {
    /// What the renderer knows of it.
    pub dependency: Dependency,
    /// The Rust function's name.
    pub name: &'static str,
    /// Where the function is declared, `file:line:col`.
    pub location: &'static str,
    /// The types of its `Shared<T>` parameters, which the app must share.
    pub shared: Vec<SharedNeed>,
    /// Its full path, `module::path::name`: the identity in cache keys.
    pub path: &'static str,
    /// A hash of its code (signature and body), so a changed callback never reuses the
    /// results of its earlier version.
    pub version: &'static str,
    /// Memoization (`#[callback(memoize)]`), or `None` to run it on every request.
    pub memoize: Option<Memoize>,
    /// It takes the call's context (`Ctx`) or has an error handler, so its result may
    /// depend on more than its arguments: it can be neither memoized nor write a
    /// server-side store (checked at startup). The server copies the request's headers
    /// into the [`CallContext`] only for such callbacks (and when the app has an
    /// `on_error` handler): a hand-written adapter that reads them must set it.
    pub contextual: bool,
    /// The types of its arguments, inputs then state, when known (the macro gives them).
    pub argument_types: Vec<ArgumentType>,
    /// The Rust type of each output (`std::any::type_name`), when known (the macro gives
    /// them): what the callback graph shows.
    pub output_types: Vec<&'static str>,
    /// The names of its arguments, inputs then state (its parameters' names, the macro
    /// gives them): the keys of the JSON object its API endpoint takes.
    pub argument_names: Vec<&'static str>,
    /// Also served at this path, with its arguments by name as a JSON object and its
    /// outputs as JSON (Dash's `api_endpoint`).
    pub api_endpoint: Option<&'static str>,
    /// The JSON schema of each argument, inputs then state, when known (the macro gives
    /// them with the feature `mcp`): its MCP tool's input schema.
    pub argument_schemas: Vec<fn() -> serde_json::Value>,
    /// The JSON schema of each output, when known: its MCP tool's output schema.
    pub output_schemas: Vec<fn() -> serde_json::Value>,
    /// Its doc comment, the description of its MCP tool when the app exposes them.
    pub doc: Option<&'static str>,
    /// Whether its MCP tool is listed: `Some(false)` never, `Some(true)` even when the
    /// app's MCP server leaves callbacks out by default, `None` as the server says.
    pub mcp: Option<bool>,
    /// Its adapter reads server-side store arguments typed ([`Arg::Store`]); otherwise the
    /// server gives every argument as JSON.
    pub typed_stores: bool,
    /// How to decode each server-side store argument's bytes, by argument index, when the
    /// store's type is known (the macro gives them).
    pub store_decoders: Vec<(usize, StoreDecoder)>,
    /// How to run it.
    pub handler: Handler,
}

impl CallbackSpec {
    /// A callback named `name` (its path too, until [`path`](Self::path) sets one),
    /// answered by `handler`, with no props yet.
    pub fn new(name: &'static str, handler: Handler) -> CallbackSpec {
        CallbackSpec {
            dependency: Dependency::new().identity(name),
            name,
            location: "",
            shared: Vec::new(),
            path: name,
            version: "",
            memoize: None,
            contextual: false,
            argument_types: Vec::new(),
            output_types: Vec::new(),
            argument_names: Vec::new(),
            api_endpoint: None,
            argument_schemas: Vec::new(),
            output_schemas: Vec::new(),
            doc: None,
            mcp: None,
            typed_stores: false,
            store_decoders: Vec::new(),
            handler,
        }
    }

    /// A callback the browser runs (Dash's clientside callback), named `name`. Its
    /// handler refuses every request: the renderer never sends one for it, and the server
    /// answers a request naming it as it answers an unknown callback.
    pub fn clientside(name: &'static str, clientside: impl Into<Clientside>) -> CallbackSpec {
        let mut spec = CallbackSpec::new(name, Handler::Inline(runs_in_the_browser));
        spec.dependency = spec.dependency.clientside(clientside);
        spec
    }

    /// Adds an output.
    pub fn output(mut self, prop: PropId) -> Self {
        self.dependency = self.dependency.output(prop);
        self
    }

    /// Adds an input.
    pub fn input(mut self, prop: PropId) -> Self {
        self.dependency = self.dependency.input(prop);
        self
    }

    /// Adds a state prop.
    pub fn state(mut self, prop: PropId) -> Self {
        self.dependency = self.dependency.state(prop);
        self
    }

    /// Sets `prevent_initial_call`.
    pub fn prevent_initial_call(mut self, prevent: bool) -> Self {
        self.dependency = self.dependency.prevent_initial_call(prevent);
        self
    }

    /// Leaves the callback out of the dev tools' callback graph (Dash's `hidden=True`).
    pub fn hidden(mut self, hidden: bool) -> Self {
        self.dependency = self.dependency.hidden(hidden);
        self
    }

    /// Lets an input or state prop be missing from the page (Dash's
    /// `allow_optional=True`): the callback runs anyway, with `null` for it.
    pub fn optional(mut self, prop: PropId) -> Self {
        self.dependency = self.dependency.optional(prop);
        self
    }

    /// Sets `allow_duplicate`.
    pub fn allow_duplicate(mut self, allow: bool) -> Self {
        self.dependency = self.dependency.allow_duplicate(allow);
        self
    }

    /// Adds a prop set while the callback runs.
    pub fn running(mut self, prop: PropId, on: Value, off: Value) -> Self {
        self.dependency = self.dependency.running(prop, on, off);
        self
    }

    /// Makes it a background callback: it runs as a job the browser polls.
    pub fn background(mut self, background: Background) -> Self {
        self.dependency = self.dependency.background(background);
        self
    }

    /// Calls it over the page's WebSocket (Dash's `websocket=True`).
    pub fn websocket(mut self, websocket: bool) -> Self {
        self.dependency = self.dependency.websocket(websocket);
        self
    }

    /// Sets where the function is declared, `file:line:col`.
    pub fn location(mut self, location: &'static str) -> Self {
        self.location = location;
        self
    }

    /// Adds the type of a `Shared<T>` parameter.
    pub fn shared(mut self, need: SharedNeed) -> Self {
        self.shared.push(need);
        self
    }

    /// Sets its full path, `module::path::name`, the identity in cache keys.
    pub fn path(mut self, path: &'static str) -> Self {
        self.path = path;
        self.dependency = self.dependency.identity(path);
        self
    }

    /// Sets the hash of its code.
    pub fn version(mut self, version: &'static str) -> Self {
        self.version = version;
        self
    }

    /// Marks it as depending on its context (see [`CallbackSpec::contextual`]).
    pub fn contextual(mut self, contextual: bool) -> Self {
        self.contextual = contextual;
        self
    }

    /// Marks its adapter as reading typed server-side store arguments (see
    /// [`CallbackSpec::typed_stores`]).
    pub fn typed_stores(mut self, typed: bool) -> Self {
        self.typed_stores = typed;
        self
    }

    /// Sets how to decode the server-side store that argument `index` reads.
    pub fn store_decoder(mut self, index: usize, decoder: StoreDecoder) -> Self {
        self.store_decoders.push((index, decoder));
        self
    }

    /// The decoder of argument `index`, if it is a server-side store of a known type.
    pub fn store_decoder_of(&self, index: usize) -> Option<StoreDecoder> {
        self.store_decoders
            .iter()
            .find(|(i, _)| *i == index)
            .map(|(_, decoder)| *decoder)
    }

    /// Adds the type of its next argument.
    pub fn argument_type(mut self, argument: ArgumentType) -> Self {
        self.argument_types.push(argument);
        self
    }

    /// Adds the name of its next argument.
    pub fn argument_name(mut self, name: &'static str) -> Self {
        self.argument_names.push(name);
        self
    }

    /// Serves it at `path` too (Dash's `api_endpoint`): a POST of its arguments by name,
    /// as a JSON object, answers its outputs as JSON.
    pub fn api_endpoint(mut self, path: &'static str) -> Self {
        self.api_endpoint = Some(path);
        self
    }

    /// Adds the JSON schema of its next argument.
    pub fn argument_schema(mut self, schema: fn() -> serde_json::Value) -> Self {
        self.argument_schemas.push(schema);
        self
    }

    /// Adds the JSON schema of its next output.
    pub fn output_schema(mut self, schema: fn() -> serde_json::Value) -> Self {
        self.output_schemas.push(schema);
        self
    }

    /// Its doc comment.
    pub fn doc(mut self, doc: &'static str) -> Self {
        self.doc = Some(doc);
        self
    }

    /// Lists it as an MCP tool (`true`) or never (`false`), whatever the app's MCP server
    /// does by default (`#[callback(mcp = false)]`).
    pub fn mcp(mut self, listed: bool) -> Self {
        self.mcp = Some(listed);
        self
    }

    /// Adds the type of its next output.
    pub fn output_type(mut self, name: &'static str) -> Self {
        self.output_types.push(name);
        self
    }

    /// Memoizes it.
    pub fn memoize(mut self, memoize: Memoize) -> Self {
        self.memoize = Some(memoize);
        self
    }

    /// The props it reads, inputs then state: the order of its arguments.
    pub fn arguments(&self) -> impl Iterator<Item = &PropId> {
        self.dependency.inputs.iter().chain(&self.dependency.state)
    }
}

/// The handler of a clientside callback's spec, which the server never calls.
fn runs_in_the_browser(_: Args, _: &CallContext) -> CallbackResult {
    Err(CallbackError::msg(
        "a clientside callback runs in the browser",
    ))
}

/// An app module: the type `#[dash::app]` implements this for (the module's `Ids` struct)
/// lists the module's callbacks.
pub trait App {
    /// The callbacks of this module, in declaration order.
    fn callbacks() -> Vec<CallbackSpec>;

    /// The ids the module's `#[ids]` struct declares as server-side stores
    /// (`ServerStore<T>`): their `data` stays on the server and the browser holds a handle.
    fn server_stores() -> &'static [&'static str] {
        &[]
    }
}
