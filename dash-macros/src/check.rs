//! Whole-module checks, one function per rule. Each reports every problem it finds.

use syn::{ReturnType, Type};

use crate::ast::{App, Callback};
use crate::attr::Prop;
use crate::clientside::Source;
use crate::ctxt::Errors;
use crate::js;
use crate::ty::result_ok_type;
use crate::{message, purity, stores};

pub(crate) fn app(app: &App, errors: &mut Errors) {
    // A module without callbacks (a page's, say) needs no ids.
    if app.ids.is_none()
        && app.fragment_of.is_none()
        && !app.arguments_failed
        && !app.callbacks.is_empty()
    {
        errors.at(app.span(), message::MISSING_IDS);
    }
    for callback in &app.callbacks {
        props_are_well_formed(app, callback, errors);
        // Counting keys of an attribute that stopped parsing halfway would only cascade.
        if !callback.attr.malformed {
            outputs_and_inputs(callback, errors);
            if callback.clientside.is_none() {
                arity(callback, errors);
                tuple_arity(callback, errors);
            }
        }
        if let Some(source) = &callback.clientside {
            clientside_rules(app, callback, source, errors);
        }
        no_global_writes(callback, errors);
        context_rules(app, callback, errors);
        wildcard_rules(app, callback, errors);
        for optional in &callback.attr.optional {
            let named = callback
                .attr
                .inputs
                .iter()
                .chain(&callback.attr.state)
                .any(|prop| {
                    prop.plain()
                        .is_some_and(|lit| lit.value() == optional.value())
                });
            if !named {
                errors.spanned(optional, message::OPTIONAL_NOT_AN_ARGUMENT);
            }
        }
        if let Some(span) = callback.attr.allow_duplicate
            && !callback.attr.prevent_initial_call
        {
            errors.at(span, message::DUPLICATE_NEEDS_PREVENT_INITIAL_CALL);
        }
        background_rules(callback, errors);
        endpoint_rules(callback, errors);
        mcp_rules(callback, errors);
    }
    single_writer(app, errors);
    distinct_ids(app, errors);
    distinct_family_types(app, errors);
    no_cycles(app, errors);
}

/// The background settings need `background`; `Progress` needs progress props; a
/// background callback runs on the blocking pool and never over the WebSocket.
fn background_rules(callback: &Callback, errors: &mut Errors) {
    let attr = &callback.attr;
    if attr.background.is_none() {
        if let Some(interval) = &attr.interval {
            errors.spanned(interval, message::needs_background("interval"));
        }
        if let Some(progress) = attr.progress.first() {
            errors.spanned(&progress.prop, message::needs_background("progress"));
        }
        if let Some(cancel) = attr.cancel.first() {
            errors.spanned(cancel, message::needs_background("cancel"));
        }
    }
    if let Some((ty, _)) = callback.progress_type() {
        if attr.background.is_none() {
            errors.spanned(ty, message::PROGRESS_WITHOUT_BACKGROUND);
        } else if attr.progress.is_empty() {
            errors.spanned(ty, message::PROGRESS_WITHOUT_PROPS);
        } else if let Some((_, value)) = callback.progress_type()
            && attr.progress.len() > 1
            && !matches!(crate::ty::ungroup(value), Type::Tuple(t) if t.elems.len() == attr.progress.len())
        {
            errors.spanned(value, message::progress_arity(attr.progress.len()));
        }
    }
    if let Some(span) = attr.background
        && !attr.blocking
    {
        errors.at(span, message::BACKGROUND_INLINE);
    }
    if let Some(span) = attr.background
        && attr.websocket
    {
        errors.at(span, message::BACKGROUND_WEBSOCKET);
    }
    let defaults = attr.progress.iter().filter(|p| p.default.is_some()).count();
    if defaults != 0 && defaults != attr.progress.len() {
        let first = attr
            .progress
            .iter()
            .find(|p| p.default.is_none())
            .expect("one has no default");
        errors.spanned(&first.prop, message::PROGRESS_DEFAULTS);
    }
    if let Some(interval) = &attr.interval
        && interval.base10_parse::<u64>().is_err()
    {
        errors.spanned(interval, message::BAD_INTERVAL);
    }
}

/// A clientside callback: its function can be named and its source parses as one
/// function expression whose parameters take the inputs and state; an array it visibly
/// returns has one element per output; it uses no server store, whose data the browser
/// never holds; its `running` props have plain ids.
fn clientside_rules(app: &App, callback: &Callback, source: &Source, errors: &mut Errors) {
    let attr = &callback.attr;
    for prop in attr.outputs.iter().chain(&attr.inputs).chain(&attr.state) {
        if stores::store_data(app, prop) == Some(true) {
            errors.spanned(prop.lit(), message::clientside_server_store(&prop.text()));
        }
    }
    for running in &attr.running {
        if let Some(pattern) = running.prop.pattern() {
            errors.spanned(&pattern.prop, message::CLIENTSIDE_RUNNING_PATTERN);
        }
    }
    let source = match source {
        Source::Function {
            namespace,
            function,
        } => {
            if let Some(problem) = dash_syntax::namespace_problem(&namespace.value()) {
                errors.spanned(namespace, message::clientside_namespace(&problem));
            }
            if function.value().trim().is_empty() {
                errors.spanned(function, message::CLIENTSIDE_EMPTY_FUNCTION);
            }
            return;
        }
        Source::Inline(lit) => lit,
    };
    let text = source.value();
    if dash_syntax::closes_script(&text) {
        errors.spanned(source, message::CLIENTSIDE_CLOSES_SCRIPT);
    }
    let function = match js::inspect(&text) {
        Ok(function) => function,
        Err(js::Problem::Disabled) => return errors.spanned(source, message::CLIENTSIDE_FEATURE),
        Err(js::Problem::NotAFunction) => {
            return errors.spanned(source, message::CLIENTSIDE_NOT_A_FUNCTION);
        }
        Err(js::Problem::Syntax { offset, message }) => {
            let (line, column, excerpt) = js::locate(&text, offset);
            return errors.spanned(source, message::js_syntax(line, column, &message, &excerpt));
        }
    };
    let (inputs, state) = (attr.inputs.len(), attr.state.len());
    if !js::fits(&function, inputs + state) && !attr.malformed {
        let name = callback.ident.to_string();
        errors.spanned(
            source,
            message::js_arity(&name, function.params, inputs, state),
        );
    }
    let outputs = attr.outputs.len();
    if outputs > 1 && !attr.malformed {
        for (length, offset) in function.arrays {
            if length != outputs {
                let (line, column, excerpt) = js::locate(&text, offset);
                errors.spanned(
                    source,
                    message::js_array_length(length, outputs, (line, column, &excerpt)),
                );
            }
        }
    }
}

/// An API endpoint has a plain path, and its callback can be called with a JSON object
/// by name: no background job, no pattern argument.
fn endpoint_rules(callback: &Callback, errors: &mut Errors) {
    let attr = &callback.attr;
    let Some(path) = &attr.api_endpoint else {
        return;
    };
    if let Some(problem) = dash_syntax::endpoint_problem(&path.value()) {
        errors.spanned(path, message::endpoint(problem));
    }
    if attr.background.is_some() {
        errors.spanned(path, message::ENDPOINT_BACKGROUND);
    }
    if let Some(pattern) = attr
        .inputs
        .iter()
        .chain(&attr.state)
        .find_map(Prop::pattern)
    {
        errors.spanned(&pattern.prop, message::ENDPOINT_PATTERN);
    }
}

/// `mcp = true` asks for a tool the server could not offer: the MCP server leaves such
/// callbacks out, so asking for one is a mistake the compiler can name.
fn mcp_rules(callback: &Callback, errors: &mut Errors) {
    let attr = &callback.attr;
    if attr.mcp != Some(true) {
        return;
    }
    if let Some(span) = attr.background {
        errors.push(syn::Error::new(span, message::MCP_BACKGROUND));
    }
    if let Some(pattern) = attr
        .inputs
        .iter()
        .chain(&attr.state)
        .chain(&attr.outputs)
        .find_map(Prop::pattern)
    {
        errors.spanned(&pattern.prop, message::MCP_PATTERN);
    }
}

/// Two families with one `type` would read each other's ids.
fn distinct_family_types(app: &App, errors: &mut Errors) {
    for (i, family) in app.families.iter().enumerate() {
        if let Some(first) = app.families[..i]
            .iter()
            .find(|f| f.type_name == family.type_name)
        {
            errors.spanned(
                &family.ident,
                message::duplicate_family_type(&family.type_name, &first.ident.to_string()),
            );
        }
    }
}

fn distinct_ids(app: &App, errors: &mut Errors) {
    let Some(ids) = &app.ids else { return };
    for (i, field) in ids.fields.iter().enumerate() {
        if ids.fields[..i].iter().any(|f| f.id == field.id) {
            errors.spanned(&field.ident, message::duplicate_id(&field.id));
        }
    }
}

/// A loop through several callbacks, each triggered by an output of the one before, is an
/// error, as in Dash. A callback that reads its own output is allowed, and `state` does not
/// trigger. Callbacks under `#[cfg]` are left to the validation at startup.
fn no_cycles(app: &App, errors: &mut Errors) {
    let callbacks: Vec<&Callback> = app
        .callbacks
        .iter()
        .filter(|c| c.cfgs.is_empty() && !c.attr.malformed)
        .collect();
    let props: Vec<(Vec<String>, Vec<String>)> = callbacks
        .iter()
        .map(|c| {
            let values = |props: &[Prop]| props.iter().map(Prop::graph).collect();
            (values(&c.attr.outputs), values(&c.attr.inputs))
        })
        .collect();
    let nodes: Vec<(&[String], &[String])> = props
        .iter()
        .map(|(outputs, inputs)| (outputs.as_slice(), inputs.as_slice()))
        .collect();
    for cycle in dash_syntax::cycles(&nodes) {
        let names: Vec<String> = cycle
            .iter()
            .map(|&i| callbacks[i].ident.to_string())
            .collect();
        // The input of the first callback that the last one's output triggers.
        let (first, last) = (callbacks[cycle[0]], nodes[cycle[cycle.len() - 1]].0);
        let closing = first
            .attr
            .inputs
            .iter()
            .find(|prop| last.contains(&prop.graph()))
            .expect("a cycle edge is an input");
        errors.spanned(closing.lit(), message::cycle(&names, &closing.text()));
    }
}

/// The rules the renderer checks on every page load (`validateDependencies` in
/// dash-renderer 3.4.1), here at the offending token: no `..` in a pattern, no
/// `ALLSMALLER` in an output, the same `MATCH` keys in every output, the `ALLSMALLER` keys
/// of inputs and state among the outputs' `MATCH` keys, and their `MATCH` keys too when
/// the outputs have any.
fn wildcard_rules(app: &App, callback: &Callback, errors: &mut Errors) {
    use crate::pattern::{KeyExpr, Wild};
    for pattern in callback.patterns() {
        if let Some(rest) = &pattern.rest {
            errors.spanned(rest, message::PATTERN_REST);
        }
    }
    // The renderer fills a `running` pattern's wildcards from the id that fired; on an
    // initial call nothing has, and it fails with a TypeError in the page.
    if !callback.attr.prevent_initial_call {
        for running in &callback.attr.running {
            if let Some(pattern) = running.prop.pattern()
                && pattern
                    .keys
                    .iter()
                    .any(|key| matches!(key.value, KeyExpr::Wild(..)))
            {
                errors.spanned(&pattern.prop, message::RUNNING_PATTERN_INITIAL_CALL);
            }
        }
    }
    let match_keys = |prop: &Prop| -> Vec<String> {
        let mut keys = prop
            .pattern()
            .map(|pattern| pattern.keys_with(Wild::Match))
            .unwrap_or_default();
        keys.sort();
        keys
    };
    for prop in &callback.attr.outputs {
        let Some(pattern) = prop.pattern() else {
            continue;
        };
        for key in &pattern.keys {
            if let KeyExpr::Wild(Wild::AllSmaller, ident) = &key.value {
                errors.spanned(ident, message::ALLSMALLER_OUTPUT);
            }
        }
    }
    let first_keys = callback
        .attr
        .outputs
        .first()
        .map(match_keys)
        .unwrap_or_default();
    let describe = |keys: &[String]| {
        if keys.is_empty() {
            "no key".to_owned()
        } else {
            keys.iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    for prop in callback.attr.outputs.iter().skip(1) {
        let keys = match_keys(prop);
        if keys != first_keys {
            errors.spanned(
                prop.lit(),
                message::mismatched_match(&describe(&keys), &describe(&first_keys)),
            );
        }
    }
    for prop in callback.attr.inputs.iter().chain(&callback.attr.state) {
        let Some(pattern) = prop.pattern() else {
            continue;
        };
        // A key the family does not have is rustc's error at the literal; this rule
        // would only repeat it.
        let known = |name: &syn::Ident| {
            app.family(&pattern.family)
                .is_none_or(|family| family.fields.iter().any(|(field, _)| field == name))
        };
        for key in pattern.keys.iter().filter(|key| known(&key.name)) {
            // As dash-renderer 3.4.1 checks it (plotly/dash#2462): `ALLSMALLER` always
            // needs the key among the outputs' `MATCH` keys; `MATCH` only when the
            // outputs have any `MATCH`.
            let checked = match key.value {
                KeyExpr::Wild(Wild::AllSmaller, _) => true,
                KeyExpr::Wild(Wild::Match, _) => !first_keys.is_empty(),
                _ => false,
            };
            if let KeyExpr::Wild(wild, ident) = &key.value
                && checked
                && !first_keys.contains(&syn::ext::IdentExt::unraw(&key.name).to_string())
            {
                errors.spanned(
                    ident,
                    message::match_not_in_outputs(wild.name(), &key.name.to_string()),
                );
            }
        }
    }
}

/// The parameters that read the call's context (not `Shared<T>`, nor `Progress<T>`,
/// which only writes).
fn contexts(callback: &Callback) -> impl Iterator<Item = &Type> {
    callback
        .params
        .iter()
        .zip(&callback.context)
        .filter(|(_, context)| **context)
        .map(|(ty, _)| ty)
        .filter(|ty| callback.reads_context(ty))
}

/// A callback without outputs returns nothing (it writes side updates); every callback
/// has an input (the renderer refuses one without: "A callback is missing Inputs"), and
/// no input twice.
fn outputs_and_inputs(callback: &Callback, errors: &mut Errors) {
    if callback.attr.outputs.is_empty()
        && !callback.attr.saw_output
        && let ReturnType::Type(_, ty) = &callback.output
    {
        let ok = result_ok_type(ty).unwrap_or(ty);
        if !matches!(ok, Type::Tuple(tuple) if tuple.elems.is_empty()) {
            errors.spanned(ty, message::NO_OUTPUT_RETURNS);
        }
    }
    if callback.attr.inputs.is_empty() {
        errors.spanned(&callback.ident, message::NEEDS_INPUT);
    }
    for (i, input) in callback.attr.inputs.iter().enumerate() {
        if callback.attr.inputs[..i]
            .iter()
            .any(|earlier| earlier.text() == input.text())
        {
            errors.spanned(input.lit(), message::DUPLICATE_INPUT);
        }
    }
}

/// `on_error` needs an error to handle; memoization and the context exclude each other;
/// the module of a callback's `Trigger` must not hide one of the prelude's modules.
fn context_rules(app: &App, callback: &Callback, errors: &mut Errors) {
    if crate::trigger::has_module(callback) {
        let name = callback.ident.to_string();
        if crate::trigger::PRELUDE_MODULES.contains(&name.as_str()) {
            errors.spanned(&callback.ident, message::trigger_module_hides(&name));
        }
    }
    if let Some(handler) = &callback.attr.on_error
        && !callback.returns_result()
    {
        errors.spanned(handler, message::ON_ERROR_NEEDS_RESULT);
    }
    if callback.attr.memoize.is_some()
        && let Some(handler) = &callback.attr.on_error
    {
        errors.spanned(handler, message::MEMOIZED_ON_ERROR);
    }
    if stores::writes_server_store(app, callback) {
        for ty in contexts(callback) {
            errors.spanned(ty, message::SERVER_STORE_CONTEXT);
        }
    }
    let variants = crate::trigger::variants(app, callback);
    if crate::trigger::has_module(callback) {
        for (i, variant) in variants.iter().enumerate() {
            if variants[..i]
                .iter()
                .any(|earlier| earlier.ident == variant.ident)
            {
                errors.spanned(
                    callback.attr.inputs[i].lit(),
                    message::duplicate_variant(&variant.ident.to_string()),
                );
            }
        }
    }
    if callback.attr.memoize.is_some() {
        for ty in contexts(callback) {
            errors.spanned(ty, message::MEMOIZED_CONTEXT);
        }
    }
}

fn props_are_well_formed(app: &App, callback: &Callback, errors: &mut Errors) {
    for lit in callback.props() {
        let text = lit.value();
        match dash_syntax::split_prop(&text) {
            None => errors.spanned(lit, message::bad_prop(&text)),
            Some((id, _)) => {
                if let Some(ids) = &app.ids
                    && !ids.fields.iter().any(|f| f.id == id)
                {
                    let declared: Vec<String> = ids.fields.iter().map(|f| f.id.clone()).collect();
                    errors.spanned(lit, message::unknown_id(id, &text, &declared));
                }
            }
        }
    }
}

fn arity(callback: &Callback, errors: &mut Errors) {
    let (inputs, state) = (callback.attr.inputs.len(), callback.attr.state.len());
    if callback.prop_params() != inputs + state {
        errors.spanned(
            &callback.ident,
            message::arity(
                &callback.ident.to_string(),
                callback.prop_params(),
                inputs,
                state,
            ),
        );
    }
}

fn tuple_arity(callback: &Callback, errors: &mut Errors) {
    let outputs = callback.attr.outputs.len();
    if outputs < 2 {
        return;
    }
    let ReturnType::Type(_, ty) = &callback.output else {
        return;
    };
    let ty = result_ok_type(ty).unwrap_or(ty);
    if let Type::Tuple(tuple) = ty
        && tuple.elems.len() != outputs
    {
        errors.spanned(
            tuple,
            message::tuple_arity(&callback.ident.to_string(), tuple.elems.len(), outputs),
        );
    }
}

/// Two unconditional callbacks may not write one property, unless one of them is marked
/// `allow_duplicate`. Callbacks under `#[cfg]` are left to the server's validation at
/// startup, which sees what was compiled in.
fn single_writer(app: &App, errors: &mut Errors) {
    let callbacks: Vec<&Callback> = app.callbacks.iter().filter(|c| c.cfgs.is_empty()).collect();
    // Plain outputs: equal `id.prop`s.
    let plain: Vec<Vec<&Prop>> = callbacks
        .iter()
        .map(|c| {
            c.attr
                .outputs
                .iter()
                .filter(|p| p.plain().is_some())
                .collect()
        })
        .collect();
    let texts: Vec<Vec<String>> = plain
        .iter()
        .map(|props| props.iter().map(|p| p.text()).collect())
        .collect();
    let nodes: Vec<(&[String], bool)> = callbacks
        .iter()
        .zip(&texts)
        .map(|(c, texts)| (texts.as_slice(), c.attr.allow_duplicate.is_some()))
        .collect();
    for duplicate in dash_syntax::duplicate_outputs(&nodes) {
        let first = plain[duplicate.first]
            .iter()
            .find(|p| p.text() == texts[duplicate.other][duplicate.output]);
        report_duplicate(
            (callbacks[duplicate.first], first.copied()),
            callbacks[duplicate.other],
            plain[duplicate.other][duplicate.output],
            errors,
        );
    }
    // Pattern outputs: overlapping patterns, by the renderer's rule.
    let patterns: Vec<Vec<&Prop>> = callbacks
        .iter()
        .map(|c| {
            c.attr
                .outputs
                .iter()
                .filter(|p| p.pattern().is_some())
                .collect()
        })
        .collect();
    let slots: Vec<Vec<PatternText>> = patterns
        .iter()
        .map(|props| {
            props
                .iter()
                .filter_map(|p| p.pattern())
                .map(PatternText::of)
                .collect()
        })
        .collect();
    let shapes: Vec<Vec<dash_syntax::Pattern>> = slots
        .iter()
        .map(|texts| texts.iter().map(PatternText::shape).collect())
        .collect();
    let nodes: Vec<(&[dash_syntax::Pattern], bool)> = callbacks
        .iter()
        .zip(&shapes)
        .map(|(c, shapes)| (shapes.as_slice(), c.attr.allow_duplicate.is_some()))
        .collect();
    for duplicate in dash_syntax::overlapping_outputs(&nodes) {
        let other = &shapes[duplicate.other][duplicate.output];
        let first = shapes[duplicate.first]
            .iter()
            .position(|shape| dash_syntax::overlap(shape, other))
            .map(|i| patterns[duplicate.first][i]);
        report_duplicate(
            (callbacks[duplicate.first], first),
            callbacks[duplicate.other],
            patterns[duplicate.other][duplicate.output],
            errors,
        );
    }
}

/// At `prop`, an output of `other`; and at the first callback's output, when it is another.
fn report_duplicate(
    (first, first_prop): (&Callback, Option<&Prop>),
    other: &Callback,
    prop: &Prop,
    errors: &mut Errors,
) {
    errors.spanned(
        prop.lit(),
        message::duplicate_output(
            &prop.text(),
            &first.ident.to_string(),
            &other.ident.to_string(),
        ),
    );
    if let Some(first_prop) = first_prop
        && !std::ptr::eq(first_prop, prop)
    {
        errors.spanned(
            first_prop.lit(),
            message::first_output_here(&first_prop.text()),
        );
    }
}

/// A pattern's keys as text, for `dash_syntax::overlap`: the family stands for `type`,
/// and fixed values are compared as written.
struct PatternText {
    prop: String,
    keys: Vec<(String, Result<crate::pattern::Wild, String>)>,
}

impl PatternText {
    fn of(pattern: &crate::pattern::Pattern) -> PatternText {
        use crate::pattern::KeyExpr;
        use quote::ToTokens;
        let mut keys: Vec<(String, Result<crate::pattern::Wild, String>)> = pattern
            .keys
            .iter()
            .map(|key| {
                let value = match &key.value {
                    KeyExpr::Wild(wild, _) => Ok(*wild),
                    KeyExpr::Fixed(expr) => Err(expr.to_token_stream().to_string()),
                };
                (key.name.to_string(), value)
            })
            .collect();
        keys.push(("type".to_owned(), Err(pattern.family_name())));
        PatternText {
            prop: pattern.prop.value(),
            keys,
        }
    }

    fn shape(&self) -> dash_syntax::Pattern<'_> {
        use crate::pattern::Wild;
        dash_syntax::Pattern {
            prop: &self.prop,
            keys: self
                .keys
                .iter()
                .map(|(key, value)| {
                    let slot = match value {
                        Ok(Wild::Match) => dash_syntax::Slot::Match,
                        Ok(Wild::All) => dash_syntax::Slot::All,
                        Ok(Wild::AllSmaller) => dash_syntax::Slot::AllSmaller,
                        Err(text) => dash_syntax::Slot::Fixed(text),
                    };
                    (key.as_str(), slot)
                })
                .collect(),
        }
    }
}

/// The purity lint, unless the callback opted out with a reason.
fn no_global_writes(callback: &Callback, errors: &mut Errors) {
    if callback.attr.allow_global_writes.is_some() {
        return;
    }
    let params: Vec<(&syn::Pat, bool)> = callback
        .param_pats
        .iter()
        .zip(&callback.shared)
        .map(|(pat, shared)| (pat, shared.is_some()))
        .collect();
    let name = callback.ident.to_string();
    for finding in purity::lint(&name, &params, &callback.body) {
        errors.at(finding.span, finding.message);
    }
}
