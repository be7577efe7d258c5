//! Fetches and embeds the pinned dash-ag-grid wheel's files: see `suite.lock` and the
//! `rust-dash-suite-build` crate.

fn main() {
    dash_suite_build::build();
}
