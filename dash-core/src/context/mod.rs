//! The per-call context: what a request says about the call beyond the argument values
//! (which inputs fired, the request's lists, headers and cookies), the app's shared
//! values, and the side updates the callback writes with `set_props`.
//!
//! Every callback adapter receives a [`CallContext`]. Parameters that take no prop get
//! their value from it through [`FromCall`]: `Shared<T>` and `Ctx<T>` (`ctx.rs`).
//!
//! The context is the callback's view of its call, and nothing else: what it reads, and
//! `set_props`. Argument values and outputs cross between the server and the adapter as
//! [`Args`](crate::Args) and [`Returned`](crate::Returned), never through the context.

mod ctx;
mod live;
mod progress;

pub use ctx::{Ctx, FromCall, NoTrigger, Trigger};
pub use live::LiveCall;
pub use progress::{Cancelled, Progress};

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::{Map, Value};

use crate::error::CallbackError;
use crate::id::{ComponentId, PropId};
use crate::shared::Resources;

/// What a request says about a call, as the server read it from the body and headers of
/// `POST /_dash-update-component`.
///
/// Build one with `Request::default()` and set its fields.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Request {
    /// The props whose change caused the call, parsed from `changedPropIds`, in order.
    /// Empty on an initial call.
    pub changed: Vec<PropId>,
    /// The request's headers, names in lower case, in the order received.
    pub headers: Vec<(String, String)>,
    /// The request's lists as sent, parsed with the request: a server fills them (and the
    /// headers) for a callback that takes its context.
    pub lists: Option<Lists>,
    /// The request's JSON body, read for the lists on first use when `lists` is `None`:
    /// what a server keeps for the app's error handler, which runs only when a call fails.
    pub body: Option<bytes::Bytes>,
}

/// The lists of a request's body, as the renderer sent them (`null` when absent).
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct Lists {
    /// `inputs`: one `{id, property, value}` per input, a list of them for a wildcard.
    #[serde(default)]
    pub inputs: Value,
    /// `state`, like `inputs`.
    #[serde(default)]
    pub state: Value,
    /// `outputs`: one `{id, property}` for a single output, a list for several.
    #[serde(default)]
    pub outputs: Value,
}

/// One prop that fired, with the value the request carried for it (Python's
/// `callback_context.triggered` entries).
#[derive(Clone, Debug, PartialEq)]
pub struct Triggered {
    /// The prop.
    pub prop: PropId,
    /// Its value in the request's inputs; `null` when absent.
    pub value: Value,
}

/// The context of one callback call. Cheap to clone: clones share the side updates.
#[derive(Clone)]
pub struct CallContext {
    inner: Arc<Inner>,
}

struct Inner {
    resources: Arc<Resources>,
    request: Request,
    /// The lists read from the body, when the request did not carry them parsed.
    lists: OnceLock<Lists>,
    triggered: OnceLock<Vec<Triggered>>,
    side: Mutex<Side>,
    /// What a background job shares with the polls while it runs.
    job: Option<Job>,
    /// The page's end of a WebSocket call.
    live: Option<Arc<dyn LiveCall>>,
}

/// The live part of a background job's context.
#[derive(Default)]
struct Job {
    /// The latest progress value not yet taken by a poll.
    progress: Mutex<Option<Value>>,
    cancelled: AtomicBool,
}

/// What `set_props` wrote.
#[derive(Default)]
struct Side {
    updates: Vec<(ComponentId, Map<String, Value>)>,
    /// Taken: later writes are dropped.
    closed: bool,
    /// Why the call must fail although the callback returned (a side update that could
    /// not be encoded).
    failure: Option<String>,
}

impl CallContext {
    /// The context of a call made for `request`, with the app's shared values.
    pub fn new(resources: Arc<Resources>, request: Request) -> CallContext {
        CallContext::with_job(resources, request, None)
    }

    /// The context of a background job started by `request`: its progress and side
    /// updates can be taken while it runs ([`take_progress`](Self::take_progress),
    /// [`drain_side_updates`](Self::drain_side_updates)), and it can be cancelled.
    #[doc(hidden)]
    pub fn job(resources: Arc<Resources>, request: Request) -> CallContext {
        CallContext::with_job(resources, request, Some(Job::default()))
    }

    /// The context of a call made over a WebSocket: its `set_props` go to the page as
    /// they are written, and it can read props from the page ([`get_prop`](Self::get_prop)).
    #[doc(hidden)]
    pub fn live(
        resources: Arc<Resources>,
        request: Request,
        live: Arc<dyn LiveCall>,
    ) -> CallContext {
        let mut context = CallContext::with_job(resources, request, None);
        Arc::get_mut(&mut context.inner)
            .expect("a new context has one owner")
            .live = Some(live);
        context
    }

    fn with_job(resources: Arc<Resources>, request: Request, job: Option<Job>) -> CallContext {
        CallContext {
            inner: Arc::new(Inner {
                resources,
                request,
                lists: OnceLock::new(),
                triggered: OnceLock::new(),
                side: Mutex::default(),
                job,
                live: None,
            }),
        }
    }

    /// The page's end of a WebSocket call.
    fn live_end(&self) -> Option<&Arc<dyn LiveCall>> {
        self.inner.live.as_ref()
    }

    /// Is this the context of a background job?
    pub fn is_job(&self) -> bool {
        self.inner.job.is_some()
    }

    /// Has this background job been cancelled? Always `false` for an ordinary call.
    pub fn is_cancelled(&self) -> bool {
        self.inner
            .job
            .as_ref()
            .is_some_and(|job| job.cancelled.load(Ordering::Acquire))
    }

    /// Cancels this background job: its `Progress::set` answers `Err(Cancelled)` from now.
    #[doc(hidden)]
    pub fn cancel(&self) {
        if let Some(job) = &self.inner.job {
            job.cancelled.store(true, Ordering::Release);
        }
    }

    /// Writes the job's progress value (the latest one wins until a poll takes it).
    #[doc(hidden)]
    pub fn set_progress_encoded(
        &self,
        encoded: Result<Value, serde_json::Error>,
    ) -> Result<(), Cancelled> {
        let Some(job) = &self.inner.job else {
            return Ok(());
        };
        if job.cancelled.load(Ordering::Acquire) {
            return Err(Cancelled);
        }
        match encoded {
            Ok(value) => *job.progress.lock().unwrap_or_else(|e| e.into_inner()) = Some(value),
            Err(error) => self.fail(format!("the progress value cannot be sent: {error}")),
        }
        Ok(())
    }

    /// Takes the progress value written since the last take.
    #[doc(hidden)]
    pub fn take_progress(&self) -> Option<Value> {
        let job = self.inner.job.as_ref()?;
        job.progress
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
    }

    /// Takes the side updates written so far while the callback keeps running (a poll of
    /// a background job): later writes are kept for the next take.
    #[doc(hidden)]
    pub fn drain_side_updates(&self) -> Option<Map<String, Value>> {
        let mut side = self.inner.side.lock().unwrap_or_else(|e| e.into_inner());
        let updates = std::mem::take(&mut side.updates);
        (!updates.is_empty()).then(|| {
            updates
                .into_iter()
                .map(|(id, props)| (id.to_string(), Value::Object(props)))
                .collect()
        })
    }

    fn lists(&self) -> &Lists {
        let request = &self.inner.request;
        request.lists.as_ref().unwrap_or_else(|| {
            self.inner.lists.get_or_init(|| {
                let body = request.body.as_deref().unwrap_or_default();
                serde_json::from_slice(body).unwrap_or_default()
            })
        })
    }

    /// The props that fired, without their values.
    pub fn changed(&self) -> &[PropId] {
        &self.inner.request.changed
    }

    /// The context of a call no request asked for (a server-side store computed again):
    /// nothing fired, and the lists are empty.
    pub fn internal(resources: Arc<Resources>) -> CallContext {
        CallContext::new(resources, Request::default())
    }

    /// The props that fired, in the order the request lists them; empty on an initial call.
    /// The renderer merges changes, so there may be several.
    pub fn triggered(&self) -> &[Triggered] {
        self.inner.triggered.get_or_init(|| {
            let inputs = &self.lists().inputs;
            self.changed()
                .iter()
                .map(|prop| Triggered {
                    prop: prop.clone(),
                    value: value_in(inputs, prop).unwrap_or(Value::Null),
                })
                .collect()
        })
    }

    /// The component id of the first prop that fired (Python's `triggered_id`), or `None`
    /// on an initial call.
    pub fn triggered_id(&self) -> Option<&ComponentId> {
        self.changed().first().map(|prop| &prop.id)
    }

    /// The request's `inputs` as sent: one `{id, property, value}` per input (`value` absent
    /// when the browser has none), an array of them for a wildcard input; `null` when the
    /// call was not made for a request.
    pub fn inputs_list(&self) -> &Value {
        &self.lists().inputs
    }

    /// The request's `state` as sent, like `inputs`; `null` when the request has none.
    pub fn states_list(&self) -> &Value {
        &self.lists().state
    }

    /// The request's `outputs` as sent: one `{id, property}` for a single output, an array
    /// for several; `null` for a callback with no outputs.
    pub fn outputs_list(&self) -> &Value {
        &self.lists().outputs
    }

    /// The first value of a request header, by name in any case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.inner
            .request
            .headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Every request header, names in lower case. Values that are not UTF-8 are left out.
    pub fn headers(&self) -> &[(String, String)] {
        &self.inner.request.headers
    }

    /// The value of a cookie the request carried, as sent (not unquoted or decoded).
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.inner
            .request
            .headers
            .iter()
            .filter(|(key, _)| key == "cookie")
            .find_map(|(_, value)| cookie(value, name))
    }

    /// The app's shared values.
    pub(crate) fn resources(&self) -> &Resources {
        &self.inner.resources
    }

    /// A value the app shares with [`Dash::share`](../../dash/struct.Dash.html#method.share),
    /// as a `Shared<T>` parameter receives it; `None` when no value of that type is shared.
    pub fn shared<T: Send + Sync + 'static>(&self) -> Option<crate::Shared<T>> {
        self.inner.resources.get::<T>()
    }

    /// Sets `property` of the component `id`, which need not be an output of the callback
    /// (Python's `set_props`, sent as `sideUpdate`). Writes to one id merge; a second
    /// write of the same prop replaces the first. Nothing is checked: inside an app module,
    /// prefer `ctx.set_props("id", "prop", value)`, which `#[dash::app]` types against the
    /// prop. A value that cannot be sent (not JSON, or one the browser would change: see
    /// [`to_json`](crate::to_json)) makes the call fail (500, naming the prop). Writes
    /// made after the callback returned are dropped.
    pub fn set_props_dyn(
        &self,
        id: impl Into<ComponentId>,
        property: impl Into<String>,
        value: impl serde::Serialize,
    ) {
        self.set_props_encoded(id, property, crate::to_json(&value));
    }

    /// [`set_props_dyn`](Self::set_props_dyn) of a value already encoded (by `to_json`,
    /// and given its prop's shape): `Err` makes the call fail, naming the prop. What the
    /// typed `ctx.set_props` of `#[dash::app]` calls.
    #[doc(hidden)]
    pub fn set_props_encoded(
        &self,
        id: impl Into<ComponentId>,
        property: impl Into<String>,
        encoded: Result<Value, serde_json::Error>,
    ) {
        let (id, property) = (id.into(), property.into());
        let value = match encoded {
            Ok(value) => value,
            Err(error) => {
                return self.fail(format!(
                    "`set_props` of `{id}.{property}`: the value cannot be sent: {error}"
                ));
            }
        };
        let mut side = self.inner.side.lock().unwrap_or_else(|e| e.into_inner());
        if side.closed {
            return;
        }
        if let Some(live) = &self.inner.live {
            // Over a WebSocket, each write goes to the page as it is made.
            let mut props = Map::new();
            props.insert(property, value);
            live.push(&id, props);
            return;
        }
        let position = side.updates.iter().position(|(known, _)| *known == id);
        let props = match position {
            Some(index) => &mut side.updates[index].1,
            None => {
                side.updates.push((id, Map::new()));
                &mut side.updates.last_mut().expect("just pushed").1
            }
        };
        props.insert(property, value);
    }

    /// Makes the call fail with a 500 and `message`, although the callback returns: for
    /// what the callback could not report itself (a `set_props` value that cannot be
    /// encoded). The first message is kept.
    fn fail(&self, message: String) {
        let mut side = self.inner.side.lock().unwrap_or_else(|e| e.into_inner());
        side.failure.get_or_insert(message);
    }

    /// Takes the side updates written so far, as the response's `sideUpdate` object (ids
    /// in their text form), and drops any written later: `None` when there are none, an
    /// error when one could not be encoded.
    pub(crate) fn take_side_updates(&self) -> Result<Option<Map<String, Value>>, CallbackError> {
        let mut side = self.inner.side.lock().unwrap_or_else(|e| e.into_inner());
        side.closed = true;
        if let Some(message) = side.failure.take() {
            return Err(CallbackError::SetProps { message });
        }
        let updates = std::mem::take(&mut side.updates);
        Ok((!updates.is_empty()).then(|| {
            updates
                .into_iter()
                .map(|(id, props)| (id.to_string(), Value::Object(props)))
                .collect()
        }))
    }
}

impl fmt::Debug for CallContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallContext")
            .field("changed", &self.changed())
            .finish_non_exhaustive()
    }
}

/// The value of the cookie `name` in a `Cookie` header (`a=1; b=2`), as sent.
pub fn cookie<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == name).then_some(value)
    })
}

/// The value of `prop` among a request's inputs (wildcard arrays included).
fn value_in(list: &Value, prop: &PropId) -> Option<Value> {
    let items = list.as_array()?;
    items
        .iter()
        .flat_map(|item| match item {
            Value::Array(many) => many.iter().collect::<Vec<_>>(),
            one => vec![one],
        })
        .find(|item| {
            item.get("property").and_then(Value::as_str) == Some(&*prop.property)
                && item
                    .get("id")
                    .and_then(ComponentId::from_json)
                    .is_some_and(|id| id == prop.id)
        })
        .map(|item| item.get("value").cloned().unwrap_or(Value::Null))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn request(body: Value) -> Request {
        Request {
            changed: body["changedPropIds"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| PropId::parse_changed(p.as_str().unwrap()).unwrap())
                .collect(),
            body: Some(body.to_string().into_bytes().into()),
            ..Request::default()
        }
    }

    #[test]
    fn an_initial_call_has_no_trigger() {
        let call = CallContext::new(
            Default::default(),
            request(json!({"changedPropIds": [], "inputs": [{"id": "a", "property": "n_clicks"}]})),
        );
        assert!(call.triggered().is_empty());
        assert_eq!(call.triggered_id(), None);
    }

    #[test]
    fn one_trigger_carries_its_value() {
        let call = CallContext::new(
            Default::default(),
            request(json!({
                "changedPropIds": ["b.n_clicks"],
                "inputs": [{"id": "a", "property": "n_clicks"}, {"id": "b", "property": "n_clicks", "value": 3}],
            })),
        );
        assert_eq!(call.triggered().len(), 1);
        assert_eq!(call.triggered()[0].value, json!(3));
        assert_eq!(call.triggered_id(), Some(&ComponentId::from("b")));
    }

    #[test]
    fn merged_triggers_keep_their_order_and_patterns_parse() {
        let call = CallContext::new(
            Default::default(),
            request(json!({
                "changedPropIds": ["{\"index\":1,\"type\":\"row\"}.value", "a.n_clicks"],
                "inputs": [
                    {"id": "a", "property": "n_clicks", "value": 1},
                    [{"id": {"type": "row", "index": 0}, "property": "value", "value": "x"},
                     {"id": {"type": "row", "index": 1}, "property": "value", "value": "y"}],
                ],
            })),
        );
        let values: Vec<&Value> = call.triggered().iter().map(|t| &t.value).collect();
        assert_eq!(values, [&json!("y"), &json!(1)]);
        assert!(matches!(call.triggered_id(), Some(ComponentId::Pattern(_))));
    }

    #[test]
    fn side_updates_merge_by_id_and_close() {
        let call = CallContext::internal(Default::default());
        call.set_props_dyn("a", "children", json!("x"));
        call.set_props_dyn("b", "disabled", json!(true));
        call.set_props_dyn("a", "style", json!({"color": "red"}));
        call.set_props_dyn("a", "children", json!("y"));
        let side = call.take_side_updates().unwrap().unwrap();
        assert_eq!(
            Value::Object(side),
            json!({"a": {"children": "y", "style": {"color": "red"}}, "b": {"disabled": true}})
        );
        call.set_props_dyn("a", "children", json!("late"));
        assert_eq!(call.take_side_updates().unwrap(), None);
    }

    #[test]
    fn headers_and_cookies() {
        let request = Request {
            headers: vec![
                ("x-user".into(), "ann".into()),
                ("cookie".into(), "a=1; dash_session=abc".into()),
            ],
            ..Request::default()
        };
        let call = CallContext::new(Default::default(), request);
        assert_eq!(call.header("X-User"), Some("ann"));
        assert_eq!(call.cookie("dash_session"), Some("abc"));
        assert_eq!(call.cookie("b"), None);
    }
}
