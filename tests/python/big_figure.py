"""The Python twin of examples/big_figure.rs: one WebGL scatter of N random points, drawn
again each time N is chosen. NumPy arrays, which plotly.py sends as typed arrays (its
fastest form). `server` is the WSGI app, for gunicorn; `python big_figure.py` runs the
development server on PORT (8050).
"""
import os

import numpy as np
import plotly.graph_objects as go
from dash import Dash, Input, Output, dcc, html

app = Dash(__name__, title="Big figure")
app.layout = html.Div(
    [
        dcc.RadioItems(
            id="points", options=[10, 10_000, 100_000, 1_000_000], value=10, inline=True
        ),
        dcc.Graph(id="graph"),
    ]
)


@app.callback(Output("graph", "figure"), Input("points", "value"))
def draw(points):
    random = np.random.default_rng(points)
    x = random.random(points)
    y = random.random(points)
    figure = go.Figure(go.Scattergl(x=x, y=y, mode="markers", marker={"size": 2}))
    figure.update_layout(title={"text": f"{points} points"})
    return figure


server = app.server

if __name__ == "__main__":
    app.run(port=int(os.environ.get("PORT", "8050")))
