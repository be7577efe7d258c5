//! AFL++ over `dash_fuzz::update`.
fn main() {
    afl::fuzz!(|data: &[u8]| dash_fuzz::update(data));
}
