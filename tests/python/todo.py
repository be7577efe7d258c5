"""The Python twin of examples/todo.rs: items made at run time, a MATCH callback per item,
an ALL summary, and "clear done" reading every item through ALL state."""
from dash import ALL, MATCH, Dash, Input, Output, Patch, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

app = Dash(__name__)


def item(index, text):
    return html.Div(
        [
            dcc.Checklist(id={"type": "done", "index": index}, options=["done"], value=[], inline=True),
            html.Span(text, id={"type": "label", "index": index}),
        ],
        className="item",
    )


app.layout = html.Div(
    [
        html.H3("To do"),
        dcc.Input(id="new_item", placeholder="something to do"),
        html.Button("add", id="add"),
        html.Button("clear done", id="clear"),
        html.Div([], id="list"),
        html.Div(id="summary"),
    ]
)


@app.callback(
    Output("list", "children"),
    Output("new_item", "value"),
    Input("add", "n_clicks"),
    Input("clear", "n_clicks"),
    State("new_item", "value"),
    State({"type": "done", "index": ALL}, "value"),
    State({"type": "label", "index": ALL}, "children"),
    prevent_initial_call=True,
)
def edit(added, _cleared, text, done, labels):
    if ctx.triggered_id == "add":
        if not (text or "").strip():
            raise PreventUpdate
        patch = Patch()
        patch.append(item(added or 0, text))
        return patch, ""
    if ctx.triggered_id == "clear":
        ids = [state["id"]["index"] for state in ctx.states_list[1]]
        kept = [item(i, label or "") for i, checked, label in zip(ids, done, labels) if not checked]
        patch = Patch()
        patch.clear()
        patch.extend(kept)
        return patch, no_update
    raise PreventUpdate


@app.callback(
    Output({"type": "label", "index": MATCH}, "style"),
    Input({"type": "done", "index": MATCH}, "value"),
    running=[(Output({"type": "label", "index": MATCH}, "title"), "updating", "")],
    prevent_initial_call=True,
)
def strike(done):
    if done:
        return {"textDecoration": "line-through", "color": "#888"}
    return {}


@app.callback(Output("summary", "children"), Input({"type": "done", "index": ALL}, "value"))
def summary(done):
    checked = sum(1 for value in done if value)
    return f"{checked} of {len(done)} done"
