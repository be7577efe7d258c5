"""The Python twin of examples/store.rs: the tutorial's "sharing data between callbacks",
the cleaned data of a city kept in a dcc.Store that a graph and a table read, with the MCP
endpoint on (`enable_mcp=True`), which tests/mcp.rs drives with the same MCP client as the
Rust app.

Run it: `python tests/python/store.py` (http://127.0.0.1:8050/, MCP at /_mcp).
"""
import math
import os
import sys
import time

from dash import Dash, Input, Output, dcc, html
from dash.exceptions import PreventUpdate

CITIES = ["Paris", "Oslo", "Cairo", "Sydney", "Montreal"]
MASK = (1 << 64) - 1


def climate(city):
    return {
        "Paris": (12.5, 8.0, 200.0),
        "Oslo": (6.5, 10.5, 200.0),
        "Cairo": (22.5, 7.0, 205.0),
        "Sydney": (18.5, 4.5, 15.0),
        "Montreal": (7.0, 14.0, 200.0),
    }.get(city, (15.0, 6.0, 200.0))


def noise(city, tick):
    x = (tick * 0x9E3779B97F4A7C15) & MASK
    for byte in city.encode():
        x = ((x ^ byte) * 0x0100000001B3) & MASK
    x ^= x >> 31
    x = (x * 0xBF58476D1CE4E5B9) & MASK
    x ^= x >> 29
    return (x >> 11) / float(1 << 52) - 1.0


def rust_round(x):
    """Rounds half away from zero, as Rust's `f64::round` does."""
    return math.copysign(math.floor(abs(x) + 0.5), x)


def temperature(city, minutes):
    mean, swing, warmest = climate(city)
    day = minutes / 1440.0
    season = swing * math.cos(2 * math.pi * (day - warmest) / 365.25)
    daily = 4.0 * math.cos(2 * math.pi * ((day % 1.0) - 0.625))
    weather = 3.0 * noise(city, minutes // 1440) + 0.6 * noise(city, minutes)
    return rust_round((mean + season + daily + weather) * 10.0) / 10.0


def date(days):
    return time.strftime("%Y-%m-%d", time.gmtime((19723 + days) * 86400))


def clean(city):
    time.sleep(0.4)
    rows = []
    for day in range(366):
        total = sum(temperature(city, day * 1440 + hour * 60) for hour in range(24))
        rows.append([date(day), rust_round(total / 2.4) / 10.0])
    return {"city": city, "rows": rows}


app = Dash(__name__, title="Weather: a store", enable_mcp=True)
# For a WSGI server: `gunicorn store:server` (scripts/bench-mcp).
server = app.server
app.layout = html.Div(
    [
        html.H1("Weather, cleaned once"),
        dcc.Dropdown(CITIES, "Paris", id="city", clearable=False),
        dcc.Store(id="intermediate"),
        dcc.Graph(id="graph"),
        html.Table(html.Tbody(id="table")),
    ]
)


@app.callback(Output("intermediate", "data"), Input("city", "value"))
def clean_data(city):
    if city is None:
        raise PreventUpdate
    return clean(city)


@app.callback(Output("graph", "figure"), Input("intermediate", "data"))
def update_graph(data):
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines",
                "name": data["city"],
                "x": [d for d, _ in data["rows"]],
                "y": [t for _, t in data["rows"]],
            }
        ],
        "layout": {
            "title": {"text": f"Daily mean temperature in {data['city']}, 2024"},
            "yaxis": {"title": {"text": "℃"}},
            "margin": {"t": 50, "r": 20},
        },
    }


@app.callback(Output("table", "children"), Input("intermediate", "data"))
def update_table(data):
    months = {}
    for day, value in data["rows"]:
        months.setdefault(day[:7], []).append(value)
    return [html.Tr([html.Td(m), html.Td(f"{sum(v) / len(v):.1f}")]) for m, v in months.items()]


if __name__ == "__main__":
    # Bound here, on PORT or (with `--any-port`) a port the system picks, then announced
    # with the port it has: the test reads the address from the line, so no server of
    # another test can take the port between its choice and the bind.
    from werkzeug.serving import make_server

    port = 0 if "--any-port" in sys.argv else int(os.environ.get("PORT", "8050"))
    server = make_server("127.0.0.1", port, app.server, threaded=True)
    print(f"Dash is running on http://127.0.0.1:{server.server_port}/", flush=True)
    server.serve_forever()
