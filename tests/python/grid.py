"""The Python twin of examples/grid.rs: the weather readings in dash-ag-grid, an editable
number and text column, and the last edit, the selection, the sort and the filter model
shown as the grid sends them.

`pip install dash==4.4.1 dash-ag-grid==35.3.0`, then `python tests/python/grid.py`.
"""
import json
import math

import dash_ag_grid as dag
from dash import Dash, Input, Output, html

CITIES = ["Paris", "Oslo", "Cairo", "Sydney", "Montreal"]
MASK = (1 << 64) - 1


def noise(city, tick):
    x = (tick * 0x9E3779B97F4A7C15) & MASK
    for byte in city.encode():
        x = ((x ^ byte) * 0x0100000001B3) & MASK
    x ^= x >> 31
    x = (x * 0xBF58476D1CE4E5B9) & MASK
    x ^= x >> 29
    return (x >> 11) / float(1 << 52) - 1.0


def temperature(city, minutes):
    mean, swing, warmest = {
        "Paris": (12.5, 8.0, 200.0), "Oslo": (6.5, 10.5, 200.0), "Cairo": (22.5, 7.0, 205.0),
        "Sydney": (18.5, 4.5, 15.0), "Montreal": (7.0, 14.0, 200.0),
    }[city]
    day = minutes / 1440.0
    season = swing * math.cos(2 * math.pi * (day - warmest) / 365.25)
    daily = 4.0 * math.cos(2 * math.pi * ((day % 1.0) - 0.625))
    weather = 3.0 * noise(city, minutes // 1440) + 0.6 * noise(city, minutes)
    return round((mean + season + daily + weather) * 10.0) / 10.0


rows = [
    {"city": c, "date": f"2024-01-0{d + 1}", "celsius": temperature(c, d * 1440 + 720), "note": ""}
    for c in CITIES
    for d in range(3)
]

app = Dash(__name__, title="Grid")
app.layout = html.Div(
    [
        html.H2("Readings"),
        dag.AgGrid(
            id="readings",
            rowData=rows,
            columnDefs=[
                {"field": "city", "filter": True},
                {"field": "date"},
                {"field": "celsius", "editable": True, "cellDataType": "number"},
                {"field": "note", "editable": True},
            ],
            defaultColDef={"sortable": True},
            dashGridOptions={"rowSelection": {"mode": "multiRow"}},
            getRowId="params.data.city + ' ' + params.data.date",
            style={"height": "420px"},
        ),
        html.P(id="last_edit"),
        html.P(id="selected"),
        html.Pre(id="sorting"),
        html.Pre(id="filtering"),
    ]
)


@app.callback(Output("last_edit", "children"), Input("readings", "cellValueChanged"),
              prevent_initial_call=True)
def edited(edits):
    edit = (edits or [None])[-1]
    if edit is None:
        return ""
    data = edit["data"]
    celsius = "no reading" if data["celsius"] is None else f"{data['celsius']} °C"
    return (f"{data['city']} on {data['date']}: {celsius}, note {json.dumps(data['note'])} "
            f"({edit['colId']} changed from {json.dumps(edit['oldValue'])} to {json.dumps(edit['value'])})")


@app.callback(Output("selected", "children"), Input("readings", "selectedRows"))
def chosen(rows):
    if not rows:
        return "nothing selected"
    return ", ".join(f"{r['city']} {r['date']}" for r in rows)


@app.callback(Output("sorting", "children"), Input("readings", "columnState"))
def sorted_(state):
    return ", ".join(f"{json.dumps(c['colId'])} {json.dumps(c['sort'])}"
                     for c in (state or []) if c.get("sort"))


@app.callback(Output("filtering", "children"), Input("readings", "filterModel"))
def filtered(model):
    return "" if model is None else json.dumps(model, separators=(",", ":"), sort_keys=True)


if __name__ == "__main__":
    app.run(debug=False)
