"""The Python twin of examples/filters.rs: chained filters made at run time (ALLSMALLER)
and a table of the rows every filter allows (ALL)."""
from dash import ALL, ALLSMALLER, MATCH, Dash, Input, Output, Patch, State, dcc, html

CITIES = [
    ["Paris", "France", "Europe"],
    ["Lyon", "France", "Europe"],
    ["Berlin", "Germany", "Europe"],
    ["Munich", "Germany", "Europe"],
    ["Osaka", "Japan", "Asia"],
    ["Tokyo", "Japan", "Asia"],
    ["Lima", "Peru", "America"],
    ["Quito", "Ecuador", "America"],
]

app = Dash(__name__)
app.layout = html.Div(
    [
        html.Button("add filter", id="add"),
        html.Div([], id="container"),
        html.Table(id="table"),
    ]
)


def allows(row, choice):
    return choice is None or choice in row


@app.callback(Output("container", "children"), Input("add", "n_clicks"), prevent_initial_call=True)
def add(clicks):
    index = clicks or 0
    patch = Patch()
    patch.append(dcc.Dropdown(id={"type": "filter", "index": index}, placeholder=f"filter {index}"))
    return patch


@app.callback(
    Output({"type": "filter", "index": MATCH}, "options"),
    Input({"type": "filter", "index": MATCH}, "value"),
    State({"type": "filter", "index": ALLSMALLER}, "value"),
)
def narrow(_value, before):
    chosen = [value for value in before if value is not None]
    values = {
        value
        for row in CITIES
        if all(allows(row, choice) for choice in chosen)
        for value in row
        if value not in chosen
    }
    return sorted(values)


@app.callback(Output("table", "children"), Input({"type": "filter", "index": ALL}, "value"))
def table(filters):
    return [
        html.Tr([html.Td(cell) for cell in row])
        for row in CITIES
        if all(allows(row, value) for value in filters)
    ]
