"""The tutorial's first app in Python Dash, used as the reference for examples/scores.rs.

Run `python tests/python/dump_fixtures.py` (with `pip install dash==4.4.1`) to write what
Python Dash serves for it into tests/fixtures/scores/. `server` is the WSGI app that
scripts/bench-http serves with gunicorn; scores_fastapi.py is the same app on Dash's
FastAPI backend.
"""
from dash import Dash, Input, Output, dcc, html

SCORES = [1, 5, 2, 5, 2, 3, 1, 5, 1, 5]
STUDENTS = [{"id": i + 1, "score": s} for i, s in enumerate(SCORES)]


def build(**options):
    """The app, with `Dash(...)` options (`backend="fastapi"`)."""
    app = Dash(__name__, **options)
    app.layout = html.Div(
        [
            dcc.Dropdown(id="score", options=[1, 2, 3, 4, 5], value=1),
            "was scored by this many students:",
            html.Div(id="output"),
        ]
    )

    @app.callback(Output("output", "children"), Input("score", "value"))
    def count_students(score):
        return len([s for s in STUDENTS if s["score"] == score])

    return app


app = build()
server = app.server
