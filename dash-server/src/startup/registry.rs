//! The callbacks of an app, keyed by the output descriptor the renderer sends back, and the
//! validation of the whole graph at startup.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use dash_core::{CallbackSpec, Component, Node, PropId};

use super::Problem;

/// Every callback of the app, ready for dispatch.
#[derive(Default)]
pub(crate) struct Registry {
    ordered: Vec<Arc<CallbackSpec>>,
    by_output: HashMap<String, Arc<CallbackSpec>>,
}

/// Loops through several callbacks, each triggered by an output of the one before. The
/// macro finds them within one app module; this finds them across modules and `#[cfg]`s,
/// by the same rule (`dash_syntax::cycles`).
fn cycles(specs: &[CallbackSpec]) -> Vec<Problem> {
    // A pattern stands for every component of its family, as in the macro: `type.prop`.
    let node = |prop: &PropId| match &prop.id {
        dash_core::ComponentId::Pattern(keys) => {
            let family = keys.get("type").map(|t| t.to_json().to_string());
            format!("{}.{}", family.unwrap_or_default(), prop.property)
        }
        dash_core::ComponentId::Plain(_) => prop.to_string(),
    };
    let props: Vec<(Vec<String>, Vec<String>)> = specs
        .iter()
        .map(|spec| {
            let dependency = &spec.dependency;
            (
                dependency.outputs.iter().map(node).collect(),
                dependency.inputs.iter().map(node).collect(),
            )
        })
        .collect();
    let nodes: Vec<(&[String], &[String])> = props
        .iter()
        .map(|(outputs, inputs)| (outputs.as_slice(), inputs.as_slice()))
        .collect();
    dash_syntax::cycles(&nodes)
        .into_iter()
        .map(|cycle| {
            let callbacks: Vec<dash_syntax::Named> = cycle
                .iter()
                .map(|&i| (specs[i].name, Some(specs[i].location)))
                .collect();
            Problem::Cycle(dash_syntax::cycle_message(&callbacks, None))
        })
        .collect()
}

/// What the macro refuses in a clientside callback at compile time, for callbacks built
/// by hand: a namespace the renderer or Dash owns, a source holding `</script`, settings
/// only a server callback has, `running` on a pattern id.
fn clientside(spec: &CallbackSpec) -> Vec<Problem> {
    let Some(clientside) = &spec.dependency.clientside else {
        return Vec::new();
    };
    let mut reasons = Vec::new();
    match clientside {
        dash_core::Clientside::Function {
            namespace,
            function,
        } => {
            reasons.extend(dash_syntax::namespace_problem(namespace));
            if function.trim().is_empty() {
                reasons.push("the function name is empty".to_owned());
            }
        }
        dash_core::Clientside::Inline(source) if dash_syntax::closes_script(source) => {
            reasons.push(
                "its source holds `</script` or `<!--`, which would break the page's script"
                    .to_owned(),
            );
        }
        dash_core::Clientside::Inline(_) => {}
    }
    let dependency = &spec.dependency;
    let settings = [
        ("background", dependency.background.is_some()),
        ("websocket", dependency.websocket),
        ("memoize", spec.memoize.is_some()),
    ];
    for (setting, set) in settings {
        if set {
            reasons.push(format!("`{setting}` is a setting of server callbacks"));
        }
    }
    if dependency
        .running
        .iter()
        .any(|r| r.prop.id.as_str().is_none())
    {
        reasons.push("its `running` props must have plain ids".to_owned());
    }
    reasons
        .into_iter()
        .map(|reason| {
            Problem::Clientside(format!(
                "the clientside callback `{}` ({}) cannot run: {reason}",
                spec.name, spec.location
            ))
        })
        .collect()
}

/// The one-writer rule (`dash_syntax`), for plain outputs and for overlapping pattern
/// outputs, across every module and `#[cfg]` the macro could not see together.
fn duplicates(specs: &[CallbackSpec]) -> Vec<Problem> {
    let report = |first: &CallbackSpec, spec: &CallbackSpec, prop: &PropId| {
        Problem::DuplicateOutput(dash_syntax::duplicate_output_message(
            &prop.to_string(),
            (first.name, Some(first.location)),
            (spec.name, Some(spec.location)),
        ))
    };
    let plain: Vec<Vec<PropId>> = specs
        .iter()
        .map(|spec| {
            let outputs = spec.dependency.outputs.iter();
            outputs
                .filter(|p| p.id.as_str().is_some())
                .cloned()
                .collect()
        })
        .collect();
    let writers: Vec<(&[PropId], bool)> = specs
        .iter()
        .zip(&plain)
        .map(|(spec, plain)| (plain.as_slice(), spec.dependency.allow_duplicate))
        .collect();
    let mut problems: Vec<Problem> = dash_syntax::duplicate_outputs(&writers)
        .into_iter()
        .map(|d| report(&specs[d.first], &specs[d.other], &plain[d.other][d.output]))
        .collect();
    let wild: Vec<Vec<KeyedOutput>> = specs
        .iter()
        .map(|spec| {
            let outputs = spec
                .dependency
                .outputs
                .iter()
                .filter(|p| p.id.as_str().is_none());
            outputs.map(|p| (p.clone(), key_texts(p))).collect()
        })
        .collect();
    let shapes: Vec<Vec<dash_syntax::Pattern>> = wild
        .iter()
        .map(|outputs| outputs.iter().map(|(p, keys)| shape(p, keys)).collect())
        .collect();
    let writers: Vec<(&[dash_syntax::Pattern], bool)> = specs
        .iter()
        .zip(&shapes)
        .map(|(spec, shapes)| (shapes.as_slice(), spec.dependency.allow_duplicate))
        .collect();
    problems.extend(
        dash_syntax::overlapping_outputs(&writers)
            .into_iter()
            .map(|d| report(&specs[d.first], &specs[d.other], &wild[d.other][d.output].0)),
    );
    problems
}

/// A pattern output with its keys as text ([`key_texts`]).
type KeyedOutput = (PropId, Vec<(String, String)>);

/// A pattern's keys with their values as JSON text (wildcards as `["MATCH"]`).
fn key_texts(prop: &PropId) -> Vec<(String, String)> {
    match &prop.id {
        dash_core::ComponentId::Pattern(keys) => keys
            .iter()
            .map(|(key, value)| (key.clone(), value.to_json().to_string()))
            .collect(),
        dash_core::ComponentId::Plain(_) => Vec::new(),
    }
}

fn shape<'a>(prop: &'a PropId, keys: &'a [(String, String)]) -> dash_syntax::Pattern<'a> {
    dash_syntax::Pattern {
        prop: &prop.property,
        keys: keys
            .iter()
            .map(|(key, text)| {
                let slot = match text.as_str() {
                    r#"["MATCH"]"# => dash_syntax::Slot::Match,
                    r#"["ALL"]"# => dash_syntax::Slot::All,
                    r#"["ALLSMALLER"]"# => dash_syntax::Slot::AllSmaller,
                    fixed => dash_syntax::Slot::Fixed(fixed),
                };
                (key.as_str(), slot)
            })
            .collect(),
    }
}

/// The layout's components with a string id, by id, for the checks that read their props.
pub(super) type Components = HashMap<String, Component>;

/// The layout's components with a string id, by id.
pub(crate) fn components_by_id(layout: &Node) -> Components {
    let mut components = Components::new();
    layout.for_each_component(&mut |component| {
        if let Some(id) = component.id_str() {
            components.insert(id.to_owned(), component.clone());
        }
    });
    components
}

/// Ids the renderer cannot use, in the layout: empty, or holding `.` (it splits `id.prop`
/// at the last dot) or `{` (it reads such ids as dictionaries). The macro refuses them in
/// `#[id = ".."]`; this finds them wherever the layout was built.
pub(crate) fn invalid_layout_ids(layout: &Node) -> Vec<Problem> {
    let mut problems = Vec::new();
    layout.for_each_component(&mut |component| {
        if let Some(id) = component.id_str()
            && (id.is_empty() || id.contains(['.', '{']))
        {
            problems.push(Problem::InvalidId(format!(
                "the layout has a {} with the id {id:?}, which the browser cannot use: an id is \
                 not empty and holds no `.` (the browser splits `id.prop` at the last dot) and \
                 no `{{` (it reads such ids as dictionaries)",
                component.type_name()
            )));
        }
    });
    problems
}

impl Registry {
    /// Builds the registry, reporting every duplicate output at once.
    pub(crate) fn new(specs: Vec<CallbackSpec>) -> Result<Registry, Vec<Problem>> {
        let mut problems = Vec::new();
        for spec in specs
            .iter()
            .filter(|spec| spec.dependency.inputs.is_empty())
        {
            problems.push(Problem::NoInputs(format!(
                "`{}` ({}) has no input; the browser runs a callback when an input changes",
                spec.name, spec.location
            )));
        }
        problems.extend(specs.iter().flat_map(clientside));
        problems.extend(duplicates(&specs));
        problems.extend(cycles(&specs));
        if !problems.is_empty() {
            return Err(problems);
        }
        let ordered: Vec<Arc<CallbackSpec>> = specs.into_iter().map(Arc::new).collect();
        let mut by_output: HashMap<String, Arc<CallbackSpec>> = HashMap::new();
        for spec in &ordered {
            if let Some(first) = by_output.insert(spec.dependency.output_key(), spec.clone()) {
                problems.push(Problem::DuplicateOutput(format!(
                    "`{}` ({}) and `{}` ({}) share their outputs and their inputs, so the browser cannot \
                     tell them apart; give one of them a different input",
                    first.name, first.location, spec.name, spec.location
                )));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Registry { ordered, by_output })
    }

    /// The callback whose output descriptor is `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&Arc<CallbackSpec>> {
        self.by_output.get(key)
    }

    /// All callbacks in registration order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &Arc<CallbackSpec>> {
        self.ordered.iter()
    }

    /// Every API endpoint (`api_endpoint`) is a path of its own, clear of the protocol's
    /// routes (theirs start with `_`) and of the assets, and its callback can be called
    /// with JSON by name: its arguments are named and none is a pattern; it is no
    /// background job, whose answer the browser polls for.
    pub(crate) fn check_endpoints(&self, assets_path: &str, health: Option<&str>) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut seen: Vec<(&str, &CallbackSpec)> = Vec::new();
        for spec in &self.ordered {
            let Some(path) = spec.api_endpoint else {
                continue;
            };
            let mut report = |reason: String| {
                problems.push(Problem::Endpoint(format!(
                    "the API endpoint `{path}` of `{}` ({}) {reason}",
                    spec.name, spec.location
                )));
            };
            let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
            if let Some(problem) = dash_syntax::endpoint_problem(path) {
                report(problem.to_owned());
            } else if first == assets_path.trim_matches('/')
                || health.is_some_and(|health| health.trim_matches('/') == path.trim_matches('/'))
            {
                report("is taken, by the assets or the health endpoint".to_owned());
            }
            if let Some((_, other)) = seen.iter().find(|(seen, _)| *seen == path) {
                report(format!("is also `{}`'s ({})", other.name, other.location));
            }
            seen.push((path, spec));
            if spec.dependency.background.is_some() {
                report("is a background callback's, whose answer the browser polls for".to_owned());
            }
            if spec.arguments().any(|prop| prop.id.as_str().is_none()) {
                report(
                    "has a pattern argument, which a JSON object by name cannot give".to_owned(),
                );
            }
            if spec.argument_names.len() != spec.arguments().count() {
                report("has arguments without names (`CallbackSpec::argument_name`)".to_owned());
            }
        }
        problems
    }

    /// Every `Shared<T>` a callback takes must be shared by the app.
    pub(crate) fn check_shared(&self, resources: &dash_core::Resources) -> Vec<Problem> {
        let mut problems = Vec::new();
        for spec in &self.ordered {
            for need in &spec.shared {
                if !resources.contains((need.type_id)()) {
                    problems.push(Problem::MissingShared(format!(
                        "`{}` ({}) takes `Shared<{}>`, but the app shares no such value; add \
                         `.share(value)` to the `Dash` builder",
                        spec.name, spec.location, need.type_name
                    )));
                }
            }
        }
        problems
    }

    /// A callback whose result depends on its context (`Ctx`, an error handler) can be
    /// neither memoized nor a server store's writer: the macro says so where it can see
    /// the store, and this wherever it cannot (fragments, hand-written specs).
    pub(crate) fn check_contextual(&self, server_stores: &[&'static str]) -> Vec<Problem> {
        let mut problems = Vec::new();
        for spec in self.ordered.iter().filter(|spec| spec.contextual) {
            if spec.memoize.is_some() {
                problems.push(Problem::Contextual(format!(
                    "`{}` ({}) is memoized but takes the context or has `on_error`: its cached \
                     result must depend on its inputs and state alone",
                    spec.name, spec.location
                )));
            }
            let store = spec.dependency.outputs.iter().find(|prop| {
                prop.property == "data"
                    && prop
                        .id
                        .as_str()
                        .is_some_and(|id| server_stores.contains(&id))
            });
            if let Some(store) = store {
                problems.push(Problem::Contextual(format!(
                    "`{}` ({}) writes the server store `{store}` but takes the context or has \
                     `on_error`: a reader may compute the value again, with no request to give it one",
                    spec.name, spec.location
                )));
            }
        }
        problems
    }

    /// A callback argument whose type cannot take `null`, bound to a prop the layout leaves
    /// unset and no callback fills on page load: the first call would get `null` and answer
    /// 400. Only the layout decides this, so it is checked here; pattern props (components
    /// made at run time) and ids missing from the layout are left out.
    pub(crate) fn check_unset(&self, components: &Components) -> Vec<Problem> {
        // Props an initial call fills before their readers run.
        let filled: Vec<&PropId> = self
            .ordered
            .iter()
            .filter(|spec| !spec.dependency.prevent_initial_call)
            .flat_map(|spec| &spec.dependency.outputs)
            .collect();
        let mut problems = Vec::new();
        for spec in &self.ordered {
            let dependency = &spec.dependency;
            // A callback that only runs when its single input fires has a value for it.
            let fired = dependency.prevent_initial_call && dependency.inputs.len() == 1;
            let arguments = spec.arguments().enumerate().zip(&spec.argument_types);
            for ((index, prop), argument) in arguments {
                if argument.accepts_null() || (fired && index == 0) || filled.contains(&prop) {
                    continue;
                }
                let Some(id) = prop.id.as_str() else { continue };
                let Some(component) = components.get(id) else {
                    continue;
                };
                let unset = component
                    .props()
                    .get(prop.property.as_ref())
                    .is_none_or(|v| v.is_null());
                if unset {
                    problems.push(Problem::Unset(format!(
                        "`{}` ({}) takes `{}` for `{prop}`, which the layout leaves unset: the \
                         browser sends null on the first call, which `{}` cannot take (a 400); \
                         take `Option<{}>`, or give `{prop}` a value in the layout",
                        spec.name, spec.location, argument.name, argument.name, argument.name
                    )));
                }
            }
        }
        problems
    }

    /// An optional prop (`allow_optional`) whose argument cannot take `null`, which the
    /// browser sends when the component is missing from the page.
    pub(crate) fn check_optional(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        for spec in &self.ordered {
            for (prop, argument) in spec.arguments().zip(&spec.argument_types) {
                if spec.dependency.optional.contains(prop) && !argument.accepts_null() {
                    problems.push(Problem::Unset(format!(
                        "`{}` ({}) takes `{}` for `{prop}`, which is optional: when no component \
                         on the page has its id, the browser sends null, which `{}` cannot take \
                         (a 400); take `Option<{}>`",
                        spec.name, spec.location, argument.name, argument.name, argument.name
                    )));
                }
            }
        }
        problems
    }

    /// A callback argument whose type cannot read a form the browser sends for its prop
    /// (`super::forms`): `null` for a cleared Dropdown, `[]` for a `multi` one, numbers
    /// from an Input of type `number`... The first call that brings it would answer 400.
    /// The macro refuses the forms that the component's type decides; this adds those the
    /// layout decides, and covers components the macro cannot see (fragments, paths it
    /// cannot read). Pattern props are left out: their components are made at run time.
    pub(crate) fn check_forms(&self, components: &Components) -> Vec<Problem> {
        let mut problems = Vec::new();
        for spec in &self.ordered {
            for (prop, argument) in spec.arguments().zip(&spec.argument_types) {
                let Some(component) = prop.id.as_str().and_then(|id| components.get(id)) else {
                    continue;
                };
                let forms = super::forms::forms(component, &prop.property);
                let Some(form) = forms.iter().find(|form| !(argument.reads)(&form.sample)) else {
                    continue;
                };
                let fix = if form.sample.is_null() {
                    format!("take `Option<{}>`", argument.name)
                } else {
                    "take a type that reads every form (`serde_json::Value` reads anything)"
                        .to_owned()
                };
                problems.push(Problem::Form(format!(
                    "`{}` ({}) takes `{}` for `{prop}`, but the {} sends {}, which `{}` cannot \
                     read (a 400): {fix}",
                    spec.name,
                    spec.location,
                    argument.name,
                    component.type_name(),
                    form.when,
                    argument.name,
                )));
            }
        }
        problems
    }

    /// Every id a callback uses must be in the layout, as Dash requires unless callback
    /// exceptions are suppressed.
    pub(crate) fn check_layout(&self, layout: &Node) -> Vec<Problem> {
        let mut present = BTreeSet::new();
        layout.for_each_component(&mut |component| {
            if let Some(id) = component.id_str() {
                present.insert(id.to_owned());
            }
        });
        let mut problems = Vec::new();
        for spec in &self.ordered {
            let used = spec
                .dependency
                .outputs
                .iter()
                .chain(&spec.dependency.inputs)
                .chain(&spec.dependency.state);
            let mut reported = BTreeSet::new();
            for prop in used.filter(|prop| !spec.dependency.optional.contains(prop)) {
                // Pattern ids name components made at run time: no layout holds them.
                let Some(id) = prop.id.as_str() else { continue };
                if !present.contains(id) && reported.insert(id) {
                    problems.push(Problem::MissingId(format!(
                        "`{}` ({}) uses `{prop}`, but no component in the layout has the id `{}`; add it to the \
                         layout, or declare the layout dynamic with `suppress_callback_exceptions(true)`",
                        spec.name, spec.location, prop.id
                    )));
                }
            }
        }
        problems
    }
}
