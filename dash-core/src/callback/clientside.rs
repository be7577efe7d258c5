//! Callbacks the browser runs (Dash's clientside callbacks): where their JavaScript is.

use std::borrow::Cow;

/// Where the JavaScript function of a clientside callback is. The renderer calls it with
/// the values of the inputs, then of the state, and applies what it returns without a
/// request to the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Clientside {
    /// `window.dash_clientside[namespace][function]`, defined by a script of the app (an
    /// asset): Dash's `ClientsideFunction`.
    Function {
        /// The object of `window.dash_clientside` that holds the function.
        namespace: Cow<'static, str>,
        /// The function's name in it.
        function: Cow<'static, str>,
    },
    /// The function's source, a JavaScript function expression (`(a, b) => ..`,
    /// `function (a) {..}`, `async (a) => ..`) that the page defines before the renderer
    /// starts: Dash's clientside callback given as a string.
    Inline(Cow<'static, str>),
}

impl Clientside {
    /// A function a script of the app defines: `window.dash_clientside[namespace][function]`.
    pub fn function(
        namespace: impl Into<Cow<'static, str>>,
        function: impl Into<Cow<'static, str>>,
    ) -> Clientside {
        Clientside::Function {
            namespace: namespace.into(),
            function: function.into(),
        }
    }

    /// A function given by its source, which the page defines.
    pub fn inline(source: impl Into<Cow<'static, str>>) -> Clientside {
        Clientside::Inline(source.into())
    }
}

/// A named clientside function, as a clientside callback's `const` holds it:
/// `window.dash_clientside[namespace][function_name]`, defined by a script of the app's
/// assets (Dash's `ClientsideFunction`).
///
/// ```
/// use dash::ClientsideFunction;
/// const SHOW: ClientsideFunction = ClientsideFunction::new("panels", "show");
/// assert_eq!(SHOW.function_name, "show");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientsideFunction {
    /// The object of `window.dash_clientside` that holds the function.
    pub namespace: &'static str,
    /// The function's name in it.
    pub function_name: &'static str,
}

impl ClientsideFunction {
    /// `window.dash_clientside[namespace][function_name]`.
    pub const fn new(namespace: &'static str, function_name: &'static str) -> Self {
        ClientsideFunction {
            namespace,
            function_name,
        }
    }
}

impl From<ClientsideFunction> for Clientside {
    fn from(function: ClientsideFunction) -> Clientside {
        Clientside::function(function.namespace, function.function_name)
    }
}
