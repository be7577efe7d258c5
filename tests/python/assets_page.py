"""Writes the assets Python Dash 4.4.1 links in its page, in order, for the folder
tests/fixtures/assets_order/folder, into tests/fixtures/assets_order/python_page.json:
the reference for tests/protocol/assets.rs (`the_page_links_assets_as_python_does`).

Usage: pip install dash==4.4.1 && python tests/python/assets_page.py
"""
import json
import pathlib
import re

from dash import Dash, html

HERE = pathlib.Path(__file__).parent
FIXTURE = HERE.parent / "fixtures" / "assets_order"

app = Dash(
    __name__,
    assets_folder=str(FIXTURE / "folder"),
    assets_ignore="ignored",
    assets_path_ignore=["^vendor$"],
)
app.layout = html.Div("assets")

page = app.server.test_client().get("/").get_data(as_text=True)
strip = lambda url: url.split("?")[0]
stylesheets = [strip(u) for u in re.findall(r'<link rel="stylesheet" href="(/assets/[^"]+)"', page)]
scripts = [
    {"src": strip(re.search(r'src="([^"]+)"', tag).group(1)), "module": 'type="module"' in tag}
    for tag in re.findall(r'<script[^>]*src="/assets/[^>]*>', page)
]
favicon = re.search(r'<link rel="icon" type="image/x-icon" href="([^"]+)"', page).group(1)
(FIXTURE / "python_page.json").write_text(
    json.dumps({"stylesheets": stylesheets, "scripts": scripts, "favicon": strip(favicon)}, indent=2)
    + "\n"
)
