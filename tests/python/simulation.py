"""The Python twin of examples/simulation.rs: a background callback that simulates a city's
temperature day by day, with a progress bar, a status line, a cancel button, and the
result in a Store for the chart that reads it (Python keeps it in the browser: Dash has no
server-side store). "Run live" runs the same simulation as a WebSocket callback (Dash's
FastAPI backend): its status is pushed while it runs, and it reads the day count from the
page at each step.

`pip install "dash[diskcache,fastapi]==4.4.1"`, then `python tests/python/simulation.py`.
"""
import asyncio
import os
import tempfile
import time

import dash

import diskcache
from dash import Dash, DiskcacheManager, Input, Output, State, dcc, html

from grid import CITIES, temperature

STEP = 0.15

manager = DiskcacheManager(diskcache.Cache(os.path.join(tempfile.gettempdir(), "dash-simulation-jobs")))
app = Dash(__name__, title="Simulation", background_callback_manager=manager, backend="fastapi")
app.layout = html.Div(
    [
        html.H1("Simulation"),
        dcc.Dropdown(id="city", options=CITIES, value="Oslo", clearable=False),
        dcc.Input(id="days", type="number", value=20, min=1, max=365),
        html.Button("Run", id="run"),
        html.Button("Cancel", id="stop", disabled=True),
        html.Div([html.Progress(id="bar", value="0", max="100"), html.P("idle", id="status")]),
        dcc.Store(id="outcome"),
        dcc.Graph(id="chart"),
        html.P(id="summary"),
        html.Button("Run live", id="run_live"),
        html.P(id="live_status"),
        html.P(id="live_summary"),
    ],
    style={"fontFamily": "sans-serif", "maxWidth": "760px", "margin": "24px auto"},
)


@app.callback(
    Output("outcome", "data"),
    Input("run", "n_clicks"),
    State("city", "value"),
    State("days", "value"),
    background=True,
    interval=200,
    progress=[Output("bar", "value"), Output("status", "children")],
    progress_default=["0", "idle"],
    cancel=[Input("stop", "n_clicks")],
    running=[(Output("run", "disabled"), True, False), (Output("stop", "disabled"), False, True)],
    prevent_initial_call=True,
)
def simulate(set_progress, _clicks, city, days):
    total = int(min(max(days or 20, 1), 365))
    simulated = []
    for day in range(total):
        time.sleep(STEP)
        simulated.append(temperature(city, day * 1440 + 720))
        set_progress((str((day + 1) * 100 // total), f"day {day + 1} of {total}"))
    return {"city": city, "days": simulated}


@app.callback(Output("chart", "figure"), Output("summary", "children"), Input("outcome", "data"))
def draw(run):
    if not run:
        return {}, "no run yet"
    days = list(range(1, len(run["days"]) + 1))
    figure = {
        "data": [{"type": "scatter", "x": days, "y": run["days"], "name": run["city"]}],
        "layout": {"title": {"text": f"{run['city']}: {len(run['days'])} simulated days"}},
    }
    mean = sum(run["days"]) / max(len(run["days"]), 1)
    return figure, f"{run['city']}: mean {mean:.1f} °C over {len(run['days'])} days"


@app.callback(
    Output("live_summary", "children"),
    Input("run_live", "n_clicks"),
    State("city", "value"),
    websocket=True,
    prevent_initial_call=True,
)
async def simulate_live(_clicks, city):
    ws = dash.ctx.websocket
    simulated = []
    while True:
        total = await ws.get_prop("days", "value")
        total = int(min(max(total or 20, 1), 365))
        if len(simulated) >= total:
            break
        await asyncio.sleep(STEP)
        simulated.append(temperature(city, len(simulated) * 1440 + 720))
        dash.set_props("live_status", {"children": f"day {len(simulated)} of {total}"})
    mean = sum(simulated) / len(simulated)
    return f"{city}: mean {mean:.1f} °C over {len(simulated)} days, live"


if __name__ == "__main__":
    app.run(debug=False)
