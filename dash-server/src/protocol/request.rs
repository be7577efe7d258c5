//! The body of `POST /_dash-update-component`, parsed once and validated against the
//! callback before it runs: the inputs and state become its [`Args`], and the `outputs`
//! list becomes the [`Targets`] the response is keyed by (../shared/dash-protocol.md §6.1).

use dash_core::{Arg, Args, CallbackSpec, ComponentId, Lists, PatternItem, PropId};
use serde::Deserialize;
use serde_json::Value;

use crate::error::ApiError;
use crate::protocol::wire::{Slot, WireId};

/// The fields of the renderer's request that the server uses.
#[derive(Deserialize)]
pub(crate) struct UpdateRequest<'a> {
    /// The output key of the callback (`_dash-dependencies`).
    pub output: String,
    /// One `{id, property}` for a single output, a list for several; a wildcard `ALL`
    /// position is itself a list. Absent for a callback without outputs.
    #[serde(default, borrow)]
    outputs: Slot<'a>,
    /// One item per input: `{id, property, value}` (the value absent when the browser has
    /// none: decoded as null), or a list of them for an `ALL` or `ALLSMALLER` input. Read
    /// straight into ids and values (wire.rs).
    #[serde(borrow)]
    inputs: Vec<Slot<'a>>,
    #[serde(default, borrow)]
    state: Vec<Slot<'a>>,
    #[serde(default, rename = "changedPropIds")]
    changed_prop_ids: Vec<String>,
}

/// A request checked against its callback: everything the call needs.
pub(crate) struct Validated {
    /// The arguments, inputs then state.
    pub args: Args,
    /// Where each output goes.
    pub targets: Targets,
    /// The props that fired, parsed.
    pub changed: Vec<PropId>,
    /// The lists as sent, when the callback reads them (`keep_lists`).
    pub lists: Option<Lists>,
}

/// The concrete components each pattern output of a call writes, by output position, as
/// the request's `outputs` names them. Empty when no output is a pattern: plain outputs
/// write the declared id.
#[derive(Debug, Default)]
pub(crate) struct Targets(pub Vec<Target>);

/// Where one output goes.
#[derive(Debug)]
pub(crate) enum Target {
    /// The declared id (a plain output).
    Declared,
    /// One component, by the id's text form.
    One(String),
    /// The components an `ALL` output matched, in the request's order.
    Many(Vec<String>),
}

impl Targets {
    /// Where output `index` goes.
    pub(crate) fn get(&self, index: usize) -> &Target {
        self.0.get(index).unwrap_or(&Target::Declared)
    }
}

impl<'a> UpdateRequest<'a> {
    /// The request's body. Read once without tracking where the reader is; a body that
    /// does not decode is read again with the path, for the message.
    pub(crate) fn parse(body: &'a [u8]) -> Result<UpdateRequest<'a>, ApiError> {
        serde_json::from_slice(body).or_else(|_| {
            serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_slice(body))
                .map_err(|error| ApiError::Malformed {
                    message: format!("at `{}`: {}", error.path(), error.inner()),
                })
        })
    }

    /// Checks the request against `spec`: `changedPropIds` are prop ids, the inputs and
    /// state are exactly the declared props in order, and each pattern output names
    /// components that match it. With `keep_lists`, the lists are kept as sent, for a
    /// callback that reads them.
    pub(crate) fn validate(
        self,
        spec: &CallbackSpec,
        keep_lists: bool,
    ) -> Result<Validated, ApiError> {
        let changed = changed(&self.changed_prop_ids)?;
        let targets = targets(spec, &self.outputs)?;
        // (Copied before the values move into the arguments: only for a callback that
        // takes its context.)
        let lists = keep_lists.then(|| Lists {
            inputs: Value::Array(self.inputs.iter().map(Slot::to_json).collect()),
            state: Value::Array(self.state.iter().map(Slot::to_json).collect()),
            outputs: self.outputs.to_json(),
        });
        let dependency = &spec.dependency;
        let mut args = Vec::with_capacity(dependency.inputs.len() + dependency.state.len());
        arguments(spec, "inputs", &dependency.inputs, self.inputs, &mut args)?;
        arguments(spec, "state", &dependency.state, self.state, &mut args)?;
        Ok(Validated {
            args: Args::from(args),
            targets,
            changed,
            lists,
        })
    }
}

/// `changedPropIds`, parsed: each entry is `<id>.<prop>`, the id in its text form.
fn changed(entries: &[String]) -> Result<Vec<PropId>, ApiError> {
    entries
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            PropId::parse_changed(entry).ok_or_else(|| ApiError::Malformed {
                message: format!("at `changedPropIds[{index}]`: `{entry}` is not a prop id"),
            })
        })
        .collect()
}

/// The arguments a server store handle carries (as [`Arg::wire`] wrote them), checked
/// against the producer's props like a request's: `Err` says what is wrong.
pub(crate) fn handle_arguments(spec: &CallbackSpec, wire: Vec<Value>) -> Result<Args, String> {
    let declared: Vec<&PropId> = spec.arguments().collect();
    if declared.len() != wire.len() {
        return Err(format!(
            "`{}` takes {} arguments, the handle carries {}",
            spec.name,
            declared.len(),
            wire.len()
        ));
    }
    declared
        .into_iter()
        .zip(wire)
        .map(|(expected, value)| match expected.id.as_str() {
            // A plain prop's value travels alone; a pattern's items as the request sent them.
            Some(_) => Ok(Arg::Value(value)),
            None => argument(expected, Slot::from_json(value), "arguments"),
        })
        .collect::<Result<Vec<Arg>, String>>()
        .map(Args::from)
}

/// Checks that the request carries exactly the props the callback declares, in order, and
/// moves their values into `args`: the value of a plain prop; for a pattern, the item with
/// its concrete id (`MATCH`) or the list of items (`ALL`, `ALLSMALLER`), so that cache
/// keys hold the concrete ids too.
fn arguments(
    spec: &CallbackSpec,
    what: &str,
    declared: &[PropId],
    received: Vec<Slot<'_>>,
    args: &mut Vec<Arg>,
) -> Result<(), ApiError> {
    let mismatch = |message: String| ApiError::Mismatch {
        callback: spec.name,
        message,
    };
    if declared.len() != received.len() {
        return Err(mismatch(format!(
            "expected {} {what}, received {}",
            declared.len(),
            received.len()
        )));
    }
    for (expected, item) in declared.iter().zip(received) {
        args.push(argument(expected, item, what).map_err(mismatch)?);
    }
    Ok(())
}

/// One argument from its place in a list: checked against the declared prop.
fn argument(expected: &PropId, item: Slot<'_>, what: &str) -> Result<Arg, String> {
    if expected.id.is_many() {
        let Slot::List(items) = item else {
            return Err(format!(
                "expected the list of components matching `{expected}` in {what}"
            ));
        };
        return items
            .into_iter()
            .map(|element| checked_item(expected, element, what))
            .collect::<Result<Vec<PatternItem>, String>>()
            .map(Arg::All);
    }
    if expected.id.as_str().is_none() {
        // A dictionary id, wildcards or not: the adapter reads the item.
        return checked_item(expected, item, what).map(Arg::Match);
    }
    // The common case, a plain id as the callback declares it.
    if let Slot::Prop(prop) = &item
        && let WireId::Id(ComponentId::Plain(id)) = &prop.id
        && let Some(property) = prop.property()
        && expected.is(id, property)
    {
        let Slot::Prop(prop) = item else {
            unreachable!("matched above")
        };
        return Ok(Arg::Value(prop.value.unwrap_or(Value::Null)));
    }
    Err(wrong_item(expected, &item, what))
}

/// One `{id, property, value}` whose id matches `expected`'s pattern.
fn checked_item(expected: &PropId, item: Slot<'_>, what: &str) -> Result<PatternItem, String> {
    let matching = match &item {
        Slot::Prop(prop) => {
            prop.property() == Some(&*expected.property)
                && matches!(&prop.id, WireId::Id(id) if expected.id.matches(id))
        }
        _ => false,
    };
    match item {
        Slot::Prop(prop) if matching => {
            let WireId::Id(id) = prop.id else {
                unreachable!("matched above")
            };
            Ok(PatternItem {
                id,
                value: prop.value.unwrap_or(Value::Null),
            })
        }
        Slot::Other(_) | Slot::List(_) => Err(format!(
            "expected `{expected}` in {what}, received an item that is not a prop"
        )),
        item => Err(wrong_item(expected, &item, what)),
    }
}

/// What is wrong with an item that does not name `expected`.
fn wrong_item(expected: &PropId, item: &Slot<'_>, what: &str) -> String {
    if let Slot::Prop(prop) = item
        && let WireId::Id(id) = &prop.id
        && id.is_wild()
    {
        return format!(
            "expected `{expected}` in {what}, received the pattern `{id}`, which is not a \
             component's id"
        );
    }
    if let Slot::Prop(prop) = item
        && let (Some(id), Some(property)) = (prop.id_text(), prop.property())
    {
        return format!("expected `{expected}` in {what}, received `{id}.{property}`");
    }
    format!("expected `{expected}` in {what}, received an item that is not a prop")
}

/// An id's text form, written once into a string of about its length.
fn text_of(id: &ComponentId) -> String {
    use std::fmt::Write;
    let mut text = String::with_capacity(match id {
        ComponentId::Plain(text) => text.len(),
        ComponentId::Pattern(keys) => 2 + keys.len() * 16,
    });
    write!(text, "{id}").expect("writing to a String cannot fail");
    text
}

/// The request's `outputs`, checked against the declared outputs before the call: each
/// pattern output names components that match it (a list for `ALL`).
fn targets(spec: &CallbackSpec, requested: &Slot<'_>) -> Result<Targets, ApiError> {
    let declared = &spec.dependency.outputs;
    if !declared.iter().any(|prop| prop.id.is_wild()) {
        return Ok(Targets::default());
    }
    let positions: Vec<&Slot<'_>> = match (declared.len(), requested) {
        (1, one) => vec![one],
        (_, Slot::List(many)) => many.iter().collect(),
        _ => Vec::new(),
    };
    let absent = Slot::default();
    let mismatch = |message: String| ApiError::Mismatch {
        callback: spec.name,
        message,
    };
    let mut targets = Vec::with_capacity(declared.len());
    for (index, prop) in declared.iter().enumerate() {
        if !prop.id.is_wild() {
            targets.push(Target::Declared);
            continue;
        }
        let concrete = |position: &Slot<'_>| -> Result<String, ApiError> {
            let Slot::Prop(position) = position else {
                return Err(mismatch(format!(
                    "`outputs[{index}]` does not name a component matching `{prop}`"
                )));
            };
            // The request's property may carry `@…` (`allow_duplicate`).
            let same_prop = position
                .property()
                .is_some_and(|p| p.split('@').next() == Some(prop.property.as_ref()));
            match &position.id {
                WireId::Id(id) if same_prop && prop.id.matches(id) => Some(text_of(id)),
                _ => None,
            }
            .ok_or_else(|| {
                mismatch(format!(
                    "`outputs[{index}]` does not name a component matching `{prop}`"
                ))
            })
        };
        let position = positions.get(index).copied().unwrap_or(&absent);
        if !prop.id.is_many() {
            targets.push(Target::One(concrete(position)?));
            continue;
        }
        let Slot::List(many) = position else {
            return Err(mismatch(format!(
                "`outputs[{index}]` is not the list of components matching `{prop}`"
            )));
        };
        let ids = many.iter().map(concrete).collect::<Result<_, _>>()?;
        targets.push(Target::Many(ids));
    }
    Ok(Targets(targets))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dash_core::{CallContext, CallbackResult, Handler, Returned};
    use serde_json::json;

    fn noop(_: Args, call: &CallContext) -> CallbackResult {
        Returned::new(Vec::new(), call)
    }

    fn pattern(id: Value, property: &'static str) -> PropId {
        PropId::new(ComponentId::from_json(&id).unwrap(), property)
    }

    /// `out.children` from `a.value` and every `row`'s `value`; `b.value` as state.
    fn spec() -> CallbackSpec {
        CallbackSpec::new("f", Handler::Inline(noop))
            .output(PropId::parse("out.children").unwrap())
            .output(pattern(json!({"type": "row", "index": ["ALL"]}), "style"))
            .input(PropId::parse("a.value").unwrap())
            .input(pattern(json!({"type": "row", "index": ["ALL"]}), "value"))
            .state(PropId::parse("b.value").unwrap())
    }

    fn request(body: Value) -> Result<Validated, ApiError> {
        UpdateRequest::parse(body.to_string().as_bytes())?.validate(&spec(), false)
    }

    fn row(index: i64) -> Value {
        json!({"type": "row", "index": index})
    }

    fn good() -> Value {
        json!({
            "output": "..out.children...{\"index\":[\"ALL\"],\"type\":\"row\"}.style..",
            "outputs": [
                {"id": "out", "property": "children"},
                [{"id": row(0), "property": "style"}, {"id": row(1), "property": "style@abc"}],
            ],
            "inputs": [
                {"id": "a", "property": "value", "value": 3},
                [{"id": row(0), "property": "value", "value": "x"}, {"id": row(1), "property": "value"}],
            ],
            "state": [{"id": "b", "property": "value"}],
            "changedPropIds": ["a.value"],
        })
    }

    #[test]
    fn a_request_becomes_typed_arguments_and_targets() {
        let validated = request(good()).unwrap();
        let args: Vec<&Arg> = validated.args.iter().collect();
        assert!(matches!(args[0], Arg::Value(v) if v == 3));
        let Arg::All(rows) = args[1] else {
            panic!("{:?}", args[1])
        };
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].id.to_string(), r#"{"index":0,"type":"row"}"#);
        assert_eq!(
            (&rows[0].value, &rows[1].value),
            (&json!("x"), &Value::Null)
        );
        assert!(matches!(args[2], Arg::Value(Value::Null)), "absent is null");
        assert!(matches!(validated.targets.get(0), Target::Declared));
        let Target::Many(ids) = validated.targets.get(1) else {
            panic!("{:?}", validated.targets)
        };
        assert_eq!(ids.len(), 2, "`@…` after the prop is allowed");
        assert_eq!(validated.changed, [PropId::parse("a.value").unwrap()]);
        assert!(validated.lists.is_none(), "not kept unless asked");
    }

    #[test]
    fn every_part_is_checked_before_the_call() {
        let mismatch = |change: fn(&mut Value)| {
            let mut body = good();
            change(&mut body);
            match request(body) {
                Err(ApiError::Mismatch { message, .. }) => message,
                Err(other) => panic!("expected a mismatch, got {other:?}"),
                Ok(_) => panic!("expected a mismatch"),
            }
        };
        let message = mismatch(|b| b["inputs"][0]["id"] = json!("z"));
        assert!(
            message.contains("expected `a.value` in inputs, received `z.value`"),
            "{message}"
        );
        let message = mismatch(|b| b["inputs"][1] = json!({"id": row(0), "property": "value"}));
        assert!(
            message.contains("the list of components matching"),
            "{message}"
        );
        let message = mismatch(|b| b["inputs"][1][0]["id"] = json!({"type": "cell", "index": 0}));
        assert!(
            message.contains("received `{\"index\":0,\"type\":\"cell\"}.value`"),
            "{message}"
        );
        let message = mismatch(|b| {
            b["inputs"][1][0]["id"] = json!({"type": "row", "index": ["ALL"]});
        });
        assert!(
            message.contains("received the pattern `{\"index\":[\"ALL\"],\"type\":\"row\"}`"),
            "{message}"
        );
        let message = mismatch(|b| b["state"] = json!([]));
        assert!(
            message.contains("expected 1 state, received 0"),
            "{message}"
        );
        let message = mismatch(|b| b["outputs"][1][0]["property"] = json!("children"));
        assert!(
            message.contains("`outputs[1]` does not name a component matching"),
            "{message}"
        );
        let message = mismatch(|b| b["outputs"][1] = json!({"id": row(0), "property": "style"}));
        assert!(
            message.contains("`outputs[1]` is not the list"),
            "{message}"
        );
        let mut body = good();
        body["changedPropIds"] = json!(["nodot"]);
        assert!(matches!(request(body), Err(ApiError::Malformed { .. })));
    }

    #[test]
    fn handles_carry_plain_values_alone_and_items_checked() {
        let spec = spec();
        let items = json!([{"id": row(4), "property": "value", "value": 1}]);
        let args = handle_arguments(&spec, vec![json!(3), items, json!(null)]).unwrap();
        assert_eq!(args.len(), 3);
        assert!(matches!(args.iter().next(), Some(Arg::Value(v)) if v == 3));
        let wrong = json!([{"id": "a", "property": "value"}]);
        assert!(handle_arguments(&spec, vec![json!(3), wrong, json!(null)]).is_err());
        let short = handle_arguments(&spec, vec![json!(3)]).unwrap_err();
        assert!(
            short.contains("takes 3 arguments, the handle carries 1"),
            "{short}"
        );
    }

    #[test]
    fn the_wire_form_reads_back_as_the_same_arguments() {
        let spec = spec();
        let validated = request(good()).unwrap();
        let props: Vec<&PropId> = spec.arguments().collect();
        let wire: Vec<Value> = validated
            .args
            .iter()
            .zip(&props)
            .map(|(arg, prop)| serde_json::to_value(arg.wire(&prop.property)).unwrap())
            .collect();
        let again = handle_arguments(&spec, wire.clone()).unwrap();
        let rewired: Vec<Value> = again
            .iter()
            .zip(&props)
            .map(|(arg, prop)| serde_json::to_value(arg.wire(&prop.property)).unwrap())
            .collect();
        assert_eq!(wire, rewired);
    }
}
