//! What an `"id.prop"` string is.

/// Splits `"id.prop"` at its last dot, as the renderer does (it reads the prop after the
/// last dot). Returns `None` unless both halves are non-empty and hold no white space, and
/// the id does not start with `{` (a pattern id's text form, which is not written this
/// way).
///
/// ```
/// use dash_syntax::split_prop;
/// assert_eq!(split_prop("graph.figure"), Some(("graph", "figure")));
/// assert_eq!(split_prop("my.table.data"), Some(("my.table", "data")));
/// assert_eq!(split_prop("graph"), None);
/// assert_eq!(split_prop("graph."), None);
/// assert_eq!(split_prop("a b.value"), None);
/// ```
pub fn split_prop(text: &str) -> Option<(&str, &str)> {
    let (id, prop) = text.rsplit_once('.')?;
    let valid = |s: &str| !s.is_empty() && !s.contains(char::is_whitespace);
    (valid(id) && valid(prop) && !id.starts_with('{')).then_some((id, prop))
}

#[cfg(test)]
mod tests {
    use super::split_prop;

    #[test]
    fn one_rule_for_every_form() {
        assert_eq!(split_prop("a.value"), Some(("a", "value")));
        assert_eq!(split_prop("a-b.n_clicks"), Some(("a-b", "n_clicks")));
        for bad in [
            "",
            ".",
            "a.",
            ".value",
            "a",
            "a .value",
            "a.va lue",
            "{\"x\":1}.value",
        ] {
            assert_eq!(split_prop(bad), None, "{bad:?}");
        }
    }
}
