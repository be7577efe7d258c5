use dash::callback;

#[callback(output = "b.children", input = "a.value")]
fn f(x: i64) -> i64 {
    x
}

fn main() {
    let _ = f(1);
}
