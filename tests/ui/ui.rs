//! Compile-time errors of `#[dash::app]`, one family per folder under tests/ui/, with the
//! exact messages in `.stderr` snapshots. `TRYBUILD=overwrite` rewrites them.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/attribute/*.rs");
    t.compile_fail("tests/ui/cycle/*.rs");
    t.compile_fail("tests/ui/graph/*.rs");
    t.compile_fail("tests/ui/ids/*.rs");
    t.compile_fail("tests/ui/memoize/*.rs");
    t.compile_fail("tests/ui/purity/*.rs");
    t.compile_fail("tests/ui/signature/*.rs");
    t.compile_fail("tests/ui/structure/*.rs");
    t.compile_fail("tests/ui/types/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
