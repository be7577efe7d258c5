//! Fetches the wheel pinned in `suite.lock` and embeds the files it serves: see the
//! `rust-dash-suite-build` crate.

fn main() {
    dash_suite_build::build();
}
