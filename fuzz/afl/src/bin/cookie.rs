//! AFL++ over `dash_fuzz::cookie`.
fn main() {
    afl::fuzz!(|data: &[u8]| dash_fuzz::cookie(data));
}
