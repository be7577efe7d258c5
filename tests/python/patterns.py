"""The Python twin of the app in tests/benches/patterns_app.rs: a callback over ALL of N
`item` inputs that echoes each into its own `echo` output and writes a total. `server` is
the WSGI app, for gunicorn.
"""
from dash import ALL, Dash, Input, Output, ctx, html

app = Dash(__name__, title="Patterns")
app.layout = html.Div([html.Div(id="total")])


@app.callback(
    Output({"type": "echo", "index": ALL}, "children"),
    Output("total", "children"),
    Input({"type": "item", "index": ALL}, "value"),
)
def echo(values):
    ids = [item["id"]["index"] for item in ctx.inputs_list[0]]
    echoes = [f"{index}: {value or ''}" for index, value in zip(ids, values)]
    return echoes, f"{len(values)} items"


server = app.server
