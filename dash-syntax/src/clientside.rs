//! What a clientside callback may name and hold: the macro refuses the rest at compile
//! time, the server at startup (for callbacks built by hand).

/// The namespace of `window.dash_clientside` that holds inline sources, each under the
/// SHA-256 of its text (Python Dash's).
pub const INLINE_NAMESPACE: &str = "_dashprivate_clientside_funcs";

/// The names the renderer owns on `window.dash_clientside`: no namespace may take them.
pub const RENDERER_NAMES: &[&str] = &[
    "no_update",
    "PreventUpdate",
    "set_props",
    "callback_context",
    "clean_url",
    "Patch",
];

/// Why a named clientside function's namespace cannot be used, if it cannot: Dash keeps
/// namespaces starting with `_dashprivate_` for itself, and the renderer's own names
/// would be overwritten.
///
/// ```
/// assert!(dash_syntax::namespace_problem("clientside").is_none());
/// assert!(dash_syntax::namespace_problem("_dashprivate_x").is_some());
/// assert!(dash_syntax::namespace_problem("no_update").is_some());
/// ```
pub fn namespace_problem(namespace: &str) -> Option<String> {
    if namespace.trim().is_empty() {
        return Some("the namespace is empty".to_owned());
    }
    if namespace.starts_with("_dashprivate_") {
        return Some(format!(
            "the namespace `{namespace}` starts with `_dashprivate_`, which Dash keeps for itself"
        ));
    }
    if RENDERER_NAMES.contains(&namespace) {
        return Some(format!(
            "`{namespace}` is the renderer's own name on `window.dash_clientside`, not a namespace"
        ));
    }
    None
}

/// Does this JavaScript hold `</script` or `<!--` (in any case)? Pasted into the page's
/// inline script, the first ends the script element early; the second, before a
/// `<script`, keeps the element from ending where it should. Either breaks the page.
///
/// ```
/// assert!(dash_syntax::closes_script("(a) => '</SCRIPT>'"));
/// assert!(dash_syntax::closes_script("(a) => '<!--<script>'"));
/// assert!(!dash_syntax::closes_script("(a) => a < b"));
/// ```
pub fn closes_script(source: &str) -> bool {
    let source = source.to_ascii_lowercase();
    source.contains("</script") || source.contains("<!--")
}

/// An inline source as the page defines it: without the `;` that may end it. Python
/// pastes the source before a `;` of its own, so a source may end with one; the page here
/// wraps the source in parentheses, where a `;` would not parse.
///
/// ```
/// assert_eq!(dash_syntax::clientside_definition("(a) => a; \n"), "(a) => a");
/// ```
pub fn clientside_definition(source: &str) -> &str {
    source.trim_end().trim_end_matches(';').trim_end()
}
