//! Rust names for Dash names: a prop's field, snake case and camel case.

/// Rust's keywords, strict and reserved: a prop with one of these names becomes a raw
/// identifier (`type` → `r#type`).
pub const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "try", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof",
    "unsized", "virtual", "yield",
];

/// Snake case: `className` → `class_name`, `is_RTL` → `is_rtl`, `aria-label` →
/// `aria_label`; a leading digit gets an underscore before it.
pub fn snake(name: &str) -> String {
    let mut out = String::new();
    let mut previous: Option<char> = None;
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            if previous.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit()) {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
        previous = Some(c);
    }
    let out = out.trim_end_matches('_').to_owned();
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{out}")
    } else {
        out
    }
}

/// Camel case, for type and variant names: the [`snake`] case of `name`, each word with a
/// capital: `persistence_type` → `PersistenceType`, `reset+autosize` → `ResetAutosize`,
/// `my-button` → `MyButton`. A run of capitals is one word (`is_RTL` → `IsRtl`), and
/// characters other than ASCII letters and digits separate words. The generator names its
/// types and variants so, and `#[dash::app]` the variants of a callback's `Trigger`.
///
/// ```
/// use dash_syntax::camel;
/// assert_eq!(camel("n_clicks"), "NClicks");
/// assert_eq!(camel("clickData"), "ClickData");
/// assert_eq!(camel("is_RTL"), "IsRtl");
/// ```
pub fn camel(name: &str) -> String {
    let mut out = String::new();
    for part in snake(name).split('_').filter(|p| !p.is_empty()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    out
}

/// The Rust field (and builder method) a prop becomes in a generated component: snake
/// case, `r#` before a keyword, `_` after `self`, `super` and `crate`. `None` for a prop
/// whose name is not made of ASCII letters, digits and underscores, starting with a letter
/// or an underscore: such props (`data-*`, `aria-*`) have no field of their own.
///
/// ```
/// use dash_syntax::field_name;
/// assert_eq!(field_name("className").as_deref(), Some("class_name"));
/// assert_eq!(field_name("type").as_deref(), Some("r#type"));
/// assert_eq!(field_name("data-x"), None);
/// ```
pub fn field_name(prop: &str) -> Option<String> {
    let plain = prop.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && prop.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
    if !plain {
        return None;
    }
    let snake = snake(prop);
    Some(match snake.as_str() {
        "self" | "super" | "crate" | "" => format!("{snake}_"),
        s if KEYWORDS.contains(&s) => format!("r#{snake}"),
        _ => snake,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_snake_case_and_keywords_raw() {
        let name = |p: &str| field_name(p);
        assert_eq!(name("className").as_deref(), Some("class_name"));
        assert_eq!(name("n_clicks").as_deref(), Some("n_clicks"));
        assert_eq!(name("clickData").as_deref(), Some("click_data"));
        assert_eq!(name("is_RTL").as_deref(), Some("is_rtl"));
        assert_eq!(name("type").as_deref(), Some("r#type"));
        assert_eq!(name("self").as_deref(), Some("self_"));
        assert_eq!(name("data-x"), None);
        assert_eq!(name("3d"), None);
    }

    #[test]
    fn snake_case_of_any_name() {
        assert_eq!(snake("aria-label"), "aria_label");
        assert_eq!(snake("reset+autosize"), "reset_autosize");
        assert_eq!(snake("3d"), "_3d");
    }

    #[test]
    fn camel_case_of_any_name() {
        // The generator's cases.
        assert_eq!(camel("toImageButtonOptions"), "ToImageButtonOptions");
        assert_eq!(camel("persistence_type"), "PersistenceType");
        assert_eq!(camel("reset+autosize"), "ResetAutosize");
        assert_eq!(camel("_blank"), "Blank");
        // The macro's cases (ids and props of a callback's inputs).
        assert_eq!(camel("inc"), "Inc");
        assert_eq!(camel("n_clicks"), "NClicks");
        assert_eq!(camel("my-button"), "MyButton");
        assert_eq!(camel("clickData"), "ClickData");
        // Where the two rules differed, the generator's wins: a run of capitals is a word.
        assert_eq!(camel("is_RTL"), "IsRtl");
        assert_eq!(camel("plotlyServerURL"), "PlotlyServerUrl");
        // A leading digit stays first (callers decide what to do with it).
        assert_eq!(camel("3d"), "3d");
        assert_eq!(camel(""), "");
    }
}
