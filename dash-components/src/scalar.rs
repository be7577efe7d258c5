//! The two unions that many props share.

use dash_core::Number;
use serde::{Deserialize, Serialize};

/// A prop that takes text or a number (`width`, `tabIndex`, `min`, …).
///
/// ```
/// use dash::StringOrNumber;
///
/// assert_eq!(serde_json::to_string(&StringOrNumber::from(3)).unwrap(), "3");
/// assert_eq!(serde_json::to_string(&StringOrNumber::from("50%")).unwrap(), "\"50%\"");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum StringOrNumber {
    /// Text.
    String(String),
    /// A number.
    Number(Number),
}

/// A prop that takes text, a number or a boolean (option values, `persistence`, table cells).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    /// Text.
    String(String),
    /// A number.
    Number(Number),
    /// A boolean.
    Bool(bool),
}

impl From<&str> for StringOrNumber {
    fn from(value: &str) -> Self {
        StringOrNumber::String(value.to_owned())
    }
}

impl From<String> for StringOrNumber {
    fn from(value: String) -> Self {
        StringOrNumber::String(value)
    }
}

impl From<Number> for StringOrNumber {
    fn from(value: Number) -> Self {
        StringOrNumber::Number(value)
    }
}

crate::__from_numbers!(StringOrNumber::Number);

impl From<&str> for Scalar {
    fn from(value: &str) -> Self {
        Scalar::String(value.to_owned())
    }
}

impl From<String> for Scalar {
    fn from(value: String) -> Self {
        Scalar::String(value)
    }
}

impl From<Number> for Scalar {
    fn from(value: Number) -> Self {
        Scalar::Number(value)
    }
}

impl From<bool> for Scalar {
    fn from(value: bool) -> Self {
        Scalar::Bool(value)
    }
}

crate::__from_numbers!(Scalar::Number);

impl Scalar {
    /// The text, if this is text.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Scalar::String(s) => Some(s),
            _ => None,
        }
    }
}
