"""The Python twin of examples/daq.rs: a boiler's control panel built from dash-daq. A power
switch lights an indicator in the colour a colour picker chooses; a numeric input sets the
setpoint, which an LED display and a gauge show; two blocks show the JSON the numeric input
and the colour picker send.

`pip install dash==4.4.1 dash-daq==0.6.0`, then `python tests/python/daq.py`.
"""
import json

import dash_daq as daq
from dash import Dash, Input, Output, html

app = Dash(__name__, title="Boiler")
row = {"display": "flex", "gap": "48px", "alignItems": "center"}
app.layout = html.Div(
    [
        html.H1("Boiler"),
        html.Div(
            [
                daq.BooleanSwitch(id="power", on=False, label="Power"),
                daq.Indicator(id="lamp", value=False, label="Heating"),
                daq.ColorPicker(id="colour", label="Lamp colour", value={"hex": "#119DFF"}),
            ],
            style=row,
        ),
        html.P(id="state"),
        html.Div(
            [
                daq.NumericInput(id="setpoint", label="Setpoint (°C)", min=0, max=90, value=40),
                daq.LEDDisplay(id="display", label="Setpoint", value="40.0"),
                daq.Gauge(
                    id="gauge",
                    label="Boiler",
                    min=0,
                    max=90,
                    value=40,
                    showCurrentValue=True,
                    units="°C",
                ),
            ],
            style=row,
        ),
        html.Pre(id="sent"),
        html.Pre(id="picked"),
    ],
    style={"fontFamily": "sans-serif", "maxWidth": "720px", "margin": "24px auto"},
)


@app.callback(
    Output("lamp", "value"),
    Output("lamp", "color"),
    Output("state", "children"),
    Input("power", "on"),
    Input("colour", "value"),
)
def lamp(on, colour):
    on = bool(on)
    hex_ = (colour or {}).get("hex") or "#119DFF"
    return on, hex_, f"heating, lamp {hex_}" if on else "off"


@app.callback(Output("display", "value"), Output("gauge", "value"), Input("setpoint", "value"))
def setpoint(value):
    if value is None:
        return "--.-", 0
    return f"{value:.1f}", value


@app.callback(Output("sent", "children"), Input("setpoint", "value"))
def sent(value):
    return json.dumps(value, separators=(",", ":"))


@app.callback(Output("picked", "children"), Input("colour", "value"))
def picked(value):
    return json.dumps(value, separators=(",", ":"), sort_keys=True)


if __name__ == "__main__":
    app.run(debug=False)
