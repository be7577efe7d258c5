//! Typed Dash components.
//!
//! Every html element ([`html`]), every core component ([`dcc`]) and
//! [`dash_table::DataTable`], generated from the metadata of the `dash` 4.4.1 libraries:
//! one struct per component whose pub fields are its props, with builder methods.
//!
//! ```
//! use dash::{dcc, html};
//!
//! let page = html::Div::new().children([
//!     html::H1::new().children("Scores").into(),
//!     dcc::Dropdown::new().id("score").options(1..=5).value(1).into(),
//! ]);
//! # let _ = page;
//! ```
//!
//! Props map to Rust types like this: `string` → `String`, `number` → [`Number`], `bool`
//! → `bool`, `node` → [`Node`], `arrayOf` → `Vec`, `objectOf` → `BTreeMap<String, _>`,
//! `oneOf` → an enum of the allowed values, `shape`/`exact` → a struct, a union → an
//! untagged enum with `From` conversions from each member, `any`/`object` →
//! `serde_json::Value`. Unset optional props are left out of the JSON; `children` is always
//! sent, as Python Dash does. A component's own nested types live in a module named after
//! it (`dcc::dropdown::Value`), and the component is re-exported next to it.

// On the documentation host (nightly, `--cfg docsrs`): each item behind a feature shows
// the feature it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod figure;
mod fits;
mod id_for;
mod options;
mod patch;
mod scalar;
mod server_store;
mod set_props;
mod store;
mod table;
mod write;

#[doc(hidden)]
pub mod __support;

pub use dash_core::{Component, Node, Number, TypedComponent};
pub use figure::Figure;
pub use fits::{Fits, StoreFits, StoreReads, Unchecked};
pub use id_for::IdFor;
pub use options::{Choice, LabeledOption, Options};
pub use patch::{Location, Patch, Step};
pub use scalar::{Scalar, StringOrNumber};
pub use server_store::ServerStore;
pub use set_props::{Id, Plain, PropKey, SetProps};
pub use store::{StorageType, Store};

/// The plotly crate (0.14) that [`Figure::from`] converts from, with the feature
/// `plotly`. Build plots with this one (`dash::plotly`): a `plotly` dependency of your
/// own at another version makes types that do not convert.
#[cfg(feature = "plotly")]
pub use plotly;

/// The html elements of `dash_html_components`: `html::Div`, `html::H1`, `html::Table`, …
#[path = "generated/html.rs"]
pub mod html;

/// The core components of `dash_core_components`: `dcc::Dropdown`, `dcc::Graph`, …
#[path = "generated/dcc.rs"]
pub mod dcc;

/// `DataTable`, from `dash_table`.
#[path = "generated/dash_table.rs"]
pub mod dash_table;

/// The type-check impls for prop types the built-in libraries share.
#[path = "generated/fits.rs"]
mod shared_fits;

/// For each component type, the props other than `children` that can hold components.
pub type ChildrenProps = &'static [(&'static str, &'static [&'static str])];

/// `children_props` for the renderer's config: for each namespace and component, the props
/// other than `children` that can hold components.
pub fn children_props() -> [(&'static str, ChildrenProps); 3] {
    [
        (html::NAMESPACE, html::CHILDREN_PROPS),
        (dcc::NAMESPACE, dcc::CHILDREN_PROPS),
        (dash_table::NAMESPACE, dash_table::CHILDREN_PROPS),
    ]
}
