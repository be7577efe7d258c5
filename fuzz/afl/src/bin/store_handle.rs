//! AFL++ over `dash_fuzz::store_handle`.
fn main() {
    afl::fuzz!(|data: &[u8]| dash_fuzz::store_handle(data));
}
