//! Parsing of the inert attributes `#[ids]` and `#[callback(...)]`.

use syn::{Attribute, LitBool, LitStr, meta::ParseNestedMeta};

use crate::ctxt::Errors;
use crate::message;
use crate::pattern::Pattern;

/// One prop of an attribute: `"id.prop"`, or a pattern `(Family { key: MATCH }, "prop")`.
pub(crate) enum Prop {
    Plain(LitStr),
    Pattern(Box<Pattern>),
}

impl Prop {
    /// The string literal to report problems at: the whole `"id.prop"`, or a pattern's prop.
    pub(crate) fn lit(&self) -> &LitStr {
        match self {
            Prop::Plain(lit) => lit,
            Prop::Pattern(pattern) => &pattern.prop,
        }
    }

    /// The `"id.prop"` literal of a plain prop.
    pub(crate) fn plain(&self) -> Option<&LitStr> {
        match self {
            Prop::Plain(lit) => Some(lit),
            Prop::Pattern(_) => None,
        }
    }

    /// The pattern of a pattern prop.
    pub(crate) fn pattern(&self) -> Option<&Pattern> {
        match self {
            Prop::Plain(_) => None,
            Prop::Pattern(pattern) => Some(pattern),
        }
    }

    /// `id.prop`, or `Family{key:MATCH}.prop`: equal for the same prop.
    pub(crate) fn text(&self) -> String {
        match self {
            Prop::Plain(lit) => lit.value(),
            Prop::Pattern(pattern) => pattern.text(),
        }
    }

    /// What the graph checks compare: `id.prop`, or `Family.prop` for every pattern of a
    /// family (which over-approximates: two patterns with different fixed keys never meet).
    pub(crate) fn graph(&self) -> String {
        match self {
            Prop::Plain(lit) => lit.value(),
            Prop::Pattern(pattern) => {
                format!("{}.{}", pattern.family_name(), pattern.prop.value())
            }
        }
    }
}

/// The keys of one `#[callback(...)]`.
#[derive(Default)]
pub(crate) struct CallbackAttr {
    pub outputs: Vec<Prop>,
    pub inputs: Vec<Prop>,
    pub state: Vec<Prop>,
    pub prevent_initial_call: bool,
    pub blocking: bool,
    /// `hidden`: left out of the dev tools' callback graph.
    pub hidden: bool,
    /// `allow_optional = "id.prop"`, repeatable: inputs and state that may be missing from
    /// the page.
    pub optional: Vec<LitStr>,
    /// `allow_duplicate`: its outputs may have other writers; where the key was written.
    pub allow_duplicate: Option<proc_macro2::Span>,
    /// `memoize` or `memoize(ttl = "10m", scope = "session")`.
    pub memoize: Option<MemoizeAttr>,
    /// `allow_global_writes = "reason"`: the purity lint is off for this callback.
    pub allow_global_writes: Option<LitStr>,
    /// `running(prop = "go.disabled", on = true, off = false)`, repeatable.
    pub running: Vec<RunningAttr>,
    /// `on_error = path::to::handler`.
    pub on_error: Option<syn::Path>,
    /// `background`: runs as a job the browser polls; where the key was written.
    pub background: Option<proc_macro2::Span>,
    /// `interval = 500`: milliseconds between the browser's polls of the job.
    pub interval: Option<syn::LitInt>,
    /// `progress = "id.prop"` or `progress(prop = "id.prop", default = EXPR)`, repeatable.
    pub progress: Vec<ProgressAttr>,
    /// `cancel = "id.prop"`, repeatable: props whose change cancels the job.
    pub cancel: Vec<LitStr>,
    /// `websocket`: called over the page's WebSocket.
    pub websocket: bool,
    /// `api_endpoint = "/path"`: also served at this path, its arguments by name in a JSON
    /// object.
    pub api_endpoint: Option<LitStr>,
    /// `mcp = false`: never listed as an MCP tool; `mcp = true`: listed even when the
    /// app's MCP server leaves callbacks out by default.
    pub mcp: Option<bool>,
    /// An `output` key was written, even if its value did not parse.
    pub saw_output: bool,
    /// The attribute did not parse to the end: checks that count its keys would mislead.
    pub malformed: bool,
}

/// One `running(prop = "id.prop", on = EXPR, off = EXPR)`, or with
/// `prop(Family { key: MATCH }, "prop")`, whose wildcards the browser fills from the
/// component that fired.
pub(crate) struct RunningAttr {
    pub prop: Prop,
    pub on: syn::Expr,
    pub off: syn::Expr,
}

/// One `progress = "id.prop"` or `progress(prop = "id.prop", default = EXPR)`.
pub(crate) struct ProgressAttr {
    pub prop: LitStr,
    pub default: Option<syn::Expr>,
}

/// The options of `memoize(..)`.
#[derive(Default)]
pub(crate) struct MemoizeAttr {
    /// `ttl = "90s"`: seconds a result stays valid.
    pub ttl_secs: Option<u64>,
    /// `scope = "session"` (the default is `"app"`).
    pub session: bool,
}

/// Is this attribute `#[NAME]` or `#[dash::NAME]`?
pub(crate) fn is(attr: &Attribute, name: &str) -> bool {
    attr.path().segments.last().is_some_and(|s| s.ident == name)
        && (attr.path().segments.len() == 1
            || attr
                .path()
                .segments
                .first()
                .is_some_and(|s| s.ident == "dash"))
}

/// The `#[callback]` keys that may be written more than once; every other key is written
/// once.
const REPEATABLE: &[&str] = &["output", "input", "state", "running", "progress", "cancel"];

/// Where a callback runs, which decides the keys its attribute takes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Site {
    /// `#[callback]` on a `fn`: every key.
    Server,
    /// `#[clientside]` on a `const`: only the keys the browser's callbacks have.
    Browser,
}

/// The keys of `#[clientside]`: the renderer runs the function itself, so nothing of the
/// server's side (memoization, jobs, threads, error handlers) applies.
pub(crate) const CLIENTSIDE_KEYS: &[&str] = &[
    "output",
    "input",
    "state",
    "prevent_initial_call",
    "allow_duplicate",
    "hidden",
    "allow_optional",
    "running",
];

pub(crate) fn parse_callback(attr: &Attribute, site: Site, errors: &mut Errors) -> CallbackAttr {
    let mut parsed = CallbackAttr {
        blocking: true,
        ..CallbackAttr::default()
    };
    if matches!(attr.meta, syn::Meta::Path(_)) {
        return parsed;
    }
    let mut seen: Vec<String> = Vec::new();
    // A repeated key is reported and its value parsed into this, so that the first one
    // holds and the rest of the attribute is still read.
    let mut ignored = CallbackAttr::default();
    let result = attr.parse_nested_meta(|meta| {
        let key = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        let repeated = seen.contains(&key) && !REPEATABLE.contains(&key.as_str());
        if repeated {
            errors.spanned(&meta.path, message::repeated_key(&key, REPEATABLE));
        }
        seen.push(key.clone());
        let parsed = if repeated { &mut ignored } else { &mut parsed };
        if site == Site::Browser && !CLIENTSIDE_KEYS.contains(&key.as_str()) {
            if KEYS.contains(&key.as_str()) {
                return Err(meta.error(message::server_key(&key, CLIENTSIDE_KEYS)));
            }
            let path = &meta.path;
            let shown = quote::quote!(#path).to_string().replace(' ', "");
            return Err(meta.error(message::unknown_clientside_key(shown, CLIENTSIDE_KEYS)));
        }
        match key.as_str() {
            "output" => {
                parsed.saw_output = true;
                parsed.outputs.push(prop(&meta)?);
            }
            "input" => parsed.inputs.push(prop(&meta)?),
            "state" => parsed.state.push(prop(&meta)?),
            "prevent_initial_call" => parsed.prevent_initial_call = flag(&meta)?,
            "blocking" => parsed.blocking = flag(&meta)?,
            "hidden" => parsed.hidden = flag(&meta)?,
            "allow_optional" => parsed.optional.push(string_value(&meta)?),
            "allow_duplicate" => {
                if flag(&meta)? {
                    parsed.allow_duplicate = Some(
                        meta.path
                            .get_ident()
                            .map_or_else(proc_macro2::Span::call_site, syn::Ident::span),
                    );
                }
            }
            "memoize" => parsed.memoize = memoize(&meta)?,
            "running" => parsed.running.push(running(&meta)?),
            "on_error" => parsed.on_error = Some(meta.value()?.parse::<syn::Path>()?),
            "background" => {
                if flag(&meta)? {
                    parsed.background = Some(
                        meta.path
                            .get_ident()
                            .map_or_else(proc_macro2::Span::call_site, syn::Ident::span),
                    );
                }
            }
            "interval" => parsed.interval = Some(meta.value()?.parse::<syn::LitInt>()?),
            "progress" => parsed.progress.push(progress(&meta)?),
            "cancel" => parsed.cancel.push(string_value(&meta)?),
            "websocket" => parsed.websocket = flag(&meta)?,
            "api_endpoint" => parsed.api_endpoint = Some(string_value(&meta)?),
            "mcp" => parsed.mcp = Some(flag(&meta)?),
            "allow_global_writes" => {
                let reason = string_value(&meta)?;
                if reason.value().trim().is_empty() {
                    return Err(syn::Error::new(reason.span(), message::EMPTY_REASON));
                }
                parsed.allow_global_writes = Some(reason);
            }
            _ => {
                let path = &meta.path;
                let shown = quote::quote!(#path).to_string().replace(' ', "");
                return Err(meta.error(message::unknown_key(shown)));
            }
        }
        Ok(())
    });
    if let Err(error) = result {
        parsed.malformed = true;
        errors.push(error);
    }
    parsed
}

/// Every key of `#[callback]`.
const KEYS: &[&str] = &[
    "output",
    "input",
    "state",
    "prevent_initial_call",
    "blocking",
    "hidden",
    "allow_optional",
    "allow_duplicate",
    "memoize",
    "running",
    "on_error",
    "background",
    "interval",
    "progress",
    "cancel",
    "websocket",
    "api_endpoint",
    "mcp",
    "allow_global_writes",
];

/// `key = "id.prop"` or `key(Family { .. }, "prop")`.
fn prop(meta: &ParseNestedMeta) -> syn::Result<Prop> {
    if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        return Ok(Prop::Pattern(Box::new(content.parse::<Pattern>()?)));
    }
    Ok(Prop::Plain(string_value(meta)?))
}

fn string_value(meta: &ParseNestedMeta) -> syn::Result<LitStr> {
    meta.value()?.parse()
}

/// `memoize`, `memoize = true|false`, or `memoize(ttl = "10m", scope = "app"|"session")`.
fn memoize(meta: &ParseNestedMeta) -> syn::Result<Option<MemoizeAttr>> {
    let mut options = MemoizeAttr::default();
    if meta.input.peek(syn::token::Paren) {
        meta.parse_nested_meta(|inner| {
            if inner.path.is_ident("ttl") {
                let text = string_value(&inner)?;
                let secs = parse_duration(&text.value())
                    .ok_or_else(|| syn::Error::new(text.span(), message::BAD_TTL))?;
                options.ttl_secs = Some(secs);
            } else if inner.path.is_ident("scope") {
                let text = string_value(&inner)?;
                options.session = match text.value().as_str() {
                    "app" => false,
                    "session" => true,
                    _ => return Err(syn::Error::new(text.span(), message::BAD_SCOPE)),
                };
            } else {
                return Err(inner.error(message::MEMOIZE_KEYS));
            }
            Ok(())
        })?;
        return Ok(Some(options));
    }
    Ok(flag(meta)?.then_some(options))
}

/// `progress = "id.prop"` or `progress(prop = "id.prop", default = EXPR)`.
fn progress(meta: &ParseNestedMeta) -> syn::Result<ProgressAttr> {
    if !meta.input.peek(syn::token::Paren) {
        return Ok(ProgressAttr {
            prop: string_value(meta)?,
            default: None,
        });
    }
    let (mut prop, mut default) = (None, None);
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident("prop") {
            prop = Some(string_value(&inner)?);
        } else if inner.path.is_ident("default") {
            default = Some(inner.value()?.parse::<syn::Expr>()?);
        } else {
            return Err(inner.error(message::PROGRESS_KEYS));
        }
        Ok(())
    })?;
    let prop = prop.ok_or_else(|| meta.error(message::PROGRESS_KEYS))?;
    Ok(ProgressAttr { prop, default })
}

/// `running(prop = "id.prop", on = EXPR, off = EXPR)`, each key once.
fn running(meta: &ParseNestedMeta) -> syn::Result<RunningAttr> {
    let (mut prop, mut on, mut off) = (None, None, None);
    meta.parse_nested_meta(|inner| {
        let slot_taken = if inner.path.is_ident("prop") {
            prop.replace(self::prop(&inner)?).is_some()
        } else if inner.path.is_ident("on") {
            on.replace(inner.value()?.parse::<syn::Expr>()?).is_some()
        } else if inner.path.is_ident("off") {
            off.replace(inner.value()?.parse::<syn::Expr>()?).is_some()
        } else {
            return Err(inner.error(message::RUNNING_KEYS));
        };
        if slot_taken {
            return Err(inner.error(message::RUNNING_KEYS));
        }
        Ok(())
    })?;
    match (prop, on, off) {
        (Some(prop), Some(on), Some(off)) => Ok(RunningAttr { prop, on, off }),
        _ => Err(meta.error(message::RUNNING_KEYS)),
    }
}

/// `"90s"`, `"10m"`, `"2h"`, `"1d"` (or a bare number of seconds) as seconds; `None` for
/// anything else, and for zero.
pub(crate) fn parse_duration(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().ok()?;
    let factor = match unit.trim() {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return None,
    };
    number.checked_mul(factor).filter(|secs| *secs > 0)
}

/// `key` alone means true; `key = true|false` sets it.
fn flag(meta: &ParseNestedMeta) -> syn::Result<bool> {
    if meta.input.peek(syn::Token![=]) {
        Ok(meta.value()?.parse::<LitBool>()?.value)
    } else {
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::{Site, parse_callback, parse_duration};
    use crate::ctxt::Errors;

    /// The messages of the errors `#[callback(ARGS)]` gives, and whether it parsed to the end.
    fn errors_of(args: &str) -> (Vec<String>, bool) {
        let item: syn::ItemFn =
            syn::parse_str(&format!("#[callback({args})] fn f() {{}}")).expect("a function");
        let mut errors = Errors::default();
        let parsed = parse_callback(&item.attrs[0], Site::Server, &mut errors);
        (errors.messages(), !parsed.malformed)
    }

    #[test]
    fn every_repeated_key_is_reported_and_the_first_value_holds() {
        let (messages, complete) = errors_of(
            r#"output = "a.b", output = "a.c", input = "x.y", input = "x.z", blocking = false,
               blocking, memoize, memoize(ttl = "1m"), on_error = one, on_error = two"#,
        );
        assert!(complete);
        let keys: Vec<&str> = messages
            .iter()
            .map(|m| m.split('`').nth(1).unwrap_or_default())
            .collect();
        assert_eq!(keys, ["blocking", "memoize", "on_error"], "{messages:?}");
        assert!(messages[0].contains(
            "every key but `output`, `input`, `state`, `running`, `progress` and `cancel`"
        ));
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90s"), Some(90));
        assert_eq!(parse_duration("90"), Some(90));
        assert_eq!(parse_duration("10m"), Some(600));
        assert_eq!(parse_duration("2h"), Some(7200));
        assert_eq!(parse_duration("1d"), Some(86_400));
        assert_eq!(parse_duration("0s"), None);
        assert_eq!(parse_duration("5 weeks"), None);
        assert_eq!(parse_duration("m"), None);
    }
}
