"""Every dcc component, DataTable and a broad sample of html elements, in one layout.

tests/components.rs builds the same layout with the typed Rust components and compares
the JSON with what this app serves.
"""
from dash import Dash, dash_table, dcc, html

app = Dash(__name__)

app.layout = html.Div(
    id="page",
    className="page",
    style={"padding": "1em", "fontFamily": "sans-serif"},
    children=[
        html.H1("All components", title="heading", **{"data-test": "h1", "aria-label": "Heading"}),
        html.P(["text ", html.B("bold"), 3, " ", html.A("link", href="https://example.com", target="_blank")]),
        html.Img(src="/x.png", alt="x", width=10, height="20"),
        html.Ul([html.Li("one"), html.Li("two", n_clicks=2)]),
        html.Table(
            [
                html.Thead(html.Tr([html.Th("a"), html.Th("b", colSpan=2)])),
                html.Tbody(html.Tr([html.Td(1), html.Td(2.5)])),
            ]
        ),
        html.Button("Go", id="go", n_clicks=0, disabled=False, hidden=True),
        html.Label("Name", htmlFor="name"),
        html.Select([html.Option("x", value="x", selected=True), html.Option("y", value="y")]),
        html.Video(src="/v.mp4", controls=True, loop=True),
        html.Iframe(src="/frame", sandbox=""),
        html.Details([html.Summary("More"), "hidden text"], open=True),
        html.Progress(value="30", max=100),
        html.Hr(),
        html.Br(),
        html.Span(tabIndex=1, key="k", role="note", dir="ltr", lang="en", draggable="true"),
        dcc.Button("Click", id="dcc-button", n_clicks=0, type="button"),
        dcc.Checklist(
            id="checklist",
            options=["a", "b", {"label": "C", "value": "c", "disabled": True}],
            value=["a"],
            inline=True,
        ),
        dcc.Clipboard(id="clip", target_id="page", title="copy"),
        dcc.ConfirmDialog(id="confirm", message="Sure?"),
        dcc.ConfirmDialogProvider(html.Button("Delete"), id="provider", message="Really?"),
        dcc.DatePickerRange(
            id="range",
            start_date="2024-01-01",
            end_date="2024-01-31",
            display_format="YYYY-MM-DD",
            first_day_of_week=1,
        ),
        dcc.DatePickerSingle(id="date", date="2024-05-06", min_date_allowed="2024-01-01", clearable=True),
        dcc.Download(id="download"),
        dcc.Dropdown(
            id="dropdown",
            options=[{"label": "New York", "value": "NYC"}, {"label": "Montréal", "value": "MTL"}],
            value="NYC",
            clearable=False,
            multi=False,
        ),
        dcc.Geolocation(id="geo", high_accuracy=True),
        dcc.Graph(
            id="graph",
            figure={"data": [{"type": "bar", "x": [1, 2], "y": [3, 4]}], "layout": {"title": {"text": "Bars"}}},
            config={"displayModeBar": False, "toImageButtonOptions": {"format": "svg"}},
            style={"height": "300px"},
            responsive=True,
        ),
        dcc.Input(id="input", type="number", value=3, min=0, max=10, step=0.5, debounce=True, placeholder="n"),
        dcc.Interval(id="interval", interval=60000, max_intervals=0, disabled=True),
        dcc.Link("Home", href="/", refresh=False),
        dcc.Loading(html.Div("loaded"), id="loading", type="circle", custom_spinner=html.Span("wait")),
        dcc.Location(id="url", refresh=False),
        dcc.Markdown("# Title\n*em*", id="md", dangerously_allow_html=False, link_target="_blank"),
        dcc.RadioItems(id="radio", options={"a": "A", "b": "B"}, value="a", inline=True),
        dcc.RangeSlider(
            id="rangeslider",
            min=0,
            max=10,
            step=1,
            value=[2, 8],
            marks={0: "0", 10: "10"},
            tooltip={"placement": "bottom", "always_visible": True},
        ),
        dcc.Slider(id="slider", min=0, max=1, step=0.1, value=0.5, marks=None, updatemode="drag"),
        dcc.Store(id="store", data={"a": [1, 2]}, storage_type="session"),
        dcc.Tabs(
            id="tabs",
            value="t1",
            children=[
                dcc.Tab(label="One", value="t1", children=html.Div("first")),
                dcc.Tab(label=html.B("Two"), value="t2", disabled=True),
            ],
            colors={"border": "#ddd", "primary": "#09f", "background": "#eee"},
        ),
        dcc.Textarea(id="textarea", value="text", rows=3, readOnly=True),
        dcc.Tooltip(id="tooltip", show=False, direction="right", bbox={"x0": 0, "y0": 0, "x1": 10, "y1": 10}),
        dcc.Upload(html.Div("Drop"), id="upload", multiple=True, max_size=-1, accept=".csv"),
        dash_table.DataTable(
            id="table",
            columns=[
                {"name": "City", "id": "city"},
                {"name": ["Temp", "°C"], "id": "t", "type": "numeric", "editable": True},
            ],
            data=[{"city": "NYC", "t": 3.5}, {"city": "MTL", "t": -2}],
            page_size=10,
            sort_action="native",
            filter_action="native",
            row_selectable="multi",
            style_data_conditional=[{"if": {"row_index": "odd"}, "backgroundColor": "#f8f8f8"}],
            tooltip_header={"city": "Where"},
            fixed_rows={"headers": True},
            selected_rows=[],
            active_cell={"row": 0, "column": 0, "column_id": "city"},
            column_selectable=False,
        ),
    ],
)
