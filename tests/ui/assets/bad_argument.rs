// The folder is named by a string.
fn main() {
    let _ = dash::embed_assets!(assets);
}
