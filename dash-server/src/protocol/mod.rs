//! The wire shapes of the Dash protocol, without HTTP: the update request and its answer,
//! the dependencies the renderer reads, and the page.

pub(crate) mod clientside;
pub(crate) mod dependencies;
pub(crate) mod json;
pub(crate) mod page;
pub(crate) mod request;
pub(crate) mod response;
pub(crate) mod wire;
