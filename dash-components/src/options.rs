//! The `options` of `Dropdown`, `Checklist` and `RadioItems`.

use std::collections::BTreeMap;

use dash_core::{Node, Number};
use serde::{Deserialize, Serialize};

use crate::Scalar;

/// The choices of a `Dropdown`, `Checklist` or `RadioItems`.
///
/// Build it from any list: plain values (`1..=5`, `["NYC", "MTL"]`) are their own labels;
/// `(label, value)` pairs and [`LabeledOption`]s carry a label, and a `LabeledOption` can
/// also be disabled or get a tooltip. The `{value: label}` form of Dash is
/// [`Options::Dict`].
///
/// ```
/// use dash::{Options, dcc};
///
/// let numbers = dcc::Dropdown::new().options(1..=5);
/// let cities = dcc::RadioItems::new().options([("New York City", "NYC"), ("Montréal", "MTL")]);
/// let json = serde_json::to_value(Options::from(["a", "b"])).unwrap();
/// assert_eq!(json, serde_json::json!(["a", "b"]));
/// # let _ = (numbers, cities);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Options {
    /// A list of choices, shown in order.
    List(Vec<Choice>),
    /// `{value: label}`: each key is a value, shown with its label.
    Dict(BTreeMap<String, Node>),
}

/// One choice: a bare value (its own label) or a value with a label.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Choice {
    /// A value shown as itself.
    Plain(Scalar),
    /// A value with its label and options.
    Labeled(LabeledOption),
}

/// A choice with a label, which may be any children (text, components).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LabeledOption {
    /// What the user sees.
    pub label: Node,
    /// What callbacks receive.
    pub value: Scalar,
    /// Shown but cannot be chosen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
    /// A tooltip.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Text the Dropdown's search matches instead of the label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
}

impl LabeledOption {
    /// A choice showing `label` for `value`.
    pub fn new(label: impl Into<Node>, value: impl Into<Scalar>) -> Self {
        LabeledOption {
            label: label.into(),
            value: value.into(),
            disabled: None,
            title: None,
            search: None,
        }
    }

    /// Shows the choice but does not let the user pick it.
    pub fn disabled(mut self, disabled: bool) -> Self {
        self.disabled = Some(disabled);
        self
    }

    /// Sets the tooltip.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Sets the text the Dropdown's search matches.
    pub fn search(mut self, search: impl Into<String>) -> Self {
        self.search = Some(search.into());
        self
    }
}

impl<I, T> From<I> for Options
where
    I: IntoIterator<Item = T>,
    T: Into<Choice>,
{
    fn from(choices: I) -> Self {
        Options::List(choices.into_iter().map(Into::into).collect())
    }
}

impl From<Scalar> for Choice {
    fn from(value: Scalar) -> Self {
        Choice::Plain(value)
    }
}

impl From<LabeledOption> for Choice {
    fn from(option: LabeledOption) -> Self {
        Choice::Labeled(option)
    }
}

impl<L: Into<Node>, V: Into<Scalar>> From<(L, V)> for Choice {
    fn from((label, value): (L, V)) -> Self {
        Choice::Labeled(LabeledOption::new(label, value))
    }
}

macro_rules! plain_choices {
    ($($t:ty),*) => {$(
        impl From<$t> for Choice {
            fn from(value: $t) -> Self {
                Choice::Plain(value.into())
            }
        }
    )*};
}
plain_choices!(
    &str, String, bool, Number, i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64
);

/// A list of plain values, labeled choices or [`Choice`]s is already options as the
/// browser reads them, so a callback may return one for `options` (and read one back, when
/// the options hold only such values).
macro_rules! option_lists {
    ($($t:ty),*) => {$(
        #[diagnostic::do_not_recommend]
        impl crate::fits::Fits<Option<Options>> for Vec<$t> {}
        #[diagnostic::do_not_recommend]
        impl crate::fits::Fits<Option<Options>> for Option<Vec<$t>> {}
    )*};
}
option_lists!(
    String,
    bool,
    Number,
    Scalar,
    Choice,
    LabeledOption,
    i8,
    i16,
    i32,
    i64,
    isize,
    u8,
    u16,
    u32,
    u64,
    usize,
    f32,
    f64
);
#[diagnostic::do_not_recommend]
impl crate::fits::Fits<Option<Options>> for Vec<&str> {}

/// `(label, value)` pairs: written to `options`, each becomes `{"label", "value"}`
/// (`write.rs`).
#[diagnostic::do_not_recommend]
impl<L: Into<Node>, V: Into<Scalar>> crate::fits::Fits<Option<Options>> for Vec<(L, V)> {}
#[diagnostic::do_not_recommend]
impl<L: Into<Node>, V: Into<Scalar>> crate::fits::Fits<Option<Options>> for Option<Vec<(L, V)>> {}

impl From<&String> for Choice {
    fn from(value: &String) -> Self {
        Choice::Plain(value.as_str().into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_form_serializes_as_dash_writes_it() {
        let list = Options::from([
            Choice::from(1),
            "two".into(),
            true.into(),
            ("Four", 4).into(),
        ]);
        assert_eq!(
            serde_json::to_value(&list).unwrap(),
            json!([1, "two", true, {"label": "Four", "value": 4}])
        );
        let dict = Options::Dict([("NYC".to_owned(), Node::from("New York"))].into());
        assert_eq!(
            serde_json::to_value(&dict).unwrap(),
            json!({"NYC": "New York"})
        );
    }

    #[test]
    fn reads_back_what_the_browser_sends() {
        let json = json!([1, {"label": "A", "value": "a", "disabled": true}]);
        let options: Options = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(options).unwrap(), json);
    }
}
