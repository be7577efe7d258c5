//! The body of a `200` answer to `POST /_dash-update-component`:
//! `{"multi": true, "response": {id: {prop: value}}, "sideUpdate": {id: {prop: value}}}`,
//! ids in their text form (../shared/dash-protocol.md §6.2). It only writes: the targets
//! were checked before the call.

use std::borrow::Cow;

use dash_core::CallbackSpec;
use serde_json::{Map, Value};

use crate::error::ApiError;
use crate::protocol::json;
use crate::protocol::request::{Target, Targets};

/// What a call answers, in the wire form: one entry per output, `None` for "no update";
/// an `ALL` output is a list of `[value]`, or `[]` for a component left as it is. This is
/// also what a memoized call keeps.
pub(crate) type Outputs = Vec<Option<Value>>;

/// The answer's body, or `None` when nothing is updated (the server answers 204). An
/// `ALL` output with another number of values than the components it matched is an error
/// of the callback's.
pub(crate) fn body(
    spec: &CallbackSpec,
    outputs: Outputs,
    side: Option<&Map<String, Value>>,
    targets: &Targets,
) -> Result<Option<Vec<u8>>, ApiError> {
    let declared = &spec.dependency.outputs;
    // (id, prop, value) for each prop written, then grouped by id: no map is built, and
    // the ids of `ALL` outputs are borrowed from the targets.
    let mut writes: Vec<(Cow<'_, str>, &str, Value)> = Vec::new();
    for (index, (prop, value)) in declared.iter().zip(outputs).enumerate() {
        let Some(value) = value else { continue };
        match targets.get(index) {
            Target::Declared => writes.push((prop.id.to_string().into(), &prop.property, value)),
            Target::One(id) => writes.push((id.into(), &prop.property, value)),
            Target::Many(ids) => {
                let values = match value {
                    Value::Array(values) if values.len() == ids.len() => values,
                    value => {
                        let returned = value.as_array().map_or(1, Vec::len);
                        return Err(wrong_count(spec, prop, returned, ids.len()));
                    }
                };
                writes.reserve(ids.len());
                for (id, value) in ids.iter().zip(values) {
                    // `[value]` sets it, `[]` leaves it as it is (`Update::NoUpdate`).
                    if let Value::Array(mut one) = value
                        && let Some(value) = one.pop()
                    {
                        writes.push((id.into(), &prop.property, value));
                    }
                }
            }
        }
    }
    if side.is_none() && writes.is_empty() {
        return Ok(None);
    }
    // Sorted by id and prop, stably: the props of one component together, and a prop
    // written twice in the order written.
    if declared.len() > 1 {
        writes.sort_by(|a, b| (&*a.0, a.1).cmp(&(&*b.0, b.1)));
    }
    // `{"multi":true,"response":{id:{prop:value}},"sideUpdate":{..}}`, with long strings
    // copied whole (json.rs).
    let mut body = Vec::with_capacity(256);
    body.extend_from_slice(br#"{"multi":true,"response":{"#);
    for (index, component) in writes.chunk_by(|a, b| a.0 == b.0).enumerate() {
        if index > 0 {
            body.push(b',');
        }
        json::string(&mut body, &component[0].0);
        body.extend_from_slice(b":{");
        for (index, (_, prop, value)) in component.iter().enumerate() {
            // A prop written twice: the last value, as a map would keep it.
            if component.get(index + 1).is_some_and(|next| next.1 == *prop) {
                continue;
            }
            if body.last() != Some(&b'{') {
                body.push(b',');
            }
            json::string(&mut body, prop);
            body.push(b':');
            json::write(&mut body, value);
        }
        body.push(b'}');
    }
    body.push(b'}');
    if let Some(side) = side {
        body.extend_from_slice(br#","sideUpdate":"#);
        json::object(&mut body, side);
    }
    body.push(b'}');
    Ok(Some(body))
}

fn wrong_count(
    spec: &CallbackSpec,
    prop: &dash_core::PropId,
    returned: usize,
    matched: usize,
) -> ApiError {
    let message = format!(
        "`{}` returned {} for `{prop}`, which matches {} in this request: return one value \
         per component, in the order of the request",
        spec.name,
        counted(returned, "value"),
        counted(matched, "component")
    );
    tracing::error!(callback = spec.name, location = spec.location, %message, "wrong number of values");
    ApiError::Encode {
        callback: spec.name,
        location: spec.location,
        message,
    }
}

/// `1 value`, `3 values`.
fn counted(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dash_core::{Args, CallContext, CallbackResult, ComponentId, Handler, PropId, Returned};
    use serde_json::json;

    fn noop(_: Args, call: &CallContext) -> CallbackResult {
        Returned::new(Vec::new(), call)
    }

    fn spec() -> CallbackSpec {
        let rows = ComponentId::from_json(&json!({"type": "row", "index": ["ALL"]})).unwrap();
        CallbackSpec::new("f", Handler::Inline(noop))
            .output(PropId::parse("out.children").unwrap())
            .output(PropId::new(rows, "style"))
            .input(PropId::parse("a.value").unwrap())
    }

    fn targets() -> Targets {
        Targets(vec![
            Target::Declared,
            Target::Many(vec!["r0".into(), "r1".into()]),
        ])
    }

    #[test]
    fn outputs_are_keyed_by_their_targets_and_skips_left_out() {
        let outputs = vec![Some(json!("hi")), Some(json!([[{"color": "red"}], []]))];
        let side = json!({"other": {"title": "t"}});
        let body = body(&spec(), outputs, side.as_object(), &targets())
            .unwrap()
            .unwrap();
        let body: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(
            body,
            json!({
                "multi": true,
                "response": {"out": {"children": "hi"}, "r0": {"style": {"color": "red"}}},
                "sideUpdate": {"other": {"title": "t"}},
            })
        );
    }

    #[test]
    fn props_of_one_component_are_written_under_one_id() {
        let spec = CallbackSpec::new("f", Handler::Inline(noop))
            .output(PropId::parse("a.style").unwrap())
            .output(PropId::parse("b.children").unwrap())
            .output(PropId::parse("a.children").unwrap())
            .input(PropId::parse("x.value").unwrap());
        let outputs = vec![
            Some(json!({"color": "red"})),
            Some(json!(2)),
            Some(json!("hi")),
        ];
        let body = body(&spec, outputs, None, &Targets::default())
            .unwrap()
            .unwrap();
        assert_eq!(
            String::from_utf8(body).unwrap(),
            r#"{"multi":true,"response":{"a":{"children":"hi","style":{"color":"red"}},"b":{"children":2}}}"#
        );
    }

    #[test]
    fn a_prop_written_twice_keeps_its_last_value() {
        let spec = CallbackSpec::new("f", Handler::Inline(noop))
            .output(PropId::parse("a.children").unwrap())
            .output(PropId::parse("a.children").unwrap())
            .input(PropId::parse("x.value").unwrap());
        let outputs = vec![Some(json!(1)), Some(json!(2))];
        let body = body(&spec, outputs, None, &Targets::default())
            .unwrap()
            .unwrap();
        assert_eq!(
            String::from_utf8(body).unwrap(),
            r#"{"multi":true,"response":{"a":{"children":2}}}"#
        );
    }

    #[test]
    fn nothing_to_send_is_none_and_a_wrong_count_is_the_callbacks_error() {
        assert!(
            body(&spec(), vec![None, None], None, &targets())
                .unwrap()
                .is_none()
        );
        let error = body(&spec(), vec![None, Some(json!([[1]]))], None, &targets()).unwrap_err();
        let ApiError::Encode { message, .. } = error else {
            panic!("{error:?}")
        };
        assert!(message.contains("returned 1 value for"), "{message}");
        assert!(message.contains("which matches 2 components"), "{message}");
    }
}
