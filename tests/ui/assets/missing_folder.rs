// The assets folder is looked for next to Cargo.toml; a missing one is a compile error.
fn main() {
    let _ = dash::embed_assets!("no_such_folder");
}
