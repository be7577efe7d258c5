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

# The key of a callback without outputs is a hash of Python's choosing; the requests
# write NO_OUTPUT and each server's own key replaces it.
NO_OUTPUT = "NO_OUTPUT"

COUNTER_UPDATE = {
    "output": "..count.children...history.children..",
    "outputs": [{"id": "count", "property": "children"}, {"id": "history", "property": "children"}],
    "state": [{"id": "count", "property": "children", "value": "0"}],
}

def todo_item(index, checked, text):
    return (
        {"id": {"index": index, "type": "done"}, "property": "value", "value": ["done"] if checked else []},
        {"id": {"index": index, "type": "label"}, "property": "children", "value": text},
    )


TODO_ITEMS = [todo_item(1, False, "milk"), todo_item(2, True, "bread"), todo_item(5, False, "tea")]

def filter_value(index, value):
    item = {"id": {"index": index, "type": "filter"}, "property": "value"}
    if value is not None:
        item["value"] = value
    return item


REQUESTS = {
    "filters": [
        # The second "add filter" click.
        {"output": "container.children", "outputs": {"id": "container", "property": "children"},
         "inputs": [{"id": "add", "property": "n_clicks", "value": 2}], "changedPropIds": ["add.n_clicks"]},
        # Filter 3 appears, after filters 1 ("Europe") and 2 ("Germany").
        {"output": '{"index":["MATCH"],"type":"filter"}.options',
         "outputs": {"id": {"index": 3, "type": "filter"}, "property": "options"},
         "inputs": [filter_value(3, None)],
         "state": [[filter_value(1, "Europe"), filter_value(2, "Germany")]],
         "changedPropIds": []},
        # The first filter: nothing before it.
        {"output": '{"index":["MATCH"],"type":"filter"}.options',
         "outputs": {"id": {"index": 1, "type": "filter"}, "property": "options"},
         "inputs": [filter_value(1, None)], "state": [[]], "changedPropIds": []},
        # The table under two filters, and under none.
        {"output": "table.children", "outputs": {"id": "table", "property": "children"},
         "inputs": [[filter_value(1, "Europe"), filter_value(2, "Germany"), filter_value(3, None)]],
         "changedPropIds": ['{"index":2,"type":"filter"}.value']},
        {"output": "table.children", "outputs": {"id": "table", "property": "children"},
         "inputs": [[]], "changedPropIds": []},
    ],
    "todo": [
        # "add", with two items already there.
        {"output": "..list.children...new_item.value..",
         "outputs": [{"id": "list", "property": "children"}, {"id": "new_item", "property": "value"}],
         "inputs": [{"id": "add", "property": "n_clicks", "value": 3}, {"id": "clear", "property": "n_clicks"}],
         "state": [{"id": "new_item", "property": "value", "value": "eggs"},
                   [item[0] for item in TODO_ITEMS], [item[1] for item in TODO_ITEMS]],
         "changedPropIds": ["add.n_clicks"]},
        # "clear done": the second item goes.
        {"output": "..list.children...new_item.value..",
         "outputs": [{"id": "list", "property": "children"}, {"id": "new_item", "property": "value"}],
         "inputs": [{"id": "add", "property": "n_clicks", "value": 3}, {"id": "clear", "property": "n_clicks", "value": 1}],
         "state": [{"id": "new_item", "property": "value", "value": ""},
                   [item[0] for item in TODO_ITEMS], [item[1] for item in TODO_ITEMS]],
         "changedPropIds": ["clear.n_clicks"]},
        # MATCH: item 2 checked.
        {"output": '{"index":["MATCH"],"type":"label"}.style',
         "outputs": {"id": {"index": 2, "type": "label"}, "property": "style"},
         "inputs": [TODO_ITEMS[1][0]],
         "changedPropIds": ['{"index":2,"type":"done"}.value']},
        # ALL: the summary.
        {"output": "summary.children",
         "outputs": {"id": "summary", "property": "children"},
         "inputs": [[item[0] for item in TODO_ITEMS]],
         "changedPropIds": ['{"index":2,"type":"done"}.value']},
        # ALL with no components at all.
        {"output": "summary.children",
         "outputs": {"id": "summary", "property": "children"},
         "inputs": [[]],
         "changedPropIds": []},
    ],
    "components": [],
    "counter": [
        # The initial call: nothing fired.
        dict(COUNTER_UPDATE, inputs=[{"id": "inc", "property": "n_clicks"}, {"id": "dec", "property": "n_clicks"},
                                     {"id": "reset", "property": "n_clicks"}], changedPropIds=[]),
        # `inc` fired.
        dict(COUNTER_UPDATE, inputs=[{"id": "inc", "property": "n_clicks", "value": 1}, {"id": "dec", "property": "n_clicks"},
                                     {"id": "reset", "property": "n_clicks"}], changedPropIds=["inc.n_clicks"]),
        # `reset` fired, with the count at 3.
        dict(COUNTER_UPDATE, inputs=[{"id": "inc", "property": "n_clicks", "value": 3}, {"id": "dec", "property": "n_clicks"},
                                     {"id": "reset", "property": "n_clicks", "value": 1}], changedPropIds=["reset.n_clicks"],
             state=[{"id": "count", "property": "children", "value": "3"}]),
        # The callback with no outputs: side updates only.
        {"output": NO_OUTPUT, "inputs": [{"id": "save", "property": "n_clicks", "value": 2}],
         "changedPropIds": ["save.n_clicks"]},
        # A failing callback whose on_error handler answers.
        {"output": "count.title", "outputs": {"id": "count", "property": "title"},
         "inputs": [{"id": "fail", "property": "n_clicks", "value": 1}], "changedPropIds": ["fail.n_clicks"]},
    ],
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
        # The server callbacks without outputs (a clientside one is never requested).
        no_output = [
            spec["output"]
            for spec in client.get("/_dash-dependencies").get_json()
            if spec.get("no_output") and not spec.get("clientside_function")
        ]
        for request in requests:
            sent = dict(request)
            if sent["output"] == NO_OUTPUT:
                sent["output"] = no_output[0]
            response = client.post("/_dash-update-component", json=sent)
            exchanges.append({"request": request, "status": response.status_code, "response": response.get_json()})
        (out / "updates.json").write_text(json.dumps(exchanges, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
