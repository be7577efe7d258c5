"""The Python twin of examples/counter.rs: which input fired, a Patch, a callback with no
outputs that runs with `running` and writes `set_props`, an `on_error` fallback, and three
clientside steps (the same JavaScript, so the same function names)."""
import time

from dash import Dash, Input, Output, Patch, State, ctx, dcc, html, no_update, set_props

app = Dash(__name__)
app.layout = html.Div(
    [
        html.Button("+1", id="inc"),
        html.Button("-1", id="dec"),
        html.Button("reset", id="reset"),
        html.Div("0", id="count"),
        html.Ul([], id="history"),
        html.Button("save", id="save"),
        html.Button("fail", id="fail"),
        html.Div("", id="status"),
        html.Button("hide/show history", id="toggle"),
        dcc.Input(id="note", value=""),
        html.Span("0 characters", id="note_count"),
        html.Button("+1 from the browser", id="browser_inc"),
    ]
)

app.clientside_callback(
    """(clicks) => (clicks || 0) % 2 ? {display: "none"} : {}""",
    Output("history", "style"),
    Input("toggle", "n_clicks"),
)

app.clientside_callback(
    """(note) => `${(note || "").length} characters`""",
    Output("note_count", "children"),
    Input("note", "value"),
)

app.clientside_callback(
    """(clicks, inc) => {
    dash_clientside.set_props("inc", {n_clicks: (inc || 0) + 1});
}""",
    Input("browser_inc", "n_clicks"),
    State("inc", "n_clicks"),
    prevent_initial_call=True,
)


@app.callback(
    Output("count", "children"),
    Output("history", "children"),
    Input("inc", "n_clicks"),
    Input("dec", "n_clicks"),
    Input("reset", "n_clicks"),
    State("count", "children"),
)
def update(_inc, _dec, _reset, count):
    count = int(count or 0)
    fired = ctx.triggered_id
    if fired == "inc":
        count, line = count + 1, "inc"
    elif fired == "dec":
        count, line = count - 1, "dec"
    elif fired == "reset":
        count, line = 0, "reset"
    else:
        return str(count), no_update
    patch = Patch()
    patch.append(html.Li(f"{line} → {count}"))
    return str(count), patch


@app.callback(
    Input("save", "n_clicks"),
    prevent_initial_call=True,
    running=[(Output("save", "disabled"), True, False)],
)
def save(clicks):
    time.sleep(1)
    set_props("status", {"children": f"saved {clicks or 0}"})


def show_failure(error):
    set_props("status", {"children": f"failed: {error}"})
    return no_update


@app.callback(
    Output("count", "title"),
    Input("fail", "n_clicks"),
    prevent_initial_call=True,
    on_error=show_failure,
)
def fail(_clicks):
    raise Exception("the disk is full")
