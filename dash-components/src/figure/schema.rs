//! `Figure`'s JSON schema, for the MCP tools of callbacks that return or take one.

/// A Plotly figure, as `dcc.Graph`'s `figure` takes it.
impl schemars::JsonSchema for super::Figure {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PlotlyFigure".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A Plotly figure: `data`, a list of traces (`{\"type\": \"scatter\", \"x\": [..], \"y\": [..]}`), \
                            and `layout`. A long array of numbers may come as a typed array, \
                            `{\"dtype\": \"f8\", \"bdata\": \"<base64>\"}`.",
            "type": "object",
            "properties": {
                "data": { "type": "array", "items": { "type": "object" } },
                "layout": { "type": "object" },
                "frames": { "type": "array", "items": { "type": "object" } },
            },
        })
    }
}
