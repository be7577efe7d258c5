//! Fetches and embeds the pinned dash-mantine-components wheel's bundle and chunks: see
//! `suite.lock` and the `rust-dash-suite-build` crate.

fn main() {
    dash_suite_build::build();
}
