//! A page's path: fixed segments and typed variables (`/city/<name>`), parsed alike by
//! `#[derive(Pages)]` and the server, matched against the browser's path one segment at a
//! time, and filled back in to make a link.

use std::fmt;

/// One segment of a path template.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Segment {
    /// Matched as written.
    Fixed(String),
    /// `<name>`: any one non-empty segment, percent-decoded.
    Variable(String),
}

/// A page's path, with its variables: `/`, `/overview`, `/city/<name>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathTemplate {
    segments: Vec<Segment>,
}

impl PathTemplate {
    /// Parses a template. A variable is a whole segment, `<name>` with `name` an
    /// identifier, and appears once.
    pub fn parse(template: &str) -> Result<PathTemplate, String> {
        if !template.starts_with('/') {
            return Err(format!("`{template}` does not start with `/`"));
        }
        let mut segments = Vec::new();
        for part in template
            .trim_matches('/')
            .split('/')
            .filter(|s| !s.is_empty())
        {
            if let Some(inner) = part.strip_prefix('<') {
                let name = inner
                    .strip_suffix('>')
                    .ok_or_else(|| format!("`{part}` in `{template}` does not end with `>`"))?;
                if !is_identifier(name) {
                    return Err(format!(
                        "`<{name}>` in `{template}`: a variable's name is an identifier"
                    ));
                }
                if segments.contains(&Segment::Variable(name.to_owned())) {
                    return Err(format!("`<{name}>` appears twice in `{template}`"));
                }
                segments.push(Segment::Variable(name.to_owned()));
            } else if part.contains(['<', '>']) {
                return Err(format!(
                    "`{part}` in `{template}`: a variable is a whole segment, like `/<name>`"
                ));
            } else {
                segments.push(Segment::Fixed(part.to_owned()));
            }
        }
        Ok(PathTemplate { segments })
    }

    /// The names of its variables, in order.
    pub fn variables(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|segment| match segment {
            Segment::Variable(name) => Some(name.as_str()),
            Segment::Fixed(_) => None,
        })
    }

    /// The variables' values when `path` (without the app's prefix; slashes at either end
    /// do not count) is this page's, else `None`.
    pub fn matches(&self, path: &str) -> Option<Vec<(String, String)>> {
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        if parts.len() != self.segments.len() {
            return None;
        }
        let mut values = Vec::new();
        for (segment, part) in self.segments.iter().zip(parts) {
            let part = percent_decode(part)?;
            match segment {
                Segment::Fixed(fixed) if *fixed == part => {}
                Segment::Fixed(_) => return None,
                Segment::Variable(name) => values.push((name.clone(), part)),
            }
        }
        Some(values)
    }

    /// The path with each variable replaced by its value, percent-encoded; `value` is
    /// asked for each variable by name.
    pub fn fill(&self, mut value: impl FnMut(&str) -> String) -> String {
        let mut path = String::new();
        for segment in &self.segments {
            path.push('/');
            match segment {
                Segment::Fixed(fixed) => path.push_str(fixed),
                Segment::Variable(name) => path.push_str(&percent_encode(&value(name))),
            }
        }
        if path.is_empty() {
            path.push('/');
        }
        path
    }
}

impl fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.segments.is_empty() {
            return f.write_str("/");
        }
        for segment in &self.segments {
            match segment {
                Segment::Fixed(fixed) => write!(f, "/{fixed}")?,
                Segment::Variable(name) => write!(f, "/<{name}>")?,
            }
        }
        Ok(())
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// What a path segment or a query value may hold as it is: RFC 3986's unreserved
/// characters. Everything else is percent-encoded.
fn unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

/// Percent-encodes every byte but the unreserved ones.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if unreserved(byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes `%XX` sequences; `None` when one is malformed or the bytes are not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    if !text.contains('%') {
        return Some(text.to_owned());
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_paths_match_with_or_without_slashes() {
        let home = PathTemplate::parse("/").unwrap();
        assert_eq!(home.matches("/"), Some(vec![]));
        assert_eq!(home.matches(""), Some(vec![]));
        assert_eq!(home.matches("/a"), None);
        let about = PathTemplate::parse("/about/team").unwrap();
        assert_eq!(about.matches("about/team/"), Some(vec![]));
        assert_eq!(about.matches("/about"), None);
        assert_eq!(about.to_string(), "/about/team");
    }

    #[test]
    fn variables_take_one_decoded_segment() {
        let city = PathTemplate::parse("/a/<id_a>/b/<id_b>").unwrap();
        assert_eq!(
            city.matches("/a/1/b/S%C3%A3o%20Paulo"),
            Some(vec![
                ("id_a".into(), "1".into()),
                ("id_b".into(), "São Paulo".into())
            ])
        );
        assert_eq!(city.matches("/a/1/b"), None);
        assert_eq!(city.matches("/a/1/c/2"), None);
        assert_eq!(city.matches("/a/%ZZ/b/2"), None);
        assert_eq!(city.variables().collect::<Vec<_>>(), ["id_a", "id_b"]);
        let filled = city.fill(|name| {
            if name == "id_a" {
                "x/y".into()
            } else {
                "São".into()
            }
        });
        assert_eq!(filled, "/a/x%2Fy/b/S%C3%A3o");
    }

    #[test]
    fn bad_templates_say_why() {
        for (template, says) in [
            ("city", "does not start with `/`"),
            ("/city/<name", "does not end with `>`"),
            ("/city/<1x>", "identifier"),
            ("/<a>/<a>", "twice"),
            ("/city-<name>", "whole segment"),
        ] {
            let error = PathTemplate::parse(template).unwrap_err();
            assert!(error.contains(says), "{template}: {error}");
        }
    }
}
