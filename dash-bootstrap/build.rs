//! Fetches and embeds the pinned dash-bootstrap-components wheel's bundle and Bootstrap's
//! stylesheets: see `suite.lock` and the `rust-dash-suite-build` crate.

fn main() {
    dash_suite_build::build();
}
