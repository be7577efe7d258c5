"""The Python twin of tests/bench-app (see its src/main.rs): a chain of five callbacks from
a click to `out`, and `burn`, which spends `burn_ms.data` milliseconds of CPU time.

`server` is the WSGI app for gunicorn; with BENCH_BACKEND=fastapi it is the ASGI app of
Dash's FastAPI backend, for uvicorn.
"""
import os
import time

from dash import Dash, Input, Output, dcc, html

options = {"backend": "fastapi"} if os.environ.get("BENCH_BACKEND") == "fastapi" else {}
app = Dash(__name__, title="Bench", **options)
app.layout = html.Div(
    [html.Button("Go", id="go")]
    + [dcc.Store(id=f"s{i}") for i in range(1, 5)]
    + [html.Div(id="out"), dcc.Store(id="burn_ms", data=0), html.Div(id="work")]
)


@app.callback(Output("s1", "data"), Input("go", "n_clicks"))
def one(clicks):
    return (clicks or 0) + 1


def step(source, target):
    @app.callback(Output(target, "data" if target != "out" else "children"),
                  Input(source, "data"))
    def next_value(value):
        return (value or 0) + 1


step("s1", "s2")
step("s2", "s3")
step("s3", "s4")
step("s4", "out")


@app.callback(Output("work", "children"), Input("burn_ms", "data"))
def burn(ms):
    ms = ms or 0
    until = time.thread_time() + ms / 1000
    while time.thread_time() < until:
        pass
    return ms


server = app.server
