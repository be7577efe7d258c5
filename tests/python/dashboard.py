"""The Python twin of examples/dashboard.rs: the weather dashboard with Bootstrap's layout,
Mantine's controls, an AG Grid table of the cleaned data, and a figure.

`pip install dash==4.4.1 dash-ag-grid==35.3.0 dash-bootstrap-components==2.0.4
dash-mantine-components==2.8.1`, then `python tests/python/dashboard.py`.
"""
import datetime

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import dash_mantine_components as dmc
from dash import Dash, Input, Output, dcc, html
from dash.exceptions import PreventUpdate

from grid import CITIES, temperature


def clean(city, days, fahrenheit):
    def convert(c):
        value = c * 9 / 5 + 32 if fahrenheit else c
        return round(value * 10) / 10

    rows = []
    for day in range(200 - days + 1, 201):
        hourly = [temperature(city, day * 1440 + hour * 60) for hour in range(24)]
        date = datetime.date(2024, 1, 1) + datetime.timedelta(days=day)
        rows.append({"date": date.isoformat(), "low": convert(min(hourly)),
                     "mean": convert(sum(hourly) / 24), "high": convert(max(hourly))})
    return rows


def card(title, body):
    return dbc.Card([dbc.CardHeader(title), dbc.CardBody(body)], class_name="h-100")


controls = dmc.Stack(
    [
        dmc.Select(id="city", label="City", data=CITIES, value="Oslo", allowDeselect=False),
        dmc.SegmentedControl(id="unit", data=["°C", "°F"], value="°C"),
        dmc.Text("Days"),
        dmc.Slider(id="days", min=7, max=60, step=1, value=14),
    ]
)
table = dag.AgGrid(
    id="table",
    columnDefs=[{"field": f} for f in ("date", "low", "mean", "high")],
    defaultColDef={"flex": 1, "sortable": True},
    style={"height": "320px"},
)

app = Dash(__name__, title="Weather dashboard", external_stylesheets=[dbc.themes.BOOTSTRAP])
app.layout = dmc.MantineProvider(
    html.Div(
        [
            dbc.NavbarSimple(brand="Weather dashboard", color="dark", dark=True),
            dbc.Container(
                [
                    dbc.Row(
                        [
                            dbc.Col(card("Controls", controls), md=4),
                            dbc.Col(card("Daily temperatures",
                                         dcc.Graph(id="chart", style={"height": "300px"})), md=8),
                        ],
                        class_name="g-4",
                    ),
                    dbc.Row(dbc.Col(card("Cleaned data", table)), class_name="mt-4"),
                ],
                class_name="my-4",
            ),
        ]
    )
)


@app.callback(
    Output("table", "rowData"),
    Output("chart", "figure"),
    Input("city", "value"),
    Input("unit", "value"),
    Input("days", "value"),
)
def refresh(city, unit, days):
    if city is None:
        raise PreventUpdate
    rows = clean(city, int(max(1, min(60, days or 14))), unit == "°F")
    dates = [r["date"] for r in rows]
    series = [("high", "#e8590c"), ("mean", "#1c7ed6"), ("low", "#15aabf")]
    figure = {
        "data": [{"type": "scatter", "x": dates, "y": [r[name] for r in rows], "name": name,
                  "mode": "lines", "line": {"color": color}} for name, color in series],
        "layout": {"margin": {"l": 40, "r": 10, "t": 10, "b": 40},
                   "yaxis": {"title": {"text": unit or "°C"}}, "legend": {"orientation": "h"}},
    }
    return rows, figure


if __name__ == "__main__":
    app.run(debug=False, port=8055)
