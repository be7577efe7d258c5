"""The Python twin of examples/weather_site/: the weather dashboard as a multi-page app,
with an overview, a page per city (`/city/<name>`, `?days=N`), an about page that `/info`
redirects to, and a 404 page; the stylesheet and link-preview image are the example's.

Run it: `python tests/python/weather_site.py` (http://127.0.0.1:8050/).
With `--fixtures`, it writes what Python Dash 4.4.1 serves for it (meta tags, the
redirect, the pages' callbacks, the routing callback's answers) into
tests/fixtures/pages/python.json, the reference of tests/pages.rs.
"""
import json
import math
import pathlib
import sys

import dash
from dash import Dash, Input, Output, State, dcc, html

HERE = pathlib.Path(__file__).parent
ASSETS = HERE.parent.parent / "examples" / "weather_site" / "assets"
CITIES = ["Paris", "Oslo", "Cairo", "Sydney", "Montreal"]
TODAY = 200

app = Dash(__name__, title="Weather", pages_folder="", assets_folder=str(ASSETS))


def climate(city):
    return {
        "Paris": (12.5, 8.0, 200.0),
        "Oslo": (6.5, 10.5, 200.0),
        "Cairo": (22.5, 7.0, 205.0),
        "Sydney": (18.5, 4.5, 15.0),
        "Montreal": (7.0, 14.0, 200.0),
    }.get(city, (15.0, 6.0, 200.0))


MASK = (1 << 64) - 1


def noise(city, tick):
    x = (tick * 0x9E3779B97F4A7C15) & MASK
    for byte in city.encode():
        x = ((x ^ byte) * 0x0100000001B3) & MASK
    x ^= x >> 31
    x = (x * 0xBF58476D1CE4E5B9) & MASK
    x ^= x >> 29
    return (x >> 11) / float(1 << 52) - 1.0


def temperature(city, minutes):
    mean, swing, warmest = climate(city)
    day = minutes / 1440.0
    season = swing * math.cos(2 * math.pi * (day - warmest) / 365.25)
    daily = 4.0 * math.cos(2 * math.pi * ((day % 1.0) - 0.625))
    weather = 3.0 * noise(city, minutes // 1440) + 0.6 * noise(city, minutes)
    return round((mean + season + daily + weather) * 10.0) / 10.0


def daily_mean(city, day):
    total = sum(temperature(city, day * 1440 + hour * 60) for hour in range(24))
    return round(total / 24.0 * 10.0) / 10.0


def city_of(name):
    return next((c for c in CITIES if c.lower() == (name or "").lower()), None)


def overview():
    return html.Div(
        [
            html.H2("Today"),
            dcc.RadioItems(["°C", "°F"], "°C", id="unit", className="units"),
            html.Div(id="cards", className="cards"),
        ]
    )


def not_found():
    return html.Div(
        [html.H2("No such page"), dcc.Link("Back to the overview", href="/")],
        className="not-found",
    )


def city(name=None, days=None, **_):
    found = city_of(name) if name is not None else CITIES[0]
    if found is None:
        return not_found()
    days = max(1, min(365, int(days))) if days else 30
    return html.Div(
        [
            html.H2(f"Weather in {found}"),
            dcc.Store(id="city_name", data=found),
            dcc.Dropdown(
                [{"label": f"{d} days", "value": d} for d in (7, 30, 90, 365)],
                days,
                id="days",
                clearable=False,
            ),
            dcc.Graph(id="city_graph"),
            html.P(id="city_stats", className="stats"),
        ]
    )


def about():
    return html.Div(
        [
            html.H2("About"),
            html.P("Made-up but plausible weather, computed the same on every run."),
        ]
    )


dash.register_page(
    "overview", path="/", layout=overview, title="Weather", order=0,
    description="Today's weather in five cities",
)
dash.register_page(
    "city", path_template="/city/<name>", layout=city, order=1,
    title=lambda name=None: f"Weather in {name}",
    description="A year of temperatures, day by day",
)
dash.register_page("about", path="/about", layout=about, redirect_from=["/info"], order=2)
dash.register_page("not_found_404", layout=not_found)

app.layout = html.Div(
    [
        html.Header(
            [
                html.H1("Weather"),
                html.Nav(
                    [dcc.Link("Overview", href="/"), dcc.Link("About", href="/about")]
                    + [dcc.Link(c, href=f"/city/{c.lower()}") for c in CITIES]
                ),
            ]
        ),
        html.Main(dash.page_container),
    ]
)


@app.callback(Output("cards", "children"), Input("unit", "value"))
def cards(unit):
    out = []
    for c in CITIES:
        celsius = daily_mean(c, TODAY)
        shown = f"{celsius * 9 / 5 + 32:.1f} °F" if unit == "°F" else f"{celsius:.1f} °C"
        out.append(
            dcc.Link(
                [html.H3(c), html.P(shown, className="temperature")],
                href=f"/city/{c.lower()}",
                className="card",
            )
        )
    return out


@app.callback(
    Output("city_graph", "figure"),
    Output("city_stats", "children"),
    Input("days", "value"),
    State("city_name", "data"),
)
def draw(days, name):
    days = max(1, min(365, int(days or 30)))
    first = max(0, TODAY - (days - 1))
    y = [daily_mean(name or "", d) for d in range(first, TODAY + 1)]
    low, high, mean = min(y), max(y), sum(y) / len(y)
    figure = {
        "data": [{"type": "scatter", "y": y, "mode": "lines", "line": {"color": "#d9480f"}}],
        "layout": {"margin": {"l": 40, "r": 10, "t": 10, "b": 40}},
    }
    return figure, f"lowest {low:.1f} °C · mean {mean:.1f} °C · highest {high:.1f} °C"


def route(client, pathname, search=""):
    body = {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": pathname},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "changedPropIds": ["_pages_location.pathname"],
        "state": [],
    }
    answer = client.post("/_dash-update-component", json=body).get_json()["response"]
    return answer


def fixtures():
    import re

    client = app.server.test_client()
    page = client.get("/city/oslo").get_data(as_text=True)
    metas = re.findall(r"<meta [^>]*>", page)
    home = client.get("/").get_data(as_text=True)
    redirect = client.get("/info")
    dependencies = client.get("/_dash-dependencies").get_json()
    pages = [d for d in dependencies if "_pages" in d["output"]]
    out = {
        "city_metas": metas,
        "home_metas": re.findall(r"<meta [^>]*>", home),
        "title_tag": re.search(r"<title>(.*)</title>", page).group(1),
        "redirect": {"status": redirect.status_code, "location": redirect.headers["Location"]},
        "pages_dependencies": pages,
        "route_city": route(client, "/city/oslo", "?days=7")["_pages_store"],
        "route_home": route(client, "/")["_pages_store"],
        "route_about": route(client, "/about")["_pages_store"],
        "route_missing": route(client, "/city/atlantis"),
        "route_nowhere": route(client, "/nowhere")["_pages_store"],
    }
    target = HERE.parent / "fixtures" / "pages" / "python.json"
    target.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    if "--fixtures" in sys.argv:
        fixtures()
    else:
        app.run(debug=False)
