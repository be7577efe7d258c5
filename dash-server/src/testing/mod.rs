//! A test client that runs an app's callbacks without a browser: the layout, the
//! dependencies and every update go through the app's own router in this process, and
//! the client follows the chain as dash-renderer 3.4.1 does.
//!
//! What it follows:
//! - the initial calls of callbacks without `prevent_initial_call`, and of those whose
//!   inputs appear in components a callback adds;
//! - a callback waits while another pending callback may still change one of its inputs,
//!   then runs once, with every input that changed (the renderer's `changedPropIds`);
//! - `no_update` and `PreventUpdate` change nothing and so trigger nothing, and a failed
//!   call (a 4xx or 5xx) stops its dependants and is kept in [`TestClient::errors`];
//! - patches are applied to the prop's value, `set_props` side updates trigger their
//!   readers, `running` props are set while a callback runs and set back after;
//! - pattern ids: `MATCH` (one call per matching component), `ALL` and `ALLSMALLER`.
//!
//! - background callbacks: the job is polled at the callback's interval, its progress
//!   and side updates written as they come, until it answers.
//!
//! Clientside callbacks run JavaScript, which the client cannot: it counts them as
//! skipped ([`TestClient::skipped`]) and their outputs keep their values.

mod patch;
mod pattern;
mod tree;

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use tower::ServiceExt;

use self::pattern::{context_of, is_wild, matches, overlaps, wild, within};
use crate::{Dash, StartupError};

/// Runs an app's callbacks in this process, as the browser would run them, for a test:
/// set a prop, then read the props that follow.
///
/// ```no_run
/// # async fn demo(app: dash::Dash) {
/// use dash::TestClient;
/// let mut client = TestClient::new(app).await.unwrap();
/// client.click("inc").await;
/// assert_eq!(client.get::<String>("count", "children"), "1");
/// assert_eq!(client.calls("update"), 2); // the initial call and the click
/// # }
/// ```
pub struct TestClient {
    router: axum::Router,
    layout: Value,
    specs: Vec<Spec>,
    calls: BTreeMap<String, usize>,
    skipped: BTreeMap<String, usize>,
    errors: Vec<String>,
}

/// One callback as the dependencies describe it.
struct Spec {
    /// The callback's name (from the app's specs), else its output key.
    name: String,
    key: String,
    outputs: Vec<(Value, String)>,
    inputs: Vec<(Value, String)>,
    state: Vec<(Value, String)>,
    multi: bool,
    initial: bool,
    clientside: bool,
    running: Vec<(Value, String, Value, Value)>,
    /// A background callback: how often its job is polled, in milliseconds.
    poll_interval: Option<u64>,
}

/// A callback waiting to run: which one, the values of its `MATCH` keys, and the inputs
/// that changed.
struct Pending {
    spec: usize,
    context: BTreeMap<String, Value>,
    changed: Vec<String>,
}

impl TestClient {
    /// How long a background callback's job may run before the client gives up on it.
    const JOB_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

    /// Builds the app (with every startup check), loads its layout and dependencies, and
    /// runs the initial calls.
    pub async fn new(app: Dash) -> Result<TestClient, StartupError> {
        let names: BTreeMap<String, &'static str> = app
            .specs()
            .iter()
            .map(|spec| (spec.dependency.output_key(), spec.name))
            .collect();
        let router = app.build()?.router();
        let mut client = TestClient {
            router,
            layout: Value::Null,
            specs: Vec::new(),
            calls: BTreeMap::new(),
            skipped: BTreeMap::new(),
            errors: Vec::new(),
        };
        client.layout = client.fetch(Method::GET, "_dash-layout", None).await.1;
        let dependencies = client
            .fetch(Method::GET, "_dash-dependencies", None)
            .await
            .1;
        client.specs = dependencies
            .as_array()
            .into_iter()
            .flatten()
            .map(|spec| Spec::from_json(spec, &names))
            .collect();
        let initial = client.initial_calls(true, &|_| true);
        client.settle(initial).await;
        Ok(client)
    }

    /// Sets a prop as the user would, and runs every callback that follows.
    pub async fn set(
        &mut self,
        id: impl Into<dash_core::ComponentId>,
        prop: &str,
        value: impl Serialize,
    ) {
        let id = id.into().to_json();
        let value = serde_json::to_value(value).expect("a value that is JSON");
        let Some(props) = tree::props_mut(&mut self.layout, &id) else {
            panic!("no component in the page has the id {}", tree::id_text(&id));
        };
        props.insert(prop.to_owned(), value);
        let pending = self.triggered(&[(id, prop.to_owned())]);
        self.settle(pending).await;
    }

    /// Clicks a button: one more `n_clicks`, and every callback that follows.
    pub async fn click(&mut self, id: impl Into<dash_core::ComponentId>) {
        let id = id.into();
        let clicks = self
            .value(id.clone(), "n_clicks")
            .and_then(Value::as_u64)
            .unwrap_or(0);
        self.set(id, "n_clicks", clicks + 1).await;
    }

    /// A prop's value, read as `T`; it fails the test, naming the prop and the type, when
    /// the prop is not set or does not read as `T`.
    pub fn get<T: DeserializeOwned>(&self, id: impl Into<dash_core::ComponentId>, prop: &str) -> T {
        let id = id.into();
        let text = format!("{}.{prop}", tree::id_text(&id.to_json()));
        let value = self
            .value(id, prop)
            .unwrap_or_else(|| panic!("`{text}` has no value"));
        serde_json::from_value(value.clone()).unwrap_or_else(|error| {
            panic!(
                "`{text}` is {value}, which does not read as `{}`: {error}",
                std::any::type_name::<T>()
            )
        })
    }

    /// A prop's value as JSON, if the component exists and the prop is set.
    pub fn value(&self, id: impl Into<dash_core::ComponentId>, prop: &str) -> Option<&Value> {
        self.value_of(&id.into().to_json(), prop)
    }

    fn value_of(&self, id: &Value, prop: &str) -> Option<&Value> {
        tree::components(&self.layout)
            .into_iter()
            .find(|(found, _)| found == id)
            .and_then(|(_, props)| props.get(prop))
    }

    /// How many times the callback named `name` ran (its requests to the server).
    pub fn calls(&self, name: &str) -> usize {
        self.calls.get(name).copied().unwrap_or(0)
    }

    /// Every callback's number of runs, by name.
    pub fn all_calls(&self) -> &BTreeMap<String, usize> {
        &self.calls
    }

    /// How many times the clientside callback named `name` would have run.
    pub fn skipped(&self, name: &str) -> usize {
        self.skipped.get(name).copied().unwrap_or(0)
    }

    /// The failed calls, each with its callback, status and answer.
    pub fn errors(&self) -> &[String] {
        &self.errors
    }

    /// The page's layout as it is now.
    pub fn layout(&self) -> &Value {
        &self.layout
    }

    async fn fetch(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let request = Request::builder()
            .method(method)
            .uri(format!("/{path}"))
            .header("content-type", "application/json")
            .body(body.map_or_else(Body::empty, |body| Body::from(body.to_string())))
            .expect("a request");
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("the router answers");
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap_or_default();
        let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        (status, value)
    }

    /// The initial calls of every callback without `prevent_initial_call` whose inputs
    /// include a component `fresh` accepts; on page load (`load`), also those whose
    /// inputs are all `ALL` patterns that match nothing yet.
    fn initial_calls(&self, load: bool, fresh: &dyn Fn(&Value) -> bool) -> Vec<Pending> {
        let components = tree::components(&self.layout);
        let mut pending = Vec::new();
        for (index, spec) in self.specs.iter().enumerate() {
            if !spec.initial {
                continue;
            }
            let mut contexts: Vec<BTreeMap<String, Value>> = Vec::new();
            // On load the inputs decide; for components a callback added, an input or an
            // output among them does, as the renderer fires a new chunk's callbacks.
            let props: Vec<&(Value, String)> = if load {
                spec.inputs.iter().collect()
            } else {
                spec.inputs.iter().chain(&spec.outputs).collect()
            };
            for (pattern, _) in props {
                for (id, _) in &components {
                    if matches(pattern, id) && fresh(id) {
                        let context = context_of(pattern, id);
                        if !contexts.contains(&context) {
                            contexts.push(context);
                        }
                    }
                }
            }
            // ALL inputs with nothing to match still run once, with empty lists.
            if load
                && contexts.is_empty()
                && spec.inputs.iter().all(|(pattern, _)| wild(pattern, "ALL"))
                && spec.inputs.iter().any(|(pattern, _)| pattern.is_object())
            {
                contexts.push(BTreeMap::new());
            }
            for context in contexts {
                pending.push(Pending {
                    spec: index,
                    context,
                    changed: Vec::new(),
                });
            }
        }
        pending
    }

    /// The callbacks these changed props trigger.
    fn triggered(&self, changed: &[(Value, String)]) -> Vec<Pending> {
        let mut pending: Vec<Pending> = Vec::new();
        for (id, prop) in changed {
            for (index, spec) in self.specs.iter().enumerate() {
                for (pattern, input) in &spec.inputs {
                    if input != prop || !matches(pattern, id) {
                        continue;
                    }
                    add(
                        &mut pending,
                        Pending {
                            spec: index,
                            context: context_of(pattern, id),
                            changed: vec![format!("{}.{prop}", tree::id_text(id))],
                        },
                    );
                }
            }
        }
        pending
    }

    /// Runs the pending callbacks, and those they trigger, until none is left.
    async fn settle(&mut self, mut pending: Vec<Pending>) {
        let mut steps = 0;
        while !pending.is_empty() {
            steps += 1;
            assert!(steps < 10_000, "the callbacks never settle");
            // The first that no other pending callback may still feed.
            let ready = (0..pending.len())
                .find(|&i| {
                    !pending.iter().enumerate().any(|(j, other)| {
                        j != i && other.spec != pending[i].spec && self.feeds(other, &pending[i])
                    })
                })
                .unwrap_or(0);
            let call = pending.remove(ready);
            let (changed, initial) = self.run(&call).await;
            for next in self.triggered(&changed).into_iter().chain(initial) {
                add(&mut pending, next);
            }
        }
    }

    /// Can `other` still change an input of `call`?
    fn feeds(&self, other: &Pending, call: &Pending) -> bool {
        let outputs = &self.specs[other.spec].outputs;
        self.specs[call.spec].inputs.iter().any(|(input, prop)| {
            outputs
                .iter()
                .any(|(output, written)| written == prop && overlaps(output, input))
        })
    }

    /// Runs one callback through the server and applies its answer; returns the props
    /// that changed (outputs and side updates, not those left alone), and the initial
    /// calls of the components it added.
    async fn run(&mut self, call: &Pending) -> (Vec<(Value, String)>, Vec<Pending>) {
        let spec = &self.specs[call.spec];
        if spec.clientside {
            *self.skipped.entry(spec.name.clone()).or_default() += 1;
            return (Vec::new(), Vec::new());
        }
        let components: Vec<(Value, serde_json::Map<String, Value>)> =
            tree::components(&self.layout)
                .into_iter()
                .map(|(id, props)| (id, props.clone()))
                .collect();
        let item = |pattern: &Value, prop: &str, with_value: bool| -> Value {
            let items: Vec<Value> = components
                .iter()
                .filter(|(id, _)| matches(pattern, id) && within(pattern, id, &call.context))
                .map(|(id, props)| {
                    let mut item = json!({"id": id, "property": prop});
                    if with_value && let Some(value) = props.get(prop) {
                        item["value"] = value.clone();
                    }
                    item
                })
                .collect();
            let many = pattern.as_object().is_some_and(|keys| {
                keys.values()
                    .any(|value| is_wild(value, "ALL") || is_wild(value, "ALLSMALLER"))
            });
            if many {
                Value::Array(items)
            } else {
                items
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| json!({"id": pattern, "property": prop}))
            }
        };
        let outputs: Vec<Value> = spec
            .outputs
            .iter()
            .map(|(p, prop)| item(p, prop, false))
            .collect();
        let inputs: Vec<Value> = spec
            .inputs
            .iter()
            .map(|(p, prop)| item(p, prop, true))
            .collect();
        let state: Vec<Value> = spec
            .state
            .iter()
            .map(|(p, prop)| item(p, prop, true))
            .collect();
        let body = json!({
            "output": spec.key,
            "outputs": if spec.multi { Value::Array(outputs) } else { outputs.into_iter().next().unwrap_or(Value::Null) },
            "inputs": inputs,
            "state": state,
            "changedPropIds": call.changed,
        });
        let name = spec.name.clone();
        let interval = spec.poll_interval;
        // Running props, a pattern's filled from the call's `MATCH` values.
        let running: Vec<(Value, String, Value, Value)> = spec
            .running
            .iter()
            .flat_map(|(pattern, prop, on, off)| {
                components
                    .iter()
                    .filter(|(id, _)| matches(pattern, id) && within(pattern, id, &call.context))
                    .map(|(id, _)| (id.clone(), prop.clone(), on.clone(), off.clone()))
                    .collect::<Vec<_>>()
            })
            .collect();
        for (id, prop, on, _) in &running {
            self.write(id, prop, on.clone());
        }
        *self.calls.entry(name.clone()).or_default() += 1;
        let (mut status, mut answer) = self
            .fetch(Method::POST, "_dash-update-component", Some(body.clone()))
            .await;
        // A background callback answers with its job's handles: poll, as the renderer
        // does, applying the progress each poll brings, until the job answers.
        let mut changed = Vec::new();
        if let (Some(interval), Some(key), Some(job)) = (
            interval,
            answer["cacheKey"].as_str().map(str::to_owned),
            answer["job"].as_str().map(str::to_owned),
        ) {
            let defaults = answer["progressDefault"].clone();
            let started = tokio::time::Instant::now();
            loop {
                tokio::time::sleep(std::time::Duration::from_millis(interval)).await;
                let path = format!("_dash-update-component?cacheKey={key}&job={job}");
                (status, answer) = self.fetch(Method::POST, &path, Some(body.clone())).await;
                changed.extend(self.apply_progress(&answer["progress"]));
                if status != StatusCode::OK || answer.get("response").is_some() {
                    break;
                }
                // The job's side updates arrive with its polls.
                let (side, _) = self.apply(&json!({"sideUpdate": answer["sideUpdate"]}));
                changed.extend(side);
                if started.elapsed() > Self::JOB_LIMIT {
                    self.errors.push(format!(
                        "`{name}`'s job did not answer within {:?}",
                        Self::JOB_LIMIT
                    ));
                    // As if it had failed: nothing of its answer is applied.
                    (status, answer) = (StatusCode::NO_CONTENT, Value::Null);
                    break;
                }
            }
            changed.extend(self.apply_progress(&defaults));
        }
        for (id, prop, _, off) in &running {
            self.write(id, prop, off.clone());
        }
        // (A job's progress, written as it ran, still triggers its readers.)
        if status == StatusCode::NO_CONTENT {
            return (changed, Vec::new());
        }
        if !status.is_success() {
            self.errors
                .push(format!("`{name}` answered {status}: {answer}"));
            return (changed, Vec::new());
        }
        let (written, fresh) = self.apply(&answer);
        changed.extend(written);
        let initial = if fresh.is_empty() {
            Vec::new()
        } else {
            self.initial_calls(false, &|id: &Value| fresh.contains(id))
        };
        (changed, initial)
    }

    /// Applies an answer's `response` and `sideUpdate`: the props that changed, and the
    /// ids of the components in the values written (the renderer treats them all as new,
    /// a patched `children` included, and fires their callbacks' initial calls).
    fn apply(&mut self, answer: &Value) -> (Vec<(Value, String)>, Vec<Value>) {
        let mut changed = Vec::new();
        let mut fresh: Vec<Value> = Vec::new();
        for part in ["response", "sideUpdate"] {
            let Some(updates) = answer[part].as_object() else {
                continue;
            };
            for (id, props) in updates {
                let id = tree::parse_id(id);
                for (prop, value) in props.as_object().into_iter().flatten() {
                    if self.write(&id, prop, value.clone()) {
                        if let Some(written) = self.value_of(&id, prop) {
                            fresh.extend(tree::components(written).into_iter().map(|(id, _)| id));
                        }
                        changed.push((id.clone(), prop.clone()));
                    }
                }
            }
        }
        (changed, fresh)
    }

    /// Writes a background job's progress, `{"id.prop": value}`: the props that changed.
    fn apply_progress(&mut self, progress: &Value) -> Vec<(Value, String)> {
        let mut changed = Vec::new();
        for (text, value) in progress.as_object().into_iter().flatten() {
            if let Some((id, prop)) = text.rsplit_once('.') {
                let id = tree::parse_id(id);
                if self.write(&id, prop, value.clone()) {
                    changed.push((id, prop.to_owned()));
                }
            }
        }
        changed
    }

    /// Writes a prop (a patch applied to its value); `false` when the component is gone.
    fn write(&mut self, id: &Value, prop: &str, value: Value) -> bool {
        let Some(props) = tree::props_mut(&mut self.layout, id) else {
            return false;
        };
        let value = if patch::is_patch(&value) {
            let previous = props.get(prop).cloned().unwrap_or(Value::Null);
            match patch::apply(&previous, &value) {
                Ok(value) => value,
                Err(error) => {
                    self.errors.push(error);
                    return false;
                }
            }
        } else {
            value
        };
        props.insert(prop.to_owned(), value);
        true
    }
}

impl std::fmt::Debug for TestClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestClient")
            .field("calls", &self.calls)
            .field("errors", &self.errors)
            .finish_non_exhaustive()
    }
}

impl Spec {
    fn from_json(spec: &Value, names: &BTreeMap<String, &'static str>) -> Spec {
        let key = spec["output"].as_str().unwrap_or_default().to_owned();
        let props = |list: &Value| -> Vec<(Value, String)> {
            list.as_array()
                .into_iter()
                .flatten()
                .map(|item| {
                    let id = match &item["id"] {
                        Value::String(text) => tree::parse_id(text),
                        other => other.clone(),
                    };
                    (id, item["property"].as_str().unwrap_or_default().to_owned())
                })
                .collect()
        };
        let multi = key.starts_with("..");
        let outputs = if spec["no_output"] == true {
            Vec::new()
        } else {
            let inner = key.trim_start_matches("..").trim_end_matches("..");
            let parts: Vec<&str> = if multi {
                inner.split("...").collect()
            } else {
                vec![inner]
            };
            parts
                .into_iter()
                .filter_map(|part| {
                    let part = part.split('@').next().unwrap_or(part);
                    let (id, prop) = part.rsplit_once('.')?;
                    Some((tree::parse_id(id), prop.to_owned()))
                })
                .collect()
        };
        let running = ["running", "runningOff"].map(|which| spec["running"][which].clone());
        let running = running[0]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(text, on)| {
                let (id, prop) = text.rsplit_once('.')?;
                let off = running[1].get(text).cloned().unwrap_or(Value::Null);
                Some((tree::parse_id(id), prop.to_owned(), on.clone(), off))
            })
            .collect();
        Spec {
            name: names
                .get(&key)
                .map_or_else(|| key.clone(), |name| (*name).to_owned()),
            outputs,
            inputs: props(&spec["inputs"]),
            state: props(&spec["state"]),
            multi,
            initial: spec["prevent_initial_call"] != true,
            clientside: !spec["clientside_function"].is_null(),
            running,
            poll_interval: spec["background"]["interval"].as_u64(),
            key,
        }
    }
}

/// Adds a call, or merges its changed inputs into the same call already waiting (one
/// callback, the same `MATCH` values).
fn add(pending: &mut Vec<Pending>, call: Pending) {
    if let Some(entry) = pending
        .iter_mut()
        .find(|p| p.spec == call.spec && p.context == call.context)
    {
        for changed in call.changed {
            if !entry.changed.contains(&changed) {
                entry.changed.push(changed);
            }
        }
        return;
    }
    pending.push(call);
}
