//! A tool call's result, as MCP carries it: the structured value and the same as JSON
//! text (for clients that read text only), or a tool error the agent reads.

use serde_json::{Value, json};

/// A result.
pub(crate) fn done(answer: Value) -> Value {
    json!({
        "content": [{ "type": "text", "text": answer.to_string() }],
        "structuredContent": answer,
        "isError": false,
    })
}

/// A tool error.
pub(crate) fn failed(message: &str) -> Value {
    json!({
        "content": [{ "type": "text", "text": message }],
        "isError": true,
    })
}
