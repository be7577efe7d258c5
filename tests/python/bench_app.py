"""The Python twin of tests/bench-app (see its src/main.rs): a chain of five callbacks from
a click to `out`; `burn`, which spends `burn_ms.data` milliseconds of CPU time; and `job`, a
background callback (Dash's diskcache manager, in BENCH_DISKCACHE or ./.bench-cache) that
writes one progress value and sleeps `job_ms.data` milliseconds.

`server` is the WSGI app for gunicorn; with BENCH_BACKEND=fastapi it is the ASGI app of
Dash's FastAPI backend, for uvicorn.
"""
import os
import time

import diskcache
from dash import Dash, DiskcacheManager, Input, Output, State, dcc, html

options = {"backend": "fastapi"} if os.environ.get("BENCH_BACKEND") == "fastapi" else {}
manager = DiskcacheManager(diskcache.Cache(os.environ.get("BENCH_DISKCACHE", "./.bench-cache")))
app = Dash(__name__, title="Bench", background_callback_manager=manager, **options)
app.layout = html.Div(
    [html.Button("Go", id="go")]
    + [dcc.Store(id=f"s{i}") for i in range(1, 5)]
    + [html.Div(id="out"), dcc.Store(id="burn_ms", data=0), html.Div(id="work")]
    + [html.Button("Job", id="job_go"), dcc.Store(id="job_ms", data=0)]
    + [html.Div(id="job_progress"), html.Div(id="job_out")]
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


@app.callback(
    Output("job_out", "children"),
    Input("job_go", "n_clicks"),
    State("job_ms", "data"),
    background=True,
    progress=[Output("job_progress", "children")],
    prevent_initial_call=True,
)
def job(set_progress, _clicks, ms):
    set_progress("started")
    time.sleep((ms or 0) / 1000)
    return ms or 0


server = app.server
