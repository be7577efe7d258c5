"""tests/python/scores.py on Dash's FastAPI backend (Dash 4.2 and later), for uvicorn:
`uvicorn scores_fastapi:server`."""
from scores import build

app = build(backend="fastapi")
server = app.server
