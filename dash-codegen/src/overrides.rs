//! Types the metadata does not spell out, written by hand.
//!
//! TypeScript components describe some props only by the `raw` text of their type. The
//! ones Dash's own libraries use are mapped here; anything else becomes `Value`.

use crate::ty::Ty;

/// What a raw TypeScript type maps to.
pub(crate) enum Raw {
    /// A prop the renderer fills in itself (`componentPath`).
    Skip,
    Type(Ty),
    Unknown,
}

/// Maps the raw TypeScript text of an `any` prop.
pub(crate) fn raw_type(raw: &str) -> Raw {
    let raw = raw.trim();
    let raw = raw.strip_suffix("| undefined").unwrap_or(raw).trim();
    match raw {
        "DashLayoutPath" => Raw::Skip,
        "OptionsArray | OptionsDict" => Raw::Type(Ty::Named("Options")),
        "PersistedProps[]" => Raw::Type(Ty::Vec(Box::new(Ty::String))),
        // Dates: `${string}-${string}-${string}`.
        _ if raw.starts_with("`${string}") => Raw::Type(Ty::String),
        _ => Raw::Unknown,
    }
}

/// Props whose hand-written type is better than the metadata's.
pub(crate) fn prop_type(component: &str, prop: &str) -> Option<Ty> {
    match (component, prop) {
        ("Graph", "figure") => Some(Ty::Named("Figure")),
        // A string or a dictionary of a pattern-matching callback, typed by `IdFor`.
        (_, "id") => Some(Ty::Named("ComponentId")),
        // Rows of any JSON cells: real data has missing (`null`) cells too.
        ("DataTable", "data") => Some(Ty::Vec(Box::new(Ty::Map(Box::new(Ty::Any))))),
        _ => None,
    }
}

/// Components written by hand in full (`Store<T>` has a typed `data`).
pub(crate) fn hand_written(namespace: &str, component: &str) -> bool {
    namespace == "dash_core_components" && component == "Store"
}
