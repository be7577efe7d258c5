"""The Python twin of examples/bootstrap.rs: a Bootstrap form with a navbar, a card holding
a city Select, a number Input and a Button, and an Alert a callback writes.

`pip install dash==4.4.1 dash-bootstrap-components==2.0.4`, then
`python tests/python/bootstrap.py`.
"""
import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, html

from grid import CITIES, temperature

app = Dash(__name__, title="Bootstrap", external_stylesheets=[dbc.themes.BOOTSTRAP])
form = dbc.CardBody(
    [
        dbc.Label("City"),
        dbc.Select(id="city", options=[{"label": c, "value": c} for c in CITIES], value="Oslo"),
        dbc.Label("Threshold (°C)", class_name="mt-3"),
        dbc.Input(id="threshold", type="number", value=0),
        dbc.Button("Check", id="check", color="primary", class_name="mt-3"),
    ]
)
app.layout = html.Div(
    [
        dbc.NavbarSimple(brand="Weather", color="primary", dark=True),
        dbc.Container(
            dbc.Row(
                [
                    dbc.Col(dbc.Card([dbc.CardHeader("Was it warm?"), form]), md=6),
                    dbc.Col(dbc.Alert("…", id="verdict", color="secondary"), md=6),
                ]
            ),
            class_name="mt-4",
        ),
    ]
)


@app.callback(
    Output("verdict", "children"),
    Output("verdict", "color"),
    Input("check", "n_clicks"),
    State("city", "value"),
    State("threshold", "value"),
    prevent_initial_call=True,
)
def check(_clicks, city, threshold):
    if city is None or threshold is None:
        return "choose a city and a threshold", "warning"
    celsius = temperature(city, 720)
    if celsius > threshold:
        return f"{city}: {celsius} °C, above {threshold}", "success"
    return f"{city}: {celsius} °C, not above {threshold}", "danger"


if __name__ == "__main__":
    app.run(debug=False)
