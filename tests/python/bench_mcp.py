"""The MCP endpoint, side by side: scripts/bench-mcp runs this.

Two servers answer the same MCP requests for the store app (examples/store.rs and its
twin tests/python/store.py): this project's release build, and Python Dash 4.4.1 under
gunicorn (2 sync workers), with `enable_mcp=True`. Each request is a JSON-RPC POST to
`/_mcp`, sent one after another (on one keep-alive connection where the server keeps it;
gunicorn's sync workers close it after each answer, so the Python side reconnects):

- `tools/list`: the tools with their schemas;
- `tools/call update_table`: the table of a year of daily means (366 rows in, 12 out).

(`update_graph` is left out: Python Dash 4.4.1 renders a figure a tool returns into an
image, which needs the kaleido package and a browser, and fails the call without them.)

The servers are measured in interleaved rounds; the table gives each server's median
latency over the rounds' medians, and the ratio.

Usage: bench_mcp.py ROOT VENV [--rounds N] [--requests R]
"""
import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, what, deadline=60):
    start = time.time()
    while time.time() - start < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    sys.exit(f"{what} did not listen on {port} within {deadline} s")


class Session:
    """JSON-RPC over one keep-alive connection."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.next_id = 0

    def send(self, method, params):
        self.next_id += 1
        body = json.dumps({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        self.connection.request(
            "POST",
            "/_mcp",
            body=body,
            headers={
                "content-type": "application/json",
                "accept": "application/json, text/event-stream",
                "mcp-protocol-version": "2025-11-25",
            },
        )
        response = self.connection.getresponse()
        data = response.read()
        if (response.getheader("connection") or "").lower() == "close":
            # gunicorn's sync workers answer one request per connection: open the next.
            self.connection.close()
        if response.status != 200:
            sys.exit(f"{method}: {response.status} {data[:300]!r}")
        answer = json.loads(data)
        if "error" in answer or answer.get("result", {}).get("isError"):
            sys.exit(f"{method}: {str(answer)[:300]}")
        return answer["result"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("root")
    parser.add_argument("venv")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    ours_port, python_port = free_port(), free_port()
    env = dict(os.environ, PORT=str(ours_port), RUST_LOG="warn")
    ours = subprocess.Popen(
        [os.path.join(args.root, "target/release/examples/store")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    python = subprocess.Popen(
        [
            os.path.join(args.venv, "bin/gunicorn"),
            "--chdir",
            os.path.join(args.root, "tests/python"),
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{python_port}",
            "--log-level",
            "warning",
            "store:server",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(ours_port, "the Rust store example")
        wait_for(python_port, "the Python twin under gunicorn")
        sessions = {"rust": Session(ours_port), "python": Session(python_port)}
        init = {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}}
        data = None
        for name, session in sessions.items():
            session.send("initialize", init)
            cleaned = session.send("tools/call", {"name": "clean_data", "arguments": {"city": "Oslo"}})
            data = data or cleaned["structuredContent"]["response"]["intermediate"]["data"]
        requests = {
            "tools/list": ("tools/list", {}),
            "tools/call update_table": ("tools/call", {"name": "update_table", "arguments": {"data": data}}),
        }
        medians = {(label, name): [] for label in requests for name in sessions}
        for _ in range(args.rounds):
            for label, (method, params) in requests.items():
                for name, session in sessions.items():
                    session.send(method, params)  # warm
                    times = []
                    for _ in range(args.requests):
                        start = time.perf_counter()
                        session.send(method, params)
                        times.append(time.perf_counter() - start)
                    medians[(label, name)].append(statistics.median(times))
        print(f"MCP requests on one connection, median of {args.rounds} rounds of {args.requests} requests each")
        print(f"{'request':<26}{'rust (ms)':>12}{'python (ms)':>14}{'python/rust':>14}")
        for label in requests:
            rust = statistics.median(medians[(label, "rust")]) * 1000
            py = statistics.median(medians[(label, "python")]) * 1000
            print(f"{label:<26}{rust:>12.2f}{py:>14.2f}{py / rust:>13.1f}x")
    finally:
        for process in (ours, python):
            process.terminate()
            process.wait()


if __name__ == "__main__":
    main()
