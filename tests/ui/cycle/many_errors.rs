// Two separate loops are both reported. A callback reading its own output, and a loop
// closed only through `state`, are fine.
#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        a: dcc::Input,
        b: dcc::Input,
        c: dcc::Input,
        x: dcc::Slider,
        y: dcc::Slider,
    }

    #[callback(output = "b.value", input = "a.value")]
    fn a_to_b(v: Option<String>) -> Option<String> {
        v
    }

    #[callback(output = "c.value", input = "b.value")]
    fn b_to_c(v: Option<String>) -> Option<String> {
        v
    }

    #[callback(output = "a.value", input = "c.value")]
    fn c_to_a(v: Option<String>) -> Option<String> {
        v
    }

    #[callback(output = "y.value", input = "x.value")]
    fn x_to_y(v: f64) -> f64 {
        v
    }

    #[callback(output = "x.value", input = "y.value")]
    fn y_to_x(v: f64) -> f64 {
        v
    }

    #[callback(output = "x.max", input = "x.value", input = "x.max")]
    fn own_output(v: f64, max: f64) -> f64 {
        v.max(max)
    }

    #[callback(output = "y.max", input = "x.max", state = "y.max")]
    fn through_state(v: f64, _old: f64) -> f64 {
        v
    }
}

fn main() {}
