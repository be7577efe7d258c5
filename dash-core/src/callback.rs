//! Callback specifications: what `#[dash::app]` registers and the server dispatches on.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use serde_json::Value;

use crate::error::CallbackError;
use crate::memo::Memoize;
use crate::shared::{Resources, SharedNeed};

/// A future that is `Send` and owns everything it needs.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// What a callback produced: one entry per output, in declaration order, `None` where the
/// output is not updated ("no update").
pub type Outputs = Vec<Option<Value>>;

/// The result of running a callback adapter.
pub type CallbackResult = Result<Outputs, CallbackError>;

/// A sync callback adapter: the values of the inputs, then of the state, in declaration
/// order (`null` for a prop the browser has no value for), and the app's shared values.
pub type SyncAdapter = fn(Vec<Value>, &Resources) -> CallbackResult;

/// An async callback adapter: like [`SyncAdapter`], returning a future.
pub type AsyncAdapter = fn(Vec<Value>, &Resources) -> BoxFuture<CallbackResult>;

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

/// One property of one component, written `"id.prop"` in callback attributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PropId {
    /// The component id.
    pub id: &'static str,
    /// The property name.
    pub property: &'static str,
}

impl PropId {
    /// Splits `"id.prop"` at its last dot, by the rule the macro also checks
    /// (`dash_syntax::split_prop`): `None` unless both halves are non-empty and hold no
    /// white space.
    ///
    /// ```
    /// use dash_core::PropId;
    /// let p = PropId::parse("graph.figure").unwrap();
    /// assert_eq!((p.id, p.property), ("graph", "figure"));
    /// assert!(PropId::parse("graph").is_none());
    /// ```
    pub fn parse(text: &'static str) -> Option<PropId> {
        let (id, property) = dash_syntax::split_prop(text)?;
        Some(PropId { id, property })
    }
}

impl fmt::Display for PropId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.id, self.property)
    }
}

/// Everything the server needs to know about one callback.
#[derive(Clone, Debug)]
pub struct CallbackSpec {
    /// The Rust function's name.
    pub name: &'static str,
    /// Where the function is declared, `file:line:col`.
    pub location: &'static str,
    /// The props it writes, in the order of its return value.
    pub outputs: Vec<PropId>,
    /// The props that trigger it, in parameter order.
    pub inputs: Vec<PropId>,
    /// The props it reads without being triggered by them, after the inputs.
    pub state: Vec<PropId>,
    /// Do not run when its outputs first appear.
    pub prevent_initial_call: bool,
    /// Its outputs may also be written by other callbacks (Dash's `allow_duplicate=True`).
    pub allow_duplicate: bool,
    /// The types of its `Shared<T>` parameters, which the app must share.
    pub shared: Vec<SharedNeed>,
    /// Its full path, `module::path::name`: the identity in cache keys.
    pub path: &'static str,
    /// A hash of its code (signature and body), so a changed callback never reuses the
    /// results of its earlier version.
    pub version: &'static str,
    /// Memoization (`#[callback(memoize)]`), or `None` to run it on every request.
    pub memoize: Option<Memoize>,
    /// How to run it.
    pub handler: Handler,
}

impl CallbackSpec {
    /// The output descriptor the renderer uses as the dispatch key: `id.prop` for one
    /// output, `..a.p...b.q..` for several. With `allow_duplicate`, each output carries
    /// `@<sha256 of the inputs>`, as Python Dash writes it, so that callbacks sharing an
    /// output still have distinct keys.
    ///
    /// ```
    /// # use dash_core::{CallbackSpec, Handler, PropId};
    /// # fn noop(_: Vec<serde_json::Value>, _: &dash_core::Resources) -> dash_core::CallbackResult { Ok(vec![]) }
    /// let spec = CallbackSpec {
    ///     name: "f",
    ///     location: "app.rs:1:1",
    ///     outputs: vec![PropId::parse("graph.figure").unwrap(), PropId::parse("table.children").unwrap()],
    ///     inputs: vec![],
    ///     state: vec![],
    ///     prevent_initial_call: false,
    ///     allow_duplicate: false,
    ///     shared: vec![],
    ///     path: "app::f",
    ///     version: "1",
    ///     memoize: None,
    ///     handler: Handler::Blocking(noop),
    /// };
    /// assert_eq!(spec.output_key(), "..graph.figure...table.children..");
    /// ```
    pub fn output_key(&self) -> String {
        let suffix = if self.allow_duplicate {
            use sha2::Digest;
            let inputs: Vec<String> = self.inputs.iter().map(PropId::to_string).collect();
            let hash = sha2::Sha256::digest(inputs.join(".").as_bytes());
            let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
            format!("@{hex}")
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
