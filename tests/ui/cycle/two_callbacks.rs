#[dash::app]
mod app {
    use dash::prelude::*;

    #[ids]
    pub struct Ids {
        celsius: dcc::Input,
        fahrenheit: dcc::Input,
    }

    #[callback(output = "fahrenheit.value", input = "celsius.value")]
    fn to_fahrenheit(c: Option<f64>) -> Option<f64> {
        c.map(|c| c * 9.0 / 5.0 + 32.0)
    }

    #[callback(output = "celsius.value", input = "fahrenheit.value")]
    fn to_celsius(f: Option<f64>) -> Option<f64> {
        f.map(|f| (f - 32.0) * 5.0 / 9.0)
    }
}

fn main() {}
