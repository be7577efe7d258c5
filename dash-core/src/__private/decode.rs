//! From [`Args`] to the function's parameters: each decoded into its type, with the
//! callback, the prop, the expected type and the JSON path named on failure.

use std::marker::PhantomData;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::callback::{Arg, Args, PatternItem};
use crate::context::{CallContext, FromCall};
use crate::error::CallbackError;
use crate::family::AllArg;
use crate::stored::{StoreInput, StoredValue, decode_stored};

/// Where an argument comes from, for messages.
#[derive(Clone, Copy)]
struct Origin {
    index: usize,
    callback: &'static str,
    prop: &'static str,
}

impl Origin {
    fn bad(self, expected: &'static str, path: String, message: String) -> CallbackError {
        CallbackError::BadInput {
            callback: self.callback,
            prop: self.prop.to_owned(),
            index: self.index,
            expected,
            path,
            message,
        }
    }

    fn json<T: DeserializeOwned>(self, value: Value) -> Result<T, CallbackError> {
        // The value is moved into `T` (its strings are not copied); the path is tracked
        // on the stack and built only on failure.
        serde_path_to_error::deserialize(value).map_err(|error| {
            self.bad(
                std::any::type_name::<T>(),
                error.path().to_string(),
                error.into_inner().to_string(),
            )
        })
    }

    fn bytes<T: DeserializeOwned>(self, bytes: &[u8]) -> Result<T, CallbackError> {
        decode_stored(bytes)
            .map_err(|(path, message)| self.bad(std::any::type_name::<T>(), path, message))
    }

    /// A typed value read as another type: through its compact encoding.
    fn stored<T: DeserializeOwned>(self, value: &StoredValue) -> Result<T, CallbackError> {
        let bytes = value.encode().map_err(|message| {
            self.bad(
                std::any::type_name::<T>(),
                String::new(),
                format!(
                    "the stored `{}` could not be encoded: {message}",
                    value.type_name()
                ),
            )
        })?;
        self.bytes(&bytes)
    }

    /// A server-side store's value decoded as `T`.
    fn store_input<T: DeserializeOwned>(self, input: &StoreInput) -> Result<T, CallbackError> {
        match input {
            StoreInput::Value(value) => self.stored(value),
            StoreInput::Encoded(bytes) => self.bytes(bytes),
        }
    }

    /// Any argument decoded as one value of `T`.
    fn arg<T: DeserializeOwned>(self, arg: Arg) -> Result<T, CallbackError> {
        match arg {
            Arg::Store(input) => self.store_input(&input),
            Arg::All(_) => Err(self.bad(
                std::any::type_name::<T>(),
                ".".into(),
                "expected one value, received the list of components a pattern matched".into(),
            )),
            arg => self.json(arg.into_value()),
        }
    }
}

/// Decodes argument `index` (taken out of `args`) into `T`.
pub fn arg<T: DeserializeOwned>(
    args: &mut Args,
    index: usize,
    callback: &'static str,
    prop: &'static str,
) -> Result<T, CallbackError> {
    let origin = Origin {
        index,
        callback,
        prop,
    };
    origin.arg(args.take(index))
}

/// Decodes the argument of a `MATCH` input: the value of the one matching component.
pub fn match_arg<T: DeserializeOwned>(
    args: &mut Args,
    index: usize,
    callback: &'static str,
    prop: &'static str,
) -> Result<T, CallbackError> {
    arg(args, index, callback, prop)
}

/// Decodes the argument of an `ALL` or `ALLSMALLER` input.
pub fn all_arg<T: AllArg>(
    args: &mut Args,
    index: usize,
    callback: &'static str,
    prop: &'static str,
) -> Result<T, CallbackError> {
    let items: Vec<PatternItem> = match args.take(index) {
        Arg::All(items) => items,
        Arg::Match(item) => vec![item],
        Arg::Value(Value::Null) => Vec::new(),
        _ => {
            let origin = Origin {
                index,
                callback,
                prop,
            };
            return Err(origin.bad(
                std::any::type_name::<T>(),
                ".".into(),
                "expected the list of matching components".into(),
            ));
        }
    };
    T::from_items(items, callback, prop, index)
}

/// The value of a parameter that takes no prop (`Shared<T>`, `Ctx<T>`).
pub fn from_call<T: FromCall>(
    call: &CallContext,
    callback: &'static str,
) -> Result<T, CallbackError> {
    T::from_call(call, callback)
}

/// Reads argument `index`, the `data` of a server-side store, as the parameter's type `P`
/// (or, with `take_optional`, `Option<P>`: the macro unwraps a written `Option`), through
/// method resolution on the concrete type the macro names, most specific first:
///
/// - `Arc<T>` shares the value the callback that wrote it returned, when this process
///   computed it;
/// - a `Clone` type is cloned from it;
/// - anything else, and every value from another process, is decoded.
///
/// Without a typed value from the server (a browser store, or an empty one), the argument
/// is read from its JSON like any other.
#[derive(Debug)]
pub struct StoreArg<P>(PhantomData<fn() -> P>);

impl<P> StoreArg<P> {
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        StoreArg(PhantomData)
    }
}

/// Where a store argument is, for [`StoreArg`].
#[derive(Debug)]
pub struct Slot<'a> {
    pub args: &'a mut Args,
    pub index: usize,
    pub callback: &'static str,
    pub prop: &'static str,
}

impl Slot<'_> {
    /// The typed value the server handed, read by `from_input`, or else the JSON argument
    /// read as `Q` and turned into `P` by `from_json`.
    fn read<P, Q: DeserializeOwned>(
        self,
        from_input: fn(StoreInput, Origin) -> Result<P, CallbackError>,
        from_json: impl FnOnce(Q) -> P,
    ) -> Result<P, CallbackError> {
        let origin = Origin {
            index: self.index,
            callback: self.callback,
            prop: self.prop,
        };
        match self.args.take(self.index) {
            Arg::Store(input) => from_input(input, origin),
            other => origin.json::<Q>(other.into_value()).map(from_json),
        }
    }
}

impl<T: DeserializeOwned + Send + Sync + 'static> StoreArg<Arc<T>> {
    pub fn take(self, slot: Slot<'_>) -> Result<Arc<T>, CallbackError> {
        slot.read(shared, Arc::new)
    }

    pub fn take_optional(self, slot: Slot<'_>) -> Result<Option<Arc<T>>, CallbackError> {
        slot.read(
            |input, origin| shared(input, origin).map(Some),
            |value: Option<T>| value.map(Arc::new),
        )
    }
}

/// The value itself when it is a `T`, decoded otherwise.
fn shared<T: DeserializeOwned + Send + Sync + 'static>(
    input: StoreInput,
    origin: Origin,
) -> Result<Arc<T>, CallbackError> {
    match &input {
        StoreInput::Value(value) => match value.shared::<T>() {
            Some(shared) => Ok(shared),
            None => origin.stored(value).map(Arc::new),
        },
        StoreInput::Encoded(_) => origin.store_input(&input).map(Arc::new),
    }
}

/// The second choice of [`StoreArg`]: a `Clone` type, cloned from the value.
pub trait CloneStoreArg<P> {
    fn take(self, slot: Slot<'_>) -> Result<P, CallbackError>;
    fn take_optional(self, slot: Slot<'_>) -> Result<Option<P>, CallbackError>;
}

impl<P: Clone + DeserializeOwned + Send + Sync + 'static> CloneStoreArg<P> for StoreArg<P> {
    fn take(self, slot: Slot<'_>) -> Result<P, CallbackError> {
        slot.read(cloned, |value: P| value)
    }

    fn take_optional(self, slot: Slot<'_>) -> Result<Option<P>, CallbackError> {
        slot.read(
            |input, origin| cloned(input, origin).map(Some),
            |value| value,
        )
    }
}

fn cloned<P: Clone + DeserializeOwned + Send + Sync + 'static>(
    input: StoreInput,
    origin: Origin,
) -> Result<P, CallbackError> {
    match &input {
        StoreInput::Value(value) => match value.shared::<P>() {
            Some(shared) => Ok(P::clone(&shared)),
            None => origin.stored(value),
        },
        StoreInput::Encoded(_) => origin.store_input(&input),
    }
}

/// The last choice of [`StoreArg`]: decoded.
pub trait DecodeStoreArg<P> {
    fn take(self, slot: Slot<'_>) -> Result<P, CallbackError>;
    fn take_optional(self, slot: Slot<'_>) -> Result<Option<P>, CallbackError>;
}

impl<P: DeserializeOwned> DecodeStoreArg<P> for &StoreArg<P> {
    fn take(self, slot: Slot<'_>) -> Result<P, CallbackError> {
        slot.read(decoded, |value: P| value)
    }

    fn take_optional(self, slot: Slot<'_>) -> Result<Option<P>, CallbackError> {
        slot.read(
            |input, origin| decoded(input, origin).map(Some),
            |value| value,
        )
    }
}

fn decoded<P: DeserializeOwned>(input: StoreInput, origin: Origin) -> Result<P, CallbackError> {
    origin.store_input(&input)
}

/// The [`StoreDecoder`](crate::StoreDecoder) of a server-side store declared as
/// `ServerStore<T>`.
pub fn store_decoder<T: serde::Serialize + DeserializeOwned + Send + Sync + 'static>(
    bytes: &[u8],
) -> Result<StoredValue, String> {
    decode_stored::<T>(bytes)
        .map(StoredValue::new)
        .map_err(|(path, message)| match path.as_str() {
            "" | "." => message,
            path => format!("at `{path}`: {message}"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn arg_errors_name_everything() {
        let mut args = Args::from(vec![Arg::Value(json!({"rows": [[1, "x"]]}))]);
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Cleaned {
            rows: Vec<(i64, f64)>,
        }
        let error = arg::<Cleaned>(&mut args, 0, "update_graph", "intermediate.data").unwrap_err();
        let text = error.to_string();
        assert!(
            text.contains("update_graph") && text.contains("intermediate.data"),
            "{text}"
        );
        assert!(
            text.contains("rows[0][1]") && text.contains("Cleaned"),
            "{text}"
        );
    }

    #[test]
    fn missing_arguments_decode_as_null() {
        let mut args = Args::default();
        assert_eq!(arg::<Option<i64>>(&mut args, 0, "f", "a.b").unwrap(), None);
    }

    #[test]
    fn a_store_value_decodes_for_a_plain_reader() {
        let stored = StoredValue::new(vec![1u8, 2]);
        let mut args = Args::from(vec![Arg::Store(StoreInput::Value(stored))]);
        assert_eq!(
            arg::<Vec<u64>>(&mut args, 0, "f", "a.data").unwrap(),
            [1, 2]
        );
    }
}
