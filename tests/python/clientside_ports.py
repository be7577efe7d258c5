"""The Python twins of tests/clientside.rs: each port of Dash's clientside tests, as the
Rust test writes it, with the same named functions (tests/clientside_assets/ is the
assets folder of both).

`pip install dash==4.4.1`, then `PORT=8050 python tests/python/clientside_ports.py NAME`,
NAME one of the functions below (`clsd002`, ...). Once the port answers it prints
`Dash is running on URL`, the line tests/clientside.rs waits for. `/counts` answers how
often each server callback ran.
"""
import json
import os
import pathlib
import socket
import sys
import threading
import time

from dash import ALL, MATCH, ClientsideFunction, Dash, Input, Output, State, dcc, html

ASSETS = str(pathlib.Path(__file__).parent.parent / "clientside_assets")
COUNTS = {}


def counted(name):
    COUNTS[name] = COUNTS.get(name, 0) + 1
    return COUNTS[name]


def new_app():
    return Dash(__name__, assets_folder=ASSETS)


def clsd001():
    app = new_app()
    app.layout = html.Div(
        [dcc.Input(id="input"), html.Div(id="output-clientside"), html.Div(id="output-serverside")]
    )

    @app.callback(Output("output-serverside", "children"), Input("input", "value"))
    def update_output(value):
        return f'Server says "{value}"'

    app.clientside_callback(
        ClientsideFunction("clientside", "display"),
        Output("output-clientside", "children"),
        Input("input", "value"),
    )
    return app


def clsd002():
    app = new_app()
    app.layout = html.Div(
        [
            dcc.Input(id="x", value=3),
            dcc.Input(id="y", value=6),
            dcc.Input(id="x-plus-y"),
            dcc.Input(id="x-plus-y-div-2"),
            dcc.Textarea(id="display-all-of-the-values"),
            dcc.Input(id="mean-of-all-values"),
        ]
    )
    app.clientside_callback(
        ClientsideFunction("clientside", "add"),
        Output("x-plus-y", "value"),
        Input("x", "value"),
        Input("y", "value"),
    )

    @app.callback(Output("x-plus-y-div-2", "value"), Input("x-plus-y", "value"))
    def divide_by_two(value):
        counted("divide")
        return float(value) / 2.0

    @app.callback(
        Output("display-all-of-the-values", "value"),
        Input("x", "value"),
        Input("y", "value"),
        Input("x-plus-y", "value"),
        Input("x-plus-y-div-2", "value"),
    )
    def display_all(*values):
        counted("display")
        return "\n".join(str(value) for value in values)

    app.clientside_callback(
        ClientsideFunction("clientside", "mean"),
        Output("mean-of-all-values", "value"),
        Input("x", "value"),
        Input("y", "value"),
        Input("x-plus-y", "value"),
        Input("x-plus-y-div-2", "value"),
    )
    return app


def clsd003():
    app = new_app()
    app.layout = html.Div([dcc.Input(id="first", value=1), dcc.Input(id="second"), dcc.Input(id="third")])
    for source, target in (("first", "second"), ("second", "third")):
        app.clientside_callback(
            ClientsideFunction("clientside", "add1_break_at_11"),
            Output(target, "value"),
            Input(source, "value"),
        )
    return app


def clsd004():
    app = new_app()
    app.layout = html.Div(
        [dcc.Input(id="input", value=1)] + [dcc.Input(id=f"output-{n}") for n in range(1, 5)]
    )
    app.clientside_callback(
        ClientsideFunction("clientside", "add_to_four_outputs"),
        [Output(f"output-{n}", "value") for n in range(1, 5)],
        Input("input", "value"),
    )
    return app


def three_inputs():
    return html.Div([dcc.Input(id=name, value=1) for name in ("first", "second", "third")])


def clsd006():
    app = new_app()
    app.layout = three_inputs()
    for source, target in (("first", "second"), ("second", "third")):
        app.clientside_callback(
            ClientsideFunction("clientside", "add1_prevent_at_11"),
            Output(target, "value"),
            Input(source, "value"),
            State(target, "value"),
        )
    return app


def clsd007():
    app = new_app()
    app.layout = three_inputs()
    app.clientside_callback(
        ClientsideFunction("clientside", "add1_no_update_at_11"),
        [Output("second", "value"), Output("third", "value")],
        Input("first", "value"),
        [State("second", "value"), State("third", "value")],
    )
    return app


def clsd008():
    app = new_app()
    app.layout = html.Div(
        [dcc.Input(id="input"), html.Div(id="output-clientside"), html.Div(id="output-serverside")]
    )

    @app.callback(Output("output-serverside", "children"), Input("input", "value"))
    def update_output(value):
        return f'Server says "{value}"'

    app.clientside_callback(
        """
        function (value) {
            return 'Client says "' + value + '"';
        }
        """,
        Output("output-clientside", "children"),
        Input("input", "value"),
    )
    return app


def clsd009():
    app = new_app()
    app.layout = html.Div(
        [html.Button("btn0", id="btn0")]
        + [html.Button(f"btn1:{i}", id={"type": "btn1", "index": i}) for i in range(3)]
        + [html.Div(id="output-clientside"), html.Div(id="output-id")]
    )
    for function, output in (("triggered_to_str", "output-clientside"), ("triggered_id_to_str", "output-id")):
        app.clientside_callback(
            ClientsideFunction("clientside", function),
            Output(output, "children"),
            Input("btn0", "n_clicks"),
            Input({"type": "btn1", "index": ALL}, "n_clicks"),
        )
    return app


def clsd010():
    app = new_app()
    app.layout = html.Div(
        [dcc.Input(id="in0")]
        + [dcc.Input(id={"type": "in1", "index": i}) for i in range(3)]
        + [html.Pre(id="output-clientside")]
    )
    app.clientside_callback(
        ClientsideFunction("clientside", "context_to_str"),
        Output("output-clientside", "children"),
        Input("in0", "n_submit"),
        Input({"type": "in1", "index": ALL}, "n_submit"),
        State("in0", "value"),
        State({"type": "in1", "index": ALL}, "value"),
    )
    return app


def clsd014():
    app = new_app()
    app.layout = html.Div([html.Div(id="input-text"), dcc.Input(id="input", type="number", value=0)])
    app.clientside_callback(
        ClientsideFunction("clientside", "input_output_callback"),
        Output("input", "value"),
        Input("input", "value"),
    )
    app.clientside_callback(
        ClientsideFunction("clientside", "input_output_follower"),
        Output("input-text", "children"),
        Input("input", "value"),
    )
    return app


def clsd015():
    app = new_app()
    ids = ["div-1", "div-2", "clientside-div", "serverside-div", "inline-async", "inline-promise"]
    app.layout = html.Div([html.Div("initial", id="input")] + [html.Div(id=i) for i in ids])
    app.clientside_callback(
        ClientsideFunction("clientside", "chained_promise"),
        Output("div-1", "children"),
        Input("input", "children"),
    )

    @app.callback(Output("div-2", "children"), Input("div-1", "children"))
    def twice(value):
        return f"{value or ''}-twice"

    app.clientside_callback(
        ClientsideFunction("clientside", "delayed_promise"),
        Output("clientside-div", "children"),
        Input("input", "children"),
    )

    @app.callback(Output("serverside-div", "children"), Input("input", "children"))
    def server(value):
        return f"serverside-{value}"

    app.clientside_callback(
        """
        async function (input) {
            return input + "-inline";
        }
    """,
        Output("inline-async", "children"),
        Input("input", "children"),
    )
    app.clientside_callback(
        """
        function (input) {
            return new Promise(function (resolve) {
                resolve(input + "-inline");
            });
        }
    """,
        Output("inline-promise", "children"),
        Input("input", "children"),
    )
    return app


def clsd022():
    app = new_app()
    app.layout = html.Div(
        [
            html.Button("click", id={"type": "input", "index": "1.2"}),
            html.Div(id={"type": "output", "index": "1.2"}, className="output"),
        ]
    )
    app.clientside_callback(
        "(n_clicks) => `clicked ${n_clicks}`",
        Output({"type": "output", "index": MATCH}, "children"),
        Input({"type": "input", "index": MATCH}, "n_clicks"),
        prevent_initial_call=True,
    )
    return app


def sp001():
    app = new_app()
    ids = [
        {"id": {"index": "1", "type": "test"}, "children": ["rawr"]},
        {"id": "two", "children": "this is a test"},
        {"id": "three", "children": "i see trees of green"},
    ]
    app.layout = html.Div(
        [html.Div(id=item["id"]) for item in ids]
        + [html.Div(id="four"), html.Button("test setprops", id="setup")]
    )
    app.clientside_callback(
        "(_clicks) => {" + json.dumps(ids) + ".forEach(({id, ...props}) => "
        "window.dash_clientside.set_props(id, props)); }",
        Input("setup", "n_clicks"),
        prevent_initial_call=True,
    )
    for item in ids:
        source = {"type": "test", "index": ALL} if isinstance(item["id"], dict) else item["id"]

        @app.callback(
            Output("four", "children", allow_duplicate=True),
            Input(source, "children"),
            prevent_initial_call=True,
        )
        def printout(_children):
            return counted("setprops")

    return app


def cmorsnu001():
    app = new_app()
    app.layout = html.Div(
        [
            html.Button("trigger", id="trigger-demo"),
            html.Div("demo1", id="output-demo1"),
            html.Div("demo2", id="output-demo2"),
            html.Pre(id="outputs-list"),
        ]
    )
    app.clientside_callback(
        """(n_clicks) => {
        try {
            return window.dash_clientside.no_update;
        } catch (e) {
            return [null, null];
        }
    }""",
        Output("output-demo1", "children"),
        Output("output-demo2", "children"),
        Input("trigger-demo", "n_clicks"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        """(n_clicks) => {
        return JSON.stringify(window.dash_clientside.callback_context.outputs_list);
    }""",
        Output("outputs-list", "children"),
        Input("trigger-demo", "n_clicks"),
        prevent_initial_call=True,
    )
    return app


def running():
    # Python ignores `running` on a clientside callback: the button is never disabled.
    app = new_app()
    app.layout = html.Div([html.Button("go", id="go"), html.Div(id="done")])
    app.clientside_callback(
        """(clicks) => new Promise((resolve) => {
        setTimeout(() => resolve(`done ${clicks}`), 600);
    })""",
        Output("done", "children"),
        Input("go", "n_clicks"),
        prevent_initial_call=True,
        running=[(Output("go", "disabled"), True, False)],
    )
    return app


def announce_when_listening(port):
    """Prints the startup line once the port accepts connections."""
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    print(f"Dash is running on http://127.0.0.1:{port}/", file=sys.__stdout__, flush=True)


if __name__ == "__main__":
    app = globals()[sys.argv[1]]()

    @app.server.route("/counts")
    def counts():
        return json.dumps(COUNTS)

    port = int(os.environ.get("PORT", "8050"))
    threading.Thread(target=announce_when_listening, args=(port,), daemon=True).start()
    # Dash announces itself before its port answers: its lines go to the log instead.
    sys.stdout = sys.stderr
    app.run(host="127.0.0.1", port=port, debug=False)
