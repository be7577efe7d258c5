//! Clientside callbacks on the wire: the function the renderer calls for each, and the
//! inline scripts that define the functions the page must hold.
//!
//! An inline source is defined as Python Dash defines it: in the namespace
//! `_dashprivate_clientside_funcs`, under the SHA-256 of its text, by a script placed
//! after the other scripts and before the renderer starts. A callback with `running`
//! props, which the renderer applies to server callbacks only, gets a wrapper of its own
//! instead: it sets the props before the function runs and sets them back once it has
//! returned, thrown, or settled the promise it returned.

use dash_core::{Clientside, Dependency, Running};
use dash_syntax::INLINE_NAMESPACE;
use serde_json::Value;

/// The function the renderer calls for this dependency: its namespace and name in
/// `window.dash_clientside`, or `None` for a server callback.
pub(crate) fn function_of(dependency: &Dependency) -> Option<(String, String)> {
    let clientside = dependency.clientside.as_ref()?;
    if !dependency.running.is_empty() {
        let named = format!(
            "running\n{}\n{}",
            inner(clientside),
            running(&dependency.running)
        );
        return Some((INLINE_NAMESPACE.to_owned(), sha256_hex(&named)));
    }
    Some(match clientside {
        Clientside::Function {
            namespace,
            function,
        } => (namespace.to_string(), function.to_string()),
        Clientside::Inline(source) => (INLINE_NAMESPACE.to_owned(), sha256_hex(source)),
    })
}

/// The bodies of the inline scripts the page needs, one per function it defines, each
/// once, in the order of the dependencies.
pub(crate) fn scripts<'a>(dependencies: impl Iterator<Item = &'a Dependency>) -> Vec<String> {
    let mut scripts: Vec<String> = Vec::new();
    for dependency in dependencies {
        let (Some(clientside), Some((_, name))) =
            (dependency.clientside.as_ref(), function_of(dependency))
        else {
            continue;
        };
        let defined = match (clientside, dependency.running.is_empty()) {
            (Clientside::Inline(source), true) => {
                dash_syntax::clientside_definition(source).to_owned()
            }
            (_, false) => wrapper(clientside, &dependency.running),
            _ => continue,
        };
        let script = format!(
            "(function () {{\nvar dc = window.dash_clientside = window.dash_clientside || {{}};\n\
             var ns = dc[\"{INLINE_NAMESPACE}\"] = dc[\"{INLINE_NAMESPACE}\"] || {{}};\n\
             ns[\"{name}\"] = (\n{defined}\n);\n}})();"
        );
        if !scripts.contains(&script) {
            scripts.push(script);
        }
    }
    scripts
}

/// The JavaScript expression of the function itself: the source, or a function that
/// looks the named one up when it is called (an asset may define it after this script)
/// and calls it on its namespace, as the renderer does.
fn inner(clientside: &Clientside) -> String {
    match clientside {
        Clientside::Inline(source) => {
            format!("(\n{}\n)", dash_syntax::clientside_definition(source))
        }
        Clientside::Function {
            namespace,
            function,
        } => {
            let (namespace, function) = (js_string(namespace), js_string(function));
            format!(
                "function () {{ var ns = (window.dash_clientside || {{}})[{namespace}]; \
                 var f = ns && ns[{function}]; \
                 if (typeof f !== \"function\") {{ throw new Error(\"no clientside function \" + \
                 {namespace} + \".\" + {function}); }} \
                 return f.apply(ns, arguments); }}"
            )
        }
    }
}

/// The running props as a JavaScript array of `[id, prop, on, off]`.
fn running(running: &[Running]) -> String {
    let items: Vec<Value> = running
        .iter()
        .map(|running| {
            serde_json::json!([
                running.prop.id.to_json(),
                running.prop.property,
                running.on,
                running.off
            ])
        })
        .collect();
    // `<` never appears raw, so no value can end the script element.
    Value::Array(items).to_string().replace('<', "\\u003c")
}

/// A function that sets the running props, calls the function, and sets them back when
/// it is done, however it ends.
fn wrapper(clientside: &Clientside, props: &[Running]) -> String {
    format!(
        "function () {{\n\
         var inner = {inner};\n\
         var running = {running};\n\
         var set = function (i) {{ running.forEach(function (r) {{ var p = {{}}; p[r[1]] = r[i]; \
         window.dash_clientside.set_props(r[0], p); }}); }};\n\
         set(2);\n\
         var result;\n\
         try {{ result = inner.apply(this, arguments); }} catch (e) {{ set(3); throw e; }}\n\
         if (result && typeof result.then === \"function\") {{\n\
         return result.then(function (v) {{ set(3); return v; }}, function (e) {{ set(3); throw e; }});\n\
         }}\n\
         set(3);\n\
         return result;\n\
         }}",
        inner = inner(clientside),
        running = running(props),
    )
}

/// A JavaScript string literal (JSON's), `<` escaped.
fn js_string(text: &str) -> String {
    Value::String(text.to_owned())
        .to_string()
        .replace('<', "\\u003c")
}

fn sha256_hex(text: &str) -> String {
    use sha2::Digest;
    dash_syntax::hex(&sha2::Sha256::digest(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dash_core::PropId;

    #[test]
    fn an_inline_source_is_named_by_its_hash_as_in_python() {
        let dependency = Dependency::new().clientside(Clientside::inline("(a) => a"));
        let (namespace, name) = function_of(&dependency).unwrap();
        assert_eq!(namespace, "_dashprivate_clientside_funcs");
        // hashlib.sha256("(a) => a".encode("utf-8")).hexdigest()
        assert_eq!(
            name,
            "77ece68335ecad034934325aed1309392882d4978ee994dc488c769b1fadc140"
        );
        let scripts = scripts([&dependency].into_iter());
        assert_eq!(scripts.len(), 1);
        assert!(scripts[0].contains(&format!("ns[\"{name}\"] = (\n(a) => a\n);")));
    }

    #[test]
    fn a_named_function_needs_no_script_unless_it_has_running_props() {
        let named = Dependency::new().clientside(Clientside::function("ui", "show"));
        assert_eq!(
            function_of(&named),
            Some(("ui".to_owned(), "show".to_owned()))
        );
        assert!(scripts([&named].into_iter()).is_empty());
        let running = named.running(
            PropId::new("go", "disabled"),
            Value::Bool(true),
            Value::String("</script>".into()),
        );
        let (namespace, _) = function_of(&running).unwrap();
        assert_eq!(namespace, INLINE_NAMESPACE);
        let script = &scripts([&running].into_iter())[0];
        assert!(script.contains("(window.dash_clientside || {})[\"ui\"]"));
        assert!(script.contains("f.apply(ns, arguments)"));
        assert!(!script.contains("</script"));
    }

    #[test]
    fn a_trailing_semicolon_is_named_with_the_source_and_defined_without() {
        let dependency = Dependency::new().clientside(Clientside::inline("(a) => a;"));
        let (_, name) = function_of(&dependency).unwrap();
        assert_eq!(name, sha256_hex("(a) => a;"));
        assert!(scripts([&dependency].into_iter())[0].contains("= (\n(a) => a\n);"));
    }

    #[test]
    fn a_server_callback_has_no_function() {
        assert_eq!(function_of(&Dependency::new()), None);
    }
}
