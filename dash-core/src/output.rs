//! Output values, including "no update" for a single output.

use serde::Serialize;
use serde_json::Value;

/// An output that may be left unchanged: the per-output `no_update` of Python Dash.
///
/// ```
/// use dash::Update;
///
/// fn pick(clicks: i64) -> (Update<String>, Update<i64>) {
///     if clicks % 2 == 0 { (Update::Set("even".into()), Update::NoUpdate) }
///     else { (Update::NoUpdate, Update::Set(clicks)) }
/// }
/// # let _ = pick(1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Update<T> {
    /// Set the output to this value.
    Set(T),
    /// Leave the output as it is in the browser.
    NoUpdate,
}

/// A value a callback can return for one output.
///
/// Implemented for every `Serialize` type, and for [`Update`] of one. Values are encoded
/// with [`to_json`](crate::to_json): one the browser would change (NaN, an infinity, an
/// integer beyond what a double holds) is an error.
pub trait IntoOutput {
    /// The JSON to send, or `None` to leave the output unchanged.
    fn into_output(self) -> Result<Option<Value>, serde_json::Error>;
}

impl<T: Serialize> IntoOutput for T {
    fn into_output(self) -> Result<Option<Value>, serde_json::Error> {
        crate::to_json(&self).map(Some)
    }
}

impl<T: Serialize> IntoOutput for Update<T> {
    fn into_output(self) -> Result<Option<Value>, serde_json::Error> {
        match self {
            Update::Set(value) => crate::to_json(&value).map(Some),
            Update::NoUpdate => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_values_and_updates() {
        assert_eq!(3.into_output().unwrap(), Some(Value::from(3)));
        assert!(
            f64::NAN.into_output().is_err(),
            "NaN would come back as null"
        );
        assert_eq!(
            Update::Set("a").into_output().unwrap(),
            Some(Value::from("a"))
        );
        assert_eq!(Update::<i32>::NoUpdate.into_output().unwrap(), None);
    }
}
