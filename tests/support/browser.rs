//! Headless Chromium for the browser tests: the sessions of `rust-dash-testing`, the
//! harness users' own end-to-end tests use.

pub use dash_testing::browser::*;
