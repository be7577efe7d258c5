//! The text the emitter writes into: a `String` whose `write!` and `writeln!` return
//! nothing (as cxx's `InfallibleWrite`), so that no call site discards a `Result`.

use std::fmt::{self, Write as _};

/// Generated source text, written with `write!`, `writeln!` and [`Out::push_str`].
#[derive(Default)]
pub(crate) struct Out(String);

impl Out {
    pub(crate) fn new() -> Self {
        Out(String::new())
    }

    /// What `write!` and `writeln!` call. Writing into a `String` fails only if a
    /// `Display` impl does, which `format!` treats as a bug too: it panics.
    pub(crate) fn write_fmt(&mut self, args: fmt::Arguments<'_>) {
        self.0
            .write_fmt(args)
            .expect("a formatting trait implementation returned an error");
    }

    pub(crate) fn push_str(&mut self, text: &str) {
        self.0.push_str(text);
    }

    /// The text written so far.
    pub(crate) fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::Out;

    #[test]
    fn writes_without_a_result() {
        let mut out = Out::new();
        let name = "Div";
        writeln!(out, "impl {name} {{");
        write!(out, "}}");
        out.push_str("\n");
        assert_eq!(out.into_string(), "impl Div {\n}\n");
    }
}
