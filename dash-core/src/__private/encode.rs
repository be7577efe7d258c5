//! From the function's return value to [`Returned`]: each output encoded into an [`Out`],
//! `on_error` fallbacks, and the side updates taken from the context.

use serde_json::Value;

use crate::callback::{CallbackResult, Out, Returned};
use crate::context::{CallContext, Ctx};
use crate::error::CallbackError;
use crate::output::IntoOutput;
use crate::stored::{IntoStored, StoredValue};

/// Encodes one output value.
pub fn output<T: IntoOutput>(
    value: T,
    callback: &'static str,
    prop: &'static str,
) -> Result<Option<Value>, CallbackError> {
    value.into_output().map_err(|error| CallbackError::Encode {
        callback,
        prop: prop.to_owned(),
        message: error.to_string(),
    })
}

/// An output's value, as the adapter answers it.
pub fn out(value: Option<Value>) -> Out {
    value.map_or(Out::Skip, Out::Json)
}

/// Encodes an `ALL` output: one value per matching component, in the order of the
/// request's `outputs`, `None` to leave that one as it is.
pub fn all_output<T: IntoOutput>(
    values: Vec<T>,
    callback: &'static str,
    prop: &'static str,
) -> Result<Vec<Option<Value>>, CallbackError> {
    values
        .into_iter()
        .map(|value| output(value, callback, prop))
        .collect()
}

/// An output written to a server-side store: the value goes to the server as the callback
/// returned it.
pub fn store_output<T: IntoStored>(value: T) -> Result<Out, CallbackError> {
    Ok(value.into_stored().map_or(Out::Skip, Out::Stored))
}

/// [`store_output`] for a store the macro knows to be declared as `ServerStore<T>`: a
/// `T`, an `Option<T>` (`None` empties the store) or an `Update<T>` is kept as a `T`, so
/// that readers of `T` share it. Told apart at run time rather than by a trait bound, so
/// that a value of another type is reported once, by the type check at the signature.
pub fn typed_store_output<T, V>(value: V) -> Result<Out, CallbackError>
where
    T: serde::Serialize + Send + Sync + 'static,
    V: IntoStored + 'static,
{
    let value: Box<dyn std::any::Any> = Box::new(value);
    let value = match value.downcast::<T>() {
        Ok(value) => Some(Some(*value)),
        Err(value) => match value.downcast::<Option<T>>() {
            Ok(value) => Some(*value),
            Err(value) => match value.downcast::<crate::Update<T>>() {
                Ok(update) => match *update {
                    crate::Update::Set(value) => Some(Some(value)),
                    crate::Update::NoUpdate => None,
                },
                Err(value) => {
                    let value = *value.downcast::<V>().expect("the value's own type");
                    return store_output(value);
                }
            },
        },
    };
    Ok(match value {
        None => Out::Skip,
        Some(None) => Out::Json(Value::Null), // empties the store
        Some(Some(value)) => Out::Stored(StoredValue::new(value)),
    })
}

/// Runs a callback's `on_error` handler on its error: the fallback (`None` to leave every
/// output as it is) and the error's message, for the server's log. `PreventUpdate` is not
/// an error and passes through.
pub fn on_error<R, H: FnOnce(CallbackError, Ctx) -> Option<R>>(
    error: CallbackError,
    call: &CallContext,
    handler: H,
) -> Result<(Option<R>, String), CallbackError> {
    match error {
        CallbackError::PreventUpdate => Err(error),
        error => {
            let message = error.to_string();
            Ok((handler(error, Ctx::new(call.clone())), message))
        }
    }
}

/// Every output left as it is.
pub fn no_update(outputs: usize) -> Vec<Out> {
    (0..outputs).map(|_| Out::Skip).collect()
}

/// What the adapter answers: the outputs, the side updates written through `call`, and
/// the error an `on_error` handler answered for. When the handler's answer cannot be sent
/// either, the error says what the handler answered for, so the first failure is not lost.
pub fn finish(
    outputs: Result<Vec<Out>, CallbackError>,
    call: &CallContext,
    handled: Option<String>,
) -> CallbackResult {
    let returned = outputs.and_then(|outputs| Returned::new(outputs, call));
    match (returned, handled) {
        (Ok(returned), handled) => Ok(returned.handled(handled)),
        (Err(error), None) => Err(error),
        (Err(error), Some(first)) => Err(error.after_handled(&first)),
    }
}

/// Turns a callback's own error type into a [`CallbackError`].
pub fn result<T, E: Into<CallbackError>>(result: Result<T, E>) -> Result<T, CallbackError> {
    result.map_err(Into::into)
}
