//! JSON text of a value as `serde_json` writes it, with long strings copied as they are
//! when nothing in them needs escaping.
//!
//! `serde_json` looks up every byte of a string in a table before it writes it: about
//! 1 GB/s, 20 ms for the base64 of a figure of 10^6 points. Most long strings in an
//! answer (typed arrays' `bdata`, text) hold nothing to escape, which a loop without
//! branches checks several times faster; those are copied whole. The text is the same
//! byte for byte.

use serde_json::{Map, Value};

/// From this length on, a string is checked in one pass before it is copied.
const LONG: usize = 64;

/// Appends the JSON text of `value` to `out`.
pub(crate) fn write(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::String(text) => string(out, text),
        Value::Array(items) => {
            out.push(b'[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(b',');
                }
                write(out, item);
            }
            out.push(b']');
        }
        Value::Object(map) => object(out, map),
        scalar => serde_json::to_writer(out, scalar).expect("writing to a Vec cannot fail"),
    }
}

/// Appends the JSON text of an object.
pub(crate) fn object(out: &mut Vec<u8>, map: &Map<String, Value>) {
    out.push(b'{');
    for (index, (key, item)) in map.iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        string(out, key);
        out.push(b':');
        write(out, item);
    }
    out.push(b'}');
}

/// Appends a string, quoted and escaped as `serde_json` does.
pub(crate) fn string(out: &mut Vec<u8>, text: &str) {
    if text.len() >= LONG && !needs_escape(text.as_bytes()) {
        out.reserve(text.len() + 2);
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
    } else {
        serde_json::to_writer(out, text).expect("writing to a Vec cannot fail");
    }
}

/// Whether a byte needs escaping in a JSON string (`"`, `\` or a control character),
/// checked in blocks without an early exit, which the compiler vectorizes.
fn needs_escape(bytes: &[u8]) -> bool {
    bytes.chunks(256).any(|block| {
        block.iter().fold(false, |found, &byte| {
            found | (byte < 0x20) | (byte == b'"') | (byte == b'\\')
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn text(value: &Value) -> String {
        let mut out = Vec::new();
        write(&mut out, value);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_text_is_serde_jsons() {
        let long = "AAAA/+==".repeat(40);
        let escaped = format!("{long}\"quoted\"\\ and a\nnewline\u{1} \u{2028} é");
        for value in [
            json!(null),
            json!({"a": [1, 2.5, -3, true, null], "b": {"c": "d"}, "e": []}),
            json!({"bdata": long, "text": escaped, "short": "x\"y"}),
            json!([escaped, {"k\"ey": long}]),
            json!(1e300),
            json!(u64::MAX),
        ] {
            assert_eq!(text(&value), serde_json::to_string(&value).unwrap());
        }
    }
}
