//! What the weather examples (`store`, `server_store`, `multi_output`) share: made-up
//! weather data and a few pieces of layout.

pub mod view;
pub mod weather;
