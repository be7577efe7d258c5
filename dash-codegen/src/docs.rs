//! A prop's description from the metadata, made into doc-comment lines that rustdoc reads
//! as prose: no code block rustdoc would run as a doctest, no bracket it would take for a
//! link, no angle bracket it would take for HTML.

/// A prop's description with what the metadata adds to it: the values it allows, when it
/// is one of a few literals, and its default, when the metadata gives one as a value
/// short enough to read (a computed default is an expression of the component's code).
pub(crate) fn described(
    description: Option<&str>,
    allowed: &[serde_json::Value],
    default: Option<&crate::metadata::DefaultValue>,
) -> Option<String> {
    let mut text = description.map(str::trim).unwrap_or_default().to_owned();
    let mut add = |line: String| {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&line);
    };
    if !allowed.is_empty() {
        let values: Vec<String> = allowed.iter().map(|value| format!("`{value}`")).collect();
        add(format!("One of {}.", values.join(", ")));
    }
    if let Some(default) = default
        && !default.computed
        && let Some(value) = default.value.as_deref().map(str::trim)
        && !value.is_empty()
        && value.len() <= 80
        && !value.contains(['`', '\n'])
    {
        add(format!("Default: `{value}`."));
    }
    (!text.is_empty()).then_some(text)
}

/// The description's lines, each ready to follow `/// `; empty for none.
pub(crate) fn lines(description: Option<&str>) -> Vec<String> {
    let Some(text) = description.map(str::trim).filter(|text| !text.is_empty()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        // Leading spaces would make an indented code block, which rustdoc compiles.
        let line = line.trim();
        if line.starts_with("```") {
            // A fence opens as text, never as Rust; its closing fence stays as it is.
            out.push(if fenced { "```" } else { "```text" }.to_owned());
            fenced = !fenced;
            continue;
        }
        out.push(if fenced { line.to_owned() } else { prose(line) });
    }
    if fenced {
        out.push("```".to_owned());
    }
    out
}

/// One line of prose: `[`, `]`, `<` and `>` escaped outside code spans and Markdown links,
/// and bare URLs made links (`<https://…>`), as rustdoc wants them.
fn prose(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut in_code = false;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let starts_word = out.is_empty() || out.ends_with([' ', '(']);
        if !in_code && starts_word && (rest.starts_with("http://") || rest.starts_with("https://"))
        {
            let end = rest
                .find(|c: char| c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '<' | '>'))
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
            continue;
        }
        // A Markdown link, `[text](url)`, stays as it is.
        if !in_code
            && c == '['
            && let Some(close) = rest.find("](")
            && let Some(end) = rest[close..].find(')')
            && !rest[1..close].contains(['[', ']'])
        {
            let link = &rest[..close + end + 1];
            out.push_str(link);
            rest = &rest[link.len()..];
            continue;
        }
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '[' | ']' if !in_code => {
                out.push('\\');
                out.push(c);
            }
            '<' if !in_code => out.push_str("&lt;"),
            '>' if !in_code => out.push_str("&gt;"),
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::described;
    use crate::metadata::DefaultValue;

    #[test]
    fn allowed_values_and_defaults_follow_the_description() {
        let default = |value: &str, computed| DefaultValue {
            value: Some(value.to_owned()),
            computed,
        };
        let allowed = [serde_json::json!("top"), serde_json::json!("bottom")];
        assert_eq!(
            described(
                Some("Where the tabs go."),
                &allowed,
                Some(&default("'top'", false))
            )
            .unwrap(),
            "Where the tabs go.\n\nOne of `\"top\"`, `\"bottom\"`.\n\nDefault: `'top'`."
        );
        assert_eq!(
            described(None, &[], Some(&default("false", false))).unwrap(),
            "Default: `false`."
        );
        assert_eq!(described(None, &[], Some(&default("() => {}", true))), None);
        assert_eq!(described(Some(" "), &[], None), None);
    }

    use super::*;

    #[test]
    fn descriptions_read_as_prose() {
        assert!(lines(None).is_empty());
        assert!(lines(Some("  ")).is_empty());
        assert_eq!(
            lines(Some("The [label] of <b>this</b>, `a<b>`.\n    indented")),
            [
                "The \\[label\\] of &lt;b&gt;this&lt;/b&gt;, `a<b>`.",
                "indented"
            ]
        );
        assert_eq!(
            lines(Some("Example:\n```\nx = [1]\n```")),
            ["Example:", "```text", "x = [1]", "```"]
        );
        assert_eq!(lines(Some("```py\nopen")), ["```text", "open", "```"]);
        assert_eq!(
            lines(Some("See https://example.com/a.html. (http://x.org)")),
            ["See <https://example.com/a.html>. (<http://x.org>)"]
        );
        assert_eq!(
            lines(Some("See [issue 170](https://x.org/170) and [a]")),
            ["See [issue 170](https://x.org/170) and \\[a\\]"]
        );
    }
}
