//! Props of Dash's own components that the browser sets to `null` whatever the layout
//! says: a callback reading one must take `null` (an `Option`). Read from the pinned
//! packages' sources (dash-core-components 4.4.1, dash-table 7.4.1); a prop the browser
//! leaves *absent* (`undefined` in the renderer's store) arrives without its `value` key,
//! which the server reads as `null` too.
//!
//! `#[dash::app]` turns a parameter bound to one of these into a compile error when the
//! `#[ids]` field names the component through its library's module (`dcc::Dropdown`); the
//! server checks every callback against the layout's components at startup, and adds the
//! forms that only the layout decides (a `multi` Dropdown sends lists, say).

/// One prop the browser sets to `null` on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BrowserNull {
    /// The component's namespace, as the layout writes it (`dash_core_components`).
    pub namespace: &'static str,
    /// The component's type (`Dropdown`).
    pub component: &'static str,
    /// The prop (`value`).
    pub prop: &'static str,
    /// When the browser sends `null`, completing "sends `null` for `value` ...".
    pub when: &'static str,
}

const DCC: &str = "dash_core_components";
const TABLE: &str = "dash_table";

/// Every prop the browser may set to `null` whatever the layout says.
pub const BROWSER_NULLS: &[BrowserNull] = &[
    BrowserNull {
        namespace: DCC,
        component: "Dropdown",
        prop: "value",
        when: "when its value is not among its options (on page load too, whatever \
               `clearable` says) and, unless `multi`, when the user clears it",
    },
    BrowserNull {
        namespace: DCC,
        component: "DatePickerSingle",
        prop: "date",
        when: "when the user empties its text box, or clears it",
    },
    BrowserNull {
        namespace: DCC,
        component: "DatePickerRange",
        prop: "start_date",
        when: "when the user empties its text box, or clears it",
    },
    BrowserNull {
        namespace: DCC,
        component: "DatePickerRange",
        prop: "end_date",
        when: "when the user starts a new range, empties its text box, or clears it",
    },
    BrowserNull {
        namespace: DCC,
        component: "Graph",
        prop: "selectedData",
        when: "when the user clears the selection",
    },
    BrowserNull {
        namespace: TABLE,
        component: "DataTable",
        prop: "active_cell",
        when: "after the user sorts, filters, changes page or deletes a row",
    },
    BrowserNull {
        namespace: TABLE,
        component: "DataTable",
        prop: "start_cell",
        when: "after the user sorts, filters, changes page or deletes a row",
    },
    BrowserNull {
        namespace: TABLE,
        component: "DataTable",
        prop: "end_cell",
        when: "after the user sorts, filters, changes page or deletes a row",
    },
];

/// The entry for `prop` of the component `namespace`.`component`, if the browser may set
/// it to `null` on its own.
pub fn browser_null(namespace: &str, component: &str, prop: &str) -> Option<&'static BrowserNull> {
    BROWSER_NULLS
        .iter()
        .find(|row| row.namespace == namespace && row.component == component && row.prop == prop)
}

/// The namespace of the components of the module the Rust API names them by (`dcc` →
/// `dash_core_components`).
pub fn namespace_of_module(module: &str) -> Option<&'static str> {
    match module {
        "dcc" => Some(DCC),
        "html" => Some("dash_html_components"),
        "dash_table" => Some(TABLE),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_by_namespace_component_and_prop() {
        let namespace = namespace_of_module("dcc").unwrap();
        assert!(browser_null(namespace, "Dropdown", "value").is_some());
        assert!(browser_null(namespace, "Dropdown", "options").is_none());
        assert!(browser_null("dash_html_components", "Dropdown", "value").is_none());
        assert!(browser_null(TABLE, "DataTable", "active_cell").is_some());
    }
}
