"""Writes what Python Dash 4.4.1 serves for each reference app into tests/fixtures/<app>/.

Usage: pip install dash==4.4.1 && python tests/python/dump_fixtures.py
"""
import importlib
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).parent
FIXTURES = HERE.parent / "fixtures"
sys.path.insert(0, str(HERE))

REQUESTS = {
    "components": [],
    "scores": [
        {
            "output": "output.children",
            "outputs": {"id": "output", "property": "children"},
            "inputs": [{"id": "score", "property": "value", "value": 5}],
            "changedPropIds": ["score.value"],
        }
    ],
}


def main():
    for name, requests in REQUESTS.items():
        app = importlib.import_module(name).app
        client = app.server.test_client()
        out = FIXTURES / name
        out.mkdir(parents=True, exist_ok=True)
        for route in ("_dash-layout", "_dash-dependencies"):
            body = client.get("/" + route).get_json()
            (out / (route.lstrip("_") + ".json")).write_text(json.dumps(body, indent=1, sort_keys=True) + "\n")
        exchanges = []
        for request in requests:
            response = client.post("/_dash-update-component", json=request)
            exchanges.append({"request": request, "status": response.status_code, "response": response.get_json()})
        (out / "updates.json").write_text(json.dumps(exchanges, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
