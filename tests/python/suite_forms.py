"""The Python twin of examples/suite_forms.rs: Bootstrap's and Mantine's form controls, each
value shown as the JSON that arrived.

`pip install dash==4.4.1 dash-bootstrap-components==2.0.4 dash-mantine-components==2.8.1`,
then `python tests/python/suite_forms.py`.
"""
import json

import dash_bootstrap_components as dbc
import dash_mantine_components as dmc
from dash import Dash, Input, Output, html

OPTIONS = [{"label": label, "value": value} for label, value in [("one", 1), ("two", 2), ("three", 3)]]

app = Dash(__name__, title="Suite forms", external_stylesheets=[dbc.themes.BOOTSTRAP])


def field(label, control, sent):
    return dbc.Row(
        [
            dbc.Col(html.Label(label), md=3),
            dbc.Col(control, md=5),
            dbc.Col(html.Code(id=sent), md=4),
        ],
        class_name="mb-3 align-items-center",
    )


app.layout = dmc.MantineProvider(
    dbc.Container(
        [
            html.H2("Bootstrap"),
            field("Input, type number", dbc.Input(id="bs_number", type="number", value=3), "bs_number_sent"),
            field("Checklist", dbc.Checklist(id="bs_checklist", options=OPTIONS, value=[1]), "bs_checklist_sent"),
            field("RadioItems", dbc.RadioItems(id="bs_radio", options=OPTIONS, value=1), "bs_radio_sent"),
            field("Switch", dbc.Switch(id="bs_switch", label="on", value=False), "bs_switch_sent"),
            html.H2("Mantine", className="mt-4"),
            dmc.Stack(
                [
                    field("NumberInput", dmc.NumberInput(id="dmc_number", value=3), "dmc_number_sent"),
                    field("NumberInput, typed", html.Span(), "dmc_number_typed"),
                    field(
                        "Select, clearable",
                        dmc.Select(id="dmc_select", data=["Oslo", "Paris"], value="Oslo", clearable=True),
                        "dmc_select_sent",
                    ),
                    field(
                        "MultiSelect",
                        dmc.MultiSelect(id="dmc_multi", data=["Oslo", "Paris", "Cairo"], value=["Oslo"]),
                        "dmc_multi_sent",
                    ),
                    field("Checkbox", dmc.Checkbox(id="dmc_checkbox", label="on", checked=False), "dmc_checkbox_sent"),
                ]
            ),
        ],
        class_name="mt-4",
    )
)


def shown(value):
    return json.dumps(value, separators=(",", ":"))


for control, prop in [
    ("bs_number", "value"),
    ("bs_checklist", "value"),
    ("bs_radio", "value"),
    ("bs_switch", "value"),
    ("dmc_number", "value"),
    ("dmc_select", "value"),
    ("dmc_multi", "value"),
    ("dmc_checkbox", "checked"),
]:
    app.callback(Output(f"{control}_sent", "children"), Input(control, prop))(shown)


@app.callback(Output("dmc_number_typed", "children"), Input("dmc_number", "value"))
def dmc_number_typed(value):
    if value is None:
        return "none"
    if isinstance(value, str):
        return "empty" if value == "" else f"text {json.dumps(value)}"
    return f"number {value}"


if __name__ == "__main__":
    app.run(debug=False)
