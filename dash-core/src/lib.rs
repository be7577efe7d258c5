//! The model of a Dash app, with no I/O: components, callback specifications, output
//! values and errors. `dash-server` serves it; `#[dash::app]` generates the callback side.

// On the documentation host (nightly, `--cfg docsrs`): each item behind a feature shows
// the feature it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod callback;
mod children;
mod component;
mod context;
mod error;
mod exact;
mod family;
mod id;
mod memo;
mod number;
mod output;
mod shared;
mod stored;
mod travel;

#[doc(hidden)]
pub mod __private;

pub use callback::{
    App, Arg, Args, ArgumentType, AsyncAdapter, Background, BoxFuture, CallbackResult,
    CallbackSpec, Clientside, ClientsideFunction, Dependency, Handler, Out, PatternItem, Returned,
    Running, StoreDecoder, SyncAdapter,
};
pub use children::Children;
pub use component::{Component, DASH_TABLE, DCC, HTML, Node, TypedComponent, serialize_component};
pub use context::{
    CallContext, Cancelled, Ctx, FromCall, Lists, LiveCall, NoTrigger, Progress, Request, Trigger,
    Triggered, cookie,
};
pub use error::{CallbackError, PreventUpdate};
pub use exact::Exact;
pub use family::{AllArg, Family, Key, KeyFrom};
pub use id::{ComponentId, KeyValue, PropId, Wildcard};
pub use memo::{Memoize, Scope};
pub use number::Number;
pub use output::{IntoOutput, Update};
pub use shared::{Resources, Shared, SharedNeed};
pub use stored::{Measure, StoreInput, StoredValue, decode_stored};
pub use travel::to_json;
