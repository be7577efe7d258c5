//! AFL++ over `dash_fuzz::suite_path`.
fn main() {
    afl::fuzz!(|data: &[u8]| dash_fuzz::suite_path(data));
}
