"""The Python twin of the `allow_optional` app of tests/browser.rs
(`an_optional_input_missing_from_the_page_still_runs_its_callback`): a callback with an
input on no page, marked `allow_optional=True`.

Run it: `python tests/python/optional.py`. With `--fixtures`, it writes its
`_dash-dependencies` and its answer to the request the renderer sends (the missing input
as `null`) into tests/fixtures/optional/python.json, which the browser test compares with.
"""
import json
import pathlib
import sys

from dash import Dash, Input, Output, dcc, html

HERE = pathlib.Path(__file__).parent

app = Dash(__name__)
app.layout = html.Div([dcc.Input(id="here", value="Oslo"), html.Div(id="out")])


@app.callback(
    Output("out", "children"),
    Input("here", "value"),
    Input("elsewhere", "value", allow_optional=True),
)
def both(here, elsewhere):
    return f"{here or ''} + {elsewhere or 'absent'}"


def fixtures():
    client = app.server.test_client()
    dependencies = client.get("/_dash-dependencies").get_json()
    body = {
        "output": "out.children",
        "outputs": {"id": "out", "property": "children"},
        "inputs": [
            {"id": "here", "property": "value", "value": "Oslo"},
            {"id": "elsewhere", "property": "value", "value": None},
        ],
        "changedPropIds": [],
    }
    answer = client.post("/_dash-update-component", json=body).get_json()
    out = {"dependencies": dependencies, "answer": answer}
    target = HERE.parent / "fixtures" / "optional" / "python.json"
    target.write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    if "--fixtures" in sys.argv:
        fixtures()
    else:
        app.run(debug=False)
